"""Import of .docx reports (baocao.importing): a file LibreOffice made, our own export back, bad files.

The LibreOffice file comes from an .fodt we write (``importing_fodt``) converted by ``soffice``; its footnotes
are cross-checked with docx2python, a reader we did not write.
"""

from __future__ import annotations

import copy
import io
import zipfile

import pytest

from baocao.drafts import new_draft
from baocao.importing import (MODE_APPEND, MODE_REPLACE, UNPLACED_ID, DocxImportError, ImportPlanError, plan_import,
                              read_report)
from baocao.importing import constants as C
from baocao.importing.reader import SourceHeading
from baocao.model.richtext import Note, Para, Span
from baocao.samples import load_sample
from docx_support import convert, soffice
from importing_fodt import (FIGURE, HEALTH, ITALIC, NOTE_TEXT, NOTE_TEXT_2, STRAY_HEADING, STRAY_TEXT, STRENGTH,
                            WEAKNESS, report_fodt)

TABLE = "nhiem-vu-theo-van-ban"


def _table_columns(pack):
    """The appendix table's columns the test file carries: all of them (grouped ones under a merged header)."""
    return list(pack.tables[TABLE].columns)


def _cell(column, row: int) -> str:
    if column.type == "stt":
        return str(row + 1)
    if column.type == "text":
        return {0: "Quyết định số 42/QĐ-UBND ngày 12/01/2021", 1: "Kế hoạch số 26/KH-UBND ngày 15/02/2021"}[row] \
            if column.key == "van_ban" else f"{column.header} {row + 1}"
    if getattr(column, "computed", False) or column.sum_of:
        return "999"                          # computed by baocao: never imported
    return f"{1234 + row:,}".replace(",", ".")  # "1.234": Vietnamese thousands


@pytest.fixture(scope="module")
def libreoffice_docx(tmp_path_factory, pack):
    """The .docx LibreOffice writes from our .fodt (headings, bold/italic, two footnotes, a table)."""
    if soffice() is None:
        pytest.skip("LibreOffice missing")
    folder = tmp_path_factory.mktemp("lo-import")
    columns = _table_columns(pack)
    fodt = folder / "bao-cao-so.fodt"
    fodt.write_text(report_fodt([(c.group, c.header) for c in columns],
                                [[_cell(c, r) for c in columns] for r in range(2)]), encoding="utf-8")
    [docx_path] = convert([fodt], "docx", folder / "out", folder / "profile")
    return docx_path


def _all_text(draft) -> str:
    parts = []
    for data in draft.sections.values():
        for para in data.body:
            parts.append(para.plain_text())
            parts.extend(note.plain_text() for note in para.notes())
    return "\n".join(parts)


# ---------------------------------------------------------------- a file LibreOffice made
def test_libreoffice_docx_headings_go_to_sections_with_notes_bold_italic_and_table(libreoffice_docx, pack):
    draft = new_draft(pack)
    plan = plan_import(draft, pack, libreoffice_docx)
    plan.add_citations = False          # the words as typed here; linking them: test_importing_own_export.py
    targets = {s.source_text(): s.target for _i, s in plan.pieces()}
    assert targets["a) Về phát triển kinh tế - xã hội"] == "kinh-te-xa-hoi"
    assert targets["d) Về y tế"] == "y-te"
    assert targets["1. Ưu điểm"] == "uu-diem"
    assert targets["2. Tồn tại, hạn chế"] == "han-che"
    assert targets[STRAY_HEADING] == UNPLACED_ID
    edit = plan.edit(draft, MODE_APPEND)
    edit.apply(draft)
    economy = draft.sections["kinh-te-xa-hoi"].body
    assert [p.kind for p in economy] == ["dash", "dash"]
    first = economy[0].content
    assert Span(FIGURE, bold=True) in first
    assert Span(ITALIC, italic=True) in first
    notes = [n.plain_text() for p in economy for n in p.notes()]
    assert notes == [NOTE_TEXT, NOTE_TEXT_2]
    # the note sits where it was referenced: right after the italic words, before the final full stop
    assert isinstance(first[first.index(Span(ITALIC, italic=True)) + 1], Note)
    assert draft.sections["y-te"].body[0].plain_text() == HEALTH
    assert draft.sections["uu-diem"].body[0].plain_text() == STRENGTH
    assert draft.sections["han-che"].body[0].plain_text() == WEAKNESS
    unplaced = "\n".join(p.plain_text() for p in draft.sections[UNPLACED_ID].body)
    assert STRAY_HEADING in unplaced and STRAY_TEXT in unplaced and "BÁO CÁO" in unplaced
    rows = draft.tables[TABLE]
    assert [r["van_ban"] for r in rows] == ["Quyết định số 42/QĐ-UBND ngày 12/01/2021",
                                            "Kế hoạch số 26/KH-UBND ngày 15/02/2021"]
    typed = [c for c in _table_columns(pack) if c.type == "integer" and not getattr(c, "computed", c.sum_of)]
    assert typed and all(rows[0][c.key] == 1234 and rows[1][c.key] == 1235 for c in typed)
    computed = [c.key for c in pack.tables[TABLE].columns if getattr(c, "computed", c.sum_of or c.type == "stt")]
    assert not any(key in row for row in rows for key in computed)


