"""Right-click menus of the rich editors: Undo/Redo go to the window's undo stack.

The editors' documents have their own undo switched off (every change is an
``Edit`` on the window's ``QUndoStack``), so the standard menu's Hoàn tác /
Làm lại would always be greyed out.  They are replaced by the window's own
actions, which undo what the drafter expects.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTextEdit

#: objectName Qt gives the standard menu's actions → which window action replaces it
REPLACED = {"edit-undo": 0, "edit-redo": 1}


def standard_menu_with_window_undo(editor: QTextEdit, position) -> QMenu:
    """*editor*'s standard context menu, its Undo/Redo swapped for the window's (when the window has them)."""
    menu = editor.createStandardContextMenu(position)
    window_actions = getattr(editor.window(), "acts", None)
    if window_actions is None:
        return menu
    replacements: tuple[QAction, QAction] = (window_actions.undo, window_actions.redo)
    for action in list(menu.actions()):
        index = REPLACED.get(action.objectName())
        if index is not None:
            menu.insertAction(action, replacements[index])
            menu.removeAction(action)
    return menu
