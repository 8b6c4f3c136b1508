"""Where text lives in a draft, and the walk that finds a query in all of it.

A ``Place`` names one string of the draft:

* ``body``  — paragraph ``para`` of section ``section``; its text is the
  paragraph's spans with one U+FFFC per footnote (``paragraph_text``), so a
  match never runs across a note, and a register citation as the words the
  report prints for it (full form at the document's first citation, short
  after: ``baocao.register.usage``), so «số 42/QĐ-UBND» finds it; a hit keeps
  its offsets in the editor's block too (``editor_start``/``editor_end``: a
  citation is one character there, after the "- "/"+ " marker);
* ``note``  — paragraph ``note_para`` of note ``note`` (its index among the
  section's notes, in order) referenced from paragraph ``para``;
* ``field`` — text field ``key`` of section ``section`` (``part``: the key
  inside a document-reference value);
* ``cell``  — column ``key`` of row ``row`` of table ``table``;
* ``meta``  — a report detail (``key`` from ``META_KEYS``, "recipients.3" for a recipient).

Numbers are figures, not text: integer fields and cells are not searched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..model.draft import Draft
from ..model.richtext import Cite, Inline, Note, Para, Span
from .matching import SearchOptions, find_spans

#: The words of a citation in searched text (``CitationResolver.text``).
Words = Callable[[Cite], str]

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
    #: offsets in the editor's text, where a citation is one character (-1: the same as start/end)
    editor_start: int = -1
    editor_end: int = -1
    #: True when the match covers some of a citation's words (a replace leaves it alone)
    in_cite: bool = False

    def editor_range(self) -> tuple[int, int]:
        """(start, end) in the editor's text: a citation counts one character."""
        return (self.start if self.editor_start < 0 else self.editor_start,
                self.end if self.editor_end < 0 else self.editor_end)

    def group(self) -> str:
        """The outline entry it belongs to: a section id, "table:<id>" or "meta"."""
        if self.place.kind == "cell":
            return "table:" + self.place.table
        if self.place.kind == "meta":
            return "meta"
        return self.place.section


def spans_text(items: Iterable[Inline], words: Words | None = None) -> str:
    """Text of spans with one NOTE_CHAR per note; a citation as its *words* (one NOTE_CHAR without them)."""
    return "".join(item.text if isinstance(item, Span) else words(item) if words is not None and isinstance(
        item, Cite) else NOTE_CHAR for item in items)


def paragraph_text(para: Para, words: Words | None = None) -> str:
    """The searchable text of a body paragraph (notes as NOTE_CHAR, citations as their *words*)."""
    return spans_text(para.content, words)


