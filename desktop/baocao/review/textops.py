"""Changing a paragraph's text by character range while keeping its formatting, notes and anchors."""

from __future__ import annotations

from dataclasses import replace

from ..model.richtext import Inline, Para, Span, merge_spans


def split_at(items: list[Inline], cut: int) -> list[Inline]:
    """*items* with a span boundary at text offset *cut* (notes count zero)."""
    out: list[Inline] = []
    pos = 0
    for item in items:
        if isinstance(item, Span):
            a, b = pos, pos + len(item.text)
            pos = b
            if a < cut < b:
                out.append(replace(item, text=item.text[:cut - a]))
                out.append(replace(item, text=item.text[cut - a:]))
                continue
        out.append(item)
    return out


def _positions(items: list[Inline]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for item in items:
        size = len(item.text) if isinstance(item, Span) else 0
        out.append((pos, pos + size))
        pos += size
    return out


def replace_range(para: Para, start: int, end: int, text: str) -> Para:
    """*para* with its text [start, end) (notes not counted) replaced by *text*.

    A replacement takes the formatting (and comment marks) of the first
    replaced character; an insertion that of the text just before it (or just
    after it at the start of the paragraph).  Notes inside the range stay.
    """
    items = split_at(split_at([i for i in para.content if not (isinstance(i, Span) and not i.text)], start), end)
    spots = _positions(items)
    spans = [(n, item) for n, item in enumerate(items) if isinstance(item, Span)]
    inside = [n for n, _ in spans if start <= spots[n][0] and spots[n][1] <= end and spots[n][1] > spots[n][0]]
    if inside:
        at, like = inside[0], items[inside[0]]
    else:
        before = [n for n, _ in spans if spots[n][1] == start]
        after = [n for n, _ in spans if spots[n][0] == start]
        if before:
            at, like = before[-1] + 1, items[before[-1]]
        elif after:
            at, like = after[0], items[after[0]]
        else:
            at, like = len(items), Span("")
    assert isinstance(like, Span)
    removed = set(inside)
    out: list[Inline] = []
    for n, item in enumerate(items):
        if n == at and text:
            out.append(replace(like, text=text))
        if n not in removed:
            out.append(item)
    if at >= len(items) and text:
        out.append(replace(like, text=text))
    return replace(para, content=merge_spans(out))
