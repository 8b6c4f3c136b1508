"""Taking a contribution into the report: whole or chosen paragraphs, each remembering where it came from."""

from __future__ import annotations

import copy
from dataclasses import replace

from ..edits import CompoundEdit, Edit, RestoreSection, SetSectionBody, SetTableRows
from ..model.draft import Draft, SectionData
from ..model.richtext import Body, Para, Span
from ..template.manifest import Pack
from .constants import TABLE_ENTRY, TABLE_UNPLACED
from .store import Contribution


def table_paragraphs(grid: list[list[str]]) -> Body:
    """A table sent by a unit as plain paragraphs ("cell; cell; cell"): its words, for the comparison."""
    return [Para([Span("; ".join(cell.strip() for cell in row if cell.strip()))]) for row in grid
            if any(cell.strip() for cell in row)]


def table_entry(grid: list[list[str]]) -> Para:
    """How a unit's table is listed among its paragraphs: one line naming its size and header."""
    cells = [cell.strip() for cell in (grid[0] if grid else []) if cell.strip()]
    header = " | ".join(c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1])   # merged cells once
    width = max((len(row) for row in grid), default=0)
    return Para([Span(TABLE_ENTRY.format(rows=len(grid), columns=width, header=header[:120]), italic=True)])


def source_paragraphs(item: Contribution, section_id: str) -> Body:
    """What *item* wrote for *section_id*: its paragraphs, then one entry per table (``table_entry``)."""
    return list(item.sections.get(section_id, [])) + [table_entry(g) for g in item.tables.get(section_id, [])]


def _source_table(grid: list[list[str]]):
    from ..importing.reader import SourceCell, SourceTable

    return SourceTable([[SourceCell(cell) for cell in row] for row in grid])


def _table_edits(draft: Draft, pack: Pack | None, item: Contribution, section_id: str,
                 grids: list[list[list[str]]]) -> list[Edit]:
    """A unit's tables: into the appendix table whose columns they match (rows of the same unit filled, as
    the report import does), else kept cell by cell in «Nội dung chưa xếp mục» after a note — the body
    model holds no tables."""
    from ..importing import UNPLACED_ID
    from ..importing.tables import match_table, merge_rows, table_as_text

    rows: dict[str, list[dict]] = {}
    keys: dict[str, str | None] = {}
    unplaced: Body = []
    title = pack.section(section_id).title if pack is not None and pack.has_section(section_id) else section_id
    for grid in grids:
        table = _source_table(grid)
        match = match_table(table, pack) if pack is not None else None
        if match is not None and match.rows:
            rows.setdefault(match.table_id, []).extend(match.rows)
            keys[match.table_id] = match.key
            continue
        note = TABLE_UNPLACED.format(unit=item.unit or "đơn vị", section=title)
        unplaced += [replace(p, origin=item.id) for p in [Para([Span(note, italic=True)])] + table_as_text(table)]
    edits: list[Edit] = []
    for table_id, new_rows in rows.items():
        old = draft.tables.get(table_id, [])
        edits.append(SetTableRows(merge_rows(old, new_rows, keys[table_id]), copy.deepcopy(old), table_id))
    if unplaced:
        if UNPLACED_ID in draft.sections:
            edits.append(SetSectionBody.make(draft, UNPLACED_ID, list(draft.sections[UNPLACED_ID].body) + unplaced))
        else:
            edits.append(RestoreSection.make(draft, UNPLACED_ID, SectionData(body=unplaced)))
    return edits


def insert_paragraphs(draft: Draft, section_id: str, item: Contribution, indices: list[int] | None = None,
                      at: int | None = None, source_section: str | None = None,
                      pack: Pack | None = None) -> Edit | None:
    """The edit inserting paragraphs of *item* (all, or those at *indices*) into *section_id*.

    They go at paragraph *at* (the end when None); each one carries ``origin = item.id``.  The
    paragraphs are those *item* wrote for *source_section* (default: the same section; "" for its
    outside text), numbered as ``source_paragraphs`` lists them: an index past the paragraphs is one of
    the unit's tables, which goes into the appendix table of *pack* whose columns it matches, else into
    «Nội dung chưa xếp mục» with its cells (``_table_edits``).  None when there is nothing to insert.
    """
    source_id = section_id if source_section is None else source_section
    paragraphs = item.outside if source_id == "" else list(item.sections.get(source_id, []))
    grids = [] if source_id == "" else item.tables.get(source_id, [])
    picked = list(indices) if indices is not None else list(range(len(paragraphs) + len(grids)))
    chosen = [paragraphs[i] for i in picked if 0 <= i < len(paragraphs)]
    tables = [grids[i - len(paragraphs)] for i in picked if len(paragraphs) <= i < len(paragraphs) + len(grids)]
    parts: list[Edit] = []
    if chosen:
        body = list(draft.section(section_id).body)
        if len(body) == 1 and body[0].is_blank():
            body = []
        position = len(body) if at is None else max(0, min(at, len(body)))
        body[position:position] = [replace(para, origin=item.id) for para in chosen]
        parts.append(SetSectionBody.make(draft, section_id, body))
    parts += _table_edits(draft, pack, item, source_id or section_id, tables) if tables else []
    if not parts:
        return None
    label = f"Chèn {len(chosen)} đoạn của {item.unit or 'đơn vị'}" if not tables else \
        f"Chèn {len(chosen)} đoạn, {len(tables)} bảng của {item.unit or 'đơn vị'}"
    if len(parts) == 1:
        parts[0].label = label
        return parts[0]
    return CompoundEdit.of(label, *parts)


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
    sent = "\n".join(p.plain_text() for p in list(item.sections.get(section_id, []))
                     + [row for grid in item.tables.get(section_id, []) for row in table_paragraphs(grid)])
    body = draft.section(section_id).body
    taken = [p for p in body if p.origin == item.id] or list(body)
    return sent, "\n".join(p.plain_text() for p in taken)
