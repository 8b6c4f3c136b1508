"""Departments' contributions: request files, reading them back after Word-like tools filled them, provenance."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date

import pytest

from baocao.contributions import board as board_module
from baocao.contributions.constants import PLACEHOLDER
from baocao.contributions.merge import comparison_text, insert_paragraphs, used_sections
from baocao.contributions.reading import read_contribution
from baocao.contributions.request_doc import request_docx
from baocao.contributions.request_draft import write_request_draft
from baocao.contributions.store import Request, add_contribution, add_request, contributions
from baocao.model.richtext import Note, Para, Span
from baocao.template import load_pack
from contribution_support import fill_with_libreoffice, fill_with_python_docx
from ooxml_support import validate_docx

SECTIONS = ["nhiem-vu-cap-tren", "phoi-hop"]


@pytest.fixture
def setup(sample_draft, tmp_path):
    pack = load_pack(sample_draft.template_id)
    req = Request("YC-0A1B2C3D", "Sở Y tế", SECTIONS, date(2026, 6, 20), "2026-06-01T08:00:00", "Văn phòng")
    add_request(sample_draft, req).apply(sample_draft)
    path = tmp_path / "de-nghi.docx"
    path.write_bytes(request_docx(sample_draft, pack, req))
    return sample_draft, pack, req, path


def test_the_request_is_a_valid_docx_with_its_codes_guidance_and_places(setup):
    import docx

    draft, pack, req, path = setup
    assert validate_docx(path) == []
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert any(req.id in t for t in texts)
    assert [t for t in texts if "[mã mục:" in t] == [
        t for t in texts if t.endswith("[mã mục: nhiem-vu-cap-tren]") or t.endswith("[mã mục: phoi-hop]")]
    assert texts.count(PLACEHOLDER) == 2
    assert any(t.startswith("Gợi ý: ") for t in texts)


def test_a_request_filled_with_python_docx_comes_back_with_nothing_lost(setup, tmp_path):
    draft, pack, req, path = setup
    filled = tmp_path / "da-dien.docx"
    fill_with_python_docx(path, filled, {0: "Đã hoàn thành 19 nhiệm vụ được giao.", 1: "Phối hợp tốt với Mặt trận."},
                          "Theo Báo cáo số 12/BC-SYT ngày 10/6/2026.", [["Chỉ tiêu", "Kết quả"], ["Tiêm chủng", "98%"]],
                          before="Sở Y tế xin báo cáo như sau.")
    result = read_contribution(draft, pack, filled)
    item = result.contribution
    assert item.unit == "Sở Y tế" and item.request == req.id
    first = item.sections["nhiem-vu-cap-tren"]
    assert [p.plain_text() for p in first] == ["Đã hoàn thành 19 nhiệm vụ được giao. Kết quả tốt."]
    assert any(isinstance(s, Span) and s.bold and "Kết quả tốt." in s.text for s in first[0].content)
    notes = first[0].notes()
    assert len(notes) == 1 and notes[0].plain_text() == "Theo Báo cáo số 12/BC-SYT ngày 10/6/2026."
    assert item.tables["nhiem-vu-cap-tren"] == [[["Chỉ tiêu", "Kết quả"], ["Tiêm chủng", "98%"]]]
    assert [p.plain_text() for p in item.sections["phoi-hop"]] == ["Phối hợp tốt với Mặt trận. Kết quả tốt."]
    assert [p.plain_text() for p in item.outside] == ["Sở Y tế xin báo cáo như sau."]     # shown, never dropped
    add_contribution(draft, item).apply(draft)
    again = read_contribution(draft, pack, filled)
    assert again.duplicate_of == item.id                     # the same file a second time is recognised
    add_contribution(draft, again.contribution).apply(draft)
    assert len(contributions(draft)) == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_request_filled_through_libreoffice_comes_back_with_its_footnote(setup, tmp_path):
    draft, pack, req, path = setup
    filled = fill_with_libreoffice(path, tmp_path, "Sở Y tế đã tổ chức 12 đợt kiểm tra.", "Số liệu đến ngày 15/6.")
    item = read_contribution(draft, pack, filled).contribution
    assert item.request == req.id
    body = item.sections["nhiem-vu-cap-tren"]
    assert [p.plain_text() for p in body] == ["Sở Y tế đã tổ chức 12 đợt kiểm tra."]
    assert [n.plain_text() for n in body[0].notes()] == ["Số liệu đến ngày 15/6."]
    assert "phoi-hop" not in item.sections                   # the unit left that place as it was


def test_inserted_paragraphs_remember_their_unit_through_save_reopen_and_leave_no_trace_in_the_export(
        setup, tmp_path):
    from baocao.render import render_draft
    from baocao.storage import load_any, save_draft
    from baocao.writers.docx import build_docx

    draft, pack, req, path = setup
    filled = tmp_path / "da-dien.docx"
    fill_with_python_docx(path, filled, {0: "Đoạn một của Sở.", 1: "Đoạn hai của Sở."}, "Chú thích.", [["a", "b"]])
    item = read_contribution(draft, pack, filled).contribution
    add_contribution(draft, item).apply(draft)
    before = list(draft.section("phoi-hop").body)
    edit = insert_paragraphs(draft, "phoi-hop", item, [0], at=0, source_section="phoi-hop")
    edit.apply(draft)
    body = draft.section("phoi-hop").body
    assert body[0].origin == item.id and body[0].plain_text() == "Đoạn hai của Sở. Kết quả tốt."
    assert body[1:] == before
    assert used_sections(draft, item) == {"phoi-hop": 1}
    sent, now = comparison_text(draft, item, "phoi-hop")
    assert sent == now
    saved = tmp_path / "ban-thao.baocao"
    save_draft(draft, saved)
    reopened = load_any(saved)
    assert reopened.section("phoi-hop").body[0].origin == item.id
    assert contributions(reopened)[0].id == item.id
    data = build_docx(render_draft(reopened, pack), pack.reference_docx)
    out = tmp_path / "bao-cao.docx"
    out.write_bytes(data)
    with zipfile.ZipFile(out) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".xml"))
    assert item.id.encode() not in xml and "Đoạn hai của Sở.".encode() in xml
    edit.revert(draft)
    assert draft.section("phoi-hop").body == before


def test_the_board_after_two_of_three_units_replied(setup, tmp_path):
    draft, pack, req, path = setup
    for unit, code, deadline in (("Sở Tài chính", "YC-11111111", date(2026, 6, 10)),
                                 ("Sở Nội vụ", "YC-22222222", date(2026, 7, 30))):
        add_request(draft, Request(code, unit, ["phoi-hop"], deadline, "2026-06-01T08:00:00")).apply(draft)
    filled = tmp_path / "da-dien.docx"
    fill_with_python_docx(path, filled, {0: "Nội dung của Sở Y tế."}, "Chú thích.", [["a"]])
    add_contribution(draft, read_contribution(draft, pack, filled).contribution).apply(draft)
    other = tmp_path / "so-tai-chinh.docx"
    other.write_bytes(request_docx(draft, pack, Request("YC-11111111", "Sở Tài chính", ["phoi-hop"], None,
                                                        "2026-06-01T08:00:00")))
    fill_with_python_docx(other, other, {0: "Nội dung của Sở Tài chính."}, "Chú thích.", [["a"]])
    add_contribution(draft, read_contribution(draft, pack, other).contribution).apply(draft)
    rows = {row.unit: row for row in board_module.board(draft, today=date(2026, 6, 25))}
    assert rows["Sở Y tế"].state == board_module.SENT and rows["Sở Tài chính"].state == board_module.SENT
    assert rows["Sở Nội vụ"].state == board_module.WAITING
    assert len(rows["Sở Y tế"].unused) == 1
    late = {row.unit: row.state for row in board_module.board(draft, today=date(2026, 8, 1))}
    assert late["Sở Nội vụ"] == board_module.LATE
    text = board_module.reminders(draft, {s.id: s.title for s in pack.sections}, today=date(2026, 8, 1))
    assert "Sở Nội vụ (đã quá hạn)" in text and "30/07/2026" in text and "Sở Y tế" not in text
    assert set(board_module.unused_by_section(draft)["phoi-hop"]) == {"Sở Tài chính"}


def test_a_contribution_draft_round_trip(setup, tmp_path):
    from baocao.storage import load_any, save_draft

    draft, pack, req, path = setup
    out = tmp_path / "so-y-te.baocao"
    write_request_draft(draft, pack, req, out)
    theirs = load_any(out)
    theirs.section("phoi-hop").body = [Para([Span("Sở viết trong baocao"), Note.of("Nguồn: Sở Y tế.")])]
    theirs.section("ket-qua").body = [Para([Span("Ngoài phần được hỏi.")])]
    save_draft(theirs, out)
    item = read_contribution(draft, pack, out).contribution
    assert item.unit == "Sở Y tế" and item.kind == "baocao"
    assert item.sections["phoi-hop"][0].notes()[0].plain_text() == "Nguồn: Sở Y tế."
    assert "Ngoài phần được hỏi." in [p.plain_text() for p in item.outside]


def test_a_file_that_is_not_a_contribution_gets_a_vietnamese_message(setup, tmp_path):
    from baocao.errors import BaocaoError

    draft, pack, req, path = setup
    bad = tmp_path / "ghi-chu.txt"
    bad.write_text("xin chào", encoding="utf-8")
    with pytest.raises(BaocaoError) as info:
        read_contribution(draft, pack, bad)
    assert "không phải tệp Word" in info.value.message
    with pytest.raises(BaocaoError) as info:
        read_contribution(draft, pack, path)                   # the request sent back untouched
    assert "chưa có nội dung" in info.value.message
