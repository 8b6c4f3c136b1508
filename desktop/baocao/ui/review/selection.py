"""Editor positions ⇄ body positions (paragraph index, offset in the paragraph's text).

A body offset counts the characters of the paragraph's spans only: the item
marker ("- "/"+ ") and the note markers of the editor's text are not counted.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from .. import richtext_convert as rc


def _marker_length(text: str) -> int:
    return 2 if text[:2] in rc._MARKER_KINDS else 0          # same rule as ``block_to_para``


def body_position(doc: QTextDocument, position: int) -> tuple[int, int]:
    """(paragraph index, text offset) of the document *position*."""
    block = doc.findBlock(position)
    text = block.text()[: position - block.position()]
    offset = len(text.replace(rc.OBJECT_CHAR, "")) - _marker_length(block.text())
    return block.blockNumber(), max(0, offset)


def selection_range(cursor: QTextCursor) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The selection of *cursor* as body positions, or None when nothing is selected."""
    if not cursor.hasSelection():
        return None
    doc = cursor.document()
    start = body_position(doc, cursor.selectionStart())
    end = body_position(doc, cursor.selectionEnd())
    return (start, end) if start < end else None


def document_position(doc: QTextDocument, paragraph: int, offset: int) -> int:
    """The document position of text *offset* in *paragraph* (clamped to the paragraph)."""
    block = doc.findBlockByNumber(min(paragraph, doc.blockCount() - 1))
    text = block.text()
    index = _marker_length(text)
    counted = 0
    while index < len(text) and counted < offset:
        if text[index] != rc.OBJECT_CHAR:
            counted += 1
        index += 1
    return block.position() + index


def select_range(editor, paragraph: int, start: int, end: int) -> None:
    """Select body text [start, end) of *paragraph* in the QTextEdit *editor* and show it."""
    doc = editor.document()
    cursor = QTextCursor(doc)
    cursor.setPosition(document_position(doc, paragraph, start))
    cursor.setPosition(document_position(doc, paragraph, end), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


def select_in_note(section_editor, body, found) -> bool:
    """Show the notes tab and select the commented words of a footnote (*found*: an anchor in a note)."""
    index = sum(len(p.notes()) for p in body[:found.paragraph]) + found.note
    notes = section_editor.body.notes()
    if not 0 <= index < len(notes):
        return False
    editor = section_editor.notes.editor(notes[index][0])
    if editor is None:
        return False
    section_editor.tabs.setCurrentWidget(section_editor.notes)
    doc = editor.document()
    block = doc.findBlockByNumber(min(found.note_paragraph, doc.blockCount() - 1))
    cursor = QTextCursor(doc)
    cursor.setPosition(block.position() + min(found.start, block.length() - 1))
    cursor.setPosition(block.position() + min(found.end, block.length() - 1), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    section_editor.notes.scroll.ensureWidgetVisible(editor)
    return True
