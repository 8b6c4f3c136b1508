"""``baocao import DRAFT FILE.docx [--dry-run] [--thay-the] [--map N=ID]`` without a window."""

from __future__ import annotations

import hashlib

import pytest
from helpers import run_cli

from baocao.importing import UNPLACED_ID


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """An empty draft of the office (with history) and our own export of the sample as the .docx to import."""
    folder = tmp_path_factory.mktemp("cli-import")
    sample, docx = folder / "mau.json", folder / "mau.docx"
    assert run_cli("new", "--sample", "-o", str(sample)).returncode == 0
    result = run_cli("export", str(sample), "-o", str(docx), "--chua-du")
    assert result.returncode == 0, result.stderr
    return folder, docx


def _new_draft(folder, name: str):
    path = folder / name
    result = run_cli("new", "-o", str(path), "--tinh", "Lâm Đồng", "--nam", "2026")
    assert result.returncode == 0, result.stderr
    return path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_dry_run_prints_the_mapping_and_changes_nothing(files):
    folder, docx = files
    draft = _new_draft(folder, "thu.baocao")
    before = _digest(draft)
    listing = sorted(p.name for p in folder.iterdir())
    result = run_cli("import", str(draft), str(docx), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "→ 1. Ưu điểm" in result.stdout
    # our own export: the figures come back from its data, not read again from the appendix tables
    assert "Số liệu: " in result.stdout and "bảng «nhiem-vu-theo-don-vi»: 16 dòng" in result.stdout
    assert "phien_hop = 8" in result.stdout and "Câu do mẫu viết từ số liệu: " in result.stdout
    # typed citations found: the fresh draft's register is empty, so every document is offered to it
    assert "Trích dẫn văn bản: 0 chỗ khớp danh mục" in result.stdout and "sẽ thêm vào danh mục" in result.stdout
    assert "    + Quyết định số 42/QĐ-UBND" in result.stdout
    assert _digest(draft) == before
    assert sorted(p.name for p in folder.iterdir()) == listing        # no lock, backup or recovery file left


def test_import_saves_a_version_then_changes_the_draft(files):
    from baocao.session import DraftSession
    from baocao.storage import load_any

    folder, docx = files
    draft_path = _new_draft(folder, "nhap.baocao")
    result = run_cli("import", str(draft_path), str(docx), "--map", "2=kien-nghi")
    assert result.returncode == 0, result.stderr
    draft = load_any(str(draft_path))
    assert draft.sections["uu-diem"].body and draft.sections["nhiem-vu-cu-the"].body
    # the header block, closing and signature of our own export are recognised, not kept as unplaced text
    assert UNPLACED_ID not in draft.sections or not draft.sections[UNPLACED_ID].body
    assert len(draft.tables["nhiem-vu-theo-don-vi"]) > 10
    assert draft.sections["cuoc-hop"].fields["phien_hop"] == 8
    session = DraftSession.open(draft_path, read_only=True, threaded=False)
    try:
        named = [v for v in session.versions() if v.name == "Trước khi nhập «mau.docx»"]
        assert named and all(d.is_empty() for d in session.view_version(named[0].id).sections.values())
    finally:
        session.close()


def test_citations_are_linked_unless_declined(files):
    from baocao.model.richtext import Cite
    from baocao.register.entries import register_entries
    from baocao.storage import load_any

    folder, docx = files
    for name, extra, linked in (("co-van-ban.baocao", (), True), ("khong-van-ban.baocao", ("--khong-them-van-ban",),
                                                                    False)):
        path = _new_draft(folder, name)
        result = run_cli("import", str(path), str(docx), *extra)
        assert result.returncode == 0, result.stderr
        draft = load_any(str(path))
        cites = [i for d in draft.sections.values() for p in d.body for i in p.content if isinstance(i, Cite)]
        assert bool(register_entries(draft)) is linked and bool(cites) is linked, name
        if not linked:
            assert "giữ nguyên chữ" in result.stdout


def test_bad_input_gets_a_vietnamese_message_and_the_draft_is_unchanged(files, tmp_path):
    folder, _docx = files
    draft = _new_draft(folder, "loi.baocao")
    before = _digest(draft)
    fake = tmp_path / "khong-phai.docx"
    fake.write_text("xin chào", encoding="utf-8")
    for args, words in (((str(draft), str(fake)), "không phải tệp Word"),
                        ((str(draft), str(tmp_path / "khong-co.docx")), "Không tìm thấy"),
                        ((str(draft), str(files[1]), "--map", "x"), "không đúng dạng"),
                        ((str(draft), str(files[1]), "--map", "99=uu-diem"), "Không có phần số 99"),
                        ((str(draft), str(files[1]), "--map", "2=khong-co"), "không có mục")):
        result = run_cli("import", *args)
        assert result.returncode == 2, (args, result.stdout)
        assert words in result.stderr and "Traceback" not in result.stderr
    assert _digest(draft) == before
