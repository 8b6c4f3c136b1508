"""Rotating backups of each draft in the user data folder.

``<user data>/backups/<hash of the draft's full path>/`` holds the newest
``KEEP`` copies of that draft, made when it is opened, on each explicit save
and before anything replaces it (migration to a newer format, restoring over
it).  A copy identical to the newest one is not made twice.  File names say
when and why: ``20250612-140512-123456_luu_<content hash>.baocao``; the
folder's ``source.json`` records which draft it belongs to.

Copies of an open file are taken with SQLite's backup API (consistent even
while the session writes); closed files are copied byte for byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import DraftFileError, Location
from ..model.draft import Draft
from ..oserrors import os_error_text
from .draftfile import DraftFile, fsync_dir, open_draft
from .proc import local_time_text
from .userdata import backups_dir, read_json, write_json_atomic

KEEP = 10
#: the time in a backup's file name (UTC, as ``datetime.strftime`` writes it) and its pattern
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{1,6})", re.ASCII)
REASONS = {
    "mo": "Khi mở tệp",
    "luu": "Khi lưu",
    "truoc-nang-cap": "Trước khi nâng cấp định dạng",
    "truoc-khoi-phuc": "Trước khi khôi phục đè lên",
    "truoc-ghi-de": "Trước khi bị ghi đè",
}


@dataclass(frozen=True)
class BackupInfo:
    """One backup copy."""

    path: Path
    created_at: datetime
    reason: str
    digest: str
    size: int

    def label(self) -> str:
        """"14:05 ngày 12/6/2025 — Khi lưu (85 KB)"."""
        reason = REASONS.get(self.reason, self.reason)
        return f"{local_time_text(self.created_at)} — {reason} ({max(1, self.size // 1024)} KB)"


def _key(source: Path) -> str:
    normal = os.path.normcase(os.path.abspath(source))
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def backup_folder(source: str | os.PathLike[str]) -> Path:
    """The folder of *source*'s backups (created, with its ``source.json``)."""
    source = Path(source)
    folder = backups_dir() / _key(source)
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "source.json"
    if read_json(record) is None:
        with contextlib.suppress(OSError):
            write_json_atomic(record, {"path": str(Path(os.path.abspath(source)))})
    return folder


def parse_stamp(stamp: str) -> datetime:
    """The UTC time of a backup name's ``20250612-140512-123456`` (``STAMP_FORMAT``); ValueError if it is not one.

    Parsed by hand: ``datetime.strptime`` loads the ``_strptime`` module on its first call, and backups
    are listed on the autosave writer's thread, which must not import (see ``ui/thread_imports``).
    """
    match = STAMP.fullmatch(stamp)
    if match is None:
        raise ValueError(f"not a backup time: {stamp!r}")
    year, month, day, hour, minute, second, fraction = match.groups()
    return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                    int(fraction.ljust(6, "0")), tzinfo=timezone.utc)


def _parse(path: Path) -> BackupInfo | None:
    try:
        stamp, reason, digest = path.stem.split("_", 2)
        created = parse_stamp(stamp)
        return BackupInfo(path, created, reason, digest, path.stat().st_size)
    except (ValueError, OSError):
        return None


def list_backups(source: str | os.PathLike[str]) -> list[BackupInfo]:
    """Backups of *source*, newest first."""
    folder = backups_dir() / _key(Path(source))
    if not folder.is_dir():
        return []
    found = [info for p in folder.glob("*.baocao") if (info := _parse(p)) is not None]
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()[:16]


def make_backup(source: "str | os.PathLike[str] | DraftFile", reason: str, keep: int = KEEP) -> BackupInfo | None:
    """Copy a draft (a path, or an open ``DraftFile``) into its backup folder; None when unchanged.

    Backups are a safety net: failures are returned as ``DraftFileError`` to
    the caller, who should report but not stop the drafter's work.
    """
    path = source.path if isinstance(source, DraftFile) else Path(source)
    folder = backup_folder(path)
    fd, tmp_name = tempfile.mkstemp(prefix=".backup.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if isinstance(source, DraftFile):
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                source.copy_into(conn)
            finally:
                conn.close()
        else:
            shutil.copyfile(path, tmp)
        digest = _digest(tmp)
        existing = list_backups(path)
        if existing and existing[0].digest == digest:
            return None
        stamp = datetime.now(timezone.utc).strftime(STAMP_FORMAT)
        target = folder / f"{stamp}_{reason}_{digest}.baocao"
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        fsync_dir(folder)
        for old in existing[keep - 1:] if keep > 0 else existing:
            with contextlib.suppress(OSError):
                old.path.unlink()
        return _parse(target)
    except OSError as exc:
        raise DraftFileError(f"Không tạo được bản sao lưu của «{path.name}» ({os_error_text(exc)}).",
                             "Công việc vẫn được lưu bình thường vào tệp; hãy kiểm tra dung lượng ổ đĩa.",
                             Location(file=str(path))) from exc
    finally:
        tmp.unlink(missing_ok=True)


def load_backup(info: BackupInfo) -> Draft:
    """The draft held by a backup (read-only)."""
    return open_draft(info.path)


def restore_backup(info: BackupInfo, target: str | os.PathLike[str], overwrite: bool = False) -> Path:
    """Write the backup's draft to *target* as a new file (the current *target* is backed up first)."""
    target = Path(target)
    if target.exists():
        if not overwrite:
            raise DraftFileError(f"Tệp «{target.name}» đã có.", "Hãy chọn tên khác hoặc xác nhận ghi đè.",
                                 Location(file=str(target)))
        make_backup(target, "truoc-khoi-phuc")
    with DraftFile.open(info.path, read_only=True) as handle:
        draft = handle.load()
        DraftFile.create(target, draft, copy_of=handle).close()
    return target
