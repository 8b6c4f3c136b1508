"""The table editor's row moves, Excel paste, file import, emptying cells and note line (one undo step each).

``install_table_tools(editor)`` adds the buttons, the shortcuts and the note
line to a ``TableEditor``.  Each change builds the whole new row list, shows
it, and pushes one ``SetTableRows`` (that does not merge with typing) through
the window's controller, so Ctrl+Z takes back exactly that paste, import or
move; the cursor stays where it was and a pasted block is left selected.  A
paste or import that cannot be used changes nothing and says why.
``CellDelegate`` makes the cell editors (Enter goes down a row, the source's
drop-down takes typing: ``choice_editor``).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStyledItemDelegate, QWidget,
)

from ...edits import SetTableRows
from ...errors import BaocaoError
from ...tables.paste import paste_block
from ...tables.store import draft_table_note, note_edit
from .. import prompts
from . import strings as T
from .choice_editor import ChoiceCombo, choice_combo
from .keys import clear_selected, enter_step, is_enter

if TYPE_CHECKING:  # pragma: no cover
    from ..table_editor import TableEditor

#: shortcuts (the editor and its children): add a row below, delete the row, move up, move down
SHORTCUTS = {"add": "Ctrl+Shift+=", "remove": "Ctrl+Shift+Delete", "up": "Alt+Shift+Up", "down": "Alt+Shift+Down"}


def _window(editor: "TableEditor") -> Any:
    window = editor.window()
    return window if hasattr(window, "controller") and getattr(window, "session", None) is not None else None


def push_rows(editor: "TableEditor", rows: list[dict[str, Any]], label: str) -> bool:
    """Show *rows* and push them as one undo step named *label* (False when refused, e.g. read-only)."""
    model = editor.model
    if model is None or model.read_only:
        return False
    window = _window(editor)
    if window is None:                          # an editor on its own (tests of the widget): the signal path
        model.replace_rows(rows)
        editor.rowsEdited.emit(editor.table_id, copy.deepcopy(rows))
        return True
    draft = window.session.draft
    if draft.tables.get(editor.table_id, []) == rows:
        return False
    edit = SetTableRows.make(draft, editor.table_id, rows)
    edit.label, edit.merges = label, False
    current = editor.view.currentIndex()
    model.replace_rows(rows)
    if not window.controller.push(edit, editor):
        model.replace_rows(draft.tables.get(editor.table_id, []))
        _keep_cursor(editor, current.row(), current.column())
        return False
    _keep_cursor(editor, current.row(), current.column())
    return True


def _keep_cursor(editor: "TableEditor", row: int, column: int) -> None:
    """Put the cursor back on (*row*, *column*) after the rows were replaced (a reset loses it)."""
    model = editor.model
    if model is not None and row >= 0 and column >= 0 and not editor.view.currentIndex().isValid():
        editor.view.setCurrentIndex(model.index(min(row, model.rowCount() - 1), column))


def move_current_row(editor: "TableEditor", delta: int) -> bool:
    """Move the current row up (-1) or down (+1); the cursor follows it."""
    model, current = editor.model, editor.view.currentIndex()
    if model is None or not current.isValid():
        return False
    row, target = current.row(), current.row() + delta
    if not (0 <= row < len(model.rows) and 0 <= target < len(model.rows)):
        return False
    rows = copy.deepcopy(model.rows)
    rows[row], rows[target] = rows[target], rows[row]
    if push_rows(editor, rows, T.MOVE_LABEL):
        editor.view.setCurrentIndex(model.index(target, current.column()))
        return True
    return False


def add_row_below(editor: "TableEditor") -> None:
    """Insert an empty row under the current one (at the end when none) and go to its first input cell."""
    model = editor.model
    if model is None:
        return
    current = editor.view.currentIndex()
    at = current.row() + 1 if current.isValid() and current.row() < len(model.rows) else len(model.rows)
    row = model.add_row(at)
    if row >= 0:
        first = next((i for i, c in enumerate(model.spec.columns) if not c.computed), 0)
        editor.view.setCurrentIndex(model.index(row, first))
        editor.view.setFocus()


def paste_text(editor: "TableEditor", text: str) -> bool:
    """Paste a tab-separated block at the current cell (all or nothing; a refusal is shown and returned False)."""
    model = editor.model
    if model is None or model.read_only:
        return False
    current = editor.view.currentIndex()
    row = current.row() if current.isValid() else len(model.rows)
    column = current.column() if current.isValid() else 0
    try:
        result = paste_block(model.spec, model.rows, text, row, column)
    except BaocaoError as exc:
        editor.error.setText(exc.message)
        editor.error.setVisible(True)
        prompts.show_error(editor, T.PASTE_REFUSED_TITLE, exc.user_text())
        return False
    if not push_rows(editor, result.rows, T.PASTE_LABEL):
        return False
    _select_pasted(editor, result)
    editor.error.setText(T.PASTED.format(rows=result.row_count, columns=len(result.columns), first=result.first_row + 1))
    editor.error.setVisible(True)
    return True


def _select_pasted(editor: "TableEditor", result: Any) -> None:
    """Select the block just pasted, the cursor on its first cell (so the drafter sees what changed)."""
    model, view = editor.model, editor.view
    names = [c.key for c in model.spec.columns]
    columns = [names.index(key) for key in result.columns if key in names]
    if not columns:
        return
    first = model.index(result.first_row, min(columns))
    last = model.index(result.first_row + result.row_count - 1, max(columns))
    view.setCurrentIndex(first)
    view.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def paste_clipboard(editor: "TableEditor") -> bool:
    """Paste the clipboard's text (Ctrl+V, the button)."""
    return paste_text(editor, QGuiApplication.clipboard().text())


