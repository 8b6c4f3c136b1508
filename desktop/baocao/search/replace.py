"""Replace a set of hits as ONE undoable edit, keeping the formatting around the words.

Inside rich text the paragraph is seen as a row of *atoms*: one per
character (with its bold/italic/comment marks) and one per footnote.  The
replacement takes the marks of the first character it replaces, so "**Đắk
Nông**" stays bold when it becomes "Lâm Đồng"; notes are atoms a match never
covers, so every footnote stays where it was.  Hits whose text changed since
they were found are skipped, never guessed at.  A register citation is
searched as its words but replaced never: a hit covering any of its words is
skipped and counted (``ReplacePlan.skipped``) — the document is corrected in
the register, and every citation of it follows.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..edits import CompoundEdit, Edit, SetFieldValue, SetMeta, SetSectionBody, SetTableRows
from ..model.draft import Draft, ReportMeta
from ..model.richtext import Cite, Inline, Note, Span
from ..text import clean_line
from .places import (RECIPIENT_PREFIX, Hit, Place, Words, cite_ranges, citation_words, items_at, text_at,
                     to_editor_offset)

Ranges = list[tuple[int, int]]
Style = tuple[bool, bool, tuple[str, ...]]
LABEL_ONE = "Thay thế"
LABEL_ALL = "Thay thế tất cả ({n})"


class ReplaceText(CompoundEdit):
    """Several slot edits applied and undone as one step (replace one, replace all)."""

    def __post_init__(self) -> None:
        self.name = self.name or LABEL_ONE
        super().__post_init__()


# ---------------------------------------------------------------- strings and spans
def replace_ranges(text: str, ranges: Ranges, replacement: str) -> str:
    """*text* with each (start, end) range replaced."""
    for start, end in sorted(ranges, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def replace_in_inlines(items: list[Inline], ranges: Ranges, replacement: str) -> list[Inline]:
    """Spans and notes with the ranges (offsets of ``spans_text``) replaced; marks and notes kept."""
    atoms: list[tuple[str, Style] | Note | Cite] = []
    for item in items:
        if isinstance(item, (Note, Cite)):   # a citation is one atom, like a footnote marker
            atoms.append(item)
        else:
            atoms.extend((char, (item.bold, item.italic, item.comments)) for char in item.text)
    plain: Style = (False, False, ())
    for start, end in sorted(ranges, reverse=True):
        first = atoms[start] if start < len(atoms) else None
        style = first[1] if isinstance(first, tuple) else plain
        if not isinstance(first, tuple) and start > 0 and isinstance(atoms[start - 1], tuple):
            style = atoms[start - 1][1]   # type: ignore[index]
        atoms[start:end] = [(char, style) for char in replacement]
    out: list[Inline] = []
    for atom in atoms:
        if isinstance(atom, (Note, Cite)):
            out.append(atom)
            continue
        char, (bold, italic, comments) = atom
        last = out[-1] if out else None
        if isinstance(last, Span) and (last.bold, last.italic, last.comments) == (bold, italic, comments):
            last.text += char
        else:
            out.append(Span(char, bold, italic, comments))
    return out or [Span("")]


# ---------------------------------------------------------------- grouping hits
def _valid(draft: Draft, hits: list[Hit], words: Words | None = None) -> tuple[dict[Place, Ranges], int]:
    """Current hits by place in the places' own offsets (a citation one atom), overlapping or stale ones
    dropped; and how many were left alone because they cover a citation's words."""
    by_place: dict[Place, Ranges] = defaultdict(list)
    skipped = 0
    for hit in hits:
        text = text_at(draft, hit.place, words)
        if text is None or text[hit.start:hit.end] != hit.text or hit.start >= hit.end:
            continue
        items = items_at(draft, hit.place)
        cites = cite_ranges(items, words) if items else []
        if any(a < hit.end and hit.start < b for a, b in cites):
            skipped += 1
            continue
        by_place[hit.place].append((to_editor_offset(cites, hit.start), to_editor_offset(cites, hit.end, True)))
    for place, ranges in by_place.items():
        ranges.sort()
        kept: Ranges = []
        for start, end in ranges:
            if not kept or start >= kept[-1][1]:
                kept.append((start, end))
        by_place[place] = kept
    return by_place, skipped


