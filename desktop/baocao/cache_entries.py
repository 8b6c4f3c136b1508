"""One cache entry per file: a CRC-32, then a ``marshal`` tuple ``(format, key, value)``.  No Qt.

Used by the caches that spare an export its heaviest imports (``template/toml_cache.py``: parsed
manifests; ``writers/docx/style_cache.py``: the parts derived from reference.docx).  An entry that
is unreadable, truncated, of another format or for another key reads as None, so a damaged or
foreign cache is only slower, never wrong.  Writes are atomic (temporary file, then replace); a
failure to write is ignored; the oldest entries beyond a bound are removed.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

ENTRY_SUFFIX = ".bin"
TEMP_SUFFIX = ".tmp"


def read_entry(folder: Path, key: str, fmt: int) -> Any | None:
    """The value stored under *key* in *folder* with layout *fmt*, or None."""
    try:
        data = (folder / f"{key}{ENTRY_SUFFIX}").read_bytes()
    except OSError:
        return None
    if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "little"):
        return None
    try:
        value = marshal.loads(data[4:])
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(value, tuple) and len(value) == 3 and value[0] == fmt and value[1] == key):
        return None
    return value[2]


def write_entry(folder: Path, key: str, fmt: int, value: Any, max_entries: int) -> None:
    """Store *value* (marshal-able) under *key*, then keep at most *max_entries* entries."""
    payload = marshal.dumps((fmt, key, value))
    tmp = folder / f"{key}.{os.getpid()}{TEMP_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, folder / f"{key}{ENTRY_SUFFIX}")
        prune(folder, max_entries)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def prune(folder: Path, max_entries: int) -> None:
    """Remove the oldest entries beyond *max_entries* (and temporary files a crash left behind)."""
    try:
        entries = [(p.stat().st_mtime_ns, p) for p in folder.iterdir() if p.suffix in (ENTRY_SUFFIX, TEMP_SUFFIX)]
    except OSError:
        return
    entries.sort(reverse=True)
    for _mtime, path in entries[max_entries:]:
        try:
            path.unlink()
        except OSError:
            pass
