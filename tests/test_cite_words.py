"""Issue 13 item 4 leftovers, headless: search, replace and compare read a citation as its words.

A citation is one object in the draft but the reader of the report reads its words; find finds
them, a replace never cuts through them (it says how many it left alone), compare and the
comparison copy in Word show them, and a renamed document shows as a change of wording.
The comparison .docx is checked by Microsoft's validator and read back by pandoc.
"""

from __future__ import annotations

import copy
import subprocess

import pytest
from ooxml_support import validate_docx

from baocao.model.richtext import Cite, Note, Para, Span
from baocao.register.entries import Entry, add_entry, entries_by_id, update_entry
from baocao.register.listing import period_note
from baocao.register.usage import cite_counts
from baocao.review.compare import TEXT, compare_drafts
from baocao.review.docx_tracked import export_tracked
from baocao.samples import load_sample
from baocao.search import find_in_draft, plan_replace, replace_hits
from baocao.template import load_pack

QD42 = Entry("vb-cw-qd42", "Quyết định", "42", "QĐ-UBND", "2021-01-12", "UBND tỉnh",
             "ban hành Chương trình công tác của UBND tỉnh năm 2021")
FULL = "Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác của UBND tỉnh năm 2021"
SHORT = "Quyết định số 42/QĐ-UBND"
RENAMED = Entry(QD42.id, "Quyết định", "45", "QĐ-UBND", "2021-01-15", "Chủ tịch UBND tỉnh",
                "ban hành Chương trình công tác năm 2021")
SECTION = "uu-diem"
LATER = "han-che"


@pytest.fixture
def cited():
    """The sample with QĐ 42 in the register, cited in a footnote of SECTION first, then in LATER's body."""
    draft = load_sample()
    add_entry(draft, QD42).apply(draft)
    draft.section(SECTION).body.append(Para([Span("Theo chương trình"),
                                             Note([[Span("Xem "), Cite(QD42.id), Span(".")]]), Span(".")]))
    draft.section(LATER).body.append(Para([Span("Theo "), Cite(QD42.id), Span(", các sở triển khai.")]))
    return draft, load_pack(draft.template_id)


def _order(pack) -> list[str]:
    from baocao.register.usage import pack_section_order

    return pack_section_order(pack)


def _pandoc(path, mode: str = "accept") -> str:
    pypandoc = pytest.importorskip("pypandoc")
    return subprocess.run([pypandoc.get_pandoc_path(), f"--track-changes={mode}", "-t", "plain", "--wrap=none",
                           str(path)], check=True, capture_output=True, text=True, timeout=120).stdout


# ---------------------------------------------------------------- search
def test_find_matches_a_citations_words_and_knows_its_place_in_the_editor(cited):
    draft, pack = cited
    hits = [h for h in find_in_draft(draft, "số 42/QĐ-UBND", sections=_order(pack))
            if h.place.section in (SECTION, LATER)]
    assert [(h.place.kind, h.place.section) for h in hits] == [("note", SECTION), ("body", LATER)]
    assert all(h.in_cite for h in hits)
    assert hits[0].editor_range() == (4, 5)                 # the note's "Xem " then the token
    assert SHORT in hits[1].context
    summary = find_in_draft(draft, "Chương trình công tác của UBND tỉnh năm 2021", sections=_order(pack))
    assert [h.place.kind for h in summary if h.place.section == SECTION] == ["note"]   # the full form there
    after = [h for h in find_in_draft(draft, "các sở triển khai", sections=_order(pack)) if h.place.section == LATER]
    assert after[0].start == len("Theo " + SHORT + ", ") and after[0].editor_range() == (8, 25)
    assert not after[0].in_cite


