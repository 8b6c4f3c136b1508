"""Open and save draft files.  No other module touches a draft file's bytes.

``DraftFile`` keeps a connection to one file and saves incrementally: only
sections, tables and metadata whose JSON changed since the last save are
rewritten, in one SQLite transaction (atomic: a crash leaves the previous
save intact).  ``open_draft`` / ``save_draft`` are the one-shot forms used by
the CLI; a brand-new file is built beside the target and moved into place.

Every failure is a ``DraftFileError`` (or ``DraftVersionError``) with a
Vietnamese message; the original file is never modified by a failed open.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..constants import DRAFT_APPLICATION_ID, DRAFT_SCHEMA_VERSION
from ..errors import DraftDataError, DraftFileError, DraftVersionError, Location
from ..fsutil import describe_os_error
from ..model.draft import Draft
from ..model.serialize import (
    body_to_list, meta_from_dict, meta_to_dict, section_from_dict, section_to_dict,
)
from .schema import REQUIRED_TABLES, create_schema, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
_DAMAGED_HINT = "Tệp có thể bị hỏng khi sao chép. Hãy mở bản sao lưu gần nhất hoặc xin lại tệp từ người gửi."


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _error(cls: type[DraftFileError], path: Path, message: str, hint: str = _DAMAGED_HINT) -> DraftFileError:
    return cls(message, hint, Location(file=str(path)))


def _new_file_mode() -> int:
    """0666 less the process umask (mkstemp creates 0600 files)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class DraftNeedsUpgrade(DraftFileError):
    """An older-format file was opened read-only; it must be opened writable to migrate."""


def check_header(path: Path) -> None:
    """Reject missing, empty and non-SQLite files before SQLite sees them."""
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except FileNotFoundError as exc:
        raise _error(DraftFileError, path, f"Không tìm thấy tệp «{path.name}».",
                     "Tệp có thể đã bị đổi tên, di chuyển hoặc xóa. Hãy chọn lại tệp.") from exc
    except IsADirectoryError as exc:
        raise _error(DraftFileError, path, f"«{path.name}» là một thư mục, không phải tệp bản thảo.",
                     "Hãy chọn một tệp .baocao.") from exc
    except OSError as exc:
        message, hint = describe_os_error(exc, path)
        raise _error(DraftFileError, path, message.replace("ghi", "đọc"), hint) from exc
    if not head:
        raise _error(DraftFileError, path, f"Tệp «{path.name}» rỗng (0 byte), không có nội dung bản thảo.")
    if not head.startswith(SQLITE_MAGIC):
        raise _error(DraftFileError, path, f"Tệp «{path.name}» không phải tệp bản thảo của baocao.",
                     "Hãy chọn một tệp .baocao (tệp Word hãy mở bằng Word).")
    if len(head) < 100:
        raise _error(DraftFileError, path, f"Tệp «{path.name}» bị cắt cụt, không đọc được.")


