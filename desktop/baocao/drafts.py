"""Making drafts: a new empty draft for a pack, or a new period started from an old draft."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from .constants import SectionStatus
from .model.draft import Draft, Period, ReportMeta, SectionData
from .periods import reporting_period
from .template.manifest import Pack

if TYPE_CHECKING:
    from .office_profile import OfficeProfile


def new_meta(pack: Pack, today: date | None = None, profile: "OfficeProfile | None" = None) -> ReportMeta:
    """The metadata a new draft of *pack* starts from.

    The period is the pack's kind as reported on *today* (``reporting_period``),
    the office's details come from *profile* (province and place stay empty
    without one) and the recipients are the pack's defaults.
    """
    meta = ReportMeta(period=reporting_period(pack.default_period, today))
    if profile is not None:
        profile.apply(meta)
    meta.recipients = list(pack.document.default_recipients)
    return meta


def new_draft(pack: Pack, meta: ReportMeta | None = None, today: date | None = None) -> Draft:
    """An empty draft of *pack*: every section present and empty, default recipients filled.

    Without *meta*, the draft starts from ``new_meta(pack, today)``.
    """
    meta = copy.deepcopy(meta) if meta else new_meta(pack, today)
    if not meta.recipients:
        meta.recipients = list(pack.document.default_recipients)
    draft = Draft(template_id=pack.id, meta=meta)
    for spec in pack.sections:
        draft.sections[spec.id] = SectionData()
    for table_id in pack.tables:
        draft.tables[table_id] = []
    return draft


def draft_for_next_period(previous: Draft, pack: Pack, period: Period) -> Draft:
    """Start a new period from *previous*: standing data kept, period-specific content cleared.

    Kept: issuing body, place, symbol, signer, recipients, summary wording and
    the first column of each table (the list of units / documents).  Cleared:
    number, date, section texts and figures, table figures.  Marked as draft.
    """
    meta = replace(copy.deepcopy(previous.meta), number="", issue_date=None, period=period, is_draft=True, summary="")
    draft = new_draft(pack, meta)
    for table_id, spec in pack.tables.items():
        text_columns = [c.key for c in spec.input_columns() if c.type == "text"][:1]
        draft.tables[table_id] = [{k: row.get(k) for k in text_columns}
                                  for row in previous.tables.get(table_id, []) if any(row.get(k) for k in text_columns)]
    for section in draft.sections.values():
        section.status = SectionStatus.EMPTY
    return draft
