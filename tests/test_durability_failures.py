"""Failures while saving: full disk, read-only files, torn writes, failures injected mid-write."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from baocao.edits import SetSectionBody
from baocao.errors import DraftFileError, ExportError
from baocao.fsutil import atomic_write, write_text_atomic
from baocao.model import Para
from baocao.model.serialize import draft_to_dict
from baocao.session import DraftSession
from baocao.storage import open_draft, save_draft
from baocao.storage import draftfile as draftfile_module
from baocao.storage.draftfile import DraftFile
from durability_support import patch  # noqa: F401 - fixture


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def draft_path(tmp_path, sample_draft) -> Path:
    path = tmp_path / "bc.baocao"
    save_draft(sample_draft, path)
    return path


def _big_edit(session: DraftSession, size: int = 200_000) -> None:
    session.apply(SetSectionBody.make(session.draft, "uu-diem", [Para.of("Đoạn rất dài " + "x" * size)]))


def _fill_disk(session: DraftSession) -> None:
    """SQLite's own "database or disk is full": the file may not grow by a single page."""
    conn = session._handle._conn  # noqa: SLF001 - the test reaches in to simulate the disk
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def _free_disk(session: DraftSession) -> None:
    session._handle._conn.execute("PRAGMA max_page_count = 1073741823")  # noqa: SLF001


# ---------------------------------------------------------------- full disk
def test_full_disk_on_autosave_keeps_file_intact_and_work_in_recovery(draft_path):
    session = DraftSession.open(draft_path)
    session.flush()
    before = _sha(draft_path)
    _fill_disk(session)
    _big_edit(session)
    assert session.autosave()
    session.flush()
    status = session.autosave_status()
    assert status.error is not None and "ổ đĩa đã đầy" in status.error.message
    assert status.in_recovery and status.saved_counter == session.edit_counter
    assert status.file_counter < session.edit_counter and session.is_modified()
    assert _sha(draft_path) == before                              # the file is exactly as it was
    recovery_copy = session._autosaver.recovery_path  # noqa: SLF001
    assert open_draft(recovery_copy).section("uu-diem").body[0].plain_text().startswith("Đoạn rất dài")
    with pytest.raises(DraftFileError) as info:                   # Ctrl+S says so too
        session.save()
    assert "đầy" in info.value.message and _sha(draft_path) == before
    _free_disk(session)                                           # space freed: the next autosave catches up
    session.apply(SetSectionBody.make(session.draft, "han-che", [Para.of("Sau khi dọn ổ đĩa")]))
    session.autosave()
    session.flush()
    status = session.autosave_status()
    assert status.error is None and not status.in_recovery and status.file_counter == session.edit_counter
    assert not recovery_copy.exists()
    again = open_draft(draft_path)
    assert again.section("uu-diem").body[0].plain_text().startswith("Đoạn rất dài")
    assert again.section("han-che").body[0].plain_text() == "Sau khi dọn ổ đĩa"
    session.close()


def test_full_disk_on_save_as_leaves_target_and_session_untouched(draft_path, tmp_path, patch):
    session = DraftSession.open(draft_path, threaded=False)
    target = tmp_path / "moi.baocao"
    target.write_bytes(b"noi dung cu")

    def no_space(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    patch.setattr(DraftFile, "_write", no_space)
    with pytest.raises(DraftFileError) as info:
        session.save_as(target)
    assert "đầy" in info.value.message
    patch.undo()
    assert target.read_bytes() == b"noi dung cu"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []   # no temporary left
    assert session.path == draft_path and not (tmp_path / "~$moi.baocao.lock").exists()
    _big_edit(session, 10)
    session.autosave()
    assert open_draft(draft_path).section("uu-diem").body[0].plain_text().startswith("Đoạn rất dài")
    session.close()


@pytest.mark.parametrize("failing", ["replace", "chmod"])
def test_os_failure_at_the_end_of_save_as_is_clean(draft_path, tmp_path, patch, failing):
    session = DraftSession.open(draft_path, threaded=False)
    target = tmp_path / "moi.baocao"

    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    patch.setattr(draftfile_module.os, failing, fail)
    with pytest.raises(DraftFileError) as info:
        session.save_as(target)
    patch.undo()
    assert "đầy" in info.value.message
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    assert session.path == draft_path
    session.close()


# ---------------------------------------------------------------- atomic writes of exports
@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_atomic_write_failure_mid_write_leaves_the_old_file(tmp_path, patch, stage):
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"ban cu")
    if stage == "fsync":
        patch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    if stage == "replace":
        patch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(errno.EACCES, "locked")))
    with pytest.raises(ExportError):
        with atomic_write(target) as handle:
            handle.write(b"mot nua")
            if stage == "write":
                raise OSError(errno.ENOSPC, "No space left on device")
            handle.write(b" phan con lai")
    patch.undo()
    assert target.read_bytes() == b"ban cu"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"]