def open_import(editor: "TableEditor", path: str | Path) -> Any:
    """Open the mapping preview for *path* (modeless); its «Nhập» pushes one undo step.  None when unreadable."""
    from .import_dialog import ImportDialog

    model = editor.model
    if model is None or model.read_only:
        return None
    try:
        dialog = ImportDialog(model.spec, Path(path), model.rows, editor)
    except BaocaoError as exc:
        prompts.show_error(editor, T.IMPORT_REFUSED_TITLE, exc.user_text())
        return None

    def done() -> None:
        rows = dialog.result_rows()
        if rows is not None and push_rows(editor, rows, T.IMPORT_LABEL):
            editor.error.setText(T.IMPORTED.format(rows=len(dialog.plan.rows) if dialog.plan else 0,
                                                   file=Path(path).name))
            editor.error.setVisible(True)

    dialog.accepted.connect(done)
    dialog.open()
    return dialog


def choose_and_import(editor: "TableEditor") -> None:
    """Ask for a .xlsx/.csv file, then open the mapping preview."""
    path, _ = QFileDialog.getOpenFileName(editor, T.PICK_TITLE, "", T.PICK_FILTER)
    if path:
        open_import(editor, path)


def _note_finished(editor: "TableEditor") -> None:
    window = _window(editor)
    if window is None or not editor.table_id:
        return
    edit = note_edit(window.session.draft, editor.table_id, editor.note.text())
    if edit is not None:
        window.controller.push(edit, editor)


def show_note(editor: "TableEditor") -> None:
    """Show the draft's note of the current table (after set_table, undo, redo)."""
    window = _window(editor)
    text = draft_table_note(window.session.draft, editor.table_id) if window is not None else ""
    if editor.note.text() != text:
        editor.note.setText(text)


