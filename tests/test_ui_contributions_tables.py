"""The Đóng góp dock with a unit's tables: listed as one line each; «Chèn cả phần» puts the one with Phụ lục 01's
columns into that table and keeps the other cell by cell in «Nội dung chưa xếp mục» — one undo step."""

from __future__ import annotations

from datetime import date

from ui_support import make_window, message_boxes, sample_session  # noqa: F401 - fixture

from baocao.contributions.request_doc import request_docx
from baocao.contributions.store import Request, add_request, contributions
from baocao.importing import UNPLACED_ID
from contribution_support import fill_with_python_docx

SECTION = "nhiem-vu-cap-tren"
TABLE = "nhiem-vu-theo-don-vi"


def test_insert_all_sends_the_table_to_the_appendix_and_undo_takes_it_back(qtbot, tmp_path, message_boxes):
    window = make_window(qtbot, tmp_path, sample_session())
    draft, pack = window.session.draft, window.session.pack
    req = Request("YC-0A1B2C3D", "Sở Thử nghiệm", [SECTION], date(2026, 6, 20), "2026-06-01T08:00:00", "Văn phòng")
    window.controller.push(add_request(draft, req))
    request = tmp_path / "de-nghi.docx"
    request.write_bytes(request_docx(draft, pack, req))
    columns = [c for c in pack.tables[TABLE].columns if not c.computed]
    grid = [[c.group or c.header for c in columns], [c.header for c in columns],
            ["Sở Thử nghiệm", "4", "1", "2", "0"]]
    filled = tmp_path / "gui-lai.docx"
    fill_with_python_docx(request, filled, {0: "Sở đã hoàn thành các nhiệm vụ được giao."}, "Chú thích.", grid)
    assert window.contributions.control.import_file(str(filled), confirm=False)
    [item] = contributions(draft)
    window.select(SECTION)
    panel = window.contributions.panel
    qtbot.waitUntil(lambda: panel.paragraphs.count() == 2, timeout=3000)
    assert panel.paragraphs.item(1).text().startswith("[Bảng của đơn vị: 3 dòng, 5 cột")
    rows_before = list(draft.tables[TABLE])
    panel.insert_all.click()
    rows = {r.get("don_vi"): r for r in draft.tables[TABLE]}
    assert rows["Sở Thử nghiệm"]["dung_han"] == 4 and len(draft.tables[TABLE]) == len(rows_before) + 1
    assert any(p.origin == item.id for p in draft.section(SECTION).body)
    assert UNPLACED_ID not in draft.sections and message_boxes.shown == []
    assert panel.grab().save(str(tmp_path / "dong-gop-bang.png"))
    window.controller.undo_stack.undo()
    assert draft.tables[TABLE] == rows_before and not any(p.origin for p in draft.section(SECTION).body)
