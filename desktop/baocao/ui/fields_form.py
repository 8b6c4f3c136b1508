"""The section's structured fields as a form, validated as the drafter types.

Every change is emitted (``fieldEdited``) and becomes an undoable edit: the
value when the whole text is valid, otherwise the text exactly as typed, which
stays in the field in red with the reason and the fix (see ``baocao.fields``).
Numbers are typed the Vietnamese way ("2.573", "1.428,5") and reformatted
when the field is left; dates as 05/7/2021; a document reference (``docref``)
has five boxes: loại, số/ký hiệu, ngày, cơ quan ban hành, trích yếu.

A notice line at the top (``show_link``) says where figures come from when a
pack computes some fields from a table (issue 13: I.1.a from Phụ lục 02):
those fields then show the computed value, greyed and read-only, and a button
jumps to the table.  ``decorate`` (set by the tables room) is called after the
form is built or refreshed, so the notice always follows the draft.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from ..template.manifest import FieldSpec
from . import strings as S
from ..fields import (
    DOCREF_KEYS, FieldResult, display_docref, display_field, parse_docref, parse_field, value_problem,
)

ERROR_STYLE = "color: #b00020;"
#: a field holding text that is not a valid value: red frame and text, light red ground
INVALID_STYLE = "color: #b00020; background: #fdecea; border: 1px solid #b00020;"
#: a field whose value is computed from a table: grey ground, read-only
COMPUTED_STYLE = "color: #333; background: #eeeeee;"
#: the notice above the fields: figures computed from a table / typed as a fallback
NOTICE_STYLE = "background: #e8f0fe; border: 1px solid #aac4f0; border-radius: 3px; padding: 3px;"


def _set_widget_read_only(widget: QWidget, read_only: bool) -> None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.setReadOnly(read_only)
    elif isinstance(widget, DocRefEditor):
        widget.kind.setEnabled(not read_only)
        for box in widget.boxes.values():
            box.setReadOnly(read_only)
    else:
        widget.setEnabled(not read_only)


class DocRefEditor(QWidget):
    """Five boxes for a cited document; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        self.kind.addItems(["", *S.DOCREF_TYPES])
        self.boxes: dict[str, QLineEdit] = {k: QLineEdit(self) for k in DOCREF_KEYS if k != "loai"}
        self.boxes["ngay"].setPlaceholderText(S.DATE_PLACEHOLDER)
        labels = {"loai": S.DOCREF_TYPE, "so": S.DOCREF_NUMBER, "ngay": S.DOCREF_DATE,
                  "co_quan": S.DOCREF_ISSUER, "trich_yeu": S.DOCREF_SUMMARY}
        widgets: dict[str, QWidget] = {"loai": self.kind, **self.boxes}
        for row, key in enumerate(DOCREF_KEYS):
            label = QLabel(labels[key], self)
            label.setBuddy(widgets[key])
            grid.addWidget(label, row, 0)
            grid.addWidget(widgets[key], row, 1)
            widgets[key].setAccessibleName(labels[key])
        self.kind.editTextChanged.connect(self.changed)
        for box in self.boxes.values():
            box.textEdited.connect(self.changed)

    def texts(self) -> dict[str, str]:
        """The five texts as typed."""
        return {"loai": self.kind.currentText(), **{k: b.text() for k, b in self.boxes.items()}}

    def set_value(self, raw: Any) -> None:
        """Show a stored reference."""
        texts = display_docref(raw)
        self.kind.blockSignals(True)
        self.kind.setEditText(texts["loai"])
        self.kind.blockSignals(False)
        for key, box in self.boxes.items():
            box.setText(texts[key])

    def hasFocus(self) -> bool:  # noqa: N802 (Qt API)
        return any(w.hasFocus() for w in (self.kind, *self.boxes.values()))


