"""Every file a pack names is read from inside the pack, never through a link.

``pack_path`` resolves a relative name ("muc/x.j2", "huong-dan.toml",
"reference.docx") inside the pack folder and refuses absolute paths, "..",
and any symbolic link (or Windows junction) on the way — a link to
``/etc/passwd`` or a linked folder is refused, not followed.
``pack_loader.PackLoader`` is the Jinja loader built on it, so ``{% include %}``
and ``{% import %}`` obey the same rule (kept apart so that reading a manifest
does not import Jinja).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath
from ..errors import Location, TemplateError
from ..oserrors import os_error_text

_HINT = "Mọi tệp mẫu dùng phải nằm ngay trong thư mục mẫu (hoặc thư mục con), là tệp thật, không phải lối tắt (liên kết)."


def _refuse(name: str, why: str, root: Path) -> TemplateError:
    return TemplateError(f"Mẫu báo cáo dùng tệp «{name}» {why}.", _HINT, Location(file=str(root / "manifest.toml")))


def _is_link(path: Path) -> bool:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return True
    is_junction = getattr(path, "is_junction", None)
    return bool(is_junction and is_junction())


def pack_path(root: Path, name: str, must_exist: bool = True) -> Path:
    """The file *name* inside pack *root*; TemplateError when it escapes, is a link or (if *must_exist*) is missing."""
    text = str(name).replace("\\", "/")
    pure = PurePosixPath(text)
    if not text or pure.is_absolute() or (len(text) > 1 and text[1] == ":") or text.startswith("//"):
        raise _refuse(name, "bằng đường dẫn tuyệt đối", root)
    if any(part == ".." for part in pure.parts):
        raise _refuse(name, "nằm ngoài thư mục mẫu («..»)", root)
    if _is_link(root):
        raise _refuse(".", "nhưng chính thư mục mẫu là một liên kết", root)
    current = root
    for part in pure.parts:
        if part in ("", "."):
            continue
        current = current / part
        if _is_link(current):
            raise _refuse(name, "là một liên kết (lối tắt) tới nơi khác", root)
    if must_exist and current.exists() and not current.is_file():
        raise TemplateError(f"«{name}» trong thư mục mẫu không phải tệp thông thường (thư mục, ống dẫn hay thiết bị).",
                            "Thay nó bằng một tệp văn bản bình thường.", Location(file=str(root / "manifest.toml")))
    if must_exist and not current.is_file():
        raise TemplateError(f"Không tìm thấy tệp «{name}» trong thư mục mẫu.",
                            "Kiểm tra tên tệp trong manifest.toml và trong thư mục mẫu.",
                            Location(file=str(root / "manifest.toml")))
    return current


def read_pack_bytes(root: Path, name: str) -> bytes:
    """The bytes of pack file *name* (opened without following a link where the system allows)."""
    path = pack_path(root, name)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _refuse(name, f"nhưng không mở được ({os_error_text(exc)})", root) from exc
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def read_pack_text(root: Path, name: str) -> str:
    """The UTF-8 text of pack file *name*."""
    data = read_pack_bytes(root, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"Tệp «{name}» của mẫu không phải văn bản UTF-8.", "Lưu lại tệp với bảng mã UTF-8 rồi thử lại.",
                            Location(file=str(root / name))) from exc


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime and not _is_link(path)
    except OSError:
        return False