def install_table_tools(editor: "TableEditor", buttons: QHBoxLayout) -> None:
    """Add the move, paste and import buttons to *buttons*, the shortcuts, and the note line under the table."""
    editor.up_button = QPushButton(T.MOVE_UP, editor)
    editor.down_button = QPushButton(T.MOVE_DOWN, editor)
    editor.paste_button = QPushButton(T.PASTE, editor)
    editor.import_button = QPushButton(T.IMPORT, editor)
    for index, button in enumerate((editor.up_button, editor.down_button, editor.paste_button, editor.import_button)):
        buttons.insertWidget(2 + index, button)
        button.setToolTip(T.SHORTCUTS_TIP)
    editor.up_button.clicked.connect(lambda: move_current_row(editor, -1))
    editor.down_button.clicked.connect(lambda: move_current_row(editor, 1))
    editor.paste_button.clicked.connect(lambda: paste_clipboard(editor))
    editor.import_button.clicked.connect(lambda: choose_and_import(editor))
    editor.view.pasteRequested.connect(lambda: paste_clipboard(editor))
    editor.view.clearRequested.connect(lambda: clear_selected(editor))
    editor.view.setItemDelegate(CellDelegate(editor))       # Ctrl+V of a block inside an open cell editor too
    actions = {"add": lambda: add_row_below(editor), "remove": editor._remove,
               "up": lambda: move_current_row(editor, -1), "down": lambda: move_current_row(editor, 1)}
    editor.shortcuts = []
    for name, slot in actions.items():
        shortcut = QShortcut(QKeySequence(SHORTCUTS[name]), editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        editor.shortcuts.append(shortcut)
    row = QHBoxLayout()
    row.addWidget(QLabel(T.NOTE_LABEL, editor))
    editor.note = QLineEdit(editor)
    editor.note.setPlaceholderText(T.NOTE_PLACEHOLDER)
    editor.note.editingFinished.connect(lambda: _note_finished(editor))
    row.addWidget(editor.note, 1)
    editor.layout().insertLayout(editor.layout().count() - 1, row)


def set_tools_read_only(editor: "TableEditor", read_only: bool) -> None:
    """Disable (or enable again) the buttons and the note while the draft is read-only."""
    for button in (editor.up_button, editor.down_button, editor.paste_button, editor.import_button):
        button.setEnabled(not read_only)
    editor.note.setReadOnly(read_only)


class BlockPasteFilter(QObject):
    """On a cell's line editor: Ctrl+V with a block of several cells (tabs, lines) pastes the block into the table."""

    def __init__(self, editor: "TableEditor"):
        super().__init__(editor)
        self._editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text().rstrip("\r\n")
            if "\t" in text or "\n" in text or "\r" in text:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    view = self._editor.view
                    delegate = view.itemDelegate()
                    delegate.closeEditor.emit(watched, QStyledItemDelegate.EndEditHint.RevertModelCache)
                    view.setFocus()
                    QTimer.singleShot(0, lambda: paste_clipboard(self._editor))
                return True
        return super().eventFilter(watched, event)


class CellDelegate(QStyledItemDelegate):
    """The default cell editor, watched by ``BlockPasteFilter``; a drop-down for choice columns (sources)."""

    def __init__(self, editor: "TableEditor"):
        super().__init__(editor.view)
        self._filter = BlockPasteFilter(editor)
        self._editor = editor

    def _choice_column(self, index) -> Any:
        model = self._editor.model
        if model is None or not index.isValid() or index.column() >= len(model.spec.columns):
            return None
        column = model.spec.columns[index.column()]
        return column if column.type == "choice" else None

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt API)
        column = self._choice_column(index)
        if column is not None:
            return choice_combo(self, parent, column, index.data(Qt.ItemDataRole.EditRole))
        widget = super().createEditor(parent, option, index)
        if widget is not None:
            widget.installEventFilter(self._filter)
        return widget

    def eventFilter(self, editor, event):  # noqa: N802 (Qt API)
        """Enter stores the cell and goes down a row (Shift+Enter: up), as in Excel."""
        if event.type() == QEvent.Type.KeyPress and is_enter(event) and isinstance(editor, QWidget):
            completer = getattr(editor, "completer", lambda: None)()
            if completer is None or not completer.popup().isVisible():
                view = self._editor.view
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                view.step_row(enter_step(event))
                return True
        return super().eventFilter(editor, event)

    def setEditorData(self, editor, index):  # noqa: N802 (Qt API)
        if isinstance(editor, ChoiceCombo):
            editor.show_value(index.data(Qt.ItemDataRole.EditRole))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802 (Qt API)
        if isinstance(editor, ChoiceCombo):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
