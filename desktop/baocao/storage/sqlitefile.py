"""Low-level SQLite file handling for draft files: connecting, errors, torn writes, durable renames.

Helpers of ``draftfile`` kept apart so that module stays about the draft:
opening connections (``trusted_schema`` off), turning SQLite errors into
Vietnamese ``DraftFileError``s, rolling back a transaction a crash
interrupted, copying a database into memory (read-only views of older
formats), and the file-system details of an atomic replace.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from ..constants import DRAFT_SCHEMA_VERSION
from ..errors import DraftFileError
from .integrity import DAMAGED_HINT, DraftDamagedError, check_identity, check_structure, error
from .schema import migrate


class DraftReadOnlyFileError(DraftFileError):
    """The file (or its folder) cannot be written: open it read-only instead."""


def new_file_mode() -> int:
    """0666 less the process umask (mkstemp creates 0600 files)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def writable(path: Path) -> bool:
    """True when *path* and its folder can be written (the journal is created beside the file)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect(path: Path, mode: str) -> sqlite3.Connection:
    """A connection to *path* (``mode`` ro or rw) usable from the writer thread too."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def sqlite_error(exc: BaseException, path: Path) -> DraftFileError:
    """A Vietnamese error for an SQLite failure on *path*."""
    text = str(exc).lower()
    detail = f" (chi tiết: {exc})"
    if not path.exists():       # moved or deleted while open (SQLite then says "readonly database")
        return error(DraftFileError, path, f"Tệp «{path.name}» đã bị di chuyển, đổi tên hoặc xóa trong lúc đang mở.",
                     "Nội dung đang soạn vẫn còn trong cửa sổ và bản khôi phục; hãy dùng «Lưu thành…» để lưu lại.")
    if "locked" in text or "busy" in text:
        return error(DraftFileError, path, f"Tệp «{path.name}» đang được một chương trình khác ghi.",
                     "Hãy đợi giây lát rồi thử lại, hoặc đóng cửa sổ baocao khác đang mở tệp này.")
    if "readonly" in text or "read-only" in text:
        return error(DraftReadOnlyFileError, path, f"Không ghi được vào tệp «{path.name}»: tệp chỉ cho phép đọc.",
                     "Hãy dùng «Lưu thành…» để lưu ra tệp khác.")
    if "full" in text:
        return error(DraftFileError, path, f"Không lưu được «{path.name}»: ổ đĩa đã đầy.",
                     "Hãy giải phóng dung lượng rồi lưu lại. Nội dung đang soạn vẫn còn trong cửa sổ và bản khôi phục.")
    if "i/o" in text or "unable to open" in text:
        return error(DraftFileError, path, f"Không đọc/ghi được tệp «{path.name}»: lỗi ổ đĩa hoặc mất kết nối ổ mạng.",
                     "Kiểm tra ổ đĩa/ổ mạng rồi thử lại. Nội dung đang soạn vẫn còn trong cửa sổ và bản khôi phục.")
    return error(DraftDamagedError, path, f"Tệp «{path.name}» bị hỏng, không đọc được.", DAMAGED_HINT + detail)


def roll_back(path: Path) -> None:
    """Let SQLite undo the transaction a crash interrupted (restores the last complete save)."""
    try:
        conn = connect(path, "rw")
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise sqlite_error(exc, path) from exc


def migrated_in_memory(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """An in-memory copy of *conn*'s database, migrated to the current format (*conn* is closed)."""
    data = conn.serialize()
    conn.close()
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    memory.deserialize(data)
    if version < DRAFT_SCHEMA_VERSION:
        memory.execute("BEGIN")
        migrate(memory, version)
        memory.execute("COMMIT")
    return memory


def rolled_back_copy(path: Path) -> sqlite3.Connection:
    """Read-only view of a crashed file in a place we may not write: roll back a private copy, in memory.

    The file and its journal are left exactly as they are.
    """
    with tempfile.TemporaryDirectory(prefix="baocao-") as folder:
        copy = Path(folder) / "copy.baocao"
        shutil.copyfile(path, copy)
        shutil.copyfile(path.with_name(path.name + "-journal"), copy.with_name(copy.name + "-journal"))
        roll_back(copy)
        conn = connect(copy, "ro")
        try:
            version = check_identity(conn, path)
            check_structure(conn, path, version)
            return migrated_in_memory(conn, version)
        finally:
            conn.close()
