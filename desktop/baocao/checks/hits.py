"""``Hit``: a span a per-text rule found (before it is placed in the draft).  No Qt."""

from __future__ import annotations

from typing import NamedTuple


class Hit(NamedTuple):
    """A problem in one string: rule, severity, span, message, and a safe replacement of the span."""

    rule: str
    severity: str
    offset: int
    length: int
    message: str
    fix: str | None = None
    fix_label: str = ""
