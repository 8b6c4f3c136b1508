"""The folder of the checks' caches, found without loading platformdirs.  No Qt.

``baocao check`` answering from its result cache must cost little more than starting Python:
platformdirs costs as much again as that whole answer, so the user cache folder is found
here directly, as platformdirs finds it (``user_cache_dir("baocao", appauthor=False)``):
``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS,
``%LOCALAPPDATA%\\baocao\\Cache`` on Windows.  Only the checks' own caches live there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "baocao"
CACHE_FOLDER = "kiem-tra"
#: set (to anything but empty or 0) to switch every check cache off
ENV_NO_CACHE = "BAOCAO_NO_CHECK_CACHE"


def cache_enabled() -> bool:
    """False when ``BAOCAO_NO_CHECK_CACHE`` is set (to anything but empty or 0)."""
    return os.environ.get(ENV_NO_CACHE, "") in ("", "0")


def user_cache_root() -> Path:
    """The user's cache folder for baocao (what platformdirs' ``user_cache_dir`` gives)."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA", "").strip() or os.path.expanduser(r"~\AppData\Local")
        return Path(base) / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~/Library/Caches")) / APP_NAME
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return Path(base) / APP_NAME


def cache_folder() -> Path:
    """Where the checks keep what they learnt (``kiem-tra`` in the user cache folder)."""
    return user_cache_root() / CACHE_FOLDER
