"""Register citations in a comparison: the words each version prints for them.  No Qt.

``CiteWords`` is made once per comparison from both drafts: every citation of either gets the words
its own version prints (its own register, full form at the document's first citation in document
order, short after).  A paragraph's compared text is its spans and its citations' words (footnotes
are compared on their own), so a comparison shows what the reader of each version reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..edits import Edit
from ..model.draft import Draft
from ..model.richtext import Cite, Inline, Note, Para, Span
from ..register.entries import Entry, entries_by_id, register_entries, set_entries
from ..register.usage import CitationResolver, body_cites

RESTORE_LABEL = "Trả lại văn bản trong danh mục"


@dataclass
class CiteWords:
    """The words of every citation of two drafts, and the two registers."""

    texts: dict[int, str] = field(default_factory=dict)      # id(cite) → words
    old_entries: dict[str, Entry] = field(default_factory=dict)
    new_entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def of(cls, old: Draft, new: Draft, order: list[str], date_style: str = "nd30") -> "CiteWords":
        """The words of the citations of *old* and *new* (sections in *order*)."""
        words = cls(old_entries=entries_by_id(old), new_entries=entries_by_id(new))
        for draft in (old, new):
            resolver = CitationResolver.of(draft, order, date_style)
            for data in draft.sections.values():
                for cite in body_cites(data.body):
                    words.texts[id(cite)] = resolver.text(cite)
        return words

    def word(self, cite: Cite) -> str:
        """The words of *cite* (one of the two drafts' citations)."""
        return self.texts.get(id(cite), cite.doc_id)

    def inline_text(self, items: Iterable[Inline]) -> str:
        """Spans and citations' words; footnotes left out."""
        return "".join(i.text if isinstance(i, Span) else self.word(i) if isinstance(i, Cite) else ""
                       for i in items)

    def para_text(self, para: Para) -> str:
        """A paragraph's compared text (its footnotes are compared on their own)."""
        return self.inline_text(para.content)

    def note_text(self, note: Note) -> str:
        """A footnote's compared text, paragraphs joined by newlines."""
        return "\n".join(self.inline_text(p) for p in note.paragraphs)

    def _cite_spans(self, para: Para) -> list[tuple[int, int]]:
        out, pos = [], 0
        for item in para.content:
            size = len(item.text) if isinstance(item, Span) else len(self.word(item)) if isinstance(item, Cite) else 0
            if isinstance(item, Cite):
                out.append((pos, pos + size))
            pos += size
        return out

    def touches(self, para: Para, start: int, end: int) -> bool:
        """True when [start, end) of ``para_text(para)`` covers (or, empty, falls inside) a citation's words."""
        for a, b in self._cite_spans(para):
            if (start < b and a < end) or (start == end and a < start < b):
                return True
        return False

    def span_offset(self, para: Para, offset: int) -> int:
        """*offset* of ``para_text(para)`` as an offset of the paragraph's spans only (``textops``)."""
        return offset - sum(b - a for a, b in self._cite_spans(para) if b <= offset)

    def changed_entries(self, para: Para) -> list[Entry]:
        """The older entries of the documents cited in *para* (notes included) that differ in the newer register."""
        out: dict[str, Entry] = {}
        for cite in body_cites([para]):
            old = self.old_entries.get(cite.doc_id)
            if old is not None and old != self.new_entries.get(cite.doc_id):
                out[old.id] = old
        return list(out.values())


def restore_entries_edit(draft: Draft, old: list[Entry]) -> Edit:
    """The edit putting the entries *old* back into *draft*'s register (replaced in place, or added)."""
    by_id = {e.id: e for e in old}
    entries = [by_id.pop(e.id, e) for e in register_entries(draft)]
    return set_entries(draft, entries + list(by_id.values()), RESTORE_LABEL)
