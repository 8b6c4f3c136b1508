"""The Đóng góp dock: the contributions for the section on screen, their paragraphs, insert and compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ...contributions.merge import source_paragraphs, used_sections
from ...contributions.store import Contribution, contributions
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

ROLE_ID = int(Qt.ItemDataRole.UserRole)
ROLE_SECTION = int(Qt.ItemDataRole.UserRole) + 1


def item_line(item: Contribution, used: bool) -> str:
    """"Sở Y tế — Nguyễn Văn A, 12/06/2026 · chưa dùng"."""
    date = f", {item.written.strftime('%d/%m/%Y')}" if item.written else ""
    return S.ITEM_LINE.format(unit=item.unit or "?", person=item.person or item.file, date=date,
                              used=S.USED if used else S.NOT_USED)


class ContributionsPanel(QWidget):
    """Lists the contributions that speak of the shown section; the drafter ticks paragraphs and inserts them."""

    insertRequested = Signal(str, str, object)        # contribution id, source section ("" outside), indices|None
    compareRequested = Signal(str, str)               # contribution id, section id
    removeRequested = Signal(str)

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.items = QListWidget(self)
        self.items.setObjectName("contributions_list")
        self.items.setWordWrap(True)
        self.paragraphs = QListWidget(self)
        self.paragraphs.setObjectName("contribution_paragraphs")
        self.paragraphs.setWordWrap(True)
        self.unit_note = ""              # what a unit's contribution draft asks it to write (shown first)
        self.note = QLabel(S.NONE_YET, self)
        self.note.setWordWrap(True)
        self.origin = QLabel("", self)
        self.origin.setWordWrap(True)
        self.origin.setObjectName("contribution_origin")
        self.insert_chosen = QPushButton(S.BTN_INSERT_CHOSEN, self)
        self.insert_all = QPushButton(S.BTN_INSERT_ALL, self)
        self.compare = QPushButton(S.BTN_COMPARE, self)
        self.remove = QPushButton(S.BTN_REMOVE, self)
        buttons = QHBoxLayout()
        for button in (self.insert_chosen, self.insert_all):
            buttons.addWidget(button)
        more = QHBoxLayout()
        for button in (self.compare, self.remove):
            more.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.paragraphs, 2)
        layout.addLayout(buttons)
        layout.addLayout(more)
        layout.addWidget(self.origin)
        self.items.currentItemChanged.connect(lambda *_: self._show_paragraphs())
        self.insert_chosen.clicked.connect(lambda: self._insert(chosen=True))
        self.insert_all.clicked.connect(lambda: self._insert(chosen=False))
        self.compare.clicked.connect(self._compare)
        self.remove.clicked.connect(self._remove)
        self.refresh()

    # ------------------------------------------------------------ contents
    def section_id(self) -> str | None:
        """The section the editor shows."""
        return self.window.editor.section_id

    def refresh(self) -> None:
        """Show the contributions for the current section (and those with text outside the asked sections)."""
        session = self.window.session
        keep = self.current_id()
        self.items.blockSignals(True)
        self.items.clear()
        found = contributions(session.draft) if session is not None else []
        section = self.section_id()
        for item in found:
            used = bool(used_sections(session.draft, item)) if session is not None else False
            sources = [sid for sid in item.sections if sid == section] + ([""] if item.outside else [])
            sources += [""] if item.tables.get("") and not item.outside else []
            for source in sources:
                label = item_line(item, used) + (f" — {S.OUTSIDE}" if source == "" else "")
                row = QListWidgetItem(label)
                row.setData(ROLE_ID, item.id)
                row.setData(ROLE_SECTION, source)
                self.items.addItem(row)
        self.items.blockSignals(False)
        status = S.NONE_YET if not found else (S.NONE_HERE if not self.items.count() else "")
        self.note.setText(self.unit_note or status)
        self.note.setVisible(bool(self.note.text()))
        for index in range(self.items.count()):
            if self.items.item(index).data(ROLE_ID) == keep:
                self.items.setCurrentRow(index)
                break
        else:
            if self.items.count():
                self.items.setCurrentRow(0)
        self._show_paragraphs()

    def current_id(self) -> str:
        """The contribution selected in the list ("" when none)."""
        row = self.items.currentItem()
        return str(row.data(ROLE_ID)) if row is not None else ""

    def current_source(self) -> str:
        """The section the selected row's paragraphs were written for ("" for outside text)."""
        row = self.items.currentItem()
        return str(row.data(ROLE_SECTION)) if row is not None else ""

    def _current(self) -> Contribution | None:
        session = self.window.session
        if session is None:
            return None
        return next((c for c in contributions(session.draft) if c.id == self.current_id()), None)

    def _show_paragraphs(self) -> None:
        self.paragraphs.clear()
        item = self._current()
        enabled = item is not None and self.section_id() is not None
        writable = not self.window.controller.is_read_only()
        for button in (self.insert_chosen, self.insert_all, self.remove):
            button.setEnabled(enabled and writable)      # a read-only draft can be read, not changed
        self.compare.setEnabled(enabled)
        if item is None:
            return
        source = self.current_source()
        body = item.outside if source == "" else source_paragraphs(item, source)
        for para in body:
            notes = len(para.notes())
            text = para.plain_text() + (f"  [{notes} chú thích]" if notes else "")
            row = QListWidgetItem(("- " if para.kind == "dash" else "+ " if para.kind == "plus" else "") + text)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.paragraphs.addItem(row)
        self.compare.setEnabled(enabled and source != "")

    def checked_indices(self) -> list[int]:
        """The ticked paragraphs."""
        return [i for i in range(self.paragraphs.count())
                if self.paragraphs.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, indices: list[int]) -> None:
        """Tick exactly these paragraphs (tests, keyboard users)."""
        for i in range(self.paragraphs.count()):
            self.paragraphs.item(i).setCheckState(Qt.CheckState.Checked if i in indices else Qt.CheckState.Unchecked)

    # ------------------------------------------------------------ actions
    def _insert(self, chosen: bool) -> None:
        if not self.current_id():
            return
        indices = self.checked_indices() if chosen else None
        if chosen and not indices:
            return
        self.insertRequested.emit(self.current_id(), self.current_source(), indices)

    def _compare(self) -> None:
        if self.current_id() and self.section_id():
            self.compareRequested.emit(self.current_id(), self.current_source())

    def _remove(self) -> None:
        if self.current_id():
            self.removeRequested.emit(self.current_id())
