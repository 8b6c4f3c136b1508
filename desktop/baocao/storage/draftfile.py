"""Open and save draft files.  No other module touches a draft file's bytes.

``DraftFile`` keeps a connection to one file and saves incrementally: only
the rows (see ``rows``) whose content changed are rewritten, in one SQLite
transaction (atomic: a crash leaves the previous save intact).  A save is two
steps so that the slow one can run off the window's thread:

- ``prepare(draft, …)`` (window thread, no I/O): serialize what changed into
  a ``SaveBatch`` and remember it as *known*;
- ``commit(batch)`` (any thread, one at a time, in order): write it.

``save`` does both.  ``create`` builds a new file beside the target and moves
it into place (Save As, export to a draft file).  Opening checks the file
thoroughly (``integrity``) before anything could write to it; an older format
is migrated in place when opened for editing (after ``before_migrate`` — the
session makes a backup there) and in memory when opened read-only.

Every failure is a ``DraftFileError`` (or subclass) with a Vietnamese message;
a failed open never modifies the file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import __version__
from ..constants import DRAFT_SCHEMA_VERSION
from ..errors import DraftDataError, DraftFileError
from ..fsutil import TEMP_PREFIX, describe_os_error, draft_name_problem, fsync_dir
from ..model.draft import Draft
from .integrity import DAMAGED_HINT, DraftDamagedError, check_header, check_identity, check_structure, error, has_hot_journal
from .rows import (
    EXTRA_PREFIX, META_KEY, REMOVABLE_PREFIXES, SECTION_PREFIX, TABLE_PREFIX, TEMPLATE_KEY, RowState, SaveBatch,
    diff_rows,
    draft_from_state, draft_rows, extra_key, section_key, table_key,
)
from .schema import create_schema, migrate
from .sqlitefile import (
    DraftReadOnlyFileError, connect, migrated_in_memory, new_file_mode, roll_back, rolled_back_copy,
    sqlite_error, writable,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import history

# ``history`` and ``proc`` (hashing, host and user names) serve writing only: they are imported where a
# draft is written, so reading one (``baocao export``, ``baocao check``) does not load them.

__all__ = ["DraftFile", "DraftNeedsUpgrade", "DraftReadOnlyFileError", "check_header", "fsync_dir", "open_draft",
           "save_draft", "sqlite_error", "writable"]


#: row-key prefix → (table, key column) for deleting a row
REMOVE_TARGETS = {SECTION_PREFIX: ("sections", "section_id"), TABLE_PREFIX: ("tables_data", "table_id"),
                  EXTRA_PREFIX: ("extras", "name")}


def _now_text() -> str:
    from .proc import now_utc

    return now_utc().isoformat()


class DraftNeedsUpgrade(DraftFileError):
    """Kept for compatibility: older files now open read-only (migrated in memory)."""


class DraftFile:
    """An open draft file with incremental saves.  Thread-safe: one lock guards the connection."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool, in_memory: bool = False):
        self.path = path
        self._conn = conn
        self.read_only = read_only
        self.in_memory = in_memory          # read-only copy (older format migrated in memory)
        self.migrated_from: int | None = None
        self.write_guard: Callable[[], None] | None = None   # raises to stop a write (lock lost)
        self._lock = threading.RLock()
        self._saved: RowState = {}          # what the file holds (confirmed by commits)
        self._known: RowState = {}          # what it will hold once submitted batches commit
        self._resync = False                # a commit failed: next prepare compares with _saved, whole draft

    # ------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False,
             before_migrate: Callable[[Path, int], None] | None = None) -> "DraftFile":
        """Open an existing draft file (checked before anything is written; older formats migrated)."""
        path = Path(path)
        check_header(path)
        if has_hot_journal(path):
            if writable(path):
                roll_back(path)
            elif read_only:
                return cls(path, rolled_back_copy(path), True, in_memory=True)
        if not read_only and not writable(path):
            raise error(DraftReadOnlyFileError, path, f"Tệp «{path.name}» chỉ cho phép đọc (hoặc thư mục không cho ghi).",
                        "Tệp sẽ được mở ở chế độ chỉ đọc; dùng «Lưu thành…» để lưu ra tệp khác.")
        try:
            conn = connect(path, "ro")
        except sqlite3.Error as exc:
            raise sqlite_error(exc, path) from exc
        try:
            version = check_identity(conn, path)
            check_structure(conn, path, version)
            if version < DRAFT_SCHEMA_VERSION and not read_only:
                cls(path, conn, True).load()   # content must be sound before the file is migrated in place
            if read_only:
                if version < DRAFT_SCHEMA_VERSION:
                    conn = migrated_in_memory(conn, version)
                    handle = cls(path, conn, True, in_memory=True)
                    handle.migrated_from = version
                    return handle
                return cls(path, conn, True)
            conn.close()
            conn = connect(path, "rw")
            if check_identity(conn, path) != version:
                raise error(DraftFileError, path, f"Tệp «{path.name}» vừa bị thay đổi trong lúc mở.", "Hãy mở lại tệp.")
            conn.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it (USB, e-mail)
            conn.execute("PRAGMA synchronous = FULL")
            if version < DRAFT_SCHEMA_VERSION:
                if before_migrate is not None:
                    before_migrate(path, version)
                conn.execute("BEGIN IMMEDIATE")
                migrate(conn, version)
                conn.execute("COMMIT")
            handle = cls(path, conn, False)
            handle.migrated_from = version if version < DRAFT_SCHEMA_VERSION else None
            return handle
        except DraftFileError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise sqlite_error(exc, path) from exc

    # ------------------------------------------------------------ creating
    @classmethod
    def create(cls, path: str | os.PathLike[str], draft: Draft, order: Iterable[str] | None = None,
               copy_of: "DraftFile | None" = None, snapshot: tuple[str, str] | None = None) -> "DraftFile":
        """Write *draft* to a new file at *path* and open it.

        The file is built beside *path* and moved into place only when complete.
        With *copy_of*, that file's history comes along (Save As keeps versions);
        *snapshot* (kind, name) adds a version to that history before the move.
        """
        return cls.create_from_state(path, draft_rows(draft, order), copy_of, snapshot)

    @classmethod
    def create_from_state(cls, path: str | os.PathLike[str], state: RowState,
                          copy_of: "DraftFile | None" = None, snapshot: tuple[str, str] | None = None) -> "DraftFile":
        """``create`` from rows (see ``rows``) rather than a draft."""
        path = Path(path)
        too_long = draft_name_problem(path)
        if too_long:
            raise error(DraftFileError, path, too_long, "Hãy đặt tên tệp ngắn hơn.")
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
            os.close(fd)
        except OSError as exc:
            message, hint = describe_os_error(exc, path)
            raise error(DraftFileError, path, message, hint) from exc
        tmp = Path(tmp_name)
        try:
            conn = sqlite3.connect(tmp, isolation_level=None, check_same_thread=False)
            try:
                if copy_of is not None:
                    copy_of.copy_into(conn)
                else:
                    conn.execute("PRAGMA journal_mode = DELETE")
                    create_schema(conn)  # on a private temporary file: atomic through the final rename
                    conn.execute("INSERT INTO info(key, value) VALUES ('created_at', ?), ('created_by', ?)",
                                 (_now_text(), f"baocao {__version__}"))
                conn.execute("PRAGMA synchronous = FULL")
                writer = cls(path, conn, read_only=False)   # named after the target in messages
                writer._saved = writer._read_state() if copy_of is not None else {}
                writer._known = dict(writer._saved)
                batch = writer.prepare_state(state)
                batch.snapshot = snapshot
                writer.commit(batch)
            finally:
                conn.close()
            os.chmod(tmp, new_file_mode())
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except DraftFileError:
            tmp.unlink(missing_ok=True)
            raise
        except sqlite3.Error as exc:
            tmp.unlink(missing_ok=True)
            raise sqlite_error(exc, path) from exc
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            message, hint = describe_os_error(exc, path)
            raise error(DraftFileError, path, message, hint) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        handle = cls.open(path)
        handle.load()  # remember what is on disk, so the next save writes only changes
        return handle

    def copy_into(self, target: sqlite3.Connection) -> None:
        """Copy this file's committed content into *target* (SQLite backup: consistent while in use)."""
        with self._lock:
            try:
                self._conn.backup(target)
            except sqlite3.Error as exc:
                raise sqlite_error(exc, self.path) from exc
        target.execute("PRAGMA journal_mode = DELETE")

    # ------------------------------------------------------------ reading
    def _read_state(self) -> RowState:
        """The rows as stored (raises sqlite3.Error)."""
        state: RowState = {}
        for key, value in self._conn.execute("SELECT key, value FROM info WHERE key = 'template_id'"):
            state[TEMPLATE_KEY] = (value,)
        for (data,) in self._conn.execute("SELECT data FROM meta WHERE id = 1"):
            state[META_KEY] = (data,)
        for sid, position, status, body, fields in self._conn.execute(
                "SELECT section_id, position, status, body, fields FROM sections ORDER BY position, section_id"):
            state[section_key(sid)] = (position, status, body, fields)
        for tid, rows in self._conn.execute("SELECT table_id, rows FROM tables_data ORDER BY table_id"):
            state[table_key(tid)] = (rows,)
        has_extras = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'extras'").fetchone() is not None
        if has_extras:        # a file of format 1 or 2 read before its migration has none
            for name, data in self._conn.execute("SELECT name, data FROM extras ORDER BY name"):
                state[extra_key(name)] = (data,)
        return state

    def load(self) -> Draft:
        """Read the whole draft (and remember it as what the file holds)."""
        with self._lock:
            try:
                state = self._read_state()
                draft = draft_from_state(state)
            except sqlite3.Error as exc:
                raise sqlite_error(exc, self.path) from exc
            except DraftDataError as exc:      # says what is wrong (a bound, a value of the wrong type …)
                raise error(DraftDamagedError, self.path, f"Tệp «{self.path.name}»: {exc.message}",
                            exc.hint or DAMAGED_HINT) from exc
            except (ValueError, TypeError, KeyError, RecursionError, MemoryError) as exc:
                raise error(DraftDamagedError, self.path,
                            f"Nội dung tệp «{self.path.name}» bị hỏng, không đọc được.") from exc
            self._saved = state
            self._known = dict(state)
            self._resync = False
            return draft

    # ------------------------------------------------------------ saving
    def prepare(self, draft: Draft, order: Iterable[str] | None = None, keys: Iterable[str] | None = None,
                counter: int = 0, snapshot: tuple[str, str] | None = None) -> SaveBatch:
        """Serialize what changed (only *keys*, when given) into a batch; no I/O.  Window thread."""
        with self._lock:
            full = keys is None or self._resync
            rows = draft_rows(draft, order, None if full else keys)
            batch = diff_rows(self._saved if self._resync else self._known, rows, complete=full)
            if not full:      # a key asked for that the draft no longer has (a removed extra or section): delete it
                batch.removes |= {k for k in keys if k not in rows and k in self._known
                                  and k.startswith(REMOVABLE_PREFIXES)}
            batch.counter, batch.snapshot, batch.resync = counter, snapshot, self._resync
            if self._resync:
                self._known = dict(self._saved)
            self._known.update(batch.writes)
            for key in batch.removes:
                self._known.pop(key, None)
            return batch

    def prepare_state(self, state: RowState, counter: int = 0) -> SaveBatch:
        """A batch making the file hold exactly *state* (a whole draft's rows)."""
        with self._lock:
            batch = diff_rows(self._saved if self._resync else self._known, state, complete=True)
            batch.counter, batch.resync = counter, self._resync
            self._known = dict(state)
            return batch

    def commit(self, batch: SaveBatch) -> int:
        """Write *batch* in one transaction; returns rows written.  Batches must be committed in order."""
        if self.read_only:
            raise error(DraftFileError, self.path, f"Tệp «{self.path.name}» đang mở ở chế độ chỉ đọc.",
                        "Hãy dùng «Lưu thành…» để lưu ra tệp khác.")
        if not batch and batch.snapshot is None:
            return 0
        with self._lock:
            try:
                if self.write_guard is not None:
                    self.write_guard()
                self._write(batch)
            except BaseException as exc:
                self._resync = True
                if isinstance(exc, sqlite3.Error):
                    raise sqlite_error(exc, self.path) from exc
                raise
            for key, params in batch.writes.items():
                self._saved[key] = params
            for key in batch.removes:
                self._saved.pop(key, None)
            if batch.resync:
                self._resync = False
        return len(batch)

    def _write(self, batch: SaveBatch) -> None:
        from . import history
        from .proc import current_user

        now = _now_text()
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for key, params in batch.writes.items():
                if key == TEMPLATE_KEY:
                    conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('template_id', ?)", params)
                elif key == META_KEY:
                    conn.execute("INSERT OR REPLACE INTO meta(id, data) VALUES (1, ?)", params)
                elif key.startswith(SECTION_PREFIX):
                    conn.execute("INSERT OR REPLACE INTO sections(section_id, position, status, body, fields, "
                                 "updated_at) VALUES (?, ?, ?, ?, ?, ?)", (key[2:], *params, now))
                elif key.startswith(EXTRA_PREFIX):
                    conn.execute("INSERT OR REPLACE INTO extras(name, data, updated_at) VALUES (?, ?, ?)",
                                 (key[2:], *params, now))
                else:
                    conn.execute("INSERT OR REPLACE INTO tables_data(table_id, rows, updated_at) VALUES (?, ?, ?)",
                                 (key[2:], *params, now))
            for key in batch.removes:
                table, column = REMOVE_TARGETS[key[:2]]
                conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (key[2:],))
            if batch.snapshot is not None:
                state = {k: v for k, v in self._saved.items() if k not in batch.removes}
                state.update(batch.writes)
                kind, name = batch.snapshot
                history.add_snapshot(conn, state, kind, name, current_user())
                history.prune(conn)
            conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('saved_by', ?), ('saved_at', ?)",
                         (f"baocao {__version__}", now))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    def save(self, draft: Draft, section_order: list[str] | None = None, counter: int = 0,
             snapshot: tuple[str, str] | None = None) -> int:
        """Write what changed since the last save/load, in one transaction; returns rows written."""
        if self.read_only:
            raise error(DraftFileError, self.path, f"Tệp «{self.path.name}» đang mở ở chế độ chỉ đọc.",
                        "Hãy dùng «Lưu thành…» để lưu ra tệp khác.")
        return self.commit(self.prepare(draft, section_order, counter=counter, snapshot=snapshot))

    @property
    def needs_resync(self) -> bool:
        """True after a failed commit, until a whole-draft batch has been written."""
        return self._resync

    def known_state(self) -> RowState:
        """The rows the file will hold once every prepared batch is committed (a copy)."""
        with self._lock:
            return dict(self._known)

    # ------------------------------------------------------------ history (versions inside the file)
    def versions(self) -> list[history.VersionInfo]:
        """Versions kept in the file, newest first."""
        from . import history

        with self._lock:
            try:
                return history.list_versions(self._conn)
            except sqlite3.Error as exc:
                raise sqlite_error(exc, self.path) from exc

    def load_version(self, version_id: int) -> Draft:
        """The draft as it was in one version."""
        from . import history

        with self._lock:
            try:
                return history.load_version(self._conn, version_id)
            except sqlite3.Error as exc:
                raise sqlite_error(exc, self.path) from exc

    def info(self) -> dict[str, str]:
        """The ``info`` rows (created_at, saved_at, template id, writer)."""
        with self._lock:
            try:
                return {str(k): str(v) for k, v in self._conn.execute("SELECT key, value FROM info")}
            except sqlite3.Error as exc:
                raise sqlite_error(exc, self.path) from exc

    def integrity_ok(self) -> bool:
        """True when SQLite's full integrity check passes."""
        with self._lock:
            try:
                return self._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            except sqlite3.Error:
                return False

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "DraftFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_draft(path: str | os.PathLike[str]) -> Draft:
    """Read the draft in *path* without modifying it (older formats are upgraded in memory)."""
    with DraftFile.open(Path(path), read_only=True) as handle:
        return handle.load()


def save_draft(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Write *draft* to *path* as a complete new file (atomic replace)."""
    DraftFile.create(path, draft).close()