def test_a_replace_never_cuts_through_a_citation_and_says_how_many_it_skipped(cited):
    draft, pack = cited
    order = _order(pack)
    hits = find_in_draft(draft, "42/QĐ-UBND", sections=order)
    typed = [h for h in hits if not h.in_cite]                 # the sample types "Quyết định số 42/QĐ-UBND" too
    plan = plan_replace(draft, hits, "43/QĐ-UBND", order)
    assert plan.skipped == 2 and plan.count == len(typed) >= 1
    plan.edit.apply(draft)
    later = draft.section(LATER).body[-1].content
    assert later == [Span("Theo "), Cite(QD42.id), Span(", các sở triển khai.")]
    assert draft.section(SECTION).body[-1].notes()[0].paragraphs[0][1] == Cite(QD42.id)
    only_cites = [h for h in find_in_draft(draft, "42/QĐ-UBND", sections=order)]
    assert all(h.in_cite for h in only_cites)
    nothing = plan_replace(draft, only_cites, "43/QĐ-UBND", order)
    assert nothing.edit is None and nothing.skipped == 2


def test_replacing_words_after_a_citation_keeps_it_in_place(cited):
    draft, pack = cited
    order = _order(pack)
    hits = [h for h in find_in_draft(draft, "các sở triển khai", sections=order) if h.place.section == LATER]
    edit, count = replace_hits(draft, hits, "các ngành thực hiện", order)
    assert count == 1
    edit.apply(draft)
    assert draft.section(LATER).body[-1].content == [Span("Theo "), Cite(QD42.id), Span(", các ngành thực hiện.")]
    edit.revert(draft)
    assert draft.section(LATER).body[-1].content[-1] == Span(", các sở triển khai.")


# ---------------------------------------------------------------- compare
def test_compare_shows_an_added_citations_words_and_takes_it_back(cited):
    draft, pack = cited
    old = copy.deepcopy(draft)
    body = draft.section(LATER).body
    body[0] = Para([*body[0].content, Span(" Căn cứ "), Cite(QD42.id), Span(".")], body[0].kind)
    diffs = [d for d in compare_drafts(old, draft, _order(pack)).all() if d.group == LATER]
    assert len(diffs) == 1 and diffs[0].kind == TEXT
    assert diffs[0].new_text == f" Căn cứ {SHORT}." and diffs[0].hunk.kind == "insert"
    assert "\ufffc" not in diffs[0].new_text + diffs[0].before
    diffs[0].revert_edit(draft).apply(draft)
    assert draft.section(LATER).body == old.section(LATER).body
    assert len(compare_drafts(old, draft, _order(pack))) == 0


def test_a_renamed_document_shows_as_a_change_of_wording_in_body_and_footnote(cited):
    draft, pack = cited
    old = copy.deepcopy(draft)
    update_entry(draft, RENAMED).apply(draft)
    diffs = compare_drafts(old, draft, _order(pack)).all()
    body = [d for d in diffs if d.group == LATER]
    note = [d for d in diffs if d.group == SECTION]
    assert [d.kind for d in body] == [TEXT] and body[0].old_text == "42" and body[0].new_text == "45"
    assert note[0].kind == "note" and FULL in note[0].old_text and "Quyết định số 45/QĐ-UBND ngày 15/01/2021" in \
        note[0].new_text
    body[0].revert_edit(draft).apply(draft)                  # taking it back puts the older entry back
    assert entries_by_id(draft)[QD42.id] == QD42
    assert len(compare_drafts(old, draft, _order(pack))) == 0


def test_the_comparison_copy_in_word_carries_the_citations_words(cited, tmp_path):
    draft, pack = cited
    old = copy.deepcopy(draft)
    body = draft.section(LATER).body
    body[0] = Para([*body[0].content, Span(" Căn cứ "), Cite(QD42.id), Span(".")], body[0].kind)
    update_entry(draft, RENAMED).apply(draft)
    path = tmp_path / "so-sanh.docx"
    assert export_tracked(old, draft, pack, path, author="Kiểm thử") >= 2
    assert validate_docx(path) == []
    accepted, rejected = _pandoc(path, "accept"), _pandoc(path, "reject")
    assert "Căn cứ Quyết định số 45/QĐ-UBND." in " ".join(accepted.split())
    assert "Quyết định số 45/QĐ-UBND ngày 15/01/2021 của Chủ tịch UBND tỉnh" in " ".join(accepted.split())
    assert "Căn cứ Quyết định số" not in rejected
    assert "Xem " + FULL in " ".join(rejected.split())       # the older wording, full in the footnote
    assert "\ufffc" not in accepted + rejected


