"""Report details dialog: change the metadata later, as one undoable ``SetMeta`` edit."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from ..model.draft import ReportMeta
from . import strings as S
from .meta_form import IssuerForm, PeriodForm, RecipientsEditor, SignerForm, edited_meta


class DetailsDialog(QDialog):
    """Tabs for issuing body, period/number/date, signer and recipients."""

    def __init__(self, meta: ReportMeta, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(S.DETAILS_TITLE)
        self._meta = meta
        self.issuer = IssuerForm()
        self.period = PeriodForm(full=True)
        self.signer = SignerForm()
        self.recipients = RecipientsEditor()
        self.tabs = QTabWidget(self)
        for part, title in ((self.issuer, S.TAB_ISSUER), (self.period, S.TAB_PERIOD), (self.signer, S.TAB_SIGNER),
                            (self.recipients, S.TAB_RECIPIENTS)):
            part.load(meta)
            self.tabs.addTab(part, title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đồng &ý")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.period.validityChanged.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(620, 460)

    def result_meta(self) -> ReportMeta:
        """The metadata as edited."""
        return edited_meta(self._meta, [self.issuer, self.period, self.signer, self.recipients])
