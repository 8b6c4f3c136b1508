"""The preview HTML cut into the pieces the preview patches one by one, and sent piece by piece.

The HTML writer puts every top-level block on its own line.  A *chunk* starts at
a line with a section heading (``class="h"``), a horizontal rule, the closing
anchor or the signature anchor: the preview (``ui/preview.py``) replaces only
the chunks that changed.  ``html_pieces`` cuts the HTML exactly there (joined
again, the pieces are the HTML, newlines and all), ``piece_chunk`` gives a
piece's chunk (its non-blank lines), so ``html_chunks(html)`` is
``[piece_chunk(p) for p in html_pieces(html)]`` without the empty ones.

The preview's worker sends only the pieces that differ from the last HTML it
sent (``PiecesSender``); the window puts them into its copy
(``join_pieces``) and reuses the chunks of the unchanged pieces, so neither
side copies or re-reads the half megabyte of HTML of the large report.  No Qt.
"""

from __future__ import annotations

from typing import Any

from .html import CLOSING_ANCHOR, SIGNATURE_ANCHOR

CLOSING_MARK = f'<a name="{CLOSING_ANCHOR}"></a>'
SIGNATURE_MARK = f'<a name="{SIGNATURE_ANCHOR}"></a>'


def starts_chunk(line: str) -> bool:
    """True for a line that begins a chunk (when some text came before it)."""
    return ' class="h"' in line or line.startswith("<hr") or CLOSING_MARK in line or SIGNATURE_MARK in line


def html_chunks(fragment: str) -> list[str]:
    """Group the writer's one-block-per-line HTML into chunks starting at headings and rules."""
    chunks: list[str] = []
    current: list[str] = []
    for line in fragment.split("\n"):
        if not line.strip():
            continue
        if current and starts_chunk(line):
            chunks.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        chunks.append("\n".join(current))
    return chunks


def html_pieces(fragment: str) -> list[str]:
    """*fragment* cut before each line that starts a chunk; ``"".join`` of the result is *fragment*."""
    pieces: list[str] = []
    start = position = 0
    seen_text = False
    for line in fragment.split("\n"):
        if line.strip():
            if seen_text and starts_chunk(line):
                pieces.append(fragment[start:position])
                start = position
            seen_text = True
        position += len(line) + 1
    pieces.append(fragment[start:])
    return pieces


def _ends_its_only_blank(lines: list[str]) -> bool:
    """True when a piece cut into *lines* has one blank line only: the empty one after its last newline."""
    return lines[-1] == "" and all(line.strip() for line in lines[:-1])


def piece_chunk(piece: str) -> str:
    """The chunk of one piece: its non-blank lines ("" for a piece of blank lines)."""
    lines = piece.split("\n")
    if _ends_its_only_blank(lines):
        return "\n".join(lines[:-1])
    return "\n".join(line for line in lines if line.strip())


class PiecesSender:
    """The worker's side: what to send for each new HTML, given the pieces sent last."""

    def __init__(self) -> None:
        self._last: list[str] | None = None

    def forget(self) -> None:
        """Send every piece next time (always safe: the window takes a full list as it is)."""
        self._last = None

    def delta(self, html: str) -> tuple[int, Any]:
        """(number of pieces, {index: piece}) of what changed, or (n, [all pieces]) when their number changed."""
        pieces = html_pieces(html)
        last, self._last = self._last, pieces
        if last is None or len(last) != len(pieces):
            return len(pieces), pieces
        return len(pieces), {i: p for i, (p, q) in enumerate(zip(pieces, last)) if p != q}


def join_pieces(delta: tuple[int, Any], last: list[str] | None) -> list[str]:
    """The window's side: the new pieces from *delta* and the pieces received *last*."""
    count, changes = delta
    if isinstance(changes, list):
        return list(changes)
    if last is None or len(last) != count:
        raise ValueError("pieces out of step")
    pieces = list(last)
    for index, piece in changes.items():
        pieces[index] = piece
    return pieces


def _shared_chunk(piece: str) -> str:
    """``piece_chunk(piece)``, or *piece* itself when they differ only by its last newline.

    That is every piece of the writer's HTML (one block per line, no blank line), so the window keeps
    one copy of the large report's HTML (~1 MiB), not two: a line break after a block is no text in
    Qt's HTML, so the chunk shows the same either way.
    """
    lines = piece.split("\n")
    if len(lines) > 1 and _ends_its_only_blank(lines):
        return piece
    return piece_chunk(piece)


class ChunkCache:
    """The window's side: chunks of pieces, kept for the pieces that are the same objects as last time.

    A chunk may be its piece itself, ending with the newline before the next piece (``_shared_chunk``).
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[str, str]] = {}

    def chunks(self, pieces: list[str]) -> list[str]:
        """``html_chunks("".join(pieces))``, reading only the pieces not seen last time."""
        known, fresh = self._known, {}
        out: list[str] = []
        for piece in pieces:
            hit = known.get(id(piece))
            chunk = hit[1] if hit is not None and hit[0] is piece else _shared_chunk(piece)
            fresh[id(piece)] = (piece, chunk)
            if chunk:
                out.append(chunk)
        self._known = fresh
        return out
