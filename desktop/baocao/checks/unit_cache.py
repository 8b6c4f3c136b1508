"""A persistent cache of per-string findings, for ``baocao check`` and the window's findings list.  No Qt.

The per-string hits of a text (typography, spelling, citations in one string, figures,
legacy encodings) depend only on the text and on what ``fingerprint.environment_key``
hashes (code, word lists, machine dictionary, user's and draft's words, n-gram model).  One
JSON file per key under the user cache folder maps a hash of each text to its hits; a
re-check of an unchanged paragraph reads it instead of running the rules.

The file is untrusted: one that is too big, not JSON, of another format or key, or holds a
hit that is not well formed (wrong types, a span outside its text) is ignored entry by
entry or whole, and rebuilt — never a reason to fail.  It is bounded (``MAX_ENTRIES`` texts,
most recently used kept; ``MAX_FILES`` keys) and written atomically (temporary file, rename).
An entry this process put or already checked is trusted: asked again (a text used twice in one
report, the window's next whole-report check) it is answered without checking it again.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from .cache_dir import ENV_NO_CACHE, cache_enabled, cache_folder  # noqa: F401 - re-exported
from .fingerprint import _blake2b
from .hits import Hit

FILE_FORMAT = "baocao-kiem-tra-cache"
MAX_ENTRIES = 20_000
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_FILES = 8
#: the window re-checks after every pause in typing: its cache file is written at most this often
WINDOW_SAVE_INTERVAL_S = 30.0

_HIT_TYPES = (str, str, int, int, str, (str, type(None)), str)


def text_key(text: str) -> str:
    """The short hash a text is filed under."""
    return _blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _valid_hits(raw: object, text: str) -> tuple[Hit, ...] | None:
    """The hits of a cache entry, or None when the entry is not well formed for *text*."""
    if not isinstance(raw, list):
        return None
    hits = []
    for item in raw:
        if not isinstance(item, list) or len(item) != len(_HIT_TYPES):
            return None
        if not all(isinstance(v, t) and not isinstance(v, bool) for v, t in zip(item, _HIT_TYPES)):
            return None
        offset, length = item[2], item[3]
        if offset < 0 or length < 0 or offset + length > len(text):
            return None
        hits.append(Hit(*item))
    return tuple(hits)


class UnitCache:
    """The cached hits of one environment key; ``get``/``put`` by text, ``save`` when something changed."""

    def __init__(self, key: str, folder: Path | None):
        self.key = key
        self.path = folder / f"{key}.json" if folder is not None else None
        self._entries: dict[str, list] | None = None
        self._fresh: dict[str, list] = {}          # used or added in this process: kept first
        #: entries put or validated in this process: key → (stored form, hits), answered without validating
        self._trusted: dict[str, tuple[list, tuple[Hit, ...]]] = {}
        self._dirty = False
        self._saved_at = 0.0
        self._lock = threading.Lock()

    def _load(self) -> dict[str, list]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _read(self) -> dict[str, list]:
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                return {}
            value = json.loads(data.decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        if (not isinstance(value, dict) or value.get("format") != FILE_FORMAT or value.get("key") != self.key
                or not isinstance(value.get("units"), dict)):
            return {}
        return value["units"]

    def get(self, text: str) -> tuple[Hit, ...] | None:
        """The cached hits of *text*, or None when not cached (or the entry is damaged)."""
        key = text_key(text)
        with self._lock:
            known = self._trusted.get(key)
            if known is not None:
                self._fresh[key] = known[0]
                return known[1]
            raw = self._load().get(key)
            if raw is None:
                return None
            hits = _valid_hits(raw, text)
            if hits is None:
                self._load().pop(key, None)
                self._dirty = True
                return None
            self._fresh[key] = raw
            self._trust(key, raw, hits)
            return hits

    def put(self, text: str, hits: list[Hit] | tuple[Hit, ...]) -> None:
        """Remember the hits of *text*."""
        key = text_key(text)
        raw = [list(h) for h in hits]
        with self._lock:
            self._load()[key] = raw
            self._fresh[key] = raw
            self._trust(key, raw, tuple(hits))
            self._dirty = True

    def _trust(self, key: str, raw: list, hits: tuple[Hit, ...]) -> None:
        """Keep *hits* of *key* as known good for this process (at most ``MAX_ENTRIES``; the lock is held)."""
        if len(self._trusted) >= MAX_ENTRIES:
            self._trusted.clear()
        self._trusted[key] = (raw, hits)

    def save(self, min_interval_s: float = 0.0) -> bool:
        """Write the file when something changed (and *min_interval_s* has passed since the last write).

        True when written.  A folder that cannot be written is left alone: the cache is an aid only.
        """
        with self._lock:
            if not self._dirty or self.path is None or time.monotonic() - self._saved_at < min_interval_s:
                return False
            units = dict(self._fresh)
            for key, raw in self._load().items():
                if len(units) >= MAX_ENTRIES:
                    break
                units.setdefault(key, raw)
            if len(units) > MAX_ENTRIES:
                units = dict(list(units.items())[:MAX_ENTRIES])
            text = json.dumps({"format": FILE_FORMAT, "key": self.key, "units": units}, ensure_ascii=False,
                              separators=(",", ":"))
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, self.path)
            except OSError:
                return False
            self._entries, self._dirty, self._saved_at = units, False, time.monotonic()
            self._fresh = {}                    # kept first in *units*; what is used from now on goes before it
        _prune(self.path.parent, keep=self.path)
        return True


def _prune(folder: Path, keep: Path) -> None:
    """Leave at most ``MAX_FILES`` cache files (the most recently written), and no stale temporary file."""
    try:
        files = [p for p in folder.iterdir() if p.suffix in (".json", ".tmp") and p != keep]
        stamped = sorted(((p.stat().st_mtime, p) for p in files), reverse=True)
    except OSError:
        return
    now = time.time()
    kept = 1                                       # *keep* itself
    for mtime, path in stamped:
        if path.suffix == ".json" and kept < MAX_FILES:
            kept += 1
            continue
        if path.suffix == ".json" or now - mtime > 3600:     # one too many, or a temporary file left behind
            try:
                path.unlink()
            except OSError:
                pass


_CACHES: dict[tuple[str, Path | None], UnitCache] = {}
_CACHES_LOCK = threading.Lock()


def unit_cache(words: frozenset[str]) -> UnitCache:
    """The process's cache for the default rules environment with *words* (user's and draft's own)."""
    from .fingerprint import environment_key

    key = environment_key(words)
    try:
        folder: Path | None = cache_folder()
    except Exception:  # noqa: BLE001 - no user cache folder: a cache for this process only
        folder = None
    with _CACHES_LOCK:
        cache = _CACHES.get((key, folder))
        if cache is None:
            cache = _CACHES[(key, folder)] = UnitCache(key, folder)
        return cache


def save_loaded() -> None:
    """Write every cache of this process that holds results not yet on disk (the window is closing)."""
    with _CACHES_LOCK:
        caches = list(_CACHES.values())
    for cache in caches:
        cache.save()


def forget_loaded() -> None:
    """Drop the caches loaded in this process (the files stay): the next check reads them again."""
    with _CACHES_LOCK:
        _CACHES.clear()
