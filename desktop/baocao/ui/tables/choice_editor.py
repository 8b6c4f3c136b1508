"""The cell editor of a choice column (the source of tasks): a drop-down the drafter can also type into.

A drafter who reaches the cell with Tab types: the letters or digits go into
the drop-down's line, a list under it shows the choices whose label (or key,
or one of its aliases) contains what was typed, with or without diacritics
(«42» finds «… Quy chế 42», «ke hoach» and «kế hoạch» find «Kế hoạch, …»),
and Tab or Enter stores the highlighted entry, else the choice the text
names.  A text that names no choice, or several, is stored as typed and
shown in red with the list of choices (``RowsModel``): nothing typed
vanishes.  Alt+↓ (or F4) opens the whole list, as in any drop-down; ↑/↓ and
the mouse wheel move through the table, they never change the source.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QStyledItemDelegate, QWidget

from ...tables.choices import choice_key, loose
from ...template.manifest import ColumnSpec
from . import strings as T

#: most entries the list under a typed choice shows at once
VISIBLE_MATCHES = 8
#: the list under a typed choice is as wide as its longest label (plus room for a scroll bar), up to this
POPUP_MAX_WIDTH = 520
POPUP_PADDING = 32
#: keys left to the table (a closed drop-down would otherwise change the source with them)
TABLE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def folded(text: str) -> str:
    """*text* compared without case, extra spaces or diacritics: "Kế hoạch  Đầu" → "ke hoach dau"."""
    decomposed = unicodedata.normalize("NFD", loose(text).replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _names(column: ColumnSpec) -> list[tuple[str, str]]:
    """(folded name, key) for each label, key and alias of *column*'s choices."""
    return [(folded(name), item.key) for item in column.choices for name in (item.label, item.key, *item.aliases)]


def matching_keys(column: ColumnSpec, text: str) -> list[str]:
    """The keys of the choices whose label, key or an alias contains *text* (diacritics ignored), in declared order."""
    wanted = folded(text)
    if not wanted:
        return []
    found = {key for name, key in _names(column) if wanted in name}
    return [item.key for item in column.choices if item.key in found]


def typed_choice(column: ColumnSpec, text: str) -> str:
    """What a cell stores for *text* typed into a choice cell.

    The empty text and the «(chưa chọn)» entry give ""; a key, label or alias gives its key;
    a text found in exactly one choice gives that choice's key; anything else is kept as typed
    (the model shows it in red with the list of choices).
    """
    text = text.strip()
    if not text or text == T.CHOICE_EMPTY:
        return ""
    exact = choice_key(column, text)
    if exact is not None:
        return exact
    keys = matching_keys(column, text)
    return keys[0] if len(keys) == 1 else text


class ChoiceCombo(QComboBox):
    """The drop-down of a choice cell: the declared choices (and an older draft's text, kept as it is).

    Editable, so typed keys are shown; ``value()`` is what the cell stores.
    """

    def __init__(self, parent: QWidget | None, column: ColumnSpec, current: Any):
        super().__init__(parent)
        self.column = column
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem(T.CHOICE_EMPTY, "")
        for item in column.choices:
            self.addItem(item.label, item.key)
            self.setItemData(self.count() - 1, f"{item.label} ({item.key})", Qt.ItemDataRole.ToolTipRole)
        if current and choice_key(column, current) is None:
            self.addItem(T.CHOICE_UNKNOWN.format(value=current), current)
        self.setAccessibleName(column.header)
        self.setToolTip(T.CHOICE_TYPE_TIP)
        self.lineEdit().setPlaceholderText(T.CHOICE_PLACEHOLDER)
        self._matches = QStringListModel(self)
        completer = QCompleter(self._matches, self)       # the list is filtered here (diacritics ignored)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(VISIBLE_MATCHES)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        """Show the choices that contain *text* under the line (none: the list closes)."""
        labels = {item.key: item.label for item in self.column.choices}
        self._matches.setStringList([labels[key] for key in matching_keys(self.column, text)])
        completer = self.completer()
        if not self._matches.rowCount():
            completer.popup().hide()
            return
        popup = completer.popup()
        widest = max(popup.fontMetrics().horizontalAdvance(label) for label in self._matches.stringList())
        popup.setMinimumWidth(min(POPUP_MAX_WIDTH, widest + POPUP_PADDING))   # not cut to the cell's width
        completer.complete()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """↑/↓ and Page Up/Down move through the table, never change the source (Alt+↓ or F4 opens the list)."""
        if event.key() in TABLE_KEYS and not event.modifiers() & Qt.KeyboardModifier.AltModifier \
                and not self.completer().popup().isVisible():
            event.ignore()                     # the table moves to the cell above or below
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        """The wheel scrolls the table; it does not change the source under the mouse."""
        event.ignore()

    def show_value(self, raw: Any) -> None:
        """Show the stored *raw* value (its entry selected, its text selected so typing replaces it)."""
        found = self.findData(raw or "")
        self.setCurrentIndex(max(0, found))
        self.lineEdit().setText("" if found <= 0 else self.itemText(found))
        self.lineEdit().selectAll()

    def value(self) -> str:
        """What the cell stores: the entry shown, or the choice the typed text names, or the text as typed."""
        text = self.currentText()
        index = self.currentIndex()
        if index >= 0 and text == self.itemText(index):
            return str(self.itemData(index) or "")
        return typed_choice(self.column, text)


def choice_combo(delegate: QStyledItemDelegate, parent: Any, column: ColumnSpec, current: Any) -> ChoiceCombo:
    """The editor of a choice cell; choosing an entry of the opened list stores it at once (one undo step)."""
    combo = ChoiceCombo(parent, column, current)

    def chosen(_index: int) -> None:
        delegate.commitData.emit(combo)
        delegate.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    combo.activated.connect(chosen)
    return combo
