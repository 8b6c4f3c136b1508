"""Status-bar counts: words and characters of the section and of the report, pages of the last export.

Counting walks the draft's text, so it runs on a short timer after the last
edit rather than on every keystroke.  Words are those of the drafter's text
and footnotes (``baocao.model.richtext.body_word_count``) plus the words a
citation of the register prints (full or short, as the export will); figures
in fields and tables are not words.  Characters are counted as Word's "characters
(with spaces)" over the same text.  ``PagesLabel`` shows the page count of
the last export or print (set by ``ui/help/printing``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ..formatting import format_number
from ..model.draft import Draft
from ..model.richtext import Body, body_word_count, word_count
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..register.usage import CitationResolver

COUNT_DELAY_MS = 400
CHARS = ", {n} ký tự"
CHARS_TIP = "Ký tự tính cả dấu cách, như Word (không tính nội dung các bảng phụ lục)"
PAGES = "Trang: {n}"
PAGES_NONE = "Trang: —"
PAGES_TIP = "Số trang của lần xuất hoặc in gần nhất ({name}, lúc {time})"
PAGES_NONE_TIP = "Số trang hiện ra sau lần xuất tệp hoặc in đầu tiên (Ctrl+E, Ctrl+P)"


def body_char_count(body: Body) -> int:
    """Characters (with spaces) of the body's text and of its footnotes."""
    total = 0
    for para in body:
        total += len(para.plain_text())
        total += sum(len(note.plain_text().replace("\n", "")) for note in para.notes())
    return total


def cite_counts(body: Body, resolver: CitationResolver) -> tuple[int, int]:
    """Words and characters the citations of *body* (in its text and footnotes) print."""
    from ..register.usage import body_cites   # counted after the first paint (the register is not needed before)

    words = chars = 0
    for cite in body_cites(body):
        text = resolver.text(cite)
        words += word_count(text)
        chars += len(text)
    return words, chars


class PagesLabel(QLabel):
    """"Trang: 14": pages of the last export or print."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(PAGES_NONE, parent)
        self.setToolTip(PAGES_NONE_TIP)
        self.pages: int | None = None

    def set_pages(self, pages: int | None, name: str = "", time: str = "") -> None:
        """Show *pages* (None: not known)."""
        self.pages = pages
        self.setText(PAGES.format(n=format_number(pages)) if pages is not None else PAGES_NONE)
        self.setToolTip(PAGES_TIP.format(name=name, time=time) if pages is not None else PAGES_NONE_TIP)


class WordCounts(QLabel):
    """"Mục: 312 từ · Báo cáo: 8.420 từ" for the section *key* of *draft*."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setToolTip(S.WORDS_TIP + "\n" + CHARS_TIP)
        self._draft: Draft | None = None
        self._key: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._painted = False            # the first count waits for the window's first paint
        self._waiting = False

    def show_for(self, draft: Draft | None, key: str | None) -> None:
        """Count *draft* now, with *key* as the current section (None or an appendix: the report only).

        Before the window is first painted the count comes just after that paint instead: counting
        a large report is not what the drafter needs to see first.
        """
        self._draft, self._key = draft, key
        if self._painted:
            self.refresh()
        elif not self._waiting:
            from .first_paint import turn_after_first_paint

            self._waiting = True
            turn_after_first_paint(self, self._first_count)

    def _first_count(self) -> None:
        self._painted = True
        self.refresh()

    def schedule(self) -> None:
        """Count again shortly (after typing pauses)."""
        self._timer.start()

    def refresh(self) -> None:
        """Count now."""
        draft = self._draft
        if draft is None:
            self.setText("")
            return
        from ..register.usage import CitationResolver

        resolver = CitationResolver.of(draft, list(draft.sections))
        counted = {sid: cite_counts(data.body, resolver) for sid, data in draft.sections.items()}
        report = sum(body_word_count(data.body) + counted[sid][0] for sid, data in draft.sections.items())
        chars = sum(body_char_count(data.body) + counted[sid][1] for sid, data in draft.sections.items())
        text = S.WORDS_REPORT.format(n=format_number(report)) + CHARS.format(n=format_number(chars))
        if self._key in draft.sections:
            body = draft.sections[self._key].body
            words, cite_chars = counted[self._key]
            section = S.WORDS_SECTION.format(n=format_number(body_word_count(body) + words))
            text = section.replace(" · ", CHARS.format(n=format_number(body_char_count(body) + cite_chars)) + " · ") + text
        if text != self.text():
            self.setText(text)
