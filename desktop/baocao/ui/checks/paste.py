"""Text pasted in TCVN3 or VNI: a bar above the editor offers to convert it to Unicode in one click.

The raw clipboard text is kept: TCVN3 writes "ư" as byte 0xAD, a soft hyphen
once read as Windows-1252, which cleaning removes from what is inserted; the
conversion starts from the raw text so that nothing is lost.  The converted
text replaces the pasted range through the editor, so it is one more
undoable edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ..richtext_convert import normalise_pasted_text
from . import strings as CS

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


class PasteBar(QFrame):
    """"Đoạn vừa dán … bảng mã cũ TCVN3 (ABC)" — [Chuyển sang Unicode] [Để nguyên]."""

    def __init__(self, window: "MainWindow"):
        body = window.editor.body
        super().__init__(body.parentWidget())
        self.window = window
        self.setObjectName("paste_legacy_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#paste_legacy_bar { background: #fff4ce; }")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.convert_button = QPushButton(CS.PASTE_CONVERT, self)
        self.keep_button = QPushButton(CS.PASTE_KEEP, self)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(self.label, 1)
        row.addWidget(self.convert_button)
        row.addWidget(self.keep_button)
        layout = body.parentWidget().layout()
        layout.insertWidget(layout.indexOf(body), self)
        self.hide()
        self._pending: tuple[str, str, int, int] | None = None     # raw, encoding, start, end
        body.pasted.connect(self.pasted)
        self.convert_button.clicked.connect(self.convert)
        self.keep_button.clicked.connect(self.dismiss)
        window.outline.entrySelected.connect(lambda _key: self.dismiss())

    def pasted(self, raw: str, start: int, end: int) -> None:
        """Offer the conversion when *raw* reads as TCVN3 or VNI."""
        from ...legacy_text import ENCODING_NAMES, detect_legacy   # loaded on the first paste, not at start-up

        encoding = detect_legacy(raw)
        if encoding is None:
            self.dismiss()
            return
        self._pending = (raw, encoding, start, end)
        self.label.setText(CS.PASTE_LEGACY.format(name=ENCODING_NAMES[encoding]))
        self.show()

    def convert(self) -> bool:
        """Replace the pasted text by its Unicode conversion (one undoable edit)."""
        from ...legacy_text import ENCODING_NAMES, convert_legacy

        if self._pending is None:
            return False
        raw, encoding, start, end = self._pending
        body = self.window.editor.body
        cursor = QTextCursor(body.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        expected = normalise_pasted_text(raw).replace("\n", "\u2029")
        self.dismiss()
        selected = cursor.selectedText()
        if selected.strip(" ") != expected.strip(" "):        # the paste may have dropped an edge space
            self.window.statusBar().showMessage(CS.PASTE_GONE, 8000)
            return False
        converted = normalise_pasted_text(convert_legacy(raw, encoding)).strip(" ")
        lead = " " if selected.startswith(" ") else ""
        trail = " " if selected.endswith(" ") else ""
        cursor.insertText(lead + converted + trail)
        body.setTextCursor(cursor)
        self.window.statusBar().showMessage(CS.PASTE_CONVERTED.format(name=ENCODING_NAMES[encoding]), 6000)
        return True

    def dismiss(self) -> None:
        """Hide the bar and forget the paste."""
        self._pending = None
        self.hide()
