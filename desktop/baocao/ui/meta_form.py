"""Form parts for the report metadata, shared by the new-draft wizard and the details dialog.

Each part shows a ``ReportMeta`` (``load``) and writes its own fields back into
one (``store``): issuing body, period and number, signer, recipients.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from ..constants import AUTHORITY_PREFIXES, PeriodKind
from ..formatting import format_citation_date
from ..localities import match_locality
from ..model.draft import Period, ReportMeta, Signer
from ..text import clean_line
from . import strings as S
from ..fields import parse_date_text
from .locality_chooser import LocalityChooser


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
    """Issuing body, its province/city (chooser of the 34 units), the parent body and the place of the date line.

    Choosing a province also fills the place ("Lâm Đồng"), unless the drafter
    has written a place of their own.  A name of the old map ("tỉnh Đắk Nông")
    is kept as it is, with a line saying where it belongs now.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = _form(self)
        self.body = _line(self)
        self.locality = LocalityChooser(self)
        self.locality_hint = QLabel(self)
        self.locality_hint.setWordWrap(True)
        self.locality_hint.setStyleSheet("color: #8a5300;")
        self.locality_hint.hide()
        self.parent_body = _line(self, S.PH_PARENT)
        self.place = _line(self)
        locality_box = QVBoxLayout()          # the hint under the chooser (a box layout sizes wrapped text right)
        locality_box.setContentsMargins(0, 0, 0, 0)
        locality_box.addWidget(self.locality)
        locality_box.addWidget(self.locality_hint)
        locality_label = QLabel(S.LBL_LOCALITY, self)
        locality_label.setBuddy(self.locality)
        form.addRow(S.LBL_BODY, self.body)
        form.addRow(locality_label, locality_box)
        form.addRow(S.LBL_PARENT, self.parent_body)
        form.addRow(S.LBL_PLACE, self.place)
        self._own_place = ""        # the place that goes with the province shown: replaced when the province changes
        self._loading = False
        self.locality.currentTextChanged.connect(self._locality_changed)
        self.locality.lineEdit().editingFinished.connect(lambda: self._show_hint(finished=True))

    def _show_hint(self, finished: bool) -> None:
        """A line under the chooser for an old-map name; for an unknown one once the field is left."""
        text = self.locality.text()
        found = match_locality(text)
        if found is not None and found.note:
            hint = S.LOCALITY_OLD.format(note=found.note[:1].upper() + found.note[1:], name=found.locality.header_name)
        elif found is None and text.strip() and (finished or self.locality_hint.isVisibleTo(self)):
            hint = S.LOCALITY_UNKNOWN
        else:
            hint = ""
        self.locality_hint.setText(hint)
        self.locality_hint.setVisible(bool(hint))

    def _locality_changed(self, text: str) -> None:
        self._show_hint(finished=self._loading)
        found = match_locality(text)
        if self._loading or found is None or found.note:
            return
        if not self.place.text().strip() or self.place.text().strip() == self._own_place:
            self.place.setText(found.locality.place)
        self._own_place = found.locality.place

    def load(self, meta: ReportMeta) -> None:
        """Show *meta*."""
        self._loading = True
        try:
            self.body.setText(meta.body)
            self.locality.setText(meta.locality)
            self.parent_body.setText(meta.parent_body)
            self.place.setText(meta.place)
        finally:
            self._loading = False
        found = match_locality(meta.locality)
        self._own_place = (found.locality.place if found is not None and not found.note
                           else clean_line(re.sub(r"^(tỉnh|thành phố)\s+", "", meta.locality, flags=re.IGNORECASE)))

    def store(self, meta: ReportMeta) -> None:
        """Write the fields into *meta*."""
        self.locality.tidy()
        meta.body = clean_line(self.body.text())
        meta.locality = clean_line(self.locality.text())
        meta.parent_body = clean_line(self.parent_body.text())
        meta.place = clean_line(self.place.text())


class PeriodForm(QWidget):
    """Period (kind, quarter, year), number and symbol; with ``full``: date, summary, draft mark.

    The date, summary and draft-mark widgets exist only with ``full`` (the
    details dialog); they are None in the wizard.  ``suggest`` (the wizard,
    for a new draft) proposes the year and quarter when the kind changes,
    until the drafter sets them.
    """

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
        self.suggest: Callable[[PeriodKind], Period] | None = None
        self._period_set_by_hand = False
        self._setting = False
        self.issue_date: QLineEdit | None = None
        self.summary: QLineEdit | None = None
        self.is_draft: QCheckBox | None = None
        self.date_error: QLabel | None = None
        if full:
            self.issue_date = _line(self, S.DATE_PLACEHOLDER)
            self.summary = _line(self, S.PH_SUMMARY)
            self.is_draft = QCheckBox(S.LBL_IS_DRAFT, self)
            self.date_error = QLabel(self)
            self.date_error.setStyleSheet("color: #b00020;")
            self.date_error.hide()
            form.addRow(S.LBL_ISSUE_DATE, self.issue_date)
            form.addRow("", self.date_error)
            form.addRow(S.LBL_SUMMARY, self.summary)
            form.addRow("", self.is_draft)
            self.issue_date.textEdited.connect(self._check_date)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(self._set_by_hand)
        self.quarter.valueChanged.connect(self._set_by_hand)
        self._kind_changed()

    def _set_by_hand(self) -> None:
        if not self._setting:
            self._period_set_by_hand = True

    def _kind_changed(self) -> None:
        kind = PeriodKind(self.kind.currentData())
        self.quarter.setEnabled(kind is PeriodKind.QUARTER)
        if self.suggest is not None and not self._period_set_by_hand and not self._setting:
            self._show_period(self.suggest(kind))

    def _show_period(self, period: Period) -> None:
        self._setting = True
        try:
            self.kind.setCurrentIndex(max(0, self.kind.findData(period.kind.value)))
            self.quarter.setValue(period.quarter or 1)
            self.year.setValue(period.year)
            self.quarter.setEnabled(period.kind is PeriodKind.QUARTER)
        finally:
            self._setting = False

    def _check_date(self) -> bool:
        assert self.issue_date is not None and self.date_error is not None
        result = parse_date_text(self.issue_date.text())
        self.date_error.setText(result.error or "")
        self.date_error.setVisible(not result.ok)
        self.validityChanged.emit(result.ok)
        return result.ok

    def is_valid(self) -> bool:
        """False while the issue date cannot be read."""
        return self.issue_date is None or parse_date_text(self.issue_date.text()).ok

    def load(self, meta: ReportMeta) -> None:
        """Show *meta*."""
        self._show_period(meta.period)
        self._period_set_by_hand = False
        self.number.setText(meta.number)
        self.symbol.setText(meta.symbol)
        if self.issue_date is not None and self.summary is not None and self.is_draft is not None:
            self.issue_date.setText(format_citation_date(meta.issue_date) if meta.issue_date else "")
            self.summary.setText(meta.summary)
            self.is_draft.setChecked(meta.is_draft)

    def period(self) -> Period:
        """The chosen period."""
        kind = PeriodKind(self.kind.currentData())
        return Period(kind, self.year.value(), self.quarter.value() if kind is PeriodKind.QUARTER else None)

    def store(self, meta: ReportMeta) -> None:
        """Write the fields into *meta*."""
        meta.period = self.period()
        meta.number = clean_line(self.number.text())
        meta.symbol = clean_line(self.symbol.text())
        if self.issue_date is not None and self.summary is not None and self.is_draft is not None:
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