def cite_ranges(items: Iterable[Inline], words: Words | None) -> list[tuple[int, int]]:
    """(start, end) of each citation's words in ``spans_text(items, words)``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for item in items:
        size = len(item.text) if isinstance(item, Span) else len(words(item)) if (
            words is not None and isinstance(item, Cite)) else 1
        if isinstance(item, Cite):
            out.append((pos, pos + size))
        pos += size
    return out


def to_editor_offset(ranges: list[tuple[int, int]], offset: int, end: bool = False) -> int:
    """Offset *offset* of the searched text in the editor's text (each citation of *ranges* one character).

    An offset inside a citation's words falls on the citation: before it (a start) or after it (*end*).
    """
    shift = 0
    for start, stop in ranges:
        if offset >= stop:
            shift += stop - start - 1
        elif offset > start:
            return start - shift + (1 if end else 0)
        else:
            break
    return offset - shift


def _hit(place: Place, text: str, start: int, end: int, ranges: list[tuple[int, int]]) -> Hit:
    if not ranges:
        return Hit(place, start, end, text[start:end], _context(text, start, end))
    return Hit(place, start, end, text[start:end], _context(text, start, end),
               to_editor_offset(ranges, start), to_editor_offset(ranges, end, end=True),
               any(a < end and start < b for a, b in ranges))


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


def texts_of(draft: Draft, sections: Iterable[str], tables: Iterable[str],
             words: Words | None = None) -> Iterator[tuple[Place, str]]:
    """Every searchable string of *draft*, in report order: details, then sections, then tables."""
    for place, text, _items in _texts(draft, sections, tables, words):
        yield place, text


def _texts(draft: Draft, sections: Iterable[str], tables: Iterable[str],
           words: Words | None) -> Iterator[tuple[Place, str, list | None]]:
    """(place, text, inline items of rich text or None) of every searchable string of *draft*."""
    meta = draft.meta
    for key in META_KEYS:
        value = meta_text(draft, key)
        if value:
            yield Place("meta", key=key), value, None
    for i, value in enumerate(meta.recipients):
        if value:
            yield Place("meta", key=f"{RECIPIENT_PREFIX}{i}"), value, None
    for section_id in sections:
        data = draft.sections.get(section_id)
        if data is None:
            continue
        note_index = 0
        for p, para in enumerate(data.body):
            yield Place("body", section=section_id, para=p), paragraph_text(para, words), para.content
            for item in para.content:
                if isinstance(item, Note):
                    for q, note_para in enumerate(item.paragraphs):
                        place = Place("note", section=section_id, para=p, note=note_index, note_para=q)
                        yield place, spans_text(note_para, words), note_para
                    note_index += 1
        for key, value in data.fields.items():
            if isinstance(value, str):
                yield Place("field", section=section_id, key=key), value, None
            elif isinstance(value, dict):
                for part, inner in value.items():
                    if isinstance(inner, str):
                        yield Place("field", section=section_id, key=key, part=part), inner, None
    for table_id in tables:
        for r, row in enumerate(draft.tables.get(table_id, [])):
            for key, value in row.items():
                if isinstance(value, str):
                    yield Place("cell", table=table_id, row=r, key=key), value, None


def citation_words(draft: Draft, sections: Iterable[str], date_style: str = "nd30") -> Words:
    """The words the report prints for each citation of *draft* (sections in *sections*' order)."""
    from ..register.usage import CitationResolver     # the register: read only when searching

    return CitationResolver.of(draft, list(sections), date_style).text


def find_in_draft(draft: Draft, query: str, options: SearchOptions = SearchOptions(),
                  sections: Iterable[str] | None = None, tables: Iterable[str] | None = None,
                  date_style: str = "nd30") -> list[Hit]:
    """Every match of *query* in *draft*, in report order.

    *sections* / *tables*: ids in the order to search (the outline's); by
    default the draft's own order.  Sections or tables not listed are not searched.
    A citation is searched as the words the report prints for it (dates in *date_style*).
    """
    section_ids = list(draft.sections) if sections is None else list(sections)
    table_ids = list(draft.tables) if tables is None else list(tables)
    words = citation_words(draft, section_ids, date_style)
    hits: list[Hit] = []
    for place, text, items in _texts(draft, section_ids, table_ids, words):
        spans = find_spans(text, query, options)
        if not spans:
            continue
        ranges = cite_ranges(items, words) if items else []
        hits.extend(_hit(place, text, start, end, ranges) for start, end in spans)
    return hits


def items_at(draft: Draft, place: Place) -> list | None:
    """The inline items of a body or note *place* (None for other places or when it no longer exists)."""
    if place.kind not in ("body", "note"):
        return None
    data = draft.sections.get(place.section)
    try:
        if data is None:
            return None
        if place.kind == "body":
            return data.body[place.para].content
        notes = [item for para in data.body for item in para.content if isinstance(item, Note)]
        return notes[place.note].paragraphs[place.note_para]
    except IndexError:
        return None


def text_at(draft: Draft, place: Place, words: Words | None = None) -> str | None:
    """The current text of *place* (None when it no longer exists); citations as their *words*."""
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
        if place.kind in ("body", "note"):
            items = items_at(draft, place)
            return None if items is None else spans_text(items, words)
    except (IndexError, KeyError, ValueError):
        return None
    return None
