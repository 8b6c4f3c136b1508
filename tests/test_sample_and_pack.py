"""The built-in pack is complete and the shipped sample fills all of it."""

from baocao.checks import check_draft
from baocao.docmodel import Paragraph, Table
from baocao.model.richtext import body_is_empty
from baocao.render import render_draft


def test_pack_has_the_standard_sections(pack):
    tops = [s.title for s in pack.top_level()]
    assert tops[0] == "MỘT SỐ KẾT QUẢ CHỦ YẾU" and tops[1] == "ĐÁNH GIÁ CHUNG"
    assert tops[2].startswith("PHƯƠNG HƯỚNG, NHIỆM VỤ")
    assert [s.title for s in pack.children("danh-gia")] == ["Ưu điểm", "Tồn tại, hạn chế"]
    assert [s.title for s in pack.children("phuong-huong")] == ["Mục tiêu tổng quát", "Nhiệm vụ cụ thể"]
    assert len(pack.children("chi-dao-theo-linh-vuc")) == 6
    assert [a.label for a in pack.appendices] == ["Phụ lục 01", "Phụ lục 02"]


def test_every_section_has_guidance(pack):
    for spec in pack.sections:
        assert spec.guidance, spec.id
        assert spec.topics, spec.id
        assert spec.example, spec.id


def test_sample_fills_every_leaf_section_and_both_tables(pack, sample_draft):
    for spec in pack.sections:
        if not spec.children and not spec.omit_if_empty:
            assert not body_is_empty(sample_draft.sections[spec.id].body), spec.id
    assert set(sample_draft.sections) == {s.id for s in pack.sections}
    assert len(sample_draft.tables["nhiem-vu-theo-don-vi"]) >= 10
    assert len(sample_draft.tables["nhiem-vu-theo-van-ban"]) >= 3
    assert [f for f in check_draft(sample_draft, pack) if f.severity == "error"] == []


def test_sample_figures_add_up_from_the_appendix(sample_document):
    table = sample_document.appendices[0].blocks[-1]
    assert table.total_row[2:] == ["2.573", "2.151", "122", "283", "17", "88,3"]   # rate of the totals, 1 decimal
    text = " ".join(b.plain_text() for b in sample_document.body if isinstance(b, Paragraph))
    assert "là 2.573 nhiệm vụ" in text
    assert "đã hoàn thành 2.273 nhiệm vụ" in text


def test_closing_sentence_ends_with_the_decree_mark(sample_document):
    assert sample_document.closing[-1].plain_text().endswith("./.")


def test_header_and_signature(sample_document):
    header = sample_document.header
    assert header.issuer_lines == ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG"]
    assert header.date_line == "Đắk Nông, ngày 05 tháng 7 năm 2021"
    assert header.draft_mark == "DỰ THẢO"
    assert header.summary.startswith("Công tác chỉ đạo, điều hành của UBND tỉnh, Chủ tịch UBND tỉnh 6 tháng đầu năm 2021")
    assert sample_document.signature.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert sample_document.recipients.entries[-1] == "Lưu: VT, TH."
    assert all(e.endswith(";") for e in sample_document.recipients.entries[:-1])


def test_appendix_rows_are_numbered_and_totalled(sample_document):
    for appendix in sample_document.appendices:
        table = next(b for b in appendix.blocks if isinstance(b, Table))
        data = [row for i, row in enumerate(table.rows) if i not in table.subtotal_rows]   # not group rows
        assert [row[0] for row in data] == [str(i) for i in range(1, len(data) + 1)]
        assert table.total_row[1] == "Tổng cộng"


def test_render_is_repeatable(pack, sample_draft):
    assert render_draft(sample_draft, pack) == render_draft(sample_draft, pack)


def test_optional_recommendations_section_takes_number_iv_only_when_written(pack, sample_draft):
    from baocao.model.serialize import parse_shorthand

    labels = [h.display_text() for h in render_draft(sample_draft, pack).headings() if h.level == 1]
    assert len(labels) == 3
    sample_draft.section("kien-nghi").body = [parse_shorthand("- Đề nghị Bộ Tài chính bổ sung kinh phí.")]
    labels = [h.display_text() for h in render_draft(sample_draft, pack).headings() if h.level == 1]
    assert labels[-1] == "IV. KIẾN NGHỊ, ĐỀ XUẤT"


def test_no_zero_padded_zero_clauses(sample_document):
    first = next(b for b in sample_document.body if isinstance(b, Paragraph) and b.section_id == "nhiem-vu-cap-tren")
    assert "00" not in first.plain_text()
    assert "chưa hoàn thành 14 nhiệm vụ, đều còn trong hạn" in first.plain_text()
