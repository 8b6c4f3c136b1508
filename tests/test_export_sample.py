"""Issue-2 acceptance: the exported sample, read by docx2python (an independent reader)."""

import re

import pytest
from docx2python import docx2python
from helpers import flatten, run_cli, word_number_as_label

from baocao.docmodel import Table
from baocao.samples import sample_path


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("xuat") / "mau.docx"
    result = run_cli("export", str(sample_path()), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with docx2python(out) as reader:
        yield reader


def test_every_heading_in_order(exported, sample_document):
    text = word_number_as_label(exported.text)
    position = 0
    for heading in sample_document.headings():
        found = text.find(heading.display_text(), position)
        assert found >= 0, f"heading missing or out of order: {heading.display_text()}"
        position = found + 1


def test_every_footnote_is_a_real_footnote(exported, sample_document):
    notes = " ".join(re.sub(r"footnote\d+\)\t\s*", "", s) for s in flatten(exported.footnotes))
    body = " ".join(flatten(exported.body))  # document.xml only (exported.text includes notes)
    assert len(sample_document.footnotes) >= 5
    for note in sample_document.footnotes:
        for paragraph in note.paragraphs:
            text = "".join(run.text for run in paragraph)
            assert text in notes, f"footnote {note.number} not in the footnotes part"
            assert text not in body, f"footnote {note.number} leaked into the body text"
    numbers = [int(n) for n in re.findall(r"footnote(\d+)\)", " ".join(flatten(exported.footnotes)))]
    assert numbers == list(range(1, len(sample_document.footnotes) + 1))


def test_both_appendix_tables(exported, sample_document):
    tables = [t for t in sample_document.tables()]
    assert len(tables) == 2
    cells = [[cell_text for cell_text in (" ".join(flatten(cell)).strip() for cell in row)]
             for table in exported.body for row in table]
    for table in tables:
        assert isinstance(table, Table)
        for row in table.rows + [table.total_row]:
            assert [c for c in row] in [c[: len(row)] for c in cells], f"row missing: {row}"
    assert "Phụ lục 01" in exported.text and "Phụ lục 02" in exported.text
