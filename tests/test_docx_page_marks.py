"""Issue 14 item 4: the short rules keep a gap below their text, appendix titles are in the
navigation pane (outline level), landscape appendices keep the binding margin on the bound edge.

Checked on LibreOffice's PDF with poppler: the rule is found in the page image
(pdftoppm), the text positions come from ``pdftotext -bbox``.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx_support import convert, fixture_document, soffice
from lxml import etree

from baocao.writers.docx import write_docx
from baocao.writers.docx.layout import section_margins

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MM_PER_PT = 25.4 / 72
DPI = 144
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def fixture_docx(tmp_path_factory) -> tuple[object, Path]:
    document = fixture_document()
    path = tmp_path_factory.mktemp("marks") / "phu-luc.docx"
    write_docx(document, path)
    return document, path


def _xml(path: Path, name: str):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def test_appendix_titles_have_an_outline_level(fixture_docx):
    document, path = fixture_docx
    body = _xml(path, "word/document.xml")
    titled = [p for p in body.iter(f"{{{W}}}p")
              if p.find("w:pPr/w:pStyle[@w:val='BCPhuLucTieuDe']", NS) is not None]
    assert ["".join(p.itertext()) for p in titled] == [a.title for a in document.appendices]
    for paragraph in titled:
        assert paragraph.find("w:pPr/w:outlineLvl", NS).get(f"{{{W}}}val") == "0"


def test_landscape_appendix_turns_the_margins_with_the_sheet(fixture_docx):
    document, path = fixture_docx
    page = document.page
    body = _xml(path, "word/document.xml")
    sections = list(body.iter(f"{{{W}}}sectPr"))
    landscape = [s for s in sections if s.find("w:pgSz[@w:orient='landscape']", NS) is not None]
    portrait = [s for s in sections if s not in landscape]
    assert landscape and portrait

    def margins(sect):
        mar = sect.find("w:pgMar", NS)
        return {k: round(int(mar.get(f"{{{W}}}{k}")) / 1440 * 25.4) for k in ("top", "right", "bottom", "left")}

    assert margins(portrait[0]) == {"top": round(page.margin_top_mm), "right": round(page.margin_right_mm),
                                    "bottom": round(page.margin_bottom_mm), "left": round(page.margin_left_mm)}
    assert margins(landscape[0]) == {"top": round(page.margin_left_mm), "right": round(page.margin_top_mm),
                                     "bottom": round(page.margin_right_mm), "left": round(page.margin_bottom_mm)}
    turned = section_margins(page, landscape=True)
    assert turned.top == page.margin_left_mm          # binding margin on the bound (top) edge


@pytest.fixture(scope="module")
def fixture_pdf(fixture_docx, tmp_path_factory) -> Path:
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("marks-pdf")
    [pdf] = convert([fixture_docx[1]], "pdf", folder, folder / "profile")
    return pdf


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True, timeout=60).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def _page_size(pdf: Path, page: int) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    width, height = re.search(rf"Page\s+{page} size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return float(width), float(height)


def _gray_page(pdf: Path, page: int, tmp_path: Path) -> tuple[int, int, bytes]:
    stem = tmp_path / f"p{page}"
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True, timeout=60)
    data = (stem.with_suffix(".pgm")).read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, data[match.end():]


def _rule_below(image, x0: float, x1: float, y_text: float) -> float:
    """The y (points) of the first mostly dark pixel row spanning [x0, x1] below *y_text*."""
    width, height, pixels = image
    scale = DPI / 72
    left, right = int(x0 * scale), int(x1 * scale)
    for row in range(int(y_text * scale), min(int((y_text + 30) * scale), height)):
        line = pixels[row * width + left: row * width + right]
        if sum(1 for value in line if value < 128) > 0.3 * len(line):
            return row / scale
    raise AssertionError("no rule found below the text")


@pytest.mark.slow
@needs_soffice
def test_short_rules_sit_a_gap_below_their_text(fixture_pdf, fixture_docx, tmp_path):
    document, _ = fixture_docx
    words = _words(fixture_pdf, 1)
    image = _gray_page(fixture_pdf, 1, tmp_path)
    issuer_last = document.header.issuer_lines[-1].split()[-1]
    motto_last = document.header.motto.split()[-1]
    for last_word in (issuer_last, motto_last):
        x0, _y0, x1, y1 = next((a, b, c, d) for a, b, c, d, w in words if w == last_word)
        line = [w for w in words if abs(w[3] - y1) < 1]
        start = min(w[0] for w in line if w[0] > (x0 - 250) and w[2] <= x1 + 1)
        rule_y = _rule_below(image, max(start, x0 - 20), x1 - 2, y1)
        gap = rule_y - y1                  # below the text's bounding box (descenders included)
        assert 2.5 <= gap <= 8.0, f"rule under «{last_word}» {gap:.1f} pt below the text"


@pytest.mark.slow
@needs_soffice
def test_landscape_appendix_text_stays_inside_the_turned_margins(fixture_pdf, fixture_docx):
    document, _ = fixture_docx
    page_count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(fixture_pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    landscape = [n for n in range(1, page_count + 1) if _page_size(fixture_pdf, n)[0] > _page_size(fixture_pdf, n)[1]]
    assert landscape
    margins = section_margins(document.page, landscape=True)
    width, height = _page_size(fixture_pdf, landscape[0])
    words = _words(fixture_pdf, landscape[0])
    body = [w for w in words if not w[4].isdigit() or w[1] > margins.top / MM_PER_PT]  # the page number sits in the top margin
    assert min(w[1] for w in body) >= margins.top / MM_PER_PT - 1
    assert min(w[0] for w in body) >= margins.left / MM_PER_PT - 1
    assert max(w[2] for w in body) <= width - margins.right / MM_PER_PT + 1
    assert max(w[3] for w in body) <= height - margins.bottom / MM_PER_PT + 1
    assert min(w[1] for w in body) < margins.top / MM_PER_PT + 30     # the text starts at the top margin


def test_fixture_with_landscape_appendix_is_valid_ooxml(fixture_docx):
    from ooxml_support import validate_docx

    assert validate_docx(fixture_docx[1]) == []
