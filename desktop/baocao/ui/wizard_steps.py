"""The wizard's list of steps at its side: where the drafter is and what is still to come."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard

STEP_DONE = "✓"
STEP_NOW = "▶"
STEP_LATER = "·"


class WizardSteps(QWidget):
    """One line per page of *wizard*, the current one bold; follows the wizard as it moves."""

    def __init__(self, wizard: QWizard, titles: list[str]):
        super().__init__(wizard)
        self.wizard = wizard
        self.labels = [QLabel(self) for _ in titles]
        self.titles = titles
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 12, 12)
        layout.setSpacing(10)
        for label in self.labels:
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setMinimumWidth(170)
        self.setMaximumWidth(210)
        wizard.currentIdChanged.connect(lambda _id: self.refresh())
        self.refresh()

    def current_step(self) -> int:
        """Index of the page shown now (0-based, in page order)."""
        ids = self.wizard.pageIds()
        return ids.index(self.wizard.currentId()) if self.wizard.currentId() in ids else 0

    def refresh(self) -> None:
        """Mark the steps done, the current one and the ones to come."""
        now = self.current_step()
        for index, (label, title) in enumerate(zip(self.labels, self.titles)):
            mark = STEP_DONE if index < now else STEP_NOW if index == now else STEP_LATER
            text = f"{mark} {index + 1}. {title}"
            label.setText(f"<b>{text}</b>" if index == now else text)
            label.setEnabled(index <= now)
