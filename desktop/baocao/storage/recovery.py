"""After a crash: find the work of sessions that did not close, describe it, restore it.

Each editing session writes a marker ``<user data>/sessions/<id>.json``
(pid, computer, user, start time, heartbeat, draft path) and removes it when
it closes cleanly.  Its autosave goes to the draft file, or — for a draft
without a file, opened read-only, or whose file could not be written — to
``<user data>/recovery/<id>.baocao``.

At start-up ``find_recoverable()`` lists what crashed sessions left: a
recovery copy (work that is *not* in any draft file) or just the marker (the
file itself holds the work up to the last autosave; the item says which
sections changed since the last explicit save).  Nothing is overwritten
without being asked: ``restore`` refuses an existing target unless
``overwrite=True`` and backs that target up first; ``discard`` keeps the copy
in ``recovery/discarded/`` for ``KEEP_DISCARDED_DAYS`` days.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import DraftFileError, Location
from ..model.draft import Draft
from . import history
from .backups import make_backup
from .draftfile import DraftFile
from .locking import DraftLockedError, read_lock
from .proc import current_user, host_name, local_time_text, now_utc, parse_time, pid_alive
from .rows import META_KEY, SECTION_PREFIX, TABLE_PREFIX, TEMPLATE_KEY, changed_parts, draft_rows
from .userdata import read_json, recovery_dir, sessions_dir, write_json_atomic

KEEP_DISCARDED_DAYS = 14
#: A marker whose heartbeat is older than this is a crash even if its pid is in use again.
MARKER_STALE_SECONDS = 10 * 60


# ---------------------------------------------------------------- markers (written by running sessions)
def marker_path(session_id: str) -> Path:
    """Where a session's marker lives."""
    return sessions_dir() / f"{session_id}.json"


def recovery_copy_path(session_id: str) -> Path:
    """Where a session's recovery copy lives."""
    return recovery_dir() / f"{session_id}.baocao"


def write_marker(session_id: str, path: Path | None, display_name: str, started_at: datetime) -> None:
    """Record (or refresh) that this session is running.  Never raises: the marker is a convenience."""
    data = {"session_id": session_id, "pid": os.getpid(), "host": host_name(), "user": current_user(),
            "started_at": started_at.isoformat(), "heartbeat": now_utc().isoformat(),
            "path": str(path) if path else None, "display_name": display_name, "app": f"baocao {__version__}"}
    with contextlib.suppress(OSError):
        write_json_atomic(marker_path(session_id), data)


def remove_marker(session_id: str) -> None:
    """The session closed cleanly."""
    with contextlib.suppress(OSError):
        marker_path(session_id).unlink()


# ---------------------------------------------------------------- what crashed sessions left
@dataclass
class RecoveryDescription:
    """What the recovery dialog shows for one item."""

    title: str
    saved_at: str
    lines: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)    # section ids (and "meta", "table:<id>")

    def text(self) -> str:
        return "\n".join([self.title, *self.lines])


