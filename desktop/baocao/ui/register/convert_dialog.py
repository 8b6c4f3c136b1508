"""Preview of «Đưa các văn bản được trích vào danh mục»: every citation found, ticked to be replaced."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...model.draft import Draft
from ...register.convert import ConversionPlan
from ...register.wording import full_form
from . import strings as S

DIALOG_SIZE = (860, 480)


class ConvertDialog(QDialog):
    """Lists the proposals of *plan*; ``chosen()`` gives the ticked ones."""

    def __init__(self, parent: QWidget | None, plan: ConversionPlan, draft: Draft, titles: dict[str, str],
                 date_style: str = "nd30"):
        super().__init__(parent)
        self.setWindowTitle(S.CONVERT_TITLE)
        self.resize(*DIALOG_SIZE)
        self.plan = plan
        docs = len({p.entry_id for p in plan.proposals})
        intro = QLabel(S.CONVERT_INTRO.format(n=len(plan.proposals), docs=docs), self)
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(list(S.CONVERT_COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        for proposal in plan.proposals:
            entry = plan.entry(proposal.entry_id, draft)
            words = (S.CONVERT_NEW if proposal.is_new else "") + (full_form(entry, date_style) if entry else "")
            item = QTreeWidgetItem(["", titles.get(proposal.section, proposal.section), proposal.text, words])
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(2, proposal.text)
            item.setToolTip(3, words)
            self.tree.addTopLevelItem(item)
        self.tree.setColumnWidth(0, 48)
        self.tree.setColumnWidth(1, 150)
        self.tree.setColumnWidth(2, 330)
        self.tree.itemChanged.connect(lambda *_: self._update_ok())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self._update_ok()

    def set_checked(self, row: int, checked: bool) -> None:
        """Tick or untick proposal *row*."""
        self.tree.topLevelItem(row).setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[int]:
        """Rows ticked to be replaced."""
        return [row for row in range(self.tree.topLevelItemCount())
                if self.tree.topLevelItem(row).checkState(0) == Qt.CheckState.Checked]

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(S.CONVERT_OK.format(n=len(self.chosen())))
        ok.setEnabled(bool(self.chosen()))
