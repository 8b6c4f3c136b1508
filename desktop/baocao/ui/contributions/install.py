"""``install_contributions(window)``: the Đóng góp menu, the dock, "ai viết đoạn này" and the dialogs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu, QMessageBox

from ...contributions.constants import IMPORT_VERSION_NAME
from ...contributions.store import add_contribution, add_request, contribution, remove_contribution
from ...errors import BaocaoError
from .. import prompts
from ..docks import add_right_dock, show_tabbed
from . import strings as S
from .origin import describe_origin, origin_at_cursor, origin_marks
from .panel import ContributionsPanel
from .unit_list import remember_unit

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

DOCK_WIDTH = 380


@dataclass
class ContributionsRoom:
    """What ``install_contributions`` built (``window.contributions``)."""

    dock: QDockWidget
    panel: ContributionsPanel
    menu: QMenu
    acts: dict[str, QAction]


def _menu(window: "MainWindow") -> QMenu:
    menu = QMenu(S.MENU, window)
    help_action = next((a for a in window.menuBar().actions() if a.menu() is not None and "Trợ giúp" in a.text()),
                       None)
    if help_action is not None:
        window.menuBar().insertMenu(help_action, menu)
    else:
        window.menuBar().addMenu(menu)
    return menu


class ContributionsController:
    """The room's behaviour: request, import, insert, compare, remove, board, origin marks."""

    def __init__(self, window: "MainWindow", room: ContributionsRoom):
        self.window = window
        self.room = room
        self.last_block: tuple[str, int] | None = None     # (section, paragraph) of the drafter's cursor

    # ------------------------------------------------------------ request and import
    def request(self) -> bool:
        """Ask for a unit and sections, write the request file, record the request (undoable)."""
        from ...contributions.request_doc import request_docx
        from ...contributions.request_draft import write_request_draft
        from ...fsutil import atomic_write
        from .request_dialog import RequestDialog, ask_save_path

        window = self.window
        session = window.session
        if session is None or window.controller.is_read_only():
            return False
        dialog = RequestDialog(window)
        if dialog.exec() != RequestDialog.DialogCode.Accepted:
            return False
        req = dialog.request()
        as_draft = dialog.baocao.isChecked()
        out = ask_save_path(window, req, as_draft)
        if out is None:
            return False
        try:
            if as_draft:
                write_request_draft(session.draft, session.pack, req, out)
            else:
                data = request_docx(session.draft, session.pack, req)
                with atomic_write(out) as handle:
                    handle.write(data)
        except (BaocaoError, OSError) as exc:
            from ...oserrors import os_error_text

            prompts.show_error(window, S.REQUEST_FAILED, exc if isinstance(exc, BaocaoError) else
                               S.REQUEST_WRITE_FAILED.format(path=out, reason=os_error_text(exc)))
            return False
        window.controller.push(add_request(session.draft, req))
        remember_unit(window.settings, req.unit)
        window.statusBar().showMessage(S.REQUEST_DONE.format(path=out.name, code=req.id, unit=req.unit), 8000)
        return True

    def import_file(self, path: str | None = None, confirm: bool = True) -> bool:
        """Read a returned file and keep it beside the draft (a version is saved first)."""
        from ...contributions.reading import read_contribution

        window = self.window
        session = window.session
        if session is None or window.controller.is_read_only():
            return False
        if path is None:
            path, _f = QFileDialog.getOpenFileName(window, S.IMPORT_TITLE, window.settings.last_dir(),
                                                   S.IMPORT_FILTER)
            if not path:
                return False
        try:
            result = read_contribution(session.draft, session.pack, Path(path))
        except BaocaoError as exc:
            prompts.show_error(window, S.IMPORT_FAILED, exc)
            return False
        titles = {spec.id: spec.title or spec.name for spec in session.pack.sections}
        if confirm:
            answer = QMessageBox.question(window, S.IMPORT_TITLE, S.IMPORT_CONFIRM.format(
                summary="\n".join(result.summary_lines(titles))))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            session.save_named_version(IMPORT_VERSION_NAME.format(name=Path(path).name))
            edit = add_contribution(session.draft, result.contribution)
        except BaocaoError as exc:
            prompts.show_error(window, S.IMPORT_FAILED, exc)
            return False
        window.controller.push(edit)
        self.show_dock()
        window.statusBar().showMessage(S.IMPORT_DONE.format(unit=result.contribution.unit or "?"), 8000)
        return True

    # ------------------------------------------------------------ panel actions
    def insert(self, contribution_id: str, source: str, indices: list[int] | None) -> bool:
        """Insert paragraphs of a contribution into the shown section, after the paragraph of the cursor."""
        from ...contributions.merge import insert_paragraphs

        window = self.window
        session, section_id = window.session, window.editor.section_id
        if session is None or section_id is None:
            return False
        item = contribution(session.draft, contribution_id)
        if item is None:
            return False
        # after the paragraph the drafter last had the cursor in (in this section), else at the end
        at = self.last_block[1] + 1 if self.last_block and self.last_block[0] == section_id else None
        edit = insert_paragraphs(session.draft, section_id, item, indices, at, source, session.pack)
        return bool(edit is not None and window.controller.push(edit))

    def compare(self, contribution_id: str, source: str) -> None:
        """Show what the unit sent for *source* against the report's text there."""
        from .dialogs import CompareDialog

        session = self.window.session
        item = contribution(session.draft, contribution_id) if session is not None else None
        if item is not None and source:
            CompareDialog(self.window, item, source).exec()

    def remove(self, contribution_id: str) -> None:
        """Forget a contribution (undoable); inserted paragraphs keep their text."""
        session = self.window.session
        if session is not None:
            self.window.controller.push(remove_contribution(session.draft, contribution_id))

    def board(self) -> None:
        """The status board."""
        from .dialogs import BoardDialog

        if self.window.session is not None:
            BoardDialog(self.window).exec()

    # ------------------------------------------------------------ who wrote what
    def show_dock(self) -> None:
        """Show the dock beside the comments panel (tabbed, so the editor keeps its width)."""
        show_tabbed(self.window, self.room.dock, DOCK_WIDTH)
        self.room.panel.refresh()

    def session_changed(self) -> None:
        """Refresh the dock; a unit's contribution draft says what to write and by when."""
        from ...contributions.constants import DRAFT_REQUEST_EXTRA
        from ...contributions.store import Request

        panel = self.room.panel
        session = self.window.session
        asked = session.draft.extras.get(DRAFT_REQUEST_EXTRA) if session is not None else None
        panel.unit_note = ""
        panel.refresh()
        if not isinstance(asked, dict):
            return
        from ...contributions.request_doc import deadline_text   # (loads the renderer: only for a unit's draft)

        req = Request.from_dict(asked)
        titles = [session.pack.section(s).title for s in req.sections if session.pack.has_section(s)]
        deadline = S.FOR_UNIT_DEADLINE.format(deadline=deadline_text(req.deadline)) if req.deadline else ""
        text = S.FOR_UNIT.format(unit=req.unit, sections="; ".join(titles), deadline=deadline)
        panel.unit_note = text
        self.show_dock()
        self.window.statusBar().showMessage(text, 15000)
        if req.sections and session.pack.has_section(req.sections[0]):
            self.window.select(req.sections[0])

    def tell_origin(self) -> str:
        """Say in the status bar (and the dock) who wrote the paragraph at the cursor."""
        text = describe_origin(self.window, origin_at_cursor(self.window.editor.body))
        self.window.statusBar().showMessage(text, 8000)
        self.room.panel.origin.setText(text)
        return text

    def edit_applied(self, edit: object, _origin: object) -> None:
        """Follow an edit: the dock (when shown) except for plain typing, and the colour marks (when on)."""
        from ...edits import SetSectionBody

        typing = isinstance(edit, SetSectionBody) and edit.typing
        if self.room.dock.isVisible() and not typing:       # no per-keystroke work for the dock
            self.room.panel.refresh()
        if self.room.acts["marks"].isChecked():
            self.update_marks()

    def update_marks(self) -> None:
        """Colour the paragraphs that came from units (when the toggle is on)."""
        editor = self.window.editor.body
        editor.setExtraSelections(origin_marks(editor) if self.room.acts["marks"].isChecked() else [])

    def cursor_moved(self) -> None:
        """Remember where the drafter is writing; keep the dock's "Đoạn đang sửa: của …" line current."""
        editor = self.window.editor
        if editor.body.hasFocus() and editor.section_id:
            self.last_block = (editor.section_id, editor.body.textCursor().blockNumber())
        if self.room.dock.isVisible():
            self.room.panel.origin.setText(describe_origin(self.window, origin_at_cursor(self.window.editor.body)))


