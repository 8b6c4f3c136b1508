"""A renderer for the live preview that reuses the parse of unchanged sections.

Rendering the whole report after every pause in typing is mostly parsing
each section's block markup (Jinja output) into document blocks.  When a
section's markup is exactly what it was last time, ``PreviewRenderer`` reuses
the blocks parsed then.  Footnote numbering stays exact: the calls the parse
made to the footnote sink (``add``/``cite``) were recorded, are replayed on
the real sink, and the cached blocks are used only if every replayed number
matches; otherwise the markup is parsed again.  Markup that embeds a table
(``<table id=…/>``) is never cached, since table rows are not part of it.
The output is the same ``Document`` that ``render_draft`` produces.
"""

from __future__ import annotations

from typing import Any

from ..docmodel import Block, Text
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


def _replay(calls: list[tuple[str, Any, Any, Any]], sink: Any) -> bool:
    """Repeat recorded sink calls; False at the first number that differs."""
    for kind, paragraphs, key, number in calls:
        got = sink.add(paragraphs, key) if kind == "add" else sink.cite(key)
        if got != number:
            return False
    return True


class PreviewRenderer(Renderer):
    """``Renderer`` with a parse cache keyed by (template, section, markup)."""

    def __init__(self, pack: Pack):
        super().__init__(pack)
        self._parsed: dict[tuple[str, str | None, str], tuple[list[Block], list]] = {}
        self.hits = 0
        self.misses = 0

    def _parse(self, template_name: str, markup: str, ctx: MarkupContext, section: str | None) -> list[Block]:
        key = (template_name, section, markup)
        cached = self._parsed.get(key)
        if cached is not None:
            blocks, calls = cached
            if _can_replay(calls, ctx.notes) and _replay(calls, ctx.notes):
                self.hits += 1
                return list(blocks)
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


def _can_replay(calls: list, sink: Any) -> bool:
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
            if number != expected:
                return False
            expected += 1
            if key:
                added.add(key)
        elif key not in added and sink.cite(key) != number:
            return False
    return True