# ---------------------------------------------------------------- listing
def test_period_note_lists_the_documents_issued_in_the_period_by_date(cited):
    draft, _pack = cited
    add_entry(draft, Entry("vb-cw-old", "Quyết định", "1860", "QĐ-UBND", "2020-12-14", "UBND tỉnh", "x")).apply(draft)
    add_entry(draft, Entry("vb-cw-undated", "Công văn", "9", "UBND", "", "UBND tỉnh", "y")).apply(draft)
    note = period_note(draft)
    assert note is not None and len(note.paragraphs) == 1
    cited_ids = [i.doc_id for i in note.paragraphs[0] if isinstance(i, Cite)]
    assert cited_ids == [QD42.id, "vb-qd240-ubnd", "vb-kh106-ubnd", "vb-tb371-vpubnd", "vb-cv2515-ubnd"]
    texts = [i.text for i in note.paragraphs[0] if isinstance(i, Span)]
    assert texts[0].startswith("Các văn bản ban hành trong kỳ") and texts[-1] == "." and texts[1:-1] == ["; "] * 4
    assert cite_counts(draft)[QD42.id] == 2
    empty = load_sample()
    empty.extras.pop("van-ban", None)
    assert period_note(empty) is None


def test_a_document_first_cited_in_a_footnote_then_in_the_body_after_it(cited):
    from baocao.render.renderer import render_draft

    draft, pack = cited
    draft.section(LATER).body[-1] = Para([Span("Theo chương trình"), Note([[Span("Xem "), Cite(QD42.id)]]),
                                          Span(" và "), Cite(QD42.id), Span(".")])
    draft.section(SECTION).body.pop()                        # LATER holds the first citation now
    document = render_draft(draft, pack)
    body = ["".join(getattr(i, "text", "") for i in getattr(b, "inlines", [])) for b in document.body]
    notes = ["".join(t.text for p in f.paragraphs for t in p) for f in document.footnotes]
    assert f"Xem {FULL}" in notes                            # full in the footnote, at its marker
    assert any(t.endswith(f"Theo chương trình và {SHORT}.") for t in body)   # short in the body after it


def test_cli_find_sees_the_samples_citations_and_replace_leaves_them_alone(tmp_path):
    import json

    from helpers import run_cli

    path = tmp_path / "bao-cao.baocao"
    assert run_cli("new", "--sample", "-o", str(path)).returncode == 0
    found = run_cli("tim", str(path), "240/QĐ-UBND", "--json")
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)
    assert rows and all(r["text"] == "240/QĐ-UBND" for r in rows)
    assert any("Quyết định số 240/QĐ-UBND ngày 08/02/2021" in r["context"] for r in rows)   # its full form
    done = run_cli("thay", str(path), "240/QĐ-UBND", "241/QĐ-UBND")
    assert "nằm trong trích dẫn văn bản tự động nên không thay" in done.stdout and "Traceback" not in done.stderr
    assert done.returncode == 1                                    # nothing else to replace: nothing written
    assert json.loads(run_cli("tim", str(path), "240/QĐ-UBND", "--json").stdout) == rows


def test_cli_register_lists_the_documents_issued_in_the_period(tmp_path):
    import json

    from helpers import run_cli

    path = tmp_path / "bao-cao.baocao"
    assert run_cli("new", "--sample", "-o", str(path)).returncode == 0
    listed = run_cli("register", str(path), "--trong-ky")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "Văn bản ban hành trong kỳ báo cáo: 4 văn bản."
    assert lines[1].strip().startswith("1. Quyết định số 240/QĐ-UBND ngày 08/02/2021")
    assert lines[4].strip().startswith("4. Công văn số 2515/UBND-KTTH ngày 24/5/2021")
    rows = json.loads(run_cli("register", str(path), "--json").stdout)["entries"]
    assert [r["in_period"] for r in rows] == [True] * 4
