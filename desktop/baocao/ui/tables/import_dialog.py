"""The mapping preview of a .xlsx/.csv import: source headers → table columns, the first rows, bad cells.

Headers that name a column map themselves (``tables.mapping.auto_mapping``);
each source column has a drop-down of the table's input columns.  Every
change re-runs the conversion (a table has at most a few thousand cells) and
shows the first rows as the table will hold them, or the bad cells with their
row and column in the file — «Nhập» stays disabled until nothing is wrong, so
nothing is imported half-way.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QRadioButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ...errors import BaocaoError
from ...tables.cells import format_cell, cell_number
from ...tables.mapping import ImportPlan, auto_mapping, convert
from ...tables.sources import SourceTable, read_source
from ...template.manifest import TableSpec
from . import strings as T

#: rows shown in the preview
PREVIEW_ROWS = 8


class ImportDialog(QDialog):
    """Choose the sheet and the mapping, see the rows; ``result_rows()`` after «Nhập»."""

    def __init__(self, spec: TableSpec, path: Path, current_rows: list[dict[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.spec, self.path = spec, path
        self.current_rows = copy.deepcopy(current_rows)
        self.source: SourceTable = read_source(path)           # raises SourceError before anything is shown
        self.plan: ImportPlan | None = None
        self.setWindowTitle(T.DIALOG_TITLE.format(table=spec.id))
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        encoding = T.DIALOG_ENCODING.format(encoding=self.source.encoding) if self.source.encoding else ""
        layout.addWidget(QLabel(T.DIALOG_FILE.format(file=path.name, encoding=encoding), self))
        self.sheet = QComboBox(self)
        if len(self.source.sheets) > 1:
            form = QFormLayout()
            self.sheet.addItems(self.source.sheets)
            self.sheet.setCurrentText(self.source.sheet)
            self.sheet.currentTextChanged.connect(self._sheet_chosen)
            form.addRow(T.DIALOG_SHEET, self.sheet)
            layout.addLayout(form)
        layout.addWidget(QLabel(T.DIALOG_MAPPING, self))
        self.mapping_table = QTableWidget(0, 2, self)
        self.mapping_table.setHorizontalHeaderLabels([T.DIALOG_SOURCE_HEADER, T.DIALOG_TARGET])
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setMinimumHeight(220)
        layout.addWidget(self.mapping_table, 3)
        self.preview_label = QLabel(self)
        layout.addWidget(self.preview_label)
        self.preview = QTableWidget(0, 0, self)
        self.preview.verticalHeader().setVisible(False)
        layout.addWidget(self.preview, 2)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.replace = QRadioButton(T.DIALOG_REPLACE, self)
        self.append = QRadioButton(T.DIALOG_APPEND, self)
        self.replace.setChecked(True)
        layout.addWidget(self.replace)
        layout.addWidget(self.append)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(T.DIALOG_OK, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(T.DIALOG_CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.combos: list[QComboBox] = []
        self._fill_mapping()

    # ------------------------------------------------------------ mapping
    def _sheet_chosen(self, name: str) -> None:
        try:
            self.source = read_source(self.path, name)
        except BaocaoError as exc:
            self.status.setText(exc.user_text())
            return
        self._fill_mapping()

    def _fill_mapping(self) -> None:
        targets = [c for c in self.spec.columns if not c.computed]
        mapping = auto_mapping(self.spec, self.source.headers)
        self.mapping_table.setRowCount(len(self.source.headers))
        self.combos = []
        for index, header in enumerate(self.source.headers):
            self.mapping_table.setItem(index, 0, QTableWidgetItem(header))
            combo = QComboBox(self.mapping_table)
            combo.addItem(T.DIALOG_SKIP, "")
            for column in targets:
                name = f"{column.group}/{column.header}" if column.group else column.header
                combo.addItem(f"{name} ({column.key})", column.key)
            if index in mapping:
                combo.setCurrentIndex(combo.findData(mapping[index]))
            combo.currentIndexChanged.connect(self._refresh)
            self.mapping_table.setCellWidget(index, 1, combo)
            self.combos.append(combo)
        self.mapping_table.resizeColumnToContents(0)
        self._refresh()

    def mapping(self) -> dict[int, str]:
        """Source column index → table column key, as chosen now (a key chosen twice: the last one wins)."""
        chosen: dict[int, str] = {}
        for index, combo in enumerate(self.combos):
            key = combo.currentData()
            if key:
                chosen = {i: k for i, k in chosen.items() if k != key}
                chosen[index] = key
        return chosen

    def set_mapping(self, header: str, key: str) -> None:
        """Map the source column *header* to column *key* ("" to leave it out) — for tests and keyboard users."""
        index = self.source.headers.index(header)
        self.combos[index].setCurrentIndex(self.combos[index].findData(key))

    # ------------------------------------------------------------ preview
    def _refresh(self) -> None:
        self.plan = None
        try:
            self.plan = convert(self.spec, self.source, self.mapping())
        except BaocaoError as exc:
            self.status.setText(exc.user_text())
            self.status.setStyleSheet("color: #b00020;")
            self.ok_button.setEnabled(False)
            self._show_rows([])
            return
        notes = [T.DIALOG_READY.format(rows=len(self.plan.rows))]
        if self.plan.skipped_totals:
            notes.append(T.DIALOG_SKIPPED_TOTALS.format(rows=", ".join(map(str, self.plan.skipped_totals))))
        self.status.setText(" ".join(notes))
        self.status.setStyleSheet("")
        self.ok_button.setEnabled(bool(self.plan.rows))
        self._show_rows(self.plan.rows)

    def _show_rows(self, rows: list[dict[str, Any]]) -> None:
        columns = [c for c in self.spec.columns if not c.computed]
        shown = rows[:PREVIEW_ROWS]
        self.preview_label.setText(T.DIALOG_PREVIEW.format(shown=len(shown), total=len(rows)))
        self.preview.clear()
        self.preview.setColumnCount(len(columns))
        self.preview.setRowCount(len(shown))
        self.preview.setHorizontalHeaderLabels([f"{c.group}/{c.header}" if c.group else c.header for c in columns])
        for r, row in enumerate(shown):
            for c, column in enumerate(columns):
                item = QTableWidgetItem(format_cell(column, cell_number(column, row.get(column.key))))
                if column.numeric:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()

    def result_rows(self) -> list[dict[str, Any]] | None:
        """The table's rows after the import (replaced or appended), None when there is nothing to import."""
        if self.plan is None or not self.plan.rows:
            return None
        rows = copy.deepcopy(self.plan.rows)
        return [*copy.deepcopy(self.current_rows), *rows] if self.append.isChecked() else rows
