"""Opening a draft takes its lock without a fixed wait (issue 16 item 4); stale locks are still replaced.

Creating the lock file is exclusive (O_EXCL): when no lock file exists the creator has won and
nothing is slept.  Replacing an existing lock (stale, one's own, taken over) is not exclusive,
so that path still waits ``REPLACE_SETTLE_SECONDS`` and then reads back who won.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from baocao.storage import locking
from baocao.storage.locking import DraftLock, DraftLockedError, LockInfo, lock_path, read_lock


@pytest.fixture
def sleeps(monkeypatch):
    calls: list[float] = []
    real_sleep = locking.time.sleep

    def record(seconds: float) -> None:
        calls.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr(locking.time, "sleep", record)
    return calls


def _stale_lock(draft: Path) -> None:
    """A lock left by a process of this computer that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    info = LockInfo.mine("old-session")
    data = {**info.to_json(), "pid": int(done.stdout)}
    lock_path(draft).write_text(json.dumps(data), encoding="utf-8")


def test_fresh_open_does_not_sleep(tmp_path, sleeps):
    draft = tmp_path / "a.baocao"
    draft.write_bytes(b"")
    lock = DraftLock.acquire(draft, session_id="s1")
    assert sleeps == []
    assert read_lock(draft).is_mine("s1")
    lock.release()
    assert not lock_path(draft).exists()


def test_stale_lock_is_replaced_after_the_settle_wait(tmp_path, sleeps):
    draft = tmp_path / "b.baocao"
    draft.write_bytes(b"")
    _stale_lock(draft)
    assert read_lock(draft).is_stale()
    lock = DraftLock.acquire(draft, session_id="s2")
    assert sleeps == [locking.REPLACE_SETTLE_SECONDS]
    assert read_lock(draft).is_mine("s2")
    lock.release()


def test_fresh_lock_of_someone_else_still_refuses(tmp_path, sleeps):
    draft = tmp_path / "c.baocao"
    draft.write_bytes(b"")
    first = DraftLock.acquire(draft, session_id="first")
    with pytest.raises(DraftLockedError):
        DraftLock.acquire(draft, session_id="second")
    assert read_lock(draft).is_mine("first")
    first.release()


def test_simultaneous_openers_one_wins(tmp_path):
    """Eight threads open the same new draft at once: exactly one holds the lock, the others are refused."""
    for round_ in range(5):
        draft = tmp_path / f"d{round_}.baocao"
        draft.write_bytes(b"")
        barrier = threading.Barrier(8)
        won: list[str] = []
        refused: list[str] = []

        def open_it(name: str) -> None:
            barrier.wait()
            try:
                DraftLock.acquire(draft, session_id=name)
                won.append(name)
            except DraftLockedError:
                refused.append(name)

        threads = [threading.Thread(target=open_it, args=(f"t{i}",)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(won) == 1 and len(refused) == 7
        assert read_lock(draft).is_mine(won[0])
        os.unlink(lock_path(draft))
