"""Parsed TOML of packs kept in the user cache folder, so an export does not load and run ``tomllib``.

A pack's ``manifest.toml`` (and its guidance file) is parsed by every process that uses the pack;
``tomllib`` is a pure-Python parser whose import and run are a few per cent of a small export.
The parsed table is kept under the SHA-256 of the text (``…/baocao/toml/<key>.bin``: a CRC-32,
then a ``marshal`` tuple that repeats the key).  Only tables of plain values (text, numbers,
booleans, lists, tables) are kept — one holding a TOML date is parsed every time.  An entry that
is unreadable, truncated, of another format or for another text is ignored, so a damaged cache
is only slower, never wrong; ``BAOCAO_NO_CACHE=1`` turns it off.  Each call returns a fresh
object (callers may change what they get).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ..cache_entries import read_entry, write_entry

#: Layout of an entry.
FORMAT = 1
CACHE_FOLDER = "toml"
#: Entries kept; the oldest are removed when a new one is written.
MAX_ENTRIES = 128
_OFF = "BAOCAO_NO_CACHE"
_PLAIN = (str, int, float, bool)


def _folder() -> Path | None:
    if os.environ.get(_OFF, "") not in ("", "0"):
        return None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("baocao", appauthor=False)) / CACHE_FOLDER


def text_key(text: str) -> str:
    """The key of a TOML text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def is_plain(value: Any) -> bool:
    """True when *value* holds only what ``marshal`` keeps exactly (no dates, no other objects)."""
    if type(value) in _PLAIN:
        return True
    if type(value) is list:
        return all(is_plain(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and is_plain(v) for k, v in value.items())
    return False


def load(text: str) -> dict[str, Any] | None:
    """The parsed table of *text* if a valid entry exists, else None."""
    folder = _folder()
    if folder is None:
        return None
    value = read_entry(folder, text_key(text), FORMAT)
    if type(value) is not dict or not is_plain(value):
        return None
    return value


def store(text: str, table: dict[str, Any]) -> None:
    """Keep the parsed *table* of *text* (nothing when it is not plain; write failures are ignored)."""
    folder = _folder()
    if folder is None or not is_plain(table):
        return
    write_entry(folder, text_key(text), FORMAT, table, MAX_ENTRIES)


def parse(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, from the cache when it can (raises ``tomllib.TOMLDecodeError`` as it does)."""
    cached = load(text)
    if cached is not None:
        return cached
    import tomllib

    table = tomllib.loads(text)
    store(text, table)
    return table
