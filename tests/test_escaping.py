"""Nothing a drafter types can break the template markup or the document."""

import unicodedata

import pytest

from baocao.docmodel import Paragraph
from baocao.model import Draft, Note, Para, Span
from baocao.render import render_draft

HOSTILE = [
    "<b>không đậm</b>",
    "</p><table id=\"nhiem-vu-theo-don-vi\"/><p>",
    "A & B &amp; C &lt; D",
    "{{ bc.ky }} {% if true %}x{% endif %} {# chú #}",
    "]]> <![CDATA[ x ]]> <?xml version='1.0'?> <!-- c -->",
    "<fn>không phải chú thích</fn> <fnref key=\"x\"/>",
    "\"nháy kép\" 'nháy đơn' `huyền`",
]


def _section_paragraphs(doc, section_id):
    return [b for b in doc.body if isinstance(b, Paragraph) and b.section_id == section_id]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_comes_out_verbatim_as_one_paragraph(pack, text):
    draft = Draft()
    draft.section("uu-diem").body = [Para([Span(text)])]
    doc = render_draft(draft, pack)
    paragraphs = _section_paragraphs(doc, "uu-diem")
    assert [p.plain_text() for p in paragraphs] == [" ".join(text.split())]
    assert doc.footnotes == []
    assert len(doc.tables()) == 2  # only the two appendix tables, nothing injected


def test_hostile_text_in_fields_notes_and_metadata(pack):
    draft = Draft()
    draft.meta.signer.name = "<b>Tên</b> & {{ x }}"
    draft.section("han-che").fields["nguyen_nhan"] = "</p><pagebreak/> & <i>x</i>"
    draft.section("uu-diem").body = [Para([Span("Trước"), Note([[Span("<fn>lồng</fn> & </fn>")]]), Span(" sau")])]
    doc = render_draft(draft, pack)
    assert doc.signature.name == "<b>Tên</b> & {{ x }}"
    cause = [p.plain_text() for p in _section_paragraphs(doc, "han-che")]
    assert cause == ["Nguyên nhân: </p><pagebreak/> & <i>x</i>"]
    assert [n.plain_text() for n in doc.footnotes] == ["<fn>lồng</fn> & </fn>"]


def test_control_characters_and_nfd_are_cleaned(pack):
    nfd = unicodedata.normalize("NFD", "Tiếng Việt có dấu")
    draft = Draft()
    draft.section("uu-diem").body = [Para([Span(f"a\x00b\x0bc\x1f{nfd}\ud800\ufeff")])]
    text = _section_paragraphs(render_draft(draft, pack), "uu-diem")[0].plain_text()
    assert text == "ab c" + "Tiếng Việt có dấu"
    assert unicodedata.is_normalized("NFC", text)


def test_bold_italic_spans_survive(pack):
    draft = Draft()
    draft.section("uu-diem").body = [Para([Span("đậm", bold=True), Span(" và "), Span("nghiêng", italic=True)])]
    runs = _section_paragraphs(render_draft(draft, pack), "uu-diem")[0].inlines
    assert [(r.text, r.bold, r.italic) for r in runs] == [("đậm", True, False), (" và ", False, False),
                                                           ("nghiêng", False, True)]
