"""What ``baocao check`` already knows renders: packs without template errors, drafts that fill.  No Qt.

``baocao check`` renders the pack's sections with an empty and a filled draft (to find
template mistakes), then the draft itself.  A pack that rendered cleanly renders cleanly
again as long as its files and baocao's code are unchanged; a draft file whose bytes are
unchanged renders the same with that pack.  Both facts are kept as keys (hashes, see
``fingerprint``) in one small JSON file in the user cache folder — untrusted, bounded
(``MAX_KEYS``), ignored when damaged.  Only successes are kept: errors are always found afresh.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from .cache_dir import cache_folder

RENDER_CACHE_FILE = "da-dung-duoc.json"
FILE_FORMAT = "baocao-da-dung-duoc"
MAX_KEYS = 256
MAX_FILE_BYTES = 256 * 1024


def _path() -> Path:
    return cache_folder() / RENDER_CACHE_FILE


def _keys() -> list[str]:
    try:
        with _path().open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        value = json.loads(data.decode("utf-8")) if len(data) <= MAX_FILE_BYTES else None
    except (OSError, ValueError, RecursionError):
        return []
    if not isinstance(value, dict) or value.get("format") != FILE_FORMAT or not isinstance(value.get("keys"), list):
        return []
    return [k for k in value["keys"] if isinstance(k, str)]


def known_good(key: str) -> bool:
    """True when *key* was remembered as rendering without error."""
    return key in _keys()


def remember_good(key: str) -> None:
    """Remember *key* (most recent first, at most ``MAX_KEYS``); a folder that cannot be written is left alone."""
    keys = [key] + [k for k in _keys() if k != key]
    try:
        path = _path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps({"format": FILE_FORMAT, "keys": keys[:MAX_KEYS]}), encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, RuntimeError):
        pass