def _body_edits(draft: Draft, places: dict[Place, Ranges], replacement: str) -> list[Edit]:
    edits: list[Edit] = []
    sections = sorted({p.section for p in places if p.kind in ("body", "note")}, key=list(draft.sections).index)
    for section_id in sections:
        body = copy.deepcopy(draft.section(section_id).body)
        notes = [item for para in body for item in para.content if isinstance(item, Note)]
        for place, ranges in places.items():
            if place.section != section_id:
                continue
            if place.kind == "body":
                body[place.para].content = replace_in_inlines(body[place.para].content, ranges, replacement)
            elif place.kind == "note":
                note = notes[place.note]
                note.paragraphs[place.note_para] = replace_in_inlines(note.paragraphs[place.note_para], ranges,
                                                                      replacement)  # type: ignore[assignment]
        edits.append(SetSectionBody.make(draft, section_id, body))
    return edits


def _field_edits(draft: Draft, places: dict[Place, Ranges], replacement: str) -> list[Edit]:
    values: dict[tuple[str, str], Any] = {}
    for place, ranges in places.items():
        if place.kind != "field":
            continue
        slot = (place.section, place.key)
        value = values.get(slot, copy.deepcopy(draft.section(place.section).fields.get(place.key)))
        if place.part:
            value[place.part] = replace_ranges(value[place.part], ranges, replacement)
        else:
            value = replace_ranges(value, ranges, replacement)
        values[slot] = value
    return [SetFieldValue.make(draft, section, key, value) for (section, key), value in values.items()]


def _table_edits(draft: Draft, places: dict[Place, Ranges], replacement: str) -> list[Edit]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for place, ranges in places.items():
        if place.kind != "cell":
            continue
        rows = tables.setdefault(place.table, copy.deepcopy(draft.tables[place.table]))
        rows[place.row][place.key] = replace_ranges(rows[place.row][place.key], ranges, replacement)
    return [SetTableRows.make(draft, table_id, rows) for table_id, rows in tables.items()]


def _meta_edits(draft: Draft, places: dict[Place, Ranges], replacement: str) -> list[Edit]:
    meta: ReportMeta = copy.deepcopy(draft.meta)
    changed = False
    for place, ranges in places.items():
        if place.kind != "meta":
            continue
        changed = True
        if place.key.startswith(RECIPIENT_PREFIX):
            i = int(place.key[len(RECIPIENT_PREFIX):])
            meta.recipients[i] = clean_line(replace_ranges(meta.recipients[i], ranges, replacement))
            continue
        *path, name = place.key.split(".")
        target: Any = meta
        for step in path:
            target = getattr(target, step)
        setattr(target, name, clean_line(replace_ranges(getattr(target, name), ranges, replacement)))
    return [SetMeta.make(draft, meta)] if changed else []


@dataclass
class ReplacePlan:
    """What a replace does: the edit (None when nothing is replaced), how many it replaces, how many
    hits it leaves alone because they cover a citation's words."""

    edit: ReplaceText | None
    count: int
    skipped: int = 0


def plan_replace(draft: Draft, hits: list[Hit], replacement: str, sections: Iterable[str] | None = None,
                 date_style: str = "nd30") -> ReplacePlan:
    """The replace of *hits* by *replacement*: ONE edit, or None; hits on a citation's words are skipped.

    *sections* and *date_style* must be those the hits were found with (``find_in_draft``), since a
    citation's words depend on its place in the report.
    """
    words = citation_words(draft, list(draft.sections) if sections is None else list(sections), date_style)
    edit, count, skipped = _replace(draft, hits, replacement, words)
    return ReplacePlan(edit, count, skipped)


def replace_hits(draft: Draft, hits: list[Hit], replacement: str, sections: Iterable[str] | None = None,
                 date_style: str = "nd30") -> tuple[ReplaceText | None, int]:
    """ONE edit replacing every still-valid hit by *replacement*, and how many it replaces.

    The edit is not applied: push it through the window's controller (or
    ``DraftSession.apply``).  None when no hit is still valid.  Hits on a
    citation's words are left alone (``plan_replace`` says how many).
    """
    plan = plan_replace(draft, hits, replacement, sections, date_style)
    return plan.edit, plan.count


def _replace(draft: Draft, hits: list[Hit], replacement: str,
             words: Words) -> tuple[ReplaceText | None, int, int]:
    replacement = clean_line(replacement)
    places, skipped = _valid(draft, hits, words)
    count = sum(len(r) for r in places.values())
    if not count:
        return None, 0, skipped
    parts = (_meta_edits(draft, places, replacement) + _body_edits(draft, places, replacement)
             + _field_edits(draft, places, replacement) + _table_edits(draft, places, replacement))
    edit = ReplaceText(None, None, parts)
    edit.label = LABEL_ONE if count == 1 else LABEL_ALL.format(n=count)
    return edit, count, skipped