def test_libreoffice_footnotes_agree_with_docx2python(libreoffice_docx):
    docx2python = pytest.importorskip("docx2python").docx2python
    with docx2python(str(libreoffice_docx)) as extracted:
        theirs = " ".join(t for t in " ".join(str(x) for x in _flatten(extracted.footnotes)).split() if t)
    document = read_report(libreoffice_docx)
    ours = [n.plain_text() for b in document.blocks if hasattr(b, "para") for n in b.para.notes()]
    assert ours == [NOTE_TEXT, NOTE_TEXT_2]
    for text in ours:
        assert text in theirs


def _flatten(value):
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    else:
        yield value


# ---------------------------------------------------------------- our own export back
@pytest.fixture(scope="module")
def sample_export(tmp_path_factory, pack):
    from baocao.render import render_draft
    from baocao.writers.docx import write_docx

    sample = load_sample()
    path = tmp_path_factory.mktemp("rt") / "mau.docx"
    write_docx(render_draft(sample, pack), path, pack.reference_docx)
    return sample, path


def _rendered_sections(sample, pack) -> dict[str, list]:
    """The paragraphs of each section as the report prints them (citations of the register written out)."""
    from baocao.docmodel import Paragraph
    from baocao.render import render_draft

    document = render_draft(sample, pack)
    out: dict[str, list] = {}
    for block in document.body:
        if isinstance(block, Paragraph) and block.section_id and sample.sections.get(block.section_id) \
                and sample.sections[block.section_id].body:
            out.setdefault(block.section_id, []).append(block)
    return out, document.footnotes


def test_own_export_comes_back_section_by_section_nothing_dropped(sample_export, pack):
    from baocao.docmodel import FootnoteRef, Text

    sample, path = sample_export
    draft = new_draft(pack)
    plan = plan_import(draft, pack, path)
    plan.add_citations = False          # compared as words; linked citations: test_importing_own_export.py
    plan.edit(draft).apply(draft)
    everything = _all_text(draft)
    sections, footnotes = _rendered_sections(sample, pack)
    assert len(sections) >= 15
    for section_id, paragraphs in sections.items():
        imported = draft.sections[section_id].body
        texts = [p.plain_text() for p in imported]
        notes = [n.plain_text() for p in imported for n in p.notes()]
        for para in paragraphs:
            text = "".join(i.text for i in para.inlines if isinstance(i, Text))
            assert text.strip() in texts, (section_id, text[:60])                 # in its own section
            for ref in (i for i in para.inlines if isinstance(i, FootnoteRef)):
                assert footnotes[ref.number - 1].plain_text() in notes, (section_id, ref.number)
            for span in (i for i in para.inlines if isinstance(i, Text) and i.bold and i.text.strip()):
                assert any(isinstance(s, Span) and s.bold and span.text.strip() in s.text
                           for p in imported for s in p.content), span.text
    for footnote in footnotes:
        assert footnote.plain_text() in everything
    # every "- " item of the source stays an item in its section
    for section_id, data in sample.sections.items():
        kinds = {p.plain_text(): p.kind for p in draft.sections[section_id].body}
        for para in data.body:
            if para.kind == "dash" and para.plain_text() in kinds:
                assert kinds[para.plain_text()] == "dash"
    # and every character typed in the sample (citations aside) is somewhere in the draft
    for data in sample.sections.values():
        for para in data.body:
            for piece in _runs_between_marks(para.content):
                assert piece.strip() in everything
            for note in para.notes():
                for note_para in note.paragraphs:
                    for piece in _runs_between_marks(note_para):
                        assert piece.strip() in everything


