"""The section's footnotes, edited beside the body: one small rich editor per note.

The body editor owns the notes (each marker's format holds its note); this
panel lists them in order and sends edits back (``noteEdited``), so editing a
note here updates the body, goes through the undo stack and the preview.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTextEdit, QVBoxLayout, QWidget,
)

from ..model.richtext import Note
from . import richtext_convert as rc
from . import strings as S
from .richtext_editor import note_editor_font


class NoteEdit(QTextEdit):
    """Editor of one note (paragraphs with bold/italic); no key handling of its own."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document().setUndoRedoEnabled(False)
        self.document().setDefaultFont(note_editor_font())
        self.setTabChangesFocus(True)
        self.setPlaceholderText(S.NOTE_PLACEHOLDER)
        self._loading = False
        self._composing = False
        self.document().contentsChanged.connect(self._changed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit_height())
        self._fit_height()

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """The standard menu, with the window's Undo/Redo (this document's own undo is off)."""
        from .context_menu import standard_menu_with_window_undo

        menu = standard_menu_with_window_undo(self, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _fit_height(self) -> None:
        """Grow with the note's text, from two to about six lines."""
        line = self.fontMetrics().lineSpacing()
        content = int(self.document().size().height()) + 2 * self.frameWidth() + 4
        self.setFixedHeight(max(2 * line + 14, min(content, 6 * line + 14)))

    def set_note(self, note: Note) -> None:
        """Show *note* without emitting ``edited``."""
        self._loading = True
        try:
            rc.note_paragraphs_to_document(note, self.document())
        finally:
            self._loading = False
        if not self.hasFocus():
            self.moveCursor(self.textCursor().MoveOperation.Start)

    def note(self) -> Note:
        """The note as typed."""
        return rc.document_to_note(self.document())

    def inputMethodEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def is_composing(self) -> bool:
        """True while an input method composition (preedit) is in progress."""
        return self._composing

    # ------------------------------------------------------------ clipboard: citations stay citations
    def createMimeDataFromSelection(self):  # noqa: N802 (Qt API)
        """The note's paragraphs for baocao (citations kept), their words for other programs."""
        from .register.clipboard import note_selection_mime
        from .richtext_editor import BODY_MIME

        return note_selection_mime(self.textCursor(), BODY_MIME)

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802 (Qt API)
        from .richtext_editor import BODY_MIME

        return source.hasFormat(BODY_MIME) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt API)
        """baocao content keeps its citations (a footnote inside it is left out); anything else as usual."""
        from .register.clipboard import paste_into_note
        from .richtext_editor import BODY_MIME

        cursor = self.textCursor()
        if paste_into_note(cursor, source, BODY_MIME):
            self.setTextCursor(cursor)
        else:
            super().insertFromMimeData(source)

    def _changed(self) -> None:
        if not self._loading and not self._composing:
            self.edited.emit()

    def toggle_bold(self) -> None:
        """Bold on/off (the window's Ctrl+B acts on the focused editor)."""
        fmt = self.currentCharFormat()
        fmt.setFontWeight(400 if rc.is_bold(fmt) else rc.BOLD_WEIGHT)
        self.mergeCurrentCharFormat(fmt)

    def toggle_italic(self) -> None:
        """Italic on/off."""
        fmt = self.currentCharFormat()
        fmt.setFontItalic(not fmt.fontItalic())
        self.mergeCurrentCharFormat(fmt)

    def event(self, event) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return super().event(event)


class NotesPanel(QWidget):
    """List of the current section's notes."""

    noteEdited = Signal(str, object)      # note id, Note
    noteRemoveRequested = Signal(str)     # note id
    backToBody = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: dict[str, tuple[QLabel, NoteEdit]] = {}
        self._order: list[str] = []
        self._read_only = False
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._host = QWidget()
        self._list = QVBoxLayout(self._host)
        self._list.setContentsMargins(4, 4, 4, 4)
        self._empty = QLabel(S.NOTES_EMPTY, self._host)
        self._empty.setWordWrap(True)
        self._empty.setStyleSheet("color: #666;")
        self._list.addWidget(self._empty)
        self._list.addStretch(1)
        self.scroll.setWidget(self._host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        back = QAction(self)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(self.backToBody)
        self.addAction(back)

    def set_notes(self, notes: list[tuple[str, Note]], base: int = 0) -> None:
        """Show *notes* (id, note) in order, numbered from *base* + 1; editors being typed in are left alone."""
        ids = [nid for nid, _ in notes]
        if ids != self._order:
            self._rebuild(ids)
        for number, (note_id, note) in enumerate(notes, start=base + 1):
            label, editor = self._rows[note_id]
            label.setText(S.NOTE_LABEL.format(n=number))
            if not editor.hasFocus() and editor.note() != note:
                editor.set_note(note)
        self._empty.setVisible(not notes)

    def _rebuild(self, ids: list[str]) -> None:
        old = self._rows
        self._rows = {}
        for note_id in self._order:
            if note_id not in ids:
                row = old[note_id][0].parentWidget()
                self._list.removeWidget(row)
                row.hide()
                row.deleteLater()
        for index, note_id in enumerate(ids):
            if note_id in old:
                row = old[note_id][0].parentWidget()
                self._list.removeWidget(row)
                self._rows[note_id] = old[note_id]
            else:
                row = QWidget(self._host)
                grid = QVBoxLayout(row)
                grid.setContentsMargins(0, 0, 0, 4)
                grid.setSpacing(2)
                top = QHBoxLayout()
                label = QLabel(row)
                label.setStyleSheet("font-weight: bold; color: #1a5fb4;")
                remove = QPushButton(S.NOTE_REMOVE, row)
                remove.setToolTip(S.NOTE_REMOVE_TIP)
                remove.setFlat(True)
                remove.clicked.connect(lambda _=False, nid=note_id: self.noteRemoveRequested.emit(nid))
                top.addWidget(label)
                top.addStretch(1)
                top.addWidget(remove)
                editor = NoteEdit(row)
                editor.setToolTip(S.NOTE_BACK_TIP)
                editor.edited.connect(lambda nid=note_id, ed=editor: self.noteEdited.emit(nid, ed.note()))
                label.setBuddy(editor)
                grid.addLayout(top)
                grid.addWidget(editor)
                editor.setReadOnly(self._read_only)
                remove.setEnabled(not self._read_only)
                self._rows[note_id] = (label, editor)
            self._list.insertWidget(index + 1, row)
        self._order = ids

    def set_read_only(self, read_only: bool) -> None:
        """Refuse (or allow again) typing in every note and removing notes."""
        self._read_only = read_only
        for label, editor in self._rows.values():
            editor.setReadOnly(read_only)
            for button in label.parentWidget().findChildren(QPushButton):
                button.setEnabled(not read_only)

    def note_id_of(self, editor: QWidget) -> str | None:
        """The id of the note edited in *editor* (None when it is not one of this panel's editors)."""
        return next((nid for nid, (_label, ed) in self._rows.items() if ed is editor), None)

    def editor(self, note_id: str) -> NoteEdit | None:
        """The editor of note *note_id*."""
        row = self._rows.get(note_id)
        return row[1] if row else None

    def focus_note(self, note_id: str) -> None:
        """Put the cursor in note *note_id* (after it was inserted)."""
        editor = self.editor(note_id)
        if editor is not None:
            self.scroll.ensureWidgetVisible(editor)
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            cursor = editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            editor.setTextCursor(cursor)

    def count(self) -> int:
        """Number of notes listed."""
        return len(self._order)
