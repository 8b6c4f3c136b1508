"""A table in a unit's contribution (issue 13 item 6): into the appendix table whose columns it matches, else kept
cell by cell in «Nội dung chưa xếp mục» after a note — never flattened into «ô; ô; ô» paragraphs of the section.

The contribution is a request .docx filled with python-docx (a tool we did not write), read back by our reader.
"""

from __future__ import annotations

import copy
from datetime import date

from baocao.contributions.merge import insert_paragraphs, source_paragraphs
from baocao.contributions.reading import read_contribution
from baocao.contributions.request_doc import request_docx
from baocao.contributions.store import Request, add_contribution, add_request
from baocao.drafts import new_draft
from baocao.importing import UNPLACED_ID
from baocao.template import load_pack
from contribution_support import fill_with_python_docx

SECTION = "nhiem-vu-cap-tren"
TABLE = "nhiem-vu-theo-don-vi"


def _appendix_grid(pack) -> list[list[str]]:
    """Phụ lục 01's typed columns under their two-row header, as a unit would copy it, and two units' rows."""
    columns = [c for c in pack.tables[TABLE].columns if not c.computed]
    groups = [c.group or c.header for c in columns]
    leaves = [c.header for c in columns]
    rows = [["Sở Y tế", "10", "2", "3", "1"], ["Sở Tài chính", "7", "0", "1", "0"]]
    return [groups, leaves] + rows


def _contribution(tmp_path, table: list[list[str]]):
    pack = load_pack("bao-cao-6-thang")
    draft = new_draft(pack)
    req = Request("YC-0A1B2C3D", "Sở Y tế", [SECTION], date(2026, 6, 20), "2026-06-01T08:00:00", "Văn phòng")
    add_request(draft, req).apply(draft)
    request = tmp_path / "de-nghi.docx"
    request.write_bytes(request_docx(draft, pack, req))
    filled = tmp_path / "gui-lai.docx"
    fill_with_python_docx(request, filled, {0: "Sở đã hoàn thành phần lớn nhiệm vụ."}, "Số liệu đến 15/6.", table)
    item = read_contribution(draft, pack, filled).contribution
    add_contribution(draft, item).apply(draft)
    return pack, draft, item


def test_a_table_with_the_appendix_columns_fills_the_appendix_table(tmp_path):
    pack, draft, item = _contribution(tmp_path, _appendix_grid(load_pack("bao-cao-6-thang")))
    draft.tables[TABLE] = [{"don_vi": "Sở Y tế"}]               # the name column a new period starts with
    listed = [p.plain_text() for p in source_paragraphs(item, SECTION)]
    assert listed[0].startswith("Sở đã hoàn thành") and listed[1].startswith("[Bảng của đơn vị: 4 dòng, 5 cột")
    before = copy.deepcopy(draft)
    edit = insert_paragraphs(draft, SECTION, item, pack=pack)
    edit.apply(draft)
    rows = {r["don_vi"]: r for r in draft.tables[TABLE]}
    assert rows["Sở Y tế"] == {"don_vi": "Sở Y tế", "dung_han": 10, "qua_han_hoan_thanh": 2, "trong_han": 3,
                               "qua_han_chua": 1}
    assert rows["Sở Tài chính"]["dung_han"] == 7 and len(rows) == 2
    body = [p.plain_text() for p in draft.sections[SECTION].body]
    assert body[0].startswith("Sở đã hoàn thành") and not any("Sở Tài chính" in t for t in body)
    assert UNPLACED_ID not in draft.sections
    edit.revert(draft)                                            # one step: text and table back together
    assert draft.tables == before.tables and draft.sections[SECTION].body == before.sections[SECTION].body


def test_another_table_is_kept_cell_by_cell_in_unplaced_with_a_note(tmp_path):
    grid = [["Chỉ tiêu", "Kết quả", "Ghi chú"], ["Tiêm chủng", "98%", "vượt kế hoạch; đạt sớm"]]
    pack, draft, item = _contribution(tmp_path, grid)
    index = len(item.sections[SECTION])                           # the table's entry, after the paragraphs
    edit = insert_paragraphs(draft, SECTION, item, [index], pack=pack)
    edit.apply(draft)
    assert not draft.sections[SECTION].body                       # nothing flattened into the section
    unplaced = draft.sections[UNPLACED_ID].body
    texts = [p.plain_text() for p in unplaced]
    assert "Sở Y tế" in texts[0] and "không khớp bảng phụ lục" in texts[0] and unplaced[0].content[0].italic
    assert texts[1:] == ["Chỉ tiêu | Kết quả | Ghi chú", "Tiêm chủng | 98% | vượt kế hoạch; đạt sớm"]
    assert all(p.origin == item.id for p in unplaced)             # "who wrote this" still answers
    assert edit.label.endswith("1 bảng của Sở Y tế")
    edit.revert(draft)
    assert UNPLACED_ID not in draft.sections


def test_choosing_only_paragraphs_leaves_the_table_alone(tmp_path):
    pack, draft, item = _contribution(tmp_path, [["a", "b"], ["1", "2"]])
    edit = insert_paragraphs(draft, SECTION, item, [0], pack=pack)
    edit.apply(draft)
    assert [p.plain_text() for p in draft.sections[SECTION].body][0].startswith("Sở đã hoàn thành")
    assert UNPLACED_ID not in draft.sections and not draft.tables.get(TABLE)


def test_without_the_pack_a_table_is_never_lost(tmp_path):
    _pack, draft, item = _contribution(tmp_path, _appendix_grid(load_pack("bao-cao-6-thang")))
    insert_paragraphs(draft, SECTION, item).apply(draft)               # no pack to match: kept unplaced
    assert any("Sở Tài chính" in p.plain_text() for p in draft.sections[UNPLACED_ID].body)
