"""New-draft wizard: template pack or previous draft, issuing body, period and number, signer, recipients.

``result_draft()`` gives the (pack, draft) to open as a new untitled
session.  Starting from a previous draft uses ``drafts.draft_for_next_period``:
structure and standing data kept, period-specific text and figures cleared.
A draft from a pack starts from the office remembered by the last wizard
(province, place, body, signer; ``AppSettings.office_profile``) and the period
reported today (``periods.reporting_period``); finishing the wizard remembers
the office for next time.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QRadioButton, QVBoxLayout, QWidget, QWizard, QWizardPage,
)
from PySide6.QtCore import Qt

from ..constants import PeriodKind
from ..drafts import draft_for_next_period, new_draft, new_meta
from ..errors import BaocaoError
from ..model.draft import Draft, Period, ReportMeta
from ..office_profile import OfficeProfile
from ..periods import reporting_period
from ..template import Pack, list_packs, load_pack
from . import strings as S
from .meta_form import IssuerForm, PeriodForm, RecipientsEditor, SignerForm
from .settings import AppSettings

PACK_ROLE = Qt.ItemDataRole.UserRole + 1


def following_period(period: Period) -> Period:
    """The same kind of period one step later (next year's half-year, next quarter)."""
    if period.kind is PeriodKind.QUARTER:
        quarter = (period.quarter or 1) + 1
        return Period(PeriodKind.QUARTER, period.year + (quarter > 4), 1 if quarter > 4 else quarter)
    return Period(period.kind, period.year + 1)


class StartPage(QWizardPage):
    """Choose a template pack, or a previous draft to continue from."""

    def __init__(self, wizard: "NewDraftWizard"):
        super().__init__()
        self.setTitle(S.WIZ_START_TITLE)
        self.setSubTitle(S.WIZ_START_SUB)
        self._wizard = wizard
        self.from_pack = QRadioButton(S.WIZ_FROM_PACK, self)
        self.from_draft = QRadioButton(S.WIZ_FROM_DRAFT, self)
        group = QButtonGroup(self)
        group.addButton(self.from_pack)
        group.addButton(self.from_draft)
        self.packs = QListWidget(self)
        for info in list_packs():
            item = QListWidgetItem(info.name, self.packs)
            item.setData(PACK_ROLE, info.id)
            item.setToolTip(str(info.root))
        if self.packs.count():
            self.packs.setCurrentRow(0)
        self.path = QLineEdit(self)
        self.browse = QPushButton(S.WIZ_BROWSE, self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.from_pack)
        layout.addWidget(self.packs, 1)
        layout.addWidget(self.from_draft)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.from_pack.setChecked(True)
        for signal in (self.from_pack.toggled, self.path.textChanged, self.packs.currentRowChanged):
            signal.connect(self._changed)
        self.browse.clicked.connect(self._browse)
        self._changed()

    def _changed(self, *_args) -> None:
        use_draft = self.from_draft.isChecked()
        self.packs.setEnabled(not use_draft)
        self.path.setEnabled(use_draft)
        self.browse.setEnabled(use_draft)
        self.error.clear()
        self.completeChanged.emit()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, S.OPEN_DIALOG_TITLE, self._wizard.settings.last_dir(),
                                              S.DRAFT_FILTER)
        if path:
            self.path.setText(path)

    def selected_pack_id(self) -> str | None:
        """Id of the highlighted pack."""
        item = self.packs.currentItem()
        return item.data(PACK_ROLE) if item is not None else None

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        if self.from_draft.isChecked():
            return bool(self.path.text().strip())
        return self.selected_pack_id() is not None

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        try:
            self._wizard.prepare(self.selected_pack_id(), self.path.text().strip() if self.from_draft.isChecked()
                                 else None)
        except BaocaoError as exc:
            self.error.setText(exc.user_text())
            return False
        return True


