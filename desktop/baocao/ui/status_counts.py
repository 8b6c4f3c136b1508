"""Status-bar word counts: the section being written and the whole report, refreshed after a pause.

Counting walks the draft's text, so it runs on a short timer after the last
edit rather than on every keystroke.  Words are those of the drafter's text
and footnotes (``baocao.model.richtext.body_word_count``); figures in fields
and tables are not words.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ..formatting import format_number
from ..model.draft import Draft
from ..model.richtext import body_word_count
from . import strings as S

COUNT_DELAY_MS = 400


class WordCounts(QLabel):
    """"Mục: 312 từ · Báo cáo: 8.420 từ" for the section *key* of *draft*."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setToolTip(S.WORDS_TIP)
        self._draft: Draft | None = None
        self._key: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

    def show_for(self, draft: Draft | None, key: str | None) -> None:
        """Count *draft* now, with *key* as the current section (None or an appendix: the report only)."""
        self._draft, self._key = draft, key
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
        report = sum(body_word_count(section.body) for section in draft.sections.values())
        text = S.WORDS_REPORT.format(n=format_number(report))
        if self._key in draft.sections:
            text = S.WORDS_SECTION.format(n=format_number(body_word_count(draft.sections[self._key].body))) + text
        if text != self.text():
            self.setText(text)
