"""``baocao contribution request|import|list`` — driven as another tool would, in a separate process."""

from __future__ import annotations

import json

from helpers import run_cli

from contribution_support import fill_with_python_docx


def _draft(tmp_path):
    from tests_paths import sample_session_for

    sample_session_for(tmp_path / "bc.baocao").close()
    return tmp_path / "bc.baocao"


def test_request_import_list_round_trip(tmp_path):
    draft = _draft(tmp_path)
    request = tmp_path / "so-y-te.docx"
    done = run_cli("contribution", "request", str(draft), "--unit", "Sở Y tế", "--sections",
                   "phoi-hop,nhiem-vu-cap-tren", "--deadline", "20/06/2026", "-o", str(request))
    assert done.returncode == 0, done.stderr
    assert "mã phiếu YC-" in done.stdout and request.is_file()
    filled = tmp_path / "so-y-te-da-dien.docx"
    fill_with_python_docx(request, filled, {0: "Đã hoàn thành 19 nhiệm vụ."}, "Nguồn: Sở Y tế.", [["a", "b"]])
    before = draft.read_bytes()
    dry = run_cli("contribution", "import", str(draft), str(filled), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Sở Y tế" in dry.stdout and "1 đoạn, 1 chú thích, 1 bảng" in dry.stdout
    assert draft.read_bytes() == before                        # a dry run changes nothing
    done = run_cli("contribution", "import", str(draft), str(filled))
    assert done.returncode == 0, done.stderr
    listed = run_cli("contribution", "list", str(draft), "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    [row] = data["contributions"]
    assert row["unit"] == "Sở Y tế" and row["sections"] == ["nhiem-vu-cap-tren"] and row["used"] is False
    assert row["text"]["nhiem-vu-cap-tren"] == "Đã hoàn thành 19 nhiệm vụ. Kết quả tốt."
    assert row["date"] and row["request"].startswith("YC-")
    assert {u["unit"]: u["state"] for u in data["units"]} == {"Sở Y tế": "đã gửi"}
    versions = json.loads(run_cli("versions", str(draft), "--json").stdout)
    assert any("Trước khi nhập đóng góp" in (v.get("name") or "") for v in versions)
    text = run_cli("contribution", "list", str(draft)).stdout
    assert "Sở Y tế" in text and "chưa dùng" in text


def test_request_as_a_contribution_draft_and_bad_input(tmp_path):
    draft = _draft(tmp_path)
    out = tmp_path / "so-noi-vu.baocao"
    done = run_cli("contribution", "request", str(draft), "--unit", "Sở Nội vụ", "--sections", "phoi-hop", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    bad = run_cli("contribution", "request", str(draft), "--unit", "Sở Nội vụ", "--sections", "khong-co",
                  "-o", str(tmp_path / "x.docx"))
    assert bad.returncode != 0 and "không có mục «khong-co»" in bad.stderr and "Traceback" not in bad.stderr
    late = run_cli("contribution", "request", str(draft), "--unit", "Sở Nội vụ", "--sections", "phoi-hop",
                   "--deadline", "31/02/2026", "-o", str(tmp_path / "y.docx"))
    assert late.returncode != 0 and "không phải một ngày" in late.stderr
    missing = run_cli("contribution", "import", str(draft), str(tmp_path / "khong-co.docx"))
    assert missing.returncode != 0 and "Không tìm thấy tệp" in missing.stderr