def _runs_between_marks(items) -> list[str]:
    """The texts between footnote marks and register citations (whose words the renderer writes)."""
    pieces, current = [], ""
    for item in items:
        if isinstance(item, Span):
            current += item.text
        else:
            pieces.append(current)
            current = ""
    return [p for p in pieces + [current] if p.strip()]


def _all_text_of(body) -> str:
    return "".join(p.plain_text() + "".join(n.plain_text() for n in p.notes()) for p in body)


def test_own_export_tables_come_back_into_the_appendix_tables(sample_export, pack):
    sample, path = sample_export
    draft = new_draft(pack)
    plan_import(draft, pack, path).edit(draft).apply(draft)
    for table_id, rows in sample.tables.items():
        spec = pack.tables[table_id]
        shown = [c for c in spec.columns if not getattr(c, "computed", False)]
        key = next(c.key for c in shown if c.type == "text")
        originals = {r[key]: r for r in rows if r.get(key)}
        imported = {r.get(key): r for r in draft.tables[table_id]}
        for name, original in originals.items():
            assert name in imported, (table_id, name)
            for column, value in original.items():
                if value not in (None, "") and any(c.key == column for c in shown):
                    assert str(imported[name].get(column)) == str(value), (table_id, name, column)


def test_the_front_and_the_tail_of_the_report_are_kept_as_unplaced(sample_export, pack):
    _sample, path = sample_export
    draft = new_draft(pack)
    plan_import(draft, pack, path).edit(draft).apply(draft)
    unplaced = [p.plain_text() for p in draft.sections[UNPLACED_ID].body]
    assert "BÁO CÁO" in unplaced
    assert any(text.endswith("./.") for text in unplaced)          # the closing sentence is not section text
    assert any("Nơi nhận" in text for text in unplaced)


# ---------------------------------------------------------------- the mapping, modes, undo
def test_changing_a_mapping_moves_the_text_and_undo_restores_everything(sample_export, pack):
    _sample, path = sample_export
    draft = new_draft(pack)
    draft.sections["uu-diem"].body = [Para.of("Đoạn đã có từ trước.")]
    before = copy.deepcopy(draft)
    plan = plan_import(draft, pack, path)
    index = next(i for i, s in plan.pieces() if s.target == "uu-diem")
    plan.set_target(index, "kien-nghi")
    edit = plan.edit(draft, MODE_APPEND)
    edit.apply(draft)
    assert [p.plain_text() for p in draft.sections["uu-diem"].body] == ["Đoạn đã có từ trước."]
    assert len(draft.sections["kien-nghi"].body) == 4
    edit.revert(draft)
    assert draft.sections == before.sections and draft.tables == before.tables


def test_replace_mode_replaces_the_bodies_append_keeps_them(sample_export, pack):
    _sample, path = sample_export
    for mode, kept in ((MODE_APPEND, True), (MODE_REPLACE, False)):
        draft = new_draft(pack)
        draft.sections["y-te"].body = [Para.of("Nội dung cũ.")]
        draft.sections[UNPLACED_ID] = copy.deepcopy(draft.sections["y-te"])
        plan_import(draft, pack, path).edit(draft, mode).apply(draft)
        assert (draft.sections["y-te"].body[0].plain_text() == "Nội dung cũ.") is kept
        assert draft.sections[UNPLACED_ID].body[0].plain_text() == "Nội dung cũ."      # unplaced: always appended


