"""The draft file: round trip, incremental saves, refusal of foreign, damaged and newer files."""

import os
import sqlite3
import stat

import pytest

from baocao.constants import DRAFT_SCHEMA_VERSION, SectionStatus
from baocao.errors import DraftFileError, DraftVersionError
from baocao.model.serialize import draft_to_dict
from baocao.storage import DraftFile, load_any, open_draft, save_draft, save_json_draft


def test_round_trip_keeps_everything(tmp_path, sample_draft):
    path = tmp_path / "bc.baocao"
    save_draft(sample_draft, path)
    assert draft_to_dict(open_draft(path)) == draft_to_dict(sample_draft)


def test_json_round_trip(tmp_path, sample_draft):
    path = tmp_path / "bc.json"
    save_json_draft(sample_draft, path)
    assert draft_to_dict(load_any(path)) == draft_to_dict(sample_draft)


def test_incremental_save_rewrites_only_what_changed(tmp_path, sample_draft):
    path = tmp_path / "bc.baocao"
    save_draft(sample_draft, path)
    with DraftFile.open(path) as handle:
        draft = handle.load()
        assert handle.save(draft) == 0
        draft.section("uu-diem").status = SectionStatus.APPROVED
        assert handle.save(draft) == 1
        draft.meta.number = "125"
        draft.tables["nhiem-vu-theo-van-ban"].append({"van_ban": "Kế hoạch mới", "hoan_thanh": 1})
        assert handle.save(draft) == 2
        del draft.sections["cuoc-hop"]
        assert handle.save(draft) == 1
    again = open_draft(path)
    assert again.section("uu-diem").status is SectionStatus.APPROVED
    assert again.meta.number == "125"
    assert "cuoc-hop" not in again.sections
    assert again.tables["nhiem-vu-theo-van-ban"][-1]["van_ban"] == "Kế hoạch mới"


def test_file_is_a_single_file_with_identity(tmp_path, sample_draft):
    path = tmp_path / "bc.baocao"
    save_draft(sample_draft, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc.baocao"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == DRAFT_SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x42414F43
    conn.close()


def _make(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, data, words", [
    ("rong.baocao", b"", "rỗng"),
    ("van-ban.baocao", "Báo cáo 6 tháng".encode(), "không phải tệp bản thảo"),
    ("word.baocao", b"PK\x03\x04" + b"\x00" * 200, "không phải tệp bản thảo"),
    ("cut.baocao", b"SQLite format 3\x00\x10\x00", "cắt cụt"),
])
def test_foreign_and_damaged_files_are_refused_clearly(tmp_path, name, data, words):
    path = _make(tmp_path, name, data)
    with pytest.raises(DraftFileError) as info:
        open_draft(path)
    assert words in info.value.message
    assert path.read_bytes() == data


def test_truncated_draft_is_refused_and_left_untouched(tmp_path, sample_draft):
    path = tmp_path / "bc.baocao"
    save_draft(sample_draft, path)
    data = path.read_bytes()
    cut = _make(tmp_path, "cut.baocao", data[: len(data) // 3])
    with pytest.raises(DraftFileError):
        draft = open_draft(cut)
        assert draft_to_dict(draft) == draft_to_dict(sample_draft)  # pragma: no cover - must not get here
    assert cut.read_bytes() == data[: len(data) // 3]


def test_other_sqlite_database_is_not_a_draft(tmp_path):
    path = tmp_path / "khac.baocao"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(DraftFileError) as info:
        open_draft(path)
    assert "không phải bản thảo" in info.value.message


def test_newer_version_is_refused_and_untouched(tmp_path, sample_draft):
    path = tmp_path / "moi.baocao"
    save_draft(sample_draft, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {DRAFT_SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DraftVersionError) as info:
        open_draft(path)
    assert "phiên bản baocao mới hơn" in info.value.message
    assert "cập nhật" in info.value.hint
    assert path.read_bytes() == before


def test_corrupt_json_inside_a_valid_file(tmp_path, sample_draft):
    path = tmp_path / "hong.baocao"
    save_draft(sample_draft, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE sections SET body = '{không phải json' WHERE section_id = 'uu-diem'")
    conn.commit()
    conn.close()
    with pytest.raises(DraftFileError) as info:
        open_draft(path)
    assert "bị hỏng" in info.value.message


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False,
                    reason="root ignores directory permissions")
def test_unwritable_folder_gives_a_clear_error(tmp_path, sample_draft):  # pragma: no cover - non-root only
    folder = tmp_path / "khoa"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(DraftFileError):
            save_draft(sample_draft, folder / "bc.baocao")
    finally:
        folder.chmod(stat.S_IRWXU)


def test_save_into_missing_folder_leaves_nothing(tmp_path, sample_draft):
    with pytest.raises(DraftFileError) as info:
        save_draft(sample_draft, tmp_path / "khong-co" / "bc.baocao")
    assert "không tồn tại" in info.value.message
    assert list(tmp_path.iterdir()) == []
