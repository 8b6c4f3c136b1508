"""The section body editor: a QTextEdit that edits a ``Body`` (paragraphs, items, bold/italic, notes).

Rules that keep Vietnamese input methods (Unikey, EVKey, ibus) working:

* no ``keyPressEvent`` override — every key reaches QTextEdit untouched;
  bold, italic and "insert footnote" are QActions with shortcuts;
* ``inputMethodEvent`` is only observed (to know when a composition is in
  progress), never altered; nothing rewrites the document while composing —
  the editor *reads* the document after each change (``bodyEdited``), and the
  only thing it writes back is the digits of a numbered paragraph's "N. "
  marker, just after a change and never during a composition;
* the only event filtered is ``ShortcutOverride`` for Undo/Redo, so that
  Ctrl+Z reaches the window's QUndoStack instead of QTextEdit's own (disabled)
  undo.

Footnote markers are object characters drawn by ``NoteMarkerHandler`` as
superscript numbers: their order in this section, counted from ``note_base``
(the notes of the report before the section), so they match the preview and the .docx.
"""

from __future__ import annotations

import json
from bisect import bisect_left

from PySide6.QtCore import QEvent, QMimeData, QSizeF, QTimer, Signal
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QInputMethodEvent, QKeySequence, QPainter, QPyTextObject, QTextCharFormat,
    QTextCursor, QTextDocument,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from ..constants import DRAFT_SUFFIX
from ..errors import BaocaoError
from ..model.richtext import Body, Note, Span
from ..model.serialize import body_from_list, body_to_list
from ..review.anchors import strip_comments
from . import richtext_convert as rc
from .body_blocks import BlockParas

#: Mime type of a copied selection with its notes and formatting (lossless copy/paste inside baocao).
BODY_MIME = "application/x-baocao-body+json"
EDITOR_FONTS = ["Times New Roman", "Liberation Serif", "DejaVu Serif", "Noto Serif", "serif"]
MARKER_COLOUR = QColor("#1a5fb4")


class NoteMarkerHandler(QPyTextObject):
    """Draws a note marker as a small raised number (its number in the whole report).

    PySide6 needs ``QPyTextObject`` (a QObject that Qt can cast to QTextObjectInterface);
    a Python class deriving from QObject and QTextObjectInterface is silently ignored.
    """

    def __init__(self, editor: "BodyEditor"):
        super().__init__(editor)
        self._editor = editor

    def _font(self, doc: QTextDocument, fmt: QTextCharFormat) -> QFont:
        font = QFont(doc.defaultFont())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 12.0
        font.setPointSizeF(max(7.0, size * 0.7))
        font.setBold(True)
        return font

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextCharFormat) -> QSizeF:  # noqa: N802 (Qt API)
        metrics = QFontMetricsF(self._font(doc, fmt))
        text = str(self._editor.note_number_at(pos))
        full = QFontMetricsF(doc.defaultFont())
        return QSizeF(metrics.horizontalAdvance(text) + 3, full.ascent())

    def drawObject(self, painter: QPainter, rect, doc: QTextDocument, pos: int, fmt: QTextCharFormat) -> None:  # noqa: N802
        painter.save()
        painter.setFont(self._font(doc, fmt))
        painter.setPen(MARKER_COLOUR)
        metrics = QFontMetricsF(painter.font())
        painter.drawText(rect.x() + 1, rect.y() + metrics.ascent(), str(self._editor.note_number_at(pos)))
        painter.restore()


