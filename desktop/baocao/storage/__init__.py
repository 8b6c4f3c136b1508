"""Draft storage: the SQLite draft file and the JSON interchange format."""

from __future__ import annotations

import os
from pathlib import Path

from ..model.draft import Draft
from .draftfile import DraftFile, open_draft, save_draft
from .interchange import load_json_draft, save_json_draft


def load_any(path: str | os.PathLike[str]) -> Draft:
    """Read a draft from a ``.json`` interchange file or a draft file (anything else)."""
    if Path(path).suffix.lower() == ".json":
        return load_json_draft(path)
    return open_draft(path)


__all__ = ["DraftFile", "load_any", "load_json_draft", "open_draft", "save_draft", "save_json_draft"]
