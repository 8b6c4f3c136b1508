"""Draft storage: the SQLite draft file, the JSON interchange format, and keeping work safe.  No Qt.

- ``draftfile``  open/create/save a draft file (incremental, transactional);
- ``schema``     tables and migrations (``MIGRATIONS``; format = ``DRAFT_SCHEMA_VERSION``);
- ``rows``       a draft as rows of the file (what a save compares and writes);
- ``integrity``  checks before anything is written; ``salvage`` of damaged files;
- ``sqlitefile`` connections, SQLite errors in Vietnamese, torn-write rollback;
- ``autosave``   the background writer and where autosaves go (file or recovery copy);
- ``history``    versions kept inside the file (automatic, on save, named);
- ``backups``    rotating copies of each draft in the user data folder;
- ``recovery``   session markers and what crashed sessions left behind;
- ``locking``    lock files beside drafts on shared folders;
- ``proc``, ``userdata``  who/where we are; folders of the user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model.draft import Draft
from .draftfile import DraftFile, open_draft, save_draft
from .interchange import load_json_draft, save_json_draft


def check_path_text(path: str | os.PathLike[str]) -> None:
    """Refuse a path the operating system cannot take (a NUL byte pasted or passed in)."""
    from ..errors import DraftFileError

    if "\x00" in os.fspath(path):
        raise DraftFileError("Tên tệp có ký tự không hợp lệ (ký tự NUL).", "Hãy chọn lại tệp hoặc gõ lại tên tệp.")


def load_any(path: str | os.PathLike[str]) -> Draft:
    """Read a draft from a ``.json`` interchange file or a draft file (anything else)."""
    check_path_text(path)
    if Path(path).suffix.lower() == ".json":
        return load_json_draft(path)
    return open_draft(path)


__all__ = ["DraftFile", "check_path_text", "load_any", "load_json_draft", "open_draft", "save_draft", "save_json_draft"]
