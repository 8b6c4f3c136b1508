"""Checks over a draft's structure: required content, field values, figures that must add up, metadata.

Export refuses a draft with findings of severity ``error`` unless told to go
ahead — except findings of a *blocking* rule (a field or cell holding text
that is not a valid value), which no export goes past: the report would print
a wrong or missing figure.
"""

from __future__ import annotations

from decimal import Decimal

from ..fields import cell_problem, value_problem
from ..formatting import format_number, parse_number
from ..model.draft import Draft
from ..model.richtext import body_is_empty
from ..template.manifest import Pack, SectionSpec
from ..tables.linked import computed_field_keys
from .findings import RULE_INVALID_VALUE, RULE_META, RULE_MISSING, RULE_SUM, Finding


def _section_name(pack: Pack, spec: SectionSpec) -> str:
    return f"«{spec.title}»" if "{" not in spec.title else f"«{spec.id}»"


def check_sections(draft: Draft, pack: Pack) -> list[Finding]:
    """Required sections and fields present, field values valid, sums right."""
    findings: list[Finding] = []
    for spec in pack.sections:
        data = draft.sections.get(spec.id)
        name = _section_name(pack, spec)
        if spec.required and not spec.fields and (data is None or body_is_empty(data.body)):
            findings.append(Finding("error", spec.id, f"Mục {name} chưa có nội dung.", rule=RULE_MISSING))
        values = data.fields if data else {}
        invalid = set()
        computed = computed_field_keys(draft, pack, spec.id) if spec.fields else set()   # figures from a table
        for field in spec.fields:
            raw = values.get(field.key)
            if field.required and raw in (None, "") and field.key not in computed:
                findings.append(Finding("error", spec.id, f"Mục {name}: chưa nhập «{field.label}».", field.key,
                                        RULE_MISSING))
                continue
            problem = value_problem(field, raw)
            if problem:
                invalid.add(field.key)
                shown = f" «{raw}»" if isinstance(raw, str) else ""
                findings.append(Finding("error", spec.id, f"Mục {name}: «{field.label}»{shown}: {problem}", field.key,
                                        RULE_INVALID_VALUE))
        for check in spec.checks:
            keys = [check.total, *check.parts]
            if invalid.intersection(keys) or computed.issuperset(keys):   # computed: the table's figures add up
                continue             # a figure that cannot be read is reported above, not summed
            numbers = {key: parse_number(values.get(key)) for key in keys}
            if numbers[check.total] is None:
                continue
            parts_sum = sum((numbers[k] or Decimal(0) for k in check.parts), Decimal(0))
            if parts_sum != numbers[check.total]:
                detail = (f" ({format_number(numbers[check.total])} ≠ "
                          f"{' + '.join(format_number(numbers[k] or 0) for k in check.parts)} = {format_number(parts_sum)})")
                findings.append(Finding("error", spec.id, f"Mục {name}: {check.message}{detail}", check.total,
                                        RULE_SUM))
    return findings


def check_tables(draft: Draft, pack: Pack) -> list[Finding]:
    """Table cells: numbers where numbers belong, required columns filled."""
    findings: list[Finding] = []
    for table in pack.tables.values():
        label = next((a.label for a in pack.appendices if a.table == table.id), table.id)
        columns = table.input_columns()
        for index, row in enumerate(draft.tables.get(table.id, []), start=1):
            for column in columns:
                raw = row.get(column.key)
                if column.required and raw in (None, ""):
                    findings.append(Finding("error", table.id, f"{label}, dòng {index}: chưa nhập «{column.header}».",
                                            column.key, RULE_MISSING, index, part="cell"))
                elif column.numeric and (problem := cell_problem(column.type, raw)):
                    findings.append(Finding("error", table.id,
                                            f"{label}, dòng {index}: «{column.header}» phải là số hợp lệ; đang là «{raw}». {problem}",
                                            column.key, RULE_INVALID_VALUE, index, part="cell"))
    from ..tables.rules import table_findings      # the tables room: fields vs. their table, unknown sources
    return findings + table_findings(draft, pack)


def _old_locality(draft: Draft) -> list[Finding]:
    """A province name that the 2025 reorganisation ended, in a report after 1/7/2025 (a warning)."""
    from ..localities import REORGANISATION_DATE, match_locality   # the 2025 map: old names after 1/7/2025

    meta = draft.meta
    old_name = match_locality(meta.locality) if meta.locality.strip() else None
    after_2025 = (meta.issue_date >= REORGANISATION_DATE if meta.issue_date
                  else meta.period.year > REORGANISATION_DATE.year)
    if old_name is not None and old_name.note and after_2025:
        return [Finding("warning", "meta", f"«{meta.locality}» không còn là tên đơn vị hành chính cấp tỉnh: "
                                           f"{old_name.note} Hãy sửa tên tỉnh, thành phố và địa danh.", rule=RULE_META)]
    return []


def check_meta(draft: Draft, warnings: bool = True) -> list[Finding]:
    """Metadata needed by the header and signature (*warnings* False: only what can be an error, as export asks)."""
    meta, findings = draft.meta, []
    if not meta.body.strip():
        findings.append(Finding("error", "meta", "Chưa nhập tên cơ quan ban hành.", rule=RULE_META))
    if not meta.symbol.strip():
        findings.append(Finding("error", "meta", "Chưa nhập ký hiệu văn bản (ví dụ BC-UBND).", rule=RULE_META))
    if not meta.place.strip():
        findings.append(Finding("error", "meta", "Chưa nhập địa danh ghi ở dòng ngày tháng.", rule=RULE_META))
    if not meta.locality.strip():
        findings.append(Finding("error", "meta", "Chưa chọn tỉnh, thành phố của cơ quan ban hành (dòng thứ hai của "
                                                 "tên cơ quan ở đầu văn bản, ví dụ «tỉnh Lâm Đồng»).", rule=RULE_META))
    if warnings:
        findings += _old_locality(draft)
    if not meta.signer.name.strip():
        findings.append(Finding("warning", "meta", "Chưa nhập họ tên người ký.", rule=RULE_META))
    if not meta.is_draft and (not meta.number.strip() or meta.issue_date is None):
        findings.append(Finding("error", "meta", "Văn bản chính thức (không còn là dự thảo) phải có số và ngày ban hành.",
                                rule=RULE_META))
    return findings
