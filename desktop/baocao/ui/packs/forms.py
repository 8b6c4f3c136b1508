"""The pack editor's forms: one section's keys and fields; the report-level texts and numbering.

Each form shows plain values and emits ``changed(dict)`` with the keys the
maintainer changed; the editor turns that into one undoable step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...template.manifest import FIELD_TYPES
from ...template.pack_edit import NUMBERING_CHOICES
from . import strings as S

LEVEL_COUNT = 4
#: Pause after typing a report-level text before it is taken into the pack (ms).
REPORT_TEXT_DEBOUNCE_MS = 600


def _numbering_combo(parent: QWidget, inherit: str | None = None) -> QComboBox:
    combo = QComboBox(parent)
    if inherit is not None:
        combo.addItem(inherit, "")
    for value, label in NUMBERING_CHOICES:
        combo.addItem(label, value)
    return combo


class SectionForm(QWidget):
    """Title, name, numbering, run-in, required, omit-if-empty, guidance and fields of one section."""

    changed = Signal(dict)
    fields_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(S.F_TITLE_HINT)
        self.name = QLineEdit(self)
        self.numbering = _numbering_combo(self, S.F_NUMBERING_LEVEL.format(style="…"))
        self.run_in = QCheckBox(S.F_RUN_IN, self)
        self.required = QCheckBox(S.F_REQUIRED, self)
        self.omit = QCheckBox(S.F_OMIT, self)
        self.guidance = QPlainTextEdit(self)
        self.guidance.setMaximumHeight(90)
        self.fields = QTableWidget(0, len(S.FIELD_COLUMNS), self)
        self.fields.setHorizontalHeaderLabels(list(S.FIELD_COLUMNS))
        self.fields.horizontalHeader().setStretchLastSection(True)
        add, remove = QPushButton(S.BTN_ADD_FIELD, self), QPushButton(S.BTN_REMOVE_FIELD, self)
        add.clicked.connect(self._add_field)
        remove.clicked.connect(self._remove_field)
        form = QFormLayout()
        form.addRow(S.F_TITLE, self.title)
        form.addRow(S.F_NAME, self.name)
        form.addRow(S.F_NUMBERING, self.numbering)
        form.addRow("", self.run_in)
        form.addRow("", self.required)
        form.addRow("", self.omit)
        form.addRow(S.F_GUIDANCE, self.guidance)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(S.F_FIELDS, self))
        layout.addWidget(self.fields, 1)
        layout.addLayout(buttons)
        self.title.editingFinished.connect(lambda: self._emit("title", self.title.text().strip()))
        self.name.editingFinished.connect(lambda: self._emit("name", self.name.text().strip()))
        self.numbering.currentIndexChanged.connect(lambda _i: self._emit("numbering", self.numbering.currentData()))
        self.run_in.toggled.connect(lambda on: self._emit("run_in", on))
        self.required.toggled.connect(lambda on: self._emit("required", on))
        self.omit.toggled.connect(lambda on: self._emit("omit_if_empty", on))
        self.fields.itemChanged.connect(lambda _item: self._fields_edited())
        self.guidance.installEventFilter(self)     # leaving the box takes its text (as editingFinished does)
        self._values: dict[str, Any] = {}
        self._field_items: list[dict[str, Any]] = []

    def load(self, values: dict[str, Any], level_style: str, guidance_default: str = "") -> None:
        """Show one section (its manifest keys) without emitting changes."""
        self._loading = True
        self._values = dict(values)
        self.title.setText(str(values.get("title", "")))
        self.name.setText(str(values.get("name", "")))
        label = dict(NUMBERING_CHOICES).get(level_style, level_style)
        self.numbering.setItemText(0, S.F_NUMBERING_LEVEL.format(style=label))
        index = self.numbering.findData(values.get("numbering", "") or "")
        self.numbering.setCurrentIndex(max(index, 0))
        self.run_in.setChecked(bool(values.get("run_in", False)))
        self.required.setChecked(bool(values.get("required", False)))
        self.omit.setChecked(bool(values.get("omit_if_empty", False)))
        guidance = str(values.get("guidance", "") or guidance_default)
        self._values["guidance"] = guidance
        if self.guidance.toPlainText() != guidance:      # the same text stays: the cursor does not jump
            self.guidance.setPlainText(guidance)
        self.fields.setRowCount(0)
        self._field_items = [dict(item) for item in values.get("fields", []) or []]
        for item in self._field_items:
            self._append_row(item)
        self._loading = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """The guidance box losing the focus: what was typed there becomes a step of the pack."""
        if watched is self.guidance and event.type() == QEvent.Type.FocusOut:
            self.commit_text()
        return False

    def _emit(self, key: str, value: Any) -> None:
        if self._loading:
            return
        old = self._values.get(key)
        same = bool(old) == value if isinstance(value, bool) else (old or "") == (value or "")
        if same:
            return
        self._values[key] = value
        self.changed.emit({key: value})

    def typed(self) -> dict[str, Any]:
        """What was typed in the title, name and guidance boxes and is not in the pack yet (key → value)."""
        out: dict[str, Any] = {}
        for key, value in (("title", self.title.text().strip()), ("name", self.name.text().strip()),
                           ("guidance", self.guidance.toPlainText().strip())):
            if (self._values.get(key) or "").strip() != value:
                out[key] = value
        return out

    def take_typed(self) -> dict[str, Any]:
        """``typed()``, now counted as taken (the caller puts it into the pack)."""
        out = self.typed()
        self._values.update(out)
        return out

    def commit_text(self) -> None:
        """Take what was typed in the title, name and guidance boxes as one change (before undo, saving …)."""
        if self._loading:
            return
        out = self.take_typed()
        if out:
            self.changed.emit(out)

    def text_boxes(self) -> list[QWidget]:
        """The boxes a maintainer types in (their Undo/Redo keys go to the pack editor)."""
        return [self.title, self.name, self.guidance]

    def commit_guidance(self) -> None:
        """Take the typed texts (kept for callers of the older name)."""
        self.commit_text()

    # ------------------------------------------------------------ fields
    def _append_row(self, item: dict[str, Any]) -> None:
        row = self.fields.rowCount()
        self.fields.insertRow(row)
        values = [item.get("key", ""), item.get("label", ""), item.get("type", "text"),
                  "có" if item.get("required") else "", item.get("min", ""), item.get("max", "")]
        for column, value in enumerate(values):
            self.fields.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))

    def _add_field(self) -> None:
        self._loading = True
        self._append_row({"key": f"truong_{self.fields.rowCount() + 1}", "label": "Trường mới", "type": "integer"})
        self._loading = False
        self._fields_edited()

    def _remove_field(self) -> None:
        row = self.fields.currentRow()
        if row >= 0:
            self.fields.removeRow(row)
            if row < len(self._field_items):
                del self._field_items[row]
            self._fields_edited()

    def field_rows(self) -> list[dict[str, Any]]:
        """The fields as the table shows them (numbers parsed, blanks left out)."""
        rows = []
        for row in range(self.fields.rowCount()):
            cell = [(self.fields.item(row, c).text().strip() if self.fields.item(row, c) else "")
                    for c in range(len(S.FIELD_COLUMNS))]
            key, label, kind, required, low, high = cell
            if not key:
                continue
            original = self._field_items[row] if row < len(self._field_items) else {}
            item: dict[str, Any] = {**original, "key": key, "label": label or key,   # pad, choices, help … are kept
                                    "type": kind if kind in FIELD_TYPES else (kind or "text")}
            item.pop("min", None), item.pop("max", None)
            item["required"] = bool(required)
            for name, text in (("min", low), ("max", high)):
                if text:
                    try:
                        item[name] = float(text.replace(",", ".")) if "." in text or "," in text else int(text)
                    except ValueError:
                        item[name] = text          # the pack check reports the wrong kind of value, with its line
            rows.append(item)
        return rows

    def _fields_edited(self) -> None:
        if not self._loading:
            self.fields_changed.emit(self.field_rows())


class ReportForm(QWidget):
    """Report-level texts of [document] and the numbering per level."""

    changed = Signal(dict)
    numbering_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self.summary = QPlainTextEdit(self)
        self.summary.setMaximumHeight(70)
        self.title_lines = QPlainTextEdit(self)
        self.title_lines.setMaximumHeight(60)
        self.addressees = QPlainTextEdit(self)
        self.addressees.setMaximumHeight(60)
        self.parent_body = QLineEdit(self)
        self.levels = [_numbering_combo(self) for _ in range(LEVEL_COUNT)]
        form = QFormLayout(self)
        form.addRow(S.R_SUMMARY, self.summary)
        form.addRow(S.R_TITLE_LINES, self.title_lines)
        form.addRow(S.R_ADDRESSEES, self.addressees)
        form.addRow(S.R_PARENT, self.parent_body)
        for number, combo in enumerate(self.levels, 1):
            form.addRow(S.R_LEVEL.format(n=number), combo)
            combo.currentIndexChanged.connect(lambda _i: self._levels_changed())
        self.parent_body.editingFinished.connect(self.commit)
        self._timer = QTimer(self)                 # typed texts reach the pack (and the preview) after a pause
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPORT_TEXT_DEBOUNCE_MS)
        self._timer.timeout.connect(self.commit)
        for box in (self.summary, self.title_lines, self.addressees):
            box.textChanged.connect(lambda: None if self._loading else self._timer.start())

    def text_boxes(self) -> list[QWidget]:
        """The boxes a maintainer types in (their Undo/Redo keys go to the pack editor)."""
        return [self.summary, self.title_lines, self.addressees, self.parent_body]

    def load(self, document: dict[str, Any], levels: list[str]) -> None:
        """Show the [document] texts and [numbering] levels."""
        self._loading = True
        for box, text in ((self.summary, str(document.get("summary", ""))),
                          (self.title_lines, "\n".join(document.get("title_lines", []) or [])),
                          (self.addressees, "\n".join(document.get("addressees", []) or []))):
            if box.toPlainText() != text:          # the same text stays: the cursor does not jump
                box.setPlainText(text)
        self.parent_body.setText(str(document.get("parent_body", "")))
        for index, combo in enumerate(self.levels):
            value = levels[index] if index < len(levels) else "khong"
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self._loaded = self.values()
        self._loading = False

    def values(self) -> dict[str, Any]:
        """The texts as typed."""
        return {"summary": self.summary.toPlainText().strip(),
                "title_lines": [x.strip() for x in self.title_lines.toPlainText().splitlines() if x.strip()],
                "addressees": [x.strip() for x in self.addressees.toPlainText().splitlines() if x.strip()],
                "parent_body": self.parent_body.text().strip()}

    def commit(self) -> None:
        """Emit the texts that differ from what was loaded."""
        self._timer.stop()
        if self._loading:
            return
        now = self.values()
        changed = {k: v for k, v in now.items() if v != self._loaded.get(k)}
        if changed:
            self._loaded = now
            self.changed.emit(changed)

    def _levels_changed(self) -> None:
        if self._loading:
            return
        levels = [c.currentData() for c in self.levels]
        while levels and levels[-1] == "khong":
            levels.pop()
        self.numbering_changed.emit(levels or ["khong"])
