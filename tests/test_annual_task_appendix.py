"""The annual pack's task appendix: its government-task figures come from the table, as I.1.a does in the 6-month pack."""

from __future__ import annotations

import re
from pathlib import Path

from docx2python import docx2python
from helpers import run_cli
from ooxml_support import validate_docx

from baocao.checks import check_draft
from baocao.storage import load_any as load_draft
from baocao.template import load_pack

TABLE = "nhiem-vu-theo-van-ban"
ROWS = ("van_ban,nguon,hoan_thanh,chua_hoan_thanh,qua_han\n"
        "Nghị quyết 01/NQ-CP,Chính phủ,9,3,1\n"
        "Công văn 25/TTg,Quy chế 42,8,0,0\n"
        "Kế hoạch 106/KH-UBND,Kế hoạch của UBND tỉnh,21,9,2\n")


def _new_draft(tmp_path: Path) -> Path:
    path = tmp_path / "nam.baocao"
    run = run_cli("new", "--template", "bao-cao-nam", "-o", str(path), "--tinh", "Lâm Đồng", "--nam", "2025")
    assert run.returncode == 0, run.stderr
    return path


def _text(docx: Path) -> str:
    with docx2python(docx) as reader:
        return re.sub(r"\s+", " ", reader.text)


def test_the_annual_pack_declares_the_task_table_and_its_appendix():
    pack = load_pack("bao-cao-nam")
    column = pack.tables[TABLE].column("nguon")
    assert column.type == "choice" and "chinh-phu" in [c.key for c in column.choices]
    assert [(a.label, a.table) for a in pack.appendices] == [("Phụ lục", TABLE)]


def test_figures_come_from_the_government_rows_and_the_appendix_is_printed(tmp_path):
    draft_path = _new_draft(tmp_path)
    rows = tmp_path / "nhiem-vu.csv"
    rows.write_text(ROWS, encoding="utf-8")
    run = run_cli("table", "import", str(draft_path), "--table", TABLE, str(rows))
    assert run.returncode == 0, run.stderr
    findings = check_draft(load_draft(draft_path), load_pack("bao-cao-nam"))
    assert not [f for f in findings if f.where == "chi-dao-cap-tren"]     # required figures given by the table
    out = tmp_path / "nam.docx"
    run = run_cli("export", str(draft_path), "-o", str(out), "--chua-du")
    assert run.returncode == 0, run.stderr
    assert validate_docx(out) == []
    text = _text(out)
    assert ("giao UBND tỉnh 20 nhiệm vụ; đã hoàn thành 17 nhiệm vụ, đạt 85,0%, chưa hoàn thành 03 nhiệm vụ. "
            "Chi tiết tại Phụ lục kèm theo.") in text                     # the «Cộng» row of «chinh-phu» only
    appendix = text[text.index("KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO CÁC VĂN BẢN GIAO NHIỆM VỤ NĂM 2025"):]
    assert "Nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao (theo Quy chế 42)" in appendix
    assert "Kế hoạch, quyết định triển khai của UBND tỉnh" in appendix
    assert re.search(r"Tổng cộng 50 38 0 12 3 0 76,0", appendix), appendix[-400:]


def test_without_rows_the_typed_figures_are_printed_as_before(tmp_path):
    from baocao.render import render_draft
    from baocao.writers.docx import write_docx

    pack = load_pack("bao-cao-nam")
    draft = load_draft(_new_draft(tmp_path))
    draft.section("chi-dao-cap-tren").fields.update({"tong": 14, "hoan_thanh": 11, "chua_hoan_thanh": 3})
    out = tmp_path / "go-tay.docx"
    write_docx(render_draft(draft, pack), out, pack.reference_docx)
    text = _text(out)
    assert "giao UBND tỉnh 14 nhiệm vụ; đã hoàn thành 11 nhiệm vụ, chưa hoàn thành 03 nhiệm vụ." in text
    assert "Chi tiết tại Phụ lục" not in text
