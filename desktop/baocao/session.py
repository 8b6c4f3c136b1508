"""A drafting session: one open draft, its file and its pack.  No Qt.

The window talks to drafts only through ``DraftSession``, so the crash tests
drive exactly the code the window uses, from a child process, without a
display.  What the window calls (dialogs in ``baocao.ui.durability``):

- start-up: ``storage.recovery.find_recoverable()`` → ``RecoveryDialog``;
- open: ``DraftSession.open(path)``; ``DraftLockedError`` → ``LockDialog`` →
  ``open(path, read_only=True)`` or ``open(path, take_over=True)``
  (``ui.durability.open_with_lock_dialog`` does all three);
- every edit: ``apply(edit)`` / ``revert(edit)`` (or ``note_edit(keys)``), then
  restart a 2-second single-shot timer whose timeout calls ``autosave()``;
- after a write (listener, or polling): ``autosave_status()`` — counters, error;
- every 30 s: ``heartbeat()`` (lock and crash marker); False → lock lost;
- Ctrl+S: ``save()``; Save As: ``save_as(path)``; close: ``close()``
  (``close(discard=True)`` when the drafter chose not to keep an untitled draft).

Autosave writes the draft file itself (incrementally, on a background
thread); a draft without a writable file autosaves to its recovery copy.
History (versions inside the file) and backups are reached through this
class too, and restoring goes through ``apply`` so it can be undone.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from .drafts import new_draft
from .edits import (
    CompoundEdit, Edit, ReplaceDraft, RestoreSection, SetExtra, SetFieldValue, SetMeta, SetSectionBody, SetSectionStatus,
    SetTableRows,
)
from .errors import DraftFileError
from .fsutil import draft_name_problem, same_file
from .ids import uuid4_hex
from .model.draft import Draft, SectionData
from .storage import backups, check_path_text, recovery
from .storage.autosave import Autosaver, AutosaveStatus
from .storage.draftfile import DraftFile, DraftReadOnlyFileError, writable
from .storage.history import NAMED, SAVE, VersionInfo
from .storage.integrity import check_header
from .storage.interchange import load_json_draft
from .storage.locking import DraftLock
from .storage.proc import now_utc
from .storage.rows import META_KEY, SaveBatch, extra_key, section_key, table_key
from .template import Pack, load_pack

log = logging.getLogger(__name__)


def edit_keys(edit: Edit) -> set[str] | None:
    """The rows an edit changes (None: possibly anything, save the whole draft)."""
    if isinstance(edit, (SetSectionBody, SetFieldValue, SetSectionStatus, RestoreSection)):
        return {section_key(edit.section)}
    if isinstance(edit, SetMeta):
        return {META_KEY}
    if isinstance(edit, SetTableRows):
        return {table_key(edit.table)}
    if isinstance(edit, SetExtra):
        return {extra_key(edit.name)}
    if isinstance(edit, CompoundEdit):
        keys: set[str] = set()
        for part in edit.parts:
            part_keys = edit_keys(part)
            if part_keys is None:
                return None
            keys |= part_keys
        return keys
    return None


class DraftSession:
    """One draft being edited, with the file it lives in (None while untitled)."""

    def __init__(self, draft: Draft, pack: Pack, handle: DraftFile | None = None, source: Path | None = None, *,
                 lock: DraftLock | None = None, threaded: bool = True, session_id: str | None = None,
                 read_only_reason: str = "", recovery_handle: DraftFile | None = None):
        self.draft = draft
        self.pack = pack
        self._handle = handle
        self.source = source          # file the draft was imported from when it is not a draft file
        self.session_id = session_id or uuid4_hex()
        self.read_only_reason = read_only_reason   # why a file opened read-only ("" when asked for)
        self.edit_counter = 0         # increases with every edit; autosave acknowledges up to a value
        self.backup_error: DraftFileError | None = None   # the last failed backup (work is unaffected)
        self._lock = lock
        self._dirty: set[str] | None = set()   # rows changed since the last autosave (None: all)
        self._submitted = 0           # edit counter of the last autosave handed to the writer
        self._started = now_utc()
        self._marker = False
        main = handle if handle is not None and not handle.read_only else None
        if main is not None and lock is not None:
            main.write_guard = lock.check
        self._autosaver = Autosaver(self.session_id, main, threaded)
        self._autosaver.recovery = recovery_handle
        if main is not None or recovery_handle is not None:
            self._write_marker()

    # ------------------------------------------------------------ creating
    @classmethod
    def new(cls, pack: Pack, draft: Draft | None = None, *, threaded: bool = True) -> "DraftSession":
        """An untitled session for a new draft of *pack* (autosaved to a recovery copy)."""
        return cls(draft or new_draft(pack), pack, threaded=threaded)

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False, *, take_over: bool = False,
             threaded: bool = True) -> "DraftSession":
        """Open a draft file (``.json`` interchange files open untitled, as an import).

        Raises ``DraftLockedError`` (with ``.info``) when someone else has the
        file open for editing, unless *read_only* or *take_over*.  A file that
        cannot be written opens read-only, with ``read_only_reason`` saying why.
        """
        check_path_text(path)
        path = Path(path)
        if path.suffix.lower() == ".json":
            draft = load_json_draft(path)
            return cls(draft, load_pack(draft.template_id), None, source=path, threaded=threaded)
        check_header(path)
        session_id = uuid4_hex()
        reason, lock = "", None
        too_long = draft_name_problem(path)
        if not read_only and too_long:
            read_only, reason = True, f"{too_long} Hãy dùng «Lưu thành…» với tên ngắn hơn để sửa tiếp."
        elif not read_only and not writable(path):
            read_only, reason = True, "Tệp hoặc thư mục chứa tệp chỉ cho phép đọc."
        if not read_only:
            try:
                lock = DraftLock.acquire(path, take_over, session_id)
            except OSError:
                read_only, reason = True, "Không tạo được tệp khóa bên cạnh tệp (thư mục không cho ghi)."
        handle = None
        try:
            try:
                handle = DraftFile.open(path, read_only, before_migrate=cls._backup_before_migrate)
            except DraftReadOnlyFileError as exc:
                if lock is not None:
                    lock.release()
                    lock = None
                read_only, reason = True, exc.message
                handle = DraftFile.open(path, True)
            draft = handle.load()
            pack = load_pack(draft.template_id)
        except BaseException:
            if handle is not None:
                handle.close()
            if lock is not None:
                lock.release()
            raise
        session = cls(draft, pack, handle, lock=lock, threaded=threaded, session_id=session_id,
                      read_only_reason=reason)
        if not read_only:
            # the copy "as opened" is made on the writer thread (the window is drawn meanwhile), before
            # anything is written to the file: the "as opened" history entry is queued after it
            session._autosaver.run_in_order(lambda: session._backup("mo"))
            session._autosaver.submit(draft, session.section_order(), set(), 0, ("auto", ""))  # "as opened"
        return session

    @classmethod
    def from_recovery(cls, item: recovery.RecoveryItem, *, threaded: bool = True) -> "DraftSession":
        """Continue a recovered draft as an untitled session (its recovery copy, history included, is kept)."""
        if item.recovery is None:
            if item.path is None:
                raise DraftFileError("Không còn dữ liệu để khôi phục.", "Mục này có thể đã được khôi phục ở cửa sổ khác.")
            recovery.forget(item)
            return cls.open(item.path, threaded=threaded)
        handle = DraftFile.open(item.recovery)
        try:
            draft = handle.load()
            pack = load_pack(draft.template_id)
        except BaseException:
            handle.close()
            raise
        recovery.forget(item)
        return cls(draft, pack, None, threaded=threaded, session_id=item.session_id, recovery_handle=handle)

    # ------------------------------------------------------------ state
    @property
    def path(self) -> Path | None:
        """The draft file, or None while untitled."""
        return self._handle.path if self._handle else None

    @property
    def read_only(self) -> bool:
        """True when the file was opened read-only."""
        return bool(self._handle and self._handle.read_only)

    @property
    def lock_notice(self) -> str:
        """A note for the drafter when opening replaced a damaged lock file ("" otherwise)."""
        if self._lock is not None and self._lock.replaced_damaged:
            return ("Tệp khóa cũ bên cạnh bản thảo bị hỏng (không đọc được) nên được coi như phiên làm việc cũ "
                    "đã dừng và đã được thay bằng khóa mới.")
        return ""

    @property
    def lock_lost(self) -> bool:
        """True when someone else took over the file (this session no longer writes it)."""
        return bool(self._lock and self._lock.lost_to is not None)

    def is_modified(self) -> bool:
        """True when there are edits not yet in the draft file (always True while untitled)."""
        if self._handle is None or self._handle.read_only or self.lock_lost:
            return self._handle is None or self.edit_counter > 0
        status = self._autosaver.status()
        return self.edit_counter > status.file_counter or status.in_recovery

    def display_name(self) -> str:
        """File name for the title bar ("Chưa đặt tên" while untitled)."""
        if self.path:
            return self.path.name
        if self.source:
            return self.source.stem + " (chưa lưu)"
        return "Chưa đặt tên"

    def section_order(self) -> list[str]:
        """Section ids in the pack's order."""
        return [s.id for s in self.pack.sections]

    def autosave_status(self) -> AutosaveStatus:
        """Where the edits are: counters, pending write, last error, whether only in the recovery copy."""
        return self._autosaver.status()

    def set_autosave_listener(self, listener: Callable[[AutosaveStatus], None] | None) -> None:
        """Called (from the writer thread!) after each background write; the window re-emits it as a signal."""
        self._autosaver.listener = listener

    # ------------------------------------------------------------ editing and saving
    def note_edit(self, keys: set[str] | None = None) -> int:
        """Record that the draft changed (in rows *keys*, or anywhere); returns the edit's sequence number."""
        self.edit_counter += 1
        if keys is None or self._dirty is None:
            self._dirty = None
        else:
            self._dirty |= keys
        return self.edit_counter

    def apply(self, edit: Edit) -> int:
        """Apply *edit* to the draft and record it; returns the edit's sequence number."""
        edit.apply(self.draft)
        return self.note_edit(edit_keys(edit))

    def revert(self, edit: Edit) -> int:
        """Undo *edit* and record that as an edit too."""
        edit.revert(self.draft)
        return self.note_edit(edit_keys(edit))

    def autosave(self) -> bool:
        """Queue the edits made since the last autosave for writing; True when something was queued.

        Cheap on the calling thread (serializes only changed rows).  Raises
        ``DraftFileError`` only when an untitled draft's recovery copy cannot
        be created; failures of the background write are in ``autosave_status().error``.
        """
        status = self._autosaver.status()
        retry = status.error is not None and not status.pending and self.edit_counter > 0
        if self.edit_counter == self._submitted and not retry:
            return False
        if retry:   # the last write failed: try the whole draft again
            self._dirty = None
        keys, self._dirty = self._dirty, set()
        try:
            queued = self._autosaver.submit(self.draft, self.section_order(), keys, self.edit_counter)
        except DraftFileError:
            self._dirty = None
            raise
        self._submitted = self.edit_counter
        if not self._marker:
            self._write_marker()
        return queued

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until queued autosaves are written; False on timeout."""
        return self._autosaver.flush(timeout)

    def save(self) -> int:
        """Write the whole draft to the file now (+ a history entry and a backup); returns rows written."""
        if self._handle is None:
            raise DraftFileError("Bản thảo chưa có tên tệp.", "Hãy dùng «Lưu thành…» để chọn nơi lưu.")
        if self._handle.read_only:
            raise DraftFileError(f"Tệp «{self._handle.path.name}» đang mở ở chế độ chỉ đọc.",
                                 "Hãy dùng «Lưu thành…» để lưu ra tệp khác.")
        written = self._save_now((SAVE, ""))
        self._backup("luu")
        return written

    def _save_now(self, snapshot: tuple[str, str]) -> int:
        self._dirty = set()
        self._submitted = self.edit_counter
        try:
            written = self._autosaver.save_now(self.draft, self.section_order(), self.edit_counter, snapshot)
        except DraftFileError:
            self._dirty = None
            raise
        self._autosaver.snapshot_due()
        return written

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Write the whole draft to a new file (atomic, history kept) and continue editing that file."""
        check_path_text(path)
        path = Path(path)
        too_long = draft_name_problem(path)
        if too_long:
            raise DraftFileError(too_long, "Hãy đặt tên tệp ngắn hơn.")
        if self._handle is not None and not self._handle.read_only and same_file(path, self._handle.path):
            self.save()
            return
        self._autosaver.flush()
        try:
            lock = DraftLock.acquire(path, session_id=self.session_id)
        except OSError as exc:
            raise DraftFileError(f"Không ghi được vào thư mục «{path.parent}».",
                                 "Hãy chọn thư mục khác rồi thử lại.") from exc
        try:
            if path.exists():
                self._backup_path(path, "truoc-ghi-de")
            handle = self._create_keeping_history(path)
        except BaseException:
            lock.release()
            raise
        old_handle, old_lock = self._handle, self._lock
        self._handle, self._lock = handle, lock
        handle.write_guard = lock.check
        self._autosaver.reset_to(handle, self.edit_counter)
        self._dirty, self._submitted = set(), self.edit_counter
        self.source, self.read_only_reason = None, ""
        if old_handle is not None:
            old_handle.close()
        if old_lock is not None:
            old_lock.release()
        self._write_marker()
        self._backup("luu")

    def _create_keeping_history(self, path: Path) -> DraftFile:
        """Write the draft to a new file, with the history of the current file (or recovery copy) if readable."""
        sources = [h for h in (self._handle, self._autosaver.recovery) if h is not None]
        for source in sources:
            try:
                return DraftFile.create(path, self.draft, self.section_order(), copy_of=source, snapshot=(SAVE, ""))
            except DraftFileError as exc:
                if exc.location.file == str(path):   # the target failed, not the source: no point retrying
                    raise
                log.warning("history not copied from %s: %s", source.path, exc.message)
        return DraftFile.create(path, self.draft, self.section_order(), snapshot=(SAVE, ""))

    def heartbeat(self) -> bool:
        """Every ~30 s: refresh the lock and the crash marker, retry a failed autosave.

        False when the lock was taken over (``autosave_status().error`` then says by whom).
        """
        ok = self._lock.refresh() if self._lock is not None else True
        if self._marker:
            self._write_marker()
        if self._autosaver.status().error is not None:
            with contextlib.suppress(DraftFileError):
                self.autosave()
        return ok

    def close(self, discard: bool = False) -> None:
        """Release the file.  Clean exit: marker removed; work not in any file is kept for recovery.

        Raises ``DraftFileError`` (and stays open) when the newest edits could
        not be written anywhere — the window must then offer Save As.
        *discard*: the drafter chose not to keep edits that are not in the file
        (an untitled draft goes to the recovery bin for a few days).
        """
        if not discard:
            with contextlib.suppress(DraftFileError):
                self.autosave()
            self._autosaver.flush()
            if self._autosaver.status().saved_counter < self.edit_counter:
                raise DraftFileError("Chưa lưu được những thay đổi mới nhất, nên chưa đóng bản thảo.",
                                     "Hãy dùng «Lưu thành…» để lưu ra thư mục hoặc ổ đĩa khác, rồi đóng lại.")
        self._autosaver.flush()
        status = self._autosaver.status()
        in_file = (self._handle is not None and not self._handle.read_only and not self.lock_lost
                   and not status.in_recovery and status.file_counter >= self.edit_counter)
        copy = self._autosaver.recovery_path
        self._autosaver.close()
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if in_file or not copy.exists():
            self._autosaver.drop_recovery()
            recovery.remove_marker(self.session_id)
        elif discard:
            recovery.discard(recovery.RecoveryItem(self.session_id, None, copy, None, None, "",
                                                   recovery.marker_path(self.session_id)))
        # else: the marker stays, so the next start offers the recovery copy

    # ------------------------------------------------------------ history (versions inside the file)
    def _history_handle(self) -> DraftFile | None:
        self._autosaver.flush()
        return self._handle or self._autosaver.recovery

    def versions(self) -> list[VersionInfo]:
        """Versions of this draft, newest first."""
        handle = self._history_handle()
        return handle.versions() if handle is not None else []

    def view_version(self, version_id: int) -> Draft:
        """A version's content (to preview; not applied)."""
        handle = self._history_handle()
        if handle is None:
            raise DraftFileError("Bản thảo chưa có lịch sử phiên bản.", "Hãy lưu bản thảo trước.")
        return handle.load_version(version_id)

    def save_named_version(self, name: str) -> VersionInfo | None:
        """Save now and keep this state as a named version ("Gửi lãnh đạo duyệt 12/6")."""
        name = name.strip()
        if not name:
            raise DraftFileError("Hãy đặt tên cho phiên bản.", "Ví dụ: «Gửi lãnh đạo duyệt 12/6».")
        if self._handle is not None and not self._handle.read_only:
            self._save_now((NAMED, name))
        elif self._autosaver.recovery is not None or self._handle is None:
            self.autosave()
            self._autosaver.flush()
            target = self._autosaver.recovery
            if target is None:
                self._autosaver.submit(self.draft, self.section_order(), None, self.edit_counter)
                self._autosaver.flush()
                target = self._autosaver.recovery
            assert target is not None
            target.commit(SaveBatch(counter=self.edit_counter, snapshot=(NAMED, name)))
        else:
            raise DraftFileError("Tệp đang mở ở chế độ chỉ đọc.", "Hãy dùng «Lưu thành…» trước.")
        return next((v for v in self.versions() if v.kind == NAMED), None)

    def version_edit(self, version_id: int, section_id: str | None = None) -> Edit:
        """The (undoable) edit restoring one section, or the whole draft, from a version."""
        content = self.view_version(version_id)
        if section_id is not None:
            return RestoreSection.make(self.draft, section_id, content.sections.get(section_id) or SectionData())
        return ReplaceDraft.make(self.draft, content)

    def restore_version(self, version_id: int, section_id: str | None = None) -> Edit:
        """Apply ``version_edit`` now and return it (for the window's undo stack)."""
        edit = self.version_edit(version_id, section_id)
        self.apply(edit)
        return edit

    # ------------------------------------------------------------ backups
    def backups(self) -> list[backups.BackupInfo]:
        """Backups of this draft's file, newest first (the one made on opening included)."""
        self._autosaver.flush()
        return backups.list_backups(self.path) if self.path else []

    def backup_edit(self, info: backups.BackupInfo) -> Edit:
        """The (undoable) edit replacing the draft with a backup's content."""
        return ReplaceDraft.make(self.draft, backups.load_backup(info))

    def _backup(self, reason: str) -> None:
        if self._handle is None:
            return
        try:
            backups.make_backup(self._handle, reason)
            self.backup_error = None
        except (DraftFileError, OSError) as exc:   # a safety net must never stop the work
            log.warning("backup failed: %s", exc)
            self.backup_error = exc if isinstance(exc, DraftFileError) else None

    def _backup_path(self, path: Path, reason: str) -> None:
        with contextlib.suppress(DraftFileError, OSError):
            backups.make_backup(path, reason)

    @staticmethod
    def _backup_before_migrate(path: Path, version: int) -> None:
        with contextlib.suppress(DraftFileError, OSError):
            backups.make_backup(path, "truoc-nang-cap")

    def _write_marker(self) -> None:
        recovery.write_marker(self.session_id, self.path, self.display_name(), self._started)
        self._marker = True
