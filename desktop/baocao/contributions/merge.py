"""Taking a contribution into the report: whole or chosen paragraphs, each remembering where it came from."""

from __future__ import annotations

from dataclasses import replace

from ..edits import SetSectionBody
from ..model.draft import Draft
from ..model.richtext import Body, Para, Span
from .store import Contribution


def table_paragraphs(grid: list[list[str]]) -> Body:
    """A table sent by a unit as paragraphs ("cell; cell; cell"), for a section body that holds no tables."""
    return [Para([Span("; ".join(cell.strip() for cell in row if cell.strip()))]) for row in grid
            if any(cell.strip() for cell in row)]


def source_paragraphs(item: Contribution, section_id: str) -> Body:
    """What *item* wrote for *section_id*: its paragraphs, then its tables as paragraphs."""
    body = list(item.sections.get(section_id, []))
    for grid in item.tables.get(section_id, []):
        body += table_paragraphs(grid)
    return body


def insert_paragraphs(draft: Draft, section_id: str, item: Contribution, indices: list[int] | None = None,
                      at: int | None = None, source_section: str | None = None) -> SetSectionBody | None:
    """The edit inserting paragraphs of *item* (all, or those at *indices*) into *section_id*.

    They go at paragraph *at* (the end when None); each one carries ``origin = item.id``.  The
    paragraphs are those *item* wrote for *source_section* (default: the same section; "" for its
    outside text).  None when there is nothing to insert.
    """
    source = item.outside if source_section == "" else source_paragraphs(item, source_section or section_id)
    chosen = [source[i] for i in (indices if indices is not None else range(len(source))) if 0 <= i < len(source)]
    if not chosen:
        return None
    body = list(draft.section(section_id).body)
    if len(body) == 1 and body[0].is_blank():
        body = []
    position = len(body) if at is None else max(0, min(at, len(body)))
    body[position:position] = [replace(para, origin=item.id) for para in chosen]
    edit = SetSectionBody.make(draft, section_id, body)
    edit.label = f"Chèn {len(chosen)} đoạn của {item.unit or 'đơn vị'}"
    return edit


def origins(body: Body) -> list[str]:
    """The contribution id of each paragraph ("" for those written here)."""
    return [para.origin for para in body]


def used_sections(draft: Draft, item: Contribution) -> dict[str, int]:
    """Section id → how many of the draft's paragraphs there came from *item*."""
    out: dict[str, int] = {}
    for section_id, data in draft.sections.items():
        count = sum(1 for para in data.body if para.origin == item.id)
        if count:
            out[section_id] = count
    return out


def comparison_text(draft: Draft, item: Contribution, section_id: str) -> tuple[str, str]:
    """(what the unit wrote, what the report now says there), as plain text for a word-level comparison.

    The report's side is the paragraphs taken from *item* when some were, else the whole section.
    """
    sent = "\n".join(p.plain_text() for p in source_paragraphs(item, section_id))
    body = draft.section(section_id).body
    taken = [p for p in body if p.origin == item.id] or list(body)
    return sent, "\n".join(p.plain_text() for p in taken)
