"""What export asks: the findings of severity "error", without the rules that never give one.  No Qt.

Imports only the error-capable rules (``ERROR_CAPABLE``) — not the spelling lists, the n-gram
model or the typography rules — so ``baocao export`` loads and runs a fraction of the checks.
"""

from __future__ import annotations

import re
from datetime import date

from ..model.draft import Draft
from ..template.manifest import Pack
from .completeness import appendix_findings
from .findings import Finding
from .ordering import ordered_findings
from .structure import check_meta, check_sections, check_tables
from .textunits import TextUnit, draft_units

#: the rules that can report severity "error" (``error_findings`` runs only these)
ERROR_CAPABLE = ("structure: metadata, required sections and fields, field values, sums, table cells",
                 "citations: a date that does not exist", "completeness: an appendix that does not exist")


#: every date a citation or a "ngày … tháng … năm …" can hold ("ngày 31/02/2021", "ngày 30 tháng 02 năm 2021"):
#: only such a date that does not exist gives the citations' one error (``RULE_DATE_INVALID``)
_DATE_AFTER_NGAY = re.compile(r"ngày (\d{1,2})(?:/| tháng )(\d{1,2})(?:/| năm )(\d{4})")
#: what a text must hold for the appendix rule to give its error (a "Phụ lục …" that does not exist)
APPENDIX_WORDS = "Phụ lục"


def may_have_bad_date(text: str) -> bool:
    """True when *text* holds a date after "ngày " that is not in the calendar (False: no date error possible)."""
    if "ngày " not in text:
        return False
    for match in _DATE_AFTER_NGAY.finditer(text):
        try:
            date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return True
    return False


def _may_err(text: str) -> bool:
    """True for a text where one of the per-text rules may give an error (the others are not even built)."""
    return APPENDIX_WORDS in text or may_have_bad_date(text)


def error_findings(draft: Draft, pack: Pack) -> list[Finding]:
    """Exactly the findings of severity "error" that ``check_draft`` gives, in its order — faster.

    Export asks only whether errors stand in the way.  Only the rules of
    ``ERROR_CAPABLE`` can give an error (structure, an impossible date in a
    citation, an appendix referred to that does not exist), so the spelling,
    typography and report-wide comparisons are not run at all: export does a
    fraction of the work of a full check (tests/test_checks_errors_only.py
    proves the two agree).  Of the per-text rules only the texts that can give
    an error are looked at: a date after "ngày " that is not in the calendar
    (``may_have_bad_date``), a "Phụ lục" outside a table cell.
    """
    dated: list[TextUnit] = []                   # units where a citation rule may give an error
    named: list[TextUnit] = []                   # units where the appendix rule may give one
    for unit in draft_units(draft, pack, _may_err):
        text = unit.text
        if may_have_bad_date(text):
            dated.append(unit)
        if APPENDIX_WORDS in text and unit.part != "cell":
            named.append(unit)
    located: list[Finding] = []
    if dated or named:                           # the rules' patterns and the legacy tables: only when needed
        from .citations import citation_hits
        from .legacy_rule import legacy_hits
    for unit in dated:
        if not legacy_hits(unit.text):           # a legacy-encoded string gives only that hit
            located += [unit.finding(h.severity, h.rule, h.message, h.offset, h.length, h.fix, h.fix_label)  # type: ignore[arg-type]
                        for h in citation_hits(unit.text) if h.severity == "error"]
    if named:
        clean_named = [u for u in named if not legacy_hits(u.text)]
        located += [f for f in appendix_findings(clean_named, pack) if f.severity == "error"]
    structural = [f for f in check_meta(draft, warnings=False) + check_sections(draft, pack) + check_tables(draft, pack)
                  if f.severity == "error"]
    return ordered_findings(draft, pack, structural, located, include_dismissed=False)
