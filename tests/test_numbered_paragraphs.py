"""Issue 10, gap 3: numbered paragraphs ("1." … "7.") renumber themselves — editor, model, both writers."""

from __future__ import annotations

import pytest

from baocao.model.richtext import Para, Span
from baocao.model.serialize import para_from_dict, para_to_dict


def test_numbered_paragraph_kind_survives_the_file_format():
    para = Para([Span("Tập trung thu ngân sách.")], "number")
    assert para_from_dict(para_to_dict(para)) == para


def test_editor_shows_numbers_in_order_and_reads_them_back(qtbot):
    from PySide6.QtGui import QTextDocument

    from baocao.ui.richtext_convert import body_to_document, canonical_body, document_to_body

    body = [Para([Span("Mở đầu.")]), Para([Span("Việc một.")], "number"), Para([Span("ý phụ")], "dash"),
            Para([Span("Việc hai.")], "number"), Para([Span("Việc ba.")], "number")]
    doc = QTextDocument()
    body_to_document(body, doc)
    lines = doc.toPlainText().split("\n")
    assert lines == ["Mở đầu.", "1. Việc một.", "- ý phụ", "2. Việc hai.", "3. Việc ba."]
    assert document_to_body(doc) == body
    # a number typed out of step ("7. ") is a numbered paragraph; shown again, it takes its place
    typed = [Para([Span("7. Việc chen vào.")])]
    assert canonical_body(typed) == [Para([Span("Việc chen vào.")], "number")]
    body_to_document(canonical_body(body[:2] + typed + body[3:]), doc)
    assert doc.toPlainText().split("\n")[2] == "2. Việc chen vào."


@pytest.mark.parametrize("text", ["2021. Năm bản lề", "1.5 lần", "Điều 1. Phạm vi"])
def test_other_text_starting_with_digits_stays_prose(qtbot, text):
    from baocao.ui.richtext_convert import canonical_body

    assert canonical_body([Para([Span(text)])])[0].kind == "text"


def test_writers_number_the_drafters_paragraphs(tmp_path):
    from baocao.model import Draft
    from baocao.render import render_draft
    from baocao.template import load_pack
    from baocao.writers.docx import write_docx
    from baocao.writers.html import document_to_html

    pack = load_pack("bao-cao-6-thang")
    draft = Draft(template_id=pack.id)
    draft.section("nhiem-vu-cu-the").body = [Para([Span(t)], "number") for t in ("Thu ngân sách.", "Đầu tư công.")]
    document = render_draft(draft, pack)
    html = document_to_html(document)
    assert "1. Thu ngân sách." in html and "2. Đầu tư công." in html
    out = tmp_path / "so.docx"
    write_docx(document, out)
    from docx2python import docx2python
    from helpers import flatten

    with docx2python(out) as reader:
        texts = [t for t in flatten(reader.body) if t.strip()]
    assert "1. Thu ngân sách." in texts and "2. Đầu tư công." in texts
