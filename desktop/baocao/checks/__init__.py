"""Checks over a draft: structure, figures, citations, typography, spelling, encodings.  No Qt.

``check_draft(draft, pack)`` returns located ``Finding`` objects (severity
lỗi/cảnh báo/gợi ý, rule id, section, part, paragraph/note/cell, offset,
length, safe fix); nothing here raises for a bad draft.  Export refuses a
draft with findings of severity ``error`` unless told to go ahead — except
findings of a *blocking* rule (a field or cell holding text that is not a
valid value), which no export goes past.

The rule modules (and the word lists they read) load on first use, so that
importing ``Finding`` or a ``RULE_*`` id costs nothing at window start-up.
"""

from __future__ import annotations

from ..lazy import lazy_attributes

from .findings import *  # noqa: F401,F403 - RULE_* ids, Finding, Severity, blocking_findings
from .findings import BLOCKING_RULES, SEVERITY_NAMES, Finding, Severity, blocking_findings

_LAZY = {
    "check_draft": "engine", "check_section_text": "engine", "error_findings": "errors_only", "text_hits": "engine",
    "unit_findings": "engine",
    "check_meta": "structure", "check_sections": "structure", "check_tables": "structure",
}

__all__ = ["BLOCKING_RULES", "SEVERITY_NAMES", "Finding", "Severity", "blocking_findings", *_LAZY]


__getattr__ = lazy_attributes(__name__, _LAZY, globals())
