"""Puts the import features into the main window (one call from ``MainWindow.__init__``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu

from ...edits import CompoundEdit, ReplaceDraft, RestoreSection, SetExtra
from ...importing.checklist import checklist
from ...importing.constants import CHECKLIST_EXTRA
from ..docks import add_right_dock, show_tabbed
from ..strings import MENU_FILE
from . import strings as S
from .checklist_dock import ChecklistPanel

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

DOCK_WIDTH = 340


@dataclass
class ImportingRoom:
    """What ``install_importing`` added to the window (``window.importing``)."""

    window: "MainWindow"
    panel: ChecklistPanel
    dock: QDockWidget
    actions: dict[str, QAction]

    def _edit_applied(self, edit, origin) -> None:
        if origin is self.panel:            # the tick is already shown: only the count changes
            self._update_progress()
            return
        if isinstance(edit, (ReplaceDraft, RestoreSection, CompoundEdit)) or \
                (isinstance(edit, SetExtra) and edit.name == CHECKLIST_EXTRA):
            self.panel.refresh()

    def _update_progress(self) -> None:
        session = self.window.session
        if session is None:
            return
        items = checklist(session.draft)["items"]
        done = sum(1 for i in items if i.get("done"))
        self.panel.progress.setText(S.CHECKLIST_PROGRESS.format(done=done, total=len(items)))

    def _session_changed(self) -> None:
        self.panel.refresh()
        session = self.window.session
        if session is not None and checklist(session.draft)["items"]:
            show_tabbed(self.window, self.dock, DOCK_WIDTH)   # a draft from the last period opens with its checklist


def _file_menu(window: "MainWindow") -> QMenu | None:
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text() == MENU_FILE:
            return action.menu()
    return None


def _commands():
    """The import commands (the .docx reader and the mapping dialog load on first use, not at start-up)."""
    from . import commands

    return commands


def install_importing(window: "MainWindow") -> ImportingRoom:
    """Add File → "Nhập báo cáo .docx…", "Bản thảo mới từ kỳ trước…" and the "Việc cần báo cáo" dock."""
    panel = ChecklistPanel(window)
    dock = add_right_dock(window, panel, S.CHECKLIST_TITLE, "importing_checklist_dock")
    acts = {
        "import": QAction(S.ACT_IMPORT, window),
        "from_previous": QAction(S.ACT_FROM_PREVIOUS, window),
        "checklist": dock.toggleViewAction(),
    }
    acts["import"].triggered.connect(lambda _c=False: _commands().start_import(window))
    acts["from_previous"].triggered.connect(lambda _c=False: _commands().new_from_previous(window))
    acts["checklist"].setText(S.ACT_CHECKLIST)
    menu = _file_menu(window)
    if menu is not None:
        anchor = window.acts.recent_menu.menuAction()
        actions = menu.actions()
        after = actions[actions.index(anchor) + 1] if anchor in actions and actions.index(anchor) + 1 < len(actions) \
            else None
        menu.insertActions(after, [acts["from_previous"], acts["import"]]) if after is not None else \
            menu.addActions([acts["from_previous"], acts["import"]])
    view = next((a.menu() for a in window.menuBar().actions()
                 if a.menu() is not None and a.text().replace("&", "") == "Xem"), None)
    (view or menu or window.menuBar().addMenu(S.ACT_CHECKLIST)).addAction(acts["checklist"])
    room = ImportingRoom(window, panel, dock, acts)
    window.controller.editApplied.connect(room._edit_applied)
    window.controller.sessionChanged.connect(room._session_changed)
    window.importing = room
    if window.session is not None:
        room._session_changed()
    return room
