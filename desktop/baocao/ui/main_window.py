"""The guided drafting window: outline | section editor | live preview.

The window only wires widgets together: file operations live in
``DocumentController``, every change of the draft becomes an ``Edit`` pushed
on the controller's undo stack, and each view refreshes from the draft when
the controller reports an applied edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication, QLabel, QMainWindow, QSplitter, QStackedWidget, QToolBar, QVBoxLayout, QWidget,
)

from ..constants import AUTOMATIC_STATUSES, DRAFT_SUFFIX, SectionStatus
from ..edits import Edit, SetFieldValue, SetMeta, SetSectionBody, SetSectionStatus, SetTableRows
from . import navigation as nav
from . import strings as S
from .actions import build_actions, show_pdf_export
from .document_controller import DocumentController
from .first_paint import blank_icons, turn_after_first_paint
from .window_fit import fit_on_screen
from .icons import app_icon
from .outline import OutlineView
from .preview import PreviewPane
from .section_editor import SectionEditor
from .settings import AppSettings

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import Finding
    from .durability.readonly_banner import ReadOnlyState
    from .preview_render import PreviewRenderer
    from .table_editor import TableEditor

DRAFT_DROP_SUFFIXES = (DRAFT_SUFFIX, ".json")
#: deferred rooms are installed after the first paint, or after this long when the window is not painted
ROOMS_FALLBACK_MS = 1500
#: the first check of an opened draft waits for its first preview, this long at most
FIRST_CHECK_WAIT_MS = 3000


class MainWindow(QMainWindow):
    """Main window of baocao."""

    def __init__(self, settings: AppSettings | None = None, defer_rooms: bool = False):
        """*defer_rooms*: install the rooms just after the first paint (``baocao`` itself; see ``late_rooms``)."""
        super().__init__()
        self.settings = settings or AppSettings()
        self.controller = DocumentController(self.settings, self)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.current_key: str | None = None
        self._labels: dict[str, str] = {}
        self._findings: list[Finding] = []
        #: asked first by ``_show_entry`` (key → True when the hook showed it), e.g. the unplaced-text room
        self.entry_hooks: list[Callable[[str], bool]] = []
        self._summary = None            # of the last rendered document (``render.doc_summary``)
        self._renderer: "PreviewRenderer | None" = None

        self.outline = OutlineView(self)
        self.editor = SectionEditor(self)
        self._table_editor: "TableEditor | None" = None     # built when an appendix is first shown
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.editor)
        self.preview = PreviewPane(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        for widget in (self.outline, self.stack, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)
        from .durability.readonly_banner import ReadOnlyBanner

        self.read_only_banner = ReadOnlyBanner(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        from .status_counts import WordCounts

        self.word_counts = WordCounts(self)
        self.statusBar().addPermanentWidget(self.word_counts)
        self.autosave_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.autosave_label)
        from .safekeeping import Safekeeping

        self.safekeeping = Safekeeping(self)
        self.acts = build_actions(self)
        self._connect()
        self._restore_settings()
        self._update_title()
        self.setTabOrder(self.outline.tree, self.editor.status)
        self.rooms_installed = False
        self._first_preview_pending = False     # a loaded draft's first preview is coming: it installs the rooms
        if defer_rooms:
            from .late_rooms import start_worker_early

            start_worker_early()                    # the preview process starts beside the window's own start
            blank_icons(self.toolbar_actions())     # the toolbar's final size in the first frame, its icons just after
            turn_after_first_paint(self.editor, self._rooms_after_first_paint, ROOMS_FALLBACK_MS)
        else:
            self.install_rooms()

    def _rooms_after_first_paint(self) -> None:
        """The deferred rooms, unless a first preview is coming: it is drawn first and installs them after."""
        if not self._first_preview_pending:
            self.install_rooms()

    def install_rooms(self) -> None:
        """Every room's menus, docks and actions, once (deferred windows: right after the first paint)."""
        if self.rooms_installed:
            return
        self.rooms_installed = True
        show_pdf_export(self.acts, self.controller.pdf_available())
        if self.session is None:
            self._install_rooms()
        else:
            from .late_rooms import install_late

            install_late(self, self._install_rooms)
        from .thread_imports import forget_sources

        forget_sources()                 # the rooms' modules were read by PySide6's import hook

    def _install_rooms(self) -> None:
        from .checks.install import install_checks
        from .contributions import install_contributions
        from .help import install_window_tools
        from .importing import install_importing
        from .packs import install_packs
        from .preview_async import install_preview
        from .register import install_register
        from .review import install_review
        from .tables import install_tables
        from .unplaced import install_unplaced

        install_review(self)
        install_packs(self)
        install_window_tools(self)
        install_checks(self)
        install_preview(self)
        install_importing(self)
        install_register(self)
        install_unplaced(self)
        install_contributions(self)
        install_tables(self)
        from .docks import open_bottom_docks_low

        open_bottom_docks_low(self)             # Find opens low on a short window: the body keeps its lines

    def toolbar_actions(self) -> list:
        """The actions of the window's main toolbar (empty before it is built)."""
        bar = self.findChild(QToolBar, "toolbar")
        return [a for a in bar.actions() if not a.isSeparator()] if bar is not None else []

    @property
    def table_editor(self) -> "TableEditor":
        """The appendix table page (created on first use: it is not needed to start)."""
        if self._table_editor is None:
            from .table_editor import TableEditor

            self._table_editor = TableEditor(self)
            self._table_editor.set_read_only(self.controller.is_read_only())
            self.stack.addWidget(self._table_editor)
            self._table_editor.rowsEdited.connect(self._rows_edited)
            self.setTabOrder(self._table_editor.view, self.preview)
        return self._table_editor

    # ------------------------------------------------------------ wiring
    def _connect(self) -> None:
        c = self.controller
        c.sessionChanged.connect(self._load_session)
        c.editApplied.connect(self._edit_applied)
        c.stateChanged.connect(self._update_title)
        c.readOnlyRefused.connect(self._show_draft_again)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        c.autosaved.connect(lambda stamp: self.autosave_label.setText(S.AUTOSAVED.format(time=stamp)))
        self.outline.entrySelected.connect(self._show_entry)
        self.preview.sectionClicked.connect(self.select)
        self.preview.timer.timeout.connect(self.schedule_findings)
        self.preview.rendered.connect(lambda _ms: self._after_render())
        self.editor.bodyEdited.connect(self._body_edited)
        self.editor.fieldEdited.connect(self._field_edited)
        self.editor.statusChosen.connect(self._status_chosen)
        self.editor.appendixRequested.connect(lambda aid: self.select(nav.appendix_key(aid)))
        self.editor.guidance.expandedChanged.connect(lambda on: self.settings.set_value("window/guidance", on))
        self.editor.guidance.heightChanged.connect(
            lambda height: self.settings.set_value("window/guidance_height", [height]))

    def _restore_settings(self) -> None:
        geometry = self.settings.bytes_value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        fit_on_screen(self, centre=geometry is None)    # never taller than the screen, never left off it
        state = self.settings.bytes_value("window/state")
        if state is not None:
            self.restoreState(state)
        sizes = self.settings.int_list("window/splitter")
        self.splitter.setSizes(sizes if len(sizes) == 3 and all(sizes) else [300, 600, 466])
        editor_sizes = self.settings.int_list("window/editor_splitter")
        if len(editor_sizes) == 2 and all(editor_sizes):
            self.editor.splitter.setSizes(editor_sizes)
        self.editor.guidance.set_expanded(self.settings.flag("window/guidance", True))
        height = self.settings.int_list("window/guidance_height")
        if height:
            self.editor.guidance.set_text_height(height[0])

    def save_settings(self) -> None:
        """Remember geometry, toolbar state and splitter sizes."""
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/state", self.saveState())
        self.settings.set_value("window/splitter", self.splitter.sizes())
        self.settings.set_value("window/editor_splitter", self.editor.splitter.sizes())
        self.settings.sync()

    # ------------------------------------------------------------ session
    @property
    def session(self):
        """The open DraftSession (or None)."""
        return self.controller.session

    def _load_session(self) -> None:
        session = self.session
        if session is None:
            return
        self._labels = nav.section_labels(session.pack)
        self.outline.set_pack(session.pack, session.draft)
        self._summary = None
        self.preview.set_source(self.render_html)
        self._first_preview_pending = True
        turn_after_first_paint(self.editor, self._first_preview)   # the draft appears first, the preview just after
        self._findings = []
        turn_after_first_paint(self.editor, self._check_after_first_preview)   # off the UI thread, after the preview
        keys = self.outline.keys()
        first = next((k for k in keys if not nav.is_appendix_key(k) and not session.pack.section(k).children),
                     keys[0] if keys else None)
        keep = self.current_key if self.current_key in keys else first
        self.current_key = None
        if keep:
            self.select(keep)

    def _check_after_first_preview(self) -> None:
        """The first whole-draft check once the first preview is on screen (both want the CPU; the preview
        is what the drafter looks at), ``FIRST_CHECK_WAIT_MS`` at the latest."""
        pending = [True]

        def run(*_args) -> None:
            if pending:
                pending.clear()
                try:
                    self.preview.rendered.disconnect(run)
                except (RuntimeError, TypeError):
                    pass
                turn_after_first_paint(self.preview.viewport(), self.schedule_findings)

        self.preview.rendered.connect(run)
        QTimer.singleShot(FIRST_CHECK_WAIT_MS, self, run)

    def _first_preview(self) -> None:
        from .preview_async import show_first_preview

        if not self.rooms_installed and show_first_preview(self):   # rendered before the window asked:
            turn_after_first_paint(self.preview.viewport(), self.install_rooms)   # on screen before the rooms
            return
        self.install_rooms()                 # the preview's worker backend is installed with the rooms
        self.preview.refresh_soon()

    def show_again(self) -> None:
        """Show the current entry again (rooms installed after it was shown mark it too)."""
        if self.current_key:
            key, self.current_key = self.current_key, None
            self._show_entry(key)

    def render_html(self) -> str:
        """The report as HTML for the preview (same document model as the .docx)."""
        session = self.session
        if session is None:
            return ""
        if self._renderer is None or self._renderer.pack is not session.pack:
            from .preview_render import PreviewRenderer

            self._renderer = PreviewRenderer(session.pack)
        document = self._renderer.render(session.draft)
        from ..render.doc_summary import summarize
        from ..writers.html import document_to_html

        self._summary = summarize(document)
        return document_to_html(document, standalone=False)

    def _after_render(self) -> None:
        self._resolve_titles()
        self._update_note_base()

    def _update_note_base(self) -> None:
        """Number the editor's notes as the report does (from the last rendered document)."""
        session, key = self.session, self.current_key
        if session is None or key is None or nav.is_appendix_key(key):
            return
        notes = [note for para in session.draft.section(key).body for note in para.notes()]
        first = notes[0].plain_text() if notes else ""
        self.editor.set_note_base(nav.note_base(self._summary, key, first))

    def _resolve_titles(self) -> None:
        """Titles written with template expressions ("… {{ bc.ky }}") as the last render resolved them."""
        summary, session = self._summary, self.session
        if summary is None or session is None:
            return
        titles = {key: title for key, title in summary.heading_titles.items()
                  if session.pack.has_section(key)                                  # not "chua-xep-muc"
                  and "{" in session.pack.section(key).title}
        titles.update({nav.appendix_key(key): title for key, title in summary.appendix_titles.items()})
        self.outline.update_titles(titles)

    def _update_title(self) -> None:
        self.setWindowTitle(S.TITLE_PATTERN.format(name=self.controller.display_name()))
        self.setWindowModified(self.controller.is_modified())

    def show_read_only(self, state: "ReadOnlyState | None") -> None:
        """Refuse typing in every editor and show why (None: the draft can be edited again)."""
        read_only = state is not None
        self.read_only_banner.show_state(state)
        self.editor.set_read_only(read_only)
        if self._table_editor is not None:
            self._table_editor.set_read_only(read_only)
        for action in (self.acts.bold, self.acts.italic, self.acts.footnote, self.acts.details):
            action.setEnabled(not read_only)

    # ------------------------------------------------------------ showing entries
    def select(self, key: str) -> None:
        """Show the section or appendix *key* (outline, editor and preview follow)."""
        if key == self.current_key:
            return
        self.outline.select(key)
        if self.current_key != key:          # outline did not emit (same item): show directly
            self._show_entry(key)

    def _show_entry(self, key: str) -> None:
        if any(hook(key) for hook in self.entry_hooks):     # a room showing entries the pack does not have
            return
        session = self.session
        if session is None or key == self.current_key:
            return
        self.current_key = key
        self.word_counts.show_for(session.draft, key)
        if nav.is_appendix_key(key):
            appendix = next(a for a in session.pack.appendices if nav.appendix_key(a.id) == key)
            spec = session.pack.tables[appendix.table]
            self.table_editor.set_table(spec, appendix, self.outline.title_of(key),
                                        session.draft.tables.get(spec.id, []))
            self.stack.setCurrentWidget(self.table_editor)
            return
        spec = session.pack.section(key)
        self.editor.show_section(spec, self._labels.get(key, ""), self.outline.title_of(key), session.draft.section(key),
                                 self._section_findings(key), nav.appendices_mentioned(session.pack, spec))
        self._update_note_base()
        self.stack.setCurrentWidget(self.editor)
        self.preview.scroll_to_section(key)

    def _section_findings(self, key: str) -> list[Finding]:
        return [f for f in self._findings if f.where == key]

    def schedule_findings(self) -> None:
        """Check the whole draft again on the checks room's worker thread (after a pause in typing)."""
        self.install_rooms()
        checks = getattr(self, "checks", None)
        if checks is None:
            self._refresh_findings()
        else:
            checks.report.schedule()

    def _refresh_findings(self) -> None:
        """Check the whole draft now, on this thread (explicit actions: Kiểm tra, a quick fix, a dismissal)."""
        session = self.session
        if session is None:
            return
        from ..checks import check_draft  # not needed to start: findings come after the first paint

        self.set_findings(check_draft(session.draft, session.pack))

    def set_findings(self, findings: "list[Finding]") -> None:
        """Show *findings* (of the whole draft as it is now) in the editor's list for the current section."""
        self._findings = findings
        if self.current_key and not nav.is_appendix_key(self.current_key):
            self.editor.set_findings(self._section_findings(self.current_key))

    # ------------------------------------------------------------ edits from the views
    def _body_edited(self, section_id: str) -> None:
        if self.session is None:          # a late signal from a view after the draft was closed
            return
        draft = self.session.draft
        body = self.editor.body.body()
        if body != draft.section(section_id).body:
            self.controller.push(SetSectionBody.make(draft, section_id, body, typing=True), self.editor.body)

    def _field_edited(self, section_id: str, key: str, value: object) -> None:
        if self.session is None:          # a late signal from a view after the draft was closed
            return
        draft = self.session.draft
        if draft.section(section_id).fields.get(key) != value:
            self.controller.push(SetFieldValue.make(draft, section_id, key, value), self.editor.fields)

    def _status_chosen(self, section_id: str, status: SectionStatus) -> None:
        if self.session is None:          # a late signal from a view after the draft was closed
            return
        draft = self.session.draft
        if status in AUTOMATIC_STATUSES:       # "trống" / "đang soạn" follow the text: stored as "not decided"
            status = SectionStatus.EMPTY
        if draft.section(section_id).status is not status:
            self.controller.push(SetSectionStatus.make(draft, section_id, status), self.editor.status)
        self.editor.set_status(draft.section(section_id).shown_status())

    def _rows_edited(self, table_id: str, rows: list) -> None:
        if self.session is None:          # a late signal from a view after the draft was closed
            return
        draft = self.session.draft
        if draft.tables.get(table_id, []) != rows:
            self.controller.push(SetTableRows.make(draft, table_id, rows), self.table_editor)

    def _edit_applied(self, edit: Edit, origin: object | None) -> None:
        """Refresh what the edit touched; on undo/redo, go to where it happened."""
        session = self.session
        section_id = edit.section_id
        known = (SetSectionBody, SetFieldValue, SetSectionStatus, SetMeta, SetTableRows)
        if section_id and session.pack.has_section(section_id):
            self.outline.refresh_statuses(session.pack, session.draft, [section_id])   # only the row it touched
            if section_id == self.current_key:
                self.editor.set_status(session.draft.section(section_id).shown_status())
        elif not isinstance(edit, known):
            self.outline.refresh_statuses(session.pack, session.draft)
        if not isinstance(edit, known) and not section_id and self.current_key:
            key, self.current_key = self.current_key, None      # e.g. a whole draft restored: show it again
            self._show_entry(key)
        elif origin is None:
            if section_id and section_id != self.current_key:
                self.select(section_id)
            elif section_id == self.current_key and section_id:
                self.editor.refresh(session.draft.section(section_id))
            elif isinstance(edit, SetTableRows):
                key = next((nav.appendix_key(a.id) for a in session.pack.appendices if a.table == edit.table), None)
                if key and key != self.current_key:
                    self.select(key)
                else:
                    self.table_editor.update_rows(session.draft.tables.get(edit.table, []))
        self.preview.schedule()
        self.word_counts.schedule()

    def _show_draft_again(self) -> None:
        """After a refused edit, make the views show the draft as it is (nothing typed stays on screen)."""
        self.show_again()

    # ------------------------------------------------------------ commands
    def _rich_target(self):
        if self.controller.is_read_only():
            return None
        focus = QApplication.focusWidget()
        if hasattr(focus, "toggle_bold"):
            return focus
        return self.editor.body if self.stack.currentWidget() is self.editor else None

    def toggle_bold(self) -> None:
        """Ctrl+B on the focused rich editor."""
        target = self._rich_target()
        if target is not None:
            target.toggle_bold()

    def toggle_italic(self) -> None:
        """Ctrl+I on the focused rich editor."""
        target = self._rich_target()
        if target is not None:
            target.toggle_italic()

    def insert_footnote(self) -> None:
        """Ctrl+Alt+F: a note marker at the body's cursor; the cursor moves to the note's text."""
        if self.stack.currentWidget() is not self.editor or self.session is None or self.controller.is_read_only():
            return
        self.editor.insert_note()

    def focus_editor(self) -> None:
        """Put the keyboard focus in the centre pane."""
        if self.stack.currentWidget() is self.editor or self._table_editor is None:
            self.editor.body.setFocus()
        else:
            self._table_editor.view.setFocus()

    def go(self, delta: int) -> None:
        """Next (+1) or previous (-1) entry of the outline."""
        key = nav.step(self.outline.keys(), self.current_key, delta)
        if key:
            self.select(key)

    def go_next_empty(self) -> None:
        """The next section still marked "trống"."""
        if self.session is None:
            return
        current = self.current_key if self.current_key and not nav.is_appendix_key(self.current_key) else None
        key = nav.next_empty(self.session.pack, self.session.draft, current)
        if key:
            self.select(key)
        else:
            self.statusBar().showMessage(S.NO_EMPTY_SECTION, 5000)

    def edit_details(self) -> bool:
        """The report details dialog; an accepted change is one undoable SetMeta edit."""
        if self.session is None or self.controller.is_read_only():
            return False
        from .details_dialog import DetailsDialog

        dialog = DetailsDialog(self.session.draft.meta, self)
        if dialog.exec() != DetailsDialog.DialogCode.Accepted:
            return False
        meta = dialog.result_meta()
        if meta != self.session.draft.meta:
            self.controller.push(SetMeta.make(self.session.draft, meta))
        return True

    def check_all(self) -> None:
        """Run the checks now and summarise them in the status bar."""
        self._refresh_findings()
        errors = sum(1 for f in self._findings if f.severity == "error")
        warnings = len(self._findings) - errors
        text = S.CHECK_OK if not self._findings else S.CHECK_SUMMARY.format(errors=errors, warnings=warnings)
        self.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------ Qt events
    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Ask Lưu / Không lưu / Hủy when needed; remember the window layout."""
        if not self.controller.maybe_save_changes():
            event.ignore()
            return
        if not self.controller.close_session():
            event.ignore()
            return
        self.save_settings()
        event.accept()

    @staticmethod
    def _dropped_draft(event) -> str | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            path = url.toLocalFile()
            if path and Path(path).suffix.lower() in DRAFT_DROP_SUFFIXES:
                return path
        return None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Accept a dragged draft file (.baocao / .json)."""
        if self._dropped_draft(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Open the dropped draft file (after the unsaved-changes question)."""
        path = self._dropped_draft(event)
        if path:
            event.acceptProposedAction()
            QTimer.singleShot(0, self, lambda: self.controller.open_path(path))
        else:
            event.ignore()
