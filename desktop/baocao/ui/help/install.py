"""One entry point the window calls: find/replace, zoom, print, help, full screen, icons and palette.

Each feature creates its own actions (added to the window, so shortcuts work
with the menu bar hidden) and is listed in a menu: Tệp › In…, Sửa › Tìm…,
Xem (zoom, chế độ tập trung, khung tìm), Trợ giúp (hướng dẫn, phím tắt,
giới thiệu).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def find_menu(window: "MainWindow", title: str) -> QMenu | None:
    """The menu-bar menu titled *title* (another room may have made it)."""
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text() == title:
            return action.menu()
    return None


def menu_for(window: "MainWindow", title: str) -> QMenu:
    """The menu *title*, added to the menu bar when no room made it yet."""
    return find_menu(window, title) or window.menuBar().addMenu(title)


def _action(window: "MainWindow", name: str, text: str, keys, slot) -> QAction:
    action = QAction(text, window)
    action.setObjectName(f"act_{name}")
    sequences: list[QKeySequence] = []
    for key in keys:
        found = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
        sequences.extend(s for s in found if s not in sequences)
    action.setShortcuts(sequences)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def keep_last(window: "MainWindow", menu: QMenu) -> None:
    """Put *menu* (Trợ giúp) back at the end of the menu bar, where Word users look for it."""
    bar = window.menuBar()
    if bar.actions() and bar.actions()[-1] is not menu.menuAction():
        bar.removeAction(menu.menuAction())
        bar.addAction(menu.menuAction())


def fill_panes_menu(window: "MainWindow", menu: QMenu, skip: set) -> None:
    """List the show/hide action of every toolbar and dock of *window* (docks other rooms added, too)."""
    from PySide6.QtWidgets import QDockWidget, QToolBar

    menu.clear()
    for widget in window.findChildren(QToolBar) + window.findChildren(QDockWidget):
        if widget.parent() is window and widget.toggleViewAction() not in skip:
            menu.addAction(widget.toggleViewAction())


class HelpActions:
    """F1 guide, shortcuts page and About box of one window."""

    def __init__(self, window: "MainWindow"):
        self.window = window
        self.viewer = None
        self.about_box = None

    def _viewer(self):
        if self.viewer is None:
            from .viewer import HelpWindow

            self.viewer = HelpWindow(self.window)
        return self.viewer

    def show_guide(self) -> None:
        """F1: the user guide."""
        viewer = self._viewer()
        viewer.show_guide()
        viewer.show()
        viewer.raise_()

    def show_shortcuts(self) -> None:
        """The shortcuts page."""
        viewer = self._viewer()
        viewer.show_shortcuts()
        viewer.show()
        viewer.raise_()

    def show_about(self) -> None:
        """The About box."""
        from .about import AboutDialog

        self.about_box = AboutDialog(self.window)
        self.about_box.show()


def install_window_tools(window: "MainWindow") -> None:
    """Add every tool of this room to *window*."""
    from .. import strings as WS
    from ..find import install_find
    from ..zoom import install_zoom
    from .focus_mode import install_focus_mode
    from .looks import apply_icons, apply_palette, outline_icons, toolbar
    from .printing import PrintController
    from .table_fit import install_table_fit

    finder = install_find(window)
    zoom = install_zoom(window)
    install_table_fit(window)
    printing = PrintController(window)
    window.printing = printing   # type: ignore[attr-defined]
    print_action = _action(window, "print", S.ACT_PRINT, [QKeySequence.StandardKey.Print], printing.print_report)
    _, focus_action, _leave = install_focus_mode(window)
    helps = HelpActions(window)
    window.help_actions = helps  # type: ignore[attr-defined]
    help_action = _action(window, "help", S.ACT_HELP, [QKeySequence.StandardKey.HelpContents, "F1"], helps.show_guide)
    shortcuts_action = _action(window, "shortcuts", S.ACT_SHORTCUTS, [], helps.show_shortcuts)
    about_action = _action(window, "about", S.ACT_ABOUT, [], helps.show_about)

    file_menu = find_menu(window, WS.MENU_FILE)
    if file_menu is not None:
        file_menu.insertAction(window.acts.quit, print_action)
        file_menu.insertSeparator(window.acts.quit)
    view_menu = menu_for(window, S.MENU_VIEW)
    view_menu.addActions(zoom.actions)
    view_menu.addSeparator()
    dock_toggle = finder.panel.toggleViewAction()
    dock_toggle.setText(S.ACT_FIND_DOCK)
    view_menu.addActions([focus_action, dock_toggle])
    panes = view_menu.addMenu(S.MENU_PANES)
    fill_panes_menu(window, panes, skip={dock_toggle})
    panes.aboutToShow.connect(lambda: fill_panes_menu(window, panes, skip={dock_toggle}))
    help_menu = menu_for(window, S.MENU_HELP)
    help_menu.addActions([help_action, shortcuts_action])
    help_menu.addSeparator()
    help_menu.addAction(about_action)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, window, lambda: keep_last(window, help_menu))   # rooms installed after this one

    bar = toolbar(window)
    icons = {finder.actions["find"]: "find", print_action: "print", help_action: "help",
             finder.actions["replace"]: "replace", focus_action: "focus", zoom.actions[0]: "zoom_in"}
    if bar is not None:
        bar.addSeparator()
        finder.actions["find"].setIconText("Tìm")
        print_action.setIconText("In")
        bar.addActions([finder.actions["find"], print_action])
    apply_icons(window, icons)
    apply_palette(window)
    window.controller.sessionChanged.connect(lambda: outline_icons(window))
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(lambda _scheme: (apply_icons(window, icons), apply_palette(window)))
