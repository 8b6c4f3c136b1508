"""The find and replace dock: query, replacement, options, and the hits listed by section.

The panel only shows and asks; ``FindController`` (install.py) searches the
draft, jumps to hits and pushes the replace edit.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QDockWidget, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ...search import Hit, SearchOptions
from . import strings as S

SEARCH_DELAY_MS = 250
RESULTS_MIN_HEIGHT = 48     # about two hits: the dock may be small on a 768-pixel screen
RESULTS_PREFERRED_HEIGHT = 110
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class _ResultsTree(QTreeWidget):
    """The list of hits: it asks for a few lines only, so opening Find leaves the editor its room."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().sizeHint().width(), RESULTS_PREFERRED_HEIGHT)


class FindPanel(QDockWidget):
    """Dock with the find row, the replace row and the results tree."""

    searchRequested = Signal()            # query or options changed (after a pause)
    hitChosen = Signal(object)            # Hit
    hitActivated = Signal(object)         # Hit (Enter or double-click on it)
    replaceOne = Signal(object)           # Hit
    replaceAll = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(S.DOCK_TITLE, parent)
        self.setObjectName("find_dock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        body = QWidget(self)
        self.query = QLineEdit(body)
        self.query.setPlaceholderText(S.FIND_PLACEHOLDER)
        self.query.setClearButtonEnabled(True)
        self.replacement = QLineEdit(body)
        self.replacement.setPlaceholderText(S.REPLACE_PLACEHOLDER)
        self.case = QCheckBox(S.OPT_CASE, body)
        self.word = QCheckBox(S.OPT_WORD, body)
        self.marks = QCheckBox(S.OPT_MARKS, body)
        self.prev_button = QPushButton(S.BTN_PREV, body)
        self.next_button = QPushButton(S.BTN_NEXT, body)
        self.replace_button = QPushButton(S.BTN_REPLACE, body)
        self.replace_all_button = QPushButton(S.BTN_REPLACE_ALL, body)
        self.count = QLabel(S.COUNT_EMPTY, body)
        self.count.setWordWrap(True)
        self.results = _ResultsTree(body)
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setAccessibleName(S.DOCK_TITLE)
        find_label = QLabel(S.FIND_LABEL, body)
        find_label.setBuddy(self.query)
        self.replace_label = QLabel(S.REPLACE_LABEL, body)
        self.replace_label.setBuddy(self.replacement)

        grid = QGridLayout()
        grid.setVerticalSpacing(3)
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.query, 0, 1)
        grid.addWidget(self.prev_button, 0, 2)
        grid.addWidget(self.next_button, 0, 3)
        options = QHBoxLayout()
        for box in (self.case, self.word, self.marks):
            options.addWidget(box)
        options.addStretch(1)
        grid.addLayout(options, 0, 4)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replacement, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        grid.addWidget(self.count, 1, 4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(4, 2)
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 2, 6, 4)
        column.setSpacing(3)
        column.addLayout(grid)
        column.addWidget(self.results, 1)
        self.results.setMinimumHeight(RESULTS_MIN_HEIGHT)
        self.setWidget(body)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.searchRequested)
        self.query.textChanged.connect(lambda _t: self.timer.start())
        for box in (self.case, self.word, self.marks):
            box.toggled.connect(lambda _on: self.searchRequested.emit())
        self.query.returnPressed.connect(lambda: self.step(1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.replace_button.clicked.connect(self._replace_current)
        self.replace_all_button.clicked.connect(self.replaceAll)
        self.replacement.returnPressed.connect(self._replace_current)
        self.results.currentItemChanged.connect(self._current_changed)
        self.results.itemActivated.connect(self._activated)
        self._hits: list[Hit] = []
        self._items: list[QTreeWidgetItem] = []

    # ------------------------------------------------------------ state
    def options(self) -> SearchOptions:
        """The ticked options."""
        return SearchOptions(self.case.isChecked(), self.word.isChecked(), self.marks.isChecked())

    def set_replace_visible(self, visible: bool) -> None:
        """Show or hide the replace row (Ctrl+H shows it, Ctrl+F hides it)."""
        for widget in (self.replace_label, self.replacement, self.replace_button, self.replace_all_button):
            widget.setVisible(visible)

    def hits(self) -> list[Hit]:
        """The hits listed, in report order."""
        return list(self._hits)

    def current_hit(self) -> Hit | None:
        """The hit selected in the list."""
        item = self.results.currentItem()
        return item.data(0, HIT_ROLE) if item is not None and item.data(0, HIT_ROLE) is not None else None

    def current_index(self) -> int:
        """Index of the selected hit among all hits (-1 when none)."""
        item = self.results.currentItem()
        return self._items.index(item) if item in self._items else -1

    # ------------------------------------------------------------ showing results
    def show_hits(self, groups: list[tuple[str, list[tuple[Hit, str]]]], message: str, keep: int = -1) -> None:
        """List *groups* (title, [(hit, line)]) and *message*; select hit number *keep* when given."""
        self.results.blockSignals(True)
        self.results.clear()
        self._hits, self._items = [], []
        bold = QFont(self.results.font())
        bold.setBold(True)
        for title, rows in groups:
            parent = QTreeWidgetItem(self.results, [S.GROUP_COUNT.format(title=title, n=len(rows))])
            parent.setFont(0, bold)
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for hit, line in rows:
                item = QTreeWidgetItem(parent, [line])
                item.setData(0, HIT_ROLE, hit)
                item.setToolTip(0, hit.context)
                self._hits.append(hit)
                self._items.append(item)
            parent.setExpanded(True)
        self.results.blockSignals(False)
        self.count.setText(message)
        if 0 <= keep < len(self._items):
            self.results.blockSignals(True)
            self.results.setCurrentItem(self._items[keep])
            self.results.blockSignals(False)

    def step(self, delta: int) -> None:
        """Select the next (+1) or previous (-1) hit, wrapping round; the window jumps to it."""
        if self.timer.isActive():        # typed but not searched yet: search first
            self.timer.stop()
            self.searchRequested.emit()
        if not self._items:
            return
        index = self.current_index()
        index = (0 if delta > 0 else len(self._items) - 1) if index < 0 else (index + delta) % len(self._items)
        self.results.setCurrentItem(self._items[index])
        self.results.scrollToItem(self._items[index])

    def _current_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        hit = item.data(0, HIT_ROLE) if item is not None else None
        if hit is not None:
            self.hitChosen.emit(hit)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        hit = item.data(0, HIT_ROLE)
        if hit is not None:
            self.hitChosen.emit(hit)
            self.hitActivated.emit(hit)

    def _replace_current(self) -> None:
        hit = self.current_hit()
        if hit is None:
            self.step(1)
            hit = self.current_hit()
        if hit is not None:
            self.replaceOne.emit(hit)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Esc closes the panel and gives the keyboard back to the editor."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            parent = self.parent()
            if hasattr(parent, "focus_editor"):
                parent.focus_editor()
            return
        super().keyPressEvent(event)
