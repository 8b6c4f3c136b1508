"""What the preview's worker process is sent after an edit: the parts of the draft that changed, not the draft.

The worker keeps the draft it rendered last.  After an edit the window sends a
``DraftDelta``: the new value of each row the edits changed (a section, a
table, the metadata, an extra — the same row keys as autosave,
``session.edit_keys``), plus the order of the draft's sections, tables and
extras, so that the worker's copy is the window's draft exactly.  When the
order changed or an edit may have changed anything (``edit_keys`` is None),
the whole draft is sent instead.  No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.draft import Draft
from ..storage.rows import EXTRA_PREFIX, META_KEY, SECTION_PREFIX, TABLE_PREFIX

#: An extra or table absent from the draft (a removed value travels as this).
ABSENT = None


def draft_shape(draft: Draft) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]:
    """The order of the draft's sections, tables and extras, and its pack: a delta applies only to the same shape."""
    return tuple(draft.sections), tuple(draft.tables), tuple(draft.extras), draft.template_id


@dataclass
class DraftDelta:
    """New values of some rows of a draft (row key → value; ``ABSENT`` removes)."""

    parts: dict[str, Any] = field(default_factory=dict)
    shape: tuple = ()


def make_delta(draft: Draft, keys: set[str]) -> DraftDelta | None:
    """The delta carrying *keys* of *draft*; None when a key is not one it can carry (send the whole draft)."""
    parts: dict[str, Any] = {}
    for key in keys:
        if key == META_KEY:
            parts[key] = draft.meta
        elif key.startswith(SECTION_PREFIX):
            parts[key] = draft.sections.get(key[len(SECTION_PREFIX):], ABSENT)
        elif key.startswith(TABLE_PREFIX):
            parts[key] = draft.tables.get(key[len(TABLE_PREFIX):], ABSENT)
        elif key.startswith(EXTRA_PREFIX):
            parts[key] = draft.extras.get(key[len(EXTRA_PREFIX):], ABSENT)
        else:
            return None
    return DraftDelta(parts, draft_shape(draft))


def apply_delta(draft: Draft, delta: DraftDelta) -> bool:
    """Put *delta*'s values into *draft*; False (nothing changed) when *draft* is not of the delta's shape."""
    if draft_shape(draft) != delta.shape:
        return False
    for key, value in delta.parts.items():
        if key == META_KEY:
            draft.meta = value
            continue
        for prefix, target in ((SECTION_PREFIX, draft.sections), (TABLE_PREFIX, draft.tables),
                               (EXTRA_PREFIX, draft.extras)):
            if key.startswith(prefix):
                name = key[len(prefix):]
                if value is ABSENT:
                    target.pop(name, None)
                else:
                    target[name] = value
                break
    return True
