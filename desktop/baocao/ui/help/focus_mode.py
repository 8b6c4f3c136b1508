"""F11: distraction-free mode — full screen, only the section editor; F11 or Esc goes back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


class FocusMode:
    """Hides everything but the centre pane, and puts it all back as it was."""

    def __init__(self, window: "MainWindow"):
        self.window = window
        self.active = False
        self._hidden: list[QWidget] = []
        self._was_maximized = False
        self._was_full = False

    def toggle(self) -> None:
        """Enter or leave the mode."""
        self.leave() if self.active else self.enter()

    def _around_editor(self) -> list[QWidget]:
        w = self.window
        widgets: list[QWidget] = [w.outline, w.preview, w.menuBar(), w.statusBar(), w.editor.guidance]
        widgets += w.findChildren(QToolBar) + w.findChildren(QDockWidget)
        return widgets

    def enter(self) -> None:
        """Only the editor, full screen."""
        if self.active:
            return
        w = self.window
        self._hidden = [widget for widget in self._around_editor() if widget.isVisible()]
        self._was_maximized, self._was_full = w.isMaximized(), w.isFullScreen()
        for widget in self._hidden:
            widget.hide()
        self.active = True
        w.showFullScreen()
        w.focus_editor()

    def leave(self) -> None:
        """Everything back as it was."""
        if not self.active:
            return
        w = self.window
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.active = False
        if self._was_full:
            return
        w.showMaximized() if self._was_maximized else w.showNormal()


def install_focus_mode(window: "MainWindow") -> tuple[FocusMode, QAction, QAction]:
    """The F11 action (checkable) and an Esc action that only works while the mode is on.

    Esc acts in the body and the fields only: in the footnotes panel Esc
    already means "back to the body" (a second Esc then leaves the mode).
    """
    mode = FocusMode(window)
    toggle = QAction(S.ACT_FULL_SCREEN, window)
    toggle.setObjectName("act_focus_mode")
    toggle.setShortcut("F11")
    toggle.setCheckable(True)
    leave = QAction(S.FULL_SCREEN_HINT, window)
    leave.setObjectName("act_focus_mode_leave")
    leave.setShortcut("Esc")
    leave.setEnabled(False)

    def sync() -> None:
        toggle.setChecked(mode.active)
        leave.setEnabled(mode.active)

    toggle.triggered.connect(lambda: (mode.toggle(), sync()))
    leave.triggered.connect(lambda: (mode.leave(), sync()))
    leave.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.addAction(toggle)
    window.editor.body.addAction(leave)
    window.editor.fields_area.addAction(leave)
    window.focus_mode = mode   # type: ignore[attr-defined]
    return mode, toggle, leave
