"""Folders in the user data folder that keep work safe, and small JSON records.

``<user data>/baocao/`` (``platformdirs.user_data_dir``) holds:

- ``recovery/``  autosave copies of drafts that have no file yet (or whose
  file could not be written), one ``<session id>.baocao`` each;
- ``sessions/``  one ``<session id>.json`` marker per running editing
  session, removed on a clean close — a marker left behind means a crash;
- ``backups/<hash of the draft's path>/``  rotating copies of each draft.

``BAOCAO_DATA_DIR`` overrides the location (tests, portable installs).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..fsutil import TEMP_PREFIX


def data_dir() -> Path:
    """The user data folder of baocao (created on demand by the callers)."""
    override = os.environ.get("BAOCAO_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("baocao", appauthor=False))


def _sub(name: str) -> Path:
    folder = data_dir() / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def recovery_dir() -> Path:
    """Autosave copies of untitled (or unwritable) drafts."""
    return _sub("recovery")


def sessions_dir() -> Path:
    """Markers of running editing sessions."""
    return _sub("sessions")


def backups_dir() -> Path:
    """Rotating backups, one subfolder per draft."""
    return _sub("backups")


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write a small JSON record durably (temporary file, fsync, replace).  Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON record, or None when missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
