"""Puts the document register into the main window (one call from ``MainWindow.__init__``).

``window.register`` is the ``RegisterRoom``: the dock listing the documents, the «Báo cáo» menu's
entries, the autocomplete of the section editor and the citation tokens' labels.  Every change goes
through ``window.controller.push`` as an undoable edit: the register is ``draft.extras["van-ban"]``
(``SetExtra``), a citation inserted is a ``SetSectionBody`` of its own undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QMenu, QMessageBox

from ...edits import CompoundEdit, Edit, SetExtra, SetSectionBody
from ...errors import BaocaoError
from ...register.constants import EXTRA_NAME
from ...register.entries import Entry, add_entry, entries_by_id, register_entries, remove_entry, update_entry
from ...register.usage import cite_counts, pack_section_order
from ...register.wording import short_form
from .. import navigation as nav
from .. import prompts
from .. import richtext_convert as rc
from . import strings as S
from . import token
from .completer import CitationCompleter
from .note_cite import attach_completer, editing_section, insert_in_note
from .period_note import insert_period_note
from .panel import RegisterPanel
from .body_edit import push_body

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

DOCK_WIDTH = 380
COUNT_DELAY_MS = 400          # the "times cited" column catches up after a pause in typing
SHOW_SHORTCUT = "Ctrl+Shift+D"


def _touches_register(edit: Edit) -> bool:
    if isinstance(edit, SetExtra):
        return edit.name == EXTRA_NAME
    if isinstance(edit, CompoundEdit):
        return any(_touches_register(part) for part in edit.parts)
    return False


@dataclass
class RegisterRoom:
    """What ``install_register`` added to the window (``window.register``)."""

    window: "MainWindow"
    panel: RegisterPanel
    dock: QDockWidget
    completer: CitationCompleter
    actions: dict[str, QAction] = field(default_factory=dict)
    timer: QTimer | None = None
    last_note: object = None          # the footnote editor typed in last (a citation goes there)
    watcher: object = None

    # ------------------------------------------------------------ reading
    def entries(self) -> list[Entry]:
        """The open draft's register (empty without a draft)."""
        session = self.window.session
        return register_entries(session.draft) if session is not None else []

    def date_style(self) -> str:
        """The pack's citation date style."""
        session = self.window.session
        return session.pack.document.citation_date_style if session is not None else "nd30"

    def refresh(self, labels: bool = True) -> None:
        """Show the register again (and the citation tokens' labels when *labels*)."""
        session = self.window.session
        entries = self.entries()
        if labels:
            token.LABELS.update({e.id: short_form(e) for e in entries})
            for doc_id in [i for i in token.LABELS if session is not None and i not in {e.id for e in entries}]:
                token.LABELS.pop(doc_id, None)
            token.refresh_documents(self.window.editor.body.document(),
                                    *(e.document() for e in self._note_editors()))
        counts = cite_counts(session.draft) if session is not None else {}
        self.panel.set_entries(entries, counts, self.date_style())
        self.panel.set_read_only(session is None or self.window.controller.is_read_only())

    def _note_editors(self) -> list:
        from ..notes_panel import NoteEdit

        return self.window.editor.notes.findChildren(NoteEdit)

    def _edit_applied(self, edit: Edit, origin: object | None) -> None:
        if _touches_register(edit):
            self.refresh()
        elif isinstance(edit, SetSectionBody) and self.dock.isVisible() and self.timer is not None:
            self.timer.start()

    # ------------------------------------------------------------ changing the register
    def _push(self, edit: Edit) -> bool:
        return self.window.controller.push(edit)

    def _error(self, exc: BaocaoError) -> None:
        prompts.show_error(self.window, S.FORM_ERROR_TITLE, exc)

    def add_document(self, entry: Entry | None = None) -> str | None:
        """Add *entry* (or what the form gives); returns its id, None when cancelled or refused."""
        session = self.window.session
        if session is None or self.window.controller.is_read_only():
            return None
        if entry is None:
            from .form import EntryForm

            form = EntryForm(self.window, None, self.date_style())
            if form.exec() != QDialog.DialogCode.Accepted or form.entry() is None:
                return None
            entry = form.entry()
        try:
            edit = add_entry(session.draft, entry)
        except BaocaoError as exc:
            self._error(exc)
            return None
        if not self._push(edit):
            return None
        self.panel.select(entry.id)
        return entry.id

    def edit_document(self, entry_id: str, entry: Entry | None = None) -> bool:
        """Correct or rename entry *entry_id* (every citation of it follows)."""
        session = self.window.session
        if session is None or self.window.controller.is_read_only():
            return False
        old = entries_by_id(session.draft).get(entry_id)
        if old is None:
            return False
        if entry is None:
            from .form import EntryForm

            form = EntryForm(self.window, old, self.date_style())
            if form.exec() != QDialog.DialogCode.Accepted or form.entry() is None:
                return False
            entry = form.entry()
        if entry == old:
            return False
        try:
            edit = update_entry(session.draft, replace(entry, id=entry_id))
        except BaocaoError as exc:
            self._error(exc)
            return False
        return self._push(edit)

    def delete_document(self, entry_id: str, confirm: bool = True) -> bool:
        """Remove entry *entry_id*; asks first when it is cited."""
        session = self.window.session
        if session is None or self.window.controller.is_read_only():
            return False
        entry = entries_by_id(session.draft).get(entry_id)
        if entry is None:
            return False
        cited = cite_counts(session.draft).get(entry_id, 0)
        if confirm and cited:
            answer = QMessageBox.question(self.window, S.DELETE_TITLE,
                                          S.DELETE_CITED.format(name=short_form(entry), n=cited))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self._push(remove_entry(session.draft, entry_id))

    # ------------------------------------------------------------ citing
    def insert_citation(self, entry_id: str, start: int | None = None) -> bool:
        """Put a citation of *entry_id* at the editor's cursor (replacing the text from *start*): one undo step."""
        window = self.window
        session = window.session
        if session is None or window.controller.is_read_only():
            window.statusBar().showMessage(S.READ_ONLY, 5000)
            return False
        key = editing_section(window)            # a section of the report, or content not yet placed in one
        if key is None:
            window.statusBar().showMessage(S.NO_SECTION, 5000)
            return False
        note = self._note_target() if start is None else None
        if note is not None:
            return insert_in_note(self, note, entry_id)
        editor = window.editor.body
        cursor = editor.textCursor()
        if start is not None and 0 <= start <= cursor.position():
            cursor.clearSelection()
            cursor.setPosition(start, cursor.MoveMode.KeepAnchor)
        editor.blockSignals(True)            # one edit of its own, not merged into the typing before it
        try:
            cursor.beginEditBlock()
            cursor.removeSelectedText()
            rc.insert_cite(cursor, entry_id)
            cursor.endEditBlock()
            editor.setTextCursor(cursor)
        finally:
            editor.blockSignals(False)
        pushed = push_body(window, editor, key, S.UNDO_CITE)
        editor.setFocus()
        if self.timer is not None:
            self.timer.start()
        return pushed

    def _focus_changed(self, _old: object, new: object) -> None:
        from ..notes_panel import NoteEdit

        if isinstance(new, NoteEdit) and self.window.editor.notes.isAncestorOf(new):
            self.last_note = new
            attach_completer(self, new)
        elif new is self.window.editor.body:
            self.last_note = None

    def _note_target(self):
        """The footnote editor a citation goes into (None: the body)."""
        import shiboken6

        note = self.last_note
        panel = self.window.editor.notes
        if note is None or not shiboken6.isValid(note) or not panel.isAncestorOf(note) \
                or not note.isVisibleTo(panel) or note.isReadOnly():
            return None
        return note

    def insert_in_note(self, note, entry_id: str, start: int | None = None) -> bool:
        """Put a citation at the cursor of footnote editor *note*: one undo step (``note_cite``)."""
        return insert_in_note(self, note, entry_id, start)

    def cite_selected(self) -> bool:
        """The dock's «Chèn trích dẫn»."""
        entry_id = self.panel.selected_id()
        return self.insert_citation(entry_id) if entry_id else False

    # ------------------------------------------------------------ converting pasted citations
    def convert(self, chosen: list[int] | None = None, ask: bool = True) -> int:
        """«Đưa các văn bản được trích vào danh mục»: preview, then one undoable edit; returns places replaced."""
        window = self.window
        session = window.session
        if session is None or window.controller.is_read_only():
            return 0
        from ...register.convert import conversion_edit, plan_conversion   # reads citations: loaded when asked

        plan = plan_conversion(session.draft, pack_section_order(session.pack))
        if not plan.proposals:
            QMessageBox.information(window, S.CONVERT_TITLE, S.CONVERT_NONE)
            return 0
        if ask:
            from .convert_dialog import ConvertDialog

            titles = {spec.id: nav.display_title(spec.title) for spec in session.pack.sections}
            dialog = ConvertDialog(window, plan, session.draft, titles, self.date_style())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
            chosen = dialog.chosen()
        picked = list(range(len(plan.proposals))) if chosen is None else chosen
        edit = conversion_edit(session.draft, plan, picked)
        if edit is None or not window.controller.push(edit):
            return 0
        used = {plan.proposals[i].entry_id for i in picked}
        added = sum(1 for e in plan.new_entries if e.id in used)
        window.statusBar().showMessage(S.CONVERT_DONE.format(n=len(picked), added=added), 8000)
        return len(picked)

    # ------------------------------------------------------------ panel buttons
    def _edit_selected(self, entry_id: str) -> None:
        self.edit_document(entry_id)

    def _delete_selected(self, entry_id: str) -> None:
        self.delete_document(entry_id)