class FormPage(QWizardPage):
    """A page holding one metadata form part."""

    def __init__(self, wizard: "NewDraftWizard", title: str, subtitle: str, part: QWidget):
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._wizard = wizard
        self.part = part
        self._loaded_for: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(part)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        if self._loaded_for != self._wizard.generation:
            self.part.load(self._wizard.base_meta)
            self._loaded_for = self._wizard.generation


class NewDraftWizard(QWizard):
    """The wizard; drive it with the page attributes in tests."""

    def __init__(self, parent: QWidget | None = None, settings: AppSettings | None = None, today: date | None = None):
        super().__init__(parent)
        self.settings = settings or AppSettings()
        self._today = today
        self.setWindowTitle(S.WIZARD_TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "&Tiếp >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Quay lại")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Hoàn tất")
        self.setButtonText(QWizard.WizardButton.CancelButton, "&Hủy")
        self.pack: Pack | None = None
        self.previous: Draft | None = None
        self.base_meta = ReportMeta()
        self.generation = 0
        self.start = StartPage(self)
        self.issuer = FormPage(self, S.WIZ_ISSUER_TITLE, S.WIZ_ISSUER_SUB, IssuerForm())
        self.period = FormPage(self, S.WIZ_PERIOD_TITLE, S.WIZ_PERIOD_SUB, PeriodForm())
        self.signer = FormPage(self, S.WIZ_SIGNER_TITLE, S.WIZ_SIGNER_SUB, SignerForm())
        self.recipients = FormPage(self, S.WIZ_RECIPIENTS_TITLE, S.WIZ_RECIPIENTS_SUB, RecipientsEditor())
        for page in (self.start, self.issuer, self.period, self.signer, self.recipients):
            self.addPage(page)
        from .wizard_steps import WizardSteps

        self.steps = WizardSteps(self, list(S.WIZ_STEPS))
        self.setSideWidget(self.steps)
        self.resize(860, 540)

    def today(self) -> date:
        """The date new drafts are reported from (given in tests, else today's)."""
        return self._today or date.today()

    def prepare(self, pack_id: str | None, previous_path: str | None) -> None:
        """Load the chosen pack (or previous draft and its pack) and the metadata the forms start from."""
        from ..storage import load_any

        if previous_path:
            if not Path(previous_path).is_file():
                from ..errors import DraftFileError

                raise DraftFileError(S.WIZ_NEED_FILE)
            previous = load_any(previous_path)
            pack = load_pack(previous.template_id)
            meta = copy.deepcopy(previous.meta)
            meta.number, meta.issue_date, meta.summary, meta.is_draft = "", None, "", True
            meta.period = following_period(previous.meta.period)
            self.period.part.suggest = None
        else:
            previous = None
            pack = load_pack(pack_id or "")
            meta = new_meta(pack, self.today(), self.settings.office_profile())
            self.period.part.suggest = lambda kind: reporting_period(kind, self.today())
        self.pack, self.previous, self.base_meta = pack, previous, meta
        self.generation += 1

    def result_meta(self) -> ReportMeta:
        """The metadata as entered on every page."""
        meta = copy.deepcopy(self.base_meta)
        for page in (self.issuer, self.period, self.signer, self.recipients):
            if page._loaded_for == self.generation:
                page.part.store(meta)
        return meta

    def accept(self) -> None:
        """Finish: remember the office's details for its next draft, then close."""
        if self.pack is not None:
            self.settings.remember_office(OfficeProfile.from_meta(self.result_meta()))
        super().accept()

    def result_draft(self) -> tuple[Pack, Draft]:
        """The pack and the new draft."""
        if self.pack is None:
            self.prepare(self.start.selected_pack_id(), None)
        assert self.pack is not None
        meta = self.result_meta()
        if self.previous is not None:
            draft = draft_for_next_period(self.previous, self.pack, meta.period)
            draft.meta = meta
        else:
            draft = new_draft(self.pack, meta)
        return self.pack, draft
