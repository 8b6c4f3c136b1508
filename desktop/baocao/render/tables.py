"""Appendix tables in the document model: computed cells, group sub-totals, the total row, the note.

The drafter types only the input columns; "STT", ``sum_of`` and ``formula``
columns, the "Cộng" row of each group and the total row are computed by
``baocao.tables.compute`` so appendix figures always add up, and every value
is shown with its column's decimals (``baocao.tables.cells.format_cell``).
With ``group_by`` the rows of each group follow a heading row (Roman numeral,
group name) and end with a sub-total row; the group column itself is not
printed.  A note (the pack's ``note``, then the draft's own) goes under the table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..docmodel import Block, Paragraph, Table, TableColumn, Text
from ..formatting import roman
from ..template.manifest import ColumnSpec, TableSpec
from ..tables.cells import CellValue, format_cell
from ..tables.compute import compute_table, decimal_totals
from ..text import clean_line

#: how the line under a table starts
NOTE_PREFIX = "Ghi chú: "


def table_values(spec: TableSpec, rows: list[dict[str, Any]]) -> tuple[list[dict[str, CellValue]], dict[str, Decimal]]:
    """Each row's values (computed columns filled) and the numeric totals of ``total`` columns."""
    result = compute_table(spec, rows)
    return result.rows, decimal_totals(spec, result.totals)


def _align(column: ColumnSpec) -> str:
    return "right" if column.numeric else ("center" if column.type == "stt" else "left")


def _label_row(columns: list[ColumnSpec], values: dict[str, CellValue], label: str, number: str = "") -> list[str]:
    """A heading / sub-total / total row: *label* in the first text column, totals where ``total`` is set."""
    out: list[str] = []
    placed = False
    for column in columns:
        if column.type == "stt":
            out.append(number)
        elif column.total and column.key in values:
            out.append(format_cell(column, values[column.key]))
        elif not placed and column.type == "text":
            out.append(label)
            placed = True
        else:
            out.append("")
    return out


def _data_row(columns: list[ColumnSpec], values: dict[str, CellValue]) -> list[str]:
    return [str(int(values[c.key])) if c.type == "stt" else format_cell(c, values.get(c.key)) for c in columns]


def build_table(spec: TableSpec, rows: list[dict[str, Any]]) -> Table:
    """The document-model table for *spec* filled with *rows*."""
    result = compute_table(spec, rows)
    columns = [c for c in spec.columns if c.key != spec.group_by]
    model_columns = [TableColumn(c.key, c.header, c.width_mm, _align(c), c.numeric, c.group) for c in columns]  # type: ignore[arg-type]
    cells: list[list[str]] = []
    emphasis: list[int] = []
    if result.groups:
        for number, group in enumerate(result.groups, start=1):
            emphasis.append(len(cells))
            cells.append(_label_row(columns, {}, group.name, roman(number)))
            cells.extend(_data_row(columns, result.rows[i]) for i in group.indices)
            emphasis.append(len(cells))
            cells.append(_label_row(columns, group.totals, spec.subtotal_label))
    else:
        cells = [_data_row(columns, values) for values in result.rows]
    total_row = _label_row(columns, result.totals, spec.total_label) if result.totals else None
    return Table(spec.id, model_columns, cells, total_row, subtotal_rows=emphasis)


def table_note(spec: TableSpec, draft_note: str = "") -> str:
    """The line under the table: the pack's note, then the draft's own (empty when neither)."""
    parts = [clean_line(spec.note), clean_line(draft_note)]
    return " ".join(p for p in parts if p)


def table_blocks(spec: TableSpec, rows: list[dict[str, Any]], draft_note: str = "") -> list[Block]:
    """The table, then its note as an italic paragraph when there is one."""
    blocks: list[Block] = [build_table(spec, rows)]
    note = table_note(spec, draft_note)
    if note:
        blocks.append(Paragraph([Text(NOTE_PREFIX, italic=True, bold=True), Text(note, italic=True)],
                                align="justify", indent=False))
    return blocks
