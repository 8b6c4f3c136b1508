"""Puts the template maintainers' tools into the main window (one call from ``MainWindow.__init__``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow
    from .manager import TemplateManager


@dataclass
class PacksRoom:
    """What ``install_packs`` added to the window (``window.packs``)."""

    window: "MainWindow"
    menu: QMenu
    manager_action: QAction
    manager: "TemplateManager | None" = None

    def open_draft(self):
        """The window's open draft, for the pack editor's preview (None without one)."""
        session = self.window.session
        return session.draft if session is not None else None

    def show_manager(self) -> "TemplateManager":
        """Open (or raise) the template manager."""
        from .manager import TemplateManager

        if self.manager is None:
            self.manager = TemplateManager(self.window, open_draft=self.open_draft)
        self.manager.refresh()
        self.manager.show()
        self.manager.raise_()
        return self.manager


def install_packs(window: "MainWindow") -> PacksRoom:
    """Add the «Mẫu» menu with «Quản lý mẫu báo cáo…»; the dialogs are built on first use."""
    menu = window.menuBar().addMenu(S.MENU_PACKS)
    action = QAction(S.ACT_MANAGER, window)
    menu.addAction(action)
    room = PacksRoom(window, menu, action)
    action.triggered.connect(room.show_manager)
    window.packs = room  # type: ignore[attr-defined]
    return room
