"""Who has a draft open: a lock file beside the draft.

Drafts live on shared folders (SMB), where operating-system locks are not
reliable across computers, so the lock is a small JSON file next to the
draft, ``~$<name>.lock`` (Word's convention), holding user, computer, process
id, session id, since when, and a heartbeat the owner rewrites every
``HEARTBEAT_SECONDS``.

A lock is *stale* — and no longer blocks — when its owner's process is gone
(same computer) or neither its heartbeat nor the file's modification time is
more recent than ``STALE_AFTER_SECONDS``.  A second opener of a fresh lock gets
``DraftLockedError`` carrying ``LockInfo`` and may open read-only or take
over; the first owner then finds, at its next write or heartbeat, that the
lock is no longer its own (``DraftLockLostError``) and stops writing the file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..fsutil import TEMP_PREFIX
from ..errors import DraftFileError, Location
from ..ids import uuid4_hex
from .proc import current_user, host_name, local_time_text, now_utc, parse_time, pid_alive

HEARTBEAT_SECONDS = 30
STALE_AFTER_SECONDS = 300
#: a heartbeat further ahead than this (clocks of two PCs disagree) is not believed
CLOCK_SLACK_SECONDS = 600
#: an unreadable lock file older than this is stale: a lock being created is complete within moments
#: (lock files are replaced atomically afterwards), so only a broken file stays unreadable
UNREADABLE_STALE_SECONDS = 10
#: a lock file is a few hundred bytes; more is not read
MAX_LOCK_BYTES = 64 * 1024
#: after replacing an existing (stale, own or taken-over) lock: time for a simultaneous replacer to
#: finish writing before looking who won (creating a new lock file is exclusive and needs no wait)
REPLACE_SETTLE_SECONDS = 0.02
log = logging.getLogger(__name__)


def lock_path(draft_path: str | os.PathLike[str]) -> Path:
    """The lock file of a draft: ``~$<name>.lock`` in the same folder."""
    path = Path(draft_path)
    return path.with_name(f"~${path.name}.lock")


@dataclass(frozen=True)
class LockInfo:
    """The content of a lock file."""

    user: str
    host: str
    pid: int
    session_id: str
    since: datetime | None
    heartbeat: datetime | None
    app: str = ""
    file_time: datetime | None = None   # the lock file's modification time (not stored in it)
    unreadable: bool = False            # the lock file could not be read (torn write, bad bytes): stale

    @classmethod
    def mine(cls, session_id: str) -> "LockInfo":
        """A lock for this process."""
        now = now_utc()
        return cls(current_user(), host_name(), os.getpid(), session_id, now, now, f"baocao {__version__}")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("file_time")
        data.pop("unreadable")
        data["since"] = self.since.isoformat() if self.since else None
        data["heartbeat"] = self.heartbeat.isoformat() if self.heartbeat else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], file_time: datetime | None = None) -> "LockInfo":
        pid = data.get("pid")
        return cls(str(data.get("user") or "?"), str(data.get("host") or "?"),
                   pid if isinstance(pid, int) else -1, str(data.get("session_id") or ""),
                   parse_time(data.get("since")), parse_time(data.get("heartbeat")), str(data.get("app") or ""),
                   file_time)

    def last_sign_of_life(self, now: datetime | None = None) -> datetime | None:
        """The later of the heartbeat and the file's modification time (times in the future are not believed)."""
        latest = (now or now_utc()) + timedelta(seconds=CLOCK_SLACK_SECONDS)
        times = [t for t in (self.heartbeat, self.file_time, self.since) if t is not None and t <= latest]
        return max(times) if times else None

    def is_stale(self, now: datetime | None = None) -> bool:
        """True when the owner is certainly or very probably gone (an unreadable lock counts as gone)."""
        if self.unreadable:         # judged by the file's age: a live owner rewrites it at every heartbeat
            last = self.file_time
            return last is None or (now or now_utc()) - last > timedelta(seconds=UNREADABLE_STALE_SECONDS)
        if self.host == host_name() and self.pid > 0 and not pid_alive(self.pid):
            return True
        last = self.last_sign_of_life(now)
        if last is None:
            return True
        return (now or now_utc()) - last > timedelta(seconds=STALE_AFTER_SECONDS)

    def is_mine(self, session_id: str) -> bool:
        return self.session_id == session_id

    def describe(self) -> str:
        """Vietnamese: who has the file open and since when."""
        if self.unreadable:
            stale = ", coi như đã dừng" if self.is_stale() else ", có thể đang ghi dở"
            return f"một phiên làm việc không rõ (tệp khóa bị hỏng{stale})"
        where = "trên máy này" if self.host == host_name() else f"trên máy «{self.host}»"
        text = f"«{self.user}» {where}, từ {local_time_text(self.since)}"
        last = self.last_sign_of_life()
        if last is not None:
            text += f"; hoạt động gần nhất lúc {local_time_text(last)}"
        return text


class DraftLockedError(DraftFileError):
    """The draft is open for editing elsewhere; ``info`` says by whom."""

    def __init__(self, path: Path, info: LockInfo):
        stale = " (có vẻ đã ngừng hoạt động)" if info.is_stale() else ""
        super().__init__(f"Tệp «{path.name}» đang được mở để sửa bởi {info.describe()}{stale}.",
                         "Bạn có thể mở ở chế độ chỉ đọc, hoặc giành quyền sửa nếu chắc chắn người kia không còn sửa "
                         "(những gì họ sửa sau đó sẽ không được lưu vào tệp).", Location(file=str(path)))
        self.path = path
        self.info = info


