"""A table's last rows keep with the paragraph under it (Phụ lục 02's «Ghi chú» never alone on a page).

Word keeps a row whose paragraphs have ``w:keepNext`` on the page of what follows; the
chain runs: last :data:`KEEP_WITH_NOTE_ROWS` body rows → the small gap paragraph → the note.
A table with nothing (or a heading) after it is written as before, without keeps.
This change is why tests/fixtures/golden/{sample,blank}.json were regenerated (word/document.xml
only; the large case has no paragraph under a table).  LibreOffice 7.4 ignores keepNext in table
cells when it opens a .docx (even its own "keep with next paragraph" table property does not move
the last rows of a table longer than a page), so the check here is on the XML Word reads.
"""

from __future__ import annotations

from docx_support import NS, W, fixture_document, grouped_table, paragraph_text, read_part

from baocao.docmodel import Heading, Paragraph, Text
from baocao.writers.docx import write_docx
from baocao.writers.docx.style_ids import S
from baocao.writers.docx.tables import KEEP_WITH_NOTE_ROWS


def _write(document, tmp_path):
    path = tmp_path / "bao-cao.docx"
    write_docx(document, path)
    return read_part(path, "word/document.xml").find("w:body", NS)


def _kept(row) -> list[bool]:
    """Per cell paragraph of *row*: does it carry keepNext?"""
    return [p.find("w:pPr/w:keepNext", NS) is not None for p in row.iter(f"{W}p")]


def _data_tables(body):
    return [t for t in body.iter(f"{W}tbl") if t.find("w:tblPr/w:tblStyle", NS).get(f"{W}val") == S.TABLE]


def _gap_after(table):
    gap = table.getnext()
    assert gap.find("w:pPr/w:pStyle", NS).get(f"{W}val") == S.TABLE_GAP
    return gap


def test_last_rows_and_gap_keep_with_the_note(tmp_path):
    body = _write(fixture_document(), tmp_path)
    table = _data_tables(body)[-1]                     # Phụ lục 01: 40 rows, total row, then a note
    rows = table.findall("w:tr", NS)
    header = [r for r in rows if r.find("w:trPr/w:tblHeader", NS) is not None]
    data = rows[len(header):]
    assert len(data) == 41
    for row in data[:-KEEP_WITH_NOTE_ROWS] + header:
        assert not any(_kept(row))
    for row in data[-KEEP_WITH_NOTE_ROWS:]:
        assert all(_kept(row))
    assert "Tổng cộng" in paragraph_text(data[-1])
    gap = _gap_after(table)
    assert gap.find("w:pPr/w:keepNext", NS) is not None
    assert paragraph_text(gap.getnext()).startswith("Ghi chú phụ lục")


def test_table_without_a_paragraph_after_it_has_no_keeps(tmp_path):
    document = fixture_document()
    document.appendices[0].blocks = [grouped_table("chi-bang", 10)]                     # last block
    document.appendices[1].blocks = [grouped_table("bang-roi-de-muc", 5),
                                     Heading(3, "1.", "Đề mục sau bảng", "so"), Paragraph([Text("Đoạn.")])]
    body = _write(document, tmp_path)
    for table in _data_tables(body)[-2:]:
        assert not any(any(_kept(row)) for row in table.findall("w:tr", NS))
        assert _gap_after(table).find("w:pPr/w:keepNext", NS) is None


def test_short_table_keeps_whole_with_its_note(tmp_path):
    document = fixture_document()
    document.appendices[1].blocks = [grouped_table("bang-ngan", 1), Paragraph([Text("Ghi chú: bảng ngắn.")])]
    body = _write(document, tmp_path)
    table = _data_tables(body)[-1]
    rows = table.findall("w:tr", NS)
    assert len(rows) == 2 + 1 + 1                       # two header rows, one row, the total
    assert all(all(_kept(row)) for row in rows)         # header too: never a header alone at the foot


def test_keep_is_written_in_schema_order(tmp_path):
    body = _write(fixture_document(), tmp_path)
    for ppr in body.iter(f"{W}pPr"):
        names = [child.tag.split("}")[1] for child in ppr]
        if "keepNext" in names:
            assert names.index("keepNext") == (1 if names[0] == "pStyle" else 0)
