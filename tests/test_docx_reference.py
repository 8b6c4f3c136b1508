"""The reference .docx: shipped, complete, regenerated from the style table, overridable."""

from __future__ import annotations

import zipfile

from docx_support import NS, W, fixture_document, read_part, style_of
from lxml import etree

from baocao.writers.docx import write_docx
from baocao.writers.docx.make_reference import build_reference
from baocao.writers.docx.reference import default_reference_path
from baocao.writers.docx.writer import REQUIRED_STYLES


def _styles_bytes(docx_bytes_or_path) -> bytes:
    with zipfile.ZipFile(docx_bytes_or_path) as archive:
        return archive.read("word/styles.xml")


def test_shipped_reference_defines_every_style_the_writer_uses():
    reference = default_reference_path()
    assert reference.is_file()
    styles = read_part(reference, "word/styles.xml")
    for style_id in REQUIRED_STYLES:
        style_of(styles, style_id)


def test_shipped_reference_is_up_to_date_with_the_style_table(tmp_path):
    fresh = tmp_path / "fresh.docx"
    fresh.write_bytes(build_reference())
    assert _styles_bytes(fresh) == _styles_bytes(default_reference_path()), (
        "regenerate it: python -m baocao.writers.docx.make_reference")


def _restyled_reference(tmp_path, edit) -> object:
    """A copy of the shipped reference whose styles.xml went through *edit*."""
    source = default_reference_path()
    target = tmp_path / "goi-rieng.docx"
    styles = etree.fromstring(_styles_bytes(source))
    edit(styles)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = etree.tostring(styles) if item.filename == "word/styles.xml" else src.read(item)
            dst.writestr(item, data)
    return target


def test_maintainer_restyle_is_used_and_missing_styles_are_filled(tmp_path):
    def edit(styles):
        motto = style_of(styles, "BCTieuNgu")
        motto.find("w:rPr/w:sz", NS).set(f"{W}val", "28")             # 14 pt motto
        styles.remove(style_of(styles, "BCNoiNhan"))                    # a style the pack forgot

    reference = _restyled_reference(tmp_path, edit)
    out = tmp_path / "out.docx"
    write_docx(fixture_document(), out, reference)
    styles = read_part(out, "word/styles.xml")
    assert style_of(styles, "BCTieuNgu").find("w:rPr/w:sz", NS).get(f"{W}val") == "28"
    assert style_of(styles, "BCNoiNhan").find("w:rPr/w:sz", NS).get(f"{W}val") == "22"


def test_page_setup_comes_from_the_document_not_the_reference(tmp_path):
    document = fixture_document()
    page = document.page
    page.body_size_pt, page.first_line_indent_cm, page.space_after_pt, page.line_spacing = 13, 1.0, 8, 1.5
    page.margin_left_mm, page.margin_top_mm = 35, 25
    out = tmp_path / "out.docx"
    write_docx(document, out)
    styles = read_part(out, "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS).get(f"{W}val") == "26"
    body = style_of(styles, "BodyText")
    assert body.find("w:pPr/w:ind", NS).get(f"{W}firstLine") == "567"
    spacing = body.find("w:pPr/w:spacing", NS)
    assert (spacing.get(f"{W}after"), spacing.get(f"{W}line")) == ("160", "360")
    margins = read_part(out, "word/document.xml").find(".//w:sectPr/w:pgMar", NS)
    assert (margins.get(f"{W}left"), margins.get(f"{W}top")) == ("1984", "1417")


def test_same_document_gives_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625443200")
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(fixture_document(), first)
    write_docx(fixture_document(), second)
    assert first.read_bytes() == second.read_bytes()
