"""Atomic file writes: write beside the target, flush, fsync, then replace.

Every output of baocao (exports, Save As, JSON) goes through ``atomic_write``
so a crash, a full disk or a locked target never leaves a half-written file:
either the old file is intact or the new one is complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import ExportError, Location
from .oserrors import os_error_text

#: temporary files beside a target get a short fixed-length name, so a target whose name is
#: already near the file-system limit (255 bytes) can still be written
TEMP_PREFIX = ".~bc"
#: longest draft file name: SQLite writes "<name>-journal" beside it and the lock is "~$<name>.lock"
MAX_DRAFT_NAME_BYTES = 255 - len("-journal")


def draft_name_problem(path: str | os.PathLike[str]) -> str | None:
    """Why *path* cannot be a draft file's name (too long for its journal and lock), in Vietnamese; None if fine."""
    size = len(os.fsencode(Path(path).name))
    if size > MAX_DRAFT_NAME_BYTES:
        return (f"Tên tệp «{Path(path).name[:40]}…» dài {size} byte; tên tệp bản thảo tối đa "
                f"{MAX_DRAFT_NAME_BYTES} byte (hệ thống cần thêm chỗ cho tệp nhật ký và tệp khóa bên cạnh).")
    return None


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when *a* and *b* name the same file (links and case-insensitive names included)."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


class NotARegularFileError(OSError):
    """The path names a folder, a pipe, a device … — nothing baocao reads as a file."""


class FileTooLargeError(OSError):
    """The file is larger than the reader accepts."""


def read_regular_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of *path* when it is a regular file of at most *max_bytes*.

    Opens without blocking and checks what was opened, so a FIFO or a device
    (``/dev/zero``) is refused at once instead of hanging or filling memory.
    Raises ``FileNotFoundError`` / ``PermissionError`` as usual,
    ``NotARegularFileError`` or ``FileTooLargeError``.
    """
    fd = os.open(os.fspath(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFileError(errno.EINVAL, "not a regular file", os.fspath(path))
        if info.st_size > max_bytes:
            raise FileTooLargeError(errno.EFBIG, "file too large", os.fspath(path))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:        # grew while being read
                raise FileTooLargeError(errno.EFBIG, "file too large", os.fspath(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def describe_os_error(exc: OSError, path: Path) -> tuple[str, str]:
    """A Vietnamese (message, hint) pair for an OS error on *path*."""
    name = path.name
    folder_exists = path.parent.is_dir()
    denied = exc.errno in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError)
    if denied and folder_exists and not os.access(path.parent, os.W_OK):
        return (f"Không ghi được tệp «{name}»: thư mục «{path.parent}» không cho phép ghi.",
                "Hãy chọn thư mục khác (ví dụ thư mục Tài liệu của bạn) rồi thử lại.")
    if denied:
        return (f"Không ghi được tệp «{name}»: tệp đang mở trong chương trình khác hoặc không cho phép ghi.",
                "Hãy đóng tệp trong Word (nếu đang mở) hoặc chọn tên hay thư mục khác rồi thử lại.")
    if exc.errno == errno.ENOSPC:
        return (f"Không ghi được tệp «{name}»: ổ đĩa đã đầy.",
                "Hãy giải phóng dung lượng ổ đĩa hoặc chọn ổ khác rồi thử lại.")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR) and folder_exists:
        # the folder is there but refuses new files (Windows "Controlled folder access" reports it this way)
        return (f"Không ghi được tệp «{name}»: thư mục «{path.parent}» có sẵn nhưng không cho phép tạo tệp mới.",
                "Hãy chọn thư mục khác, hoặc cho phép baocao ghi vào thư mục này trong phần bảo vệ của Windows.")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return (f"Không ghi được tệp «{name}»: thư mục «{path.parent}» không tồn tại.",
                "Hãy chọn một thư mục có sẵn rồi thử lại.")
    if exc.errno == errno.EROFS:
        return (f"Không ghi được tệp «{name}»: ổ đĩa chỉ cho phép đọc.",
                "Hãy chọn thư mục khác rồi thử lại.")
    if exc.errno == errno.EISDIR or isinstance(exc, IsADirectoryError):
        return (f"Không ghi được tệp «{name}»: đã có một thư mục cùng tên.",
                "Hãy chọn tên tệp khác rồi thử lại.")
    return (f"Không ghi được tệp «{name}» ({os_error_text(exc)}).",
            "Hãy kiểm tra thư mục đích rồi thử lại.")


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], error_cls: type[ExportError] = ExportError) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces *path* only when the block finishes without error.

    OS errors (locked target, read-only folder, full disk) become *error_cls*
    with a Vietnamese message; the temporary file is always removed on failure.
    """
    target = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=target.parent)
    except OSError as exc:
        message, hint = describe_os_error(exc, target)
        raise error_cls(message, hint, Location(file=str(target))) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        message, hint = describe_os_error(exc, target)
        raise error_cls(message, hint, Location(file=str(target))) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def fsync_dir(folder: Path) -> None:
    """Make a rename in *folder* durable (POSIX; a no-op where directories cannot be opened)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _replace(tmp: Path, target: Path) -> None:
    """``os.replace`` that keeps the target's permission bits when it existed."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    if mode is not None:
        if not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, "target is read-only", str(target))
        os.chmod(tmp, mode)
    else:
        os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    fsync_dir(target.parent)  # the rename itself must survive a power cut


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically."""
    with atomic_write(path) as handle:
        handle.write(data)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 *text* to *path* atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))
