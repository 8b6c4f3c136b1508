"""The right-hand panels the rooms add (comments, contributions, checklist …): made and shown one way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


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
