"""The pack editor's text pane: a pack file (Jinja template or TOML) with colours, the names usable
there, and the line of an error marked.

The box numbers its lines (``line_numbers``) and scrolls back to the left edge whenever the cursor
can be seen there.  The text box has no undo of its own: every change leaves at once as
``text_changed(name, text)`` and the pack editor makes it a step of its own undo stack (consecutive
typing merged), so Ctrl+Z undoes text and structure changes in the order they were made.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QSplitter, QTextEdit, QVBoxLayout, QWidget)

from . import strings as S
from .highlighter import JinjaHighlighter
from .line_numbers import NumberedTextEdit

ERROR_BACKGROUND = QColor("#ffd7d7")
#: objectName Qt gives the standard menu's Undo/Redo → index in ``TemplateText.undo_actions``
_MENU_UNDO = {"edit-undo": 0, "edit-redo": 1}


class TemplateText(NumberedTextEdit):
    """The text box (numbered lines): its own undo is off; Ctrl+Z / Ctrl+Y and the menu's Hoàn tác / Làm lại
    reach the editor's stack."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document().setUndoRedoEnabled(False)
        self.undo_actions: tuple[QAction, QAction] | None = None      # set by the pack editor

    def event(self, event: QEvent) -> bool:
        """Let the Undo/Redo shortcuts reach the pack editor's actions (the box would swallow them)."""
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return super().event(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """The standard menu with the pack editor's Hoàn tác / Làm lại."""
        menu = self.createStandardContextMenu(event.pos())
        if self.undo_actions is not None:
            for action in list(menu.actions()):
                index = _MENU_UNDO.get(action.objectName())
                if index is not None:
                    menu.insertAction(action, self.undo_actions[index])
                    menu.removeAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()


def first_difference(old: str, new: str) -> int:
    """Where *new* starts to differ from *old* (the cursor goes there after undo/redo)."""
    limit = min(len(old), len(new))
    index = 0
    while index < limit and old[index] == new[index]:
        index += 1
    return index


class TemplatePane(QWidget):
    """Edits one text file of the pack at a time; ``text_changed(name, text)`` after every change."""

    text_changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.files = QComboBox(self)
        self.files.currentTextChanged.connect(self._show_file)
        self.edit = TemplateText(self)
        self.edit.setFont(QFont("DejaVu Sans Mono", 10))
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.highlighter = JinjaHighlighter(self.edit.document())
        self.variables = QListWidget(self)
        self.variables.itemDoubleClicked.connect(self._insert_variable)
        self._texts: dict[str, str] = {}
        self._shown_name = ""                   # the file the box shows
        self._loading = False
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
        self.files.setCurrentText(current if current in texts else (names[0] if names else ""))
        self._loading = False                   # (the box is not read back while the list is refilled)
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
        shown = self.edit.toPlainText()
        if shown != text:                       # the same text stays as it is: the cursor does not jump
            position = first_difference(shown, text) if name == self._shown_name else 0
            self._loading = True
            self.edit.setPlainText(text)
            self._loading = False
            if name != self._shown_name:        # another file starts at its left edge
                self.edit.horizontalScrollBar().setValue(0)
            cursor = self.edit.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.edit.setTextCursor(cursor)
            self.edit.ensureCursorVisible()
            self.edit.follow_cursor()
            self.mark_line(None)
        elif name != self._shown_name:
            self.mark_line(None)
        self._shown_name = name

    def _typed(self) -> None:
        if not self._loading:
            self._emit()

    def flush(self) -> None:
        """Hand over what the box shows if the pack does not have it yet (before saving, switching files …)."""
        if not self._loading:
            self._emit()

    def _emit(self) -> None:
        name = self._shown_name                 # the combo may already name the next file
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
        """Show file *name* with the cursor at *line* (1-based) and that line marked.

        A file that is not the pack's (the built-in default template) has no line here: nothing moves.
        """
        if name not in self._texts:
            return
        if name != self.files.currentText():
            self.files.setCurrentText(name)
        if line:
            block = self.edit.document().findBlockByNumber(line - 1)
            cursor = QTextCursor(block)
            if column:
                cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor,
                                    max(column - 1, 0))
            self.edit.setTextCursor(cursor)
            self.edit.centerCursor()
            self.edit.follow_cursor()
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
