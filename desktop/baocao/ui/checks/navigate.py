"""Going to a finding: show its section (or appendix) and select its characters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

from ...checks.findings import Finding
from ...checks.textunits import para_text
from .. import navigation as nav
from .live import marker_length

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def _select_in(editor: QTextEdit, block_number: int, start: int, length: int) -> bool:
    block = editor.document().findBlockByNumber(block_number)
    if not block.isValid():
        return False
    cursor = QTextCursor(editor.document())
    end = block.position() + block.length() - 1
    cursor.setPosition(min(block.position() + start, end))
    cursor.setPosition(min(block.position() + start + length, end), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


def show_finding(window: "MainWindow", finding: Finding) -> bool:
    """Show where *finding* is and select its span; True when the span could be selected."""
    session = window.session
    if session is None:
        return False
    if finding.part == "cell" or finding.where in session.pack.tables:
        key = next((nav.appendix_key(a.id) for a in session.pack.appendices if a.table == finding.where), None)
        if key:
            window.select(key)
            view = window.table_editor.view
            model = view.model()
            if finding.row and model is not None:
                table = session.pack.tables[finding.where]
                column = next((i for i, c in enumerate(table.columns) if c.key == finding.field), 0)
                view.setCurrentIndex(model.index(finding.row - 1, column))
                view.setFocus(Qt.FocusReason.OtherFocusReason)
        return False
    if not session.pack.has_section(finding.where):
        return False
    window.select(finding.where)
    editor = window.editor
    if finding.part == "field" or (finding.field and finding.offset is None):
        if finding.field and finding.field in editor.fields.keys():
            widget = editor.fields.widget(finding.field)
            editor.fields_area.ensureWidgetVisible(widget)      # the field may be scrolled out of view
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if finding.offset is not None and isinstance(widget, QLineEdit):
                widget.setSelection(finding.offset, finding.length)
            elif finding.offset is not None and isinstance(widget, (QPlainTextEdit, QTextEdit)):
                cursor = widget.textCursor()
                cursor.setPosition(finding.offset)
                cursor.setPosition(finding.offset + finding.length, QTextCursor.MoveMode.KeepAnchor)
                widget.setTextCursor(cursor)
        return finding.offset is not None
    if finding.offset is None or finding.para is None:
        editor.body.setFocus(Qt.FocusReason.OtherFocusReason)
        return False
    body = session.draft.section(finding.where).body
    if finding.para >= len(body):
        return False
    if finding.part == "note":
        notes = editor.body.notes()
        para_notes = [n for n in body[finding.para].notes()]
        before = sum(len(p.notes()) for p in body[:finding.para])
        index = before + (finding.note or 0)
        if index >= len(notes) or (finding.note or 0) >= len(para_notes):
            return False
        note_id = notes[index][0]
        editor.tabs.setCurrentWidget(editor.notes)
        editor.notes.focus_note(note_id)
        note_editor = editor.notes.editor(note_id)
        return note_editor is not None and _select_in(note_editor, finding.note_para or 0, finding.offset,
                                                      finding.length)
    shift = marker_length(editor.body.document(), finding.para, para_text(body[finding.para]))
    return _select_in(editor.body, finding.para, finding.offset + shift, finding.length)
