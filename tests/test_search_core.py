"""Find and replace in the core (no Qt): folding, options, every place of the draft, one undoable edit."""

from __future__ import annotations

import copy

import docx
import pytest
from docx2python import docx2python

from baocao.edits import SetSectionBody
from baocao.model.draft import Draft
from baocao.model.richtext import Note, Para, Span
from baocao.render import render_draft
from baocao.samples import load_sample
from baocao.search import SearchOptions, find_in_draft, find_spans, fold_text, replace_hits
from baocao.template import load_pack
from baocao.writers.docx import write_docx
from helpers import flatten

PLAIN = SearchOptions()
NO_MARKS = SearchOptions(ignore_diacritics=True)


def small_draft() -> Draft:
    """A draft with the place name in a bold span, a note, a text field, a table cell and the details."""
    draft = Draft()
    draft.meta.locality = "tỉnh Đắk Nông"
    draft.meta.place = "Đắk Nông"
    draft.meta.recipients = ["UBND tỉnh Đắk Nông", "Lưu: VT, TH"]
    body = draft.section("kinh-te-xa-hoi").body
    body.append(Para([Span("Kinh tế tỉnh "), Span("Đắk Nông", bold=True), Span(" tăng trưởng khá"),
                      Note([[Span("Theo số liệu của Cục Thống kê "), Span("Đắk Nông", italic=True)]]),
                      Span(", ổn định.", comments=("c1",))], "dash"))
    body.append(Para([Span("Không nhắc tên tỉnh.")]))
    draft.section("han-che").fields["nguyen_nhan"] = "Địa bàn Đắk Nông rộng"
    draft.section("han-che").fields["so"] = 12
    draft.tables["t1"] = [{"don_vi": "Sở Tài chính Đắk Nông", "tong": 3}, {"don_vi": "Sở Y tế", "tong": 2}]
    return draft


def test_folding_keeps_offsets_of_the_original_text():
    folded, index = fold_text("Đắk Nông", NO_MARKS)
    assert folded == "dak nong"
    assert index == list(range(8))
    nfd = "Đa\u0306\u0301k"                     # decomposed "Đắk"
    folded, index = fold_text(nfd, NO_MARKS)
    assert folded == "dak" and index == [0, 1, 4]


@pytest.mark.parametrize("query,options,expected", [
    ("Dak Nong", PLAIN, []),
    ("Dak Nong", NO_MARKS, [(5, 13)]),
    ("đắk nông", PLAIN, [(5, 13)]),
    ("đắk nông", SearchOptions(match_case=True), []),
    ("DAK", SearchOptions(match_case=True, ignore_diacritics=True), []),
    ("Đắk", SearchOptions(match_case=True), [(5, 8)]),
    ("nông", SearchOptions(whole_word=True), [(9, 13)]),
    ("nôn", SearchOptions(whole_word=True), []),
    ("nôn", PLAIN, [(9, 12)]),
])
def test_options(query, options, expected):
    assert find_spans("tỉnh Đắk Nông.", query, options) == expected


def test_whole_word_and_repeated_matches():
    text = "an an toàn, an"
    assert find_spans(text, "an", SearchOptions(whole_word=True)) == [(0, 2), (3, 5), (12, 14)]
    assert len(find_spans(text, "an", PLAIN)) == 3        # "toàn" holds "àn", not "an"
    assert len(find_spans(text, "an", NO_MARKS)) == 4
    assert find_spans("x", "", PLAIN) == [] and find_spans("", "x", PLAIN) == []


def test_finds_in_body_note_field_cell_and_details():
    draft = small_draft()
    hits = find_in_draft(draft, "Dak Nong", NO_MARKS)
    kinds = sorted(h.place.kind for h in hits)
    assert kinds == ["body", "cell", "field", "meta", "meta", "meta", "note"]
    assert find_in_draft(draft, "Dak Nong", PLAIN) == []
    assert len(find_in_draft(draft, "Đắk Nông", PLAIN)) == 7
    # numbers are figures, not text
    assert find_in_draft(draft, "12", PLAIN) == []
    body_hit = next(h for h in hits if h.place.kind == "body")
    assert body_hit.text == "Đắk Nông" and "Kinh tế tỉnh" in body_hit.context
    assert {h.group() for h in hits} == {"meta", "kinh-te-xa-hoi", "han-che", "table:t1"}


