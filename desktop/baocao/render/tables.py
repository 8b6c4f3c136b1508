"""Table values: computed row numbers, row sums and column totals.

The drafter types only the input columns; "STT", columns with ``sum_of`` and
the total row are computed here, so appendix figures always add up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..docmodel import Table, TableColumn
from ..fields import cell_problem
from ..formatting import format_number, parse_number
from ..template.manifest import ColumnSpec, TableSpec
from ..text import clean_line

CellValue = Decimal | str | None


def _cell(column: ColumnSpec, raw: Any) -> CellValue:
    if column.numeric:
        if cell_problem(column.type, raw):
            return clean_line(str(raw))  # kept as typed, never summed; the checks report it
        return parse_number(raw)
    return clean_line(str(raw)) if raw not in (None, "") else None


def table_values(spec: TableSpec, rows: list[dict[str, Any]]) -> tuple[list[dict[str, CellValue]], dict[str, Decimal]]:
    """Each row's values (computed columns filled) and the totals of ``total`` columns."""
    values: list[dict[str, CellValue]] = []
    for index, row in enumerate(rows, start=1):
        out: dict[str, CellValue] = {}
        for column in spec.columns:
            if column.type == "stt":
                out[column.key] = Decimal(index)
            elif not column.sum_of:
                out[column.key] = _cell(column, row.get(column.key))
        for column in spec.columns:
            if column.sum_of:
                parts = [out.get(k) for k in column.sum_of]
                numbers = [p for p in parts if isinstance(p, Decimal)]
                out[column.key] = sum(numbers, Decimal(0)) if numbers else None
        values.append(out)
    totals: dict[str, Decimal] = {}
    for column in spec.columns:
        if column.total:
            totals[column.key] = sum((v[column.key] for v in values if isinstance(v.get(column.key), Decimal)),
                                     Decimal(0))
    return values, totals


def _format(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    return value


def build_table(spec: TableSpec, rows: list[dict[str, Any]]) -> Table:
    """The document-model table for *spec* filled with *rows*."""
    values, totals = table_values(spec, rows)
    columns = [TableColumn(c.key, c.header, c.width_mm, "right" if c.numeric else ("center" if c.type == "stt" else "left"),
                           c.numeric, c.group) for c in spec.columns]
    cells = [[_format(v.get(c.key)) if c.type != "stt" else str(int(v[c.key])) for c in spec.columns] for v in values]
    total_row = None
    if totals:
        total_row = []
        label_placed = False
        for column in spec.columns:
            if column.key in totals:
                total_row.append(format_number(totals[column.key]))
            elif not label_placed and column.type == "text":
                total_row.append(spec.total_label)
                label_placed = True
            else:
                total_row.append("")
    return Table(spec.id, columns, cells, total_row)
