"""Puts the reviewers' features into the main window (one call from ``MainWindow.__init__``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from ...constants import AUTOMATIC_STATUSES, SectionStatus
from ...edits import SetFieldValue, SetMeta, SetSectionBody, SetTableRows
from ...errors import BaocaoError
from ...review import operations as ops
from ..docks import add_right_dock
from . import strings as S
from .comments_panel import CommentsPanel
from .highlight import ResolvedPainter
from .dock_fit import DockFitter
from .word_jobs import WordExports
from .outline_marks import OutlineMarks

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

REVIEWER_STATUSES = (SectionStatus.NEEDS_WORK, SectionStatus.APPROVED)
#: edits of text, figures and details: they move no reviewer status, so the outline marks stay as they are
TEXT_EDITS = (SetSectionBody, SetFieldValue, SetTableRows, SetMeta)


@dataclass
class ReviewRoom:
    """What ``install_review`` added to the window (``window.review``)."""

    window: "MainWindow"
    panel: CommentsPanel
    dock: QDockWidget
    menu: QMenu
    marks: OutlineMarks
    actions: dict[str, QAction]
    painter: ResolvedPainter | None = None
    exports: WordExports | None = None
    fitter: DockFitter | None = None
    shipped: object = None          # the draft as opened (the bundled sample's second version)
    #: «đã duyệt» recorded without a content digest (earlier versions): the digest of the content as opened
    fallbacks: dict[str, str] = field(default_factory=dict)
    import_report: object = None    # the last review import's details window (``commands.import_review``)

    # ------------------------------------------------------------ statuses
    def set_status(self, section_id: str, status: SectionStatus) -> bool:
        """Set a section's status; "cần sửa" / "đã duyệt" record who and when (one undo step)."""
        window = self.window
        session = window.session
        if session is None or not session.pack.has_section(section_id):
            return False
        draft = session.draft
        if status in AUTOMATIC_STATUSES:
            status = SectionStatus.EMPTY
        if draft.section(section_id).status is status and not self.is_outdated(section_id):
            return False                                # an outdated «đã duyệt» can be given again
        if status is SectionStatus.APPROVED and not self._open_comments_allow(section_id):
            window.editor.set_status(draft.section(section_id).shown_status())
            return False
        if status in REVIEWER_STATUSES:
            from .identity import current_reviewer

            who = current_reviewer(window.settings)     # never a modal question in the middle of the status list
            pushed = window.controller.push(ops.set_section_status(draft, section_id, status, who))
            self.fallbacks.pop(section_id, None)        # the new record holds the digest of what was approved
        else:
            from ...edits import SetSectionStatus

            pushed = window.controller.push(SetSectionStatus.make(draft, section_id, status), window.editor.status)
        window.editor.set_status(draft.section(section_id).shown_status())
        return pushed

    def _open_comments_allow(self, section_id: str) -> bool:
        """Before «đã duyệt»: with comments not marked done, ask (show them / approve anyway / cancel)."""
        from ...review.approval import open_threads
        from . import approval_prompt

        window = self.window
        threads = open_threads(window.session.draft, section_id)
        if not threads:
            return True
        title = window.outline.numbered_titles().get(section_id) or window.outline.title_of(section_id) or section_id
        answer = approval_prompt.ask_open_comments(window, title, len(threads))
        if answer is approval_prompt.ApproveAnswer.APPROVE:
            return True
        if answer is approval_prompt.ApproveAnswer.SHOW:
            self.show_comments(section_id, [t["id"] for t in threads])
            window.statusBar().showMessage(S.APPROVE_SHOWN.format(title=title, n=len(threads)), 8000)
        return False

    def show_comments(self, section_id: str, ids: list[str]) -> None:
        """Open the comments panel on *section_id*'s comments *ids* (the first one selected)."""
        if self.window.current_key != section_id:
            self.window.select(section_id)
        self.fitter.show_dock()
        if not self.panel.show_resolved.isChecked():
            self.panel.refresh()
        else:
            self.panel.show_resolved.setChecked(False)       # the list shows what is still to do
        for comment_id in ids:
            if self.panel.select_comment(comment_id):
                break
        self.panel.tree.setFocus()

    def is_outdated(self, section_id: str) -> bool:
        """True when *section_id* is «đã duyệt» but its content changed since it was approved."""
        from ...review.approval import is_outdated

        session = self.window.session
        return session is not None and section_id in session.draft.sections and \
            is_outdated(session.draft, section_id, self.fallbacks.get(section_id))

    def _status_chosen(self, section_id: str, status: SectionStatus) -> None:
        self.set_status(section_id, status)

    def mark_current(self, status: SectionStatus) -> None:
        """Menu: the reviewer's decision on the section shown."""
        key = self.window.current_key
        if key:
            self.set_status(key, status)

    # ------------------------------------------------------------ versions
    def save_named_version(self) -> None:
        """File → Save named version, with the reviewer's name recorded in the draft."""
        from PySide6.QtWidgets import QInputDialog

        from .. import prompts, strings as WS

        window = self.window
        session = window.session
        if session is None:
            return
        if session.path is None or session.read_only:
            prompts.show_error(window, WS.HISTORY_TITLE, WS.NAMED_VERSION_READ_ONLY if session.path is not None
                               else WS.NAMED_VERSION_NEEDS_FILE)
            return
        name, ok = QInputDialog.getText(window, WS.HISTORY_TITLE, WS.NAMED_VERSION_PROMPT)
        if not ok or not name.strip():
            return
        self.record_version(name)
        try:
            session.save_named_version(name.strip())
        except BaocaoError as exc:
            prompts.show_error(window, WS.HISTORY_TITLE, exc)
            return
        window.controller.message.emit(WS.NAMED_VERSION_SAVED.format(name=name.strip()))

    def record_version(self, name: str) -> bool:
        """Record who saves the named version *name* (and when) in the draft: one undoable edit.

        Called before the version is saved, by the menu command above and by the History dialog's
        own button (``window.record_named_version``).
        """
        from .identity import current_reviewer

        session = self.window.session
        if session is None or not name.strip():
            return False
        return bool(self.window.controller.push(ops.record_version(session.draft, name,
                                                                   current_reviewer(self.window.settings))))

    # ------------------------------------------------------------ refresh
    def _edit_applied(self, edit, _origin) -> None:
        self.panel.schedule()
        if not isinstance(edit, TEXT_EDITS):     # typing never changes a reviewer's mark: no outline redraw per key
            self.marks.refresh()
            self.painter.paint()                 # resolved / reopened / imported: the highlight follows
        elif self._approved(edit.section_id):    # … except «đã duyệt» → «có thay đổi sau khi duyệt» (and back)
            self.marks.refresh()

    def _approved(self, section_id: str | None) -> bool:
        session = self.window.session
        return bool(session is not None and section_id and section_id in session.draft.sections
                    and session.draft.sections[section_id].status is SectionStatus.APPROVED)

    def _session_changed(self) -> None:
        from ...model.snapshot import draft_snapshot
        from ...review.approval import undigested

        session = self.window.session
        # "as opened", for the sample's versions: a snapshot (later edits never show through it), not a deep copy
        self.shipped = draft_snapshot(session.draft) if session is not None else None
        self.fallbacks = undigested(session.draft) if session is not None else {}
        self.panel.refresh()
        self.marks.refresh()
        self.painter.paint()
        self.fitter.session_opened()    # a reviewed draft opens with its comments in view when there is room


