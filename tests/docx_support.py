"""Helpers for the DOCX writer tests: a fixture report, part readers, LibreOffice conversion."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from baocao.docmodel import (Appendix, Document, Footnote, FootnoteRef, HeaderInfo, Heading, PageBreak,
                             PageSetup, Paragraph, RecipientsInfo, SignatureInfo, Table, TableColumn, Text)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}

#: Footnote texts of the fixture, by model number (5 is never cited).
NOTE_TEXTS = {
    1: "Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ.",
    2: "Đoạn thứ nhất của chú thích nhiều đoạn.",
    3: "Chú thích của đề mục chạy liền.",
    4: "Chú thích trong phụ lục.",
    5: "Chú thích không được dẫn.",
}
NOTE_2_SECOND = "Đoạn thứ hai của chú thích nhiều đoạn."
FILLER = ("UBND tỉnh đã chỉ đạo các sở, ban, ngành và UBND các huyện, thành phố triển khai thực hiện "
          "các nhiệm vụ, giải pháp chủ yếu về phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh "
          "và phòng, chống dịch Covid-19 theo đúng kế hoạch đề ra. ")


def grouped_table(table_id: str, rows: int) -> Table:
    """A task table with a two-row grouped header and a total row."""
    columns = [
        TableColumn("stt", "STT", 12, align="center"),
        TableColumn("don_vi", "Cơ quan, đơn vị", 60),
        TableColumn("tong", "Tổng số", 22, numeric=True),
        TableColumn("dung_han", "Đúng hạn", 22, numeric=True, group="Đã hoàn thành"),
        TableColumn("qua_han", "Quá hạn", 22, numeric=True, group="Đã hoàn thành"),
        TableColumn("trong_han", "Trong hạn", 22, numeric=True, group="Chưa hoàn thành"),
    ]
    body = [[str(i + 1), f"Đơn vị số {i + 1}", str(10 + i), str(8 + i), "01", "01"] for i in range(rows)]
    total = ["", "Tổng cộng", str(sum(10 + i for i in range(rows))), str(sum(8 + i for i in range(rows))),
             f"{rows:02d}", f"{rows:02d}"]
    return Table(table_id, columns, body, total_row=total)


def fixture_document() -> Document:
    """A small report with every block kind, a twice-cited note, a multi-paragraph note,
    a run-in heading, a grouped table, a page break and a landscape appendix."""
    fill = [Paragraph([Text(FILLER * 3)]) for _ in range(4)]
    body = [
        Heading(1, "Phần thứ nhất", "Kết quả thực hiện nhiệm vụ", "phan", section_id="phan-1"),
        Heading(2, "I.", "Một số kết quả chủ yếu", "la-ma", section_id="ket-qua"),
        Heading(3, "1.", "Về thực hiện các chỉ đạo của Trung ương", "so"),
        Paragraph([Text("Thực hiện Nghị quyết số 01/NQ-CP"), FootnoteRef(1),
                   Text(", UBND tỉnh đã ban hành "), Text("Kế hoạch số 26/KH-UBND", bold=True),
                   Text(" và "), Text("Chỉ thị số 06/CT-UBND", italic=True), Text(".")]),
        Paragraph([Text("Ban hành 05 Chỉ thị"), FootnoteRef(2), Text(";")], bullet="-"),
        Paragraph([Text("Ban hành 12 Kế hoạch;")], bullet="+"),
        Heading(4, "a)", "Kết quả thực hiện nhiệm vụ được giao", "chu-ngoac"),
        Paragraph([Text("Tiếp tục thực hiện Nghị quyết số 01/NQ-CP"), FootnoteRef(1), Text(" (nhắc lại).")]),
        Paragraph([Text("Đoạn căn giữa không thụt đầu dòng.")], align="center", indent=False),
        grouped_table("bang-than", 4),
        *fill,
        Heading(3, "", "Đánh giá chung:", "khong",
                inline=[Text("kết quả đạt khá"), FootnoteRef(3), Text(", còn một số hạn chế.")]),
        PageBreak(),
        Heading(1, "Phần thứ hai", "Phương hướng, nhiệm vụ", "phan"),
        Heading(2, "II.", "Nhiệm vụ trọng tâm", "la-ma"),
        Heading(3, "2.", "Nhiệm vụ cụ thể", "so"),
        Heading(4, "b.", "Về kinh tế", "chu-cham"),
        *fill,
    ]
    appendices = [
        Appendix("phu-luc-01", "Phụ lục 01", "Kết quả thực hiện nhiệm vụ được giao",
                 "(Kèm theo Báo cáo số      /BC-UBND ngày 05/7/2021 của UBND tỉnh)", "landscape",
                 [grouped_table("bang-phu-luc", 40),
                  Paragraph([Text("Ghi chú phụ lục"), FootnoteRef(4), Text(".")])]),
        Appendix("phu-luc-02", "Phụ lục 02", "Danh mục văn bản", "(Kèm theo Báo cáo số …)", "portrait",
                 [Paragraph([Text("Danh mục văn bản ban hành.")])]),
    ]
    notes = [Footnote(n, [[Text(text)]]) for n, text in NOTE_TEXTS.items()]
    notes[1] = Footnote(2, [[Text(NOTE_TEXTS[2])], [Text(NOTE_2_SECOND, italic=True)]])
    return Document(
        page=PageSetup(),
        header=HeaderInfo(
            issuer_lines=["UBND TỈNH ĐẮK NÔNG", "VĂN PHÒNG"], parent_line_count=1,
            number_line="Số:      /BC-UBND", national_title="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            motto="Độc lập - Tự do - Hạnh phúc", date_line="Đắk Nông, ngày 05 tháng 7 năm 2021",
            doc_type="BÁO CÁO",
            summary="Công tác chỉ đạo, điều hành 6 tháng đầu năm, phương hướng, nhiệm vụ 6 tháng cuối năm 2021",
            draft_mark="DỰ THẢO"),
        body=body,
        closing=[Paragraph([Text("Trên đây là báo cáo công tác chỉ đạo, điều hành./.")])],
        signature=SignatureInfo(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Lê Văn Khánh"),
        recipients=RecipientsInfo("Nơi nhận:", ["Văn phòng Chính phủ;", "Thường trực Tỉnh ủy;",
                                                "Lưu: VT, TH."]),
        appendices=appendices,
        footnotes=notes,
        template_id="thu",
    )


def read_part(docx: Path, name: str) -> etree._Element:
    """Parse one XML part of a .docx."""
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


def part_names(docx: Path) -> list[str]:
    """Every part name in a .docx."""
    with zipfile.ZipFile(docx) as archive:
        return archive.namelist()


def style_of(styles: etree._Element, style_id: str) -> etree._Element:
    """The ``w:style`` element of *style_id* (AssertionError when missing)."""
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, f"style {style_id} missing"
    return found


def paragraph_text(p: etree._Element) -> str:
    """Concatenated ``w:t`` of a paragraph."""
    return "".join(t.text or "" for t in p.iter(W + "t"))


def soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], fmt: str, outdir: Path, profile: Path) -> list[Path]:
    """Convert *files* with one headless LibreOffice run (private profile); return the outputs."""
    outdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(profile.parent)}
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=240, env=env)
    suffix = "." + fmt.split(":")[0]
    outputs = [outdir / (f.stem + suffix) for f in files]
    for output in outputs:
        assert output.exists(), f"LibreOffice did not produce {output.name}"
    return outputs


def pdf_pages(pdf: Path) -> list[str]:
    """Text of each page (pdftotext, reading order)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def first_line(page: str) -> str:
    """First non-empty line of a page's text."""
    return next((line.strip() for line in page.splitlines() if line.strip()), "")
