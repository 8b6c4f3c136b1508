"""Items 1–3 together: the paragraph, the structured totals and the appendix agree in the exported .docx.

The draft is filled by importing an .xlsx made by openpyxl (``baocao table
import``), exported by ``baocao export``, then read back by docx2python (an
independent reader) and checked by the Open XML SDK validator.
"""

from __future__ import annotations

import re

from docx2python import docx2python
from helpers import flatten, run_cli
from ooxml_support import validate_docx
from test_tables_import import UNITS, write_pl01_xlsx

from baocao.session import DraftSession
from baocao.tables.views import TableView


def _rows(reader) -> list[list[str]]:
    return [[" ".join(flatten(cell)).strip() for cell in row] for table in reader.body for row in table]


def test_imported_figures_agree_in_text_totals_and_appendix(tmp_path, draft_path):
    xlsx = write_pl01_xlsx(tmp_path / "pl01.xlsx")
    run = run_cli("table", "import", str(draft_path), "--table", "nhiem-vu-theo-don-vi", str(xlsx))
    assert run.returncode == 0, run.stderr
    session = DraftSession.open(draft_path, read_only=True, threaded=False)
    try:
        view = TableView(session.pack.tables["nhiem-vu-theo-don-vi"], session.draft.tables["nhiem-vu-theo-don-vi"])
        docs = TableView(session.pack.tables["nhiem-vu-theo-van-ban"], session.draft.tables["nhiem-vu-theo-van-ban"])
    finally:
        session.close()
    # the structured totals, computed from the imported rows (not from the file's own total row)
    assigned = sum(sum(u[1:]) for u in UNITS)
    done = sum(u[1] + u[2] for u in UNITS)
    assert view.tong("tong") == assigned == 905 and done == 797
    assert view.hien("ty_le") == "88,1"                       # 797 / 905 = 88,066…%

    out = tmp_path / "bao-cao.docx"
    run = run_cli("export", str(draft_path), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert validate_docx(out) == []
    with docx2python(out) as reader:
        body = " ".join(flatten(reader.body))
        rows = _rows(reader)
    text = re.sub(r"\s+", " ", body)
    # Phụ lục 01: the paragraph and the total row say the same
    assert "giao cho các cơ quan, đơn vị, địa phương là 905 nhiệm vụ" in text
    assert "đã hoàn thành 797 nhiệm vụ, đạt 88,1% (đúng hạn 753, quá hạn 44)" in text
    assert ["", "Tổng cộng", "905", "753", "44", "101", "7", "88,1"] in rows
    assert ["4", "UBND phường Nam Gia Nghĩa", "160", "133", "7", "18", "2", "87,5"] in rows
    # Phụ lục 02: the generated paragraph, its groups' sub-totals and the grand total
    # (the sample's Phụ lục 02 starts with the 19 government tasks of I.1.a, issue 13 item 1)
    assert (docs.tong("tong"), docs.tong("hoan_thanh"), docs.hien("ty_le")) == (133, 93, "69,9")
    assert "tổng số 133 nhiệm vụ (gồm cả 19 nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao" in text
    assert "đã hoàn thành 93 nhiệm vụ (đạt 69,9%), chưa hoàn thành 40 nhiệm vụ" in text
    assert ["", "Tổng cộng", "133", "93", "7", "40", "5", "7", "69,9", ""] in rows
    assert ["", "Cộng", "19", "5", "0", "14", "0", "0", "26,3", ""] in rows           # group I (Chính phủ)
    assert ["", "Cộng", "53", "36", "5", "17", "4", "6", "67,9", ""] in rows          # group II's sub-total
    assert ["III", "Kế hoạch, quyết định triển khai của UBND tỉnh", "", "", "", "", "", "", "", ""] in rows
    assert "trong đó 05 nhiệm vụ đã quá hạn; 07 nhiệm vụ xin gia hạn" in text
    line = "Kế hoạch hành động số 96/KH-UBND ngày 26/02/2021 của UBND tỉnh về cải thiện môi trường kinh doanh, " \
           "nâng cao chỉ số PCI năm 2021: tổng số 12 nhiệm vụ, đã hoàn thành 09, chưa hoàn thành 03 (xin gia hạn 01)."
    assert line in text
    assert "Ghi chú: Tỷ lệ hoàn thành = số nhiệm vụ đã hoàn thành / tổng số nhiệm vụ" in text


def test_a_blank_draft_prints_dots_not_zeros_or_a_dash_rate():
    """No rows in Phụ lục 01 yet: the sentence shows "…" where figures go, like the other sections."""
    from baocao.drafts import new_draft
    from baocao.render import render_draft
    from baocao.template import load_pack

    pack = load_pack("bao-cao-6-thang")
    texts = [b.plain_text() for b in render_draft(new_draft(pack), pack).body if hasattr(b, "plain_text")]
    sentence = next(t for t in texts if "Chi tiết tại Phụ lục 01" in t)
    assert "-%" not in sentence and " 0 nhiệm vụ" not in sentence and "là … nhiệm vụ" in sentence
