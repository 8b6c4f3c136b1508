"""Ctrl+Z / Ctrl+Y typed in the pack editor's form boxes go to the editor's own undo stack.

A QLineEdit or QPlainTextEdit would otherwise undo only its own text, out of step with the pack
editor's stack.  Before the stack's action fires, what was typed in the box is taken into the
pack (``commit``), so Ctrl+Z first undoes that typing, then the changes before it, in order.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget


def is_undo_or_redo(event: QEvent) -> bool:
    """True for the ShortcutOverride of the standard Undo or Redo keys."""
    return event.type() == QEvent.Type.ShortcutOverride and (
        event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))


class UndoKeysToStack(QObject):
    """Event filter for text boxes: Undo/Redo keys are not theirs; *commit* runs first."""

    def __init__(self, commit: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._commit = commit

    def watch(self, *widgets: QWidget) -> None:
        """Filter the keys of *widgets*."""
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if is_undo_or_redo(event):
            self._commit()
            event.ignore()          # not overridden: the pack editor's Hoàn tác / Làm lại action fires
            return True
        return False
