"""A section's figures computed from one source of a grouped table (issue 13: I.1.a from Phụ lục 02).  No Qt.

A pack links them on the choice itself::

    [[tables.columns.choices]]
    key = "chinh-phu"
    label = "Chính phủ, Thủ tướng Chính phủ giao (theo Quy chế 42)"
    section = "nhiem-vu-cap-tren"
    fields = { tong = "tong", hoan_thanh = "hoan_thanh", trong_han = "chua_hoan_thanh - qua_han" }

Each field's value is its formula (``baocao.tables.formula``) evaluated on the
sub-totals of the rows of that source.  While the source has rows these are
the section's figures (the form shows them read-only, the section template
reads the same group through ``bang(…).nguon(…)``); the typed fields are only
the fallback of a draft without such rows, and a typed value that disagrees
with the table is reported (``linked_field_findings``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..formatting import format_number
from ..model.draft import Draft
from ..template.manifest import ChoiceSpec, ColumnSpec, Pack, TableSpec
from .compute import aggregate, compute_table
from .formula import FormulaError
from .spec import formula_of

#: the rule id of a typed field that disagrees with the table it is computed from
RULE_FIELD_VS_TABLE = "truong-khac-bang"


@dataclass(frozen=True)
class Link:
    """One declared link: the table, its choice column, the choice, the section."""

    table: TableSpec
    column: ColumnSpec
    choice: ChoiceSpec


@dataclass
class LinkedFigures:
    """The computed figures of a section's fields, and where they come from."""

    link: Link
    appendix_label: str
    row_count: int
    values: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """True when the source has rows: the table's figures are the section's figures."""
        return self.row_count > 0

    def shown(self, key: str) -> str:
        """Field *key*'s computed value as the form shows it ("2.573", "" when none)."""
        value = self.values.get(key)
        return format_number(value) if isinstance(value, Decimal) else ""


def section_links(pack: Pack) -> dict[str, Link]:
    """Section id → its link (the first declared one when a maintainer wrote two)."""
    links: dict[str, Link] = {}
    for table in pack.tables.values():
        for column in table.columns:
            for item in column.choices:
                if item.section and item.section not in links:
                    links[item.section] = Link(table, column, item)
    return links


def links_problem(pack: Pack) -> str | None:
    """Why a declared link cannot be used (Vietnamese), or None: section, fields and formulas must exist."""
    seen: dict[str, str] = {}
    for table in pack.tables.values():
        numeric = {c.key for c in table.columns if c.numeric}
        for column in table.columns:
            for item in column.choices:
                where = f"Nguồn «{item.key}» (cột «{column.key}», bảng «{table.id}»)"
                if not item.section and not item.fields:
                    continue
                if table.group_by != column.key:
                    return f"{where} tính số liệu cho mục nhưng bảng không nhóm theo cột này (group_by = \"{column.key}\")."
                if not pack.has_section(item.section):
                    return f"{where}: section = «{item.section}» không phải mã của một mục trong mẫu."
                if item.section in seen:
                    return f"{where}: mục «{item.section}» đã lấy số liệu từ nguồn «{seen[item.section]}»."
                seen[item.section] = item.key
                section = pack.section(item.section)
                if not isinstance(item.fields, dict) or not item.fields:
                    return f"{where}: cần fields = {{ mã_trường = \"công thức theo cột\" }}, ví dụ {{ tong = \"tong\" }}."
                for key, text in item.fields.items():
                    spec = section.field(key)
                    if spec is None or spec.type not in ("integer", "decimal"):
                        return f"{where}: mục «{item.section}» không có trường số «{key}»."
                    if not isinstance(text, str):
                        return f"{where}: công thức của trường «{key}» phải là chuỗi, ví dụ \"chua_hoan_thanh - qua_han\"."
                    try:
                        unknown = sorted(k for k in formula_of(text).keys if k not in numeric)
                    except FormulaError as exc:
                        return f"{where}, trường «{key}»: {exc.message}"
                    if unknown:
                        return f"{where}, trường «{key}»: công thức dùng cột không phải cột số: {', '.join(unknown)}."
    return None


def linked_figures(draft: Draft, pack: Pack, section_id: str) -> LinkedFigures | None:
    """The figures of *section_id* computed from its source's rows (None when the section has no link)."""
    link = section_links(pack).get(section_id)
    if link is None:
        return None
    result = compute_table(link.table, draft.tables.get(link.table.id, []))
    group = next((g for g in result.groups if g.key == link.choice.key), None)
    rows = [result.rows[i] for i in group.indices] if group else []
    totals = group.totals if group else aggregate(link.table, [])
    values: dict[str, Decimal | None] = {}
    for key, text in link.choice.fields.items():
        value = formula_of(text).evaluate(totals)
        values[key] = value if isinstance(value, Decimal) else None
    label = next((a.label for a in pack.appendices if a.table == link.table.id), link.table.id)
    return LinkedFigures(link, label, len(rows), values)


def computed_field_keys(draft: Draft, pack: Pack, section_id: str) -> set[str]:
    """Fields of *section_id* whose figures come from the table now (empty when the source has no rows)."""
    figures = linked_figures(draft, pack, section_id)
    return set(figures.values) if figures is not None and figures.active else set()
