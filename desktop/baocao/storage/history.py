"""Versions of a draft kept inside the draft file (schema version 2).

A *snapshot* is a manifest naming, for each part of the draft (template id,
metadata, every section in order, every table), the hash of that part's JSON;
parts live once in ``history_blobs`` (zlib-compressed), so a snapshot after a
morning's work on two sections costs two small blobs.

Kinds: ``auto`` (taken by autosave at most every few minutes), ``save`` (each
explicit save) and ``named`` (the drafter named it: "Gửi lãnh đạo duyệt 12/6").
Automatic snapshots are capped (``prune``): the newest ``KEEP_RECENT`` stay,
older ones are thinned to the newest of each day, at most ``MAX_AUTOMATIC``
in all.  Named versions are never removed automatically.

Every function takes an open connection; writers run inside the caller's
transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..errors import DraftDataError
from ..model.draft import Draft
from .proc import local_time_text, now_utc, parse_time
from .rows import (
    EXTRA_PREFIX, META_KEY, SECTION_PREFIX, TABLE_PREFIX, TEMPLATE_KEY, RowState, draft_from_parts, part_json,
)

AUTO, SAVE, NAMED = "auto", "save", "named"
AUTOMATIC_KINDS = (AUTO, SAVE)
KIND_LABELS = {AUTO: "Tự động", SAVE: "Lưu", NAMED: "Phiên bản có tên"}

KEEP_RECENT = 30
MAX_AUTOMATIC = 120
MAX_NAME_LENGTH = 200
MAX_PART_BYTES = 80_000_000   # one decompressed part (a section's JSON); real ones are far smaller


class HistoryError(DraftDataError):
    """A version cannot be read (missing or damaged)."""


@dataclass(frozen=True)
class VersionInfo:
    """One entry of a draft's history."""

    id: int
    kind: str
    name: str
    created_at: datetime | None
    author: str

    def label(self) -> str:
        """What the history list shows: the name, or the kind and time."""
        when = local_time_text(self.created_at)
        if self.kind == NAMED:
            return f"{self.name} ({when})"
        return f"{KIND_LABELS.get(self.kind, self.kind)} — {when}"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def manifest_for(state: RowState) -> tuple[str, dict[str, str]]:
    """The manifest JSON for a row state, and the part texts by hash."""
    parts: dict[str, str] = {}

    def add(key: str) -> str:
        text = part_json(key, state[key])
        digest = _hash(text)
        parts[digest] = text
        return digest

    sections = sorted((k for k in state if k.startswith(SECTION_PREFIX)), key=lambda k: (state[k][0], k))
    tables = sorted(k for k in state if k.startswith(TABLE_PREFIX))
    extras = sorted(k for k in state if k.startswith(EXTRA_PREFIX))
    manifest = {
        "template_id": state[TEMPLATE_KEY][0] if TEMPLATE_KEY in state else "",
        "meta": add(META_KEY) if META_KEY in state else None,
        "sections": [[k[len(SECTION_PREFIX):], add(k)] for k in sections],
        "tables": [[k[len(TABLE_PREFIX):], add(k)] for k in tables],
    }
    if extras:          # only then, so that versions of drafts without extras keep their manifests
        manifest["extras"] = [[k[len(EXTRA_PREFIX):], add(k)] for k in extras]
    return json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), parts


def add_snapshot(conn: sqlite3.Connection, state: RowState, kind: str, name: str = "", author: str = "",
                 when: datetime | None = None) -> int | None:
    """Record *state* as a version; returns its id (None when an automatic one would repeat the last)."""
    manifest, parts = manifest_for(state)
    last = conn.execute("SELECT id, kind, manifest FROM history ORDER BY id DESC LIMIT 1").fetchone()
    if kind != NAMED and last is not None and last[2] == manifest:
        if kind == SAVE and last[1] == AUTO:   # same content: mark it as explicitly saved
            conn.execute("UPDATE history SET kind = ? WHERE id = ?", (SAVE, last[0]))
        return None
    _store_parts(conn, parts)
    cursor = conn.execute(
        "INSERT INTO history(kind, name, created_at, author, manifest) VALUES (?, ?, ?, ?, ?)",
        (kind, name.strip()[:MAX_NAME_LENGTH], (when or now_utc()).isoformat(), author, manifest))
    return int(cursor.lastrowid)


def _store_parts(conn: sqlite3.Connection, parts: dict[str, str]) -> None:
    hashes = list(parts)
    present: set[str] = set()
    for start in range(0, len(hashes), 500):
        chunk = hashes[start:start + 500]
        marks = ",".join("?" * len(chunk))
        present.update(r[0] for r in conn.execute(f"SELECT hash FROM history_blobs WHERE hash IN ({marks})", chunk))
    conn.executemany("INSERT OR IGNORE INTO history_blobs(hash, data) VALUES (?, ?)",
                     [(h, zlib.compress(parts[h].encode("utf-8"), 6)) for h in hashes if h not in present])