class FieldsForm(QWidget):
    """Form for the fields of one section."""

    fieldEdited = Signal(str, object)   # key, value (None clears the field)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._form_host: QWidget | None = None
        self._specs: dict[str, FieldSpec] = {}
        self._widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._read_only = False
        self._computed: dict[str, str] = {}          # field key → computed value shown (read-only)
        #: called with the form after it is built or refreshed (the tables room shows the notice)
        self.decorate: Callable[["FieldsForm"], None] | None = None
        self.notice_box = QFrame(self)
        self.notice_box.setStyleSheet(NOTICE_STYLE)
        notice_row = QHBoxLayout(self.notice_box)
        notice_row.setContentsMargins(4, 2, 4, 2)
        self.notice = QLabel(self.notice_box)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_button = QPushButton(self.notice_box)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.notice_button)
        self._notice_action: Callable[[], None] | None = None
        self.notice_button.clicked.connect(lambda: self._notice_action() if self._notice_action else None)
        self._layout.addWidget(self.notice_box)
        self.notice_box.hide()

    def set_read_only(self, read_only: bool) -> None:
        """Refuse (or allow again) typing in every field; the values stay readable and selectable."""
        self._read_only = read_only
        for key, widget in self._widgets.items():
            _set_widget_read_only(widget, read_only or key in self._computed)

    # ------------------------------------------------------------ building
    def set_fields(self, specs: list[FieldSpec], values: dict[str, Any]) -> None:
        """Rebuild the form for *specs* showing *values*."""
        if self._form_host is not None:
            self._layout.removeWidget(self._form_host)
            self._form_host.hide()
            self._form_host.deleteLater()
        self._specs = {s.key: s for s in specs}
        self._widgets.clear()
        self._errors.clear()
        self._computed = {}
        host = QWidget(self)
        form = QFormLayout(host)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for spec in specs:
            widget = self._make_widget(spec)
            error = QLabel(host)
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            column = QWidget(host)
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(error)
            label = QLabel(spec.label + (" *" if spec.required else "") + ":", host)
            label.setBuddy(widget)
            label.setToolTip(spec.help)
            widget.setToolTip(spec.help)
            widget.setAccessibleName(spec.label)
            form.addRow(label, column)
            self._widgets[spec.key] = widget
            self._errors[spec.key] = error
        self._layout.addWidget(host)
        self._form_host = host
        self.update_values(values, force=True)
        self.set_read_only(self._read_only)
        if self.decorate is not None:
            self.decorate(self)

    def _make_widget(self, spec: FieldSpec) -> QWidget:
        key = spec.key
        if spec.type == "docref":
            widget: QWidget = DocRefEditor(self)
            widget.changed.connect(lambda k=key: self._edited(k))
        elif spec.type == "choice":
            widget = QComboBox(self)
            widget.addItem(S.CHOICE_EMPTY, "")
            for choice in spec.choices:
                widget.addItem(choice, choice)
            widget.currentIndexChanged.connect(lambda _i, k=key: self._edited(k))
        elif spec.type == "text" and spec.multiline:
            widget = QPlainTextEdit(self)
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(72)
            widget.textChanged.connect(lambda k=key: self._edited(k))
        else:
            widget = QLineEdit(self)
            if spec.type in ("integer", "decimal"):
                widget.setAlignment(Qt.AlignmentFlag.AlignRight)
                widget.setPlaceholderText(S.NUMBER_PLACEHOLDER if spec.type == "integer" else S.DECIMAL_PLACEHOLDER)
                widget.setMaximumWidth(160)
            elif spec.type == "date":
                widget.setPlaceholderText(S.DATE_PLACEHOLDER)
                widget.setMaximumWidth(220)
            widget.textEdited.connect(lambda _t, k=key: self._edited(k))
            widget.editingFinished.connect(lambda k=key: self._reformat(k))
        return widget

    # ------------------------------------------------------------ values
    def _text(self, key: str) -> str:
        widget = self._widgets[key]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return str(widget.currentData() or "")
        return ""

    def read(self, key: str) -> FieldResult:
        """The current value of field *key* as typed."""
        spec = self._specs[key]
        widget = self._widgets[key]
        if isinstance(widget, DocRefEditor):
            return parse_docref(widget.texts())
        return parse_field(spec, self._text(key))

    def _edited(self, key: str) -> None:
        result = self.read(key)
        self._show_error(key, result.error)
        self.fieldEdited.emit(key, result.stored)

    def _show_error(self, key: str, error: str | None) -> None:
        label = self._errors[key]
        if label.text() == (error or "") and label.isHidden() == (not error):
            return
        label.setText(error or "")
        label.setVisible(bool(error))
        widget = self._widgets[key]
        widget.setProperty("invalid", bool(error))
        widget.setStyleSheet(INVALID_STYLE if error else "")
        widget.setToolTip(f"{error}\n{S.INVALID_KEPT}" if error else self._specs[key].help)

    def _reformat(self, key: str) -> None:
        widget = self._widgets[key]
        result = self.read(key)
        if isinstance(widget, QLineEdit) and result.ok and result.value is not None:
            widget.setText(display_field(self._specs[key], result.value))

    def update_values(self, values: dict[str, Any], force: bool = False) -> None:
        """Show stored *values* (after undo/redo); a field whose text already stands for its value is left alone."""
        for key, spec in self._specs.items():
            widget = self._widgets[key]
            raw = values.get(key)
            if key in self._computed or (not force and self.read(key).stored == raw):
                continue
            widget.blockSignals(True)
            try:
                if isinstance(widget, DocRefEditor):
                    widget.set_value(raw)
                elif isinstance(widget, QComboBox):
                    index = widget.findData(raw or "")
                    widget.setCurrentIndex(max(0, index))
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(str(raw or ""))
                elif isinstance(widget, QLineEdit):
                    widget.setText(display_field(spec, raw))
            finally:
                widget.blockSignals(False)
            self._show_error(key, value_problem(spec, raw))
        if not force and self.decorate is not None:
            self.decorate(self)

    # ------------------------------------------------------------ figures computed from a table
    def show_link(self, notice: str, button: str, action: Callable[[], None], computed: dict[str, str],
                  values: dict[str, Any]) -> None:
        """Show *notice* with a *button* running *action*; fields in *computed* show that value, read-only.

        An empty *button* text hides the button (the section's own link row already opens the
        table).  Fields no longer computed show their stored *values* again and can be typed into.
        """
        self.notice.setText(notice)
        self.notice_button.setText(button)
        self.notice_button.setVisible(bool(button))
        self._notice_action = action
        self.notice_box.show()
        released = [k for k in self._computed if k not in computed]
        self._computed = {k: v for k, v in computed.items() if k in self._widgets}
        for key, text in self._computed.items():
            widget = self._widgets[key]
            if isinstance(widget, QLineEdit):
                if widget.text() != text:
                    widget.setText(text)
                widget.setStyleSheet(COMPUTED_STYLE)
                widget.setToolTip(notice)
            self._errors[key].hide()
        for key in released:
            self._widgets[key].setStyleSheet("")
            self._widgets[key].setToolTip(self._specs[key].help)
        self.set_read_only(self._read_only)
        if released:
            self.update_values({k: values.get(k) for k in self._specs}, force=True)

    def clear_link(self, values: dict[str, Any] | None = None) -> None:
        """Hide the notice; every field is typed again (showing *values* when given)."""
        had = bool(self._computed)
        self.notice_box.hide()
        self._notice_action = None
        for key in self._computed:
            self._widgets[key].setStyleSheet("")
            self._widgets[key].setToolTip(self._specs[key].help)
        self._computed = {}
        self.set_read_only(self._read_only)
        if had and values is not None:
            self.update_values(values, force=True)

    def computed_text(self, key: str) -> str | None:
        """The computed value field *key* shows (None when the field is typed)."""
        return self._computed.get(key)

    def notice_text(self) -> str:
        """The notice above the fields ("" when hidden)."""
        return self.notice.text() if not self.notice_box.isHidden() else ""

    # ------------------------------------------------------------ access for tests and the window
    def widget(self, key: str) -> QWidget:
        """The input widget of field *key*."""
        return self._widgets[key]

    def error_text(self, key: str) -> str:
        """The red hint under field *key* ("" when valid)."""
        label = self._errors[key]
        return label.text() if not label.isHidden() else ""

    def keys(self) -> list[str]:
        """Field keys in form order."""
        return list(self._specs)
