"""Every released draft format opens, migrates (on a copy) and keeps its content."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from baocao.constants import DRAFT_SCHEMA_VERSION
from baocao.model.serialize import draft_to_dict
from baocao.session import DraftSession
from baocao.storage import backups, open_draft
from baocao.storage.draftfile import DraftFile
from baocao.storage.schema import REQUIRED_TABLES

FORMATS = Path(__file__).parent / "fixtures" / "formats"
RELEASED = sorted(FORMATS.glob("draft-v*.baocao"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _expected(fixture: Path) -> dict:
    return json.loads(fixture.with_name(fixture.stem + ".expected.json").read_text(encoding="utf-8"))


def test_a_fixture_exists_for_every_format_up_to_the_current_one():
    versions = {int(p.stem.split("-v")[1]) for p in RELEASED}
    assert versions == set(range(1, DRAFT_SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.name)
def test_released_format_reads_without_being_modified(fixture):
    before = _digest(fixture)
    assert draft_to_dict(open_draft(fixture)) == _expected(fixture)
    assert _digest(fixture) == before


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.name)
def test_released_format_migrates_a_copy_and_keeps_content(fixture, tmp_path):
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    with DraftFile.open(copy) as handle:   # writable open migrates in place
        assert draft_to_dict(handle.load()) == _expected(fixture)
        assert handle.integrity_ok()
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == DRAFT_SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert set(REQUIRED_TABLES) <= tables
    assert draft_to_dict(open_draft(copy)) == _expected(fixture)


def test_session_backs_up_the_old_format_before_migrating(tmp_path):
    old = FORMATS / "draft-v1.baocao"
    copy = tmp_path / "cu.baocao"
    shutil.copyfile(old, copy)
    session = DraftSession.open(copy, threaded=False)
    try:
        kept = [b for b in backups.list_backups(copy) if b.reason == "truoc-nang-cap"]
        assert len(kept) == 1
        assert kept[0].path.read_bytes() == old.read_bytes()   # the untouched v1 file
        assert draft_to_dict(session.draft) == _expected(old)
    finally:
        session.close()


def test_history_of_the_v2_fixture_is_readable():
    with DraftFile.open(FORMATS / "draft-v2.baocao", read_only=True) as handle:
        versions = handle.versions()
        assert [v.kind for v in versions] == ["save", "named"]
        assert versions[1].name == "Gửi lãnh đạo duyệt 12/6"
        named = handle.load_version(versions[1].id)
        current = handle.load()
    assert len(current.section("uu-diem").body) == len(named.section("uu-diem").body) + 1


def test_extras_of_the_v3_fixture_are_in_the_file_and_its_history():
    with DraftFile.open(FORMATS / "draft-v3.baocao", read_only=True) as handle:
        current = handle.load()
        named = handle.load_version(handle.versions()[1].id)
    assert current.extras["vi-du"]["so"] == [1, 2, 3]
    assert named.extras == current.extras


def test_extras_round_trip_through_edits_autosave_and_json(tmp_path, sample_draft):
    from baocao.edits import SetExtra
    from baocao.model.serialize import draft_from_dict

    path = tmp_path / "kem-theo.baocao"
    shipped = draft_to_dict(sample_draft).get("extras", {})     # the sample's own (reviewers' comments)
    session = DraftSession.new(__import__("baocao.template", fromlist=["load_pack"]).load_pack(
        sample_draft.template_id), sample_draft, threaded=False)
    session.save_as(path)
    edit = SetExtra.make(session.draft, "gop-y", [{"id": "c1", "text": "Sửa lại số liệu"}], "Thêm góp ý")
    session.apply(edit)
    assert session.autosave()
    session.flush()
    assert open_draft(path).extras == {**shipped, "gop-y": [{"id": "c1", "text": "Sửa lại số liệu"}]}
    session.revert(edit)
    session.autosave()
    session.flush()
    assert open_draft(path).extras == shipped              # put back as it was, nothing left behind
    session.close()
    sample_draft.extras["kiem-tra"] = {"bo-qua": ["x"]}
    assert draft_from_dict(draft_to_dict(sample_draft)).extras == {**shipped, "kiem-tra": {"bo-qua": ["x"]}}