class BodyEditor(QTextEdit):
    """Rich-text editor of one section's body."""

    bodyEdited = Signal()            # the user changed text, formatting or a note
    notesChanged = Signal()          # notes added, removed, reordered or changed
    noteInserted = Signal(str)       # id of a note just inserted (the panel focuses it)
    pasted = Signal(str, int, int)   # plain text pasted from elsewhere: raw clipboard text, start, end position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self._composing = False
        self._note_positions: list[int] | None = None
        self.note_base = 0        # notes of the whole report before this section's first one
        self._note_signature: tuple = ()
        self._renumber_pending = False          # a pass over the "1. ", "2. " markers is scheduled
        self._notes_unchecked = False           # a change went by without the notes being compared
        doc = self.document()
        self._blocks = BlockParas(doc)          # the body, re-read block by block as the text changes
        doc.setUndoRedoEnabled(False)           # the window's QUndoStack owns undo
        font = QFont()
        font.setFamilies(EDITOR_FONTS)
        font.setPointSize(13)
        doc.setDefaultFont(font)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)           # keyboard users leave the editor with Tab
        self._handler = NoteMarkerHandler(self)
        doc.documentLayout().registerHandler(rc.NOTE_OBJECT_TYPE, self._handler)
        doc.contentsChange.connect(self._on_contents_change)
        self.cursorPositionChanged.connect(self._clean_typing_format)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """The standard menu, with the window's Undo/Redo (this document's own undo is off)."""
        from .context_menu import standard_menu_with_window_undo

        menu = standard_menu_with_window_undo(self, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # ------------------------------------------------------------ loading and reading
    def set_body(self, body: Body, keep_cursor: bool = False) -> None:
        """Show *body* (does not emit ``bodyEdited``); the cursor goes to the start, or stays (undo/redo)."""
        position = self.textCursor().position() if keep_cursor else 0
        self._loading = True
        try:
            rc.body_to_document(body, self.document())
        finally:
            self._loading = False
        self._blocks.reset()
        self._notes_unchecked = False
        self._note_positions = None
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)
        self._emit_notes_if_changed(force=True)

    def set_resolved_comments(self, ids: frozenset[str]) -> None:
        """Show the text of the resolved comments *ids* without highlight (the marks stay; nothing is signalled)."""
        self._loading = True
        try:
            rc.paint_comments(self.document(), frozenset(ids))
        finally:
            self._loading = False

    def body(self) -> Body:
        """The current content as a body (``document_to_body``; only the paragraphs changed since the last
        call are read again, the others are the same ``Para`` objects as last time)."""
        return self._blocks.body()

    def is_composing(self) -> bool:
        """True while an input method composition (preedit) is in progress."""
        return self._composing

    # ------------------------------------------------------------ notes
    def notes(self) -> list[tuple[str, Note]]:
        """The section's notes in document order: (id, note)."""
        return [(note_id, note) for note_id, _, note in rc.document_notes(self.document())]

    def note_number_at(self, position: int) -> int:
        """Number of the note marker at *position*, counted through the whole report."""
        if self._note_positions is None:
            self._note_positions = self._blocks.note_positions()
        return self.note_base + bisect_left(self._note_positions, position) + 1

    def set_note_base(self, base: int) -> None:
        """Number the markers from *base* + 1 (re-lays out the markers when it changes)."""
        if base == self.note_base:
            return
        self.note_base = base
        self.document().markContentsDirty(0, self.document().characterCount())
        self.viewport().update()

    def _find_note(self, note_id: str) -> QTextCursor | None:
        for found_id, position, _ in rc.document_notes(self.document()):
            if found_id == note_id:
                cursor = QTextCursor(self.document())
                cursor.setPosition(position)
                cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
                return cursor
        return None

    def insert_note(self, note: Note | None = None) -> str:
        """Insert a note marker at the cursor (after any selection); returns its id."""
        note = note or Note([[]])
        cursor = self.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        fmt = rc.note_format(note)
        note_id = rc.note_id_of(fmt)
        typing_format = rc.plain_format(cursor.charFormat())
        cursor.insertText(rc.OBJECT_CHAR, fmt)
        cursor.setCharFormat(typing_format)
        self.setTextCursor(cursor)
        self.noteInserted.emit(note_id)
        return note_id

    def set_note(self, note_id: str, note: Note) -> bool:
        """Replace the content of note *note_id* (from the notes panel)."""
        cursor = self._find_note(note_id)
        if cursor is None:
            return False
        fmt = rc.note_format(note, note_id)
        cursor.setCharFormat(fmt)
        return True

    def remove_note(self, note_id: str) -> bool:
        """Delete note *note_id* and its marker."""
        cursor = self._find_note(note_id)
        if cursor is None:
            return False
        cursor.removeSelectedText()
        return True

    def _emit_notes_if_changed(self, force: bool = False) -> None:
        signature = tuple((nid, rc.note_to_json(n)) for nid, n in self.notes())
        if force or signature != self._note_signature:
            self._note_signature = signature
            self.notesChanged.emit()

    # ------------------------------------------------------------ formatting actions
    def toggle_bold(self) -> None:
        """Bold on/off for the selection or the text typed next."""
        fmt = QTextCharFormat()
        fmt.setFontWeight(int(QFont.Weight.Normal) if rc.is_bold(self.currentCharFormat()) else rc.BOLD_WEIGHT)
        self.mergeCurrentCharFormat(fmt)

    def toggle_italic(self) -> None:
        """Italic on/off for the selection or the text typed next."""
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.currentCharFormat().fontItalic())
        self.mergeCurrentCharFormat(fmt)

    # ------------------------------------------------------------ change tracking
    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        replaced_notes = self._blocks.changed(position, removed, added)
        self._note_positions = None
        if self._loading or self._composing:
            self._notes_unchecked = self._notes_unchecked or self._composing or replaced_notes != ()
            return
        self.bodyEdited.emit()
        # the notes panel follows only when a footnote marker came, went or changed (cheap: the changed blocks)
        if self._notes_unchecked or replaced_notes is None or replaced_notes != self._blocks.range_notes():
            self._notes_unchecked = False
            self._emit_notes_if_changed()
        if not self._renumber_pending:          # numbered paragraphs follow live (after Qt finished this change)
            self._renumber_pending = True
            QTimer.singleShot(0, self, self._renumber)

    def _renumber(self) -> None:
        """Rewrite wrong "N. " markers (added, removed, moved or retyped numbered paragraphs).

        The body read back does not change (the marker is the kind, not its digits), so nothing is
        signalled; skipped while an input method composes (its commit schedules another pass).
        """
        self._renumber_pending = False
        if self._composing or self._loading:
            return
        self._loading = True
        try:
            rc.renumber_document(self.document())
        finally:
            self._loading = False

    def _clean_typing_format(self) -> None:
        """After moving next to a note marker, type plain text (not the marker's format)."""
        if self._composing or self._loading:
            return
        cursor = self.textCursor()
        if not cursor.hasSelection() and (cursor.charFormat().hasProperty(rc.NOTE_ID_PROPERTY)
                                          or cursor.charFormat().hasProperty(rc.CITE_ID_PROPERTY)):
            self.setCurrentCharFormat(rc.plain_format(cursor.charFormat()))
        elif not cursor.hasSelection() and cursor.charFormat().hasProperty(rc.COMMENT_IDS_PROPERTY):
            # text typed inside a commented range stays in it; typed at its edges does not extend it
            keep = rc.comment_ids_inside(self.document(), cursor.position())
            if keep != rc.comment_ids_of(cursor.charFormat()):
                fmt = QTextCharFormat(cursor.charFormat())
                rc.set_comment_ids(fmt, keep)
                self.setCurrentCharFormat(fmt)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt API)
        """Observe composition state; the event itself goes to QTextEdit unchanged."""
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)   # a commit changes the document → contentsChange → bodyEdited

    def event(self, event: QEvent) -> bool:
        """Let Undo/Redo shortcuts reach the window's QUndoStack."""
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return super().event(event)

    # ------------------------------------------------------------ clipboard and drops
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt API)
        """Plain text for other programs (citations as their words), plus the body (notes included) for baocao."""
        from .register.clipboard import new_mime_data, selection_text   # see new_mime_data: no crash on exit

        mime = new_mime_data()
        cursor = self.textCursor()
        fragment = cursor.selection()
        scratch = QTextDocument()
        QTextCursor(scratch).insertFragment(fragment)
        body = strip_comments(rc.document_to_body(scratch))     # a copy never carries comment anchors
        mime.setData(BODY_MIME, json.dumps(body_to_list(body), ensure_ascii=False).encode("utf-8"))
        mime.setText(selection_text(cursor))           # citations as their words for other programs
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt API)
        return source.hasFormat(BODY_MIME) or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt API)
        """Paste baocao content losslessly; anything else as cleaned plain text (one paragraph per line)."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if source.hasFormat(BODY_MIME):
            try:
                body = strip_comments(body_from_list(json.loads(bytes(source.data(BODY_MIME)).decode("utf-8"))))
            except (ValueError, BaocaoError):  # malformed clipboard: fall back to plain text
                body = None
            if body is not None:
                cursor.removeSelectedText()
                for index, para in enumerate(body):
                    if index:
                        cursor.insertBlock()
                    marker = rc.MARKERS.get(para.kind, "1. " if para.kind == "number" else "")
                    if marker:                  # a numbered paragraph's digits are set by the renumbering pass
                        cursor.insertText(marker, QTextCharFormat())
                    rc.insert_inlines(cursor, list(para.content))
                cursor.endEditBlock()
                self.setTextCursor(cursor)
                return
        raw = source.text()
        text = rc.normalise_pasted_text(raw)
        cursor.removeSelectedText()
        start = cursor.position()
        text = rc.fit_pasted_edges(text, _char_at(self.document(), start - 1, cursor.block()),
                                   _char_at(self.document(), start, cursor.block()))
        cursor.insertText(text, rc.plain_format(cursor.charFormat()))
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.pasted.emit(raw, start, cursor.position())    # e.g. the checks offer to convert TCVN3/VNI text

    def _is_draft_drop(self, event) -> bool:
        mime = event.mimeData()
        return mime.hasUrls() and any(u.toLocalFile().lower().endswith((DRAFT_SUFFIX, ".json")) for u in mime.urls())

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Draft files dropped here open in the window rather than being pasted as text."""
        if self._is_draft_drop(event):
            event.ignore()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._is_draft_drop(event):
            event.ignore()
            return
        super().dragMoveEvent(event)


def note_editor_font() -> QFont:
    """Font of the notes panel editors (same family as the body, smaller)."""
    font = QFont()
    font.setFamilies(EDITOR_FONTS)
    font.setPointSize(11)
    return font


__all__ = ["BODY_MIME", "BodyEditor", "NoteMarkerHandler", "Span", "note_editor_font"]


def _char_at(document, position: int, block) -> str:
    """The character at *position* when it lies inside *block*, else "" (a paragraph's edge)."""
    if position < block.position() or position >= block.position() + block.length() - 1:
        return ""
    return document.characterAt(position)
