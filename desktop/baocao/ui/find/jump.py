"""Bring a hit into view: select its section or appendix and select the words where they are edited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

from ...search import Hit
from .. import navigation as nav
from ..richtext_convert import MARKERS
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def appendix_key_of_table(window: "MainWindow", table_id: str) -> str | None:
    """Outline key of the appendix showing *table_id*."""
    pack = window.session.pack
    return next((nav.appendix_key(a.id) for a in pack.appendices if a.table == table_id), None)


def _select_in_document(view: QTextEdit, block_number: int, offset: int, start: int, end: int) -> bool:
    doc: QTextDocument = view.document()
    block = doc.findBlockByNumber(block_number)
    if not block.isValid():
        return False
    cursor = QTextCursor(doc)
    base = block.position() + offset
    last = doc.characterCount() - 1
    cursor.setPosition(min(base + start, last))
    cursor.setPosition(min(base + end, last), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    centre_cursor(view)
    QTimer.singleShot(0, view, lambda: centre_cursor(view))     # again once the new section is laid out
    return True


def centre_cursor(view: QTextEdit) -> None:
    """Scroll *view* so that its cursor (the hit) sits in the middle of the pane, as Word shows a find."""
    view.ensureCursorVisible()
    bar = view.verticalScrollBar()
    offset = view.cursorRect().center().y() - view.viewport().height() // 2
    bar.setValue(bar.value() + offset)


def jump_to(window: "MainWindow", hit: Hit) -> str:
    """Show *hit* in the window; returns a line for the panel ("" when nothing to say)."""
    place = hit.place
    session = window.session
    if session is None:
        return ""
    if place.kind == "meta":
        return S.META_HINT
    if place.kind == "cell":
        key = appendix_key_of_table(window, place.table)
        if key is None:
            return ""
        window.select(key)
        editor = window.table_editor
        spec = session.pack.tables[place.table]
        column = next((i for i, c in enumerate(spec.columns) if c.key == place.key), 0)
        index = editor.model.index(place.row, column)
        editor.view.setCurrentIndex(index)
        editor.view.scrollTo(index)
        return ""
    window.select(place.section)
    editor = window.editor
    if place.kind == "body":
        para = session.draft.section(place.section).body[place.para]
        _select_in_document(editor.body, place.para, len(MARKERS.get(para.kind, "")), *hit.editor_range())
        window.preview.scroll_to_section(place.section)
    elif place.kind == "note":
        notes = editor.body.notes()
        if place.note < len(notes):
            note_id = notes[place.note][0]
            editor.tabs.setCurrentWidget(editor.notes)
            view = editor.notes.editor(note_id)
            if view is not None:
                editor.notes.scroll.ensureWidgetVisible(view)
                _select_in_document(view, place.note_para, 0, *hit.editor_range())
    elif place.kind == "field" and place.key in editor.fields.keys():
        widget = editor.fields.widget(place.key)
        editor.fields_area.ensureWidgetVisible(widget)
        if isinstance(widget, QLineEdit):
            widget.setSelection(hit.start, hit.end - hit.start)
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            _select_in_document(widget, 0, 0, hit.start, hit.end)   # type: ignore[arg-type]
    return ""
