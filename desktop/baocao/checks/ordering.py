"""The order findings are listed in, overlaps merged and dismissals applied (shared by the full and the quick check)."""

from __future__ import annotations

from ..model.draft import Draft
from ..template.manifest import Pack
from .dismissals import dismissed_keys
from .findings import Finding


def ordered_findings(draft: Draft, pack: Pack, structural: list[Finding], located: list[Finding],
                     include_dismissed: bool) -> list[Finding]:
    """Structural findings, then located ones in report order; overlaps merged; dismissed ones left out."""
    order = {spec.id: index for index, spec in enumerate(pack.sections)}
    order.update({table_id: len(order) + index for index, table_id in enumerate(pack.tables)})
    findings = structural + sorted(located, key=lambda f: (order.get(f.where, len(order) + 99), f.part != "body",
                                                           f.row or 0) + f.place())
    findings = _merge_overlaps(findings)
    if include_dismissed:
        return findings
    dismissed = dismissed_keys(draft)
    return [f for f in findings if f.key() not in dismissed] if dismissed else findings


def _merge_overlaps(findings: list[Finding]) -> list[Finding]:
    """Drop a located finding when the same rule already covers the same span (two rules may still overlap)."""
    seen, out = set(), []
    for finding in findings:
        mark = (finding.rule, finding.where, finding.part, finding.para, finding.note, finding.note_para, finding.row,
                finding.field, finding.offset, finding.length) if finding.located else None
        if mark is not None and mark in seen:
            continue
        if mark is not None:
            seen.add(mark)
        out.append(finding)
    return out
