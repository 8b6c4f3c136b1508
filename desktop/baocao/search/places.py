"""Where text lives in a draft, and the walk that finds a query in all of it.

A ``Place`` names one string of the draft:

* ``body``  — paragraph ``para`` of section ``section``; its text is the
  paragraph's spans with one U+FFFC per footnote (``paragraph_text``), so a
  match never runs across a note and offsets line up with the editor's block
  (after the "- "/"+ " marker);
* ``note``  — paragraph ``note_para`` of note ``note`` (its index among the
  section's notes, in order) referenced from paragraph ``para``;
* ``field`` — text field ``key`` of section ``section`` (``part``: the key
  inside a document-reference value);
* ``cell``  — column ``key`` of row ``row`` of table ``table``;
* ``meta``  — a report detail (``key`` from ``META_KEYS``, "recipients.3" for a recipient).

Numbers are figures, not text: integer fields and cells are not searched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model.draft import Draft
from ..model.richtext import Inline, Note, Para, Span
from .matching import SearchOptions, find_spans

NOTE_CHAR = "\ufffc"
CONTEXT_CHARS = 40
#: Report details searched, in the order of the header block and signature.
META_KEYS = ("body", "locality", "parent_body", "place", "number", "symbol", "doc_type", "summary",
             "signer.prefix", "signer.head_title", "signer.title", "signer.name")
RECIPIENT_PREFIX = "recipients."


@dataclass(frozen=True)
class Place:
    """One string of the draft (see the module docstring)."""

    kind: str
    section: str = ""
    para: int = 0
    note: int = 0
    note_para: int = 0
    key: str = ""
    part: str = ""
    table: str = ""
    row: int = 0


@dataclass(frozen=True)
class Hit:
    """A match: *place*, offsets ``start``:``end`` in its text, the matched text and a line of context."""

    place: Place
    start: int
    end: int
    text: str
    context: str

    def group(self) -> str:
        """The outline entry it belongs to: a section id, "table:<id>" or "meta"."""
        if self.place.kind == "cell":
            return "table:" + self.place.table
        if self.place.kind == "meta":
            return "meta"
        return self.place.section


def spans_text(items: Iterable[Inline]) -> str:
    """Text of spans with one NOTE_CHAR per note."""
    return "".join(item.text if isinstance(item, Span) else NOTE_CHAR for item in items)


def paragraph_text(para: Para) -> str:
    """The searchable text of a body paragraph (notes as NOTE_CHAR)."""
    return spans_text(para.content)


def meta_text(draft: Draft, key: str) -> str | None:
    """The value of report detail *key* ("signer.name", "recipients.2" …), None when absent."""
    meta = draft.meta
    if key.startswith(RECIPIENT_PREFIX):
        i = int(key[len(RECIPIENT_PREFIX):])
        return meta.recipients[i] if 0 <= i < len(meta.recipients) else None
    target: object = meta
    for name in key.split("."):
        target = getattr(target, name, None)
    return target if isinstance(target, str) else None


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    snippet = text[left:right].replace(NOTE_CHAR, "").replace("\n", " ")
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


def texts_of(draft: Draft, sections: Iterable[str], tables: Iterable[str]) -> Iterator[tuple[Place, str]]:
    """Every searchable string of *draft*, in report order: details, then sections, then tables."""
    meta = draft.meta
    for key in META_KEYS:
        value = meta_text(draft, key)
        if value:
            yield Place("meta", key=key), value
    for i, value in enumerate(meta.recipients):
        if value:
            yield Place("meta", key=f"{RECIPIENT_PREFIX}{i}"), value
    for section_id in sections:
        data = draft.sections.get(section_id)
        if data is None:
            continue
        note_index = 0
        for p, para in enumerate(data.body):
            yield Place("body", section=section_id, para=p), paragraph_text(para)
            for item in para.content:
                if isinstance(item, Note):
                    for q, note_para in enumerate(item.paragraphs):
                        place = Place("note", section=section_id, para=p, note=note_index, note_para=q)
                        yield place, spans_text(note_para)
                    note_index += 1
        for key, value in data.fields.items():
            if isinstance(value, str):
                yield Place("field", section=section_id, key=key), value
            elif isinstance(value, dict):
                for part, inner in value.items():
                    if isinstance(inner, str):
                        yield Place("field", section=section_id, key=key, part=part), inner
    for table_id in tables:
        for r, row in enumerate(draft.tables.get(table_id, [])):
            for key, value in row.items():
                if isinstance(value, str):
                    yield Place("cell", table=table_id, row=r, key=key), value


def find_in_draft(draft: Draft, query: str, options: SearchOptions = SearchOptions(),
                  sections: Iterable[str] | None = None, tables: Iterable[str] | None = None) -> list[Hit]:
    """Every match of *query* in *draft*, in report order.

    *sections* / *tables*: ids in the order to search (the outline's); by
    default the draft's own order.  Sections or tables not listed are not searched.
    """
    section_ids = list(draft.sections) if sections is None else list(sections)
    table_ids = list(draft.tables) if tables is None else list(tables)
    hits: list[Hit] = []
    for place, text in texts_of(draft, section_ids, table_ids):
        for start, end in find_spans(text, query, options):
            hits.append(Hit(place, start, end, text[start:end], _context(text, start, end)))
    return hits


def text_at(draft: Draft, place: Place) -> str | None:
    """The current text of *place* (None when it no longer exists)."""
    try:
        if place.kind == "meta":
            return meta_text(draft, place.key)
        if place.kind == "cell":
            value = draft.tables[place.table][place.row].get(place.key)
            return value if isinstance(value, str) else None
        data = draft.sections.get(place.section)
        if data is None:
            return None
        if place.kind == "field":
            value = data.fields.get(place.key)
            if place.part:
                value = value.get(place.part) if isinstance(value, dict) else None
            return value if isinstance(value, str) else None
        if place.kind == "body":
            return paragraph_text(data.body[place.para])
        if place.kind == "note":
            notes = [item for para in data.body for item in para.content if isinstance(item, Note)]
            return spans_text(notes[place.note].paragraphs[place.note_para])
    except (IndexError, KeyError, ValueError):
        return None
    return None
