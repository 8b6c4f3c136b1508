"""``install_checks(window)``: the Kiểm tra room's widgets, menus and hooks, created on the window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from . import strings as CS
from .live import LiveChecker
from .menu import EditorMenu
from .panel import ChecksPanel
from .report_checker import ReportChecker
from .paste import PasteBar

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


@dataclass
class ChecksRoom:
    """What ``install_checks`` built (``window.checks``)."""

    live: LiveChecker
    panel: ChecksPanel
    menu: EditorMenu
    paste: PasteBar
    toggle: QAction
    report: ReportChecker


def _add_toggle(window: "MainWindow") -> QAction:
    action = QAction(CS.MENU_SPELLING, window)
    action.setCheckable(True)
    action.setChecked(window.settings.flag("checks/underline", True))
    check = window.acts.check
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None and check in menu.actions():
            actions = menu.actions()
            after = actions.index(check) + 1
            menu.insertAction(actions[after] if after < len(actions) else None, action)
            break
    else:
        window.addAction(action)
    return action


def install_checks(window: "MainWindow") -> ChecksRoom:
    """Build the Kiểm tra panel, the live underlines, the editor's menu and the paste bar on *window*."""
    live = LiveChecker(window)
    room = ChecksRoom(live, ChecksPanel(window), EditorMenu(window), PasteBar(window), _add_toggle(window),
                     ReportChecker(window))
    window.checks = room
    live.enabled = room.toggle.isChecked()

    def toggled(on: bool) -> None:
        window.settings.set_value("checks/underline", on)
        live.set_enabled(on)

    room.toggle.toggled.connect(toggled)
    window.outline.entrySelected.connect(lambda _key: live.schedule())
    return room