@dataclass
class RecoveryItem:
    """Work left by a session that did not close."""

    session_id: str
    path: Path | None                 # the draft file, None when the draft never had one
    recovery: Path | None             # the recovery copy, None when the work is in the file itself
    started_at: datetime | None
    last_write: datetime | None
    display_name: str
    marker: Path | None

    @property
    def has_copy(self) -> bool:
        """True when there is work that is in no draft file (a recovery copy)."""
        return self.recovery is not None

    def load(self) -> Draft:
        """The recovered draft (the recovery copy, or the file)."""
        source = self.recovery or self.path
        if source is None:
            raise DraftFileError("Không còn dữ liệu để khôi phục.", "Mục này có thể đã được khôi phục ở cửa sổ khác.")
        with DraftFile.open(source, read_only=True) as handle:
            return handle.load()

    def describe(self, titles: dict[str, str] | None = None) -> RecoveryDescription:
        """File name, time of the last autosave, and which sections differ from the saved file."""
        titles = titles or {}
        name = self.path.name if self.path else self.display_name or "Bản thảo chưa đặt tên"
        when = local_time_text(self.last_write)
        desc = RecoveryDescription(f"«{name}»", when)
        desc.lines.append(f"Tự động lưu lần cuối lúc {when}.")
        try:
            recovered = draft_rows(self.load())
        except DraftFileError as exc:
            desc.lines.append(f"Không đọc được dữ liệu khôi phục: {exc.message}")
            return desc
        baseline, against = self._baseline()
        if baseline is None:
            filled = [k for k in recovered if k.startswith(SECTION_PREFIX) and _has_text(recovered[k])]
            desc.changed = [k[len(SECTION_PREFIX):] for k in filled]
            desc.lines.append(f"Bản thảo chưa từng được lưu thành tệp; có nội dung ở {len(filled)} mục.")
        else:
            desc.changed = [_label_key(k) for k in changed_parts(baseline, recovered) if k != TEMPLATE_KEY]
            if desc.changed:
                names = ", ".join(titles.get(c, c) for c in desc.changed[:12])
                more = "…" if len(desc.changed) > 12 else ""
                desc.lines.append(f"Khác với {against} ở {len(desc.changed)} phần: {names}{more}.")
            else:
                desc.lines.append(f"Không khác {against}.")
        if self.path and not self.has_copy:
            desc.lines.append("Mọi thay đổi đã nằm trong tệp; khôi phục là mở lại tệp.")
        return desc

    def _baseline(self) -> tuple[dict[str, Any] | None, str]:
        """Rows to compare with: the draft file (for a recovery copy) or its last explicit save."""
        if self.path is None or not self.path.exists():
            return None, ""
        try:
            with DraftFile.open(self.path, read_only=True) as handle:
                if self.has_copy:
                    return draft_rows(handle.load()), "tệp đã lưu"
                saved = handle.versions()
                last = next((v for v in saved if v.kind in (history.SAVE, history.NAMED)), None)
                if last is None:
                    return None, ""
                return draft_rows(handle.load_version(last.id)), f"lần lưu lúc {local_time_text(last.created_at)}"
        except DraftFileError:
            return None, ""


def _has_text(params: tuple) -> bool:
    return params[2] not in ("[]", "") or params[3] not in ("{}", "")


def _label_key(key: str) -> str:
    if key.startswith(SECTION_PREFIX):
        return key[len(SECTION_PREFIX):]
    if key.startswith(TABLE_PREFIX):
        return "table:" + key[len(TABLE_PREFIX):]
    return "meta" if key == META_KEY else key


def _mtime(path: Path | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc) if path else None
    except OSError:
        return None


def _is_running(data: dict[str, Any]) -> bool:
    """True when the marker's session is (probably) still running."""
    pid = data.get("pid")
    if data.get("host") != host_name() or not isinstance(pid, int):
        beat = parse_time(data.get("heartbeat"))
        return beat is not None and now_utc() - beat < timedelta(seconds=MARKER_STALE_SECONDS)
    if pid == os.getpid():
        return True
    if not pid_alive(pid):
        return False
    beat = parse_time(data.get("heartbeat"))
    return beat is None or now_utc() - beat < timedelta(seconds=MARKER_STALE_SECONDS)


