"""A cheap, consistent copy of a draft for work done on another thread.  No Qt.

Every change of a draft goes through an ``Edit`` (``baocao.edits``), and an
edit *replaces* what it changes: a section's body, a table's rows, an extra's
value, the metadata — it never mutates them in place.  The only containers an
edit changes in place are the draft's own dicts (sections, tables, extras) and
a section's ``fields`` dict.  So a snapshot copies those containers and shares
every leaf: it costs a few microseconds per section instead of a deep copy of
all text (≈ 30 ms on the large benchmark report), and later edits on the UI
thread never show through it.

A reader of the snapshot must not mutate it either; ``Draft.section`` and
``Draft.table_rows`` may still add an empty entry to the snapshot's own dicts.
"""

from __future__ import annotations

from dataclasses import replace

from .draft import Draft


def draft_snapshot(draft: Draft) -> Draft:
    """A copy of *draft* that later edits of *draft* do not change (leaves shared, containers copied)."""
    return Draft(template_id=draft.template_id, meta=draft.meta,
                 sections={sid: replace(data, fields=dict(data.fields)) for sid, data in draft.sections.items()},
                 tables=dict(draft.tables), extras=dict(draft.extras))