def install_contributions(window: "MainWindow") -> ContributionsRoom:
    """Add the Đóng góp menu and dock to *window*."""
    panel = ContributionsPanel(window)
    dock = add_right_dock(window, panel, S.DOCK_TITLE, "contributions_dock")
    menu = _menu(window)
    acts = {"request": QAction(S.ACT_REQUEST, window), "import": QAction(S.ACT_IMPORT, window),
            "panel": dock.toggleViewAction(), "board": QAction(S.ACT_BOARD, window),
            "origin": QAction(S.ACT_ORIGIN, window), "marks": QAction(S.ACT_MARKS, window)}
    acts["panel"].setText(S.ACT_PANEL)
    acts["origin"].setShortcut(QKeySequence("Ctrl+Alt+W"))
    acts["marks"].setCheckable(True)
    for key in ("request", "import", None, "panel", "board", None, "origin", "marks"):
        menu.addSeparator() if key is None else menu.addAction(acts[key])
    room = ContributionsRoom(dock, panel, menu, acts)
    control = ContributionsController(window, room)
    window.contributions = room
    room.control = control  # type: ignore[attr-defined]
    acts["request"].triggered.connect(control.request)
    acts["import"].triggered.connect(lambda: control.import_file())
    acts["board"].triggered.connect(control.board)
    acts["origin"].triggered.connect(control.tell_origin)
    acts["marks"].toggled.connect(lambda _on: control.update_marks())
    window.controller.stateChanged.connect(panel.refresh)      # read-only or writable again: the buttons follow
    panel.insertRequested.connect(control.insert)
    panel.compareRequested.connect(control.compare)
    panel.removeRequested.connect(control.remove)
    window.controller.sessionChanged.connect(control.session_changed)
    window.controller.editApplied.connect(control.edit_applied)
    dock.visibilityChanged.connect(lambda visible: panel.refresh() if visible else None)   # opened from the menu
    window.outline.entrySelected.connect(lambda _key: (panel.refresh(), control.update_marks()))
    window.editor.body.cursorPositionChanged.connect(control.cursor_moved)
    return room
