"""Which chunks of a long report the preview lays out: the ones around the view, spacers for the rest.

A laid-out QTextDocument costs about 50 bytes per character (text, fragments, lines, shaped glyphs):
13 MiB for the large report of issue 16, most of the window's memory above a bare one, and a quarter
of a second on the main thread to lay it out whole.  So for a report whose HTML is long
(``WINDOW_MIN_CHARS``) the preview holds only the chunks (``writers.html_pieces``) from about
``MARGIN_SCREENS`` screens above the view to as far below, and one empty *spacer* block above and one
below, each as tall as the chunks it stands for: the scroll bar spans the whole report and scrolling
into a spacer lays out the chunks there instead (``PreviewPane._follow_view``).

Heights are those measured the last time a chunk was laid out at this width (``ChunkHeights``), or,
for a chunk not yet seen, its length times the pixels per character of the chunks measured.
Pure Python (the pane measures, this only does the sums); no Qt.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

#: Reports whose HTML is shorter are laid out whole (the sample and every ordinary report).
WINDOW_MIN_CHARS = 180_000
#: Laid out above and below the view, in viewport heights.
MARGIN_SCREENS = 2.0
#: The view may come this close (viewport heights) to a spacer before the window moves.
FOLLOW_SCREENS = 0.5
#: Pixels per character until a chunk has been measured (a page of 12–14 pt text).
DEFAULT_PX_PER_CHAR = 0.35
#: The anchor that marks a spacer block (a chunk start for ``preview.chunk_starts``).
SPACER_ANCHOR = "baocao-spacer"


def spacer_html(height_px: float) -> str:
    """One empty block *height_px* tall (at least 1), marked with ``SPACER_ANCHOR``."""
    height = max(1, round(height_px))
    return (f'<p style="margin-top:0px; margin-bottom:0px; line-height:{height}px;">'
            f'<a name="{SPACER_ANCHOR}"></a>&nbsp;</p>')


class ChunkHeights:
    """Measured heights (pixels) of the chunks at one layout width; estimates for the others."""

    def __init__(self) -> None:
        self._measured: dict[int, tuple[int, float]] = {}      # index -> (chunk length, height)
        self._chars = 0
        self._pixels = 0.0

    def reset(self) -> None:
        """Forget every height (the width, zoom or the chunks' number changed)."""
        self._measured.clear()
        self._chars, self._pixels = 0, 0.0

    def record(self, index: int, length: int, height: float) -> None:
        """Chunk *index*, *length* characters of HTML, was laid out *height* pixels tall."""
        old = self._measured.get(index)
        if old is not None:
            self._chars -= old[0]
            self._pixels -= old[1]
        self._measured[index] = (length, height)
        self._chars += length
        self._pixels += height

    def px_per_char(self) -> float:
        """Pixels per character of HTML over the chunks measured (a default before any)."""
        return self._pixels / self._chars if self._chars else DEFAULT_PX_PER_CHAR

    def heights(self, chunks: Sequence[str]) -> list[float]:
        """The height of each chunk: measured when it was laid out with this length, else estimated."""
        rate = self.px_per_char()
        out = []
        for index, chunk in enumerate(chunks):
            known = self._measured.get(index)
            out.append(known[1] if known is not None and known[0] == len(chunk) else len(chunk) * rate)
        return out


def tops(heights: Sequence[float]) -> list[float]:
    """Where each chunk starts (pixels from the report's top), and the report's height last."""
    out = [0.0]
    for height in heights:
        out.append(out[-1] + height)
    return out


def choose_window(heights: Sequence[float], view_top: float, view_height: float,
                  margin_screens: float = MARGIN_SCREENS) -> tuple[int, int]:
    """Chunks ``[lo, hi)`` to lay out for a view from *view_top* (pixels in the whole report) down.

    At least one chunk; at least the chunks meeting ``view_top - margin .. view_bottom + margin``.
    """
    count = len(heights)
    if not count:
        return 0, 0
    starts = tops(heights)
    margin = max(view_height, 1.0) * margin_screens
    first = max(0.0, view_top - margin)
    last = view_top + view_height + margin
    lo = min(max(bisect_right(starts, first) - 1, 0), count - 1)
    hi = max(min(bisect_right(starts, last), count), lo + 1)
    return lo, hi


def chunk_at(heights: Sequence[float], y: float) -> tuple[int, float]:
    """The chunk holding *y* (pixels in the whole report) and how far into it (0..1)."""
    starts = tops(heights)
    index = min(max(bisect_right(starts, y) - 1, 0), max(len(heights) - 1, 0))
    height = heights[index] if heights else 0.0
    return index, ((y - starts[index]) / height if height > 0 else 0.0)
