"""The register's dock: the documents, how often each is cited, and the buttons to change and cite them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...register.entries import Entry
from ...register.wording import full_form, short_form
from ...formatting import format_citation_date
from . import strings as S

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class RegisterPanel(QWidget):
    """List of the register's entries (short form, date, summary, times cited)."""

    addRequested = Signal()
    editRequested = Signal(str)        # entry id
    deleteRequested = Signal(str)
    citeRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(S.COLUMNS))
        self.tree.setHeaderLabels(list(S.COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(S.DOCK_TITLE)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self.citeRequested.emit(item.data(0, ID_ROLE)))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.count = QLabel(self)
        self.empty = QLabel(S.EMPTY, self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666;")
        self.add_button = QPushButton(S.ADD, self)
        self.edit_button = QPushButton(S.EDIT, self)
        self.delete_button = QPushButton(S.DELETE, self)
        self.cite_button = QPushButton(S.CITE, self)
        self.cite_button.setToolTip(S.CITE_TIP)
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested))
        self.delete_button.clicked.connect(lambda: self._emit(self.deleteRequested))
        self.cite_button.clicked.connect(lambda: self._emit(self.citeRequested))
        buttons = QHBoxLayout()
        for button in (self.cite_button, self.add_button, self.edit_button, self.delete_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # the editor keeps the cursor where the citation goes
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.count)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self._update_buttons()

    def _emit(self, signal) -> None:
        entry_id = self.selected_id()
        if entry_id:
            signal.emit(entry_id)

    def selected_id(self) -> str | None:
        """Id of the selected entry."""
        items = self.tree.selectedItems()
        return items[0].data(0, ID_ROLE) if items else None

    def select(self, entry_id: str) -> None:
        """Select the row of *entry_id*."""
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item.data(0, ID_ROLE) == entry_id:
                self.tree.setCurrentItem(item)
                return

    def set_entries(self, entries: list[Entry], counts: dict[str, int], date_style: str = "nd30") -> None:
        """Show *entries* with their citation counts (the selection is kept)."""
        keep = self.selected_id()
        self.tree.clear()
        for entry in entries:
            n = counts.get(entry.id, 0)
            item = QTreeWidgetItem([short_form(entry), format_citation_date(entry.day, date_style) if entry.day else "",
                                    entry.summary, S.CITED.format(n=n) if n else S.NOT_CITED])
            item.setData(0, ID_ROLE, entry.id)
            item.setToolTip(0, full_form(entry, date_style))
            item.setToolTip(2, full_form(entry, date_style))
            self.tree.addTopLevelItem(item)
        for column in (0, 1, 3):
            self.tree.resizeColumnToContents(column)
        self.count.setText(S.COUNT.format(n=len(entries)))
        self.empty.setVisible(not entries)
        if keep:
            self.select(keep)
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        """No add/edit/delete/cite while the draft is read-only."""
        self._read_only = read_only
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        writable = not getattr(self, "_read_only", False)
        self.add_button.setEnabled(writable)
        for button in (self.edit_button, self.delete_button, self.cite_button):
            button.setEnabled(chosen and writable)
