"""What the window remembers between runs (QSettings, organisation "baocao").

Geometry and dock/toolbar state, splitter sizes, recent files, the last
folder used in file dialogs and whether the guidance box is open.  Tests and
the benchmark point it at a private ini file with ``AppSettings.at(path)``.
The office's details for its next draft (province, place, signer) are kept
apart, in ``office_profile``'s JSON file that ``baocao new`` reads too; with
``at(path)`` that file sits beside the ini file.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..constants import APP_NAME, OFFICE_PROFILE_NAME, ORG_NAME
from ..office_profile import OfficeProfile, load_profile, profile_path, save_profile

MAX_RECENT = 10


#: the File menu's «Kèm số liệu để nhập lại» (importing/own_export.py)
ROUNDTRIP_DATA_KEY = "export/roundtrip_data"

class AppSettings:
    """Typed access to the application's QSettings."""

    def __init__(self, qsettings: QSettings | None = None, office_path: Path | None = None):
        self.qs = qsettings or QSettings(ORG_NAME, APP_NAME)
        self._office_path = office_path

    @classmethod
    def at(cls, path: str | os.PathLike[str]) -> "AppSettings":
        """Settings kept in the ini file *path* (tests, portable use); the office profile beside it."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat), Path(path).with_name(OFFICE_PROFILE_NAME))

    # ------------------------------------------------------------ the office
    def office_profile(self) -> OfficeProfile:
        """The office's remembered details (province, place, body, signer); empty at first."""
        return load_profile(self._office_path or profile_path())

    def remember_office(self, profile: OfficeProfile) -> bool:
        """Keep *profile* for the office's next draft (shared with ``baocao new``); False if it could not be written."""
        return save_profile(profile, self._office_path or profile_path())

    # ------------------------------------------------------------ recent files
    def recent_files(self) -> list[str]:
        """Recently opened or saved draft files, newest first."""
        value = self.qs.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str | os.PathLike[str]) -> None:
        """Put *path* at the top of the recent files."""
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files() if f != path]
        self.qs.setValue("recent/files", files[:MAX_RECENT])
        self.qs.sync()

    def remove_recent(self, path: str) -> None:
        """Forget *path* (e.g. after it could not be opened)."""
        self.qs.setValue("recent/files", [f for f in self.recent_files() if f != path])
        self.qs.sync()

    def clear_recent(self) -> None:
        """Forget all recent files."""
        self.qs.setValue("recent/files", [])
        self.qs.sync()

    def last_existing_recent(self) -> str | None:
        """The newest recent file that still exists."""
        return next((f for f in self.recent_files() if Path(f).is_file()), None)

    # ------------------------------------------------------------ window
    def bytes_value(self, key: str) -> QByteArray | None:
        """A stored QByteArray (geometry, state), or None."""
        value = self.qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_value(self, key: str, value: object) -> None:
        """Store any value."""
        self.qs.setValue(key, value)

    def int_list(self, key: str) -> list[int]:
        """A stored list of ints (splitter sizes), empty when absent or malformed."""
        value = self.qs.value(key, [])
        if isinstance(value, (str, int)):
            value = [value]
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            return []

    def flag(self, key: str, default: bool) -> bool:
        """A stored boolean (QSettings ini files store "true"/"false")."""
        value = self.qs.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def roundtrip_data(self) -> bool:
        """Whether a Word export carries the hidden data our own import reads back (on unless turned off)."""
        return self.flag(ROUNDTRIP_DATA_KEY, True)

    def set_roundtrip_data(self, on: bool) -> None:
        """Remember the «Kèm số liệu để nhập lại» choice of the File menu."""
        self.set_value(ROUNDTRIP_DATA_KEY, bool(on))

    def last_dir(self) -> str:
        """The folder of the last file dialog (home folder at first)."""
        value = str(self.qs.value("dialogs/last_dir", "") or "")
        return value if value and Path(value).is_dir() else str(Path.home())

    def set_last_dir(self, path: str | os.PathLike[str]) -> None:
        """Remember the folder of *path* for the next file dialog."""
        p = Path(path)
        self.qs.setValue("dialogs/last_dir", str(p if p.is_dir() else p.parent))

    def sync(self) -> None:
        """Write to disk now."""
        self.qs.sync()
