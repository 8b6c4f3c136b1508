"""Hooks "drafts that never lose work" into the window.

- start-up: offer to restore what a crashed session left (``offer_recovery_at_start``);
- open: a locked file asks "Mở chỉ đọc / Giành quyền sửa / Hủy"; a damaged file offers its backups;
- while editing: the autosave status from the writer thread is shown in the status bar, a
  failed write becomes a lasting warning (and the title shows unsaved changes), and a 30 s
  heartbeat keeps the lock alive and notices a take-over;
- menus: version history, named versions, backups.

The dialogs themselves live in ``baocao.ui.durability``; this module only wires them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ..errors import BaocaoError, DraftFileError, DraftVersionError
from ..session import DraftSession
from . import prompts
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..storage.autosave import AutosaveStatus
    from .durability.readonly_banner import ReadOnlyState
    from .main_window import MainWindow

HEARTBEAT_MS = 30_000


class Safekeeping(QObject):
    """Recovery, locks, autosave status, heartbeat, history and backups for one window."""

    statusArrived = Signal(object)   # AutosaveStatus, emitted from the writer thread

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self.controller.session_opener = self.open_session
        self.controller.sessionChanged.connect(self._session_changed)
        self.controller.saved.connect(self._saved)
        window.read_only_banner.takeOverRequested.connect(self.take_over)
        window.read_only_banner.saveCopyRequested.connect(lambda: self.controller.save_as())
        self.statusArrived.connect(self._show_status)      # queued: delivered on the window's thread
        self.heartbeat_timer = QTimer(self)
        self.heartbeat_timer.setInterval(HEARTBEAT_MS)
        self.heartbeat_timer.timeout.connect(self.heartbeat)
        self._lock_loss_reported = False

    # ------------------------------------------------------------ start-up
    def offer_recovery_at_start(self) -> bool:
        """Offer what crashed sessions left behind; True when something was opened from it."""
        from ..storage.recovery import find_recoverable

        if not find_recoverable():
            return False                  # the usual start: no dialog module to load
        from ..template import load_pack
        from .durability import offer_recovery

        from .durability.common import section_titles

        try:
            titles = section_titles(load_pack(self._default_pack_id()))
        except BaocaoError:
            titles = {}
        dialog = offer_recovery(self.window, titles)
        if dialog is None or not dialog.exec():
            return False
        opened = False
        for path in dialog.to_open:
            opened = self.controller.open_path(path, ask=False) or opened
        for item in dialog.to_continue:
            try:
                self.controller.set_session(DraftSession.from_recovery(item))
                opened = True
            except BaocaoError as exc:
                prompts.show_error(self.window, S.OPEN_FAILED_TITLE, exc)
        return opened

    @staticmethod
    def _default_pack_id() -> str:
        from ..constants import DEFAULT_TEMPLATE_ID

        return DEFAULT_TEMPLATE_ID

    # ------------------------------------------------------------ opening
    def open_session(self, path: Path) -> DraftSession | None:
        """Open *path*, asking when it is locked; offer backups when it is damaged.  None: cancelled."""
        from .durability import open_with_lock_dialog

        try:
            return open_with_lock_dialog(path, self.window)
        except DraftVersionError:
            raise
        except DraftFileError as exc:
            if not self._offer_backups_for(path, exc):
                raise
            return open_with_lock_dialog(path, self.window)

    def _offer_backups_for(self, path: Path, error: DraftFileError) -> bool:
        """When *path* cannot be read but backups exist, show them; True when one was written over it."""
        from ..storage.backups import list_backups

        if not list_backups(path):
            return False
        answer = QMessageBox.question(
            self.window, S.OPEN_FAILED_TITLE, f"{error.user_text()}\n\n{S.OFFER_BACKUPS}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from .durability import BackupsDialog

        dialog = BackupsDialog(path=path, parent=self.window)
        dialog.exec()
        return bool(dialog.to_open)

    # ------------------------------------------------------------ while editing
    def _session_changed(self) -> None:
        session = self.controller.session
        self._lock_loss_reported = False
        self.window.autosave_label.setStyleSheet("")
        self.window.autosave_label.setText("")        # the previous draft's last autosave is not this one's
        if session is None:
            self.heartbeat_timer.stop()
            return
        session.set_autosave_listener(self.statusArrived.emit)
        self.heartbeat_timer.start()
        self.refresh_read_only()

    def _saved(self, _path: str) -> None:
        """After Lưu / Lưu thành…: the label tells when, and "Lưu thành…" may have lifted read-only."""
        from PySide6.QtCore import QTime

        self.window.autosave_label.setStyleSheet("")
        self.window.autosave_label.setText(S.SAVED_AT.format(time=QTime.currentTime().toString("HH:mm")))
        self.refresh_read_only()

    def read_only_state(self) -> "ReadOnlyState | None":
        """Why the open draft cannot be edited, or None when it can."""
        from ..storage.locking import read_lock
        from .durability.readonly_banner import ReadOnlyState

        session = self.controller.session
        if session is None or not self.controller.is_read_only():
            return None
        holder = read_lock(session.path) if session.path is not None else None
        if session.lock_lost:
            who = holder.describe() if holder is not None else "người khác"
            return ReadOnlyState(S.READ_ONLY_TAKEN.format(who=who), True)
        reason = getattr(session, "read_only_reason", "")
        if reason:                                   # the file or its folder cannot be written
            return ReadOnlyState(reason, False)
        if holder is not None:
            return ReadOnlyState(S.READ_ONLY_LOCKED.format(who=holder.describe()), True)
        return ReadOnlyState(S.READ_ONLY_LOCK_GONE, True)

    def refresh_read_only(self) -> None:
        """Show (or lift) the read-only state in the window."""
        state = self.read_only_state()
        self.window.show_read_only(state)
        if state is not None:
            self.window.autosave_label.setText(S.READ_ONLY_NOTE)

    def take_over(self) -> bool:
        """Ask, then reopen the draft for editing, taking the lock from whoever holds it."""
        session = self.controller.session
        if session is None or session.path is None:
            return False
        from ..storage.locking import read_lock

        holder = read_lock(session.path)
        who = f"Tệp đang được {holder.describe()} mở. " if holder is not None else ""
        answer = QMessageBox.question(self.window, S.TAKE_OVER_TITLE,
                                      S.TAKE_OVER_QUESTION.format(name=session.path.name, holder=who),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        path = session.path
        try:
            fresh = DraftSession.open(path, take_over=True)
        except BaocaoError as exc:
            prompts.show_error(self.window, S.TAKE_OVER_TITLE, exc)
            return False
        self.controller.set_session(fresh)
        self.controller.message.emit(S.OPENED.format(name=path.name))
        return True

    def _show_status(self, status: "AutosaveStatus") -> None:
        """Show where the edits are; a failed write stays visible until a write succeeds."""
        label = self.window.autosave_label
        if status.error is not None:
            note = S.AUTOSAVE_IN_RECOVERY if status.in_recovery else S.AUTOSAVE_NOT_SAVED
            label.setText(f"⚠ {status.error.message} {note}")
            label.setStyleSheet("color: #b00020;")
            self.controller.undo_stack.resetClean()
            self.controller.stateChanged.emit()
        elif not status.pending and status.last_saved_at is not None:
            label.setStyleSheet("")
            where = S.AUTOSAVE_WHERE_RECOVERY if status.in_recovery else ""
            label.setText(S.AUTOSAVED.format(time=status.last_saved_at.astimezone().strftime("%H:%M")) + where)

    def heartbeat(self) -> None:
        """Keep the lock fresh; tell the drafter once when someone took the file over."""
        session = self.controller.session
        if session is None:
            return
        try:
            alive = session.heartbeat()
        except BaocaoError:
            alive = True
        if not alive and not self._lock_loss_reported:
            self._lock_loss_reported = True
            self.refresh_read_only()
            error = session.autosave_status().error
            detail = error.message if error is not None else ""
            prompts.show_error(self.window, S.LOCK_LOST_TITLE, f"{detail}\n{S.LOCK_LOST_TEXT}".strip())

    # ------------------------------------------------------------ menus
    def show_history(self) -> None:
        """The version history of the open draft (restores are undoable)."""
        session = self.controller.session
        if session is None:
            return
        from .durability import HistoryDialog

        HistoryDialog(session, apply_edit=self.controller.push, parent=self.window,
                      titles=self.window.outline.numbered_titles()).exec()

    def save_named_version(self) -> None:
        """Ask a name and keep the current state as a named version inside the file."""
        session = self.controller.session
        if session is None:
            return
        if session.path is None or session.read_only:
            prompts.show_error(self.window, S.HISTORY_TITLE, S.NAMED_VERSION_READ_ONLY if session.path is not None
                               else S.NAMED_VERSION_NEEDS_FILE)
            return
        name, ok = QInputDialog.getText(self.window, S.HISTORY_TITLE, S.NAMED_VERSION_PROMPT)
        if not ok or not name.strip():
            return
        try:
            session.save_named_version(name.strip())
        except BaocaoError as exc:
            prompts.show_error(self.window, S.HISTORY_TITLE, exc)
            return
        self.controller.message.emit(S.NAMED_VERSION_SAVED.format(name=name.strip()))

    def show_backups(self) -> None:
        """The rotating backups of the open draft (restores are undoable)."""
        session = self.controller.session
        if session is None or session.path is None:
            prompts.show_error(self.window, S.BACKUPS_TITLE, S.BACKUPS_NEED_FILE)
            return
        from .durability import BackupsDialog

        BackupsDialog(session, apply_edit=self.controller.push, parent=self.window).exec()
