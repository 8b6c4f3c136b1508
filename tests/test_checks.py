"""Checks: required content, invalid stored values, sums that must add up, table cells, metadata."""

import pytest

from baocao.checks import check_draft
from baocao.fields import ERR_DATE, ERR_INTEGER, ERR_NUMBER, parse_field, value_problem
from baocao.template.manifest import FieldSpec


def _messages(draft, pack):
    return [f.message for f in check_draft(draft, pack)]


@pytest.mark.parametrize("raw, words", [
    ("mười chín", ERR_NUMBER), (19.5, ERR_INTEGER), (-3, "Không được nhỏ hơn 0"),
])
def test_invalid_stored_numbers_are_reported(pack, sample_draft, raw, words):
    sample_draft.section("cuoc-hop").fields["phien_hop"] = raw
    assert any("Số phiên họp" in m and words in m for m in _messages(sample_draft, pack))


def test_missing_required_field_and_empty_required_section(pack, sample_draft):
    table = sample_draft.tables["nhiem-vu-theo-van-ban"]      # no government rows: the typed figures are needed
    table[:] = [r for r in table if r.get("nguon") != "chinh-phu"]
    del sample_draft.section("nhiem-vu-cap-tren").fields["tong"]
    sample_draft.section("uu-diem").body = []
    messages = _messages(sample_draft, pack)
    assert any("chưa nhập «Tổng số nhiệm vụ" in m for m in messages)
    assert any("«Ưu điểm» chưa có nội dung" in m for m in messages)


def test_sum_rule_reports_both_sides(pack, sample_draft):
    sample_draft.section("ket-qua-nhiem-vu").fields["van_ban_di"] = 6000
    message = next(m for m in _messages(sample_draft, pack) if "Tổng số văn bản đi" in m)
    assert "6.000 ≠" in message and "= 6.336" in message


def test_table_cells_must_be_numbers(pack, sample_draft):
    sample_draft.tables["nhiem-vu-theo-don-vi"][2]["dung_han"] = "một trăm"
    assert any("Phụ lục 01, dòng 3" in m and "phải là số" in m for m in _messages(sample_draft, pack))


def test_final_document_needs_number_and_date(pack, sample_draft):
    sample_draft.meta.is_draft = False
    assert any("phải có số và ngày ban hành" in m for m in _messages(sample_draft, pack))
    sample_draft.meta.number = "152"
    assert not any("phải có số" in m for m in _messages(sample_draft, pack))


def test_form_and_checks_agree_on_valid_values():
    spec = FieldSpec("x", "X", "decimal", min=0)
    for text in ("2.573", "1.428,5", "0", "12"):
        result = parse_field(spec, text)
        assert result.ok and value_problem(spec, result.value) is None
    assert parse_field(spec, "abc").error == value_problem(spec, "abc") == ERR_NUMBER
    day = FieldSpec("d", "Ngày", "date")
    assert value_problem(day, parse_field(day, "05/7/2021").value) is None
    assert value_problem(day, "31/02/2021") == ERR_DATE
    ref = FieldSpec("r", "Văn bản", "docref")
    assert value_problem(ref, "Quyết định 42") is not None
    assert value_problem(ref, {"loai": "Quyết định", "so": "42/QĐ-UBND", "ngay": "2021-01-12"}) is None
