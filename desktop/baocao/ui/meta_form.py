"""Form parts for the report metadata, shared by the new-draft wizard and the details dialog.

Each part shows a ``ReportMeta`` (``load``) and writes its own fields back into
one (``store``): issuing body, period and number, signer, recipients.
"""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from ..constants import AUTHORITY_PREFIXES, PeriodKind
from ..formatting import format_citation_date
from ..model.draft import Period, ReportMeta, Signer
from ..text import clean_line
from . import strings as S
from ..fields import parse_date_text


def _line(parent: QWidget, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumWidth(260)
    return edit


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


class IssuerForm(QWidget):
    """Issuing body, its province/city, the parent body and the place name of the date line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = _form(self)
        self.body = _line(self)
        self.locality = _line(self)
        self.parent_body = _line(self, S.PH_PARENT)
        self.place = _line(self)
        for label, widget in ((S.LBL_BODY, self.body), (S.LBL_LOCALITY, self.locality),
                              (S.LBL_PARENT, self.parent_body), (S.LBL_PLACE, self.place)):
            form.addRow(label, widget)

    def load(self, meta: ReportMeta) -> None:
        """Show *meta*."""
        self.body.setText(meta.body)
        self.locality.setText(meta.locality)
        self.parent_body.setText(meta.parent_body)
        self.place.setText(meta.place)

    def store(self, meta: ReportMeta) -> None:
        """Write the fields into *meta*."""
        meta.body = clean_line(self.body.text())
        meta.locality = clean_line(self.locality.text())
        meta.parent_body = clean_line(self.parent_body.text())
        meta.place = clean_line(self.place.text())


class PeriodForm(QWidget):
    """Period (kind, quarter, year), number and symbol; with ``full``: date, summary, draft mark."""

    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, full: bool = False):
        super().__init__(parent)
        form = _form(self)
        self.kind = QComboBox(self)
        for kind in PeriodKind:
            self.kind.addItem(S.PERIOD_KINDS[kind.value], kind.value)   # str enums come back as plain str
        self.quarter = QSpinBox(self)
        self.quarter.setRange(1, 4)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setGroupSeparatorShown(False)
        self.number = _line(self, S.PH_NUMBER)
        self.symbol = _line(self)
        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        quarter_label = QLabel(S.LBL_QUARTER, self)
        quarter_label.setBuddy(self.quarter)
        row.addWidget(quarter_label)
        row.addWidget(self.quarter)
        kind_label = QLabel(S.LBL_PERIOD_KIND, self)
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, row)
        form.addRow(S.LBL_YEAR, self.year)
        form.addRow(S.LBL_NUMBER, self.number)
        form.addRow(S.LBL_SYMBOL, self.symbol)
        self.full = full
        self.issue_date = _line(self, S.DATE_PLACEHOLDER)
        self.summary = _line(self, S.PH_SUMMARY)
        self.is_draft = QCheckBox(S.LBL_IS_DRAFT, self)
        self.date_error = QLabel(self)
        self.date_error.setStyleSheet("color: #b00020;")
        self.date_error.hide()
        if full:
            form.addRow(S.LBL_ISSUE_DATE, self.issue_date)
            form.addRow("", self.date_error)
            form.addRow(S.LBL_SUMMARY, self.summary)
            form.addRow("", self.is_draft)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.issue_date.textEdited.connect(self._check_date)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.quarter.setEnabled(self.kind.currentData() == PeriodKind.QUARTER.value)

    def _check_date(self) -> bool:
        result = parse_date_text(self.issue_date.text())
        self.date_error.setText(result.error or "")
        self.date_error.setVisible(not result.ok)
        self.validityChanged.emit(result.ok)
        return result.ok

    def is_valid(self) -> bool:
        """False while the issue date cannot be read."""
        return not self.full or parse_date_text(self.issue_date.text()).ok

    def load(self, meta: ReportMeta) -> None:
        """Show *meta*."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(meta.period.kind.value)))
        self.quarter.setValue(meta.period.quarter or 1)
        self.year.setValue(meta.period.year)
        self.number.setText(meta.number)
        self.symbol.setText(meta.symbol)
        self.issue_date.setText(format_citation_date(meta.issue_date) if meta.issue_date else "")
        self.summary.setText(meta.summary)
        self.is_draft.setChecked(meta.is_draft)
        self._kind_changed()

    def period(self) -> Period:
        """The chosen period."""
        kind = PeriodKind(self.kind.currentData())
        return Period(kind, self.year.value(), self.quarter.value() if kind is PeriodKind.QUARTER else None)

    def store(self, meta: ReportMeta) -> None:
        """Write the fields into *meta*."""
        meta.period = self.period()
        meta.number = clean_line(self.number.text())
        meta.symbol = clean_line(self.symbol.text())
        if self.full:
            value = parse_date_text(self.issue_date.text()).value
            meta.issue_date = date.fromisoformat(value) if value else None
            meta.summary = clean_line(self.summary.text())
            meta.is_draft = self.is_draft.isChecked()


class SignerForm(QWidget):
    """Authority prefix, the head's title, the signer's title and name."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = _form(self)
        self.prefix = QComboBox(self)
        for prefix in AUTHORITY_PREFIXES:
            self.prefix.addItem(prefix or S.PREFIX_NONE, prefix)
        self.head_title = _line(self)
        self.title = _line(self)
        self.name = _line(self)
        for label, widget in ((S.LBL_PREFIX, self.prefix), (S.LBL_HEAD_TITLE, self.head_title),
                              (S.LBL_SIGNER_TITLE, self.title), (S.LBL_SIGNER_NAME, self.name)):
            form.addRow(label, widget)

    def load(self, meta: ReportMeta) -> None:
        """Show *meta*'s signer."""
        signer = meta.signer
        self.prefix.setCurrentIndex(max(0, self.prefix.findData(signer.prefix)))
        self.head_title.setText(signer.head_title)
        self.title.setText(signer.title)
        self.name.setText(signer.name)

    def store(self, meta: ReportMeta) -> None:
        """Write the signer into *meta*."""
        meta.signer = Signer(str(self.prefix.currentData()), clean_line(self.head_title.text()),
                             clean_line(self.title.text()), clean_line(self.name.text()))


class RecipientsEditor(QWidget):
    """Editable list of "Nơi nhận" entries with add/remove/up/down."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(S.LBL_RECIPIENTS.replace("&", ""))
        label = QLabel(S.LBL_RECIPIENTS, self)
        label.setBuddy(self.list)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(S.REC_ADD, self)
        self.remove_button = QPushButton(S.REC_REMOVE, self)
        self.up_button = QPushButton(S.REC_UP, self)
        self.down_button = QPushButton(S.REC_DOWN, self)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))

    def set_entries(self, entries: list[str]) -> None:
        """Show *entries*."""
        self.list.clear()
        for entry in entries:
            self._item(entry)

    def _item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def entries(self) -> list[str]:
        """Non-empty entries in order."""
        texts = [clean_line(self.list.item(i).text()) for i in range(self.list.count())]
        return [t for t in texts if t]

    def _add(self) -> None:
        row = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        item = QListWidgetItem(S.REC_NEW)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.insertItem(row, item)
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def _move(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def load(self, meta: ReportMeta) -> None:
        """Show *meta*'s recipients."""
        self.set_entries(meta.recipients)

    def store(self, meta: ReportMeta) -> None:
        """Write the recipients into *meta*."""
        meta.recipients = self.entries()


def edited_meta(meta: ReportMeta, parts: list) -> ReportMeta:
    """A copy of *meta* with every form part's fields written into it."""
    out = copy.deepcopy(meta)
    for part in parts:
        part.store(out)
    return out
