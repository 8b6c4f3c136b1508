"""The pack editor's text pane: a pack file (Jinja template or TOML) with colours, the names usable
there, and the line of an error marked."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QSplitter, QTextEdit, QVBoxLayout, QWidget)

from . import strings as S
from .highlighter import JinjaHighlighter

ERROR_BACKGROUND = QColor("#ffd7d7")
#: Pause after typing before the text is taken into the pack (ms).
TEXT_DEBOUNCE_MS = 400


class TemplatePane(QWidget):
    """Edits one text file of the pack at a time; ``text_changed(name, text)`` after a pause in typing."""

    text_changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.files = QComboBox(self)
        self.files.currentTextChanged.connect(self._show_file)
        self.edit = QPlainTextEdit(self)
        self.edit.setFont(QFont("DejaVu Sans Mono", 10))
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.highlighter = JinjaHighlighter(self.edit.document())
        self.variables = QListWidget(self)
        self.variables.itemDoubleClicked.connect(self._insert_variable)
        self._texts: dict[str, str] = {}
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TEXT_DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.edit.textChanged.connect(self._typed)
        top = QHBoxLayout()
        top.addWidget(QLabel(S.F_TEMPLATE_FILE, self))
        top.addWidget(self.files, 1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(S.F_VARIABLES, side))
        side_layout.addWidget(self.variables)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.edit)
        split.addWidget(side)
        split.setSizes([520, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # ------------------------------------------------------------ content
    def set_texts(self, texts: dict[str, str], show: str | None = None) -> None:
        """The pack's text files; *show* (or the current file) is displayed."""
        self.flush()
        self._texts = dict(texts)
        current = show or self.files.currentText()
        names = sorted(texts, key=lambda n: (not n.endswith(".j2"), n))
        self._loading = True
        self.files.clear()
        self.files.addItems(names)
        self._loading = False
        self.files.setCurrentText(current if current in texts else (names[0] if names else ""))
        self._show_file(self.files.currentText(), force=True)

    def set_variables(self, names: list[tuple[str, str]]) -> None:
        """The names usable in the current section's template."""
        self.variables.clear()
        for name, what in names:
            item = QListWidgetItem(name, self.variables)
            item.setToolTip(what)

    def current_name(self) -> str:
        """The file shown."""
        return self.files.currentText()

    def _show_file(self, name: str, force: bool = False) -> None:
        if self._loading or not name:
            return
        if not force:
            self.flush()
        text = self._texts.get(name, "")
        if self.edit.toPlainText() != text or force:
            self._loading = True
            self.edit.setPlainText(text)
            self._loading = False
        self.mark_line(None)

    def _typed(self) -> None:
        if not self._loading:
            self._timer.start()

    def flush(self) -> None:
        """Hand over text typed since the last pause now (before saving, switching files …)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    def _emit(self) -> None:
        name = self.files.currentText()
        text = self.edit.toPlainText()
        if name and self._texts.get(name) != text:
            self._texts[name] = text
            self.text_changed.emit(name, text)

    def _insert_variable(self, item: QListWidgetItem) -> None:
        name = item.text()
        self.edit.insertPlainText("{{ " + name + " }}" if not name.startswith("{") else name)
        self.edit.setFocus()

    # ------------------------------------------------------------ errors
    def go_to(self, name: str, line: int | None, column: int | None = None) -> None:
        """Show file *name* with the cursor at *line* (1-based) and that line marked."""
        if name in self._texts and name != self.files.currentText():
            self.files.setCurrentText(name)
        if line:
            block = self.edit.document().findBlockByNumber(line - 1)
            cursor = QTextCursor(block)
            if column:
                cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor,
                                    max(column - 1, 0))
            self.edit.setTextCursor(cursor)
            self.edit.centerCursor()
        self.mark_line(line)
        self.edit.setFocus()

    def mark_line(self, line: int | None) -> None:
        """Paint line *line* as the error line (None clears)."""
        if not line:
            self.edit.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(ERROR_BACKGROUND)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(self.edit.document().findBlockByNumber(line - 1))
        self.edit.setExtraSelections([selection])

    def marked_line(self) -> int | None:
        """The line marked as the error line, if any (1-based)."""
        selections = self.edit.extraSelections()
        return selections[0].cursor.blockNumber() + 1 if selections else None
