"""Autosave through the session: where edits go, ordering, failures, untitled drafts, clean close."""

from __future__ import annotations

import threading
import time

import pytest

from baocao.constants import SectionStatus
from baocao.edits import ReplaceDraft, SetFieldValue, SetMeta, SetSectionBody, SetSectionStatus, SetTableRows
from baocao.errors import DraftFileError
from baocao.model import Para
from baocao.model.serialize import draft_to_dict
from baocao.session import DraftSession, edit_keys
from baocao.storage import open_draft, recovery, save_draft
from baocao.storage.autosave import BackgroundWriter
from baocao.storage.draftfile import DraftFile
from baocao.storage.rows import SaveBatch
from durability_support import patch  # noqa: F401 - fixture


@pytest.fixture
def draft_path(tmp_path, sample_draft):
    path = tmp_path / "bc.baocao"
    save_draft(sample_draft, path)
    return path


def _type(session: DraftSession, section: str, text: str) -> int:
    return session.apply(SetSectionBody.make(session.draft, section, [Para.of(text)], typing=True))


def test_autosave_writes_only_changed_rows_and_reaches_the_file(draft_path):
    session = DraftSession.open(draft_path)
    session.flush()
    _type(session, "uu-diem", "Một")
    assert session.is_modified()
    assert session.autosave()
    assert not session.autosave()            # nothing new since
    session.flush()
    assert not session.is_modified()
    assert open_draft(draft_path).section("uu-diem").body[0].plain_text() == "Một"
    status = session.autosave_status()
    assert status.saved_counter == status.file_counter == session.edit_counter == 1
    assert status.error is None and not status.pending
    session.close()


def test_edit_keys_name_the_rows_each_edit_changes(sample_draft):
    meta = sample_draft.meta
    assert edit_keys(SetSectionBody.make(sample_draft, "uu-diem", [])) == {"s:uu-diem"}
    assert edit_keys(SetFieldValue.make(sample_draft, "cuoc-hop", "x", 1)) == {"s:cuoc-hop"}
    assert edit_keys(SetSectionStatus.make(sample_draft, "y-te", SectionStatus.DONE)) == {"s:y-te"}
    assert edit_keys(SetMeta.make(sample_draft, meta)) == {"meta"}
    assert edit_keys(SetTableRows.make(sample_draft, "t", [])) == {"t:t"}
    assert edit_keys(ReplaceDraft.make(sample_draft, sample_draft)) is None


def test_direct_change_with_note_edit_saves_the_whole_draft(draft_path):
    session = DraftSession.open(draft_path, threaded=False)
    session.draft.meta.number = "77"        # the window changed something itself
    session.draft.section("han-che").status = SectionStatus.NEEDS_WORK
    session.note_edit()
    session.autosave()
    again = open_draft(draft_path)
    assert again.meta.number == "77" and again.section("han-che").status is SectionStatus.NEEDS_WORK
    session.close()


def test_many_queued_autosaves_commit_in_order(draft_path):
    session = DraftSession.open(draft_path)
    for i in range(60):
        _type(session, "uu-diem" if i % 2 else "han-che", f"lần {i}")
        session.autosave()                   # no waiting: batches pile up and are merged in order
    session.flush()
    again = open_draft(draft_path)
    assert again.section("uu-diem").body[0].plain_text() == "lần 59"
    assert again.section("han-che").body[0].plain_text() == "lần 58"
    assert session.autosave_status().file_counter == 60
    session.close()


def test_background_writer_runs_jobs_in_order_and_survives_a_failing_job():
    writer = BackgroundWriter()
    seen: list[int] = []
    gate = threading.Event()
    writer.submit(lambda: gate.wait(2))
    for i in range(20):
        writer.submit(lambda i=i: seen.append(i))
    writer.submit(lambda: 1 / 0)
    writer.submit(lambda: seen.append(99))
    assert not writer.wait(0.05)
    gate.set()
    assert writer.wait(5)
    assert seen == [*range(20), 99]
    writer.close()


def test_write_failure_falls_back_to_recovery_then_resyncs(draft_path, monkeypatch):
    session = DraftSession.open(draft_path)
    session.flush()
    real_write = DraftFile._write
    failing = {"on": True}

    def flaky(self, batch):
        if failing["on"] and self.path == draft_path:
            import sqlite3
            raise sqlite3.OperationalError("disk I/O error")
        return real_write(self, batch)

    monkeypatch.setattr(DraftFile, "_write", flaky)
    _type(session, "uu-diem", "khi mạng mất")
    session.autosave()
    _type(session, "han-che", "vẫn mất mạng")
    session.autosave()
    session.flush()
    status = session.autosave_status()
    assert status.in_recovery and status.error is not None and "ổ mạng" in status.error.message
    assert status.saved_counter == 2 and status.file_counter == 0
    copy = open_draft(session._autosaver.recovery_path)  # noqa: SLF001
    assert copy.section("uu-diem").body[0].plain_text() == "khi mạng mất"
    assert copy.section("han-che").body[0].plain_text() == "vẫn mất mạng"
    failing["on"] = False                      # the share is back
    _type(session, "y-te", "mạng đã có lại")
    session.autosave()
    session.flush()
    status = session.autosave_status()
    assert not status.in_recovery and status.error is None and status.file_counter == 3
    again = open_draft(draft_path)
    assert [again.section(s).body[0].plain_text() for s in ("uu-diem", "han-che", "y-te")] == [
        "khi mạng mất", "vẫn mất mạng", "mạng đã có lại"]
    session.close()
    assert recovery.find_recoverable() == []


