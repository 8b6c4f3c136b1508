"""A renderer for the live preview that reuses the parse of unchanged sections.

Rendering the whole report after every pause in typing is mostly parsing
each section's block markup (Jinja output) into document blocks.  When a
section's markup is exactly what it was last time, ``PreviewRenderer`` reuses
the blocks parsed then.  Footnote numbering stays exact: the calls the parse
made to the footnote sink (``add``/``cite``) were recorded, are replayed on
the real sink, and the cached blocks are used only if every replayed number
matches — or, when the section only defines notes of its own, matches after one
shift (a footnote inserted earlier moves every later number by the same
amount): then the cached blocks are reused with their note marks shifted.
Otherwise the markup is parsed again.  Markup that embeds a table
(``<table id=…/>``) is never cached, since table rows are not part of it.
The output is the same ``Document`` that ``render_draft`` produces.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..docmodel import Block, FootnoteRef, Heading, Inline, Paragraph, Text
from ..render.renderer import Renderer
from ..template.manifest import Pack
from ..template.markup import MarkupContext, parse_blocks

MAX_CACHED = 4000


class _RecordingSink:
    """Footnote sink proxy that records every call made during one parse."""

    def __init__(self, inner: Any):
        self.inner = inner
        self.calls: list[tuple[str, Any, Any, Any]] = []

    def add(self, paragraphs: list[list[Text]], key: str | None) -> int:
        number = self.inner.add(paragraphs, key)
        self.calls.append(("add", paragraphs, key, number))
        return number

    def cite(self, key: str) -> int | None:
        number = self.inner.cite(key)
        self.calls.append(("cite", None, key, number))
        return number


def _replay(calls: list[tuple[str, Any, Any, Any]], sink: Any, offset: int = 0) -> bool:
    """Repeat recorded sink calls; False at the first number that differs (by more than *offset*)."""
    for kind, paragraphs, key, number in calls:
        got = sink.add(paragraphs, key) if kind == "add" else sink.cite(key)
        if got != (number + offset if number is not None else None):
            return False
    return True


def _shift_inlines(items: list[Inline], offset: int) -> list[Inline]:
    return [FootnoteRef(i.number + offset) if isinstance(i, FootnoteRef) else i for i in items]


def _shifted(blocks: list[Block], offset: int) -> list[Block]:
    """*blocks* with every note mark moved by *offset* (copies only the blocks that have marks)."""
    if not offset:
        return list(blocks)
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and any(isinstance(i, FootnoteRef) for i in block.inlines):
            block = replace(block, inlines=_shift_inlines(block.inlines, offset))
        elif isinstance(block, Heading) and any(isinstance(i, FootnoteRef) for i in block.inline):
            block = replace(block, inline=_shift_inlines(block.inline, offset))
        out.append(block)
    return out


def _shift_for(calls: list, sink: Any) -> int | None:
    """The shift that makes *calls* replay on *sink*: notes of its own only, numbered from the sink's next."""
    footnotes = getattr(sink, "footnotes", None)
    if footnotes is None or not calls:
        return None
    added: set[str] = set()
    first = None
    for kind, _paragraphs, key, number in calls:
        if kind == "add":
            first = number if first is None else first
            if key:
                added.add(key)
        elif key not in added:
            return None
    return None if first is None else len(footnotes) + 1 - first


class PreviewRenderer(Renderer):
    """``Renderer`` with a parse cache keyed by (template, section, markup)."""

    def __init__(self, pack: Pack):
        super().__init__(pack)
        self._parsed: dict[tuple[str, str | None, str], tuple[list[Block], list]] = {}
        self.hits = 0
        self.misses = 0
        self.shifted = 0

    def _parse(self, template_name: str, markup: str, ctx: MarkupContext, section: str | None) -> list[Block]:
        key = (template_name, section, markup)
        cached = self._parsed.get(key)
        if cached is not None:
            blocks, calls = cached
            if _can_replay(calls, ctx.notes) and _replay(calls, ctx.notes):
                self.hits += 1
                return list(blocks)
            offset = _shift_for(calls, ctx.notes)
            if offset is not None and _can_replay(calls, ctx.notes, offset) and _replay(calls, ctx.notes, offset):
                self.hits += 1
                self.shifted += 1
                return _shifted(blocks, offset)
        self.misses += 1
        sink = ctx.notes
        recorder = _RecordingSink(sink)
        ctx.notes = recorder
        try:
            blocks = parse_blocks(markup, ctx, section)
        finally:
            ctx.notes = sink
        if "<table" not in markup:
            if len(self._parsed) > MAX_CACHED:
                self._parsed.clear()
            self._parsed[key] = (blocks, recorder.calls)
        return list(blocks)


def _can_replay(calls: list, sink: Any, offset: int = 0) -> bool:
    """True when replaying *calls* on *sink* will give exactly the recorded numbers.

    Checked before touching the sink: new notes are numbered one after another
    from the sink's next number, and citations of notes defined elsewhere must
    resolve as recorded.  A sink that does not show its count is never replayed.
    """
    footnotes = getattr(sink, "footnotes", None)
    if footnotes is None:
        return not calls
    expected = len(footnotes) + 1
    added: set[str] = set()
    for kind, _paragraphs, key, number in calls:
        if kind == "add":
            if number + offset != expected:
                return False
            expected += 1
            if key:
                added.add(key)
        elif key not in added and sink.cite(key) != number:
            return False
    return True