class _FocusWatcher(QObject):
    """Tells the room which footnote editor was typed in last (the application's focus changes)."""

    def __init__(self, parent: QObject, room: RegisterRoom):
        super().__init__(parent)
        self._room = room
        QApplication.instance().focusChanged.connect(self._changed)

    def _changed(self, old: QObject, new: QObject) -> None:
        import shiboken6

        if shiboken6.isValid(self._room.window):
            self._room._focus_changed(old, new)


def install_register(window: "MainWindow") -> RegisterRoom:
    """Add the register's dock, its menu entries, the editor's autocomplete; returns (and sets) ``window.register``."""
    panel = RegisterPanel(window)
    dock = QDockWidget(S.DOCK_TITLE, window)
    dock.setObjectName("register-dock")
    dock.setWidget(panel)
    dock.setMinimumWidth(DOCK_WIDTH // 2)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    room: RegisterRoom  # filled below; the completer calls back into it

    completer = CitationCompleter(window.editor.body, lambda: room.entries(),
                                  lambda doc_id, start: room.insert_citation(doc_id, start), lambda: room.date_style())
    room = RegisterRoom(window, panel, dock, completer)
    room.timer = QTimer(window)
    room.timer.setSingleShot(True)
    room.timer.setInterval(COUNT_DELAY_MS)
    room.timer.timeout.connect(lambda: room.refresh(labels=False))

    show = dock.toggleViewAction()
    show.setText(S.ACTION_SHOW)
    show.setToolTip(S.ACTION_SHOW_TIP)
    show.setShortcut(QKeySequence(SHOW_SHORTCUT))
    convert = QAction(S.ACTION_CONVERT, window)
    convert.setToolTip(S.ACTION_CONVERT_TIP)
    convert.triggered.connect(lambda: room.convert())
    listing = QAction(S.ACTION_PERIOD_NOTE, window)
    listing.setToolTip(S.ACTION_PERIOD_NOTE_TIP)
    listing.triggered.connect(lambda: insert_period_note(room))
    room.actions.update(show=show, convert=convert, period_note=listing)
    bar = window.menuBar()
    report = next((a.menu() for a in bar.actions() if a.menu() is not None
                   and a.text().replace("&", "") == "Báo cáo"), None)
    menu = report if isinstance(report, QMenu) else bar.addMenu(S.MENU_TITLE)
    menu.addSeparator()
    menu.addActions([show, convert, listing])

    panel.addRequested.connect(lambda: room.add_document())
    panel.editRequested.connect(room._edit_selected)
    panel.deleteRequested.connect(room._delete_selected)
    panel.citeRequested.connect(room.insert_citation)
    dock.visibilityChanged.connect(lambda visible: visible and room.refresh(labels=False))
    room.watcher = _FocusWatcher(dock, room)       # dies with the window, and its connection with it
    controller = window.controller
    controller.sessionChanged.connect(room.refresh)
    controller.editApplied.connect(room._edit_applied)
    controller.stateChanged.connect(
        lambda: panel.set_read_only(window.session is None or controller.is_read_only()))
    window.register = room  # type: ignore[attr-defined]
    room.refresh()
    return room
