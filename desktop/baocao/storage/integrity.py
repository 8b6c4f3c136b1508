"""Is this file a sound draft?  Checks made before anything is written to it.

``check_header`` looks at the raw bytes (missing, empty, not a regular file,
not SQLite, cut short); ``check_structure`` at an open connection (identity,
format version, the tables and columns of that version, no foreign triggers
or views, sizes within bounds, SQLite's quick check).  Every failure is a
``DraftFileError`` with a Vietnamese message, raised before the file could be
modified.  ``salvage`` reads what can still be read from a damaged file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..constants import DRAFT_APPLICATION_ID, DRAFT_SCHEMA_VERSION
from ..errors import DraftDataError, DraftFileError, DraftVersionError, Location
from ..model.draft import Draft
from ..model.serialize import meta_from_dict, section_from_dict
from ..oserrors import os_error_text
from .rows import extra_from_json, table_rows_from_json
from .schema import TABLES_BY_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
DAMAGED_HINT = ("Tệp có thể bị hỏng khi sao chép. Hãy mở bản sao lưu gần nhất của tệp (baocao tự giữ "
                "10 bản sao mỗi tệp) hoặc xin lại tệp từ người gửi.")

#: Bounds no real report comes near; beyond them a file is refused rather than read into memory.
MAX_SECTIONS = 5000
MAX_TABLES = 1000
MAX_PART_CHARS = 20_000_000

#: Columns each table must have (more are tolerated).
REQUIRED_COLUMNS: dict[str, set[str]] = {
    "info": {"key", "value"},
    "meta": {"id", "data"},
    "sections": {"section_id", "position", "status", "body", "fields"},
    "tables_data": {"table_id", "rows"},
    "history": {"id", "kind", "name", "created_at", "author", "manifest"},
    "history_blobs": {"hash", "data"},
    "extras": {"name", "data"},
}


class DraftDamagedError(DraftFileError):
    """The file is a draft whose content is damaged (``salvage`` may rescue part of it)."""


def error(cls: type[DraftFileError], path: Path, message: str, hint: str = DAMAGED_HINT) -> DraftFileError:
    """A storage error about *path*."""
    return cls(message, hint, Location(file=str(path)))


def journal_path(path: Path) -> Path:
    """SQLite's rollback journal beside *path*."""
    return path.with_name(path.name + "-journal")


def has_hot_journal(path: Path) -> bool:
    """True when a crash left an unfinished transaction to roll back (a non-empty, valid-looking journal)."""
    try:
        with journal_path(path).open("rb") as handle:
            return handle.read(8) == JOURNAL_MAGIC
    except OSError:
        return False


def check_header(path: Path) -> None:
    """Reject missing, empty, special, non-SQLite and truncated files before SQLite sees them."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise error(DraftFileError, path, f"Không tìm thấy tệp «{path.name}».",
                    "Tệp có thể đã bị đổi tên, di chuyển hoặc xóa. Hãy chọn lại tệp.") from exc
    except OSError as exc:
        raise error(DraftFileError, path, f"Không đọc được tệp «{path.name}» ({os_error_text(exc)}).",
                    "Hãy kiểm tra quyền đọc tệp và ổ đĩa chứa tệp.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise error(DraftFileError, path, f"«{path.name}» là một thư mục, không phải tệp bản thảo.",
                    "Hãy chọn một tệp .baocao.")
    if not stat.S_ISREG(info.st_mode):   # a pipe or device would block or never end
        raise error(DraftFileError, path, f"«{path.name}» không phải tệp thông thường.", "Hãy chọn một tệp .baocao.")
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise error(DraftFileError, path, f"Không đọc được tệp «{path.name}» ({os_error_text(exc)}).",
                    "Hãy kiểm tra quyền đọc tệp và ổ đĩa chứa tệp.") from exc
    if not head:
        raise error(DraftFileError, path, f"Tệp «{path.name}» rỗng (0 byte), không có nội dung bản thảo.")
    if not head.startswith(SQLITE_MAGIC):
        raise error(DraftFileError, path, f"Tệp «{path.name}» không phải tệp bản thảo của baocao.",
                    "Hãy chọn một tệp .baocao (tệp Word hãy mở bằng Word).")
    if len(head) < 100:
        raise error(DraftFileError, path, f"Tệp «{path.name}» bị cắt cụt, không đọc được.")
    if head[18] not in (1, 2) or head[19] not in (1, 2):   # SQLite's write/read format versions
        raise error(DraftDamagedError, path, f"Tệp «{path.name}» có phần đầu không hợp lệ (bị hỏng hoặc định dạng lạ).")
    if not has_hot_journal(path) and info.st_size < _declared_size(head):
        raise error(DraftDamagedError, path, f"Tệp «{path.name}» bị cắt cụt (thiếu phần cuối), không đọc được.")


def _declared_size(head: bytes) -> int:
    """File size the SQLite header declares (0 when the header does not say reliably)."""
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    change_counter, valid_for = head[24:28], head[92:96]
    if pages == 0 or change_counter != valid_for or page_size < 512 or page_size & (page_size - 1):
        return 0
    return pages * page_size


def check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Check the application id and format version; returns the version."""
    if conn.execute("PRAGMA application_id").fetchone()[0] != DRAFT_APPLICATION_ID:
        raise error(DraftFileError, path,
                    f"Tệp «{path.name}» là cơ sở dữ liệu SQLite nhưng không phải bản thảo của baocao.",
                    "Hãy chọn một tệp .baocao do baocao tạo ra.")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > DRAFT_SCHEMA_VERSION:
        raise error(DraftVersionError, path,
                    f"Tệp «{path.name}» được tạo bởi phiên bản baocao mới hơn (định dạng {version}, "
                    f"bản này đọc được tới {DRAFT_SCHEMA_VERSION}).",
                    "Hãy cập nhật baocao lên phiên bản mới nhất rồi mở lại. Tệp không bị thay đổi.")
    if version < 1:
        raise error(DraftFileError, path, f"Tệp «{path.name}» không có phiên bản định dạng hợp lệ.")
    return version