class DraftLockLostError(DraftFileError):
    """Someone took over the draft: this session must stop writing to it."""

    def __init__(self, path: Path, info: LockInfo | None):
        who = info.describe() if info else "một người khác"
        super().__init__(f"Tệp «{path.name}» đã bị {who} giành quyền sửa; bản này không ghi vào tệp nữa.",
                         "Nội dung đang soạn được giữ trong bản khôi phục. Hãy dùng «Lưu thành…» để lưu ra tệp khác.",
                         Location(file=str(path)))
        self.info = info


def read_lock(draft_path: str | os.PathLike[str]) -> LockInfo | None:
    """The lock on a draft, or None.  An unreadable lock file counts as a lock by "?" (stale by its age)."""
    path = lock_path(draft_path)
    mtime = None
    for attempt in range(3):
        try:
            raw = path.read_bytes()[:MAX_LOCK_BYTES]
            mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        except FileNotFoundError:
            return None
        except OSError:
            raw = b""
        try:
            data = json.loads(raw.decode("utf-8"))     # bad bytes (a torn Vietnamese name) → ValueError
            if isinstance(data, dict):
                return LockInfo.from_json(data, mtime)
        except (ValueError, RecursionError):
            pass
        time.sleep(0.05 * (attempt + 1))   # maybe caught mid-write: look again
    log.warning("unreadable lock file %s: treated as stale", path)
    return LockInfo("?", "?", -1, "", None, None, "", mtime, unreadable=True)


def _write_replace(path: Path, info: LockInfo) -> None:
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(info.to_json(), handle, ensure_ascii=False)
        for attempt in range(5):
            try:
                os.replace(tmp, path)
                return
            except PermissionError:   # Windows: someone is reading it right now
                if attempt == 4:
                    raise
                time.sleep(0.05)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _create_exclusive(path: Path, info: LockInfo) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(info.to_json(), handle, ensure_ascii=False)
    return True


class DraftLock:
    """A lock this session holds on a draft."""

    def __init__(self, draft_path: Path, info: LockInfo):
        self.draft_path = draft_path
        self.path = lock_path(draft_path)
        self.info = info
        self.lost_to: LockInfo | None = None
        self.replaced_damaged = False        # the lock file found was unreadable and has been replaced

    @classmethod
    def acquire(cls, draft_path: str | os.PathLike[str], take_over: bool = False,
                session_id: str | None = None) -> "DraftLock":
        """Lock *draft_path* for this session; ``DraftLockedError`` when someone else holds a fresh lock.

        OSError (the folder cannot be written) is left to the caller.
        """
        draft_path = Path(draft_path)
        mine = LockInfo.mine(session_id or uuid4_hex())
        path = lock_path(draft_path)
        damaged = False
        for _ in range(5):
            current = read_lock(draft_path)
            damaged = damaged or bool(current is not None and current.unreadable)
            if current is None:
                if not _create_exclusive(path, mine):
                    continue   # someone created it a moment ago: look at it
                # The exclusive create decided it: nobody else created the file. No wait — but look
                # once (a replacer of an older, stale lock may have overwritten it in between).
            else:
                if not current.is_mine(mine.session_id) and not current.is_stale() and not take_over:
                    raise DraftLockedError(draft_path, current)
                _write_replace(path, mine)
                # Replacing is not exclusive: let a simultaneous replacer finish writing, then see who won.
                time.sleep(REPLACE_SETTLE_SECONDS)
            winner = read_lock(draft_path)
            if winner is not None and winner.is_mine(mine.session_id):
                lock = cls(draft_path, mine)
                lock.replaced_damaged = damaged
                if damaged:
                    log.warning("replaced an unreadable lock file for %s", draft_path)
                return lock
            if winner is not None and not take_over:
                raise DraftLockedError(draft_path, winner)
        raise DraftLockedError(draft_path, read_lock(draft_path) or mine)

    def still_mine(self) -> bool:
        """True while nobody took the lock over (a vanished lock file is re-created)."""
        current = read_lock(self.draft_path)
        if current is None:
            with contextlib.suppress(OSError):
                return _create_exclusive(self.path, self.info) or self.still_mine()
            return True   # cannot tell (share unreachable): the write itself will say
        if current.is_mine(self.info.session_id):
            return True
        self.lost_to = current
        return False

    def check(self) -> None:
        """Raise ``DraftLockLostError`` when the lock was taken over."""
        if self.lost_to is not None or not self.still_mine():
            raise DraftLockLostError(self.draft_path, self.lost_to)

    def refresh(self) -> bool:
        """Heartbeat: rewrite the time; False when the lock was taken over."""
        if self.lost_to is not None or not self.still_mine():
            return False
        self.info = LockInfo(self.info.user, self.info.host, self.info.pid, self.info.session_id,
                             self.info.since, now_utc(), self.info.app)
        with contextlib.suppress(OSError):
            _write_replace(self.path, self.info)
        return True

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if self.lost_to is None and self.still_mine():
            with contextlib.suppress(OSError):
                self.path.unlink()