def list_versions(conn: sqlite3.Connection) -> list[VersionInfo]:
    """All versions, newest first."""
    return [VersionInfo(int(i), str(k), str(n or ""), parse_time(c), str(a or ""))
            for i, k, n, c, a in conn.execute(
                "SELECT id, kind, name, created_at, author FROM history ORDER BY id DESC")]


def latest_version(conn: sqlite3.Connection, kinds: Iterable[str] = (SAVE,)) -> VersionInfo | None:
    """The newest version of one of *kinds*."""
    wanted = set(kinds)
    return next((v for v in list_versions(conn) if v.kind in wanted), None)


def load_version(conn: sqlite3.Connection, version_id: int) -> Draft:
    """The draft as it was in version *version_id*."""
    row = conn.execute("SELECT manifest FROM history WHERE id = ?", (version_id,)).fetchone()
    if row is None:
        raise HistoryError("Không tìm thấy phiên bản này trong tệp.",
                           "Danh sách phiên bản có thể vừa thay đổi; hãy mở lại.")
    try:
        manifest = json.loads(row[0])
        meta = _blob(conn, manifest["meta"]) if manifest.get("meta") else "{}"
        sections = [(str(sid), _blob(conn, h)) for sid, h in manifest["sections"]]
        tables = [(str(tid), _blob(conn, h)) for tid, h in manifest["tables"]]
        extras = [(str(name), _blob(conn, h)) for name, h in manifest.get("extras", [])]
        return draft_from_parts(str(manifest.get("template_id") or ""), meta, sections, tables, extras)
    except HistoryError:
        raise
    except (ValueError, TypeError, KeyError, RecursionError, MemoryError, zlib.error, DraftDataError) as exc:
        raise HistoryError("Phiên bản này trong tệp bị hỏng, không đọc được.",
                           "Hãy chọn một phiên bản khác hoặc một bản sao lưu.") from exc


def _blob(conn: sqlite3.Connection, digest: str) -> str:
    row = conn.execute("SELECT data FROM history_blobs WHERE hash = ?", (digest,)).fetchone()
    if row is None:
        raise HistoryError("Phiên bản này thiếu dữ liệu trong tệp.", "Hãy chọn một phiên bản khác.")
    inflater = zlib.decompressobj()
    data = inflater.decompress(row[0], MAX_PART_BYTES)
    if inflater.unconsumed_tail:   # a "zip bomb": refuse rather than fill the memory
        raise HistoryError("Phiên bản này trong tệp lớn bất thường, không đọc.", "Hãy chọn một phiên bản khác.")
    return data.decode("utf-8")


def rename_version(conn: sqlite3.Connection, version_id: int, name: str) -> None:
    """Give a version a name (it becomes a named version, kept for good)."""
    conn.execute("UPDATE history SET kind = ?, name = ? WHERE id = ?", (NAMED, name.strip()[:MAX_NAME_LENGTH], version_id))


def delete_version(conn: sqlite3.Connection, version_id: int) -> None:
    """Remove one version and the parts only it used."""
    conn.execute("DELETE FROM history WHERE id = ?", (version_id,))
    collect_garbage(conn)


def prune(conn: sqlite3.Connection, keep_recent: int = KEEP_RECENT, max_automatic: int = MAX_AUTOMATIC) -> int:
    """Thin automatic versions (see module doc); returns how many were removed."""
    automatic = [v for v in list_versions(conn) if v.kind in AUTOMATIC_KINDS]   # newest first
    if len(automatic) <= keep_recent:
        return 0
    keep = {v.id for v in automatic[:keep_recent]}
    days_seen: set[object] = set()
    for version in automatic[keep_recent:]:
        day = version.created_at.astimezone().date() if version.created_at else None
        if day not in days_seen and len(keep) < max_automatic:
            keep.add(version.id)
            days_seen.add(day)
    doomed = [(v.id,) for v in automatic if v.id not in keep]
    if doomed:
        conn.executemany("DELETE FROM history WHERE id = ?", doomed)
        collect_garbage(conn)
    return len(doomed)


def collect_garbage(conn: sqlite3.Connection) -> int:
    """Delete blobs no version refers to; returns how many."""
    used: set[str] = set()
    for (text,) in conn.execute("SELECT manifest FROM history"):
        try:
            manifest = json.loads(text)
            used.update(h for h in [manifest.get("meta")] if h)
            used.update(h for _, h in manifest.get("sections", []))
            used.update(h for _, h in manifest.get("tables", []))
            used.update(h for _, h in manifest.get("extras", []))     # review comments etc. are versioned too
        except (ValueError, TypeError, AttributeError):
            continue
    unused = [(h,) for (h,) in conn.execute("SELECT hash FROM history_blobs") if h not in used]
    conn.executemany("DELETE FROM history_blobs WHERE hash = ?", unused)
    return len(unused)
