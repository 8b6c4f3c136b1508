"""Who wrote this paragraph: the origin of the paragraph at the cursor, and optional colour marks per unit.

The marks are the editor's *extra selections* (full-width, light colour per
unit): they change nothing in the document, so typing, undo and the checks'
underlines are untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from ...contributions.store import contribution
from ..richtext_convert import origin_of
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

#: light backgrounds, one per unit in the order units first appear in the section
UNIT_COLOURS = ("#e3f2fd", "#e8f5e9", "#fff3e0", "#f3e5f5", "#e0f7fa", "#fce4ec")


def describe_origin(window: "MainWindow", origin: str) -> str:
    """"Đoạn đang sửa: của Sở Y tế (Nguyễn Văn A, 12/06/2026)." or the office's own."""
    session = window.session
    if not origin or session is None:
        return S.CURRENT_OWN
    item = contribution(session.draft, origin)
    if item is None:
        return S.CURRENT_ORIGIN.format(unit=S.ORIGIN_UNKNOWN, person="", date="")
    person = f" ({item.person}" if item.person else ""
    date = (", " if person else " (") + item.written.strftime("%d/%m/%Y") if item.written else ""
    closing = ")" if person or date else ""
    return S.CURRENT_ORIGIN.format(unit=item.unit or "?", person=person, date=date + closing)


def origin_at_cursor(editor: QTextEdit) -> str:
    """The contribution id of the paragraph holding the editor's cursor ("" when written here)."""
    return origin_of(editor.textCursor().block())


def origin_marks(editor: QTextEdit) -> list[QTextEdit.ExtraSelection]:
    """One full-width coloured selection per paragraph that came from a contribution."""
    colours: dict[str, QColor] = {}
    marks = []
    block = editor.document().firstBlock()
    while block.isValid():
        origin = origin_of(block)
        if origin:
            colour = colours.setdefault(origin, QColor(UNIT_COLOURS[len(colours) % len(UNIT_COLOURS)]))
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(colour)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            cursor = QTextCursor(block)
            cursor.clearSelection()
            selection.cursor = cursor
            marks.append(selection)
        block = block.next()
    return marks
