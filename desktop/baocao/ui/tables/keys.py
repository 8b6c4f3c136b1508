"""Filling a table with the keyboard only, the way a drafter used to Excel and Word expects.

* Enter stores the cell and goes to the cell below (Shift+Enter: above), as in
  Excel; on the last row it stays.
* Tab on the last cell of the last row adds a row and goes to its first
  cell, as in a Word table — unless that row is still empty, then Tab leaves
  the table (so tabbing through never piles up empty rows).
* Delete (or Backspace) on cells that are not being edited empties the
  selected cells the drafter types into, in one undo step; computed cells
  and the total row are left as they are, and the line under the table says so.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent

from . import strings as T

if TYPE_CHECKING:  # pragma: no cover
    from ..table_editor import TableEditor

#: keys that store the cell and go down a row (Shift: up)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: keys that empty the selected cells when no cell is being edited
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def is_enter(event: QKeyEvent) -> bool:
    """True for Enter or Shift+Enter (not Ctrl/Alt+Enter)."""
    extra = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
    return event.key() in ENTER_KEYS and not extra


def enter_step(event: QKeyEvent) -> int:
    """-1 for Shift+Enter (go up), +1 for Enter (go down)."""
    return -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1


def row_below(model: Any, current: QModelIndex, step: int) -> QModelIndex:
    """The cell *step* rows from *current* in the same column, among the typed rows (invalid when none)."""
    if model is None or not current.isValid():
        return QModelIndex()
    target = current.row() + step
    return model.index(target, current.column()) if 0 <= target < len(model.rows) else QModelIndex()


def first_input_column(model: Any) -> int:
    """The first column the drafter types into."""
    return next((i for i, c in enumerate(model.spec.columns) if not c.computed), 0)


def row_after_last(model: Any, current: QModelIndex) -> QModelIndex:
    """Tab past the last cell: a new row's first cell when the last row holds something, else invalid."""
    rows = getattr(model, "rows", None)
    if not rows or getattr(model, "read_only", True) or current.row() < len(rows) - 1:
        return QModelIndex()
    if not any(value not in (None, "") for value in rows[-1].values()):
        return QModelIndex()
    row = model.add_row()
    return model.index(row, first_input_column(model)) if row >= 0 else QModelIndex()


def clear_selected(editor: "TableEditor") -> bool:
    """Empty the selected cells the drafter types into (one undo step); say why when none can be emptied."""
    from .tools import push_rows

    model, view = editor.model, editor.view
    if model is None:
        return False
    indexes = view.selectionModel().selectedIndexes() or [view.currentIndex()]
    cells = [index for index in indexes
             if index.isValid() and model.flags(index) & Qt.ItemFlag.ItemIsEditable]
    if not cells:
        if indexes and indexes[0].isValid():
            view.typedIntoReadOnly.emit(indexes[0])
        return False
    rows = copy.deepcopy(model.rows)
    for index in cells:
        rows[index.row()].pop(model.spec.columns[index.column()].key, None)
    if rows == model.rows or not push_rows(editor, rows, T.CLEAR_LABEL):
        return False
    skipped = len(indexes) - len(cells)
    editor.error.setText(T.CLEARED.format(n=len(cells)) + (T.CLEAR_SKIPPED.format(n=skipped) if skipped else ""))
    editor.error.setVisible(True)
    return True
