"""Right pane: the live preview, rendered from the same document model as the .docx.

``schedule()`` restarts a 300 ms single-shot timer, so the preview refreshes
once typing pauses.  The HTML fragment comes from a callable the window
provides (render + ``document_to_html(…, standalone=False)``).  Clicking a
heading (link ``section:<id>``) emits ``sectionClicked``; the scroll position
is kept across refreshes.

Fast refresh: the HTML writer puts every top-level block on its own line;
the preview groups lines into *chunks* (the header, each section from its
heading, each appendix, the notes), remembers where each chunk starts in the
QTextDocument (heading links ``section:…`` and horizontal rules mark the
starts) and replaces only the chunks whose HTML changed, so one edit in a
long report re-parses and re-lays out one section instead of the whole
document.  Anything it cannot replace exactly — a change in the number of
chunks, a chunk holding a table — falls back to a full ``setHtml``; tests
check that both paths give the same document.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..writers.html import SECTION_LINK_PREFIX
from . import strings as S

DEBOUNCE_MS = 300
PREVIEW_FONTS = ["Times New Roman", "Liberation Serif", "DejaVu Serif", "Noto Serif", "serif"]
PREVIEW_CSS = ("p { margin-top: 0; margin-bottom: 6pt; } a.h { color: #000; text-decoration: none; } "
               "a.fn { color: #1a5fb4; text-decoration: none; } "
               "table.grid td, table.grid th { border: 1px solid #000; padding: 2px 4px; }")


def html_chunks(fragment: str) -> list[str]:
    """Group the writer's one-block-per-line HTML into chunks starting at headings and rules."""
    chunks: list[str] = []
    current: list[str] = []
    for line in fragment.split("\n"):
        if not line.strip():
            continue
        if current and (' class="h"' in line or line.startswith("<hr")):
            chunks.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        chunks.append("\n".join(current))
    return chunks


def chunk_starts(doc: QTextDocument) -> list[int]:
    """Positions of the blocks that start a chunk (after the first): section headings and rules."""
    starts: list[int] = []
    block = doc.firstBlock()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth):
            starts.append(block.position())
        else:
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid():
                    fmt = fragment.charFormat()
                    if fmt.isAnchor() and fmt.anchorHref().startswith(SECTION_LINK_PREFIX):
                        starts.append(block.position())
                        break
                it += 1
        block = block.next()
    return starts


RULE = "<hr/>"


def _replaceable(chunk: str) -> bool:
    """True for chunks that insertHtml puts back exactly: no table; a leading rule is kept, not replaced."""
    return "<table" not in chunk and (not chunk.startswith("<hr") or chunk.startswith(RULE))


class PreviewPane(QTextBrowser):
    """QTextBrowser showing the rendered report."""

    sectionClicked = Signal(str)
    rendered = Signal(float)          # milliseconds the last refresh took

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(S.PREVIEW_TITLE)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh_now)
        self.anchorClicked.connect(self._anchor_clicked)
        self._source: Callable[[], str] | None = None
        self._chunks: list[str] = []
        self._starts: list[int] = []
        self.refresh_count = 0
        self.rebuild_count = 0
        self.last_ms = 0.0
        self._setup_document(self.document())

    @staticmethod
    def _setup_document(doc: QTextDocument) -> None:
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(16)
        font = QFont()
        font.setFamilies(PREVIEW_FONTS)
        font.setPointSize(13)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(PREVIEW_CSS)

    def set_source(self, source: Callable[[], str] | None) -> None:
        """Where the HTML fragment comes from (called on each refresh)."""
        self._source = source

    def schedule(self) -> None:
        """Refresh once edits pause for ``DEBOUNCE_MS``."""
        self.timer.start()

    def refresh_now(self) -> None:
        """Render and show the report now, keeping the scroll position."""
        self.timer.stop()
        if self._source is None:
            return
        started = time.perf_counter()
        try:
            html = self._source()
        except Exception as exc:  # noqa: BLE001 - a broken pack must not break the window
            from ..errors import BaocaoError

            text = exc.user_text() if isinstance(exc, BaocaoError) else f"{type(exc).__name__}: {exc}"
            html = S.PREVIEW_ERROR.format(text=text.replace("\n", "<br/>"))
        self.update_html(html)
        self.last_ms = (time.perf_counter() - started) * 1000
        self.refresh_count += 1
        self.rendered.emit(self.last_ms)

    def update_html(self, html: str) -> None:
        """Show *html*, replacing only the chunks that changed; keeps the vertical scroll position."""
        chunks = html_chunks(html)
        if chunks == self._chunks:
            return
        bar = self.verticalScrollBar()
        value = bar.value()
        changed = [i for i, (old, new) in enumerate(zip(self._chunks, chunks)) if old != new]
        if (len(chunks) == len(self._chunks) and len(self._starts) == len(chunks)
                and all(_replaceable(self._chunks[i]) and _replaceable(chunks[i])
                        and self._chunks[i].startswith(RULE) == chunks[i].startswith(RULE) for i in changed)):
            self._replace(changed, chunks)
        else:
            self._rebuild(html)
        self._chunks = chunks
        bar.setValue(value)
        if bar.value() != value:
            QTimer.singleShot(0, bar, lambda: bar.setValue(value))   # dropped if the pane is gone

    def _replace(self, changed: list[int], chunks: list[str]) -> None:
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        starts = list(self._starts)
        for index in reversed(changed):            # from the end: earlier positions stay valid
            before = doc.characterCount()
            start = starts[index]
            end = starts[index + 1] - 1 if index + 1 < len(starts) else before - 1
            html = chunks[index]
            if html.startswith(RULE):             # keep the rule's own (empty) block, replace what follows
                start, html = start + 1, html[len(RULE):]
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertHtml(html)
            delta = doc.characterCount() - before
            starts[index + 1:] = [position + delta for position in starts[index + 1:]]
        cursor.endEditBlock()
        self._starts = starts

    def _rebuild(self, html: str) -> None:
        """Lay out the whole document again."""
        self.setHtml(html)
        starts = [0, *chunk_starts(self.document())]
        if starts[:2] == [0, 0]:                   # the first chunk itself starts with a heading or rule
            starts = starts[1:]
        self._starts = starts
        self.rebuild_count += 1

    def scroll_to_section(self, section_id: str) -> None:
        """Bring the heading of *section_id* into view."""
        self.scrollToAnchor(section_id)

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(SECTION_LINK_PREFIX):
            self.sectionClicked.emit(text[len(SECTION_LINK_PREFIX):])
