"""``baocao tim`` / ``baocao thay``: find and replace headless, checked through the exported .docx."""

from __future__ import annotations

import json

import docx
from docx2python import docx2python

from helpers import flatten, run_cli


def sample_file(tmp_path):
    path = tmp_path / "bao-cao.baocao"
    assert run_cli("new", "--sample", "-o", str(path)).returncode == 0
    return path


def test_find_with_and_without_diacritics(tmp_path):
    path = sample_file(tmp_path)
    plain = run_cli("tim", str(path), "Dak Nong")
    assert plain.returncode == 1 and "Không tìm thấy." in plain.stdout
    folded = run_cli("tim", str(path), "Dak Nong", "--bo-dau", "--json")
    assert folded.returncode == 0, folded.stderr
    rows = json.loads(folded.stdout)
    assert {r["kind"] for r in rows} >= {"meta", "body", "note"}
    assert all(r["text"] == "Đắk Nông" for r in rows)
    exact = run_cli("tim", str(path), "Đắk Nông")
    assert f"{len(rows)} kết quả." in exact.stdout
    empty = run_cli("tim", str(path), "   ")
    assert empty.returncode == 2 and "Chưa có chữ cần tìm" in empty.stderr and "Traceback" not in empty.stderr


def test_replace_all_then_export(tmp_path):
    path = sample_file(tmp_path)
    trial = run_cli("thay", str(path), "dak nong", "Lâm Đồng", "--bo-dau", "--chay-thu")
    assert trial.returncode == 0 and "chạy thử" in trial.stdout
    assert run_cli("tim", str(path), "Đắk Nông").returncode == 0          # nothing written by the trial run
    done = run_cli("thay", str(path), "dak nong", "Lâm Đồng", "--bo-dau")
    assert done.returncode == 0, done.stderr
    assert "Đã thay" in done.stdout
    assert run_cli("tim", str(path), "Đắk Nông").returncode == 1
    versions = run_cli("versions", str(path))
    assert "Trước khi thay" in versions.stdout
    out = tmp_path / "bao-cao.docx"
    exported = run_cli("export", str(path), "-o", str(out), "--chua-du")
    assert exported.returncode == 0, exported.stderr
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Lâm Đồng" in text and "Đắk Nông" not in text
    with docx2python(str(out)) as read:
        notes = " ".join(t for t in flatten(read.footnotes) if t.strip())
    assert "Lâm Đồng" in notes and "Đắk Nông" not in notes


def test_replace_refuses_json_and_missing_files(tmp_path):
    missing = run_cli("thay", str(tmp_path / "khong-co.baocao"), "a", "b")
    assert missing.returncode == 2 and "Không tìm thấy tệp" in missing.stderr
    js = tmp_path / "a.json"
    js.write_text("{}", encoding="utf-8")
    refused = run_cli("thay", str(js), "a", "b")
    assert refused.returncode == 2 and ".baocao" in refused.stderr