def test_atomic_write_success_replaces(tmp_path):
    target = tmp_path / "a.json"
    write_text_atomic(target, "cũ")
    write_text_atomic(target, "mới")
    assert target.read_text(encoding="utf-8") == "mới"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


# ---------------------------------------------------------------- read-only files
def test_read_only_file_opens_read_only_and_keeps_edits_in_recovery(draft_path, tmp_path, monkeypatch):
    monkeypatch.setattr("baocao.session.writable", lambda path: False)
    before = _sha(draft_path)
    session = DraftSession.open(draft_path)
    assert session.read_only and "chỉ cho phép đọc" in session.read_only_reason
    assert not (tmp_path / "~$bc.baocao.lock").exists()
    _big_edit(session, 10)
    session.autosave()
    session.flush()
    assert session.autosave_status().saved_counter == session.edit_counter   # safe in the recovery copy
    with pytest.raises(DraftFileError) as info:
        session.save()
    assert "chỉ đọc" in info.value.message
    copy = tmp_path / "ban-sao.baocao"
    session.save_as(copy)
    assert not session.read_only and session.path == copy
    assert open_draft(copy).section("uu-diem").body[0].plain_text().startswith("Đoạn rất dài")
    assert _sha(draft_path) == before
    session.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores file permissions")
def test_really_read_only_file(draft_path):  # pragma: no cover - non-root only
    draft_path.chmod(0o444)
    try:
        session = DraftSession.open(draft_path)
        assert session.read_only
        session.close()
    finally:
        draft_path.chmod(0o644)


# ---------------------------------------------------------------- torn writes (hot journal)
_TORN = r"""
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN IMMEDIATE")
for i in range(3000):
    conn.execute("UPDATE sections SET body = ? WHERE rowid = ?", ('[]', i % 20 + 1))
    conn.execute("INSERT INTO tables_data(table_id, rows, updated_at) VALUES (?, '[]', '')", (f"rac-{i}",))
os.kill(os.getpid(), 9)
"""


def _torn(path: Path) -> None:
    subprocess.run([sys.executable, "-c", _TORN, str(path)], check=False)
    assert path.with_name(path.name + "-journal").exists()


def test_read_only_open_after_a_torn_write_sees_the_last_complete_save(draft_path, sample_draft):
    _torn(draft_path)
    assert draft_to_dict(open_draft(draft_path)) == draft_to_dict(sample_draft)
    with DraftFile.open(draft_path, read_only=True) as handle:
        assert handle.integrity_ok()


def test_torn_write_in_a_read_only_place_is_read_from_a_private_copy(draft_path, sample_draft, monkeypatch):
    _torn(draft_path)
    journal = draft_path.with_name(draft_path.name + "-journal")
    before = (_sha(draft_path), _sha(journal))
    monkeypatch.setattr(draftfile_module, "writable", lambda path: False)
    assert draft_to_dict(open_draft(draft_path)) == draft_to_dict(sample_draft)
    assert (_sha(draft_path), _sha(journal)) == before   # nothing touched


def test_save_as_works_when_the_current_file_is_unreachable(draft_path, tmp_path, patch):
    """The share went away: Save As elsewhere must still work (history cannot come along)."""
    session = DraftSession.open(draft_path, threaded=False)
    _big_edit(session, 10)
    session.autosave()

    def unreachable(self, target):
        raise draftfile_module.sqlite_error(sqlite3.OperationalError("disk I/O error"), self.path)

    patch.setattr(DraftFile, "copy_into", unreachable)
    target = tmp_path / "o-dia-khac.baocao"
    session.save_as(target)
    patch.undo()
    assert session.path == target
    assert open_draft(target).section("uu-diem").body[0].plain_text().startswith("Đoạn rất dài")
    assert [v.kind for v in session.versions()] == ["save"]
    session.close()
