"""Real Word footnotes: the part, one-to-one ids, separators, a note cited twice, numbering."""

from __future__ import annotations

import re

import pytest
from docx_support import NOTE_2_SECOND, NOTE_TEXTS, NS, W, fixture_document, paragraph_text, read_part

from baocao.docmodel import FootnoteRef, Paragraph, Text
from baocao.errors import ExportError
from baocao.writers.docx import write_docx


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("fn") / "bao-cao.docx"
    write_docx(fixture_document(), path)
    return path


@pytest.fixture(scope="module")
def notes(docx):
    return read_part(docx, "word/footnotes.xml")


@pytest.fixture(scope="module")
def document_xml(docx):
    return read_part(docx, "word/document.xml")


def _note_id(element) -> int:
    return int(element.get(f"{W}id"))


def test_separators_and_settings(notes, docx):
    special = {_note_id(n): n.get(f"{W}type") for n in notes if n.get(f"{W}type")}
    assert special == {-1: "separator", 0: "continuationSeparator"}
    assert notes.find("w:footnote[@w:id='-1']//w:separator", NS) is not None
    assert notes.find("w:footnote[@w:id='0']//w:continuationSeparator", NS) is not None
    settings = read_part(docx, "word/settings.xml")
    listed = [int(f.get(f"{W}id")) for f in settings.findall("w:footnotePr/w:footnote", NS)]
    assert listed == [-1, 0]


def test_references_and_notes_match_one_to_one(notes, document_xml):
    refs = [_note_id(r) for r in document_xml.iter(f"{W}footnoteReference")]
    real = [_note_id(n) for n in notes if not n.get(f"{W}type")]
    assert len(refs) == len(set(refs)), "a note is referenced twice by w:footnoteReference"
    assert len(real) == len(set(real))
    assert sorted(refs) == sorted(real) == [1, 2, 3, 4]          # note 5 is never cited: not written
    assert refs == sorted(refs)                                    # ids follow document order
    for note in notes:
        if not note.get(f"{W}type"):
            first = note.find("w:p", NS)
            assert first.find("w:r/w:footnoteRef", NS) is not None
            assert first.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "FootnoteText"
    for ref in document_xml.iter(f"{W}footnoteReference"):
        assert ref.getparent().find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"


def test_note_texts_in_citation_order_and_continuous_into_appendix(notes):
    texts = {}
    for note in notes:
        if not note.get(f"{W}type"):
            texts[_note_id(note)] = [paragraph_text(p).strip() for p in note.findall("w:p", NS)]
    assert texts == {1: [NOTE_TEXTS[1]], 2: [NOTE_TEXTS[2], NOTE_2_SECOND], 3: [NOTE_TEXTS[3]],
                     4: [NOTE_TEXTS[4]]}


def test_multi_paragraph_note_keeps_formatting(notes):
    second = notes.find("w:footnote[@w:id='2']", NS).findall("w:p", NS)[1]
    assert second.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "FootnoteText"
    assert second.find("w:r/w:footnoteRef", NS) is None
    assert second.find("w:r/w:rPr/w:i", NS) is not None


def test_second_citation_is_a_noteref_field_to_a_bookmark(document_xml):
    starts = document_xml.findall(".//w:bookmarkStart", NS)
    assert [b.get(f"{W}name") for b in starts] == ["_RefBCFn1"]
    start = starts[0]
    mark = start.getnext()
    assert mark.find("w:footnoteReference", NS).get(f"{W}id") == "1"
    end = mark.getnext()
    assert end.tag == f"{W}bookmarkEnd" and end.get(f"{W}id") == start.get(f"{W}id")
    instructions = [t.text for t in document_xml.iter(f"{W}instrText")]
    assert len(instructions) == 1
    assert re.fullmatch(r"\s*NOTEREF _RefBCFn1 \\f \\h\s*", instructions[0])
    field_run = document_xml.find(".//w:instrText/..", NS)
    paragraph = field_run.getparent()
    runs = paragraph.findall("w:r", NS)
    index = runs.index(field_run)
    field = runs[index - 1:index + 4]
    kinds = [r[-1].tag.split("}")[1] + (r[-1].get(f"{W}fldCharType") or "") for r in field]
    assert kinds == ["fldCharbegin", "instrText", "fldCharseparate", "t", "fldCharend"]
    assert paragraph_text(field[3]) == "1"
    assert {r.find("w:rPr/w:rStyle", NS).get(f"{W}val") for r in field} == {"FootnoteReference"}


def test_document_without_notes_still_has_a_valid_part(tmp_path):
    document = fixture_document()
    for block in [*document.body, *document.closing, *(b for a in document.appendices for b in a.blocks)]:
        if isinstance(block, Paragraph):
            block.inlines = [i for i in block.inlines if not isinstance(i, FootnoteRef)]
        elif hasattr(block, "inline"):
            block.inline = [i for i in block.inline if not isinstance(i, FootnoteRef)]
    document.footnotes = []
    path = tmp_path / "no-notes.docx"
    write_docx(document, path)
    notes = read_part(path, "word/footnotes.xml")
    assert [n.get(f"{W}type") for n in notes] == ["separator", "continuationSeparator"]


def test_citing_a_missing_note_is_a_clear_error(tmp_path):
    document = fixture_document()
    document.closing.append(Paragraph([Text("Xem"), FootnoteRef(99)]))
    target = tmp_path / "x.docx"
    with pytest.raises(ExportError) as info:
        write_docx(document, target)
    assert "Chú thích số 99" in info.value.message
    assert not target.exists()
