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

from importlib import import_module

TYPE_CHECKING = False        # typing.TYPE_CHECKING without importing typing (a cached answer loads almost nothing)
if TYPE_CHECKING:
    from typing import Any

_LAZY = {
    "check_draft": "engine", "check_section_text": "engine", "error_findings": "errors_only", "text_hits": "engine",
    "unit_findings": "engine",
    "check_meta": "structure", "check_sections": "structure", "check_tables": "structure",
}

__all__ = ["BLOCKING_RULES", "SEVERITY_NAMES", "Finding", "Severity", "blocking_findings", *_LAZY]


def __getattr__(name: str) -> Any:
    """A rule function from its module, or a name of ``findings`` (``Finding``, the ``RULE_*`` ids …), on first use.

    Even ``findings`` is imported only when asked for: ``baocao check`` answering from its result
    cache (``result_cache``) imports this package and nothing of it.
    """
    module = _LAZY.get(name)
    if module is None and (name.startswith("__") or name in ("findings",)):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    source = import_module(f".{module or 'findings'}", __name__)
    try:
        value = getattr(source, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value
