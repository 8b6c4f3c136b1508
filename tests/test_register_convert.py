"""Issue 13 item 4: pasted citations into the register in one undoable edit; the citation inline and
the other readers of the body (checks, quick fixes, search, the annual pack's listing).  No Qt."""

from __future__ import annotations

import copy

from baocao.checks import check_draft
from baocao.checks.fixes import replace_in_inlines
from baocao.model.draft import Draft, Period
from baocao.model.richtext import Cite, Note, Para, Span
from baocao.constants import PeriodKind
from baocao.register.convert import conversion_edit, plan_conversion
from baocao.register.entries import Entry, add_entry, register_entries
from baocao.register.usage import cite_counts, pack_section_order
from baocao.render.renderer import render_draft
from baocao.samples import load_sample
from baocao.search.replace import replace_in_inlines as search_replace
from baocao.template import load_pack


def _texts(document) -> list[str]:
    body = ["".join(getattr(i, "text", "") for i in getattr(b, "inlines", [])) for b in document.body]
    return body + ["".join(t.text for p in f.paragraphs for t in p) for f in document.footnotes]


def _pasted() -> tuple[Draft, object]:
    draft = load_sample()
    pack = load_pack(draft.template_id)
    draft.section("nhiem-vu-cap-tren").body.insert(0, Para([
        Span("Thực hiện Kế hoạch số 77/KH-UBND ngày 05/02/2021 của UBND tỉnh về chuyển đổi số năm 2021; "),
        Span("đậm", bold=True),
        Note([[Span("Xem thêm Quyết định số 88/QĐ-UBND ngày 09/3/2021 của UBND tỉnh.")]])]))
    draft.section("ket-qua-nhiem-vu").body.insert(0, Para([Span("Riêng Kế hoạch số 77/KH-UBND đã hoàn thành.")]))
    return draft, pack


def test_plan_finds_each_document_once_and_reuses_register_entries():
    draft, pack = _pasted()
    add_entry(draft, Entry("vb-88", "Quyết định", "88", "QĐ-UBND", "2021-03-09", "UBND tỉnh")).apply(draft)
    plan = plan_conversion(draft, pack_section_order(pack))
    kh = [p for p in plan.proposals if p.text.startswith("Kế hoạch số 77")]
    assert [p.text for p in kh] == ["Kế hoạch số 77/KH-UBND ngày 05/02/2021 của UBND tỉnh về chuyển đổi số năm 2021",
                                    "Kế hoạch số 77/KH-UBND"]
    assert kh[0].entry_id == kh[1].entry_id and kh[0].is_new
    new = next(e for e in plan.new_entries if e.id == kh[0].entry_id)
    assert (new.number_symbol, new.date, new.issuer, new.summary) == ("77/KH-UBND", "2021-02-05", "UBND tỉnh",
                                                                      "chuyển đổi số năm 2021")
    qd = next(p for p in plan.proposals if p.text.startswith("Quyết định số 88"))
    assert qd.entry_id == "vb-88" and not qd.is_new and qd.note == 0


def test_conversion_is_one_undoable_edit_and_the_report_reads_the_same():
    draft, pack = _pasted()
    before_text = _texts(render_draft(draft, pack))
    before = copy.deepcopy(draft)
    plan = plan_conversion(draft, pack_section_order(pack))
    chosen = [i for i, p in enumerate(plan.proposals) if "77/KH-UBND" in p.text]
    edit = conversion_edit(draft, plan, chosen)
    edit.apply(draft)
    kh = next(e for e in register_entries(draft) if e.number == "77")
    assert cite_counts(draft)[kh.id] == 2
    assert draft.section("ket-qua-nhiem-vu").body[0].content == [Span("Riêng "), Cite(kh.id),
                                                                 Span(" đã hoàn thành.")]
    assert _texts(render_draft(draft, pack)) == before_text     # full first, short after: as the drafter wrote
    assert Span("đậm", bold=True) in draft.section("nhiem-vu-cap-tren").body[0].content
    edit.revert(draft)
    assert draft.sections == before.sections and draft.extras == before.extras


def test_nothing_chosen_gives_no_edit_and_split_citations_are_left_alone():
    draft = Draft()
    draft.section("a").body = [Para([Span("Quyết định số 12/"), Span("QĐ-UBND", bold=True)])]
    plan = plan_conversion(draft)
    assert plan.proposals == []      # a citation split by formatting is not taken half-way
    assert conversion_edit(draft, plan, []) is None


def test_register_citations_are_correct_by_construction_for_the_checks():
    draft = load_sample()
    pack = load_pack(draft.template_id)
    before = sorted((f.rule, f.message) for f in check_draft(draft, pack))
    draft.section("kinh-te-xa-hoi").body.insert(0, Para([Span("Theo "), Cite("vb-qd240-ubnd"),
                                                         Span(", các sở đã giao chỉ tiêu cho từng đơn vị.")]))
    draft.section("cuoc-hop").body.insert(0, Para([Span("Tiếp tục thực hiện "), Cite("vb-qd240-ubnd"), Span(".")]))
    assert sorted((f.rule, f.message) for f in check_draft(draft, pack)) == before


def test_quick_fix_and_search_replace_keep_citations_as_one_character():
    content = [Span("Theo "), Cite("x"), Span(" các  sở")]
    fixed = replace_in_inlines(content, 10, 2, " ")           # "Theo " (5) + the citation (1) + " các" (4)
    assert fixed == [Span("Theo "), Cite("x"), Span(" các sở")]
    assert replace_in_inlines(content, 4, 3, "") is None      # would cut the citation: refused
    replaced = search_replace(content, [(7, 10)], "những")
    assert replaced == [Span("Theo "), Cite("x"), Span(" những  sở")]


def test_the_annual_pack_lists_the_documents_issued_in_the_period_in_a_footnote():
    pack = load_pack("bao-cao-nam")
    draft = Draft(template_id="bao-cao-nam")
    draft.meta.period = Period(PeriodKind.WHOLE_YEAR, 2025)
    draft.section("chuong-trinh-cong-tac").fields = {"van_ban_di": 1200, "phien_hop": 12}
    for entry in (Entry("b", "Kế hoạch", "20", "KH-UBND", "2025-03-05", "UBND tỉnh", "chuyển đổi số"),
                  Entry("a", "Quyết định", "10", "QĐ-UBND", "2025-01-08", "UBND tỉnh", "ban hành Chương trình công tác"),
                  Entry("old", "Quyết định", "99", "QĐ-UBND", "2024-12-30", "UBND tỉnh", "giao chỉ tiêu")):
        add_entry(draft, entry).apply(draft)
    notes = [" ".join(t.text for p in f.paragraphs for t in p) for f in render_draft(draft, pack).footnotes]
    listing = next(n for n in notes if n.startswith("Các văn bản trong danh mục"))
    assert listing.endswith("Quyết định số 10/QĐ-UBND ngày 08/01/2025 của UBND tỉnh ban hành Chương trình công tác; "
                            "Kế hoạch số 20/KH-UBND ngày 05/3/2025 của UBND tỉnh về chuyển đổi số.")
    assert "99/QĐ-UBND" not in listing
    draft.extras.clear()
    assert not any(n.startswith("Các văn bản trong danh mục") for n in
                   [" ".join(t.text for p in f.paragraphs for t in p) for f in render_draft(draft, pack).footnotes])
