"""Our own export imported back (issue 13 items 5–6): figures into fields and tables, generated sentences not
duplicated as text, a sentence edited in Word kept, LibreOffice's round trip, and typed citations linked.

Independent tools check what we wrote: Microsoft's Open XML validator, LibreOffice (``soffice --convert-to``)
re-saving the file, python-docx editing it as a reviewer would, docx2python reading its visible text.
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from pathlib import Path

import pytest

from baocao.docmodel import Paragraph
from baocao.drafts import new_draft
from baocao.importing import UNPLACED_ID, plan_import
from baocao.importing.own_export import attach_roundtrip
from baocao.model.richtext import Cite
from baocao.register.entries import Entry, register_entries, set_entries
from baocao.register.wording import full_form, short_form
from baocao.render import render_draft
from baocao.samples import load_sample
from baocao.writers.docx import write_docx
from docx_support import convert, soffice
from ooxml_support import validate_docx


def _export(draft, pack, path: Path, roundtrip: bool = True) -> Path:
    document = render_draft(draft, pack)
    if roundtrip:
        attach_roundtrip(document, draft, pack)
    write_docx(document, path, pack.reference_docx)
    return path


@pytest.fixture(scope="module")
def exported(tmp_path_factory, pack):
    """The sample exported for the round trip, and the same without the data part (for comparison)."""
    folder = tmp_path_factory.mktemp("own-export")
    sample = load_sample()
    return sample, _export(sample, pack, folder / "mau.docx"), _export(sample, pack, folder / "tron.docx", False)


@pytest.fixture(scope="module")
def libreoffice_copy(exported, tmp_path_factory):
    """Our export opened and saved again as .docx by LibreOffice (soffice --convert-to docx)."""
    if soffice() is None:
        pytest.skip("LibreOffice missing")
    folder = tmp_path_factory.mktemp("own-export-lo")
    [out] = convert([exported[1]], "docx:MS Word 2007 XML", folder / "out", folder / "profile")
    return out


def _payload(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("customXml/item1.xml").decode("utf-8")
    from lxml import etree

    return json.loads(etree.fromstring(xml.encode("utf-8")).text)


def _section_texts(draft, pack) -> dict[str, list[str]]:
    """What the report prints in each section (generated sentences, the drafter's text, citations written out)."""
    out: dict[str, list[str]] = {}
    for block in render_draft(draft, pack).body:
        if isinstance(block, Paragraph) and block.section_id:
            out.setdefault(block.section_id, []).append(block.plain_text())
    return out


def _imported(path: Path, pack, meta=None, add_citations: bool = True):
    draft = new_draft(pack)
    if meta is not None:
        draft.meta = copy.deepcopy(meta)         # same period and office: the generated sentences read the same
    plan = plan_import(draft, pack, path)
    plan.add_citations = add_citations
    plan.edit(draft).apply(draft)
    return plan, draft


def _assert_same_report(sample, pack, path: Path) -> None:
    plan, draft = _imported(path, pack, sample.meta)
    assert plan.own is not None and plan.own.pack == pack.id
    # field values and table rows: equal to the original's
    for section_id, data in sample.sections.items():
        expected = {k: v for k, v in data.fields.items() if v not in (None, "", [], {})}
        assert {k: v for k, v in draft.sections[section_id].fields.items() if v not in (None, "")} == expected, \
            section_id
    assert {t: r for t, r in draft.tables.items() if r} == {t: r for t, r in sample.tables.items() if r}
    # no generated sentence in the body text, nothing left over as unplaced
    generated = {g["text"] for g in _payload(path)["generated"]}
    assert len(generated) >= 5
    for data in draft.sections.values():
        for para in data.body:
            assert para.plain_text() not in generated, para.plain_text()[:80]
    assert UNPLACED_ID not in draft.sections or not draft.sections[UNPLACED_ID].body
    # the drafter's text: the report prints exactly the same sections (each generated sentence once)
    assert _section_texts(draft, pack) == _section_texts(sample, pack)
    # and without linking the citations, the words of each paragraph are the ones printed
    _plan, plain = _imported(path, pack, sample.meta, add_citations=False)
    for section_id, data in sample.sections.items():
        assert len(plain.sections[section_id].body) == len([p for p in data.body if not p.is_blank()]), section_id


# ---------------------------------------------------------------- the export
def test_the_export_carries_a_valid_data_part_and_prints_the_same(exported, pack):
    from docx2python import docx2python

    sample, path, plain = exported
    assert validate_docx(path) == []
    payload = _payload(path)
    assert payload["pack"] == pack.id and payload["app"] == "baocao"
    assert payload["fields"]["cuoc-hop"]["phien_hop"] == sample.sections["cuoc-hop"].fields["phien_hop"]
    assert payload["tables"] == {t: r for t, r in sample.tables.items() if r}
    sections = {g["section"] for g in payload["generated"]}
    assert {"nhiem-vu-cap-tren", "ket-qua-nhiem-vu", "cuoc-hop"} <= sections
    # the documents sentence keeps its footnote with it
    assert any(g["notes"] and g["section"] == "ket-qua-nhiem-vu" for g in payload["generated"])
    with zipfile.ZipFile(path) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert len(re.findall(r'w:name="bc_sinh_\d+"', document)) == len(payload["generated"])
    # nothing visible changed: the same text as the export without the part (read by docx2python)
    with docx2python(path) as ours, docx2python(plain) as theirs:
        assert ours.text == theirs.text


def test_the_added_work_of_an_export_is_one_more_rendering_without_the_text(pack):
    import time

    sample = load_sample()
    document = render_draft(sample, pack)
    start = time.process_time()
    for _ in range(5):
        render_draft(sample, pack)
    render_time = time.process_time() - start
    start = time.process_time()
    for _ in range(5):
        attach_roundtrip(document, sample, pack)
    attach_time = time.process_time() - start
    assert attach_time < 2.5 * render_time + 0.05          # a text-less rendering and a walk, never more


# ---------------------------------------------------------------- importing it back
def test_own_export_into_a_fresh_draft_gives_the_same_figures_and_text(exported, pack):
    sample, path, _plain = exported
    _assert_same_report(sample, pack, path)


def test_after_a_libreoffice_round_trip_it_is_still_recognised(exported, libreoffice_copy, pack):
    sample = exported[0]
    plan, _draft = _imported(libreoffice_copy, pack, sample.meta)
    assert plan.own is not None and plan.own.marks             # LibreOffice keeps the part and the bookmarks
    _assert_same_report(sample, pack, libreoffice_copy)


def test_a_generated_sentence_edited_in_word_is_kept_unplaced_with_a_note(exported, pack, tmp_path):
    import docx

    sample, path, _plain = exported
    word = docx.Document(str(path))
    target = next(p for p in word.paragraphs if "phiên họp" in p.text and p.text.startswith("Trong "))
    run = next(r for r in target.runs if "phiên họp" in r.text)
    run.text = run.text.replace("phiên họp", "phiên họp (một phiên họp trực tuyến)")
    edited_text = target.text
    edited = tmp_path / "da-sua.docx"
    word.save(str(edited))
    plan, draft = _imported(edited, pack, sample.meta)
    assert len(plan.own.edited) == 1
    unplaced = [p.plain_text() for p in draft.sections[UNPLACED_ID].body]
    assert edited_text.strip() in unplaced                          # the reviewer's sentence, word for word
    note = unplaced[unplaced.index(edited_text.strip()) - 1]
    assert "đã được sửa trong Word" in note and "cuộc họp" in note  # which section, and what to do
    assert all(edited_text.strip() != p.plain_text() for p in draft.sections["cuoc-hop"].body)
    assert draft.sections["cuoc-hop"].fields == sample.sections["cuoc-hop"].fields
    assert "1 câu đã sửa trong Word" in "\n".join(plan.describe())


def test_an_appendix_table_edited_in_word_is_kept_for_comparison_and_the_data_stay(exported, pack, tmp_path):
    import docx

    sample, path, _plain = exported
    word = docx.Document(str(path))
    unit = sample.tables["nhiem-vu-theo-don-vi"][0]["don_vi"]
    row = next(r for t in word.tables for r in t.rows if r.cells[1].text == unit)
    row.cells[3].text = "777"                      # "Đúng hạn", typed (column 2, the total, is computed)
    edited = tmp_path / "sua-bang.docx"
    word.save(str(edited))
    plan, draft = _imported(edited, pack, sample.meta)
    assert len(plan.own.edited_tables) == 1
    assert draft.tables["nhiem-vu-theo-don-vi"] == sample.tables["nhiem-vu-theo-don-vi"]
    unplaced = [p.plain_text() for p in draft.sections[UNPLACED_ID].body]
    assert "đã được sửa trong Word" in unplaced[0] and "Phụ lục 01" in unplaced[0]
    assert any(text.startswith("1 | " + unit) and "777" in text for text in unplaced[1:])


def test_when_a_tool_drops_the_bookmarks_the_generated_text_is_recognised_by_its_words(exported, pack, tmp_path):
    sample, path, _plain = exported
    stripped = tmp_path / "mat-dau.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb'<w:bookmark(Start|End) w:id="1\d{6}"( w:name="bc_sinh_\d+")?/>', b"", data)
            target.writestr(info, data)
    plan, _draft = _imported(stripped, pack, sample.meta)
    assert plan.own is not None and not plan.own.marks
    assert plan.own.generated == len(_payload(path)["generated"])
    _assert_same_report(sample, pack, stripped)


def test_without_the_data_part_the_import_is_the_plain_one(exported, pack):
    _sample, _path, plain = exported
    plan, draft = _imported(plain, pack)
    assert plan.own is None and plan.figures_text() == ""
    assert draft.sections[UNPLACED_ID].body                     # header, closing, signature: kept as before


def test_a_forged_data_part_brings_nothing_the_pack_does_not_know(exported, pack, tmp_path):
    sample, path, _plain = exported
    payload = _payload(path)
    payload["fields"]["khong-co-muc"] = {"x": 1}
    payload["fields"]["cuoc-hop"]["khong-co-truong"] = 5
    payload["fields"]["cuoc-hop"]["kiem_tra"] = {"a": {"b": {"c": {"d": {"e": 1}}}}}   # too deep: left out
    payload["tables"]["khong-co-bang"] = [{"a": 1}]
    payload["generated"] = payload["generated"] + [42, {"text": 7}]
    forged = tmp_path / "gia.docx"
    from baocao.writers.docx.roundtrip import item_xml

    with zipfile.ZipFile(path) as source, zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = item_xml(payload) if info.filename == "customXml/item1.xml" else source.read(info)
            target.writestr(info, data)
    _plan, draft = _imported(forged, pack, sample.meta)
    assert "khong-co-muc" not in draft.sections and "khong-co-bang" not in draft.tables
    assert "khong-co-truong" not in draft.sections["cuoc-hop"].fields
    assert "kiem_tra" not in draft.sections["cuoc-hop"].fields
    assert draft.sections["cuoc-hop"].fields["phien_hop"] == sample.sections["cuoc-hop"].fields["phien_hop"]
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = b'<baocao xmlns="urn:baocao:khu-hoi:1">{not json</baocao>' \
                if info.filename == "customXml/item1.xml" else source.read(info)
            target.writestr(info, data)
    plan, _draft = _imported(broken, pack)
    assert plan.own is None                                    # read as any other .docx, nothing refused


# ---------------------------------------------------------------- typed citations in a file LibreOffice wrote
KNOWN = Entry("vb-42", "Quyết định", "42", "QĐ-UBND", "2021-01-12", "UBND tỉnh",
              "ban hành Chương trình công tác năm 2021")
UNKNOWN = Entry("", "Kế hoạch", "26", "KH-UBND", "2021-02-15", "UBND tỉnh", "phòng, chống dịch Covid-19")
ODD = "Công văn số 77/UBND-KT ngày 03/3/2021 về thành lập tổ rà soát"   # the register would drop "về"


def _citations_fodt() -> str:
    from xml.sax.saxutils import escape

    from importing_fodt import HEAD, TAIL

    def h(level: int, text: str) -> str:
        return f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{escape(text)}</text:h>'

    paragraphs = [
        f"Thực hiện {full_form(KNOWN)}, các sở đã triển khai kế hoạch của ngành.",
        f"Tỉnh đã tổ chức tiêm vắc-xin theo {full_form(UNKNOWN)}; {short_form(KNOWN)} được rà soát giữa kỳ.",
        f"Ngoài ra, {short_form(UNKNOWN)} được sơ kết; {ODD}.",
    ]
    body = h(1, "II. ĐÁNH GIÁ CHUNG") + h(2, "1. Ưu điểm") + "".join(f"<text:p>{escape(p)}</text:p>"
                                                                       for p in paragraphs)
    return HEAD + body + TAIL


@pytest.fixture(scope="module")
def cited_docx(tmp_path_factory):
    """A .docx LibreOffice wrote from an .odt (itself converted from our .fodt): not our writer."""
    if soffice() is None:
        pytest.skip("LibreOffice missing")
    folder = tmp_path_factory.mktemp("cites")
    fodt = folder / "trich-dan.fodt"
    fodt.write_text(_citations_fodt(), encoding="utf-8")
    [odt] = convert([fodt], "odt", folder / "odt", folder / "profile")
    [docx] = convert([odt], "docx", folder / "docx", folder / "profile")
    return docx


def _draft_with_register(pack):
    draft = new_draft(pack)
    set_entries(draft, [KNOWN], "thử").apply(draft)
    return draft


def test_typed_citations_known_ones_are_linked_unknown_ones_offered(cited_docx, pack):
    draft = _draft_with_register(pack)
    plan = plan_import(draft, pack, cited_docx)
    linked = plan.citations(draft)
    assert linked.known == 2                                   # the full mention and the short one
    assert linked.new_names() == ["Kế hoạch số 26/KH-UBND"] and linked.new_mentions == 2
    assert linked.kept == 1                                    # the letter typed otherwise keeps its words
    described = "\n".join(plan.describe(draft))
    assert "2 chỗ khớp danh mục" in described and "+ Kế hoạch số 26/KH-UBND" in described
    plan.edit(draft).apply(draft)
    body = draft.sections["uu-diem"].body
    cites = [i.doc_id for p in body for i in p.content if isinstance(i, Cite)]
    entries = {e.type + e.number: e for e in register_entries(draft)}
    assert cites == ["vb-42", entries["Kế hoạch26"].id, "vb-42", entries["Kế hoạch26"].id]
    assert entries["Kế hoạch26"].summary == UNKNOWN.summary and entries["Kế hoạch26"].date == UNKNOWN.date
    assert ODD in body[2].plain_text()
    # the report prints the same words as the file
    printed = _section_texts(draft, pack)["uu-diem"]
    assert printed[0].startswith(f"Thực hiện {full_form(KNOWN)},")
    assert full_form(UNKNOWN) in printed[1] and f"{short_form(KNOWN)} được rà soát" in printed[1]


def test_declining_the_offer_links_only_the_known_documents(cited_docx, pack):
    draft = _draft_with_register(pack)
    plan = plan_import(draft, pack, cited_docx)
    plan.add_citations = False
    plan.edit(draft).apply(draft)
    assert [e.id for e in register_entries(draft)] == ["vb-42"]
    body = draft.sections["uu-diem"].body
    assert [i.doc_id for p in body for i in p.content if isinstance(i, Cite)] == ["vb-42", "vb-42"]
    assert full_form(UNKNOWN) in body[1].plain_text()


def test_undo_of_the_import_takes_the_register_back_too(cited_docx, pack):
    draft = _draft_with_register(pack)
    before = copy.deepcopy(draft)
    edit = plan_import(draft, pack, cited_docx).edit(draft)
    edit.apply(draft)
    assert len(register_entries(draft)) == 2
    edit.revert(draft)
    assert draft.extras == before.extras and draft.sections["uu-diem"].body == before.sections["uu-diem"].body


def test_the_reviewers_copy_with_comments_is_valid_and_comes_back_with_its_figures(pack, tmp_path):
    from baocao.review.docx_comments import export_with_comments

    sample = load_sample()
    path = tmp_path / "ban-gop-y.docx"
    export_with_comments(sample, pack, path)
    assert validate_docx(path) == []
    with zipfile.ZipFile(path) as archive:
        assert "customXml/item1.xml" in archive.namelist()
    plan, draft = _imported(path, pack, sample.meta)
    assert plan.own is not None and plan.own.generated >= 5
    assert draft.sections["cuoc-hop"].fields == sample.sections["cuoc-hop"].fields