def test_replace_all_is_one_edit_keeping_bold_notes_and_comments():
    draft = small_draft()
    before = copy.deepcopy(draft)
    hits = find_in_draft(draft, "dak nong", NO_MARKS)
    edit, count = replace_hits(draft, hits, "Lâm Đồng")
    assert count == 7 and edit is not None
    edit.apply(draft)
    para = draft.section("kinh-te-xa-hoi").body[0]
    spans = [i for i in para.content if isinstance(i, Span)]
    assert [(s.text, s.bold) for s in spans if s.bold] == [("Lâm Đồng", True)]
    assert spans[-1].comments == ("c1",) and spans[-1].text == ", ổn định."
    notes = para.notes()
    assert len(notes) == 1 and isinstance(para.content[3], Note)
    assert [(s.text, s.italic) for s in notes[0].paragraphs[0]] == [
        ("Theo số liệu của Cục Thống kê ", False), ("Lâm Đồng", True)]
    assert para.kind == "dash"
    assert draft.section("han-che").fields == {"nguyen_nhan": "Địa bàn Lâm Đồng rộng", "so": 12}
    assert draft.tables["t1"][0] == {"don_vi": "Sở Tài chính Lâm Đồng", "tong": 3}
    assert (draft.meta.locality, draft.meta.place, draft.meta.recipients[0]) == (
        "tỉnh Lâm Đồng", "Lâm Đồng", "UBND tỉnh Lâm Đồng")
    assert find_in_draft(draft, "Dak Nong", NO_MARKS) == []
    edit.revert(draft)
    assert draft == before


def test_stale_hits_are_skipped_and_nothing_left_gives_no_edit():
    draft = small_draft()
    hits = find_in_draft(draft, "Đắk Nông", PLAIN)
    body_hit = next(h for h in hits if h.place.kind == "body")
    SetSectionBody.make(draft, "kinh-te-xa-hoi", [Para.of("Viết lại hoàn toàn.")]).apply(draft)
    edit, count = replace_hits(draft, hits, "X")
    assert count == 5          # the rewritten paragraph and its note are gone
    assert body_hit.place not in {h.place for h in find_in_draft(draft, "Đắk Nông", PLAIN)}
    edit.apply(draft)
    assert replace_hits(draft, hits, "X") == (None, 0)


def test_replacing_with_nothing_removes_the_words_only():
    draft = small_draft()
    hits = [h for h in find_in_draft(draft, "Đắk Nông") if h.place.kind == "body"]
    edit, _ = replace_hits(draft, hits, "")
    edit.apply(draft)
    para = draft.section("kinh-te-xa-hoi").body[0]
    assert para.plain_text() == "Kinh tế tỉnh  tăng trưởng khá, ổn định."
    assert len(para.notes()) == 1


def test_replaced_sample_exports_with_its_footnotes(tmp_path):
    """The sample after replace all, read back by python-docx and docx2python (not our code)."""
    draft = load_sample()
    pack = load_pack(draft.template_id)
    notes_before = sum(len(p.notes()) for s in draft.sections.values() for p in s.body)
    edit, count = replace_hits(draft, find_in_draft(draft, "Dak Nong", NO_MARKS), "Lâm Đồng")
    assert count >= 5
    edit.apply(draft)
    target = tmp_path / "bao-cao.docx"
    write_docx(render_draft(draft, pack), target, pack.reference_docx)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Đắk Nông" not in text and "Lâm Đồng" in text
    with docx2python(str(target)) as read:
        notes_text = [t for t in flatten(read.footnotes) if t.strip()]
    assert "Lâm Đồng" in " ".join(notes_text) and "Đắk Nông" not in " ".join(notes_text)
    assert sum(1 for t in notes_text if t.startswith("footnote")) >= notes_before
