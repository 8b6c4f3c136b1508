"""The "xem bản in" view: the real pages of the exported .docx, rendered by LibreOffice in the background.

``install_print_view(window)`` adds "Xem bản in" (Ctrl+Shift+P) to the
window's View menu; the view itself is built on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from .. import strings as UI
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow
    from .view import PrintView

VIEW_MENU_TITLE = UI.MENU_VIEW


def _view_menu(window: "MainWindow"):
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == VIEW_MENU_TITLE.replace("&", ""):
            return menu
    return window.menuBar().addMenu(VIEW_MENU_TITLE)


def open_print_view(window: "MainWindow") -> "PrintView":
    """Show the print view of *window* (created once) and build its pages."""
    from .view import PrintView

    view = getattr(window, "print_view", None)
    if view is None:
        view = window.print_view = PrintView(window)
    view.show()
    view.raise_()
    view.activateWindow()
    view.start()
    return view


def install_print_view(window: "MainWindow") -> QAction:
    """Add "Xem bản in" to the View menu of *window*; returns the action."""
    action = QAction(S.ACT_PRINT_VIEW, window)
    action.setShortcut(QKeySequence(S.SHORTCUT))
    action.setToolTip(S.ACT_PRINT_VIEW_TIP)
    action.setStatusTip(S.ACT_PRINT_VIEW_TIP)
    action.triggered.connect(lambda _checked=False: open_print_view(window))
    _view_menu(window).addAction(action)
    window.addAction(action)
    window.print_view = None
    window.print_view_action = action
    return action
