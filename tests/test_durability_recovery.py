"""After a crash: what is found, how it is described, restored and discarded; and the lock files."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import timedelta

import pytest


from baocao.errors import DraftFileError
from baocao.session import DraftSession
from baocao.storage import backups, open_draft, recovery
from baocao.storage.draftfile import DraftFile
from baocao.storage.locking import (
    STALE_AFTER_SECONDS, DraftLock, DraftLockedError, DraftLockLostError, LockInfo, lock_path, read_lock,
)
from baocao.storage.proc import host_name, now_utc
from durability_support import type_into, crash_untitled_session, dead_pid, fake_crash, patch  # noqa: F401 - fixture


# ---------------------------------------------------------------- recovery
def test_untitled_work_survives_a_killed_process():
    session_id = crash_untitled_session("Viết dở khi máy treo")
    items = recovery.find_recoverable()
    assert [i.session_id for i in items] == [session_id]
    item = items[0]
    assert item.has_copy and item.path is None
    desc = item.describe({"uu-diem": "1. Ưu điểm"})
    assert "chưa từng được lưu" in desc.text() and "uu-diem" in desc.changed
    restored = DraftSession.from_recovery(item, threaded=False)
    assert restored.draft.section("uu-diem").body[0].plain_text() == "Viết dở khi máy treo"
    assert restored.path is None and restored.is_modified()
    assert recovery.find_recoverable() == []      # now it is ours (a running session)
    restored.close(discard=True)


def test_restore_untitled_work_to_a_new_file(tmp_path):
    crash_untitled_session("Nội dung cần giữ")
    item = recovery.find_recoverable()[0]
    with pytest.raises(DraftFileError):
        recovery.restore(item)                       # no file name yet: must be told where
    target = recovery.restore(item, tmp_path / "khoi-phuc.baocao")
    assert open_draft(target).section("uu-diem").body[0].plain_text() == "Nội dung cần giữ"
    assert recovery.find_recoverable() == []


def test_titled_crash_with_everything_in_the_file(draft_path):
    session = DraftSession.open(draft_path)
    type_into(session, "uu-diem", "đã tự lưu vào tệp")
    session.autosave()
    session.flush()
    fake_crash(session)
    [item] = recovery.find_recoverable()
    assert item.path == draft_path and not item.has_copy
    desc = item.describe()
    assert "uu-diem" in desc.changed and "nằm trong tệp" in desc.text()
    assert recovery.restore(item) == draft_path
    assert recovery.find_recoverable() == []
    reopened = DraftSession.open(draft_path, threaded=False)   # the dead owner's lock does not block
    assert reopened.draft.section("uu-diem").body[0].plain_text() == "đã tự lưu vào tệp"
    reopened.close()


def _crash_with_unwritable_file(draft_path, patch):
    session = DraftSession.open(draft_path)
    session.flush()
    real_write = DraftFile._write

    def failing(self, batch):
        if self.path == draft_path:
            raise sqlite3.OperationalError("disk I/O error")
        return real_write(self, batch)

    patch.setattr(DraftFile, "_write", failing)
    type_into(session, "uu-diem", "chỉ có trong bản khôi phục")
    session.autosave()
    session.flush()
    assert session.autosave_status().in_recovery
    fake_crash(session)
    patch.undo()


def test_recovery_copy_differs_from_file_and_is_never_written_over_silently(draft_path, patch, tmp_path):
    _crash_with_unwritable_file(draft_path, patch)
    before = draft_path.read_bytes()
    [item] = recovery.find_recoverable()
    assert item.has_copy and item.path == draft_path
    desc = item.describe({"uu-diem": "1. Ưu điểm"})
    assert desc.changed == ["uu-diem"] and "1. Ưu điểm" in desc.text() and "tệp đã lưu" in desc.text()
    with pytest.raises(DraftFileError) as info:
        recovery.restore(item)                                  # the original exists: ask first
    assert "đã có" in info.value.message and draft_path.read_bytes() == before
    recovery.restore(item, overwrite=True)
    assert open_draft(draft_path).section("uu-diem").body[0].plain_text() == "chỉ có trong bản khôi phục"
    kept = [b for b in backups.list_backups(draft_path) if b.reason == "truoc-khoi-phuc"]
    assert kept and kept[0].path.read_bytes() == before          # the old file is in the backups
    assert recovery.find_recoverable() == []


def test_restore_refuses_a_target_open_elsewhere(draft_path, patch):
    _crash_with_unwritable_file(draft_path, patch)
    other = DraftSession.open(draft_path, threaded=False)      # someone opened the file meanwhile
    [item] = recovery.find_recoverable()
    with pytest.raises(DraftLockedError):
        recovery.restore(item, overwrite=True)
    other.close()


def test_discard_keeps_the_copy_in_the_bin_then_purges(draft_path, patch):
    _crash_with_unwritable_file(draft_path, patch)
    [item] = recovery.find_recoverable()
    recovery.discard(item)
    assert recovery.find_recoverable() == []
    [binned] = list((item.recovery.parent / "discarded").glob("*.baocao"))
    old = time.time() - 30 * 86400
    os.utime(binned, (old, old))
    recovery.purge_discarded()
    assert not binned.exists()


def test_running_sessions_and_empty_untitled_ones_are_not_offered(draft_path, pack):
    running = DraftSession.open(draft_path, threaded=False)
    assert recovery.find_recoverable() == []
    empty = DraftSession.new(pack)
    type_into(empty, "uu-diem", "x")
    empty.autosave()
    empty.flush()
    fake_crash(empty)
    copy = empty._autosaver.recovery_path  # noqa: SLF001
    copy.unlink()                                # it never managed to write anything
    assert recovery.find_recoverable() == []
    running.close()


def test_copy_without_a_marker_is_still_found(pack):
    session = DraftSession.new(pack)
    type_into(session, "uu-diem", "mồ côi")
    session.autosave()
    session.flush()
    fake_crash(session)
    recovery.marker_path(session.session_id).unlink()
    [item] = recovery.find_recoverable()
    assert item.has_copy and item.load().section("uu-diem").body[0].plain_text() == "mồ côi"


def test_close_refuses_when_the_work_is_nowhere(draft_path, patch):
    session = DraftSession.open(draft_path)
    session.flush()

    def broken(self, batch):
        raise sqlite3.OperationalError("disk I/O error")

    patch.setattr(DraftFile, "_write", broken)
    patch.setattr(DraftFile, "create_from_state",
                        classmethod(lambda cls, *a, **k: (_ for _ in ()).throw(DraftFileError("đầy", "x"))))
    type_into(session, "uu-diem", "không nơi nào ghi được")
    session.autosave()
    session.flush()
    with pytest.raises(DraftFileError) as info:
        session.close()
    assert "Lưu thành" in info.value.hint
    patch.undo()
    session.close()
    assert open_draft(draft_path).section("uu-diem").body[0].plain_text() == "không nơi nào ghi được"


# ---------------------------------------------------------------- locks
def _foreign_lock(draft_path, host="MAY-KE-TOAN", user="nguyenvana", age=0.0, pid=4242):
    when = now_utc() - timedelta(seconds=age)
    info = {"user": user, "host": host, "pid": pid, "session_id": "khac", "since": when.isoformat(),
            "heartbeat": when.isoformat(), "app": "baocao 0.1.0"}
    path = lock_path(draft_path)
    path.write_text(json.dumps(info), encoding="utf-8")
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def test_second_opener_is_told_who_and_since_when(draft_path):
    _foreign_lock(draft_path)
    before = draft_path.read_bytes()
    with pytest.raises(DraftLockedError) as info:
        DraftSession.open(draft_path)
    error = info.value
    assert error.info.user == "nguyenvana" and error.info.host == "MAY-KE-TOAN"
    assert "«nguyenvana» trên máy «MAY-KE-TOAN»" in error.message and "chỉ đọc" in error.hint
    assert draft_path.read_bytes() == before
    viewer = DraftSession.open(draft_path, read_only=True, threaded=False)
    assert viewer.read_only and read_lock(draft_path).user == "nguyenvana"   # the owner's lock is untouched
    viewer.close()


def test_take_over_after_warning(draft_path):
    _foreign_lock(draft_path)
    session = DraftSession.open(draft_path, take_over=True, threaded=False)
    assert read_lock(draft_path).session_id == session.session_id
    session.close()
    assert not lock_path(draft_path).exists()


@pytest.mark.parametrize("host, age, pid", [
    ("MAY-KE-TOAN", STALE_AFTER_SECONDS + 60, 4242),     # no heartbeat for minutes
    (None, 0, "dead"),                                  # this computer, process gone
])
def test_stale_locks_do_not_block(draft_path, host, age, pid):
    _foreign_lock(draft_path, host=host or host_name(), age=age, pid=dead_pid() if pid == "dead" else pid)
    assert read_lock(draft_path).is_stale()
    session = DraftSession.open(draft_path, threaded=False)
    assert not session.read_only
    session.close()


def test_unreadable_lock_counts_by_its_age(draft_path):
    path = lock_path(draft_path)
    path.write_bytes(b"\x00\x01 rac")
    assert not read_lock(draft_path).is_stale()
    with pytest.raises(DraftLockedError):
        DraftLock.acquire(draft_path)
    old = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(path, (old, old))
    DraftLock.acquire(draft_path).release()


def test_the_first_owner_stops_writing_when_taken_over(draft_path):
    first = DraftSession.open(draft_path)
    first.flush()
    second = DraftSession.open(draft_path, take_over=True, threaded=False)
    type_into(second, "han-che", "người giành quyền")
    second.autosave()
    assert not first.heartbeat()
    assert first.lock_lost
    type_into(first, "uu-diem", "người bị giành quyền")
    first.autosave()
    first.flush()
    status = first.autosave_status()
    assert isinstance(status.error, DraftLockLostError) and status.in_recovery
    with pytest.raises(DraftLockLostError):
        first.save()
    on_disk = open_draft(draft_path)
    assert on_disk.section("han-che").body[0].plain_text() == "người giành quyền"
    assert on_disk.section("uu-diem").body[0].plain_text() != "người bị giành quyền"
    first.close()                                 # work kept for recovery, the other's lock untouched
    assert read_lock(draft_path).session_id == second.session_id
    assert recovery.marker_path(first.session_id).exists()
    second.close()


def test_lock_info_round_trip_and_description():
    info = LockInfo.mine("abc")
    again = LockInfo.from_json(json.loads(json.dumps(info.to_json())))
    assert again.session_id == "abc" and again.pid == os.getpid() and not again.is_stale()
    assert "trên máy này" in again.describe()
