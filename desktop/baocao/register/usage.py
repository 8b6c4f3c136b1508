"""Where the register's documents are cited, in document order, and the words of each citation.  No Qt.

A citation's words depend on its place: the first citation of a document in document order (sections
in the pack's order, a footnote at its marker) gets the full form, every later one the short form.
``CitationResolver`` decides this for one render from the draft itself, so it does not matter in
which order templates ask for the sections' text; ``citations_for`` makes it the active resolver
that ``render.context.body_markup`` reads.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterable, Iterator

from ..model.draft import Draft
from ..model.richtext import Body, Cite, Note
from .constants import MISSING_TEXT
from .entries import Entry, entries_by_id
from .wording import full_form, short_form

#: What a citation reads as outside a render (no register known).
UNRESOLVED_TEXT = "[trích dẫn văn bản]"


def body_cites(body: Body) -> Iterator[Cite]:
    """The citations of *body* in order: a footnote's citations at the footnote's marker."""
    for para in body:
        for item in para.content:
            if isinstance(item, Cite):
                yield item
            elif isinstance(item, Note):
                for note_para in item.paragraphs:
                    yield from (s for s in note_para if isinstance(s, Cite))


def section_order(draft: Draft, pack_order: Iterable[str] = ()) -> list[str]:
    """Section ids in document order: *pack_order* first, then the draft's other sections as stored."""
    order = [sid for sid in pack_order]
    known = set(order)
    return order + [sid for sid in draft.sections if sid not in known]


def draft_cites(draft: Draft, pack_order: Iterable[str] = ()) -> Iterator[tuple[str, Cite]]:
    """(section id, citation) for every citation of *draft*, in document order."""
    for section_id in section_order(draft, pack_order):
        data = draft.sections.get(section_id)
        if data is not None:
            for cite in body_cites(data.body):
                yield section_id, cite


def cite_counts(draft: Draft) -> Counter[str]:
    """How many times each document id is cited."""
    return Counter(cite.doc_id for _, cite in draft_cites(draft))


def pack_section_order(pack: object) -> list[str]:
    """The pack's section ids in document order (a depth-first walk of its tree)."""
    out: list[str] = []

    def walk(specs: list) -> None:
        for spec in specs:
            out.append(spec.id)
            walk(pack.children(spec.id))  # type: ignore[attr-defined]

    walk(pack.top_level())  # type: ignore[attr-defined]
    return out


class CitationResolver:
    """The words of each citation of one draft in one render."""

    def __init__(self, entries: dict[str, Entry], first: set[int], date_style: str = "nd30"):
        self.entries = entries
        self._first = first
        self.date_style = date_style

    @classmethod
    def of(cls, draft: Draft, pack_order: Iterable[str] = (), date_style: str = "nd30") -> "CitationResolver":
        """The resolver of *draft*, sections in *pack_order* first (no walk at all while the register is empty)."""
        entries = entries_by_id(draft)
        seen: set[str] = set()
        first: set[int] = set()
        for _, cite in (draft_cites(draft, pack_order) if entries else ()):
            if cite.doc_id not in seen:
                seen.add(cite.doc_id)
                first.add(id(cite))
        return cls(entries, first, date_style)

    def text(self, cite: Cite) -> str:
        """Full form at the document's first citation, short form after; a note when it is not in the register."""
        entry = self.entries.get(cite.doc_id)
        if entry is None:
            return MISSING_TEXT
        return full_form(entry, self.date_style) if id(cite) in self._first else short_form(entry)


_ACTIVE: ContextVar[CitationResolver | None] = ContextVar("baocao_citations", default=None)


def cite_text(cite: Cite) -> str:
    """The words of *cite* in the render under way (``citations_for``)."""
    resolver = _ACTIVE.get()
    return resolver.text(cite) if resolver is not None else UNRESOLVED_TEXT


@contextmanager
def citations_for(draft: Draft, pack_order: Iterable[str] = (), date_style: str = "nd30") -> Iterator[CitationResolver]:
    """Make *draft*'s resolver the active one for the duration of a render."""
    resolver = CitationResolver.of(draft, pack_order, date_style)
    token = _ACTIVE.set(resolver)
    try:
        yield resolver
    finally:
        _ACTIVE.reset(token)
