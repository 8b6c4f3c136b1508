"""The "Việc cần báo cáo" dock: the last period's plans as a checklist; ticking is an undoable edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...importing.checklist import checklist, toggled
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole + 7


class ChecklistPanel(QWidget):
    """Items grouped by the old section they came from, each with a tick box."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.progress = QLabel(self)
        layout.addWidget(self.progress)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        self._filling = False
        self.list.itemChanged.connect(self._item_changed)

    def refresh(self) -> None:
        """Show the draft's checklist as it is now."""
        session = self.window.session
        value = checklist(session.draft) if session is not None else {"from": "", "items": []}
        items = value["items"]
        self._filling = True
        try:
            self.list.clear()
            group = None
            for item in items:
                if item.get("group") != group:
                    group = item.get("group")
                    head = QListWidgetItem(str(group or ""), self.list)
                    font = QFont(head.font())
                    font.setBold(True)
                    head.setFont(font)
                    head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                row = QListWidgetItem(item["text"], self.list)
                row.setToolTip(item["text"])
                row.setData(ID_ROLE, item.get("id"))
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                row.setCheckState(Qt.CheckState.Checked if item.get("done") else Qt.CheckState.Unchecked)
        finally:
            self._filling = False
        done = sum(1 for i in items if i.get("done"))
        self.intro.setText(S.CHECKLIST_FROM.format(period=value["from"]) if items else S.CHECKLIST_EMPTY)
        self.progress.setText(S.CHECKLIST_PROGRESS.format(done=done, total=len(items)) if items else "")

    def item_row(self, item_id: str) -> QListWidgetItem | None:
        """The list row of item *item_id*."""
        for index in range(self.list.count()):
            row = self.list.item(index)
            if row.data(ID_ROLE) == item_id:
                return row
        return None

    def _item_changed(self, row: QListWidgetItem) -> None:
        session = self.window.session
        item_id = row.data(ID_ROLE)
        if self._filling or session is None or item_id is None:
            return
        edit = toggled(session.draft, item_id, row.checkState() == Qt.CheckState.Checked)
        if edit is None or not self.window.controller.push(edit, self):
            self.refresh()