def test_untitled_draft_autosaves_to_a_recovery_copy(pack):
    session = DraftSession.new(pack)
    assert not session.autosave()             # nothing typed yet: nothing written
    _type(session, "uu-diem", "Chưa đặt tên")
    assert session.autosave()
    session.flush()
    copy = session._autosaver.recovery_path  # noqa: SLF001
    assert copy.exists() and copy.parent.name == "recovery"
    assert open_draft(copy).section("uu-diem").body[0].plain_text() == "Chưa đặt tên"
    assert session.is_modified()               # still untitled: closing must ask
    assert recovery.marker_path(session.session_id).exists()
    session.close(discard=True)               # the drafter chose "Không lưu"
    assert not copy.exists() and not recovery.marker_path(session.session_id).exists()
    assert list((copy.parent / "discarded").glob("*.baocao"))   # still in the bin for a few days


def test_untitled_save_as_keeps_history_and_drops_the_recovery_copy(pack, tmp_path):
    session = DraftSession.new(pack)
    _type(session, "uu-diem", "Bản nháp đầu")
    session.autosave()
    session.save_named_version("Bản nháp đầu tiên")
    copy = session._autosaver.recovery_path  # noqa: SLF001
    target = tmp_path / "moi.baocao"
    session.save_as(target)
    assert not copy.exists()
    kinds = [(v.kind, v.name) for v in session.versions()]
    assert kinds[0] == ("named", "Bản nháp đầu tiên")   # same content: no second, unnamed entry
    assert not session.is_modified()
    _type(session, "han-che", "tiếp tục")
    session.autosave()
    session.flush()
    assert open_draft(target).section("han-che").body[0].plain_text() == "tiếp tục"
    session.close()
    assert recovery.find_recoverable() == []


def test_clean_close_removes_marker_lock_and_keeps_everything(draft_path, tmp_path):
    session = DraftSession.open(draft_path)
    lock = tmp_path / "~$bc.baocao.lock"
    assert lock.exists() and recovery.marker_path(session.session_id).exists()
    _type(session, "uu-diem", "gõ rồi đóng ngay")
    session.close()                            # pending edit is written before closing
    assert not lock.exists() and not recovery.marker_path(session.session_id).exists()
    assert open_draft(draft_path).section("uu-diem").body[0].plain_text() == "gõ rồi đóng ngay"


def test_explicit_save_adds_a_history_entry_and_a_backup(draft_path):
    session = DraftSession.open(draft_path, threaded=False)
    _type(session, "uu-diem", "đã lưu")
    session.save()
    assert session.versions()[0].kind == "save"
    reasons = [b.reason for b in session.backups()]
    assert reasons[:2] == ["luu", "mo"]
    assert open_draft(session.backups()[0].path).section("uu-diem").body[0].plain_text() == "đã lưu"
    session.close()


def test_save_as_onto_itself_is_a_save(draft_path):
    session = DraftSession.open(draft_path, threaded=False)
    _type(session, "uu-diem", "như lưu")
    session.save_as(draft_path)
    assert session.path == draft_path and not session.is_modified()
    session.close()


def test_save_without_file_says_to_use_save_as(pack):
    session = DraftSession.new(pack, threaded=False)
    with pytest.raises(DraftFileError) as info:
        session.save()
    assert "Lưu thành" in info.value.hint
    session.close(discard=True)


def test_autosave_snapshot_is_taken_at_most_every_few_minutes(draft_path, monkeypatch):
    from baocao.storage import autosave

    session = DraftSession.open(draft_path, threaded=False)
    count = len(session.versions())
    _type(session, "uu-diem", "a")
    session.autosave()
    assert len(session.versions()) == count
    monkeypatch.setattr(autosave, "AUTO_SNAPSHOT_SECONDS", 0)
    _type(session, "uu-diem", "b")
    session.autosave()
    assert len(session.versions()) == count + 1 and session.versions()[0].kind == "auto"
    session.close()


def test_listener_hears_about_background_writes(draft_path):
    session = DraftSession.open(draft_path)
    heard = []
    done = threading.Event()

    def listener(status):
        heard.append(status)
        done.set()

    session.set_autosave_listener(listener)
    _type(session, "uu-diem", "x")
    session.autosave()
    assert done.wait(5)
    assert heard[-1].saved_counter == 1
    session.close()


def test_recovery_copy_failure_is_reported_not_raised_in_the_background(draft_path, patch):
    session = DraftSession.open(draft_path)
    session.flush()

    def broken(self, batch):
        import sqlite3
        raise sqlite3.OperationalError("disk I/O error")

    patch.setattr(DraftFile, "_write", broken)
    _type(session, "uu-diem", "x")
    session.autosave()
    session.flush()
    status = session.autosave_status()
    assert status.error is not None and status.saved_counter == 0 and not status.in_recovery
    patch.undo()
    session.close()
    assert open_draft(draft_path).section("uu-diem").body[0].plain_text() == "x"


def test_batches_merge_later_values_win():
    first = SaveBatch({"s:a": (0, "trong", "[1]", "{}"), "s:b": (1, "trong", "[]", "{}")}, set(), 1)
    later = SaveBatch({"s:a": (0, "trong", "[2]", "{}")}, {"s:b"}, 2)
    merged = first.merged(later)
    assert merged.writes == {"s:a": (0, "trong", "[2]", "{}")} and merged.removes == {"s:b"}
    assert merged.counter == 2


def test_time_on_the_window_thread_is_small(draft_path):
    session = DraftSession.open(draft_path)
    session.flush()
    spent = []
    for i in range(30):
        _type(session, "uu-diem", f"gõ {i}")
        start = time.perf_counter()
        session.autosave()
        spent.append(time.perf_counter() - start)
    session.flush()
    assert sorted(spent)[15] < 0.02
    assert draft_to_dict(open_draft(draft_path)) == draft_to_dict(session.draft)
    session.close()
