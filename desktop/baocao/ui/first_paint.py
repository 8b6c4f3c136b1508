"""Run something right after a widget is first painted (start-up ordering).

A zero-timer fires before Qt's pending paint request, so work scheduled with
``QTimer.singleShot(0)`` right after loading a draft would still delay the
window's first appearance.  ``after_first_paint`` waits for the paint itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QPixmap
from PySide6.QtWidgets import QWidget

#: side of the transparent stand-in icon (larger than any toolbar icon size: a QIcon never scales up)
BLANK_ICON_PX = 64


class _PaintWatcher(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int):
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        if fallback_ms >= 0:
            QTimer.singleShot(fallback_ms, self, self._fire)   # hidden or minimised: do not wait forever

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._widget.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None], fallback_ms: int = 300) -> None:
    """Call *callback* once, just after *widget* is next painted (after *fallback_ms* at the latest; -1: no limit)."""
    _PaintWatcher(widget, callback, fallback_ms)


def turn_after_first_paint(widget: QWidget, callback: Callable[[], None], fallback_ms: int = 300) -> None:
    """Like ``after_first_paint``, one more turn of the event loop later.

    For start-up work the first frame does not need (the rooms' menus, counts, the first preview
    and check): every ``after_first_paint`` callback runs in the same turn as the paint's, so this
    lets that turn end — the frame is on screen — before the work starts.
    """
    _PaintWatcher(widget, lambda: QTimer.singleShot(0, widget, callback), fallback_ms)


def blank_icons(actions: list[QAction]) -> None:
    """Give each of *actions* that has no icon yet a transparent one.

    The toolbar's bundled icons are drawn from SVG files (QtSvg loaded, each file read and rendered),
    which the first frame does not need; a tool button with any icon takes its final size, so with this
    stand-in the toolbar keeps the same layout when the real icons arrive (with the rooms, just after
    the first paint) and nothing in the window moves.
    """
    pixmap = QPixmap(BLANK_ICON_PX, BLANK_ICON_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    blank = QIcon(pixmap)
    for action in actions:
        if action.icon().isNull():
            action.setIcon(blank)
