"""Autosave: get every edit to disk within seconds, off the window's thread.

The window calls ``DraftSession.autosave()`` from a 2-second single-shot timer
restarted on each edit.  On the window's thread that only *serializes* the
rows that changed (``DraftFile.prepare``: a few milliseconds even for a large
report); the transaction and its fsyncs — slow on an old hard disk or a
network share — run on one background thread (``BackgroundWriter``), which
commits batches strictly in the order they were prepared (pending batches are
merged, later values winning).

Where the work goes (``Autosaver``):

- a draft with a writable file → that file (incremental, one transaction);
- a draft with no file yet, or opened read-only → its *recovery copy*
  ``<user data>/recovery/<session id>.baocao``;
- a write to the file fails (share gone, disk full, lock taken over) → the
  whole draft is written to the recovery copy instead, the error is reported
  in ``status()``, and the next batch retries the file with the whole draft.

``AutosaveStatus.saved_counter`` is the edit counter up to which every edit is
on disk (file or recovery copy); the crash tests acknowledge exactly that.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..errors import DraftFileError
from ..model.draft import Draft
from .draftfile import DraftFile
from .history import AUTO
from .proc import now_utc
from .rows import SaveBatch
from .userdata import recovery_dir

log = logging.getLogger(__name__)

#: An automatic history snapshot is taken with an autosave at most this often.
AUTO_SNAPSHOT_SECONDS = 10 * 60


class BackgroundWriter:
    """One daemon thread running jobs in submission order."""

    def __init__(self, name: str = "baocao-autosave"):
        self._jobs: deque[Callable[[], None]] = deque()
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], None]) -> None:
        """Queue *job* (it must report its own errors)."""
        with self._cond:
            if self._closed:
                raise RuntimeError("writer closed")
            self._jobs.append(job)
            self._cond.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every queued job has run; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._jobs or self._busy:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True

    def close(self, timeout: float | None = None) -> bool:
        """Run what is queued, then stop the thread."""
        done = self.wait(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return done

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and not self._closed:
                    self._cond.wait()
                if not self._jobs:
                    return
                job = self._jobs.popleft()
                self._busy = True
            try:
                job()
            except BaseException:  # noqa: BLE001 - a job's bug must not kill the writer
                log.exception("autosave job failed")
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()


@dataclass(frozen=True)
class AutosaveStatus:
    """Where the session's edits are, for the status bar and the crash tests."""

    saved_counter: int = 0            # every edit up to this one is on disk (file or recovery copy)
    file_counter: int = 0             # … in the draft file itself
    pending: bool = False             # a write is queued or running
    error: DraftFileError | None = None   # the last failure, None once a write succeeds again
    last_saved_at: datetime | None = None
    in_recovery: bool = False         # the newest edits are only in the recovery copy