def find_recoverable() -> list[RecoveryItem]:
    """Work left by sessions that ended without closing, newest first."""
    purge_discarded()
    items: dict[str, RecoveryItem] = {}
    for marker in sessions_dir().glob("*.json"):
        data = read_json(marker)
        if data is None:
            continue
        if _is_running(data):
            continue
        session_id = str(data.get("session_id") or marker.stem)
        copy = recovery_copy_path(session_id)
        path = Path(data["path"]) if isinstance(data.get("path"), str) else None
        if path is None and not copy.exists():
            remove_marker(session_id)   # an untitled session that never autosaved: nothing to offer
            continue
        items[session_id] = RecoveryItem(
            session_id, path, copy if copy.exists() else None, parse_time(data.get("started_at")),
            _mtime(copy if copy.exists() else path), str(data.get("display_name") or ""), marker)
    running = {m.stem for m in sessions_dir().glob("*.json")}
    for copy in recovery_dir().glob("*.baocao"):   # copies whose marker was lost
        if copy.stem not in items and copy.stem not in running:
            items[copy.stem] = RecoveryItem(copy.stem, None, copy, None, _mtime(copy), "Bản thảo chưa đặt tên", None)
    return sorted(items.values(), key=lambda i: i.last_write or datetime.min.replace(tzinfo=timezone.utc),
                  reverse=True)


# ---------------------------------------------------------------- acting on an item
def restore(item: RecoveryItem, target: str | os.PathLike[str] | None = None, overwrite: bool = False) -> Path:
    """Put the recovered work in a draft file and return its path (the window then opens it).

    Without a recovery copy the file already holds the work: its path is returned.
    With one, the copy is written to *target* (default: the original file),
    which must not exist unless *overwrite* — then it is backed up first and
    must not be open for editing elsewhere.
    """
    if not item.has_copy:
        if item.path is None:
            raise DraftFileError("Không còn dữ liệu để khôi phục.", "Mục này có thể đã được khôi phục ở cửa sổ khác.")
        forget(item)
        return item.path
    destination = Path(target) if target is not None else item.path
    if destination is None:
        raise DraftFileError("Bản thảo này chưa có tên tệp.", "Hãy chọn nơi lưu bản khôi phục.")
    if destination.exists():
        if not overwrite:
            raise DraftFileError(f"Tệp «{destination.name}» đã có.",
                                 "Hãy xác nhận ghi đè (tệp cũ được sao lưu trước) hoặc chọn tên khác.",
                                 Location(file=str(destination)))
        holder = read_lock(destination)
        if holder is not None and not holder.is_stale():
            raise DraftLockedError(destination, holder)
        make_backup(destination, "truoc-khoi-phuc")
    assert item.recovery is not None
    with DraftFile.open(item.recovery, read_only=True) as handle:
        DraftFile.create(destination, handle.load(), copy_of=handle).close()
    discard(item)
    return destination


def forget(item: RecoveryItem) -> None:
    """Remove the item's marker (the work is safely in its file)."""
    if item.marker is not None:
        with contextlib.suppress(OSError):
            item.marker.unlink()


def discard(item: RecoveryItem) -> None:
    """Drop an item: its recovery copy moves to ``recovery/discarded/`` (kept a while), its marker goes."""
    if item.recovery is not None and item.recovery.exists():
        with contextlib.suppress(DraftFileError):
            DraftFile.open(item.recovery, read_only=True).close()   # rolls back an interrupted write first
        bin_dir = recovery_dir() / "discarded"
        bin_dir.mkdir(exist_ok=True)
        stamp = now_utc().strftime("%Y%m%d-%H%M%S")
        with contextlib.suppress(OSError):
            shutil.move(str(item.recovery), bin_dir / f"{stamp}_{item.recovery.name}")
        with contextlib.suppress(OSError):
            item.recovery.with_name(item.recovery.name + "-journal").unlink()
    forget(item)


def purge_discarded(days: int = KEEP_DISCARDED_DAYS) -> None:
    """Delete discarded copies older than *days*, and temporary files a crash left (older than a day)."""
    bin_dir = recovery_dir() / "discarded"
    now = now_utc()
    doomed = [(p, now - timedelta(days=days)) for p in (bin_dir.glob("*.baocao") if bin_dir.is_dir() else [])]
    doomed += [(p, now - timedelta(days=1)) for p in recovery_dir().glob(".*.tmp")]
    for old, limit in doomed:
        modified = _mtime(old)
        if modified is not None and modified < limit:
            with contextlib.suppress(OSError):
                old.unlink()
