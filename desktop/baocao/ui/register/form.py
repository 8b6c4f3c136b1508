"""The form of one register entry: add or correct a document (a pasted citation fills it)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from ...formatting import format_citation_date, parse_date
from ...register.constants import DOC_TYPES
from ...register.entries import Entry, RegisterError, new_id, validated
from ...register.parsing import parse_citation
from ...register.wording import full_form, short_form
from . import strings as S

DEFAULT_ISSUER = "UBND tỉnh"
FORM_WIDTH = 560


class EntryForm(QDialog):
    """Add (no *entry*) or correct a register entry; ``entry()`` is the validated result."""

    def __init__(self, parent: QWidget | None, entry: Entry | None = None, date_style: str = "nd30"):
        super().__init__(parent)
        self.setWindowTitle(S.FORM_EDIT_TITLE if entry else S.FORM_ADD_TITLE)
        self.setMinimumWidth(FORM_WIDTH)
        self._id = entry.id if entry else new_id()
        self._style = date_style
        self._result: Entry | None = None
        self.paste = QLineEdit(self)
        self.paste.setPlaceholderText(S.FORM_PASTE_HINT)
        fill = QPushButton("Điền", self)
        fill.clicked.connect(self.fill_from_paste)
        self.paste.returnPressed.connect(self.fill_from_paste)
        self.type = QComboBox(self)
        self.type.setEditable(True)
        self.type.addItems(DOC_TYPES)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText("42")
        self.symbol = QLineEdit(self)
        self.symbol.setPlaceholderText("QĐ-UBND")
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("12/01/2021")
        self.issuer = QLineEdit(self)
        self.issuer.setPlaceholderText(DEFAULT_ISSUER)
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText("ban hành Chương trình công tác năm 2021")
        self.summary.setFixedHeight(70)
        self.summary.setTabChangesFocus(True)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color: #333;")
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a51d2d;")
        self.error.hide()

        paste_row = QHBoxLayout()
        paste_row.addWidget(self.paste, 1)
        paste_row.addWidget(fill)
        number_row = QHBoxLayout()
        number_row.addWidget(self.number, 1)
        symbol_label = QLabel(S.FORM_SYMBOL, self)
        symbol_label.setBuddy(self.symbol)
        number_row.addWidget(symbol_label)
        number_row.addWidget(self.symbol, 2)
        form = QFormLayout()
        form.addRow(S.FORM_PASTE, paste_row)
        form.addRow(S.FORM_TYPE, self.type)
        form.addRow(S.FORM_NUMBER, number_row)
        form.addRow(S.FORM_DATE, self.date)
        form.addRow(S.FORM_ISSUER, self.issuer)
        form.addRow(S.FORM_SUMMARY, self.summary)
        for row, widget in ((0, self.paste), (1, self.type), (2, self.number), (3, self.date), (4, self.issuer),
                            (5, self.summary)):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if entry:
            self.set_entry(entry)
        else:
            self.issuer.setText(DEFAULT_ISSUER)
        for widget in (self.number, self.symbol, self.date, self.issuer):
            widget.textChanged.connect(self._update_preview)
        self.type.currentTextChanged.connect(self._update_preview)
        self.summary.textChanged.connect(self._update_preview)
        self._update_preview()

    # ------------------------------------------------------------ values
    def set_entry(self, entry: Entry) -> None:
        """Show *entry*'s values (its id is kept only when the form was opened on it)."""
        self.type.setCurrentText(entry.type)
        self.number.setText(entry.number)
        self.symbol.setText(entry.symbol)
        self.date.setText(format_citation_date(entry.day, "dd/mm/yyyy") if entry.day else "")
        self.issuer.setText(entry.issuer)
        self.summary.setPlainText(entry.summary)

    def fill_from_paste(self) -> bool:
        """Fill the fields from the pasted citation; False (and a note) when it cannot be read."""
        entry = parse_citation(self.paste.text())
        if entry is None:
            self._show_error(S.PASTE_NOT_READ)
            return False
        self.set_entry(replace(entry, id=self._id))
        self.error.hide()
        return True

    def _read(self) -> Entry:
        text = self.date.text().strip()
        try:
            day = parse_date(text)
        except ValueError:
            raise RegisterError(f"Ngày «{text[:40]}» không hợp lệ.",
                                "Ghi ngày dạng ngày/tháng/năm, ví dụ 12/01/2021, hoặc để trống.") from None
        return validated(Entry(self._id, self.type.currentText(), self.number.text(), self.symbol.text(),
                               day.isoformat() if day else "", self.issuer.text(),
                               self.summary.toPlainText()))

    def _update_preview(self) -> None:
        try:
            entry = self._read()
        except RegisterError:
            self.preview.setText("")
            return
        self.preview.setText(S.FORM_PREVIEW.format(full=full_form(entry, self._style), short=short_form(entry)))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def accept(self) -> None:
        """Keep the form open with the reason shown while a value is wrong."""
        try:
            self._result = self._read()
        except RegisterError as exc:
            self._show_error(exc.user_text())
            return
        super().accept()

    def entry(self) -> Entry | None:
        """The entry as saved (None until accepted)."""
        return self._result
