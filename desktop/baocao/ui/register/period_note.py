"""«Chèn danh sách văn bản ban hành trong kỳ vào chú thích»: a footnote listing the period's documents.

The footnote goes in at the body's cursor of the open section; it cites each document of the register
issued within the report's period (``register.listing.period_note``), so correcting the register
corrects the list too.  One undo step of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ...model.richtext import Cite
from ...register.listing import period_note
from . import strings as S
from .note_cite import editing_section
from .body_edit import push_body

if TYPE_CHECKING:  # pragma: no cover
    from .install import RegisterRoom


def insert_period_note(room: "RegisterRoom", ask: bool = True) -> bool:
    """Insert the footnote at the body's cursor; says so when no document of the register is in the period."""
    window = room.window
    session = window.session
    if session is None or window.controller.is_read_only():
        window.statusBar().showMessage(S.READ_ONLY, 5000)
        return False
    key = editing_section(window)
    if key is None:
        window.statusBar().showMessage(S.NO_SECTION, 5000)
        return False
    note = period_note(session.draft)
    if note is None:
        if ask:
            QMessageBox.information(window, S.PERIOD_NOTE_TITLE, S.PERIOD_NONE)
        else:
            window.statusBar().showMessage(S.PERIOD_NONE, 8000)
        return False
    editor = window.editor.body
    editor.blockSignals(True)                # one edit of its own, not merged into the typing before it
    try:
        note_id = editor.insert_note(note)
    finally:
        editor.blockSignals(False)
    pushed = push_body(window, editor, key, S.UNDO_PERIOD_NOTE)
    editor.noteInserted.emit(note_id)
    count = sum(1 for item in note.paragraphs[0] if isinstance(item, Cite))
    window.statusBar().showMessage(S.PERIOD_NOTE_DONE.format(n=count), 6000)
    if room.timer is not None:
        room.timer.start()
    return pushed