def check_structure(conn: sqlite3.Connection, path: Path, version: int, quick_check: bool = True) -> None:
    """Tables and columns of *version*, nothing foreign, sizes in bounds, pages sound."""
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    foreign = [name for kind, name in objects if kind in ("trigger", "view")]
    if foreign:
        raise error(DraftFileError, path,
                    f"Tệp «{path.name}» chứa thành phần lạ không do baocao tạo ({', '.join(sorted(foreign)[:3])}).",
                    "Tệp có thể đã bị sửa bằng công cụ khác. Hãy mở bản sao lưu hoặc xin lại tệp gốc.")
    tables = {name for kind, name in objects if kind == "table"}
    missing = [t for t in TABLES_BY_VERSION[version] if t not in tables]
    if missing:
        raise error(DraftDamagedError, path, f"Tệp «{path.name}» thiếu dữ liệu ({', '.join(missing)}).")
    for table in TABLES_BY_VERSION[version]:
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        lacking = REQUIRED_COLUMNS[table] - columns
        if lacking:
            raise error(DraftDamagedError, path,
                        f"Tệp «{path.name}» có cấu trúc không đúng (bảng {table} thiếu {', '.join(sorted(lacking))}).")
    if quick_check:
        result = conn.execute("PRAGMA quick_check(1)").fetchone()
        if not result or result[0] != "ok":
            raise error(DraftDamagedError, path, f"Tệp «{path.name}» bị hỏng (cấu trúc bên trong không toàn vẹn).",
                        "Hãy mở bản sao lưu gần nhất của tệp; baocao cũng có thể cứu phần nội dung còn đọc được.")
    check_sizes(conn, path)


