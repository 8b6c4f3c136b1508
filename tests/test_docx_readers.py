"""Independent readers: docx2python and LibreOffice see what the writer meant.

docx2python checks headings, footnotes and tables; LibreOffice (``slow``)
converts the fixture and the real sample once per module to PDF and to flat
ODT: pdftotext shows every footnote, no number on page 1, "2" on page 2 and a
restart in the appendix; LibreOffice's own import counts real footnotes.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from docx_support import (convert, first_line, fixture_document, pdf_pages, soffice)
from helpers import word_number_as_label
from lxml import etree

from baocao.docmodel import Document, Heading
from baocao.writers.docx import write_docx
from baocao.writers.docx.footnotes import count_citations

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _cited_notes(document: Document) -> list[str]:
    """Texts of the cited notes in order of first citation (what the .docx must hold)."""
    counts = count_citations(document)
    order: list[int] = []
    blocks = [*document.body, *document.closing, *(b for a in document.appendices for b in a.blocks)]
    for block in blocks:
        for item in getattr(block, "inlines", None) or getattr(block, "inline", None) or []:
            number = getattr(item, "number", None)
            if number is not None and number not in order:
                order.append(number)
    assert set(order) == set(counts)
    notes = {n.number: n for n in document.footnotes}
    return [_flat(notes[number].plain_text()) for number in order]


def _expected_heading(heading: Heading) -> str:
    text = heading.display_text()
    if heading.style == "phan" and heading.label:
        text = f"{heading.label}\n{heading.title}"
    return text


@pytest.fixture(scope="module")
def documents(sample_document) -> dict[str, Document]:
    return {"fixture": fixture_document(), "sample": sample_document}


@pytest.fixture(scope="module")
def exported(tmp_path_factory, documents, pack) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("readers")
    paths = {}
    for name, document in documents.items():
        paths[name] = folder / f"{name}.docx"
        write_docx(document, paths[name], pack.reference_docx if name == "sample" else None)
    return paths


@pytest.mark.parametrize("name", ["fixture", "sample"])
def test_docx2python_sees_headings_notes_and_tables(name, documents, exported):
    from docx2python import docx2python
    from docx2python.iterators import iter_paragraphs

    document = documents[name]
    with docx2python(exported[name]) as reader:
        paragraphs = list(iter_paragraphs(reader.document_pars))
        headings = ["".join(r.text for r in p.runs) for p in paragraphs
                    if re.match(r"Heading\d", p.style or "")]
        notes = [_flat(re.sub(r"^footnote\d+\)\t", "", "\n".join(
            "".join(r.text for r in p.runs) for p in note)))
            for note in _note_groups(reader)]
        tables = [t for t in reader.body if len(t) > 2 and t[0] and "STT" in "".join(t[0][0])]
    expected = [h for h in [*document.body, *(b for a in document.appendices for b in a.blocks)]
                if isinstance(h, Heading)]
    assert len(headings) == len(expected)
    for found, heading in zip(headings, expected, strict=True):
        found = word_number_as_label(re.sub(r"----footnote\d+----", "", found))
        assert found.startswith(_expected_heading(heading))
    assert notes == _cited_notes(document)
    model_tables = document.tables()
    assert len(tables) == len(model_tables)
    for found, table in zip(tables, model_tables, strict=True):
        header_rows = len(table.header_rows())
        assert len(found) == header_rows + len(table.rows) + (table.total_row is not None)
        if table.total_row is not None:
            assert ["".join(cell) for cell in found[-1]] == table.total_row


def _note_groups(reader):
    """docx2python's footnotes as lists of paragraphs, separators dropped."""
    groups = []
    for note in reader.footnotes_pars[0][0]:          # one cell per note, a list of paragraphs
        paragraphs = list(note)
        if any("".join(r.text for r in p.runs).strip() for p in paragraphs):
            groups.append(paragraphs)
    return groups


# ----------------------------------------------------------------- LibreOffice
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory, exported):
    """PDF pages and flat-ODT roots of both documents (two LibreOffice runs in all)."""
    import shutil

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    profile = tmp_path_factory.mktemp("lo") / "profile"
    out = tmp_path_factory.mktemp("lo-out")
    names = list(exported)
    files = [exported[n] for n in names]
    pdfs = convert(files, "pdf", out, profile)
    fodts = convert(files, "fodt", out, profile)
    return {name: (pdf_pages(pdf), etree.parse(str(fodt)).getroot())
            for name, pdf, fodt in zip(names, pdfs, fodts, strict=True)}


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("name", ["fixture", "sample"])
def test_libreoffice_imports_real_footnotes(name, documents, libreoffice):
    pages, fodt = libreoffice[name]
    expected = _cited_notes(documents[name])
    notes = [n for n in fodt.iter(f"{{{TEXT_NS}}}note") if n.get(f"{{{TEXT_NS}}}note-class") == "footnote"]
    assert len(notes) == len(expected)
    bodies = [_flat(" ".join(b.itertext())) for n in notes for b in n.iter(f"{{{TEXT_NS}}}note-body")]
    assert bodies == expected
    pdf_text = _flat(" ".join(pages))
    for text in expected:
        assert text[:25] in pdf_text, f"footnote not printed: {text[:40]}"


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("name", ["fixture", "sample"])
def test_page_numbers_hidden_on_page_one_shown_from_page_two(name, documents, libreoffice):
    pages, _ = libreoffice[name]
    assert len(pages) >= 3
    first = first_line(pages[0])
    assert not first.isdigit() and first == documents[name].header.issuer_lines[0]
    assert first_line(pages[1]) == "2"
    assert first_line(pages[2]) == "3"


@pytest.mark.slow
@needs_soffice
def test_appendix_numbering_restarts(libreoffice):
    pages, _ = libreoffice["fixture"]
    start = next(i for i, page in enumerate(pages) if first_line(page) == "Phụ lục 01")
    assert first_line(pages[start + 1]) == "2"          # the long landscape table goes on
    assert "STT" in pages[start + 1]                     # with its header row repeated


@pytest.mark.slow
@needs_soffice
def test_second_citation_survives_import(libreoffice):
    _, fodt = libreoffice["fixture"]
    raw = etree.tostring(fodt, encoding="unicode")
    assert "_RefBCFn1" in raw and ("NOTEREF" in raw or "note-ref" in raw)
