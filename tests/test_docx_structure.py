"""Structure of the exported .docx (zip + lxml): package, page setup, styles, blocks, tables."""

from __future__ import annotations

import pytest
from docx_support import (NS, W, fixture_document, paragraph_text, part_names, read_part, style_of)

from baocao.docmodel import Table
from baocao.writers.docx import write_docx
from baocao.writers.docx.metrics import text_width_pt
from baocao.writers.docx.ooxml import mm_to_twips

WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    write_docx(fixture_document(), path)
    return path


@pytest.fixture(scope="module")
def body(docx):
    return read_part(docx, "word/document.xml").find("w:body", NS)


@pytest.fixture(scope="module")
def styles(docx):
    return read_part(docx, "word/styles.xml")


def _val(element, path):
    found = element.find(path, NS)
    return None if found is None else found.get(f"{W}val", "1")


def _sections(body):
    return body.findall(".//w:sectPr", NS)


def test_package_parts_content_types_and_relationships(docx):
    names = set(part_names(docx))
    for name in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                 "word/settings.xml", "word/footnotes.xml", "word/_rels/document.xml.rels",
                 "docProps/core.xml", "docProps/app.xml", "word/header1.xml", "word/header2.xml"):
        assert name in names
    types = read_part(docx, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    assert overrides["/word/footnotes.xml"] == f"{WML}.footnotes+xml"
    assert overrides["/word/document.xml"] == f"{WML}.document.main+xml"
    assert overrides["/word/header1.xml"] == f"{WML}.header+xml"
    rels = read_part(docx, "word/_rels/document.xml.rels")
    targets = {r.get("Type").rsplit("/", 1)[-1]: r.get("Target") for r in rels}
    assert targets["footnotes"] == "footnotes.xml"
    assert targets["styles"] == "styles.xml"
    rel_ids = {r.get("Id") for r in rels}
    document = read_part(docx, "word/document.xml")
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    assert {h.get(r_id) for h in document.iter(f"{W}headerReference")} <= rel_ids


def test_a4_portrait_margins_and_first_page_without_number(docx, body):
    main = _sections(body)[0]
    size = main.find("w:pgSz", NS)
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (mm_to_twips(210), mm_to_twips(297))
    assert size.get(f"{W}orient") is None
    margins = main.find("w:pgMar", NS)
    expected = {"top": 20, "bottom": 20, "left": 30, "right": 15}
    for side, mm in expected.items():
        assert int(margins.get(f"{W}{side}")) == mm_to_twips(mm)
    assert main.find("w:titlePg", NS) is not None
    refs = {h.get(f"{W}type"): h for h in main.findall("w:headerReference", NS)}
    assert set(refs) == {"default", "first"}
    default_header = read_part(docx, "word/header1.xml")
    first_header = read_part(docx, "word/header2.xml")
    assert "PAGE" in "".join(t.text for t in default_header.iter(f"{W}instrText"))
    assert _val(default_header, ".//w:pPr/w:pStyle") == "Header"
    assert not list(first_header.iter(f"{W}instrText")) and not paragraph_text(first_header)


def test_appendix_sections_landscape_and_numbering_restarts(body):
    document = fixture_document()
    sections = _sections(body)
    assert len(sections) == 1 + len(document.appendices)
    assert sections[-1].getparent() is body              # last section is the body's own sectPr
    for section, appendix in zip(sections[1:], document.appendices, strict=True):
        size = section.find("w:pgSz", NS)
        width, height = int(size.get(f"{W}w")), int(size.get(f"{W}h"))
        if appendix.orientation == "landscape":
            assert size.get(f"{W}orient") == "landscape" and width > height
        else:
            assert width < height
        assert section.find("w:pgNumType", NS).get(f"{W}start") == "1"
        assert section.find("w:type", NS) is None or _val(section, "w:type") == "nextPage"
    # the paragraph right after the first section break starts the first appendix
    paragraphs = body.findall("w:p", NS)
    breaks = [i for i, p in enumerate(paragraphs) if p.find("w:pPr/w:sectPr", NS) is not None]
    first = paragraphs[breaks[0] + 1]
    assert paragraph_text(first) == "Phụ lục 01"
    assert _val(first, "w:pPr/w:pStyle") == "BCPhuLucNhan"
    assert [paragraph_text(p) for p in paragraphs[breaks[0] + 2:breaks[0] + 4]] == [
        "Kết quả thực hiện nhiệm vụ được giao", document.appendices[0].attached_line]


def test_font_size_language_and_body_paragraph(styles, docx):
    rpr = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = rpr.find("w:rFonts", NS)
    assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert _val(rpr, "w:sz") == "28"
    lang = rpr.find("w:lang", NS)
    assert lang.get(f"{W}val") == "vi-VN" and lang.get(f"{W}eastAsia") and lang.get(f"{W}bidi")
    settings = read_part(docx, "word/settings.xml")
    assert _val(settings, "w:themeFontLang") == "vi-VN"
    body_text = style_of(styles, "BodyText")
    assert _val(body_text, "w:pPr/w:jc") == "both"
    assert int(body_text.find("w:pPr/w:ind", NS).get(f"{W}firstLine")) == 720      # 1.27 cm
    spacing = body_text.find("w:pPr/w:spacing", NS)
    assert int(spacing.get(f"{W}after")) >= 120                                      # ≥ 6 pt
    assert spacing.get(f"{W}line") == "276" and spacing.get(f"{W}lineRule") == "auto"
    core = read_part(docx, "docProps/core.xml")
    assert core.find("{http://purl.org/dc/elements/1.1/}language").text == "vi-VN"


@pytest.mark.parametrize("style_id, size, bold, italic, caps", [
    ("BCCoQuanChuQuan", 26, "0", None, "1"),
    ("BCCoQuanBanHanh", 26, "1", None, "1"),
    ("BCSoKyHieu", 26, None, None, None),
    ("BCQuocHieu", 24, "1", None, "1"),
    ("BCTieuNgu", 26, "1", None, None),
    ("BCDiaDanhNgay", 28, None, "1", None),
    ("BCTenLoai", 28, "1", None, "1"),
    ("BCTrichYeu", 28, "1", None, None),
    ("FootnoteText", 24, None, None, None),
    ("BCNoiNhanTieuDe", 24, "1", "1", None),
    ("BCNoiNhan", 22, None, None, None),
    ("BCChucVu", 28, "1", None, "1"),
    ("BCNguoiKy", 28, "1", None, None),
])
def test_component_styles(styles, style_id, size, bold, italic, caps):
    style = style_of(styles, style_id)
    assert _val(style, "w:rPr/w:sz") == str(size)
    assert _val(style, "w:rPr/w:b") == bold
    assert _val(style, "w:rPr/w:i") == italic
    assert _val(style, "w:rPr/w:caps") == caps


def test_footnote_reference_style_is_superscript(styles):
    assert _val(style_of(styles, "FootnoteReference"), "w:rPr/w:vertAlign") == "superscript"


def test_headings_are_word_headings_with_decree_layout(body, styles):
    for level in range(1, 5):
        heading = style_of(styles, f"Heading{level}")
        assert heading.find("w:name", NS).get(f"{W}val") == f"heading {level}"
        assert _val(heading, "w:pPr/w:outlineLvl") == str(level - 1)
    # each level is based on the layout the document uses there
    assert _val(style_of(styles, "Heading1"), "w:basedOn") == "BCDeMucPhan"
    assert _val(style_of(styles, "Heading2"), "w:basedOn") == "BCDeMucLaMa"
    assert _val(style_of(styles, "Heading3"), "w:basedOn") == "BCDeMucSo"
    assert _val(style_of(styles, "Heading4"), "w:basedOn") in ("BCDeMucChuNgoac", "BCDeMucChuCham")
    # decree weights: I. bold capitals, 1. bold, a) regular, Phần centred bold
    assert _val(style_of(styles, "BCDeMucLaMa"), "w:rPr/w:b") == "1"
    assert _val(style_of(styles, "BCDeMucLaMa"), "w:rPr/w:caps") == "1"
    assert _val(style_of(styles, "BCDeMucSo"), "w:rPr/w:b") == "1"
    assert _val(style_of(styles, "BCDeMucChuNgoac"), "w:rPr/w:b") is None
    assert _val(style_of(styles, "BCDeMucPhan"), "w:pPr/w:jc") == "center"
    # the run-in unnumbered heading at level 3 keeps outline level 3 through a derived style
    derived = style_of(styles, "Heading3BCDeMucKhong")
    assert _val(derived, "w:basedOn") == "BCDeMucKhong"
    assert _val(derived, "w:pPr/w:outlineLvl") == "2"
    document = fixture_document()
    headings = [p for p in body.iter(f"{W}p")
                if (_val(p, "w:pPr/w:pStyle") or "").startswith("Heading")]
    expected = [b for b in document.body if type(b).__name__ == "Heading"]
    assert len(headings) == len(expected)
    part = headings[0]
    assert part.find(".//w:br", NS) is not None          # Phần thứ nhất ↵ TITLE
    assert _val(part, "w:r[3]/w:rPr/w:rStyle") == "BCChuHoa"
    run_in = headings[[b.style for b in expected].index("khong")]
    assert paragraph_text(run_in).startswith("Đánh giá chung: kết quả đạt khá")
    assert "BCNoiDungTiep" in {_val(r, "w:rPr/w:rStyle") for r in run_in.findall("w:r", NS)}


def test_header_block_is_a_borderless_two_column_table(body, styles):
    table = body.find("w:tbl", NS)
    assert body.index(table) == 0
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert {b.get(f"{W}val") for b in borders} == {"nil"}
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 2
    cells = table.findall("w:tr/w:tc", NS)
    left_top, right_top, left_bottom, right_bottom = cells
    left = [(_val(p, "w:pPr/w:pStyle"), paragraph_text(p)) for p in left_top.findall("w:p", NS)]
    assert left == [("BCCoQuanChuQuan", "UBND TỈNH ĐẮK NÔNG"), ("BCCoQuanBanHanh", "VĂN PHÒNG"),
                    ("BCDuongKe", "")]
    right = [(_val(p, "w:pPr/w:pStyle"), paragraph_text(p)) for p in right_top.findall("w:p", NS)]
    assert right[:2] == [("BCQuocHieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                         ("BCTieuNgu", "Độc lập - Tự do - Hạnh phúc")]
    # the motto's rule is as long as the motto (within 2 mm)
    rule = right_top.findall("w:p", NS)[2]
    ind = rule.find("w:pPr/w:ind", NS)
    cell_width = int(right_top.find("w:tcPr/w:tcW", NS).get(f"{W}w")) - 2 * 57
    rule_twips = cell_width - int(ind.get(f"{W}left")) - int(ind.get(f"{W}right"))
    motto_twips = text_width_pt("Độc lập - Tự do - Hạnh phúc", 13, bold=True) * 20
    assert abs(rule_twips - motto_twips) < mm_to_twips(2)
    assert style_of(styles, "BCDuongKe").find("w:pPr/w:pBdr/w:bottom", NS).get(f"{W}val") == "single"
    # number line and the boxed draft mark below the issuer; italic date on the right
    assert [paragraph_text(p) for p in left_bottom.findall("w:p", NS)] == ["Số:      /BC-UBND", "DỰ THẢO"]
    assert _val(left_bottom, "w:p[2]/w:pPr/w:pStyle") == "BCDuThao"
    box = style_of(styles, "BCDuThao").find("w:pPr/w:pBdr", NS)
    assert {child.tag.split("}")[1] for child in box} == {"top", "left", "bottom", "right"}
    assert paragraph_text(right_bottom.find("w:p", NS)) == "Đắk Nông, ngày 05 tháng 7 năm 2021"
    # then the title, the summary and a short rule
    after = table.getnext()
    assert (_val(after, "w:pPr/w:pStyle"), paragraph_text(after)) == ("BCTenLoai", "BÁO CÁO")
    assert _val(after.getnext(), "w:pPr/w:pStyle") == "BCTrichYeu"
    assert _val(after.getnext().getnext(), "w:pPr/w:pStyle") == "BCDuongKeTrichYeu"


def test_no_draft_mark_when_final(tmp_path):
    document = fixture_document()
    document.header.draft_mark = None
    path = tmp_path / "final.docx"
    write_docx(document, path)
    text = "".join(t.text or "" for t in read_part(path, "word/document.xml").iter(f"{W}t"))
    assert "DỰ THẢO" not in text


def test_tables_header_repeat_merges_widths_alignment_totals(body):
    document = fixture_document()
    model = document.body[[type(b).__name__ for b in document.body].index("Table")]
    table = body.findall("w:tbl", NS)[1]
    assert _val(table, "w:tblPr/w:tblStyle") == "BCBang"
    widths = [int(c.get(f"{W}w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert widths == [mm_to_twips(c.width_mm) for c in model.columns]
    rows = table.findall("w:tr", NS)
    header_flags = [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows]
    assert header_flags == [True, True] + [False] * (len(rows) - 2)
    top = rows[0].findall("w:tc", NS)
    assert [paragraph_text(c) for c in top] == ["STT", "Cơ quan, đơn vị", "Tổng số", "Đã hoàn thành",
                                                "Chưa hoàn thành"]
    assert _val(top[0], "w:tcPr/w:vMerge") == "restart"
    assert _val(top[3], "w:tcPr/w:gridSpan") == "2"
    assert top[4].find("w:tcPr/w:gridSpan", NS) is None   # a one-column group
    bottom = rows[1].findall("w:tc", NS)
    assert len(bottom) == 6
    assert bottom[0].find("w:tcPr/w:vMerge", NS).get(f"{W}val") is None   # continuation
    assert [paragraph_text(c) for c in bottom[3:]] == ["Đúng hạn", "Quá hạn", "Trong hạn"]
    first_data = rows[2].findall("w:tc", NS)
    aligns = [_val(c, "w:p/w:pPr/w:jc") for c in first_data]
    assert aligns == ["center", None, "right", "right", "right", "right"]
    total = rows[-1]
    assert [paragraph_text(c) for c in total.findall("w:tc", NS)] == model.total_row
    assert {_val(c, "w:p/w:pPr/w:pStyle") for c in total.findall("w:tc", NS)} == {"BCBangTong"}
    assert len(rows) == 2 + len(model.rows) + 1


def test_too_wide_table_is_fitted_to_the_page(tmp_path):
    document = fixture_document()
    table = next(b for b in document.body if isinstance(b, Table))
    document.appendices[1].blocks[0] = table
    for column in table.columns:
        column.width_mm = 80
    path = tmp_path / "wide.docx"
    write_docx(document, path)
    tables = read_part(path, "word/document.xml").findall(".//w:tbl", NS)
    widths = [int(c.get(f"{W}w")) for c in tables[-1].findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) <= mm_to_twips(210 - 30 - 15) + len(widths)


def test_closing_signature_and_recipients(body):
    tables = body.findall("w:tbl", NS)
    signature = tables[2]
    assert {b.get(f"{W}val") for b in signature.find("w:tblPr/w:tblBorders", NS)} == {"nil"}
    left, right = signature.findall("w:tr/w:tc", NS)
    lines = [(_val(p, "w:pPr/w:pStyle"), paragraph_text(p)) for p in left.findall("w:p", NS)]
    assert lines == [("BCNoiNhanTieuDe", "Nơi nhận:"), ("BCNoiNhan", "- Văn phòng Chính phủ;"),
                     ("BCNoiNhan", "- Thường trực Tỉnh ủy;"), ("BCNoiNhan", "- Lưu: VT, TH.")]
    sign = [(_val(p, "w:pPr/w:pStyle"), paragraph_text(p)) for p in right.findall("w:p", NS)]
    assert sign == [("BCChucVu", "TM. ỦY BAN NHÂN DÂN"), ("BCChucVu", "KT. CHỦ TỊCH"),
                    ("BCChucVu", "PHÓ CHỦ TỊCH"), ("BCNguoiKy", "Lê Văn Khánh")]
    closing = signature.getprevious()
    assert paragraph_text(closing).endswith("./.")
    assert _val(closing, "w:pPr/w:pStyle") == "BCDoanKetThuc"


def test_paragraph_formatting_from_the_model(body):
    paragraphs = {paragraph_text(p): p for p in body.iter(f"{W}p")}
    centred = paragraphs["Đoạn căn giữa không thụt đầu dòng."]
    assert _val(centred, "w:pPr/w:jc") == "center"
    assert centred.find("w:pPr/w:ind", NS).get(f"{W}firstLine") == "0"
    first = next(p for text, p in paragraphs.items() if text.startswith("Thực hiện Nghị quyết"))
    runs = {paragraph_text(r): r for r in first.findall("w:r", NS)}
    assert runs["Kế hoạch số 26/KH-UBND"].find("w:rPr/w:b", NS) is not None
    assert runs["Chỉ thị số 06/CT-UBND"].find("w:rPr/w:i", NS) is not None
    dash = next(p for text, p in paragraphs.items() if text.startswith("- Ban hành 05"))
    assert _val(dash, "w:pPr/w:pStyle") == "BCDoanGach"
