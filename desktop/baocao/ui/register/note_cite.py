"""Citations in footnotes: the autocomplete of each footnote editor and «Chèn trích dẫn» into a footnote.

A footnote's text is edited in a ``NoteEdit`` of the notes panel; each keystroke there goes into the
body's note marker (``BodyEditor.set_note``) and from there onto the undo stack as typing.  A
citation put into a footnote is an undo step of its own (like one in the body): the note editor's
and the body's signals are held while it goes in, then one ``SetSectionBody`` is pushed.
The autocomplete is attached to a footnote editor the first time it takes the focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTextEdit

from .. import richtext_convert as rc
from . import strings as S
from .completer import CitationCompleter
from .body_edit import push_body

if TYPE_CHECKING:  # pragma: no cover
    from .install import RegisterRoom

#: attribute of a footnote editor holding its completer
COMPLETER_ATTRIBUTE = "_baocao_cite_completer"


def editing_section(window) -> str | None:
    """The draft section whose text the window's editor shows (a section of the pack, or content not yet
    placed in one), None when the editor is not shown."""
    session = window.session
    section_id = window.editor.section_id
    if session is None or not section_id or window.stack.currentWidget() is not window.editor:
        return None
    if session.pack.has_section(section_id) or section_id in session.draft.sections:
        return section_id
    return None


def note_completer(editor: QTextEdit) -> CitationCompleter | None:
    """The autocomplete attached to footnote editor *editor* (None before it first had the focus)."""
    return getattr(editor, COMPLETER_ATTRIBUTE, None)


def attach_completer(room: "RegisterRoom", editor: QTextEdit) -> CitationCompleter:
    """Give footnote editor *editor* the citation autocomplete (once); returns it."""
    completer = note_completer(editor)
    if completer is None:
        completer = CitationCompleter(editor, room.entries,
                                      lambda doc_id, start: insert_in_note(room, editor, doc_id, start),
                                      room.date_style, changed=editor.edited)  # type: ignore[attr-defined]
        setattr(editor, COMPLETER_ATTRIBUTE, completer)
    return completer


def insert_in_note(room: "RegisterRoom", note: QTextEdit, entry_id: str, start: int | None = None) -> bool:
    """Put a citation of *entry_id* at footnote editor *note*'s cursor (replacing the text from *start*).

    One undo step of its own, labelled «Chèn trích dẫn văn bản».
    """
    window = room.window
    session = window.session
    if session is None or window.controller.is_read_only() or note.isReadOnly():
        window.statusBar().showMessage(S.READ_ONLY, 5000)
        return False
    key = editing_section(window)
    note_id = window.editor.notes.note_id_of(note)
    if key is None or note_id is None:
        window.statusBar().showMessage(S.NO_SECTION, 5000)
        return False
    cursor = note.textCursor()
    if start is not None and 0 <= start <= cursor.position():
        cursor.clearSelection()
        cursor.setPosition(start, cursor.MoveMode.KeepAnchor)
    note.blockSignals(True)                 # not pushed as typing: one step of its own
    try:
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        rc.insert_cite(cursor, entry_id)
        cursor.endEditBlock()
        note.setTextCursor(cursor)
    finally:
        note.blockSignals(False)
    body = window.editor.body
    body.blockSignals(True)
    try:
        body.set_note(note_id, note.note())  # type: ignore[attr-defined]
    finally:
        body.blockSignals(False)
    pushed = push_body(window, body, key, S.UNDO_CITE)
    note.setFocus()
    if room.timer is not None:
        room.timer.start()
    return pushed
