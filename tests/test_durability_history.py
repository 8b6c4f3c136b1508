"""Versions inside the draft file, and rotating backups: list, view, restore (undoably), caps."""

from __future__ import annotations

import sqlite3
import zlib
from datetime import timedelta

import pytest

from baocao.constants import SectionStatus
from baocao.edits import SetSectionStatus
from baocao.errors import DraftDataError, DraftFileError
from baocao.model import Para
from baocao.model.serialize import draft_to_dict
from baocao.session import DraftSession
from baocao.storage import backups, history, open_draft, save_draft
from baocao.storage.draftfile import DraftFile
from baocao.storage.proc import now_utc
from baocao.storage.rows import draft_rows
from durability_support import type_into


def _conn(draft_path):
    conn = sqlite3.connect(draft_path, isolation_level=None)
    return conn


# ---------------------------------------------------------------- storage level
def test_snapshots_share_unchanged_parts(draft_path, sample_draft):
    conn = _conn(draft_path)
    state = draft_rows(sample_draft)
    first = history.add_snapshot(conn, state, history.SAVE)
    blobs = conn.execute("SELECT count(*) FROM history_blobs").fetchone()[0]
    assert history.add_snapshot(conn, state, history.AUTO) is None        # same content: not repeated
    sample_draft.section("uu-diem").body = [Para.of("khác")]
    second = history.add_snapshot(conn, draft_rows(sample_draft), history.AUTO)
    assert second and second > first
    assert conn.execute("SELECT count(*) FROM history_blobs").fetchone()[0] == blobs + 1   # one new part only
    assert history.load_version(conn, first).section("uu-diem").body[0].plain_text() != "khác"
    assert history.load_version(conn, second).section("uu-diem").body[0].plain_text() == "khác"
    conn.close()


def test_saving_the_same_content_marks_the_auto_snapshot_as_saved(draft_path, sample_draft):
    conn = _conn(draft_path)
    state = draft_rows(sample_draft)
    history.add_snapshot(conn, state, history.AUTO)
    assert history.add_snapshot(conn, state, history.SAVE) is None
    assert [v.kind for v in history.list_versions(conn)] == ["save"]
    conn.close()


def test_prune_keeps_recent_one_per_day_and_every_named(draft_path, sample_draft):
    conn = _conn(draft_path)
    start = now_utc() - timedelta(days=40)
    for i in range(200):
        sample_draft.section("uu-diem").body = [Para.of(f"lần {i}")]
        kind = history.NAMED if i in (3, 150) else history.AUTO
        history.add_snapshot(conn, draft_rows(sample_draft), kind, f"tên {i}" if kind == history.NAMED else "",
                             when=start + timedelta(hours=5 * i))
    removed = history.prune(conn)
    versions = history.list_versions(conn)
    automatic = [v for v in versions if v.kind != history.NAMED]
    assert removed > 0 and len(automatic) <= history.MAX_AUTOMATIC
    assert {v.name for v in versions if v.kind == history.NAMED} == {"tên 3", "tên 150"}
    older = automatic[history.KEEP_RECENT:]
    days = [v.created_at.astimezone().date() for v in older]
    assert len(days) == len(set(days))                    # thinned to one per day
    used = conn.execute("SELECT count(*) FROM history_blobs").fetchone()[0]
    assert history.collect_garbage(conn) == 0 and used <= len(versions) + len(draft_rows(sample_draft))
    for version in versions:                               # every kept version is still complete
        history.load_version(conn, version.id)
    conn.close()


def test_damaged_or_bomb_versions_are_refused(draft_path, sample_draft):
    conn = _conn(draft_path)
    version = history.add_snapshot(conn, draft_rows(sample_draft), history.NAMED, "x")
    manifest = conn.execute("SELECT manifest FROM history WHERE id = ?", (version,)).fetchone()[0]
    meta_hash = __import__("json").loads(manifest)["meta"]
    conn.execute("UPDATE history_blobs SET data = ? WHERE hash = ?", (zlib.compress(b" " * 90_000_000), meta_hash))
    with pytest.raises(DraftDataError) as info:
        history.load_version(conn, version)
    assert "lớn bất thường" in info.value.message
    conn.execute("UPDATE history_blobs SET data = x'0102' WHERE hash = ?", (meta_hash,))
    with pytest.raises(DraftDataError) as info:
        history.load_version(conn, version)
    assert "bị hỏng" in info.value.message
    with pytest.raises(DraftDataError):
        history.load_version(conn, 9999)
    conn.close()


def test_labels_are_vietnamese():
    named = history.VersionInfo(1, history.NAMED, "Gửi lãnh đạo duyệt 12/6", now_utc(), "a")
    auto = history.VersionInfo(2, history.AUTO, "", now_utc(), "a")
    assert named.label().startswith("Gửi lãnh đạo duyệt 12/6 (") and auto.label().startswith("Tự động — ")


