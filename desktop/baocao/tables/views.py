"""What section templates read of a table: ``bang('id')`` with totals, rows and groups.  No Qt.

Numbers come as ``Decimal`` (for arithmetic and the ``so`` filter); ``hien``
gives the text exactly as the appendix prints it (same decimals, same
rounding), so a paragraph and its appendix cannot disagree::

    {% set pl = bang('nhiem-vu-theo-van-ban') %}
    {{ pl.tong('tong') | so }} nhiệm vụ, đạt {{ pl.hien('ty_le') }}%
    {% for nhom in pl.nhom %}{{ nhom.ten }}: {{ nhom.tong('tong') | so }}{% endfor %}
    {% for d in pl.dong %}{{ d.van_ban }}: {{ d.so('hoan_thanh') | so2 }}{% endfor %}
    {% set cp = pl.nguon('chinh-phu') %}{% if cp.so_dong %}{{ cp.tong('tong') | so2 }}{% endif %}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..template.manifest import TableSpec
from .cells import CellValue, format_cell
from .choices import choice, choices_text
from .compute import Group, aggregate, compute_table, decimal_totals


def _column(spec: TableSpec, key: str):
    column = spec.column(key)
    if column is None:
        raise KeyError(f"bảng «{spec.id}» không có cột «{key}»; các cột có: {', '.join(c.key for c in spec.columns)}")
    return column


class _Values:
    """Numbers and shown texts of one row, one group or the whole table."""

    def __init__(self, spec: TableSpec, values: dict[str, CellValue]):
        self._spec = spec
        self._values = values

    def so(self, key: str) -> Decimal | None:
        """The number in column *key* (None when empty, not a number or a division by zero)."""
        _column(self._spec, key)
        value = self._values.get(key)
        return value if isinstance(value, Decimal) else None

    def hien(self, key: str) -> str:
        """Column *key* as the appendix prints it ("88,1", "-", "")."""
        return format_cell(_column(self._spec, key), self._values.get(key))


class RowView(_Values):
    """One row: ``d.so('key')``, ``d.hien('key')``; a text column also reads as ``d.key``."""

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        column = _column(self._spec, key)
        value = self._values.get(key)
        return value if column.numeric or value is None else str(value)


class GroupView(_Values):
    """One group of rows (``group_by``): ``ten``, ``ma`` (choice key), ``so_dong``, ``dong``, ``tong(key)``, ``hien(key)``."""

    def __init__(self, spec: TableSpec, group: Group, rows: list[RowView]):
        super().__init__(spec, group.totals)
        self.ten = group.name
        self.ma = group.key
        self.dong = [rows[i] for i in group.indices]
        self.so_dong = len(self.dong)

    def tong(self, key: str) -> Decimal | None:
        """Sub-total of column *key* in this group (formulas: evaluated on the sub-totals)."""
        return self.so(key)


class TableView(_Values):
    """``bang('id')``: ``so_dong``, ``tong(key)``, ``hien(key)``, ``dong`` (rows), ``nhom`` (groups)."""

    def __init__(self, spec: TableSpec, rows: list[dict[str, Any]]):
        result = compute_table(spec, rows)
        super().__init__(spec, result.totals)
        self._totals = decimal_totals(spec, result.totals)
        self.so_dong = len(rows)
        self.dong = [RowView(spec, values) for values in result.rows]
        self.nhom = [GroupView(spec, group, self.dong) for group in result.groups]

    def tong(self, key: str) -> Decimal | None:
        """Total of column *key* over all rows (computed, never typed); None unless the column has ``total``."""
        _column(self._spec, key)
        return self._totals.get(key)

    def nhom_ten(self, name: str) -> GroupView | None:
        """The group called *name* (None when no row is in it)."""
        return next((g for g in self.nhom if g.ten == name), None)

    def nguon(self, key: str) -> GroupView:
        """The group of the declared choice *key* of the ``group_by`` column (a source of tasks).

        Always a group: with no row in it, ``so_dong`` is 0 and every total is 0.
        Raises ``KeyError`` (Vietnamese) when the table has no such choice.
        """
        spec = self._spec
        column = spec.column(spec.group_by) if spec.group_by else None
        if column is None or column.type != "choice":
            raise KeyError(f"bảng «{spec.id}» không nhóm theo một cột lựa chọn (group_by với type = \"choice\")")
        declared = choice(column, key)
        if declared is None:
            raise KeyError(f"bảng «{spec.id}» không có nguồn «{key}»; các nguồn: {choices_text(column)}")
        found = next((g for g in self.nhom if g.ma == key), None)
        if found is not None:
            return found
        return GroupView(spec, Group(declared.label, [], aggregate(spec, []), key), self.dong)
