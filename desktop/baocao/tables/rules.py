"""The tables room's checks: typed figures against the table they come from, cells that are no choice.  No Qt.

``table_findings(draft, pack)`` is called by ``baocao.checks.engine.check_draft``
with the other report-wide rules:

* a section field computed from a source of tasks (``baocao.tables.linked``)
  whose typed value differs from the table: a warning on the field, with the
  table's figure — the report prints the table's figure;
* a choice cell holding a text that is no declared choice (an older draft's
  free text): a warning on the cell; the row is kept and printed in a group
  of its own.
"""

from __future__ import annotations

from decimal import Decimal

from ..checks.findings import Finding
from ..fields import value_problem
from ..formatting import format_number, parse_number
from ..model.draft import Draft
from ..template.manifest import Pack
from .choices import choice_problem
from .linked import RULE_FIELD_VS_TABLE, linked_figures, section_links

#: the rule id of a choice cell that is no declared choice
RULE_UNKNOWN_CHOICE = "lua-chon-khong-co"

MSG_FIELD = ("Mục «{section}»: «{label}» đã nhập {typed}, nhưng {appendix} (nguồn «{source}») tính ra {table}; "
             "báo cáo in số của {appendix}. Xóa số đã nhập hoặc sửa bảng.")
MSG_CELL = "{appendix}, dòng {row}: {problem} Dòng vẫn được giữ và in trong một nhóm riêng."


def _number(raw: object) -> Decimal | None:
    try:
        return parse_number(raw)
    except (ValueError, ArithmeticError):
        return None


def linked_field_findings(draft: Draft, pack: Pack) -> list[Finding]:
    """Typed fields that disagree with the figures computed from their source's rows."""
    findings: list[Finding] = []
    for section_id in section_links(pack):
        figures = linked_figures(draft, pack, section_id)
        data = draft.sections.get(section_id)
        if figures is None or not figures.active or data is None:
            continue
        spec = pack.section(section_id)
        for key, value in figures.values.items():
            field = spec.field(key)
            raw = data.fields.get(key)
            if field is None or value_problem(field, raw):
                continue                       # a value that cannot be read is reported by its own rule
            typed = _number(raw)
            if typed is None or value is None or typed == value:
                continue
            findings.append(Finding("warning", section_id, MSG_FIELD.format(
                section=spec.display_name(), label=field.label, typed=format_number(typed),
                appendix=figures.appendix_label, source=figures.link.choice.label, table=format_number(value)),
                key, RULE_FIELD_VS_TABLE, text=f"{key}={format_number(typed)}"))
    return findings


def choice_cell_findings(draft: Draft, pack: Pack) -> list[Finding]:
    """Choice cells whose text is no declared choice (kept, shown, reported)."""
    findings: list[Finding] = []
    for table in pack.tables.values():
        columns = [c for c in table.columns if c.type == "choice"]
        if not columns:
            continue
        label = next((a.label for a in pack.appendices if a.table == table.id), table.id)
        for index, row in enumerate(draft.tables.get(table.id, []), start=1):
            for column in columns:
                problem = choice_problem(column, row.get(column.key))
                if problem:
                    findings.append(Finding("warning", table.id, MSG_CELL.format(appendix=label, row=index,
                                                                                 problem=problem),
                                            column.key, RULE_UNKNOWN_CHOICE, index, part="cell",
                                            text=str(row.get(column.key))))
    return findings


def table_findings(draft: Draft, pack: Pack) -> list[Finding]:
    """Every finding of this module (see the module text)."""
    return linked_field_findings(draft, pack) + choice_cell_findings(draft, pack)