# ---------------------------------------------------------------- through the session (undoable)
def test_restore_one_section_from_a_named_version_is_undoable(draft_path):
    session = DraftSession.open(draft_path, threaded=False)
    type_into(session, "uu-diem", "bản gửi lãnh đạo")
    session.apply(SetSectionStatus.make(session.draft, "uu-diem", SectionStatus.DONE))
    named = session.save_named_version("Gửi lãnh đạo duyệt 12/6")
    assert named is not None and named.name == "Gửi lãnh đạo duyệt 12/6"
    type_into(session, "uu-diem", "sửa tiếp, rồi hối hận")
    type_into(session, "han-che", "sửa chỗ khác, giữ lại")
    edit = session.restore_version(named.id, "uu-diem")
    assert session.draft.section("uu-diem").body[0].plain_text() == "bản gửi lãnh đạo"
    assert session.draft.section("uu-diem").status is SectionStatus.DONE
    assert session.draft.section("han-che").body[0].plain_text() == "sửa chỗ khác, giữ lại"
    session.autosave()
    assert open_draft(draft_path).section("uu-diem").body[0].plain_text() == "bản gửi lãnh đạo"
    session.revert(edit)
    assert session.draft.section("uu-diem").body[0].plain_text() == "sửa tiếp, rồi hối hận"
    session.close()


def test_restore_whole_draft_and_undo(draft_path):
    session = DraftSession.open(draft_path, threaded=False)
    first = session.versions()[-1]                  # "as opened"
    original = draft_to_dict(session.view_version(first.id))
    type_into(session, "uu-diem", "a")
    session.draft.tables["nhiem-vu-theo-van-ban"] = []
    session.note_edit()
    current = draft_to_dict(session.draft)
    sections_dict = session.draft.sections
    edit = session.restore_version(first.id)
    assert draft_to_dict(session.draft) == original
    assert session.draft.sections is sections_dict  # restored in place
    session.autosave()
    assert draft_to_dict(open_draft(draft_path)) == original
    session.revert(edit)
    assert draft_to_dict(session.draft) == current
    session.close()


def test_named_version_needs_a_name_and_works_untitled(pack):
    session = DraftSession.new(pack, threaded=False)
    with pytest.raises(DraftFileError):
        session.save_named_version("   ")
    type_into(session, "uu-diem", "chưa có tệp")
    version = session.save_named_version("Bản đầu")
    assert version is not None
    assert session.view_version(version.id).section("uu-diem").body[0].plain_text() == "chưa có tệp"
    session.close(discard=True)


def test_history_stays_small_after_a_long_day(draft_path, monkeypatch):
    from baocao.storage import autosave

    monkeypatch.setattr(autosave, "AUTO_SNAPSHOT_SECONDS", 0)     # a snapshot with every autosave
    session = DraftSession.open(draft_path, threaded=False)
    size = draft_path.stat().st_size
    for i in range(300):
        type_into(session, ["uu-diem", "han-che", "y-te"][i % 3], f"lần gõ thứ {i} " * 20)
        session.autosave()
    automatic = [v for v in session.versions() if v.kind != history.NAMED]
    assert len(automatic) <= history.KEEP_RECENT + 2
    assert draft_path.stat().st_size < size + 400_000
    session.close()


# ---------------------------------------------------------------- backups
def test_backups_rotate_skip_duplicates_and_restore(draft_path, tmp_path):
    for i in range(14):
        draft = open_draft(draft_path)
        draft.section("uu-diem").body = [Para.of(f"bản {i}")]
        save_draft(draft, draft_path)
        backups.make_backup(draft_path, "luu")
    assert backups.make_backup(draft_path, "luu") is None            # unchanged: no new copy
    listed = backups.list_backups(draft_path)
    assert len(listed) == backups.KEEP
    assert [open_draft(b.path).section("uu-diem").body[0].plain_text() for b in listed[:2]] == ["bản 13", "bản 12"]
    assert listed[0].label().endswith("KB)") and "Khi lưu" in listed[0].label()
    target = tmp_path / "tu-ban-sao.baocao"
    backups.restore_backup(listed[3], target)
    assert open_draft(target).section("uu-diem").body[0].plain_text() == "bản 10"
    with pytest.raises(DraftFileError):
        backups.restore_backup(listed[4], target)
    backups.restore_backup(listed[4], target, overwrite=True)
    assert open_draft(target).section("uu-diem").body[0].plain_text() == "bản 9"
    assert backups.list_backups(target)[0].reason == "truoc-khoi-phuc"


def test_backup_restore_through_the_session_is_undoable(draft_path):
    session = DraftSession.open(draft_path, threaded=False)
    opened = session.backups()[0]
    assert opened.reason == "mo"
    type_into(session, "uu-diem", "hỏng hết rồi")
    edit = session.backup_edit(opened)
    session.apply(edit)
    assert session.draft.section("uu-diem").body[0].plain_text() != "hỏng hết rồi"
    session.revert(edit)
    assert session.draft.section("uu-diem").body[0].plain_text() == "hỏng hết rồi"
    session.close()


def test_backups_of_different_files_are_kept_apart(tmp_path, sample_draft):
    a, b = tmp_path / "a.baocao", tmp_path / "b.baocao"
    save_draft(sample_draft, a)
    save_draft(sample_draft, b)
    backups.make_backup(a, "mo")
    assert backups.list_backups(b) == [] and len(backups.list_backups(a)) == 1
    assert backups.backup_folder(a) != backups.backup_folder(b)


def test_backup_of_an_open_file_is_consistent(draft_path):
    with DraftFile.open(draft_path) as handle:
        draft = handle.load()
        draft.section("uu-diem").body = [Para.of("đang mở")]
        handle.save(draft)
        info = backups.make_backup(handle, "luu")
    assert open_draft(info.path).section("uu-diem").body[0].plain_text() == "đang mở"