class Autosaver:
    """Writes a session's edits to its file or recovery copy, in order, off the window's thread."""

    def __init__(self, session_id: str, main: DraftFile | None, threaded: bool = True,
                 listener: Callable[[AutosaveStatus], None] | None = None):
        self.session_id = session_id
        self.main = main
        self.recovery: DraftFile | None = None
        self.listener = listener
        self._writer = BackgroundWriter() if threaded else None
        self._pending: list[tuple[DraftFile, SaveBatch]] = []
        self._lock = threading.Lock()
        self._status = AutosaveStatus()
        self._last_snapshot = time.monotonic()

    # ------------------------------------------------------------ where
    @property
    def recovery_path(self) -> Path:
        """The recovery copy of this session (may not exist)."""
        return recovery_dir() / f"{self.session_id}.baocao"

    def _target(self, draft: Draft, order: Iterable[str] | None) -> tuple[DraftFile, bool]:
        """The file to prepare against; True when it was just created with the whole draft."""
        if self.main is not None:
            return self.main, False
        if self.recovery is None:
            self.recovery = DraftFile.create(self.recovery_path, draft, order)
            return self.recovery, True
        return self.recovery, False

    # ------------------------------------------------------------ writing
    def run_in_order(self, job: Callable[[], None]) -> None:
        """Run *job* on the writer thread after everything queued before it (at once when not threaded).

        The job must report its own errors and import nothing (modules first imported off the UI
        thread race PySide6's import hook, see ``ui/thread_imports``).
        """
        if self._writer is None:
            job()
        else:
            self._writer.submit(job)

    def submit(self, draft: Draft, order: Iterable[str] | None, keys: Iterable[str] | None, counter: int,
               snapshot: tuple[str, str] | None = None) -> bool:
        """Serialize what changed and queue it (window thread).  True when something was queued."""
        if snapshot is None and time.monotonic() - self._last_snapshot >= AUTO_SNAPSHOT_SECONDS:
            snapshot = (AUTO, "")
            self._last_snapshot = time.monotonic()
        target, created = self._target(draft, order)
        batch = target.prepare(draft, order, keys, counter, snapshot)
        if created:
            self._done(target, batch, None)
        if not batch and batch.snapshot is None:
            return created
        with self._lock:
            self._pending.append((target, batch))
            self._status = replace(self._status, pending=True)
        if self._writer is None:
            self._drain()
        else:
            self._writer.submit(self._drain)
        return True

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued batch is written (or failed); False on timeout."""
        return self._writer.wait(timeout) if self._writer is not None else True

    def _drain(self) -> None:
        """Worker: commit every pending batch (consecutive ones for the same file merged)."""
        while True:
            with self._lock:
                if not self._pending:
                    self._status = replace(self._status, pending=False)
                    listener, status = self.listener, self._status
                    break
                target, batch = self._pending.pop(0)
                while self._pending and self._pending[0][0] is target:
                    batch = batch.merged(self._pending.pop(0)[1])
            self._commit(target, batch)
        self._drop_recovery_if_done()
        if listener is not None:
            with contextlib.suppress(Exception):
                listener(status)

    def _drop_recovery_if_done(self) -> None:
        """Once the file holds everything again, the recovery copy goes."""
        status = self.status()
        if self.main is not None and self.recovery is not None and not status.in_recovery and status.error is None:
            self.drop_recovery()

    def _commit(self, target: DraftFile, batch: SaveBatch) -> None:
        try:
            target.commit(batch)
        except DraftFileError as exc:
            if target is self.main:
                self._fall_back(batch, exc)
            else:
                self._done(target, batch, exc)
            return
        self._done(target, batch, None)

    def _fall_back(self, batch: SaveBatch, exc: DraftFileError) -> None:
        """The file could not be written: put the whole draft in the recovery copy."""
        assert self.main is not None
        state = self.main.known_state()
        try:
            if self.recovery is None:
                try:
                    self.recovery = DraftFile.create_from_state(self.recovery_path, state, copy_of=self.main)
                except DraftFileError:
                    self.recovery = DraftFile.create_from_state(self.recovery_path, state)
            else:
                self.recovery.commit(self.recovery.prepare_state(state, batch.counter))
        except DraftFileError as second:
            log.warning("recovery copy failed too: %s", second)
            self._done(self.main, batch, exc)
            return
        with self._lock:
            self._status = replace(self._status, saved_counter=max(self._status.saved_counter, batch.counter),
                                   error=exc, in_recovery=True, last_saved_at=now_utc())

    def _done(self, target: DraftFile, batch: SaveBatch, exc: DraftFileError | None) -> None:
        with self._lock:
            status = self._status
            if exc is not None:
                self._status = replace(status, error=exc)
                return
            file_counter = status.file_counter
            in_recovery = status.in_recovery
            if target is self.main:
                file_counter = max(file_counter, batch.counter)
                if in_recovery and not target.needs_resync:
                    in_recovery = False
            self._status = replace(status, saved_counter=max(status.saved_counter, batch.counter),
                                   file_counter=file_counter, error=None, in_recovery=in_recovery,
                                   last_saved_at=now_utc())

    # ------------------------------------------------------------ synchronous save and state
    def save_now(self, draft: Draft, order: Iterable[str] | None, counter: int,
                 snapshot: tuple[str, str] | None) -> int:
        """Explicit save: wait for the queue, then write the whole draft to the file now (raises)."""
        self.flush()
        if self.main is None:
            raise DraftFileError("Bản thảo chưa có tên tệp.", "Hãy dùng «Lưu thành…» để chọn nơi lưu.")
        batch = self.main.prepare(draft, order, None, counter, snapshot)
        try:
            written = self.main.commit(batch)
        except DraftFileError as exc:
            self._fall_back(batch, exc)
            raise
        self._done(self.main, batch, None)
        self._drop_recovery_if_done()
        return written

    def status(self) -> AutosaveStatus:
        """The current status (a copy)."""
        with self._lock:
            return self._status

    def reset_to(self, main: DraftFile, counter: int) -> None:
        """After Save As: *main* holds every edit up to *counter*; the recovery copy is no longer needed."""
        self.flush()
        self.main = main
        self.drop_recovery()
        with self._lock:
            self._status = AutosaveStatus(counter, counter, False, None, now_utc(), False)

    def snapshot_due(self) -> None:
        """Restart the automatic snapshot clock (after an explicit snapshot)."""
        self._last_snapshot = time.monotonic()

    def drop_recovery(self) -> None:
        """Delete the recovery copy (its content is safely elsewhere)."""
        if self.recovery is not None:
            self.recovery.close()
            self.recovery = None
        for path in (self.recovery_path, self.recovery_path.with_name(self.recovery_path.name + "-journal")):
            with contextlib.suppress(OSError):
                path.unlink()

    def close(self) -> None:
        """Finish writing and close the recovery copy (the file stays: the caller decides)."""
        if self._writer is not None:
            self._writer.close()
        if self.recovery is not None:
            self.recovery.close()
            self.recovery = None