def test_unknown_target_is_refused_with_a_message(sample_export, pack):
    plan = plan_import(new_draft(pack), pack, sample_export[1])
    with pytest.raises(ImportPlanError, match="không có mục"):
        plan.set_target(1, "khong-co")


def test_headings_typed_in_bold_without_styles_are_found(tmp_path, pack):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text, bold in (("II. ĐÁNH GIÁ CHUNG", True), ("1. Ưu điểm", True), ("1. Một đoạn đánh số thường.", False),
                       ("- Một ý gạch đầu dòng.", False), ("2. Tồn tại, hạn chế", True), ("Đoạn văn.", False)):
        document.add_paragraph().add_run(text).bold = bold
    path = tmp_path / "go-tay.docx"
    document.save(path)
    read = read_report(path)
    headings = [(b.level, b.label, b.title) for b in read.blocks if isinstance(b, SourceHeading)]
    assert headings == [(2, "II.", "ĐÁNH GIÁ CHUNG"), (3, "1.", "Ưu điểm"), (3, "2.", "Tồn tại, hạn chế")]
    draft = new_draft(pack)
    plan_import(draft, pack, path).edit(draft).apply(draft)
    body = draft.sections["uu-diem"].body
    assert [(p.kind, p.plain_text()) for p in body] == [("number", "Một đoạn đánh số thường."),
                                                         ("dash", "Một ý gạch đầu dòng.")]
    assert draft.sections["han-che"].body[0].plain_text() == "Đoạn văn."


def test_word_heading_styles_and_automatic_numbering_give_levels_and_labels(tmp_path, pack):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("ĐÁNH GIÁ CHUNG", level=1)
    document.add_heading("Ưu điểm", level=2)
    document.add_paragraph("Một ý trong danh sách.", style="List Bullet")
    document.add_paragraph("Một ý đánh số.", style="List Number")
    path = tmp_path / "word.docx"
    document.save(path)
    read = read_report(path)
    assert [(b.level, b.title) for b in read.headings()] == [(1, "ĐÁNH GIÁ CHUNG"), (2, "Ưu điểm")]
    draft = new_draft(pack)
    plan_import(draft, pack, path).edit(draft).apply(draft)
    assert [(p.kind, p.plain_text()) for p in draft.sections["uu-diem"].body] == [
        ("dash", "Một ý trong danh sách."), ("number", "Một ý đánh số.")]


