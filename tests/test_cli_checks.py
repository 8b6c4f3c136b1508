"""``baocao check --json`` (located findings) and ``baocao hoc-tu-vung FOLDER`` (the office's n-gram model)."""

from __future__ import annotations

import json

import docx
from helpers import run_cli

from baocao.model.richtext import Para
from baocao.samples import sample_path
from baocao.spelling.ngrams import load_model


def _env(tmp_path):
    """A private user data folder (the model and the user dictionary live there)."""
    return {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}


def test_check_json_of_the_clean_sample(tmp_path):
    result = run_cli("check", str(sample_path()), "--json", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["counts"] == {"error": 0, "warning": 0, "hint": 0} and data["findings"] == []


def test_check_json_locates_findings(tmp_path, sample_draft):
    from baocao.storage import save_draft

    sample_draft.section("y-te").body.append(Para.of("Tiêm vắc-xin cho các các nhóm, theo Quyết định số "
                                                     "12/QĐ-UBND ngày 31/02/2021.", "dash"))
    path = tmp_path / "loi.baocao"
    save_draft(sample_draft, path)
    result = run_cli("check", str(path), "--json", env=_env(tmp_path))
    assert result.returncode == 1                                  # an impossible date is an error
    findings = json.loads(result.stdout)["findings"]
    repeated = next(f for f in findings if f["rule"] == "lap-tu")
    para = len(sample_draft.section("y-te").body) - 1
    assert (repeated["where"], repeated["part"], repeated["para"], repeated["offset"], repeated["length"],
            repeated["text"], repeated["fix"], repeated["severity_name"]) == \
           ("y-te", "body", para, 20, 4, " các", "", "cảnh báo")
    date = next(f for f in findings if f["rule"] == "ngay-khong-co-that")
    assert date["severity"] == "error" and date["text"] == "31/02/2021"
    text = run_cli("check", str(path), env=_env(tmp_path))
    assert "mục y-te, đoạn" in text.stdout and "[LỖI] Ngày «31/02/2021» không có thật" in text.stdout


def _report(path, paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)


def test_learn_from_a_folder_of_reports(tmp_path):
    folder = tmp_path / "bao-cao"
    (folder / "2025").mkdir(parents=True)
    _report(folder / "a.docx", ["UBND tỉnh chỉ đạo giải quyết dứt điểm kiến nghị của cử tri."] * 3)
    _report(folder / "2025" / "b.docx", ["Các sở, ngành giải quyết kịp thời khiếu nại của công dân."])
    (folder / "hong.docx").write_bytes(b"khong phai docx")
    out = tmp_path / "mo-hinh.json"
    result = run_cli("hoc-tu-vung", str(folder), "-o", str(out), env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "từ 2 báo cáo" in result.stdout and "Bỏ qua «hong.docx»" in result.stderr
    model = load_model(out)
    assert model is not None and model.pair("giải", "quyết") == 4 and model.documents == 2


def test_learnt_model_is_used_by_check(tmp_path, sample_draft):
    from baocao.storage import save_draft

    folder = tmp_path / "bao-cao"
    folder.mkdir()
    _report(folder / "a.docx", ["Tập trung giải quyết kiến nghị của cử tri."] * 4)
    assert run_cli("hoc-tu-vung", str(folder), env=_env(tmp_path)).returncode == 0
    sample_draft.section("y-te").body.append(Para.of("Tập trung dải quyết kiến nghị của cử tri.", "dash"))
    path = tmp_path / "d.baocao"
    save_draft(sample_draft, path)
    findings = json.loads(run_cli("check", str(path), "--json", env=_env(tmp_path)).stdout)["findings"]
    assert [(f["text"], f["fix"]) for f in findings if f["rule"] == "tu-de-nham"] == [("dải", "giải")]


def test_learn_refuses_bad_folders(tmp_path):
    result = run_cli("hoc-tu-vung", str(tmp_path / "khong-co"), env=_env(tmp_path))
    assert result.returncode == 2 and "Không thấy thư mục" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "rong").mkdir()
    result = run_cli("hoc-tu-vung", str(tmp_path / "rong"), env=_env(tmp_path))
    assert result.returncode == 2 and "không có tệp .docx nào" in result.stderr
