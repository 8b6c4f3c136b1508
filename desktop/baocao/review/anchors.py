"""Comment anchors carried by the body's spans (``Span.comments``).

A comment on a selection marks every character of the selection with the
comment's id, so the anchor is the text itself: it moves with the words through
typing, undo and import.  A comment whose id no longer appears in any span
(its text was deleted) is *detached*; it is never removed for that.
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
    return Para(out, para.kind)


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
    return [Para(_without(list(p.content), comment_id), p.kind) for p in body]


def body_has(body: Body, comment_id: str) -> bool:
    """True when some span of *body* carries *comment_id*."""
    return any(isinstance(i, Span) and comment_id in i.comments for p in body for i in p.content)


def find_anchor(draft: Draft, comment_id: str) -> TextAnchor | None:
    """Where *comment_id*'s text is (its first paragraph), or None when the text was deleted."""
    for section_id, data in draft.sections.items():
        for index, para in enumerate(data.body):
            pos, start, end = 0, None, None
            for item in para.content:
                if not isinstance(item, Span):
                    continue
                if comment_id in item.comments:
                    start = pos if start is None else start
                    end = pos + len(item.text)
                pos += len(item.text)
            if start is not None and end is not None:
                quote = para.plain_text()[start:end][:MAX_QUOTE]
                return TextAnchor(section_id, index, start, end, quote)
    return None


def anchored_ids(draft: Draft) -> set[str]:
    """Every comment id that still has text in the draft."""
    return {c for data in draft.sections.values() for p in data.body for i in p.content
            if isinstance(i, Span) for c in i.comments}


def sections_with(draft: Draft, comment_id: str) -> list[str]:
    """The sections whose body carries *comment_id*."""
    return [sid for sid, data in draft.sections.items() if body_has(data.body, comment_id)]
