"""Footnotes are numbered in document order across template text and drafter text."""

from baocao.docmodel import FootnoteRef, Paragraph
from baocao.model import Draft, Note, Para, Span
from baocao.render import render_draft


def _refs_in_order(doc):
    numbers = []
    blocks = list(doc.body) + list(doc.closing) + [b for a in doc.appendices for b in a.blocks]
    for block in blocks:
        if isinstance(block, Paragraph):
            numbers.extend(i.number for i in block.inlines if isinstance(i, FootnoteRef))
    return numbers


def test_template_and_drafter_notes_interleave_in_document_order(pack):
    draft = Draft()
    draft.section("kinh-te-xa-hoi").body = [Para([Span("Trước"), Note.of("ghi chú người soạn 1")])]
    # ket-qua-nhiem-vu's own template adds a note (breakdown of documents issued) after the drafter's body.
    draft.section("ket-qua-nhiem-vu").body = [Para([Span("Giữa"), Note.of("ghi chú người soạn 2")])]
    draft.section("ket-qua-nhiem-vu").fields.update({"van_ban_den": 19641, "van_ban_di": 6336, "qd_qppl": 6})
    draft.section("uu-diem").body = [Para([Span("Sau"), Note.of("ghi chú người soạn 3")])]
    doc = render_draft(draft, pack)
    texts = [n.plain_text() for n in doc.footnotes]
    assert texts[0] == "ghi chú người soạn 1"
    assert texts[1] == "ghi chú người soạn 2"
    assert texts[2].startswith("Gồm: 06 Quyết định quy phạm pháp luật")
    assert texts[3] == "ghi chú người soạn 3"
    assert [n.number for n in doc.footnotes] == [1, 2, 3, 4]
    assert _refs_in_order(doc) == [1, 2, 3, 4]


def test_multi_paragraph_note(pack):
    draft = Draft()
    draft.section("uu-diem").body = [Para([Span("x"), Note([[Span("đoạn một")], [Span("đoạn hai")]])])]
    note = render_draft(draft, pack).footnotes[0]
    assert [[r.text for r in p] for p in note.paragraphs] == [["đoạn một"], ["đoạn hai"]]


def test_sample_has_at_least_five_notes_numbered_one_to_n(sample_document):
    numbers = [n.number for n in sample_document.footnotes]
    assert len(numbers) >= 5
    assert numbers == list(range(1, len(numbers) + 1))
    assert sorted(set(_refs_in_order(sample_document))) == numbers
