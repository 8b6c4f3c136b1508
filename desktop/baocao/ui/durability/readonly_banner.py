"""The bar above the editor while a draft is open read-only: why, and what the drafter can do.

A draft is read-only when someone else holds its lock (opened with "Mở chỉ
đọc"), when its file or folder cannot be written, or when someone took the
file over from this window.  The bar says which, and offers the way out that
fits: take the file over (the lock is held elsewhere) or save a copy
elsewhere (the place cannot be written).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from .. import strings as S

BANNER_STYLE = ("QFrame#readOnlyBanner { background: #fff4ce; border: 1px solid #e0b400; border-radius: 3px; }"
                "QFrame#readOnlyBanner QLabel { color: #3d3000; }")


@dataclass(frozen=True)
class ReadOnlyState:
    """Why the open draft cannot be edited (``reason`` in Vietnamese) and which way out applies."""

    reason: str
    can_take_over: bool        # the lock is held by someone else: taking it over makes the draft editable


class ReadOnlyBanner(QFrame):
    """Yellow bar: "Đang mở chỉ đọc — …" with "Giành quyền sửa" or "Lưu thành bản khác…"."""

    takeOverRequested = Signal()
    saveCopyRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.take_over = QPushButton(S.READ_ONLY_TAKE_OVER, self)
        self.take_over.setToolTip(S.READ_ONLY_TAKE_OVER_TIP)
        self.save_copy = QPushButton(S.READ_ONLY_SAVE_COPY, self)
        self.save_copy.setToolTip(S.READ_ONLY_SAVE_COPY_TIP)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.take_over)
        layout.addWidget(self.save_copy)
        self.take_over.clicked.connect(self.takeOverRequested)
        self.save_copy.clicked.connect(self.saveCopyRequested)
        self.hide()

    def show_state(self, state: ReadOnlyState | None) -> None:
        """Show the bar for *state*, or hide it (None: the draft can be edited)."""
        if state is None:
            self.hide()
            return
        self.text.setText(f"<b>{S.READ_ONLY_NOTE}.</b> {state.reason} {S.READ_ONLY_NO_TYPING}")
        self.take_over.setVisible(state.can_take_over)
        self.show()
