"""The request dialog: a unit, the sections it should write, a deadline, Word or baocao format."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QRadioButton, QVBoxLayout, QWidget)

from ...contributions.store import Request, new_code, units
from . import strings as S
from .unit_list import unit_choices

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


class RequestDialog(QDialog):
    """Asks which unit, which sections, by when and in which format."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.setWindowTitle(S.REQUEST_TITLE)
        session = window.session
        assert session is not None
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.addItems(unit_choices(units(session.draft), window.settings))
        self.unit.setCurrentText("")
        self.sections = QListWidget(self)
        self.sections.setWordWrap(True)
        from ...contributions.request_doc import section_labels

        labels = section_labels(session.draft, session.pack)
        for spec in session.pack.sections:
            if spec.children:
                continue
            item = QListWidgetItem(labels.get(spec.id) or spec.title or spec.name or spec.id)
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            if window.current_key == spec.id:
                item.setCheckState(Qt.CheckState.Checked)
            self.sections.addItem(item)
        self.has_deadline = QCheckBox(S.REQUEST_HAS_DEADLINE, self)
        self.has_deadline.setChecked(True)
        self.deadline = QDateEdit(QDate.currentDate().addDays(10), self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd/MM/yyyy")
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.word = QRadioButton(S.REQUEST_WORD, self)
        self.word.setChecked(True)
        self.baocao = QRadioButton(S.REQUEST_DRAFT, self)
        self.problem = QLabel("", self)
        self.problem.setStyleSheet("color: #c01c28")
        form = QFormLayout()
        form.addRow(S.REQUEST_UNIT, self.unit)
        form.addRow(QLabel(S.REQUEST_SECTIONS, self))
        form.addRow(self.sections)
        line = QWidget(self)
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_deadline)
        row.addWidget(self.deadline)
        row.addStretch(1)
        form.addRow(S.REQUEST_DEADLINE, line)
        form.addRow(S.REQUEST_FORMAT, self.word)
        form.addRow("", self.baocao)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def chosen_sections(self) -> list[str]:
        """Ids of the ticked sections, in the pack's order."""
        out = []
        for index in range(self.sections.count()):
            item = self.sections.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def request(self) -> Request:
        """The request as filled in."""
        deadline: date | None = self.deadline.date().toPython() if self.has_deadline.isChecked() else None
        return Request(new_code("YC"), " ".join(self.unit.currentText().split()), self.chosen_sections(), deadline,
                       datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def _accept(self) -> None:
        if not self.unit.currentText().strip():
            self.problem.setText(S.REQUEST_NO_UNIT)
            return
        if not self.chosen_sections():
            self.problem.setText(S.REQUEST_NO_SECTION)
            return
        self.accept()


def ask_save_path(window: "MainWindow", req: Request, as_draft: bool) -> Path | None:
    """Where to write the request file (None when cancelled)."""
    suffix = ".baocao" if as_draft else ".docx"
    from ...localities import fold

    stem = "-".join(fold(req.unit).split()) or "don-vi"
    name = f"de-nghi-{stem}{suffix}"
    start = str(Path(window.settings.last_dir()) / name)
    filter_text = "Bản thảo baocao (*.baocao)" if as_draft else "Tệp Word (*.docx)"
    path, _f = QFileDialog.getSaveFileName(window, S.REQUEST_SAVE, start, filter_text)
    if not path:
        return None
    out = Path(path)
    return out if out.suffix.lower() == suffix else out.with_suffix(suffix)
