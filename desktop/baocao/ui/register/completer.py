"""Autocomplete of citations: typing "Quyết định số …" offers the register's documents.

One ``CitationCompleter`` serves one rich-text editor: the section body (``BodyEditor``, signal
``bodyEdited``) or a footnote's editor (``NoteEdit``, signal ``edited``) — any ``QTextEdit`` with a
"changed" signal and an ``is_composing()`` method.

Only the text of the current line before the cursor is looked at (a few dozen characters), so
nothing slow runs per keystroke; nothing happens while an input method is composing.  Choosing a
document replaces the typed "Quyết định số 4…" with a citation token (one undo step).
"""

from __future__ import annotations

import re
from typing import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt, SignalInstance
from PySide6.QtWidgets import QCompleter, QTextEdit

from ...register.constants import DOC_TYPES
from ...register.entries import Entry
from ...register.wording import full_form
from . import strings as S

_TYPES = "|".join(sorted(DOC_TYPES, key=len, reverse=True))
TRIGGER = re.compile(rf"(?:^|(?<=[\s(“\"«]))(?P<type>{_TYPES}) số(?: (?P<typed>[\w/.\-]*))?$", re.IGNORECASE)
LOOK_BACK = 80
MAX_ROWS = 12
POPUP_WIDTH = 620


def candidates(entries: list[Entry], before_cursor: str) -> tuple[int, list[Entry]] | None:
    """(length of the typed citation, matching entries) when *before_cursor* ends with "<type> số [prefix]"."""
    match = TRIGGER.search(before_cursor[-LOOK_BACK:])
    if match is None:
        return None
    kind = match.group("type").lower()
    typed = (match.group("typed") or "").upper()
    found = [e for e in entries if e.type.lower() == kind and e.number_symbol.upper().startswith(typed)]
    return len(match.group(0)), found[:MAX_ROWS]


class _Completer(QCompleter):
    """A QCompleter whose Enter/Tab chooses the document and stops there (QCompleter would also hand the
    key on to the editor, which would then start a new paragraph)."""

    CHOOSE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.popup() and event.type() == QEvent.Type.KeyPress and self.popup().isVisible() \
                and event.key() in self.CHOOSE_KEYS:
            index = self.popup().currentIndex()
            self.popup().hide()
            if index.isValid():
                self.activated[QModelIndex].emit(index)
            return True
        return super().eventFilter(watched, event)


class CitationCompleter(QObject):
    """The popup of one editor; *entries* gives the register, *insert* puts a citation in (id, start).

    *changed*: the editor's signal sent after each change of its text (default ``editor.bodyEdited``).
    """

    def __init__(self, editor: QTextEdit, entries: Callable[[], list[Entry]],
                 insert: Callable[[str, int], bool], date_style: Callable[[], str],
                 changed: SignalInstance | None = None):
        super().__init__(editor)
        self.editor = editor
        self._entries = entries
        self._insert = insert
        self._style = date_style
        self._ids: list[str] = []
        self._start = 0
        self.model = QStringListModel(self)
        self.completer = _Completer(self.model, self)
        self.completer.setWidget(editor)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(MAX_ROWS)
        self.completer.popup().setToolTip(S.COMPLETER_TIP)
        self.completer.activated[QModelIndex].connect(self._chosen)
        (changed if changed is not None else editor.bodyEdited).connect(self.update)  # type: ignore[attr-defined]

    def popup_visible(self) -> bool:
        """True while the list of documents is shown."""
        return self.completer.popup().isVisible()

    def update(self) -> None:
        """Look at the text before the cursor; show, refresh or hide the list."""
        editor = self.editor
        cursor = editor.textCursor()
        if editor.is_composing() or cursor.hasSelection() or editor.isReadOnly():  # type: ignore[attr-defined]
            self._hide()
            return
        before = cursor.block().text()[:cursor.positionInBlock()]
        if " số" not in before[-LOOK_BACK:].lower():
            self._hide()
            return
        found = candidates(self._entries(), before)
        if not found or not found[1]:
            self._hide()
            return
        length, entries = found
        self._start = cursor.position() - length
        self._ids = [e.id for e in entries]
        self.model.setStringList([full_form(e, self._style()) for e in entries])
        rect = editor.cursorRect()
        rect.setWidth(POPUP_WIDTH)
        self.completer.complete(rect)
        self.completer.popup().setCurrentIndex(self.model.index(0, 0))

    def _hide(self) -> None:
        if self.completer.popup().isVisible():
            self.completer.popup().hide()

    def choose(self, row: int) -> bool:
        """Insert the citation of row *row* of the list in place of the typed text."""
        if not 0 <= row < len(self._ids):
            return False
        self._hide()
        return self._insert(self._ids[row], self._start)

    def _chosen(self, index: QModelIndex) -> None:
        self.choose(index.row())
