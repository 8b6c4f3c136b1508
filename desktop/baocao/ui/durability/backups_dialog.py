"""Backups of the open draft (user data folder): see what each holds, restore it, or save it as a file.

The window (menu "Tệp › Bản sao lưu…")::

    BackupsDialog(session, apply_edit=undo_stack_push, parent=window).exec()
    # dialog.to_open: files written with "Lưu thành tệp riêng…" that the user may want to open

and when a file cannot be opened (damaged), from the error message::

    BackupsDialog(path=damaged_path, parent=window).exec()   # then open dialog.to_open

Restoring into the open draft is a ``ReplaceDraft`` edit given to
``apply_edit`` (undoable); saving a backup as a separate file never touches
the open draft.  Without a session, "Khôi phục" writes the backup over the
(damaged) file, which is itself backed up first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...edits import Edit
from ...errors import BaocaoError
from ...session import DraftSession
from ...storage import backups
from .common import AskPath, Confirm, ask_path_with, changed_sections, confirm_with, section_titles, show_error

TITLE = "Bản sao lưu"


class BackupsDialog(QDialog):
    """The newest copies of this draft, with what differs from the draft being edited."""

    def __init__(self, session: DraftSession | None = None, apply_edit: Callable[[Edit], object] | None = None,
                 parent: QWidget | None = None, confirm: Confirm | None = None, ask_path: AskPath | None = None,
                 path: Path | None = None):
        super().__init__(parent)
        self.session = session
        self.path = Path(path) if path is not None else (session.path if session else None)
        self.setWindowTitle(f"{TITLE} — {session.display_name() if session else self.path.name if self.path else ''}")
        self.apply_edit = apply_edit or (session.apply if session else None)
        self.confirm = confirm or confirm_with(self)
        self.ask_path = ask_path or ask_path_with(self)
        self.titles = section_titles(session.pack if session else None)
        self.to_open: list[Path] = []
        self._backups: list[backups.BackupInfo] = []

        intro = QLabel(f"baocao giữ {backups.KEEP} bản sao gần nhất của tệp này (khi mở và mỗi lần lưu), "
                       "trong thư mục dữ liệu của người dùng.")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.restore_button = QPushButton("&Khôi phục vào bản đang soạn" if session else "&Khôi phục đè lên tệp")
        self.save_as_button = QPushButton("&Lưu thành tệp riêng…")
        self.folder_button = QPushButton("Mở &thư mục")
        self.close_button = QPushButton("Đó&ng")
        self.restore_button.clicked.connect(self.restore_selected)
        self.save_as_button.clicked.connect(self.save_selected_as)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.accept)
        self.list.currentRowChanged.connect(self._show)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addWidget(self.details, 3)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.save_as_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self.refresh()

    @property
    def _writable(self) -> bool:
        return self.session is None or not self.session.read_only

    def refresh(self) -> None:
        """Reload the list."""
        if self.session is not None and self.path == self.session.path:
            self._backups = self.session.backups()          # waits for the copy made on opening
        else:
            self._backups = backups.list_backups(self.path) if self.path else []
        self.list.clear()
        for info in self._backups:
            self.list.addItem(info.label())
        if self._backups:
            self.list.setCurrentRow(0)
        else:
            self.details.setPlainText("Chưa có bản sao lưu nào của tệp này." if self.path else
                                      "Bản thảo chưa được lưu thành tệp nên chưa có bản sao lưu.")
        self.save_as_button.setEnabled(bool(self._backups))
        self.restore_button.setEnabled(bool(self._backups) and self._writable)

    def current(self) -> backups.BackupInfo | None:
        row = self.list.currentRow()
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def _show(self, row: int) -> None:
        info = self.current()
        if info is None:
            return
        try:
            content = backups.load_backup(info)
        except BaocaoError as exc:
            self.details.setPlainText(f"Không đọc được bản sao này: {exc.message}")
            self.restore_button.setEnabled(False)
            return
        lines = [info.label(), ""]
        if self.session is None:
            filled = [s for s, data in content.sections.items() if not data.is_empty()]
            lines.append(f"Có nội dung ở {len(filled)} mục, {len(content.tables)} bảng.")
        elif changed := changed_sections(content, self.session.draft):
            lines.append(f"Khác bản đang soạn ở {len(changed)} mục:")
            lines += [f"  • {self.titles.get(s, s)}" for s in changed]
        else:
            lines.append("Nội dung các mục giống bản đang soạn.")
        self.details.setPlainText("\n".join(lines))
        self.restore_button.setEnabled(self._writable)

    def restore_selected(self) -> None:
        """Replace the draft being edited with the backup (undoable), or write it over the damaged file."""
        info = self.current()
        if info is None:
            return
        if self.session is None:
            if self.path is None or not self.confirm(
                    TITLE, f"Ghi bản sao lưu {info.label()} đè lên tệp «{self.path.name}»?\n"
                           "Tệp hiện tại được giữ lại trong các bản sao lưu trước khi ghi đè."):
                return
            try:
                self.to_open.append(backups.restore_backup(info, self.path, overwrite=True))
            except BaocaoError as exc:
                show_error(self, TITLE, exc)
                return
            self.refresh()
            return
        if not self.confirm(TITLE, f"Thay nội dung bản đang soạn bằng bản sao lưu {info.label()}?\n"
                                   "Có thể hoàn tác bằng Ctrl+Z."):
            return
        try:
            self.apply_edit(self.session.backup_edit(info))
        except BaocaoError as exc:
            show_error(self, TITLE, exc)
            return
        self._show(self.list.currentRow())

    def save_selected_as(self) -> None:
        """Write the backup to a separate draft file."""
        info = self.current()
        if info is None:
            return
        base = self.path
        suggested = str(base.with_name(base.stem + "-ban-sao.baocao")) if base else "ban-sao.baocao"
        target = self.ask_path("Lưu bản sao lưu thành", suggested)
        if not target:
            return
        try:
            self.to_open.append(backups.restore_backup(info, target, overwrite=True))
        except BaocaoError as exc:
            show_error(self, TITLE, exc)

    def open_folder(self) -> None:
        """Show the backup folder in the file manager."""
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(backups.backup_folder(self.path))))
