"""Issue 14 item 3: Roman "I." and Arabic "1." headings use real Word multilevel numbering.

Read back with lxml (numbering.xml, numPr on the heading styles and paragraphs),
then a LibreOffice round trip: a heading inserted before the second Roman
section in the .fodt makes every later Roman number move up by one.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
import zipfile

import pytest
from docx_support import convert, pdf_pages, soffice
from lxml import etree
from ooxml_support import validate_docx

from baocao.docmodel import Heading
from baocao.writers.docx import build_docx
from baocao.writers.docx.numbering import plan_numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
NS = {"w": W}


def _part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        return etree.fromstring(archive.read(name)) if name in names else None


def _val(element, path: str) -> str | None:
    found = element.find(path, NS)
    return None if found is None else found.get(f"{{{W}}}val")


@pytest.fixture(scope="module")
def sample_docx(sample_document) -> bytes:
    return build_docx(sample_document)


def test_numbering_part_links_roman_and_arabic_levels_to_heading_styles(sample_docx):
    numbering = _part(sample_docx, "word/numbering.xml")
    styles = _part(sample_docx, "word/styles.xml")
    abstract = numbering.find("w:abstractNum", NS)
    levels = {lvl.get(f"{{{W}}}ilvl"): lvl for lvl in abstract.findall("w:lvl", NS)}
    assert _val(levels["0"], "w:numFmt") == "upperRoman" and _val(levels["0"], "w:lvlText") == "%1."
    assert _val(levels["1"], "w:numFmt") == "decimal" and _val(levels["1"], "w:lvlText") == "%2."
    assert _val(levels["0"], "w:pStyle") == "Heading1" and _val(levels["1"], "w:pStyle") == "Heading2"
    nums = {n.get(f"{{{W}}}numId"): _val(n, "w:abstractNumId") for n in numbering.findall("w:num", NS)}
    for style_id, ilvl in (("Heading1", "0"), ("Heading2", "1")):
        style = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert _val(style, "w:pPr/w:numPr/w:ilvl") == ilvl
        assert nums[_val(style, "w:pPr/w:numPr/w:numId")] == abstract.get(f"{{{W}}}abstractNumId")
    # letters a) b) … đ) stay literal: their style is not in the list
    heading3 = styles.find("w:style[@w:styleId='Heading3']", NS)
    assert heading3.find("w:pPr/w:numPr", NS) is None


def test_numbered_heading_paragraphs_drop_the_literal_label(sample_docx, sample_document):
    body = _part(sample_docx, "word/document.xml")
    paragraphs = [p for p in body.iter(f"{{{W}}}p") if (_val(p, "w:pPr/w:pStyle") or "").startswith("Heading")]
    headings = [b for b in sample_document.body if isinstance(b, Heading)]
    assert len(paragraphs) == len(headings)
    numbered = 0
    for paragraph, heading in zip(paragraphs, headings, strict=True):
        text = "".join(paragraph.itertext())
        if heading.style in ("la-ma", "so"):
            numbered += 1
            assert paragraph.find("w:pPr/w:numPr", NS) is not None
            assert text.startswith(heading.title) and not text.startswith(heading.label)
        else:
            assert paragraph.find("w:pPr/w:numPr", NS) is None
            assert text.startswith(heading.label)
    assert numbered >= 8


def test_labels_word_would_not_count_stay_literal(sample_document):
    document = copy.deepcopy(sample_document)
    first = next(b for b in document.body if isinstance(b, Heading) and b.style == "la-ma")
    first.label = "II."                     # a pack that starts at II.: Word cannot follow
    data = build_docx(document)
    assert _part(data, "word/numbering.xml") is None
    styles = etree.tostring(_part(data, "word/styles.xml"))
    assert b"numPr" not in styles           # not even the reference specimen's list
    text = "".join(_part(data, "word/document.xml").itertext())
    assert "II. MỘT SỐ KẾT QUẢ CHỦ YẾU" in text and "1. Về thực hiện" in text


def test_each_appendix_restarts_the_list():
    runs = [[Heading(1, "I.", "A", "la-ma"), Heading(1, "II.", "B", "la-ma")],
            [Heading(1, "I.", "C", "la-ma")]]
    plan = plan_numbering(runs, {("Heading1", "la-ma"): "Heading1"})
    assert all(plan.numbered(h) for run in runs for h in run)
    root = etree.fromstring(plan.part(None))
    nums = root.findall("w:num", NS)
    assert len(nums) == 2
    assert nums[0].find("w:lvlOverride", NS) is None
    assert _val(nums[1], "w:lvlOverride/w:startOverride") == "1"
    plan.start_run(1)
    assert f'w:numId w:val="{nums[1].get(f"{{{W}}}numId")}"' in plan.paragraph_numpr(runs[1][0])


def test_sample_with_word_numbering_is_valid(sample_docx, tmp_path):
    path = tmp_path / "so.docx"
    path.write_bytes(sample_docx)
    assert validate_docx(path) == []


needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.mark.slow
@needs_soffice
def test_libreoffice_renumbers_after_an_inserted_section(sample_docx, sample_document, tmp_path):
    source = tmp_path / "so.docx"
    source.write_bytes(sample_docx)
    profile = tmp_path / "profile"
    [fodt] = convert([source], "fodt", tmp_path / "fodt", profile)
    tree = etree.parse(str(fodt))
    tops = [h for h in tree.iter(f"{{{TEXT_NS}}}h") if h.get(f"{{{TEXT_NS}}}outline-level") == "1"
            and h.getparent().tag == f"{{{TEXT_NS}}}list-item"]     # not the appendix titles
    romans = [b for b in sample_document.body if isinstance(b, Heading) and b.style == "la-ma"]
    assert len(tops) == len(romans) >= 3
    tops[1].getparent().getparent().addprevious(_new_top_heading(tops[1], "MỤC CHÈN THÊM KHI GÓP Ý"))
    edited = tmp_path / "edited.fodt"
    tree.write(str(edited), xml_declaration=True, encoding="UTF-8")
    [pdf] = convert([edited], "pdf", tmp_path / "pdf", profile)
    text = re.sub(r"\s+", " ", " ".join(pdf_pages(pdf)))
    assert "I. MỘT SỐ KẾT QUẢ CHỦ YẾU" in text
    assert "II. MỤC CHÈN THÊM KHI GÓP Ý III." in text          # an empty section, numbered
    assert "III. ĐÁNH GIÁ CHUNG 1. Ưu điểm" in text             # Arabic restarts under it
    for number, heading in enumerate(romans[1:], start=3):
        label = dataclasses.replace(heading, label=f"{_roman(number)}.").display_text()
        assert label[:30] in text, f"not renumbered: {label}"
        assert not re.search(r"(?<![IVXLC])" + re.escape(heading.display_text()[:30]), text)


def _new_top_heading(heading, title: str):
    """A copy of the ``text:list`` holding *heading* (LibreOffice wraps list headings so),
    reduced to that heading with *title*, as a reviewer's new section would be."""
    item = heading.getparent()
    assert item.tag == f"{{{TEXT_NS}}}list-item" and item.getparent().tag == f"{{{TEXT_NS}}}list"
    clone = copy.deepcopy(item.getparent())
    for element in clone.iter():
        element.attrib.pop("{http://www.w3.org/XML/1998/namespace}id", None)
    new_item = clone.find(f"{{{TEXT_NS}}}list-item")
    for extra in [*clone][1:] + [*new_item][1:]:
        extra.getparent().remove(extra)
    new_heading = new_item[0]
    for child in list(new_heading):
        new_heading.remove(child)
    new_heading.text = title
    return clone


def _roman(number: int) -> str:
    from baocao.formatting import roman

    return roman(number)
