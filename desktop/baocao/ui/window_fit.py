"""Keep the main window on the screen it opens on (QA: restored with its bottom edge off-screen).

``restoreGeometry`` only makes sure the title bar can be reached, and the first start's
1366×768 is taller than a 1366×768 screen once the taskbar is counted.  ``fit_on_screen``
shrinks the window to the screen's available area (minus the frame a window manager adds) and
moves it back inside, without touching a maximised or full-screen window.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = (8, 34)     # width and height of a typical window frame with its title bar


def fitted_rect(window: QRect, available: QRect, frame: tuple[int, int] = FRAME_ALLOWANCE) -> QRect:
    """*window* (client geometry) shrunk and moved so that it and its frame lie inside *available*."""
    frame_w, frame_h = frame
    width = max(1, min(window.width(), available.width() - frame_w))
    height = max(1, min(window.height(), available.height() - frame_h))
    left = min(max(window.x(), available.left() + frame_w // 2), available.right() + 1 - frame_w // 2 - width)
    top = min(max(window.y(), available.top() + frame_h - frame_w // 2),
              available.bottom() + 1 - frame_w // 2 - height)
    return QRect(max(left, available.left()), max(top, available.top()), width, height)


def fit_on_screen(window: QWidget, centre: bool = False) -> None:
    """Shrink and move *window* into the available area of its screen (the primary one if unknown).

    *centre*: a first start with no remembered place — the window also goes to the middle.
    """
    if window.isMaximized() or window.isFullScreen():
        return
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen() \
        or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    fitted = fitted_rect(window.geometry(), available)
    if centre:
        fitted.moveCenter(available.center())
        fitted = fitted_rect(fitted, available)
    if fitted != window.geometry():
        window.setGeometry(fitted)
