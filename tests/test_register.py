"""Issue 13 item 4: the document register — entries, citation wording, parsing, the citation inline.

Core only (no Qt).  Export checks read the .docx back with docx2python and the Open XML SDK
validator; the CLI runs as a separate process.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from docx2python import docx2python
from helpers import flatten, run_cli
from ooxml_support import validate_docx

from baocao.edits import SetSectionBody
from baocao.errors import DraftDataError
from baocao.model.draft import Draft
from baocao.model.richtext import Cite, Note, Para, Span
from baocao.model.serialize import body_from_list, body_to_list, draft_from_dict, draft_to_dict
from baocao.register.constants import EXTRA_NAME, MISSING_TEXT
from baocao.register.entries import (
    Entry, RegisterError, add_entry, entries_by_id, register_entries, remove_entry, update_entry,
)
from baocao.register.parsing import find_citations, parse_citation
from baocao.register.usage import cite_counts
from baocao.register.wording import full_form, short_form, summary_phrase
from baocao.render.renderer import render_draft
from baocao.samples import load_sample, sample_path
from baocao.template import load_pack
from baocao.writers.docx import write_docx

QD42 = Entry("vb-qd42", "Quyết định", "42", "QĐ-UBND", "2021-01-12", "UBND tỉnh",
             "ban hành Chương trình công tác của UBND tỉnh năm 2021")
FULL_42 = "Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác của UBND tỉnh năm 2021"
SHORT_42 = "Quyết định số 42/QĐ-UBND"


def _draft_citing_twice() -> tuple[Draft, object]:
    """The sample with QĐ 42 in the register, cited in the first section and again in a later footnote."""
    draft = load_sample()
    pack = load_pack(draft.template_id)
    add_entry(draft, QD42).apply(draft)
    first = draft.section("nhiem-vu-cap-tren")
    first.body.insert(0, Para([Span("Thực hiện "), Cite("vb-qd42"), Span(", các sở đã triển khai.")]))
    later = draft.section("ket-qua-nhiem-vu")
    later.body.insert(0, Para([Span("Kết quả theo Chương trình công tác"),
                               Note([[Span("Chi tiết tại "), Cite("vb-qd42"), Span(".")]]), Span(".")]))
    return draft, pack


def _texts(document) -> tuple[list[str], list[str]]:
    body = ["".join(getattr(i, "text", "") for i in getattr(b, "inlines", [])) for b in document.body]
    notes = ["".join(t.text for p in f.paragraphs for t in p) for f in document.footnotes]
    return body, notes


# ---------------------------------------------------------------- wording
def test_full_and_short_forms():
    assert full_form(QD42) == FULL_42
    assert short_form(QD42) == SHORT_42
    assert full_form(QD42, "dd/mm/yyyy").startswith("Quyết định số 42/QĐ-UBND ngày 12/01/2021")
    may = Entry("x", "Công văn", "2515", "UBND-KTTH", "2021-05-04", "UBND tỉnh", "triển khai nhiệm vụ năm 2021")
    assert full_form(may) == "Công văn số 2515/UBND-KTTH ngày 04/5/2021 của UBND tỉnh triển khai nhiệm vụ năm 2021"
    bare = Entry("y", "Nghị quyết", "161", "2021/QH14")
    assert full_form(bare) == short_form(bare) == "Nghị quyết số 161/2021/QH14"


def test_summary_gets_ve_unless_it_has_its_own_verb():
    assert summary_phrase("Kế hoạch phát triển rừng năm 2021") == "về Kế hoạch phát triển rừng năm 2021"
    assert summary_phrase("Ban hành Quy chế") == "ban hành Quy chế"
    assert summary_phrase("Về việc giao chỉ tiêu") == "về việc giao chỉ tiêu"
    assert summary_phrase("phê duyệt Chiến lược.") == "phê duyệt Chiến lược"
    assert summary_phrase("") == ""


# ---------------------------------------------------------------- parsing
@pytest.mark.parametrize("text, expected", [
    ("Quyết định số 12/QĐ-UBND ngày 05/01/2021 của UBND tỉnh về việc giao kế hoạch vốn",
     ("Quyết định", "12", "QĐ-UBND", "2021-01-05", "UBND tỉnh", "về việc giao kế hoạch vốn")),
    ("Kế hoạch số 106/KH-UBND ngày 03/3/2021 về phòng, chống hạn hán mùa khô năm 2021",
     ("Kế hoạch", "106", "KH-UBND", "2021-03-03", "", "phòng, chống hạn hán mùa khô năm 2021")),
    ("Chỉ thị số 07/CT-TTg ngày 17/3/2021 của Thủ tướng Chính phủ",
     ("Chỉ thị", "07", "CT-TTg", "2021-03-17", "Thủ tướng Chính phủ", "")),
    ("Nghị quyết số 161/2021/QH14", ("Nghị quyết", "161", "2021/QH14", "", "", "")),
    ("Công văn số 2515/UBND-KTTH ngày 24 tháng 5 năm 2021 của UBND tỉnh",
     ("Công văn", "2515", "UBND-KTTH", "2021-05-24", "UBND tỉnh", "")),
    ("Quyết định số 42/QĐ-UBND ngày 31/02/2021", ("Quyết định", "42", "QĐ-UBND", "", "", "")),  # no such day
])
def test_parse_citation(text, expected):
    entry = parse_citation(text)
    assert entry is not None
    assert (entry.type, entry.number, entry.symbol, entry.date, entry.issuer, entry.summary) == expected


def test_find_citations_gives_exact_spans_and_nothing_in_plain_prose():
    text = ("UBND tỉnh ban hành Kế hoạch số 26/KH-UBND ngày 15/01/2021 (08 nhóm nhiệm vụ); "
            "thực hiện Quyết định số 42/QĐ-UBND.")
    found = find_citations(text)
    assert [text[f.start:f.end] for f in found] == ["Kế hoạch số 26/KH-UBND ngày 15/01/2021", "Quyết định số 42/QĐ-UBND"]
    assert [f.is_full for f in found] == [True, False]
    assert find_citations("Số nhiệm vụ đã hoàn thành là 19; quyết định sớm.") == []
    assert parse_citation("không có trích dẫn nào") is None


# ---------------------------------------------------------------- entries and edits
def test_register_edits_are_undoable_and_stored_in_extras():
    draft = Draft()
    add = add_entry(draft, QD42)
    add.apply(draft)
    assert register_entries(draft) == [QD42]
    assert draft.extras[EXTRA_NAME]["version"] == 1
    renamed = Entry(QD42.id, "Quyết định", "43", "QĐ-UBND", "2021-01-12", "UBND tỉnh", "về việc khác")
    rename = update_entry(draft, renamed)
    rename.apply(draft)
    assert entries_by_id(draft)[QD42.id].number == "43"
    rename.revert(draft)
    assert entries_by_id(draft)[QD42.id] == QD42
    remove = remove_entry(draft, QD42.id)
    remove.apply(draft)
    assert register_entries(draft) == []
    remove.revert(draft)
    add.revert(draft)
    assert EXTRA_NAME not in draft.extras


@pytest.mark.parametrize("entry, words", [
    (Entry("a", "", "42"), "loại văn bản"),
    (Entry("a", "Quyết định", " "), "số"),
    (Entry("a", "Quyết định", "42", "QĐ-UBND", "12/01/2021"), "Ngày"),
])
def test_bad_entries_are_refused_in_vietnamese(entry, words):
    with pytest.raises(RegisterError) as caught:
        add_entry(Draft(), entry)
    assert words in caught.value.message and caught.value.hint


def test_number_with_symbol_typed_in_one_box_is_split():
    draft = Draft()
    add_entry(draft, Entry("a", "Quyết định", "42/QĐ-UBND")).apply(draft)
    assert register_entries(draft)[0].number_symbol == "42/QĐ-UBND"
    assert register_entries(draft)[0].symbol == "QĐ-UBND"


def test_damaged_register_values_are_skipped_not_fatal():
    draft = Draft()
    draft.extras[EXTRA_NAME] = {"entries": [{"id": "ok", "type": "Kế hoạch", "number": "26"}, {"type": "x"}, "junk",
                                            {"id": "ok", "type": "Quyết định", "number": "1"}]}
    assert [e.id for e in register_entries(draft)] == ["ok"]
    draft.extras[EXTRA_NAME] = ["not", "a", "dict"]
    assert register_entries(draft) == []


# ---------------------------------------------------------------- the inline in the draft file
def test_cite_round_trips_in_paragraphs_and_notes():
    body = [Para([Span("Theo "), Cite("vb-1"), Note([[Span("Xem "), Cite("vb-2")]])], "dash")]
    data = body_to_list(body)
    assert data[0]["content"][1] == {"cite": "vb-1"}
    assert data[0]["content"][2] == {"note": [[{"text": "Xem "}, {"cite": "vb-2"}]]}
    assert body_from_list(json.loads(json.dumps(data))) == body
    draft = load_sample()
    assert draft_from_dict(json.loads(json.dumps(draft_to_dict(draft), default=str))).sections == draft.sections


def test_old_drafts_without_citations_load_and_bad_citations_are_refused():
    assert body_from_list([{"kind": "text", "content": [{"text": "x"}]}]) == [Para([Span("x")])]
    with pytest.raises(DraftDataError) as caught:
        body_from_list([{"kind": "text", "content": [{"cite": ""}]}])
    assert "trích dẫn" in caught.value.message


def test_a_paragraph_holding_only_a_citation_is_not_blank():
    assert not Para([Cite("x")]).is_blank()
    assert Note([[Span("a"), Cite("x")]]).plain_text() == "a"


# ---------------------------------------------------------------- rendering
def test_first_citation_full_then_short_in_document_order_footnotes_included():
    draft, pack = _draft_citing_twice()
    body, notes = _texts(render_draft(draft, pack))
    first = next(t for t in body if t.startswith("Thực hiện "))
    assert first == f"Thực hiện {FULL_42}, các sở đã triển khai."
    assert f"Chi tiết tại {SHORT_42}." in notes
    assert sum(t.count(FULL_42) for t in body + notes) == 1


def test_moving_text_recomputes_which_citation_is_full():
    draft, pack = _draft_citing_twice()
    SetSectionBody.make(draft, "nhiem-vu-cap-tren", draft.section("nhiem-vu-cap-tren").body[1:]).apply(draft)
    body, notes = _texts(render_draft(draft, pack))
    assert f"Chi tiết tại {FULL_42}." in notes          # the footnote is now the first citation
    assert not any(SHORT_42 + "," in t for t in body)


def test_renaming_a_document_changes_every_citation():
    draft, pack = _draft_citing_twice()
    update_entry(draft, Entry(QD42.id, "Quyết định", "45", "QĐ-UBND", "2021-01-15", "Chủ tịch UBND tỉnh",
                              "về việc ban hành Chương trình công tác năm 2021")).apply(draft)
    body, notes = _texts(render_draft(draft, pack))
    joined = "\n".join(body + notes)
    assert "Quyết định số 45/QĐ-UBND ngày 15/01/2021 của Chủ tịch UBND tỉnh về việc ban hành" in joined
    assert "Chi tiết tại Quyết định số 45/QĐ-UBND." in notes
    assert "42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác của UBND tỉnh" not in joined


def test_a_citation_of_a_removed_document_says_so():
    draft, pack = _draft_citing_twice()
    remove_entry(draft, QD42.id).apply(draft)
    body, _ = _texts(render_draft(draft, pack))
    assert f"Thực hiện {MISSING_TEXT}, các sở đã triển khai." in body


def test_export_reads_back_full_then_short_and_is_valid(tmp_path):
    draft, pack = _draft_citing_twice()
    out = tmp_path / "van-ban.docx"
    write_docx(render_draft(draft, pack), out)
    with docx2python(out) as read:
        body = [t for t in flatten(read.body) if t.strip()]
        notes = " ".join(t for t in flatten(read.footnotes) if t.strip())
    first = next(i for i, t in enumerate(body) if "Thực hiện Quyết định số 42" in t)
    assert FULL_42 in body[first]
    assert f"Chi tiết tại {SHORT_42}." in notes
    assert FULL_42 not in notes
    assert validate_docx(out) == []


# ---------------------------------------------------------------- the sample and the CLI
def test_the_sample_cites_its_register_and_renders_as_before():
    draft = load_sample()
    counts = cite_counts(draft)
    assert counts["vb-tb371-vpubnd"] == 2 and len(register_entries(draft)) == 4
    body, notes = _texts(render_draft(draft, load_pack(draft.template_id)))
    tb = "Thông báo số 371/TB-VPUBND ngày 14/4/2021 của Văn phòng UBND tỉnh thông báo kết luận"
    assert sum(n.count(tb) for n in notes) == 1
    assert any(n.startswith("Như Thông báo số 371/TB-VPUBND về kết luận") for n in notes)


def test_cli_register_lists_entries_with_citation_counts():
    run = run_cli("register", str(sample_path()), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    by_id = {e["id"]: e for e in data["entries"]}
    assert by_id["vb-tb371-vpubnd"]["cited"] == 2
    assert by_id["vb-qd240-ubnd"]["short"] == "Quyết định số 240/QĐ-UBND"
    assert by_id["vb-qd240-ubnd"]["full"] == ("Quyết định số 240/QĐ-UBND ngày 08/02/2021 của Chủ tịch UBND tỉnh về "
                                              "Kế hoạch phát triển rừng năm 2021 (đợt 1)")
    assert data["citations"] == 5 and data["missing"] == []
    text = run_cli("register", str(sample_path()))
    assert text.returncode == 0 and "4 văn bản, 5 chỗ trích dẫn" in text.stdout and "trích 2 lần" in text.stdout


def test_cli_register_reports_a_missing_file_in_vietnamese(tmp_path):
    run = run_cli("register", str(tmp_path / "khong-co.baocao"))
    assert run.returncode == 2 and "Lỗi" in run.stderr and "Traceback" not in run.stderr


def test_cli_register_lists_citations_of_documents_not_in_the_register(tmp_path):
    draft = load_sample()
    remove_entry(draft, "vb-tb371-vpubnd").apply(draft)
    path = tmp_path / "thieu.json"
    path.write_text(json.dumps(draft_to_dict(draft), ensure_ascii=False, default=str), encoding="utf-8")
    data = json.loads(run_cli("register", str(path), "--json").stdout)
    assert data["missing"] == [{"id": "vb-tb371-vpubnd", "cited": 2}]
    assert "không còn trong danh mục" in run_cli("register", str(path)).stdout


def test_register_dates_are_real_dates():
    assert QD42.day == date(2021, 1, 12)
    assert Entry("x", "Quyết định", "1", date="2021-13-01").day is None


def test_citations_and_register_survive_the_draft_file(tmp_path):
    from baocao.storage import load_any
    from baocao.storage.draftfile import save_draft

    draft, _ = _draft_citing_twice()
    path = tmp_path / "trich-dan.baocao"
    save_draft(draft, path)
    again = load_any(path)
    assert again.sections == draft.sections
    assert register_entries(again) == register_entries(draft) and cite_counts(again)[QD42.id] == 2


@pytest.mark.parametrize("text, cited, summary", [
    # a comma that opens a new clause ends the summary; the rest of the sentence stays the drafter's text
    ("Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác năm 2021, gồm 94 nhiệm vụ",
     "Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác năm 2021",
     "ban hành Chương trình công tác năm 2021"),
    ("Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ về nhiệm vụ, giải pháp chủ yếu năm 2021, UBND tỉnh ban hành",
     "Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ về nhiệm vụ, giải pháp chủ yếu năm 2021",
     "nhiệm vụ, giải pháp chủ yếu năm 2021"),
    # another document named inside: it is a citation of its own, the joining word stays in the text
    ("Quyết định số 43/QĐ-UBND ngày 12/01/2021 của UBND tỉnh về thực hiện Nghị quyết Đại hội lần thứ XII và "
     "Nghị quyết số 110/NQ-HĐND", "Quyết định số 43/QĐ-UBND ngày 12/01/2021 của UBND tỉnh về thực hiện Nghị quyết "
     "Đại hội lần thứ XII", "thực hiện Nghị quyết Đại hội lần thứ XII"),
])
def test_a_summary_never_swallows_the_rest_of_the_sentence(text, cited, summary):
    from baocao.register.parsing import find_citations

    first = find_citations(text)[0]
    assert text[first.start:first.end] == cited
    assert first.entry.summary == summary


def test_converting_the_sample_keeps_every_sentence_tail_in_the_text():
    """«Đưa các văn bản được trích vào danh mục» on the sample: the report reads as before, except later mentions
    in the short form (and a comma before a summary) — no clause of the drafter's hidden inside a citation."""
    import difflib

    from baocao.register.convert import conversion_edit, plan_conversion
    from baocao.render import render_draft
    from baocao.samples import load_sample
    from baocao.template import load_pack

    draft = load_sample()
    pack = load_pack(draft.template_id)

    def words():
        return " ".join(p.plain_text() for p in render_draft(draft, pack).body if hasattr(p, "plain_text")).split()

    before = words()
    plan = plan_conversion(draft)
    assert len(plan.proposals) >= 25
    conversion_edit(draft, plan).apply(draft)
    after = words()
    changes = [(before[a1:a2], after[b1:b2]) for op, a1, a2, b1, b2 in
               difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes() if op != "equal"]
    assert all(len(old) <= 4 and len(new) <= 4 for old, new in changes), changes


def test_a_number_still_being_typed_is_not_offered_as_a_new_document():
    from baocao.model.richtext import Para
    from baocao.register.convert import plan_conversion
    from baocao.samples import load_sample

    draft = load_sample()
    draft.section("uu-diem").body = [Para.of("Theo Quyết định số 4")]
    plan = plan_conversion(draft)
    assert "Quyết định số 4" not in [p.text for p in plan.proposals]
    assert all(e.symbol or e.date for e in plan.new_entries)