class DraftFile:
    """An open draft file with incremental saves."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool):
        self.path = path
        self._conn = conn
        self.read_only = read_only
        self._saved: dict[str, str] = {}   # row key → JSON last written/read

    # ------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> "DraftFile":
        """Open an existing draft file, migrating it to the current schema if older."""
        path = Path(path)
        check_header(path)
        try:
            mode = "ro" if read_only else "rw"
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise _error(DraftFileError, path, f"Không mở được tệp «{path.name}» ({exc}).",
                         "Kiểm tra quyền đọc/ghi thư mục chứa tệp rồi thử lại.") from exc
        try:
            cls._check_identity(conn, path)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > DRAFT_SCHEMA_VERSION:
                raise _error(DraftVersionError, path,
                             f"Tệp «{path.name}» được tạo bởi phiên bản baocao mới hơn (định dạng {version}, "
                             f"bản này đọc được tới {DRAFT_SCHEMA_VERSION}).",
                             "Hãy cập nhật baocao lên phiên bản mới nhất rồi mở lại. Tệp không bị thay đổi.")
            if version < 1:
                raise _error(DraftFileError, path, f"Tệp «{path.name}» không có phiên bản định dạng hợp lệ.")
            if version < DRAFT_SCHEMA_VERSION:
                if read_only:
                    raise _error(DraftNeedsUpgrade, path, f"Tệp «{path.name}» ở định dạng cũ cần được nâng cấp.",
                                 "Hãy mở tệp ở chế độ được phép ghi để baocao nâng cấp định dạng.")
                conn.execute("BEGIN IMMEDIATE")
                migrate(conn, version)
                conn.execute("COMMIT")
            cls._configure(conn, read_only)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = [t for t in REQUIRED_TABLES if t not in tables]
            if missing:
                raise _error(DraftFileError, path, f"Tệp «{path.name}» thiếu dữ liệu ({', '.join(missing)}).")
        except DraftFileError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise cls._sqlite_error(exc, path) from exc
        return cls(path, conn, read_only)

    @staticmethod
    def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != DRAFT_APPLICATION_ID:
            raise _error(DraftFileError, path,
                         f"Tệp «{path.name}» là cơ sở dữ liệu SQLite nhưng không phải bản thảo của baocao.",
                         "Hãy chọn một tệp .baocao do baocao tạo ra.")

    @staticmethod
    def _configure(conn: sqlite3.Connection, read_only: bool) -> None:
        if not read_only:
            conn.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it (USB, e-mail)
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")

    @staticmethod
    def _sqlite_error(exc: sqlite3.Error, path: Path) -> DraftFileError:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return _error(DraftFileError, path, f"Tệp «{path.name}» đang được một chương trình khác ghi.",
                          "Hãy đợi giây lát rồi thử lại, hoặc đóng cửa sổ baocao khác đang mở tệp này.")
        if "readonly" in text or "read-only" in text:
            return _error(DraftFileError, path, f"Không ghi được vào tệp «{path.name}»: tệp chỉ cho phép đọc.",
                          "Hãy dùng «Lưu thành…» để lưu ra tệp khác.")
        if "disk is full" in text or "full" in text:
            return _error(DraftFileError, path, f"Không lưu được «{path.name}»: ổ đĩa đã đầy.",
                          "Hãy giải phóng dung lượng rồi lưu lại. Nội dung đang soạn vẫn còn trong cửa sổ.")
        return _error(DraftFileError, path, f"Tệp «{path.name}» bị hỏng, không đọc được ({exc}).")

    # ------------------------------------------------------------ creating
    @classmethod
    def create(cls, path: str | os.PathLike[str], draft: Draft) -> "DraftFile":
        """Write *draft* to a new file at *path* (built beside it, then moved into place) and open it."""
        path = Path(path)
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(fd)
        except OSError as exc:
            message, hint = describe_os_error(exc, path)
            raise _error(DraftFileError, path, message, hint) from exc
        tmp = Path(tmp_name)
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = DELETE")
                create_schema(conn)  # on a private temporary file: atomic through the final rename
                conn.execute("INSERT INTO info(key, value) VALUES ('created_at', ?), ('created_by', ?)",
                             (_now(), f"baocao {__version__}"))
                writer = cls(tmp, conn, read_only=False)
                writer.save(draft)
            finally:
                conn.close()
            os.chmod(tmp, _new_file_mode())
            os.replace(tmp, path)
        except sqlite3.Error as exc:
            tmp.unlink(missing_ok=True)
            raise cls._sqlite_error(exc, path) from exc
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            message, hint = describe_os_error(exc, path)
            raise _error(DraftFileError, path, message, hint) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        handle = cls.open(path)
        handle.load()  # remember what is on disk, so the next save writes only changes
        return handle

    # ------------------------------------------------------------ reading
    def load(self) -> Draft:
        """Read the whole draft."""
        try:
            info = dict(self._conn.execute("SELECT key, value FROM info"))
            row = self._conn.execute("SELECT data FROM meta WHERE id = 1").fetchone()
            draft = Draft(template_id=info.get("template_id") or Draft().template_id,
                          meta=meta_from_dict(json.loads(row[0]) if row else {}))
            self._saved = {"info:template_id": draft.template_id, "meta": row[0] if row else ""}
            for section_id, status, body, fields in self._conn.execute(
                    "SELECT section_id, status, body, fields FROM sections ORDER BY position, section_id"):
                draft.sections[section_id] = section_from_dict(
                    {"status": status, "body": json.loads(body), "fields": json.loads(fields)})
                self._saved[f"s:{section_id}"] = self._section_json(draft, section_id)
            for table_id, rows in self._conn.execute("SELECT table_id, rows FROM tables_data ORDER BY table_id"):
                data = json.loads(rows)
                if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                    raise DraftDataError(f"Bảng «{table_id}» trong tệp không hợp lệ.", _DAMAGED_HINT)
                draft.tables[table_id] = data
                self._saved[f"t:{table_id}"] = _dumps(data)
        except sqlite3.Error as exc:
            raise self._sqlite_error(exc, self.path) from exc
        except (ValueError, TypeError, DraftDataError) as exc:  # JSON errors are ValueError
            raise _error(DraftFileError, self.path, f"Nội dung tệp «{self.path.name}» bị hỏng, không đọc được.") from exc
        return draft

    # ------------------------------------------------------------ saving
    @staticmethod
    def _section_json(draft: Draft, section_id: str) -> str:
        return _dumps(section_to_dict(draft.sections[section_id]))

    def save(self, draft: Draft, section_order: list[str] | None = None) -> int:
        """Write what changed since the last save/load, in one transaction; returns rows written."""
        if self.read_only:
            raise _error(DraftFileError, self.path, f"Tệp «{self.path.name}» đang mở ở chế độ chỉ đọc.",
                         "Hãy dùng «Lưu thành…» để lưu ra tệp khác.")
        now = _now()
        order = {sid: i for i, sid in enumerate(section_order or draft.sections)}
        writes: list[tuple[str, tuple[Any, ...], str, str]] = []
        if self._saved.get("info:template_id") != draft.template_id:
            writes.append(("INSERT OR REPLACE INTO info(key, value) VALUES ('template_id', ?)",
                           (draft.template_id,), "info:template_id", draft.template_id))
        meta_json = _dumps(meta_to_dict(draft.meta))
        if self._saved.get("meta") != meta_json:
            writes.append(("INSERT OR REPLACE INTO meta(id, data) VALUES (1, ?)", (meta_json,), "meta", meta_json))
        for section_id, section in draft.sections.items():
            as_json = self._section_json(draft, section_id)
            key = f"s:{section_id}"
            if self._saved.get(key) != as_json:
                writes.append((
                    "INSERT OR REPLACE INTO sections(section_id, position, status, body, fields, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (section_id, order.get(section_id, len(order)), section.status.value,
                     _dumps(body_to_list(section.body)), _dumps(section.fields), now), key, as_json))
        for table_id, rows in draft.tables.items():
            as_json = _dumps(rows)
            key = f"t:{table_id}"
            if self._saved.get(key) != as_json:
                writes.append(("INSERT OR REPLACE INTO tables_data(table_id, rows, updated_at) VALUES (?, ?, ?)",
                               (table_id, as_json, now), key, as_json))
        removed = [k for k in self._saved if k[:2] in ("s:", "t:")
                   and k[2:] not in (draft.sections if k[0] == "s" else draft.tables)]
        if not writes and not removed:
            return 0
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            for sql, params, _, _ in writes:
                self._conn.execute(sql, params)
            for key in removed:
                table, column = ("sections", "section_id") if key[0] == "s" else ("tables_data", "table_id")
                self._conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (key[2:],))
            self._conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('saved_by', ?), ('saved_at', ?)",
                               (f"baocao {__version__}", now))
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise self._sqlite_error(exc, self.path) from exc
        for _, _, key, as_json in writes:
            self._saved[key] = as_json
        for key in removed:
            self._saved.pop(key, None)
        return len(writes) + len(removed)

    def integrity_ok(self) -> bool:
        """True when SQLite's integrity check passes."""
        try:
            return self._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.Error:
            return False

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> "DraftFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_draft(path: str | os.PathLike[str]) -> Draft:
    """Read the draft in *path* (read-only when it is already current)."""
    path = Path(path)
    try:
        with DraftFile.open(path, read_only=True) as handle:
            return handle.load()
    except DraftNeedsUpgrade:
        pass
    with DraftFile.open(path) as handle:  # older format: migrate in place, then read
        return handle.load()


def save_draft(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Write *draft* to *path* as a complete new file (atomic replace)."""
    DraftFile.create(path, draft).close()
