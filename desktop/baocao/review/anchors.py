"""Comment anchors carried by the body's spans (``Span.comments``).

A comment on a selection marks every character of the selection with the
comment's id, so the anchor is the text itself: it moves with the words through
typing, undo and import.  A comment whose id no longer appears in any span
(its text was deleted) is *detached*; it is never removed for that.  The spans
of a footnote (``Note.paragraphs``) carry comment ids the same way: such an anchor
knows its note (``TextAnchor.note`` ≥ 0) and the note's paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model.draft import Draft
from ..model.richtext import Body, Inline, Note, Para, Span
from .constants import MAX_QUOTE


@dataclass(frozen=True)
class TextAnchor:
    """Where a comment's text is now: section, paragraph index, character range and the text."""

    section: str
    paragraph: int
    start: int
    end: int
    quote: str
    note: int = -1             # ≥ 0: the text is inside the paragraph's note number *note* (0-based)
    note_paragraph: int = 0    # … in that note's paragraph number *note_paragraph*

    @property
    def in_note(self) -> bool:
        """True when the commented text is inside a footnote."""
        return self.note >= 0


def _split_span(span: Span, cut: int) -> tuple[Span, Span]:
    return replace(span, text=span.text[:cut]), replace(span, text=span.text[cut:])


def mark_range(para: Para, start: int, end: int, comment_id: str) -> Para:
    """*para* with the characters [start, end) of its text (notes not counted) covered by *comment_id*."""
    out: list[Inline] = []
    pos = 0
    for item in para.content:
        if not isinstance(item, Span):
            out.append(item)
            continue
        a, b = pos, pos + len(item.text)
        pos = b
        lo, hi = max(a, start), min(b, end)
        if lo >= hi:
            out.append(item)
            continue
        head, rest = _split_span(item, lo - a)
        middle, tail = _split_span(rest, hi - lo)
        if comment_id not in middle.comments:
            middle = replace(middle, comments=(*middle.comments, comment_id))
        out.extend(s for s in (head, middle, tail) if s.text)
    return replace(para, content=out)


def mark_note_range(para: Para, note: int, note_paragraph: int, start: int, end: int, comment_id: str) -> Para:
    """*para* with characters [start, end) of paragraph *note_paragraph* of its note *note* covered by *comment_id*."""
    content: list[Inline] = []
    count = -1
    for item in para.content:
        if isinstance(item, Note):
            count += 1
            if count == note and 0 <= note_paragraph < len(item.paragraphs):
                paragraphs = [list(p) for p in item.paragraphs]
                marked = mark_range(Para(paragraphs[note_paragraph]), start, end, comment_id)
                paragraphs[note_paragraph] = marked.content      # type: ignore[assignment]
                item = Note(paragraphs)
        content.append(item)
    return replace(para, content=content)


def _span_ids(items) -> set[str]:
    return {c for i in items if isinstance(i, Span) for c in i.comments}


def para_ids(para: Para) -> set[str]:
    """Every comment id carried by *para*'s spans and by the spans of its notes."""
    ids = _span_ids(para.content)
    for note in para.notes():
        for note_para in note.paragraphs:
            ids |= _span_ids(note_para)
    return ids


def strip_comments(body: Body) -> Body:
    """*body* with no comment mark at all (pasted text never carries comment anchors: one comment, one place)."""
    def clean(items):
        out = []
        for item in items:
            if isinstance(item, Span) and item.comments:
                item = replace(item, comments=())
            elif isinstance(item, Note):
                item = Note([clean(p) for p in item.paragraphs])
            out.append(item)
        return out
    return [replace(p, content=clean(p.content)) for p in body]


def mark_body(body: Body, start: tuple[int, int], end: tuple[int, int], comment_id: str) -> Body:
    """*body* with the range from (paragraph, offset) *start* to *end* covered by *comment_id*."""
    out: Body = []
    for index, para in enumerate(body):
        if start[0] <= index <= end[0]:
            lo = start[1] if index == start[0] else 0
            hi = end[1] if index == end[0] else len(para.plain_text())
            para = mark_range(para, lo, hi, comment_id) if hi > lo else para
        out.append(para)
    return out


def _without(items: list[Inline], comment_id: str) -> list[Inline]:
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Span) and comment_id in item.comments:
            item = replace(item, comments=tuple(c for c in item.comments if c != comment_id))
        elif isinstance(item, Note):
            item = Note([_without(list(p), comment_id) for p in item.paragraphs])  # type: ignore[misc]
        out.append(item)
    return out


def unmark_body(body: Body, comment_id: str) -> Body:
    """*body* without any mark of *comment_id*."""
    return [replace(p, content=_without(list(p.content), comment_id)) for p in body]


def body_has(body: Body, comment_id: str) -> bool:
    """True when some span of *body* (or of one of its notes) carries *comment_id*."""
    return any(comment_id in para_ids(p) for p in body)


def _range_in(items, comment_id: str) -> tuple[int, int, str] | None:
    """(start, end, text of the items) of the spans carrying *comment_id*; None when none does."""
    pos, start, end, text = 0, None, None, []
    for item in items:
        if not isinstance(item, Span):
            continue
        if comment_id in item.comments:
            start = pos if start is None else start
            end = pos + len(item.text)
        pos += len(item.text)
        text.append(item.text)
    if start is None or end is None:
        return None
    return start, end, "".join(text)


def find_anchor(draft: Draft, comment_id: str) -> TextAnchor | None:
    """Where *comment_id*'s text is (its first paragraph, body text before notes), or None when deleted."""
    for section_id, data in draft.sections.items():
        for index, para in enumerate(data.body):
            found = _range_in(para.content, comment_id)
            if found is not None:
                start, end, text = found
                return TextAnchor(section_id, index, start, end, text[start:end][:MAX_QUOTE])
            for number, note in enumerate(para.notes()):
                for k, note_para in enumerate(note.paragraphs):
                    found = _range_in(note_para, comment_id)
                    if found is not None:
                        start, end, text = found
                        return TextAnchor(section_id, index, start, end, text[start:end][:MAX_QUOTE], number, k)
    return None


def anchored_ids(draft: Draft) -> set[str]:
    """Every comment id that still has text in the draft (footnotes included)."""
    return {c for data in draft.sections.values() for p in data.body for c in para_ids(p)}


def sections_with(draft: Draft, comment_id: str) -> list[str]:
    """The sections whose body carries *comment_id*."""
    return [sid for sid, data in draft.sections.items() if body_has(data.body, comment_id)]
