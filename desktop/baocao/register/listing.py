"""``van_ban`` and ``van_ban_trong_ky``: the register as templates read it (documented in templates/README.md).

Each item is read-only and formatted: ``loai``, ``so``, ``ky_hieu``, ``so_ky_hieu``, ``ngay`` (as a
citation writes it), ``co_quan``, ``trich_yeu``, ``day_du`` (the full citation), ``rut_gon`` (the
short one), ``so_lan_trich`` (times cited in the report) and ``trong_ky`` (issued within the report's
period).  ``period_note`` is the same list for the window: a footnote citing each document issued in
the period (citations, so a correction in the register follows).  No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..formatting import format_citation_date
from ..model.draft import Draft
from ..model.richtext import Cite, Note, Span
from .constants import PERIOD_NOTE_END, PERIOD_NOTE_LEAD, PERIOD_NOTE_SEPARATOR
from .entries import Entry, register_entries
from .usage import cite_counts
from .wording import full_form, short_form


@dataclass(frozen=True)
class RegisterItem:
    """One document of the register for a template."""

    loai: str
    so: str
    ky_hieu: str
    so_ky_hieu: str
    ngay: str
    co_quan: str
    trich_yeu: str
    day_du: str
    rut_gon: str
    so_lan_trich: int
    trong_ky: bool


def _in_period(day: date | None, bounds: tuple[date, date] | None) -> bool:
    return bool(day and bounds and bounds[0] <= day <= bounds[1])


def register_items(draft: Draft, date_style: str = "nd30") -> list[RegisterItem]:
    """Every document of the register, ordered by date (undated last), then as entered."""
    entries: list[Entry] = register_entries(draft)
    if not entries:
        return []
    from ..checks.engine import period_bounds      # the checks' own definition of the period (imported only here)

    bounds = period_bounds(draft)
    counts = cite_counts(draft)
    ordered = sorted(enumerate(entries), key=lambda pair: (pair[1].day is None, pair[1].day or date.min, pair[0]))
    return [RegisterItem(e.type, e.number, e.symbol, e.number_symbol,
                         format_citation_date(e.day, date_style) if e.day else "", e.issuer, e.summary,
                         full_form(e, date_style), short_form(e), counts.get(e.id, 0), _in_period(e.day, bounds))
            for _, e in ordered]


def _by_date(entries: list[Entry]) -> list[Entry]:
    ordered = sorted(enumerate(entries), key=lambda pair: (pair[1].day is None, pair[1].day or date.min, pair[0]))
    return [e for _, e in ordered]


def issued_in_period(draft: Draft) -> list[Entry]:
    """The register's documents issued within the report's period, by date (then as entered)."""
    entries = register_entries(draft)
    if not entries:
        return []
    from ..checks.engine import period_bounds      # the checks' own definition of the period (imported only here)

    bounds = period_bounds(draft)
    return [e for e in _by_date(entries) if _in_period(e.day, bounds)]


def period_note(draft: Draft) -> Note | None:
    """A footnote listing the documents issued in the period as citations; None when there is none."""
    entries = issued_in_period(draft)
    if not entries:
        return None
    items: list[Span | Cite] = [Span(PERIOD_NOTE_LEAD)]
    for index, entry in enumerate(entries):
        items.append(Cite(entry.id))
        items.append(Span(PERIOD_NOTE_SEPARATOR if index < len(entries) - 1 else PERIOD_NOTE_END))
    return Note([items])
