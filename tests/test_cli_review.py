"""Reviewers' commands without a window: versions, comments, export --gop-y, compare, import-review."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest
from helpers import run_cli

from baocao.review import operations as ops
from baocao.review.identity import Reviewer
from baocao.review.textops import replace_range
from baocao.samples import sample_path

SECTION = "nhiem-vu-cap-tren"


@pytest.fixture
def reviewed_file(tmp_path):
    """A draft file (the sample) with a named version by a reviewer and a correction after it."""
    from baocao.session import DraftSession
    from tests_paths import sample_session_for

    session = sample_session_for(tmp_path / "bc.baocao")
    session.apply(ops.record_version(session.draft, "Gửi lãnh đạo duyệt", Reviewer("Trần Văn Hùng")))
    session.save_named_version("Gửi lãnh đạo duyệt")
    body = session.draft.section(SECTION).body
    from baocao.edits import SetSectionBody

    new = list(body)
    new[0] = replace_range(body[0], 8, 15, "tháng Giêng")
    session.apply(SetSectionBody.make(session.draft, SECTION, new))
    session.save()
    session.close()
    assert DraftSession  # imported for the fixture's type only
    return tmp_path / "bc.baocao"


def _pandoc(path, mode):
    pypandoc = pytest.importorskip("pypandoc")
    return subprocess.run([pypandoc.get_pandoc_path(), f"--track-changes={mode}", "-t", "plain", "--wrap=none",
                           str(path)], check=True, capture_output=True, text=True).stdout


def test_versions_lists_id_name_author_time(reviewed_file):
    result = run_cli("versions", str(reviewed_file), "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    named = [r for r in rows if r["name"] == "Gửi lãnh đạo duyệt"]
    assert named and named[0]["author"] == "Trần Văn Hùng" and named[0]["time"] and isinstance(named[0]["id"], int)
    assert {r["id"] for r in rows} >= {"m1", "m2"}                       # the sample's own two versions
    text = run_cli("versions", str(reviewed_file))
    assert "Gửi lãnh đạo duyệt" in text.stdout and "Trần Văn Hùng" in text.stdout


def test_comments_of_the_sample(tmp_path):
    result = run_cli("comments", str(sample_path()), "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["comments"]
    assert len(rows) == 3 and all(r["state"] == "open" for r in rows)
    assert {r["section"] for r in rows} == {SECTION, "han-che", "y-te"}
    assert rows[0]["quote"] == "thời hạn hoàn thành" and rows[0]["replies"][0]["author"] == "Lê Thị Mai"
    everything = json.loads(run_cli("comments", str(sample_path()), "--json", "--tat-ca").stdout)["comments"]
    assert len(everything) == 4 and any(r["state"] == "resolved" for r in everything)
    plain = run_cli("comments", str(sample_path())).stdout
    assert "Trần Văn Hùng" in plain and "về: «thời hạn hoàn thành»" in plain


def test_export_with_comments_only_when_asked(tmp_path):
    docx = pytest.importorskip("docx")
    with_comments, plain = tmp_path / "gop-y.docx", tmp_path / "thuong.docx"
    assert run_cli("export", str(sample_path()), "-o", str(with_comments), "--gop-y").returncode == 0
    assert run_cli("export", str(sample_path()), "-o", str(plain)).returncode == 0
    authors = {c.author for c in docx.Document(str(with_comments)).comments}
    assert authors == {"Trần Văn Hùng", "Lê Thị Mai"}
    with zipfile.ZipFile(plain) as archive:
        assert "word/comments.xml" not in archive.namelist()


def test_compare_writes_tracked_changes(reviewed_file, tmp_path):
    out = tmp_path / "so-sanh.docx"
    result = run_cli("compare", str(reviewed_file), "--from", "Gửi lãnh đạo duyệt", "-o", str(out),
                     "--nguoi", "Trần Văn Hùng")
    assert result.returncode == 0, result.stderr
    assert "Ngay từ tháng Giêng" in _pandoc(out, "accept") and "Ngay từ đầu năm" in _pandoc(out, "reject")
    sample_out = tmp_path / "mau.docx"
    assert run_cli("compare", str(reviewed_file), "--from", "m1", "--to", "m2", "-o", str(sample_out)).returncode == 0
    assert "cơ quan chủ trì, cơ quan phối hợp" in _pandoc(sample_out, "accept")
    assert "cơ quan chủ trì và thời hạn" in _pandoc(sample_out, "reject")


def test_compare_never_writes_over_the_draft(reviewed_file):
    result = run_cli("compare", str(reviewed_file), "--from", "m1", "-o", str(reviewed_file.with_suffix(".docx")),
                     "--ghi-de")
    assert result.returncode == 0, result.stderr
    again = run_cli("compare", str(reviewed_file), "--from", "m1", "-o", str(reviewed_file.with_suffix(".docx")))
    assert again.returncode == 2 and "--ghi-de" in again.stderr and "Traceback" not in again.stderr


def test_compare_unknown_version_is_a_clear_error(reviewed_file, tmp_path):
    result = run_cli("compare", str(reviewed_file), "--from", "khong-co", "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Không có phiên bản «khong-co»" in result.stderr and "Gửi lãnh đạo duyệt" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_import_review_dry_run_then_for_real(reviewed_file, tmp_path):
    """A reviewer corrects the comparison copy in Word: the correction and nothing else comes in."""
    import copy

    from baocao.review.docx_tracked import export_tracked
    from baocao.storage import load_any
    from baocao.template import load_pack

    before = load_any(str(reviewed_file))
    corrected = copy.deepcopy(before)
    para = corrected.sections[SECTION].body[0]
    at = para.plain_text().index("thời hạn hoàn thành")
    corrected.sections[SECTION].body[0] = replace_range(para, at, at + len("thời hạn"), "thời gian")
    out = tmp_path / "da-sua.docx"
    export_tracked(before, corrected, load_pack(before.template_id), out, author="Trần Văn Hùng")
    dry = run_cli("import-review", str(reviewed_file), str(out), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Sửa 1 đoạn" in dry.stdout and "«hạn» → «gian»" in dry.stdout
    assert load_any(str(reviewed_file)) == before                     # --dry-run changes nothing
    result = run_cli("import-review", str(reviewed_file), str(out))
    assert result.returncode == 0, result.stderr
    after = load_any(str(reviewed_file))
    first = after.section(SECTION).body[0].plain_text()
    assert "thời gian hoàn thành" in first and first.startswith("Ngay từ tháng Giêng")
    assert [p.plain_text() for p in after.section(SECTION).body[1:]] == \
           [p.plain_text() for p in before.section(SECTION).body[1:]]
    names = [r["name"] for r in json.loads(run_cli("versions", str(reviewed_file), "--json").stdout)]
    assert "Trước khi nhập góp ý từ «da-sua.docx»" in names


def test_import_review_of_a_missing_file(reviewed_file, tmp_path):
    result = run_cli("import-review", str(reviewed_file), str(tmp_path / "khong-co.docx"))
    assert result.returncode == 2 and "Không tìm thấy tệp" in result.stderr and "Traceback" not in result.stderr


def test_a_word_comment_inside_a_footnote_comes_in_on_the_footnote_text(reviewed_file, tmp_path):
    """import-review of a .docx (written by pandoc) whose comment sits inside a footnote; comments shows it."""
    pypandoc = pytest.importorskip("pypandoc")
    from baocao.storage import load_any

    draft = load_any(str(reviewed_file))
    para = draft.sections["giao-duc"].body[1]
    note = para.notes()[0].plain_text()
    at = note.index("441/QĐ-UBND")
    source = tmp_path / "gop-y.md"
    source.write_text(f"{para.plain_text()}[^1]\n\n[^1]: {note[:at]}[Ghi rõ ngày ký]{{.comment-start id=\"0\" "
                      f"author=\"Trần Văn Hùng\"}}441/QĐ-UBND[]{{.comment-end id=\"0\"}}{note[at + 11:]}\n",
                      encoding="utf-8")
    reviewed = tmp_path / "gop-y.docx"
    subprocess.run([pypandoc.get_pandoc_path(), str(source), "-o", str(reviewed)], check=True, timeout=120)
    dry = run_cli("import-review", str(reviewed_file), str(reviewed), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "1 góp ý mới" in dry.stdout and "0 mục chưa gắn được" in dry.stdout
    assert run_cli("import-review", str(reviewed_file), str(reviewed)).returncode == 0
    rows = json.loads(run_cli("comments", str(reviewed_file), "--json").stdout)["comments"]
    [row] = [r for r in rows if r["text"] == "Ghi rõ ngày ký"]
    assert (row["section"], row["quote"], row["in_note"], row["state"]) == ("giao-duc", "441/QĐ-UBND", True, "open")
    assert "về: «441/QĐ-UBND» (trong chú thích)" in run_cli("comments", str(reviewed_file)).stdout
