"""Every computed value of a table: row numbers, sums, formulas, group sub-totals, the grand total.  No Qt.

The drafter types only the input columns.  ``compute_table`` fills each row's
computed columns (in dependency order), then for each group (``group_by``)
and for the whole table sums every numeric column that is not a formula and
evaluates the formula columns *on those sums* — a rate in the total row is
the rate of the totals, never a sum of rates.  Only columns with
``total = true`` are shown in sub-total and total rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..template.manifest import ColumnSpec, TableSpec
from .cells import CellValue, cell_number
from .formula import DIVISION_BY_ZERO
from .spec import evaluation_order, formula_of

#: the name of the group of rows whose group cell is empty
NO_GROUP = "Khác"


@dataclass
class Group:
    """Rows sharing one value of the ``group_by`` column, and their sub-totals."""

    name: str
    indices: list[int] = field(default_factory=list)
    totals: dict[str, CellValue] = field(default_factory=dict)
    key: str = ""                  # the choice's key when ``group_by`` is a choice column ("" otherwise)


@dataclass
class TableResult:
    """The computed table: one dict per row, groups (empty without ``group_by``) and the totals."""

    rows: list[dict[str, CellValue]]
    groups: list[Group]
    totals: dict[str, CellValue]


def _fill_row(spec: TableSpec, index: int, row: dict[str, Any], order: list) -> dict[str, CellValue]:
    out: dict[str, CellValue] = {}
    for column in spec.columns:
        if column.type == "stt":
            out[column.key] = Decimal(index)
        elif not column.computed:
            out[column.key] = cell_number(column, row.get(column.key))
    for column in order:
        if column.formula:
            out[column.key] = formula_of(column.formula).evaluate(out)
        else:
            numbers = [out.get(k) for k in column.sum_of if isinstance(out.get(k), Decimal)]
            out[column.key] = sum(numbers, Decimal(0)) if numbers else None
    return out


def aggregate(spec: TableSpec, rows: list[dict[str, CellValue]], order: list | None = None) -> dict[str, CellValue]:
    """The total row of *rows*: sums of numeric columns, formulas evaluated on the sums (all columns)."""
    order = evaluation_order(spec) if order is None else order
    sums: dict[str, CellValue] = {}
    for column in spec.columns:
        if column.numeric and not column.formula:
            numbers = [r[column.key] for r in rows if isinstance(r.get(column.key), Decimal)]
            sums[column.key] = sum(numbers, Decimal(0)) if numbers or column.total else None
    for column in order:
        if column.formula:
            sums[column.key] = formula_of(column.formula).evaluate(sums)
    return sums


def choice_groups(column: ColumnSpec, groups: list[Group]) -> list[Group]:
    """Groups of a choice column: named by their label, keyed, in the declared order (other texts last)."""
    from .choices import choice_key, choice_label, choice_order

    for group in groups:
        if group.name != NO_GROUP:
            group.key = choice_key(column, group.name) or ""
            group.name = choice_label(column, group.name)
    return sorted(groups, key=lambda g: choice_order(column, g.key) if g.key else len(column.choices) + 1)


def compute_table(spec: TableSpec, rows: list[dict[str, Any]]) -> TableResult:
    """Fill *rows* of *spec*: computed cells, groups with sub-totals, totals (see the module text)."""
    order = evaluation_order(spec)
    values = [_fill_row(spec, index, row, order) for index, row in enumerate(rows, start=1)]
    groups: list[Group] = []
    if spec.group_by:
        by_name: dict[str, Group] = {}
        column = spec.column(spec.group_by)
        for index, value in enumerate(values):
            name = str(value.get(spec.group_by) or "").strip() or NO_GROUP
            if name not in by_name:
                by_name[name] = Group(name)
                groups.append(by_name[name])
            by_name[name].indices.append(index)
        if column is not None and column.type == "choice":
            groups = choice_groups(column, groups)
        for group in groups:
            group.totals = aggregate(spec, [values[i] for i in group.indices], order)
    totals = aggregate(spec, values, order) if any(c.total for c in spec.columns) else {}
    return TableResult(values, groups, totals)


def shown_totals(spec: TableSpec, totals: dict[str, CellValue]) -> dict[str, CellValue]:
    """Only the total-row values of columns marked ``total = true``."""
    return {c.key: totals.get(c.key) for c in spec.columns if c.total}


def decimal_totals(spec: TableSpec, totals: dict[str, CellValue]) -> dict[str, Decimal]:
    """The shown totals that are numbers (a division by zero or nothing to sum is left out)."""
    return {k: v for k, v in shown_totals(spec, totals).items() if isinstance(v, Decimal) and v is not DIVISION_BY_ZERO}
