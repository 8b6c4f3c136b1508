"""The right-hand panels the rooms add (comments, contributions, checklist …): made and shown one way.

Bottom docks (Find and replace) open low on a short window (``open_bottom_docks_low``): at their
least height and a little, so the section's text keeps its lines; the drafter can drag them taller.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
#: a window shorter than this opens its bottom docks low (a 768-pixel screen gives a window of about 700)
SHORT_WINDOW_HEIGHT = 900
#: above a bottom dock's least height: its wrapped hint line and a second result row
BOTTOM_DOCK_SLACK = 24


def add_right_dock(window: QMainWindow, widget: QWidget, title: str, object_name: str) -> QDockWidget:
    """A hidden dock on the right holding *widget* (*object_name* lets the window remember its place)."""
    dock = QDockWidget(title, window)
    dock.setObjectName(object_name)
    dock.setWidget(widget)
    window.addDockWidget(RIGHT, dock)
    dock.hide()
    return dock


def show_tabbed(window: QMainWindow, dock: QDockWidget, width: int) -> None:
    """Show *dock* in front, tabbed with the other visible right-hand docks so they never stack past the screen."""
    beside = [d for d in window.findChildren(QDockWidget) if d is not dock and d.isVisible() and not d.isFloating()
              and window.dockWidgetArea(d) == RIGHT]
    if beside and not window.tabifiedDockWidgets(dock):
        window.tabifyDockWidget(beside[0], dock)
    dock.show()
    dock.raise_()
    window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)


def open_bottom_docks_low(window: QMainWindow) -> None:
    """Each bottom dock of *window*, whenever it is opened on a short window, starts at its least height
    (+ ``BOTTOM_DOCK_SLACK``) instead of its preferred one: the section editor keeps the room."""
    for dock in window.findChildren(QDockWidget):
        if window.dockWidgetArea(dock) == BOTTOM:
            dock.visibilityChanged.connect(lambda visible, d=dock: visible and lower_bottom_dock(window, d))


def lower_bottom_dock(window: QMainWindow, dock: QDockWidget) -> None:
    """Make the bottom *dock* as low as it can usefully be, on a window shorter than ``SHORT_WINDOW_HEIGHT``."""
    if dock.isFloating() or window.height() >= SHORT_WINDOW_HEIGHT or window.dockWidgetArea(dock) != BOTTOM:
        return
    low = dock.minimumSizeHint().height() + BOTTOM_DOCK_SLACK
    if dock.height() > low:
        window.resizeDocks([dock], [low], Qt.Orientation.Vertical)
