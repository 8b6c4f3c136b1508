"""A draft is open for editing elsewhere: open read-only, take over (after a clear warning), or cancel.

The window opens files with::

    session = open_with_lock_dialog(path, parent)   # None when the user cancelled
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...session import DraftSession
from ...storage.locking import STALE_AFTER_SECONDS, DraftLockedError

TITLE = "Tệp đang được mở ở nơi khác"


class LockChoice(Enum):
    """What the user chose."""

    CANCEL = "huy"
    READ_ONLY = "chi-doc"
    TAKE_OVER = "gianh-quyen"


class LockDialog(QDialog):
    """Who has the file and since when; "Mở chỉ đọc" / "Giành quyền sửa" / "Hủy"."""

    def __init__(self, error: DraftLockedError, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.error = error
        self.choice = LockChoice.CANCEL
        info = error.info
        stale = info.is_stale()
        text = (f"<p>Tệp <b>«{error.path.name}»</b> đang được mở để sửa bởi <b>{info.describe()}</b>.</p>")
        if stale:
            text += (f"<p>Phiên đó có vẻ đã dừng (không hoạt động quá {STALE_AFTER_SECONDS // 60} phút "
                     "hoặc chương trình đã tắt).</p>")
        text += ("<p>Bạn có thể <b>mở chỉ đọc</b> để xem (sửa thì lưu ra tệp khác), hoặc <b>giành quyền sửa</b>. "
                 "Khi giành quyền, người kia sẽ không lưu được vào tệp này nữa — những gì họ gõ sau đó chỉ còn "
                 "trong bản khôi phục trên máy họ.</p>")
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.understood = QCheckBox("Tôi đã hỏi người đang mở tệp, hoặc chắc chắn họ không còn sửa.")
        self.understood.setChecked(stale)
        self.read_only_button = QPushButton("Mở &chỉ đọc")
        self.take_over_button = QPushButton("&Giành quyền sửa")
        self.cancel_button = QPushButton("&Hủy")
        self.read_only_button.setDefault(True)
        self.take_over_button.setEnabled(stale)
        self.understood.toggled.connect(self.take_over_button.setEnabled)
        self.read_only_button.clicked.connect(lambda: self._choose(LockChoice.READ_ONLY))
        self.take_over_button.clicked.connect(lambda: self._choose(LockChoice.TAKE_OVER))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_only_button)
        buttons.addWidget(self.take_over_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.understood)
        layout.addLayout(buttons)
        self.resize(560, 260)

    def _choose(self, choice: LockChoice) -> None:
        self.choice = choice
        self.accept()


def open_with_lock_dialog(path: str | os.PathLike[str], parent: QWidget | None = None) -> DraftSession | None:
    """Open *path* for editing; when it is locked, ask and open read-only or take over (None: cancelled).

    Other ``DraftFileError``s propagate for the caller to show.
    """
    try:
        return DraftSession.open(Path(path))
    except DraftLockedError as error:
        dialog = LockDialog(error, parent)
        dialog.exec()
        if dialog.choice is LockChoice.READ_ONLY:
            return DraftSession.open(Path(path), read_only=True)
        if dialog.choice is LockChoice.TAKE_OVER:
            return DraftSession.open(Path(path), take_over=True)
        return None