def check_sizes(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse absurd counts and sizes before anything is read into memory."""
    count, longest = conn.execute(
        "SELECT count(*), coalesce(max(length(body) + length(fields)), 0) FROM sections").fetchone()
    tables, widest = conn.execute("SELECT count(*), coalesce(max(length(rows)), 0) FROM tables_data").fetchone()
    meta = conn.execute("SELECT coalesce(max(length(data)), 0) FROM meta").fetchone()[0]
    if _has_table(conn, "extras"):
        meta = max(meta or 0, conn.execute("SELECT coalesce(max(length(data)), 0) FROM extras").fetchone()[0] or 0)
    if count > MAX_SECTIONS or tables > MAX_TABLES:
        raise error(DraftFileError, path,
                    f"Tệp «{path.name}» có số mục hoặc số bảng lớn bất thường ({count} mục, {tables} bảng).",
                    "Đây không giống một bản thảo báo cáo. Hãy kiểm tra lại tệp.")
    if max(longest or 0, widest or 0, meta or 0) > MAX_PART_CHARS:
        raise error(DraftFileError, path, f"Tệp «{path.name}» có một mục hoặc bảng lớn bất thường (trên 20 triệu ký tự).",
                    "Tệp có thể bị hỏng hoặc không phải bản thảo thật. Hãy mở bản sao lưu.")


# ---------------------------------------------------------------- whole-file check and salvage
@dataclass
class IntegrityReport:
    """Result of ``check_file``."""

    ok: bool
    problems: list[str] = field(default_factory=list)


def check_file(path: str | os.PathLike[str]) -> IntegrityReport:
    """Full check of a draft file without modifying it: header, structure, integrity_check, content loads."""
    from .draftfile import DraftFile   # late: draftfile imports this module

    path = Path(path)
    problems: list[str] = []
    try:
        with DraftFile.open(path, read_only=True) as handle:
            if not handle.integrity_ok():
                problems.append("PRAGMA integrity_check không đạt.")
            handle.load()
    except DraftFileError as exc:
        problems.append(exc.user_text())
    return IntegrityReport(not problems, problems)


def salvage(path: str | os.PathLike[str]) -> tuple[Draft, list[str]]:
    """Read whatever rows of a damaged draft can still be read; returns the draft and what was lost.

    Never writes to *path*.  Raises ``DraftFileError`` when nothing at all can be read.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            is_sqlite = handle.read(16) == SQLITE_MAGIC
    except OSError:
        is_sqlite = False
    if not is_sqlite:
        raise error(DraftDamagedError, path, f"Không cứu được dữ liệu từ «{path.name}»: không phải tệp bản thảo.")
    lost: list[str] = []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise error(DraftDamagedError, path, f"Không cứu được dữ liệu từ «{path.name}».") from exc
    draft = Draft()
    try:
        rows = _read_rows(conn, "SELECT key, value FROM info WHERE rowid = ?", "info", lost)
        template = next((v for k, v in rows if k == "template_id" and isinstance(v, str)), None)
        draft.template_id = template or draft.template_id
        for (data,) in _read_rows(conn, "SELECT data FROM meta WHERE rowid = ?", "meta", lost):
            try:
                draft.meta = meta_from_dict(json.loads(data))
            except (ValueError, TypeError, RecursionError, DraftDataError):
                lost.append("thông tin chung")
        for sid, status, body, fields in _read_rows(
                conn, "SELECT section_id, status, body, fields FROM sections WHERE rowid = ?", "sections", lost):
            try:
                draft.sections[str(sid)] = section_from_dict(
                    {"status": status, "body": json.loads(body), "fields": json.loads(fields)})
            except (ValueError, TypeError, RecursionError, DraftDataError):
                lost.append(f"mục {sid}")
        for tid, text in _read_rows(conn, "SELECT table_id, rows FROM tables_data WHERE rowid = ?", "tables_data", lost):
            try:
                draft.tables[str(tid)] = table_rows_from_json(str(tid), text)
            except (ValueError, TypeError, RecursionError, DraftDataError):
                lost.append(f"bảng {tid}")
        if _has_table(conn, "extras"):
            for name, text in _read_rows(conn, "SELECT name, data FROM extras WHERE rowid = ?", "extras", lost):
                try:
                    draft.extras[str(name)] = extra_from_json(text)
                except (ValueError, TypeError, RecursionError, DraftDataError):
                    lost.append(f"dữ liệu «{name}»")
    finally:
        conn.close()
    if not draft.sections and not draft.tables:
        raise error(DraftDamagedError, path, f"Không cứu được nội dung nào từ «{path.name}».",
                    "Hãy mở bản sao lưu gần nhất của tệp.")
    return draft, lost


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None
    except sqlite3.Error:
        return False


def _read_rows(conn: sqlite3.Connection, sql: str, table: str, lost: list[str], limit: int = 20000) -> list[tuple]:
    """Rows of *table* read one rowid at a time, skipping unreadable ones."""
    try:
        top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.Error:
        top = limit
        lost.append(f"một phần bảng {table}")
    out: list[tuple] = []
    misses = 0
    for rowid in range(1, min(int(top), limit) + 1):
        try:
            row = conn.execute(sql, (rowid,)).fetchone()
        except sqlite3.Error:
            misses += 1
            if misses > 200:
                break
            continue
        if row is not None:
            out.append(row)
    if misses:
        lost.append(f"{misses} dòng của bảng {table}")
    return out
