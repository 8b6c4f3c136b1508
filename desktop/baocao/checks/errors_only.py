"""What export asks: the findings of severity "error", without the rules that never give one.  No Qt.

Imports only the error-capable rules (``ERROR_CAPABLE``) — not the spelling lists, the n-gram
model or the typography rules — so ``baocao export`` loads and runs a fraction of the checks.
"""

from __future__ import annotations

from ..model.draft import Draft
from ..template.manifest import Pack
from .citations import citation_hits
from .completeness import appendix_findings
from .findings import Finding
from .legacy_rule import legacy_hits
from .ordering import ordered_findings
from .structure import check_meta, check_sections, check_tables
from .textunits import draft_units

#: the rules that can report severity "error" (``error_findings`` runs only these)
ERROR_CAPABLE = ("structure: metadata, required sections and fields, field values, sums, table cells",
                 "citations: a date that does not exist", "completeness: an appendix that does not exist")


def error_findings(draft: Draft, pack: Pack) -> list[Finding]:
    """Exactly the findings of severity "error" that ``check_draft`` gives, in its order — faster.

    Export asks only whether errors stand in the way.  Only the rules of
    ``ERROR_CAPABLE`` can give an error (structure, an impossible date in a
    citation, an appendix referred to that does not exist), so the spelling,
    typography and report-wide comparisons are not run at all: export does a
    fraction of the work of a full check (tests/test_checks_errors_only.py
    proves the two agree).
    """
    units = list(draft_units(draft, pack))
    clean_units = [u for u in units if not legacy_hits(u.text)]     # a legacy-encoded string gives only that hit
    located: list[Finding] = []
    for unit in clean_units:
        located += [unit.finding(h.severity, h.rule, h.message, h.offset, h.length, h.fix, h.fix_label)  # type: ignore[arg-type]
                    for h in citation_hits(unit.text) if h.severity == "error"]
    located += [f for f in appendix_findings(clean_units, pack) if f.severity == "error"]
    structural = [f for f in check_meta(draft) + check_sections(draft, pack) + check_tables(draft, pack)
                  if f.severity == "error"]
    return ordered_findings(draft, pack, structural, located, include_dismissed=False)