# ---------------------------------------------------------------- untrusted input
def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("content, words", [
    (b"Day la van ban thuong", "không phải tệp Word"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Word cũ (.doc)"),
    (b"%PDF-1.7\n", "PDF"),
    (b"PK\x03\x04 broken zip", "bị hỏng"),
])
def test_a_file_that_is_not_a_docx_gets_a_vietnamese_message(tmp_path, content, words):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(content)
    with pytest.raises(DocxImportError) as info:
        read_report(path)
    assert words in info.value.message and info.value.hint


def test_a_zip_without_document_or_with_broken_xml_is_refused(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>"}))
    with pytest.raises(DocxImportError, match="document.xml"):
        read_report(path)
    path.write_bytes(_zip({"word/document.xml": b"<w:document xmlns:w='x'><w:body>"}))
    with pytest.raises(DocxImportError, match="bị hỏng"):
        read_report(path)


def test_bounds_on_entries_inflated_size_and_part_size(tmp_path, monkeypatch):
    from baocao.importing import package

    body = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            b"<w:p><w:r><w:t>" + b"a" * 5000 + b"</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "x.docx"
    path.write_bytes(_zip({"word/document.xml": body, **{f"media/{n}.bin": b"" for n in range(20)}}))
    assert read_report(path).blocks                              # within the bounds: read
    monkeypatch.setattr(package, "MAX_ZIP_ENTRIES", 10)
    with pytest.raises(DocxImportError, match="21 phần"):
        read_report(path)
    monkeypatch.setattr(package, "MAX_ZIP_ENTRIES", 2_000)
    monkeypatch.setattr(package, "MAX_UNCOMPRESSED_BYTES", 4000)   # a zip bomb: refused before inflating
    with pytest.raises(DocxImportError, match="giải nén"):
        read_report(path)
    monkeypatch.setattr(package, "MAX_UNCOMPRESSED_BYTES", 10 ** 9)
    monkeypatch.setattr(package, "MAX_XML_PART_BYTES", 1000)
    with pytest.raises(DocxImportError, match="quá lớn"):
        read_report(path)


def test_entities_are_not_expanded_and_nothing_is_fetched(tmp_path):
    lol = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA">'
           b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
           b'<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           b"<w:p><w:r><w:t>X&c;&ext;Y</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "lol.docx"
    path.write_bytes(_zip({"word/document.xml": lol}))
    text = "".join(b.para.plain_text() for b in read_report(path).blocks)
    assert "AAAA" not in text and "root:" not in text


def test_import_over_the_section_bound_is_refused_before_any_change(tmp_path, pack, monkeypatch):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Ưu điểm", level=2)
    for n in range(30):
        document.add_paragraph(f"Đoạn {n}.")
    path = tmp_path / "dai.docx"
    document.save(path)
    import baocao.limits as limits

    monkeypatch.setattr(limits, "MAX_PARAGRAPHS", 10)
    draft = new_draft(pack)
    with pytest.raises(ImportPlanError, match="tối đa 10 đoạn"):
        plan_import(draft, pack, path).edit(draft)
    assert not draft.sections["uu-diem"].body


def test_constants_unplaced_id_is_not_a_section_of_any_built_in_pack():
    from baocao.template import load_pack

    for pack_id in ("bao-cao-6-thang", "bao-cao-nam"):
        assert not load_pack(pack_id).has_section(C.UNPLACED_ID)


def test_an_imported_draft_exports_a_valid_docx_with_the_notes(libreoffice_docx, pack, tmp_path):
    from ooxml_support import validate_docx

    from baocao.render import render_draft
    from baocao.writers.docx import write_docx

    draft = new_draft(pack)
    plan_import(draft, pack, libreoffice_docx).edit(draft).apply(draft)
    out = tmp_path / "sau-khi-nhap.docx"
    write_docx(render_draft(draft, pack), out, pack.reference_docx)
    assert validate_docx(out) == []
    docx2python = pytest.importorskip("docx2python").docx2python
    with docx2python(str(out)) as extracted:
        notes = " ".join(str(x) for x in _flatten(extracted.footnotes))
        body = " ".join(str(x) for x in _flatten(extracted.body))
    assert NOTE_TEXT in notes and NOTE_TEXT_2 in notes
    assert STRAY_TEXT in body and "NỘI DUNG CHƯA XẾP MỤC" in body.upper()


def test_a_sub_heading_deeper_than_the_pack_stays_in_its_section_as_a_bold_line(tmp_path, pack):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Về y tế", level=3)
    document.add_paragraph("Đoạn đầu về y tế.")
    document.add_heading("Công tác tiêm chủng", level=4)          # a department's own level: no such section
    document.add_paragraph("Đã tiêm đủ hai mũi cho người trên 50 tuổi.")
    path = tmp_path / "so-y-te.docx"
    document.save(path)
    draft = new_draft(pack)
    plan = plan_import(draft, pack, path)
    plan.edit(draft).apply(draft)
    body = draft.sections["y-te"].body
    assert [p.plain_text() for p in body] == ["Đoạn đầu về y tế.", "Công tác tiêm chủng",
                                              "Đã tiêm đủ hai mũi cho người trên 50 tuổi."]
    assert body[1].content[0].bold
    assert UNPLACED_ID not in draft.sections
