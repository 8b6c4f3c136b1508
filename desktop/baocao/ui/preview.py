"""Right pane: the live preview, rendered from the same document model as the .docx.

``schedule()`` restarts a 300 ms single-shot timer, so the preview refreshes
once typing pauses.  The HTML fragment comes from a worker process
(``set_backend``, see ``preview_async.py``) — the window never waits for it —
or, where no worker can start, from a callable the window provides (render +
``document_to_html(…, standalone=False)``).  The text is laid out at the
page's width with its margins when the pane is wide enough, else with the
margins scaled to the pane.  Clicking a
heading (link ``section:<id>``) emits ``sectionClicked``; the scroll position
is kept across refreshes.

Fast refresh: the HTML writer puts every top-level block on its own line;
the preview groups lines into *chunks* (the header, each section from its
heading, each appendix, the notes), remembers where each chunk starts in the
QTextDocument (heading links ``section:…`` and horizontal rules mark the
starts) and replaces only the chunks whose HTML changed, so one edit in a
long report re-parses and re-lays out one section instead of the whole
document.  Chunks whose note numbers alone moved, the notes list and table
cells are patched in place (``preview_patch.py``); when many chunks changed,
those out of view are patched in idle slices.  Anything it cannot patch
exactly — a change in the number of chunks, a new table shape — falls back
to a full ``setHtml``; tests check that both paths give the same document.

A long report (``preview_window.WINDOW_MIN_CHARS`` of HTML and more) is laid
out only around the view: the document holds a spacer, the chunks from about
two screens above the view to two below, and a spacer, each spacer as tall as
the chunks it stands for (measured when last laid out, else estimated), so
the scroll bar spans the whole report; scrolling near a spacer, or a jump to a
heading, moves the window (``_follow_view``).  The patches above apply to the
chunks in the window; a chunk out of it just waits in ``_target``.
``windowing = False`` lays every report out whole (the tests that compare
every chunk's patch with a full build use it).

In a narrow pane the report's header block is shown in one column
(``preview_narrow.py``) instead of two that wrap one word a line; crossing
that width lays the document out again once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument, QTextFormat, QTextLength
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..docmodel import PageSetup
from ..writers.html import CLOSING_ANCHOR, NOTES_TITLE_LINE, SECTION_LINK_PREFIX, SIGNATURE_ANCHOR
from . import strings as S
from ..writers.html_pieces import ChunkCache, html_chunks as _html_chunks
from .first_paint import turn_after_first_paint
from .preview_narrow import is_narrow, stack_header
from .preview_patch import RULE, blank_numbers, note_numbers, patch_table, renumber, splice_notes
from .preview_window import (FOLLOW_SCREENS, SPACER_ANCHOR, WINDOW_MIN_CHARS, ChunkHeights, choose_window,
                             spacer_html, tops)

DEBOUNCE_MS = 300
#: Space around the page in the pane (pixels).
PAGE_GAP_PX = 12
#: How long an explicit refresh (F5, opening a draft) waits for the worker before showing the result later.
SYNC_WAIT_S = 2.0
#: Up to this many changed chunks are patched at once; beyond, the ones out of view wait for idle time.
IMMEDIATE_CHUNKS = 4
#: One idle slice of patching (milliseconds) and the chunks patched together in one edit block.
PATCH_SLICE_MS = 12
PATCH_BATCH = 2
#: The first preview of a long report shows its top first (about this many characters of HTML, many screens'
#: worth), the whole report one paint later; reports shorter than three times this are shown whole at once.
TOP_FIRST_CHARS = 60_000
PREVIEW_FONTS = ["Times New Roman", "Liberation Serif", "DejaVu Serif", "Noto Serif", "serif"]
PREVIEW_CSS = ("p { margin-top: 0; margin-bottom: 0; } a.h { color: #000; text-decoration: none; } "
               "a.fn { color: #1a5fb4; text-decoration: none; } "
               "table.grid td, table.grid th { border: 1px solid #000; padding: 2px 4px; }")


#: Group the writer's one-block-per-line HTML into chunks starting at headings and rules (``writers.html_pieces``).
html_chunks = _html_chunks


def chunk_starts(doc: QTextDocument) -> list[int]:
    """Positions of the blocks that start a chunk (after the first): section headings and rules."""
    starts: list[int] = []
    block = doc.firstBlock()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth):
            width = block.blockFormat().property(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)
            if width.type() != QTextLength.Type.PercentageLength:     # short rules (with a width) start nothing
                starts.append(block.position())
        else:
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid():
                    fmt = fragment.charFormat()
                    names = fmt.anchorNames() if fmt.isAnchor() else []
                    if fmt.isAnchor() and (fmt.anchorHref().startswith(SECTION_LINK_PREFIX)
                                           or CLOSING_ANCHOR in names or SPACER_ANCHOR in names):
                        starts.append(block.position())
                        break
                    if fmt.isAnchor() and SIGNATURE_ANCHOR in fmt.anchorNames():
                        table = QTextCursor(block).currentTable()    # the chunk starts where its table does
                        starts.append(table.firstPosition() if table is not None else block.position())
                        break
                it += 1
        block = block.next()
    return starts


def _error_text(text: str) -> str:
    """A message as HTML: escaped, line breaks kept."""
    from html import escape

    return escape(text).replace("\n", "<br/>")


def _replaceable(chunk: str) -> bool:
    """True for chunks that insertHtml puts back exactly: no table; a leading rule is kept, not replaced."""
    return "<table" not in chunk and (not chunk.startswith("<hr") or chunk.startswith(RULE))


class PreviewPane(QTextBrowser):
    """QTextBrowser showing the rendered report."""

    sectionClicked = Signal(str)
    rendered = Signal(float)          # milliseconds the last refresh took
    patched = Signal()                # the chunks out of view are patched too

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)   # the text wraps to the pane
        self.setAccessibleName(S.PREVIEW_TITLE)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._refresh_later)
        self.anchorClicked.connect(self._anchor_clicked)
        self._source: Callable[[], str] | None = None
        self._chunks: list[str] = []
        self._starts: list[int] = []
        self.refresh_count = 0
        self.rebuild_count = 0
        self.patch_count = 0
        self._pending: list[int] = []
        self._target: list[str] = []          # every chunk of the report last asked for
        self._shown_target: list[str] = []    # what the document should hold: the window's chunks and spacers
        #: A long report is laid out only around the view (``preview_window``); False: always whole.
        self.windowing = True
        self._lo = self._hi = 0               # the window: chunks [lo, hi) of the report are laid out
        self._heights = ChunkHeights()
        self._layout_key: tuple = ()
        self._following = False
        self.window_moves = 0
        self._chunk_cache = ChunkCache()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._patch_later)
        self.last_ms = 0.0
        self._backend: Any = None
        self._page = PageSetup()
        self._on_document: Callable[[Any], None] | None = None
        self._asked: dict[int, float] = {}
        self._shown_id = 0
        #: True while the preview shows an error instead of the report.
        self.error_shown = False
        self._top_first = False              # the next first show lays out the top first (``show_soon``)
        self._rest_pending = False           # the top is shown, the whole report comes after the next paint
        self._wanted_anchor = ""             # a section asked for while only the top was shown
        self._narrow = False                 # the document shows the header block in one column
        self._setup_document(self.document())
        self.verticalScrollBar().valueChanged.connect(self._follow_view)

    @staticmethod
    def _setup_document(doc: QTextDocument) -> None:
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(PAGE_GAP_PX)
        font = QFont()
        font.setFamilies(PREVIEW_FONTS)
        font.setPointSizeF(PageSetup().body_size_pt)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(PREVIEW_CSS)

    def set_source(self, source: Callable[[], str] | None) -> None:
        """Where the HTML fragment comes from (called on each refresh)."""
        self._source = source

    def schedule(self) -> None:
        """Refresh once edits pause for ``DEBOUNCE_MS``."""
        self.timer.start()

    def set_backend(self, backend: Any, on_document: Callable[[Any], None] | None = None) -> None:
        """Render through *backend* (``preview_async.PreviewBackend``) instead of the in-process source.

        *on_document* receives the summary of each rendered document (``render.doc_summary``) before
        ``rendered`` is emitted.
        """
        self._backend = backend
        self._on_document = on_document
        backend.finished.connect(self._show_result)

    def refresh_now(self) -> None:
        """Render and show the report now, keeping the scroll position.

        With a backend the render runs in the worker; this waits for it at most ``SYNC_WAIT_S``
        (never for a pack whose last render had to be killed) and otherwise shows it when it comes.
        """
        self.timer.stop()
        if self._backend is not None:
            self._request(wait=self._backend.runaway_pack is None, explicit=True)
            return
        if self._source is None:
            return
        started = time.perf_counter()
        try:
            html = self._source()
        except Exception as exc:  # noqa: BLE001 - a broken pack must not break the window
            from ..errors import BaocaoError

            text = exc.user_text() if isinstance(exc, BaocaoError) else f"{type(exc).__name__}: {exc}"
            html = S.PREVIEW_ERROR.format(text=_error_text(text))
        self.update_html(html)
        self.last_ms = (time.perf_counter() - started) * 1000
        self.refresh_count += 1
        self.rendered.emit(self.last_ms)

    def show_soon(self, wait_s: float) -> None:
        """Ask the backend for a render and wait for it at most *wait_s* (shown when it comes otherwise).

        For the first preview of a window: a long report shows its top at once and the rest one paint later.
        """
        self.timer.stop()
        self._top_first = not self._chunks
        if self._backend is None:
            self.refresh_now()
            return
        request_id = self._backend.request()
        if request_id is None:
            self.update_html("")
            return
        self._asked[request_id] = time.perf_counter()
        result = self._backend.wait(request_id, wait_s)
        if result is not None:
            self._show_result(result)

    def refresh_soon(self) -> None:
        """Ask for a render now without waiting for it (a draft just opened: the window stays responsive)."""
        self.timer.stop()
        if self._backend is not None:
            self._request(wait=False)
        else:
            self.refresh_now()

    def _refresh_later(self) -> None:
        """The debounce timer's refresh: never waits for the worker."""
        if self._backend is not None:
            self._request(wait=False)
        else:
            self.refresh_now()

    def _request(self, wait: bool, explicit: bool = False) -> None:
        request_id = self._backend.request(explicit) if explicit else self._backend.request()
        if request_id is None:
            self.update_html("")
            return
        self._asked[request_id] = time.perf_counter()
        if wait:
            result = self._backend.wait(request_id, SYNC_WAIT_S)
            if result is not None:
                self._show_result(result)

    def _show_result(self, result: Any) -> None:
        """Show a worker result unless a newer one is already shown."""
        if result.request_id <= self._shown_id:
            return
        self._shown_id = result.request_id
        if getattr(result, "resend", False):     # the worker had lost the draft: send it whole, show that
            self._asked.pop(result.request_id, None)
            if result.request_id >= self._backend.latest:
                self._request(wait=False)
            return
        if result.summary is not None:
            self.set_page(result.summary.page)
            if self._on_document is not None:
                self._on_document(result.summary)
        if result.html is not None:
            html = result.html
        else:
            html = S.PREVIEW_ERROR.format(text=_error_text(result.error.to_error().user_text()))
        self.error_shown = result.html is None
        self.update_html(html, getattr(result, "pieces", None) if result.html is not None else None)
        asked = self._asked.pop(result.request_id, None)
        self._asked = {k: v for k, v in self._asked.items() if k > result.request_id}
        self.last_ms = (time.perf_counter() - asked) * 1000 if asked is not None else 0.0
        self.refresh_count += 1
        if result.pieces is not None:
            result.html = None            # shown; its pieces stay (the worker handle's too): no second half MiB
        self.rendered.emit(self.last_ms)

    def update_html(self, html: str, pieces: list[str] | None = None) -> None:
        """Show *html*, patching only the chunks that changed; keeps the vertical scroll position.

        *pieces* (``writers.html_pieces``, from the worker) are *html* already cut: only the pieces that are
        not last time's objects are read.

        When many chunks changed (a footnote inserted early renumbers every later one), the chunks in
        view are patched at once and the others in idle slices of ``PATCH_SLICE_MS`` (see
        ``patches_pending``); a newer update simply starts from what is shown.
        """
        chunks = self._chunk_cache.chunks(pieces) if pieces is not None else html_chunks(html)
        self._pending = []
        windowed = self.windowing and sum(map(len, chunks)) >= WINDOW_MIN_CHARS
        moved = False
        if windowed:
            self._top_first = False
            if self._windowed() and len(chunks) == len(self._target):
                self._target = chunks                    # the same window, the same spacers: patch what changed
                self._shown_target = self._window_list(keep_spacers=True)
            else:                                        # first shown, or sections added or removed: a new window
                virtual = self._virtual_top() if self._windowed() else float(self.verticalScrollBar().value())
                self._heights.reset()
                self._target = chunks
                heights = self._heights.heights(chunks)
                self._lo, self._hi = choose_window(heights, virtual, self.viewport().height())
                self._shown_target = self._window_list(heights=heights)
                moved = True
            html = "\n".join(self._shown_target)
        else:
            self._target = self._shown_target = chunks
            self._lo, self._hi = 0, len(chunks)
        chunks = self._shown_target
        if chunks == self._chunks:
            return
        bar = self.verticalScrollBar()
        value = bar.value()
        changed = [i for i, (old, new) in enumerate(zip(self._chunks, chunks)) if old != new]
        top, self._top_first = (self._top_count(chunks) if self._top_first else 0), False
        self._rest_pending = False
        if moved:
            self._rebuild(html)
            self._chunks = list(chunks)
            value = round(self._doc_y(virtual, heights))
            self._settle_bottom_spacer()
        elif top:
            self._rebuild("\n".join(chunks[:top]))      # what the viewport shows, complete; the rest after the paint
            self._chunks = chunks[:top]
            self._rest_pending = True
            turn_after_first_paint(self.viewport(), self._show_rest)
        elif not (len(chunks) == len(self._chunks) == len(self._starts)):
            self._rebuild(html)
            self._chunks = list(chunks)
        else:
            now, later = changed, []
            if len(changed) > IMMEDIATE_CHUNKS:
                visible = self._visible_chunks()
                now = [i for i in changed if i in visible]
                later = [i for i in changed if i not in visible]
            if not self._patch(now, chunks):
                self._rebuild(html)
                self._chunks = list(chunks)
            elif later:
                self._pending = later
                self._idle.start()
        self._keep_scroll(value)

    def _target_whole(self) -> str:
        """The HTML the document should hold, whole: the chunks (of the window) joined.  The HTML itself is
        not kept, half a megabyte for the large report; only blank lines between blocks differ, which
        the HTML parser skips."""
        return "\n".join(self._shown_target)

    # -- the window of a long report (``preview_window``) ------------------------------------------------

    def _windowed(self) -> bool:
        """True when the document holds only part of the report (a spacer above or below)."""
        return self._lo > 0 or self._hi < len(self._target)

    def _window_list(self, heights: list[float] | None = None, keep_spacers: bool = False) -> list[str]:
        """What the document holds for the window ``[lo, hi)``: a spacer, the window's chunks, a spacer."""
        target, lo, hi = self._target, self._lo, self._hi
        if keep_spacers and self._chunks:
            top = [self._chunks[0]] if lo > 0 else []
            bottom = [self._chunks[-1]] if hi < len(target) else []
            return top + target[lo:hi] + bottom
        starts = tops(heights if heights is not None else self._heights.heights(target))
        top = [spacer_html(starts[lo])] if lo > 0 else []
        bottom = [spacer_html(starts[-1] - starts[hi])] if hi < len(target) else []
        return top + target[lo:hi] + bottom

    def _doc_tops(self) -> list[float]:
        """Where each chunk of the document starts (pixels), and the document's height last."""
        doc = self.document()
        layout = doc.documentLayout()
        last = doc.characterCount() - 1
        out = [layout.blockBoundingRect(doc.findBlock(min(position, last))).top() for position in self._starts]
        if out:
            out[0] = 0.0                          # the first chunk (or spacer) holds the document's top margin
        out.append(layout.documentSize().height())
        return out

    def _measure(self, doc_tops: list[float] | None = None) -> None:
        """Remember the height of each chunk the document holds (at this width, zoom and header layout)."""
        key = (self.viewport().width(), self.document().defaultFont().pointSizeF(), self._narrow)
        if key != self._layout_key:
            self._heights.reset()
            self._layout_key = key
        if len(self._starts) != len(self._chunks):
            return
        doc_tops = doc_tops or self._doc_tops()
        offset = 1 if self._lo > 0 else 0
        for index in range(self._lo, self._hi):
            k = offset + index - self._lo
            self._heights.record(index, len(self._chunks[k]), doc_tops[k + 1] - doc_tops[k])

    def _virtual_top(self) -> float:
        """The top of the view in pixels of the whole report (as if every chunk were laid out)."""
        doc_tops = self._doc_tops()
        self._measure(doc_tops)
        heights = self._heights.heights(self._target)
        starts = tops(heights)
        value = float(self.verticalScrollBar().value())
        offset = 1 if self._lo > 0 else 0
        for k in range(len(doc_tops) - 1):
            if doc_tops[k] <= value < doc_tops[k + 1] or k == len(doc_tops) - 2:
                span = doc_tops[k + 1] - doc_tops[k]
                share = min(max((value - doc_tops[k]) / span, 0.0), 1.0) if span > 0 else 0.0
                if k < offset:                                   # in the spacer above
                    return share * starts[self._lo]
                index = self._lo + k - offset
                if index >= self._hi:                            # in the spacer below
                    return starts[self._hi] + share * (starts[-1] - starts[self._hi])
                return starts[index] + share * heights[index]
        return 0.0

    def _doc_y(self, virtual: float, heights: list[float]) -> float:
        """Where *virtual* (pixels of the whole report) is in the document as it is laid out now."""
        starts = tops(heights)
        doc_tops = self._doc_tops()
        offset = 1 if self._lo > 0 else 0
        if self._lo > 0 and virtual < starts[self._lo]:
            return virtual / starts[self._lo] * doc_tops[1] if starts[self._lo] else 0.0
        if self._hi < len(self._target) and virtual >= starts[self._hi]:
            below = starts[-1] - starts[self._hi]
            k = offset + self._hi - self._lo
            share = (virtual - starts[self._hi]) / below if below else 0.0
            return doc_tops[k] + share * (doc_tops[k + 1] - doc_tops[k])
        for index in range(self._lo, self._hi):
            if virtual < starts[index + 1] or index == self._hi - 1:
                k = offset + index - self._lo
                share = (virtual - starts[index]) / heights[index] if heights[index] else 0.0
                return doc_tops[k] + min(max(share, 0.0), 1.0) * (doc_tops[k + 1] - doc_tops[k])
        return 0.0

    def _follow_view(self, *_args) -> None:
        """Scrolled (or resized) near a spacer: lay out the chunks around the view instead."""
        if self._following or not self._windowed() or len(self._starts) != len(self._chunks):
            return
        doc_tops = self._doc_tops()
        offset = 1 if self._lo > 0 else 0
        real_top, real_bottom = doc_tops[offset], doc_tops[offset + self._hi - self._lo]
        value, height = self.verticalScrollBar().value(), self.viewport().height()
        near = FOLLOW_SCREENS * height
        if (self._lo > 0 and value < real_top + near) or \
                (self._hi < len(self._target) and value + height > real_bottom - near):
            self._move_window(self._virtual_top())

    def _move_window(self, virtual: float) -> bool:
        """Lay out the chunks around *virtual* (pixels of the whole report) and scroll there; False: no move."""
        self._measure()
        heights = self._heights.heights(self._target)
        lo, hi = choose_window(heights, virtual, self.viewport().height())
        if (lo, hi) == (self._lo, self._hi):
            return False
        self._following = True
        try:
            self._lo, self._hi = lo, hi
            self._shown_target = self._window_list(heights=heights)
            self._pending = []
            self._rebuild("\n".join(self._shown_target))
            self._chunks = list(self._shown_target)
            self.window_moves += 1
            self.verticalScrollBar().setValue(round(self._doc_y(virtual, heights)))
        finally:
            self._following = False
        return True

    def _settle_bottom_spacer(self) -> None:
        """After a new window: the spacer below sized from the heights just measured (the view stays put)."""
        if self._hi >= len(self._target) or not self._chunks:
            return
        self._measure()
        starts = tops(self._heights.heights(self._target))
        spacer = spacer_html(starts[-1] - starts[self._hi])
        if spacer != self._chunks[-1]:
            self._shown_target = self._shown_target[:-1] + [spacer]
            self._patch([len(self._chunks) - 1], self._shown_target)

    def _keep_scroll(self, value: int) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(value)
        if bar.value() != value:
            QTimer.singleShot(0, bar, lambda: bar.setValue(value))   # dropped if the pane is gone

    def patches_pending(self) -> bool:
        """True while chunks out of view still wait for their patch (or the report below its top)."""
        return bool(self._pending) or self._rest_pending

    def finish_patches(self) -> None:
        """Patch every chunk still waiting, now."""
        self._show_rest()
        while self._pending:
            self._patch_later(budget_ms=1e9)

    def _top_count(self, chunks: list[str]) -> int:
        """How many chunks make the top shown first (0: show them all at once, the report is not long)."""
        if self._chunks or self.verticalScrollBar().value() != 0 or sum(map(len, chunks)) < 3 * TOP_FIRST_CHARS:
            return 0
        size = 0
        for index, chunk in enumerate(chunks):
            size += len(chunk)
            if size >= TOP_FIRST_CHARS:
                return index + 1
        return 0

    def _show_rest(self) -> None:
        """Lay out the whole report below the top shown first (the view stays where it is)."""
        if not self._rest_pending:
            return
        self._rest_pending = False
        bar = self.verticalScrollBar()
        value = bar.value()
        self._rebuild(self._target_whole())
        self._chunks = list(self._shown_target)
        self._keep_scroll(value)
        if self._wanted_anchor:
            anchor, self._wanted_anchor = self._wanted_anchor, ""
            self.scroll_to_section(anchor)
        self.patched.emit()

    def _patch_later(self, budget_ms: float = PATCH_SLICE_MS) -> None:
        """One idle slice: patch waiting chunks (from the end of the report) for about *budget_ms*."""
        if not self._pending:
            return
        bar = self.verticalScrollBar()
        value = bar.value()
        started = time.perf_counter()
        while self._pending and (time.perf_counter() - started) * 1000 < budget_ms:
            batch, self._pending = self._pending[-PATCH_BATCH:], self._pending[:-PATCH_BATCH]
            if not self._patch(batch, self._shown_target):
                self._pending = []
                self._rebuild(self._target_whole())
                self._chunks = list(self._shown_target)
        self._keep_scroll(value)
        if self._pending:
            self._idle.start()
        else:
            self.patched.emit()

    def _visible_chunks(self) -> set[int]:
        """Indices of the chunks at least partly in view."""
        top = self.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.cursorForPosition(QPoint(self.viewport().width() - 1, self.viewport().height() - 1)).position()
        ends = [*self._starts[1:], self.document().characterCount()]
        return {i for i, (start, end) in enumerate(zip(self._starts, ends)) if start <= bottom and end >= top}

    def _patch(self, changed: list[int], chunks: list[str]) -> bool:
        """Patch the *changed* chunks in place (from the end); False when one of them cannot be."""
        if not changed:
            return True
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        starts = list(self._starts)
        try:
            for index in sorted(changed, reverse=True):     # from the end: earlier positions stay valid
                before = doc.characterCount()
                start = starts[index]
                end = starts[index + 1] - 1 if index + 1 < len(starts) else before - 1
                # a chunk may end with its piece's newline (``html_pieces._shared_chunk``): insertHtml would
                # keep it as a space at the end of the chunk's last paragraph
                old, new = self._chunks[index].removesuffix("\n"), chunks[index].removesuffix("\n")
                if index == 0 and self._lo == 0 and self._narrow:   # the document holds the stacked header block
                    old, new = stack_header(old), stack_header(new)
                if not self._patch_one(doc, cursor, start, end, old, new):
                    return False
                delta = doc.characterCount() - before
                starts[index + 1:] = [position + delta for position in starts[index + 1:]]
                self._chunks[index] = chunks[index]
        finally:
            cursor.endEditBlock()
        self._starts = starts
        self.patch_count += 1
        return True

    @staticmethod
    def _patch_one(doc: QTextDocument, cursor: QTextCursor, start: int, end: int, old: str, new: str) -> bool:
        if blank_numbers(old) == blank_numbers(new):
            return renumber(doc, cursor, start, end, note_numbers(new))
        if old.startswith(NOTES_TITLE_LINE):
            return splice_notes(doc, cursor, start, end, old, new)
        if "<table" in old or "<table" in new:
            return patch_table(doc, cursor, start, end, old, new)
        if not (_replaceable(old) and _replaceable(new) and old.startswith(RULE) == new.startswith(RULE)):
            return False
        html = new
        if html.startswith(RULE):             # keep the rule's own (empty) block, replace what follows
            start, html = start + 1, html[len(RULE):]
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertHtml(html)
        return True

    def set_page(self, page: PageSetup) -> None:
        """The page the report is set on (its width and margins shape the preview)."""
        if page != self._page:
            self._page = page
            self._apply_page()

    def page_margins_px(self) -> tuple[float, float]:
        """Left and right margins of the text (pixels): the page's own when the pane is as wide as the
        page (at the current zoom), scaled down with the pane when it is narrower."""
        page = self._page
        zoom = self.document().defaultFont().pointSizeF() / page.body_size_pt if page.body_size_pt else 1.0
        per_mm = self.logicalDpiX() / 25.4 * zoom
        available = max(self.viewport().width() - 2 * PAGE_GAP_PX, 1)
        page_px = page.width_mm * per_mm
        scale = min(1.0, available / page_px)
        extra = max(0.0, (available - page_px) / 2)        # a wide pane: the page sits in the middle
        return extra + page.margin_left_mm * per_mm * scale, extra + page.margin_right_mm * per_mm * scale

    def _apply_page(self) -> None:
        left, right = self.page_margins_px()
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - left) < 0.5 and abs(fmt.rightMargin() - right) < 0.5:
            return
        fmt.setLeftMargin(left)
        fmt.setRightMargin(right)
        root.setFrameFormat(fmt)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Keep the page's margins in proportion to the pane; stack the header block when it gets narrow."""
        super().resizeEvent(event)
        self._apply_page()
        if self._chunks and not self._rest_pending and self._wants_narrow() != self._narrow:
            bar = self.verticalScrollBar()
            value = bar.value()
            self._pending = []
            self._rebuild(self._target_whole())
            self._chunks = list(self._shown_target)
            self._keep_scroll(value)
        self._follow_view()

    def _wants_narrow(self) -> bool:
        """True when the pane is too narrow (at its zoom) for the header block's two columns."""
        body = self._page.body_size_pt
        zoom = self.document().defaultFont().pointSizeF() / body if body else 1.0
        return is_narrow(self.viewport().width(), zoom)

    def _rebuild(self, html: str) -> None:
        """Lay out the whole document again."""
        self._narrow = self._wants_narrow()
        following, self._following = self._following, True     # no window moves while the text is replaced
        try:
            self.setHtml(stack_header(html) if self._narrow else html)
        finally:
            self._following = following
        self._apply_page()
        starts = [0, *chunk_starts(self.document())]
        if starts[:2] == [0, 0]:                   # the first chunk itself starts with a heading or rule
            starts = starts[1:]
        self._starts = starts
        self.rebuild_count += 1

    def scroll_to_section(self, section_id: str) -> None:
        """Bring the heading of *section_id* into view (once the whole report is laid out, if only its top is)."""
        if self._rest_pending:
            self._wanted_anchor = section_id
        elif self._windowed():
            mark = f'name="{escape(section_id)}"'
            index = next((i for i, chunk in enumerate(self._target) if mark in chunk), None)
            if index is not None and not self._lo <= index < self._hi:
                self._measure()
                self._move_window(tops(self._heights.heights(self._target))[index])
        self.scrollToAnchor(section_id)

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(SECTION_LINK_PREFIX):
            self.sectionClicked.emit(text[len(SECTION_LINK_PREFIX):])
