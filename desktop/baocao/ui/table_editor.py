"""Appendix tables (Phụ lục 01, 02 …): rows in a QTableView, computed columns read-only.

The drafter types only input columns; "STT", sum columns and the total row
are computed (``render.tables.table_values``) and shown greyed.  Numbers are
typed the Vietnamese way; a cell whose text is not a valid number keeps the
text as typed, shown in red with the reason (tooltip and the line under the
table), is never summed, and is listed by the checks.  A ``choice`` column (the
source of tasks) shows the choice's label and is edited with a drop-down the
drafter can type into (``ui/tables/choice_editor``); an older draft's text that
is no choice is kept, shown in red with the list of choices.  Tab and Shift+Tab
move through the cells the drafter fills, Enter goes down a row and Tab on the
last cell adds a row (``ui/tables/keys``); the header draws a column group once
over its columns and wraps the labels (``ui/tables/header``).  Every change
emits the whole new row list (``rowsEdited``) for one undoable ``SetTableRows`` edit.  Pasting a block
copied from Excel, importing a .xlsx/.csv file, moving rows and the note under
the table live in ``ui/tables/`` (each one undo step of its own).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ..fields import cell_problem
from ..tables.cells import format_cell, read_cell
from ..tables.choices import choice_label, choice_problem
from ..tables.compute import compute_table, shown_totals
from ..template.manifest import AppendixSpec, TableSpec
from ..text import clean_line
from . import strings as S
from .tables import keys
from .tables import strings as T
from .tables.header import GROUP_ROLE, LABEL_ROLE, WrapHeader

COMPUTED_BACKGROUND = QColor("#eeeeee")
INVALID_FOREGROUND = QColor("#b00020")
INVALID_BACKGROUND = QColor("#fdecea")
#: a row grows with its wrapped text up to this many lines (the rest: «…» and the cell's tooltip)
MAX_ROW_LINES = 4
ROW_PADDING = 6


class CellTableView(QTableView):
    """A table view whose Tab / Shift+Tab step through the editable cells, then leave the table.

    Tab on the last cell of a last row that holds something adds a row; Enter goes down a row
    (``ui/tables/keys``).  Ctrl+V (outside a cell being edited) asks for a paste of the clipboard
    block (``pasteRequested``); Delete, for emptying the selected cells (``clearRequested``).
    """

    pasteRequested = Signal()
    clearRequested = Signal()
    typedIntoReadOnly = Signal(QModelIndex)     # letters typed on a cell that is computed (no jump elsewhere)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 (Qt API)
        """Typing on a read-only cell says why instead of jumping to a row that starts with those letters."""
        current = self.currentIndex()
        model = self.model()
        if model is not None and current.isValid() and not (model.flags(current) & Qt.ItemFlag.ItemIsEditable):
            self.typedIntoReadOnly.emit(current)
            return
        super().keyboardSearch(search)

    def keyPressEvent(self, event):  # noqa: N802 (Qt API)
        from PySide6.QtGui import QKeySequence

        if event.matches(QKeySequence.StandardKey.Paste):
            self.pasteRequested.emit()
            event.accept()
            return
        if keys.is_enter(event) and self.state() != QAbstractItemView.State.EditingState:
            self.step_row(keys.enter_step(event))
            event.accept()
            return
        if event.key() in keys.CLEAR_KEYS and not event.modifiers() \
                and self.state() != QAbstractItemView.State.EditingState:
            self.clearRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def sizeHintForRow(self, row: int) -> int:  # noqa: N802 (Qt API)
        """As tall as the row's wrapped text, at most ``MAX_ROW_LINES`` lines (so several rows stay in sight)."""
        return min(super().sizeHintForRow(row), MAX_ROW_LINES * self.fontMetrics().lineSpacing() + ROW_PADDING)

    def step_row(self, step: int) -> bool:
        """Go *step* rows down (up when negative) in the same column; False on the first or last row."""
        target = keys.row_below(self.model(), self.currentIndex(), step)
        if target.isValid():
            self.setCurrentIndex(target)
        return target.isValid()

    def moveCursor(self, action, modifiers):  # noqa: N802 (Qt API)
        step = {QAbstractItemView.CursorAction.MoveNext: 1, QAbstractItemView.CursorAction.MovePrevious: -1}.get(action)
        model, current = self.model(), self.currentIndex()
        if step is None or model is None or not current.isValid():
            return super().moveCursor(action, modifiers)
        columns, rows = model.columnCount(), model.rowCount()
        position = current.row() * columns + current.column() + step
        while 0 <= position < rows * columns:
            candidate = model.index(position // columns, position % columns)
            if model.flags(candidate) & Qt.ItemFlag.ItemIsEditable:
                return candidate
            position += step
        if step > 0:              # past the last cell: a new row (as in Word) unless the last row is empty
            return keys.row_after_last(model, current)
        return QModelIndex()      # before the first cell: Shift+Tab moves on to the previous widget


class RowsModel(QAbstractTableModel):
    """The rows of one table plus a read-only total row."""

    rowsEdited = Signal(list)
    refused = Signal(str)          # why the cell just typed cannot be used ("" when it can)

    def __init__(self, spec: TableSpec, rows: list[dict[str, Any]], parent=None):
        super().__init__(parent)
        self.read_only = False
        self.spec = spec
        self.rows = copy.deepcopy(rows)
        self._compute()

    def _compute(self) -> None:
        result = compute_table(self.spec, self.rows)
        self._values, self._totals = result.rows, shown_totals(self.spec, result.totals)
        self._problems = {(index, column.key): problem
                          for index, row in enumerate(self.rows) for column in self.spec.input_columns()
                          if (problem := (cell_problem(column.type, row.get(column.key)) if column.numeric
                                          else choice_problem(column, row.get(column.key))))}

    def problem_count(self) -> int:
        """How many cells hold text that is not a valid number."""
        return len(self._problems)

    def problem(self, row: int, key: str) -> str | None:
        """Why the cell (*row*, *key*) holds text that is not a valid number (None when it is fine)."""
        return self._problems.get((row, key))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Replace all rows (after undo/redo)."""
        self.beginResetModel()
        self.rows = copy.deepcopy(rows)
        self._compute()
        self.endResetModel()

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows) + 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.spec.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.spec.columns):
            return None
        column = self.spec.columns[section]
        if role == GROUP_ROLE:             # the header draws a group once, over all of its columns
            return column.group
        if role == LABEL_ROLE:
            return column.header
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return f"{column.group} – {column.header}" if column.group else column.header
        return None

    def is_total_row(self, row: int) -> bool:
        """True for the computed total row at the bottom."""
        return row == len(self.rows)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.spec.columns[index.column()]
        if self.read_only or self.is_total_row(index.row()) or column.computed:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.spec.columns[index.column()]
        row = index.row()
        total = self.is_total_row(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if total:
                if column.key in self._totals:
                    return format_cell(column, self._totals[column.key])
                first_text = next((c.key for c in self.spec.columns if c.type == "text"), None)
                return self.spec.total_label if column.key == first_text else ""
            value = self._values[row].get(column.key)
            if column.type == "stt":
                return str(row + 1)
            if column.type == "choice":       # the label shown, the stored key (or old free text) edited
                raw = self.rows[row].get(column.key)
                return choice_label(column, raw) if role == Qt.ItemDataRole.DisplayRole else (raw or "")
            if isinstance(value, Decimal) or column.computed:
                return format_cell(column, value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.type == "stt":
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        problem = None if total else self._problems.get((row, column.key))
        if problem and role == Qt.ItemDataRole.ToolTipRole:
            return problem
        if role == Qt.ItemDataRole.ToolTipRole and column.type in ("text", "choice"):
            return self.data(index) or None       # the whole text of a cell too narrow for it
        if problem and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(INVALID_FOREGROUND)
        if problem and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(INVALID_BACKGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and (total or column.computed):
            return QBrush(COMPUTED_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        column = self.spec.columns[index.column()]
        text = str(value if value is not None else "")
        cell = read_cell(column, text)               # decimals stored exactly ("173235,0"); bad text kept as typed
        stored = cell.stored
        message = "" if cell.ok else S.TABLE_BAD_NUMBER.format(
            row=index.row() + 1, column=column.header, value=clean_line(text), problem=cell.error)
        rows = copy.deepcopy(self.rows)
        if stored is None:
            rows[index.row()].pop(column.key, None)
        else:
            rows[index.row()][column.key] = stored
        if rows == self.rows:
            self.refused.emit(message)
            return True
        self.rows = rows
        self._compute()
        self.dataChanged.emit(self.index(index.row(), 0), self.index(len(self.rows), self.columnCount() - 1))
        self.refused.emit(message)
        self.rowsEdited.emit(copy.deepcopy(self.rows))
        return True

    def add_row(self, at: int | None = None) -> int:
        """Insert an empty row (at the end by default); returns its index (-1 while read-only)."""
        if self.read_only:
            return -1
        at = len(self.rows) if at is None or at > len(self.rows) else at
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, {})
        self._compute()
        self.endInsertRows()
        self.rowsEdited.emit(copy.deepcopy(self.rows))
        return at

    def replace_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show *rows* (a paste, an import, a move) without emitting ``rowsEdited``: the caller pushes the edit."""
        self.set_rows(rows)

    def remove_row(self, row: int) -> bool:
        """Delete row *row* (the total row cannot be deleted)."""
        if self.read_only or not 0 <= row < len(self.rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self._compute()
        self.endRemoveRows()
        self.rowsEdited.emit(copy.deepcopy(self.rows))
        return True


class TableEditor(QWidget):
    """Title, the table view, add/remove buttons and the refusal message."""

    rowsEdited = Signal(str, list)     # table id, rows

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.view = CellTableView(self)
        self.view.typedIntoReadOnly.connect(self._explain_read_only)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setHorizontalHeader(WrapHeader(self.view))     # labels wrap; the header grows to show them
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setTabKeyNavigation(True)
        self.add_button = QPushButton(S.TABLE_ADD_ROW, self)
        self.remove_button = QPushButton(S.TABLE_REMOVE_ROW, self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.model: RowsModel | None = None
        self.table_id = ""
        self._read_only = False
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        from .tables.tools import install_table_tools   # move, paste, import, note (ui/tables/)

        install_table_tools(self, buttons)

    def set_table(self, spec: TableSpec, appendix: AppendixSpec | None, title: str, rows: list[dict[str, Any]]) -> None:
        """Show table *spec* with *rows*."""
        self.table_id = spec.id
        label = appendix.label if appendix else spec.id
        self.title.setText(f"<b>{label}</b><br/>{title}")
        self.hint.setText(f"{S.TABLE_HINT.format(total=spec.total_label)} {T.KEYS_HINT}")
        self.model = RowsModel(spec, rows, self)
        self.model.rowsEdited.connect(lambda new_rows: self.rowsEdited.emit(self.table_id, new_rows))
        self.model.refused.connect(self._show_refusal)
        self.model.read_only = self._read_only
        self.view.setModel(self.model)
        total_mm = sum(c.width_mm for c in spec.columns) or 1
        for index, column in enumerate(spec.columns):
            self.view.setColumnWidth(index, max(48, int(column.width_mm * 640 / total_mm)))
        self.view.horizontalHeader().fit_height()
        self._show_refusal("")
        from .tables.tools import show_note

        show_note(self)

    def set_read_only(self, read_only: bool) -> None:
        """Refuse (or allow again) editing cells and adding or removing rows."""
        self._read_only = read_only
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                  else QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
        from .tables.tools import set_tools_read_only

        set_tools_read_only(self, read_only)
        if self.model is not None:
            self.model.read_only = read_only

    def update_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show *rows* after undo/redo (keeps the current cell)."""
        if self.model is None or self.model.rows == rows:
            return
        current = self.view.currentIndex()
        self.model.set_rows(rows)
        self._show_refusal("")
        if current.isValid():
            self.view.setCurrentIndex(self.model.index(min(current.row(), self.model.rowCount() - 1), current.column()))

    def _add(self) -> None:
        if self.model is not None:
            row = self.model.add_row()
            first = next((i for i, c in enumerate(self.model.spec.columns) if not c.computed), 0)
            self.view.setCurrentIndex(self.model.index(row, first))
            self.view.setFocus()

    def _remove(self) -> None:
        if self.model is not None and self.view.currentIndex().isValid():
            self.model.remove_row(self.view.currentIndex().row())

    def _explain_read_only(self, index: QModelIndex) -> None:
        """Why the cell just typed on cannot be changed: computed, the total row, or the table is read-only."""
        if self.model is None:
            return
        column = self.model.spec.columns[index.column()]
        message = (S.TABLE_TOTAL_ROW_READ_ONLY if self.model.is_total_row(index.row())
                   else S.TABLE_COMPUTED_CELL.format(column=column.header) if column.computed
                   else S.TABLE_READ_ONLY)
        self.error.setText(message)
        self.error.setVisible(True)

    def _show_refusal(self, message: str) -> None:
        """The problem of the cell just typed, else how many cells still hold text that is not a number."""
        if not message and self.model is not None and self.model.problem_count():
            message = S.TABLE_PROBLEMS.format(n=self.model.problem_count())
        self.error.setText(message)
        self.error.setVisible(bool(message))
