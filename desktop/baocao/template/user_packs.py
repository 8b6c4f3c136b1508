"""The office's own packs in the user data folder: start one from a built-in pack, save edits safely.

``save_pack`` is how the pack editor writes: the new texts are checked first
(load + render every section, done by the caller in the worker process), then
written file by file atomically; the previous version goes to the backup
folder, so "the last good version" is never lost.  A version with errors is
kept in the drafts folder instead (``keep_unsaved``), never in the pack folder
that drafts use.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from ..fsutil import write_text_atomic
from ..paths import user_templates_dir
from .manifest import REFERENCE_NAME
from .pack_files import pack_path
from .sharing import copy_pack


def backups_dir() -> Path:
    """Where replaced versions of user packs are kept."""
    return user_templates_dir().parent / "templates-cu"


def drafts_dir() -> Path:
    """Where a pack version that still has errors is kept while it is being edited."""
    return user_templates_dir().parent / "templates-nhap"


def start_user_pack(source: Path, new_id: str | None = None, folder: Path | None = None) -> Path:
    """Copy pack *source* into the user pack folder (as *new_id*, or under its own id to override it)."""
    from .manifest import load_manifest

    pack = load_manifest(source)
    pack_id = new_id or pack.id
    base = folder or user_templates_dir()
    target = base / pack_id
    if target.exists():
        target = base / f"{pack_id}-{time.strftime('%Y%m%d-%H%M%S')}"
    copied = copy_pack(source, target, new_id if new_id and new_id != pack.id else None)
    if new_id and new_id != pack.id:
        from .sharing import set_pack_id

        set_pack_id(copied, new_id, f"{pack.name} (bản của đơn vị)")
    return copied


def save_pack(root: Path, files: dict[str, str]) -> Path | None:
    """Write *files* (name → text) into pack *root*; the previous version is copied to the backups first.

    Returns the backup folder (None when there was nothing to keep).
    """
    keep: Path | None = None
    if (root / "manifest.toml").exists():
        keep = backups_dir() / f"{root.name}-{time.strftime('%Y%m%d-%H%M%S')}"
        shutil.copytree(root, keep, symlinks=True, dirs_exist_ok=True)
    for name, text in files.items():
        target = pack_path(root, name, must_exist=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, text)
    return keep


def keep_unsaved(pack_id: str, files: dict[str, str]) -> Path:
    """Keep a version with errors in the drafts folder; returns its folder."""
    folder = drafts_dir() / pack_id
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = pack_path(folder, name, must_exist=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, text)
    return folder


def ensure_reference(root: Path) -> Path:
    """The pack's own reference.docx, created from the default styles when the pack has none."""
    target = pack_path(root, REFERENCE_NAME, must_exist=False)
    if not target.exists():
        from ..writers.docx.reference import default_reference_path

        shutil.copyfile(default_reference_path(), target)
    return target


def is_user_pack(root: Path) -> bool:
    """True when *root* is not one of the built-in packs."""
    from ..paths import templates_dir

    try:
        root.absolute().relative_to(templates_dir().absolute())
        return False
    except ValueError:
        return True
