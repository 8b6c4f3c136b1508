"""Start-up dialog: work left by a session that ended without closing (crash, power cut).

The window, at start-up::

    dialog = offer_recovery(parent, titles)        # None when there is nothing to recover
    if dialog is not None and dialog.exec():
        for path in dialog.to_open:                # restored into a draft file: open it
            controller.open_path(path)
        for item in dialog.to_continue:            # never had a file: continue untitled
            controller.set_session(DraftSession.from_recovery(item))

Nothing is overwritten without a question: restoring over the original file
asks first, and the file is backed up before.  "Để sau" keeps everything for
the next start; "Bỏ bản này" moves the copy to a bin kept for 14 days.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...errors import BaocaoError
from ...storage import recovery
from ...storage.proc import local_time_text
from .common import AskPath, Confirm, ask_path_with, confirm_with, show_error

TITLE = "Khôi phục công việc chưa lưu"


class RecoveryDialog(QDialog):
    """Lists recoverable work, shows what each would restore, and restores, saves elsewhere or discards it."""

    def __init__(self, items: list[recovery.RecoveryItem], titles: dict[str, str] | None = None,
                 parent: QWidget | None = None, confirm: Confirm | None = None, ask_path: AskPath | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.items = list(items)
        self.titles = titles or {}
        self.confirm = confirm or confirm_with(self)
        self.ask_path = ask_path or ask_path_with(self)
        self.to_open: list[Path] = []                          # draft files to open afterwards
        self.to_continue: list[recovery.RecoveryItem] = []     # untitled drafts to continue

        intro = QLabel("Lần trước baocao không được đóng bình thường (máy treo, mất điện hoặc lỗi). "
                       "Những bản thảo dưới đây có thể khôi phục:")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.restore_button = QPushButton("&Khôi phục")
        self.save_as_button = QPushButton("&Lưu thành tệp khác…")
        self.discard_button = QPushButton("&Bỏ bản này")
        self.later_button = QPushButton("Để &sau")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.save_as_button.clicked.connect(self.save_selected_as)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.reject)
        self.list.currentRowChanged.connect(self._show)

        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addWidget(self.details, 3)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.save_as_button, self.discard_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self._fill()

    # ------------------------------------------------------------ list
    def _fill(self) -> None:
        self.list.clear()
        for item in self.items:
            name = item.path.name if item.path else (item.display_name or "Bản thảo chưa đặt tên")
            entry = QListWidgetItem(f"{name}\n  tự lưu lúc {local_time_text(item.last_write)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.session_id)
            self.list.addItem(entry)
        if self.items:
            self.list.setCurrentRow(0)
        else:
            self.accept()

    def current(self) -> recovery.RecoveryItem | None:
        """The selected item."""
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show(self, row: int) -> None:
        item = self.current()
        if item is None:
            self.details.setPlainText("")
            return
        desc = item.describe(self.titles)
        text = desc.text()
        if desc.changed:
            text += "\n\nCác phần khác nhau:\n" + "\n".join(f"  • {self._name(c)}" for c in desc.changed)
        self.details.setPlainText(text)
        self.save_as_button.setEnabled(item.has_copy)
        self.restore_button.setText("&Mở lại tệp" if not item.has_copy else
                                    "&Khôi phục vào tệp gốc" if item.path else "&Tiếp tục soạn")

    def _name(self, key: str) -> str:
        if key == "meta":
            return "Thông tin chung của báo cáo"
        if key.startswith("table:"):
            return f"Bảng {key[6:]}"
        return self.titles.get(key, key)

    def _done(self, item: recovery.RecoveryItem) -> None:
        self.items.remove(item)
        self._fill()

    # ------------------------------------------------------------ actions
    def restore_selected(self) -> None:
        """Restore the selected item: reopen its file, write the copy over the original (asked), or continue it."""
        item = self.current()
        if item is None:
            return
        try:
            if not item.has_copy:
                self.to_open.append(recovery.restore(item))
            elif item.path is None:
                self.to_continue.append(item)
            else:
                if item.path.exists() and not self.confirm(
                        TITLE, f"Ghi nội dung khôi phục đè lên tệp «{item.path.name}»?\n"
                               "Tệp hiện tại sẽ được sao lưu trước."):
                    return
                self.to_open.append(recovery.restore(item, overwrite=True))
        except BaocaoError as exc:
            show_error(self, TITLE, exc)
            return
        self._done(item)

    def save_selected_as(self) -> None:
        """Write the selected recovery copy to a new file chosen by the user."""
        item = self.current()
        if item is None or not item.has_copy:
            return
        suggested = str(item.path.with_name(item.path.stem + "-khoi-phuc.baocao")) if item.path else "khoi-phuc.baocao"
        target = self.ask_path("Lưu bản khôi phục thành", suggested)
        if not target:
            return
        try:
            self.to_open.append(recovery.restore(item, target, overwrite=True))
        except BaocaoError as exc:
            show_error(self, TITLE, exc)
            return
        self._done(item)

    def discard_selected(self) -> None:
        """Drop the selected item (kept in the recovery bin for a while)."""
        item = self.current()
        if item is None:
            return
        if item.has_copy and not self.confirm(TITLE, "Bỏ bản khôi phục này? Những gì chưa lưu vào tệp sẽ không "
                                                     "được mở lại (bản sao vẫn được giữ 14 ngày trong thư mục khôi phục)."):
            return
        recovery.discard(item) if item.has_copy else recovery.forget(item)
        self._done(item)


def offer_recovery(parent: QWidget | None = None, titles: dict[str, str] | None = None,
                   **kwargs: object) -> RecoveryDialog | None:
    """A recovery dialog when crashed sessions left work behind, else None."""
    items = recovery.find_recoverable()
    return RecoveryDialog(items, titles, parent, **kwargs) if items else None  # type: ignore[arg-type]
