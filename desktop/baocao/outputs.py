"""Where a command may write: never over its own input, never over a draft, another file only when asked.  No Qt.

One rule for every output (``export``, ``render``, ``new``, the window's
export): a draft is recognised by its content — the SQLite header with
baocao's ``application_id``, or a JSON interchange file — not by its name, so
``bao-cao.docx`` that is really a draft is protected too.
"""

from __future__ import annotations

import os
from pathlib import Path

from .constants import DRAFT_APPLICATION_ID
from .errors import ExportError, Location
from .fsutil import same_file

SQLITE_MAGIC = b"SQLite format 3\x00"
#: offset of ``PRAGMA application_id`` in an SQLite database header (4 bytes, big-endian)
APPLICATION_ID_OFFSET = 68
JSON_SNIFF_BYTES = 64 * 1024
DRAFT_MARK = b'"baocao-draft"'


def _head(path: Path, size: int) -> bytes:
    try:
        fd = os.open(os.fspath(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return b""
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    finally:
        os.close(fd)


def is_draft_file(path: str | os.PathLike[str]) -> bool:
    """True when *path* holds a baocao draft (a draft file or a JSON interchange draft), whatever its name."""
    head = _head(Path(path), JSON_SNIFF_BYTES)
    if head.startswith(SQLITE_MAGIC) and len(head) >= APPLICATION_ID_OFFSET + 4:
        app_id = int.from_bytes(head[APPLICATION_ID_OFFSET:APPLICATION_ID_OFFSET + 4], "big")
        return app_id == DRAFT_APPLICATION_ID
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped.startswith(b"{") and DRAFT_MARK in head


def check_output(out: str | os.PathLike[str], inputs: list[str | os.PathLike[str] | None], force: bool,
                 option: str = "--ghi-de (--force)") -> None:
    """Refuse to write *out* over an input, over any draft, over a folder or device, or over a file without *force*.

    Raises ``ExportError`` with a Vietnamese message and hint.
    """
    path = Path(out)
    where = Location(file=str(path))
    if "\x00" in os.fspath(path):
        raise ExportError("Tên tệp kết quả có ký tự không hợp lệ (NUL).", "Hãy gõ lại tên tệp.", where)
    for source in inputs:
        if source is not None and same_file(source, path):
            raise ExportError(f"Tệp kết quả «{path.name}» chính là tệp đang đọc vào.",
                              "Hãy chọn một tên tệp khác cho kết quả; tệp bản thảo không bị đụng tới.", where)
    if not path.exists() and not path.is_symlink():
        return
    if path.is_dir():
        raise ExportError(f"«{path}» là một thư mục.", "Hãy ghi rõ tên tệp kết quả, ví dụ -o bao-cao.docx.", where)
    if is_draft_file(path):
        raise ExportError(f"«{path.name}» là một tệp bản thảo của baocao; không ghi đè lên bản thảo.",
                          "Hãy chọn tên khác cho tệp kết quả.", where)
    if not force:
        raise ExportError(f"Tệp «{path}» đã có.", f"Chọn tên khác, hoặc thêm {option} để ghi đè.", where)
