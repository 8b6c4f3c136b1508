"""The preview HTML cut into pieces: exact, the same chunks as read line by line, and sent as a delta."""

from __future__ import annotations

import copy
import random

import pytest

from baocao.model.richtext import Para
from baocao.render import render_draft
from baocao.writers.html import document_to_html
from baocao.writers.html_pieces import ChunkCache, PiecesSender, html_chunks, html_pieces, join_pieces, piece_chunk

ODD = ["", "\n", "<hr/>", "\n\n<hr/>x\n  \nb", '<p class="h">x</p>\n<p>y</p>\n\n<hr/>\n',
       "  \n<hr/>a\n \xa0\nb\n", "a\n<hr/>\n<hr/>\n"]


def _fragments(pack, sample_draft):
    draft = copy.deepcopy(sample_draft)
    yield document_to_html(render_draft(draft, pack), standalone=False)
    for section in list(draft.sections)[:3]:
        draft.sections[section].body = [*draft.sections[section].body, Para.of("Thêm một đoạn.")]
        yield document_to_html(render_draft(draft, pack), standalone=False)
    yield from ODD


def _by_lines(fragment: str) -> list[str]:
    """The chunk rule as the preview first wrote it, line by line (independent of html_pieces)."""
    chunks, current = [], []
    for line in fragment.split("\n"):
        if not line.strip():
            continue
        if current and (' class="h"' in line or line.startswith("<hr") or 'name="ket-thuc"' in line
                        or 'name="chu-ky"' in line):
            chunks.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        chunks.append("\n".join(current))
    return chunks


def test_pieces_are_exact_and_give_the_chunks(pack, sample_draft):
    for fragment in _fragments(pack, sample_draft):
        pieces = html_pieces(fragment)
        assert "".join(pieces) == fragment
        assert html_chunks(fragment) == _by_lines(fragment)
        assert [c for c in map(piece_chunk, pieces) if c] == _by_lines(fragment)
        chunks = ChunkCache().chunks(pieces)
        assert [c.removesuffix("\n") for c in chunks] == _by_lines(fragment)
        assert sum(c is p for c, p in zip(chunks, pieces)) >= len(pieces) - 1   # one copy kept, not two


def test_only_changed_pieces_travel(pack, sample_draft):
    sender, cache, last = PiecesSender(), ChunkCache(), None
    fragments = list(_fragments(pack, sample_draft))[:4]
    for index, fragment in enumerate(fragments):
        delta = sender.delta(fragment)
        if index:
            assert isinstance(delta[1], dict) and 0 < len(delta[1]) <= 2      # one section changed
        pieces = join_pieces(delta, last)
        assert "".join(pieces) == fragment
        if last is not None:
            assert sum(a is b for a, b in zip(pieces, last)) >= len(pieces) - 2   # the others are last time's
        assert [c.removesuffix("\n") for c in cache.chunks(pieces)] == _by_lines(fragment)
        last = pieces
    with pytest.raises(ValueError):
        join_pieces((len(last) + 1, {}), last)
    rng = random.Random(3)
    shuffled = ODD[:]
    rng.shuffle(shuffled)
    for fragment in shuffled:                       # any change of the number of pieces sends them all
        assert "".join(join_pieces(sender.delta(fragment), last)) == fragment
        last = html_pieces(fragment)
