"""Checks over a draft: required content, field values, figures that must add up.

Each check returns located ``Finding`` objects; nothing here raises for a bad
draft.  Export refuses a draft with findings of severity ``error`` unless told
to go ahead; the window lists all findings beside the section they concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .fields import value_problem
from .formatting import format_number, parse_number
from .model.draft import Draft
from .model.richtext import body_is_empty
from .template.manifest import Pack, SectionSpec

Severity = Literal["error", "warning"]


@dataclass
class Finding:
    """One problem: where (section or table id, field) and what, in Vietnamese."""

    severity: Severity
    where: str           # section id, table id or "meta"
    message: str
    field: str | None = None


def _section_name(pack: Pack, spec: SectionSpec) -> str:
    return f"«{spec.title}»" if "{" not in spec.title else f"«{spec.id}»"


def check_sections(draft: Draft, pack: Pack) -> list[Finding]:
    """Required sections and fields present, field values valid, sums right."""
    findings: list[Finding] = []
    for spec in pack.sections:
        data = draft.sections.get(spec.id)
        name = _section_name(pack, spec)
        if spec.required and not spec.fields and (data is None or body_is_empty(data.body)):
            findings.append(Finding("error", spec.id, f"Mục {name} chưa có nội dung."))
        values = data.fields if data else {}
        for field in spec.fields:
            raw = values.get(field.key)
            if field.required and raw in (None, ""):
                findings.append(Finding("error", spec.id, f"Mục {name}: chưa nhập «{field.label}».", field.key))
                continue
            problem = value_problem(field, raw)
            if problem:
                findings.append(Finding("error", spec.id, f"Mục {name}: «{field.label}»: {problem}", field.key))
        for check in spec.checks:
            numbers = {}
            for key in [check.total, *check.parts]:
                try:
                    numbers[key] = parse_number(values.get(key))
                except ValueError:
                    numbers[key] = None
            if numbers[check.total] is None:
                continue
            parts_sum = sum((numbers[k] or Decimal(0) for k in check.parts), Decimal(0))
            if parts_sum != numbers[check.total]:
                detail = (f" ({format_number(numbers[check.total])} ≠ "
                          f"{' + '.join(format_number(numbers[k] or 0) for k in check.parts)} = {format_number(parts_sum)})")
                findings.append(Finding("error", spec.id, f"Mục {name}: {check.message}{detail}", check.total))
    return findings


def check_tables(draft: Draft, pack: Pack) -> list[Finding]:
    """Table cells: numbers where numbers belong, required columns filled."""
    findings: list[Finding] = []
    for table in pack.tables.values():
        label = next((a.label for a in pack.appendices if a.table == table.id), table.id)
        for index, row in enumerate(draft.tables.get(table.id, []), start=1):
            for column in table.input_columns():
                raw = row.get(column.key)
                if column.required and raw in (None, ""):
                    findings.append(Finding("error", table.id, f"{label}, dòng {index}: chưa nhập «{column.header}».",
                                            column.key))
                elif column.numeric and raw not in (None, ""):
                    try:
                        parse_number(raw)
                    except ValueError:
                        findings.append(Finding("error", table.id,
                                                f"{label}, dòng {index}: «{column.header}» phải là số; đang là «{raw}».",
                                                column.key))
    return findings


def check_meta(draft: Draft) -> list[Finding]:
    """Metadata needed by the header and signature."""
    meta, findings = draft.meta, []
    if not meta.body.strip():
        findings.append(Finding("error", "meta", "Chưa nhập tên cơ quan ban hành."))
    if not meta.symbol.strip():
        findings.append(Finding("error", "meta", "Chưa nhập ký hiệu văn bản (ví dụ BC-UBND)."))
    if not meta.place.strip():
        findings.append(Finding("error", "meta", "Chưa nhập địa danh ghi ở dòng ngày tháng."))
    if not meta.signer.name.strip():
        findings.append(Finding("warning", "meta", "Chưa nhập họ tên người ký."))
    if not meta.is_draft and (not meta.number.strip() or meta.issue_date is None):
        findings.append(Finding("error", "meta", "Văn bản chính thức (không còn là dự thảo) phải có số và ngày ban hành."))
    return findings


def check_draft(draft: Draft, pack: Pack) -> list[Finding]:
    """Every check, metadata first, then sections in order, then tables."""
    return check_meta(draft) + check_sections(draft, pack) + check_tables(draft, pack)
