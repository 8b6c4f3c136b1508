"""Removing an office pack without losing it: the folder moves aside and can be moved back.

``remove_user_pack`` moves a pack folder out of the user pack folder into
``templates-da-xoa/<folder>--<YYYYmmdd-HHMMSS>`` next to it; drafts that use
the pack then fall back as for any missing pack.  ``list_removed`` reads what
is there (newest first) and ``restore_removed`` moves one back under its
old folder name, refusing when a pack folder of that name exists again.
Only folders inside the user pack folder can be removed: built-in packs and
folders named by ``BAOCAO_TEMPLATES`` are not ours to move.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import TemplateError
from ..oserrors import os_error_text

#: name of the folder beside the user pack folder that holds removed packs
REMOVED_FOLDER = "templates-da-xoa"
#: separates the old folder name from the time of removal in a removed pack's folder name
STAMP_SEPARATOR = "--"
STAMP_FORMAT = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class RemovedPack:
    """A pack folder that was removed: where it is now, its old folder name, its name and when."""

    path: Path
    folder_name: str
    name: str
    removed_at: str          # "dd/mm/yyyy hh:mm", for people


def removed_dir() -> Path:
    """Where removed packs are kept."""
    return paths.user_templates_dir().parent / REMOVED_FOLDER


def remove_user_pack(root: Path) -> Path:
    """Move pack folder *root* (inside the user pack folder) aside; returns where it went."""
    base = paths.user_templates_dir().resolve()
    try:
        inside = root.resolve().parent == base
    except OSError:
        inside = False
    if not inside or not root.is_dir():
        raise TemplateError(f"Mẫu ở «{root}» không nằm trong thư mục mẫu của đơn vị nên không xóa được ở đây.",
                            "Mẫu có sẵn không xóa được; mẫu ở thư mục khác thì xóa thư mục đó bằng tay.")
    target_dir = removed_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{root.name}{STAMP_SEPARATOR}{time.strftime(STAMP_FORMAT)}"
    suffix = 1
    while target.exists():
        suffix += 1
        target = target_dir / f"{root.name}{STAMP_SEPARATOR}{time.strftime(STAMP_FORMAT)}-{suffix}"
    try:
        shutil.move(str(root), str(target))
    except OSError as exc:
        raise TemplateError(f"Không chuyển được thư mục mẫu «{root.name}»: {os_error_text(exc)}.",
                            "Hãy đóng các chương trình đang mở tệp trong thư mục đó rồi thử lại.") from exc
    return target


def _pack_name(folder: Path) -> str:
    from .manifest import load_manifest

    try:
        return load_manifest(folder).name
    except (TemplateError, OSError):
        return folder.name


def _when(stamp: str) -> str:
    try:
        parsed = time.strptime(stamp[:15], STAMP_FORMAT)
    except ValueError:
        return ""
    return time.strftime("%d/%m/%Y %H:%M", parsed)


def list_removed() -> list[RemovedPack]:
    """The removed packs, newest first."""
    folder = removed_dir()
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        if not entry.is_dir() or STAMP_SEPARATOR not in entry.name:
            continue
        old, _, stamp = entry.name.rpartition(STAMP_SEPARATOR)
        found.append(RemovedPack(entry, old, _pack_name(entry), _when(stamp)))
    return sorted(found, key=lambda item: item.path.name.rpartition(STAMP_SEPARATOR)[2], reverse=True)


def restore_removed(item: RemovedPack) -> Path:
    """Move *item* back into the user pack folder under its old folder name."""
    target = paths.user_templates_dir() / item.folder_name
    if target.exists():
        raise TemplateError(f"Thư mục mẫu của đơn vị đã có «{item.folder_name}» nên không khôi phục đè lên được.",
                            "Hãy đổi tên hoặc xóa mẫu đang có cùng tên rồi khôi phục lại.")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.move(str(item.path), str(target))
    except OSError as exc:
        raise TemplateError(f"Không khôi phục được mẫu «{item.name}»: {os_error_text(exc)}.",
                            "Hãy kiểm tra quyền ghi vào thư mục mẫu của đơn vị rồi thử lại.") from exc
    return target