def _action(window, text: str, handler, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: handler())
    window.addAction(action)
    return action


def install_review(window: "MainWindow") -> ReviewRoom:
    """Add the comments panel, the "Góp ý" menu, reviewer statuses and the compare and Word commands."""
    panel = CommentsPanel(window)
    dock = add_right_dock(window, panel, S.PANEL_TITLE, "review_dock")
    marks = OutlineMarks(window)
    menu = QMenu(S.MENU_REVIEW, window)
    room = ReviewRoom(window, panel, dock, menu, marks, {}, ResolvedPainter(window), WordExports(window),
                      DockFitter(window, dock))
    panel.changed.connect(room.fitter.update_button)
    from . import commands

    def comment() -> None:
        room.fitter.show_dock()
        if panel.input.toPlainText().strip():
            panel.comment_on_selection()
        else:
            panel.input.setFocus()
            window.statusBar().showMessage(S.WRITE_FIRST, 6000)

    acts = {
        "identity": _action(window, S.ACT_IDENTITY, lambda: commands.change_identity(window)),
        "panel": _action(window, S.ACT_PANEL, lambda: room.fitter.toggle()),
        "comment": _action(window, S.ACT_COMMENT, comment, "Ctrl+Alt+M"),
        "needs_work": _action(window, S.ACT_NEEDS_WORK, lambda: room.mark_current(SectionStatus.NEEDS_WORK)),
        "approve": _action(window, S.ACT_APPROVE, lambda: room.mark_current(SectionStatus.APPROVED)),
        "compare": _action(window, S.ACT_COMPARE, lambda: commands.show_compare(window)),
        "export_comments": _action(window, S.ACT_EXPORT_COMMENTS, lambda: commands.export_with_comments(window)),
        "export_tracked": _action(window, S.ACT_EXPORT_TRACKED, lambda: commands.export_tracked(window)),
        "import": _action(window, S.ACT_IMPORT, lambda: commands.import_review(window)),
    }
    acts["panel"].setCheckable(True)             # opens through the fitter: the editor keeps its width
    dock.visibilityChanged.connect(lambda _visible: acts["panel"].setChecked(dock.isVisible()))
    room.actions = acts
    for names in (("panel", "comment"), ("needs_work", "approve"), ("compare",),
                  ("export_comments", "export_tracked", "import"), ("identity",)):
        menu.addActions([acts[n] for n in names])
        menu.addSeparator()
    bar = window.menuBar()
    view_menu = next((a for a in bar.actions() if a.menu() is not None and a.text().replace("&", "") == "Xem"), None)
    bar.insertMenu(view_menu, menu) if view_menu is not None else bar.addMenu(menu)
    # the section's status selector: reviewer statuses record who and when
    try:
        window.editor.statusChosen.disconnect(window._status_chosen)
    except (RuntimeError, TypeError):  # pragma: no cover - already rerouted
        pass
    window.editor.statusChosen.connect(room._status_chosen)
    try:
        window.acts.named_version.triggered.disconnect()
    except (RuntimeError, TypeError):  # pragma: no cover
        pass
    window.acts.named_version.triggered.connect(lambda _c=False: room.save_named_version())
    window.controller.editApplied.connect(room._edit_applied)
    window.controller.sessionChanged.connect(room._session_changed)
    window.review = room
    window.record_named_version = room.record_version      # the History dialog's own button records the reviewer
    if window.session is not None:
        room._session_changed()
    return room
