"""A report written as LibreOffice flat ODF (.fodt) — heading styles, bold/italic, footnotes, "- " items and an
appendix table — for converting with LibreOffice itself (``soffice --headless --convert-to docx``): a .docx
made by software we did not write, for the import tests."""

from __future__ import annotations

from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Standard" style:default-outline-level="1">
  <style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
  style:parent-style-name="Standard" style:default-outline-level="2">
  <style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph"
  style:parent-style-name="Standard" style:default-outline-level="3"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
</office:automatic-styles>
<office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"

#: the texts the tests look for
FIGURE = "1.428 tỷ đồng"
ITALIC = "mục tiêu kép"
NOTE_TEXT = "Quyết định số 531/QĐ-TTg ngày 01/4/2021 của Thủ tướng Chính phủ phê duyệt Chiến lược phát triển dịch vụ."
NOTE_TEXT_2 = "Kế hoạch số 106/KH-UBND ngày 10/3/2021 của UBND tỉnh."
STRAY_HEADING = "Một đề mục lạ không có trong mẫu"
STRAY_TEXT = "Đoạn văn lạc chỗ này phải được giữ lại trong nội dung chưa xếp mục."
STRENGTH = "Chỉ đạo, điều hành bám sát thực tiễn, kịp thời tháo gỡ khó khăn cho doanh nghiệp."
WEAKNESS = "Phối hợp giữa một số sở, ngành còn chậm."
HEALTH = "Triển khai tiêm vắc-xin phòng Covid-19 đúng tiến độ."


def _h(level: int, text: str) -> str:
    return f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{escape(text)}</text:h>'


def _p(xml: str) -> str:
    return f"<text:p>{xml}</text:p>"


def _note(n: int, text: str) -> str:
    return (f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
            f"<text:note-body><text:p>{escape(text)}</text:p></text:note-body></text:note>")


def _cell(value: str, extra: str = "") -> str:
    return f'<table:table-cell office:value-type="string"{extra}><text:p>{escape(value)}</text:p></table:table-cell>'


def _header(headers: list[tuple[str | None, str]]) -> str:
    """One header row, or two when columns have a group: the group spans its columns (merged cells, as Word
    and LibreOffice write them), ungrouped headers span both rows."""
    if not any(group for group, _h in headers):
        return "<table:table-row>" + "".join(_cell(h) for _g, h in headers) + "</table:table-row>"
    top, bottom, index = [], [], 0
    while index < len(headers):
        group, header = headers[index]
        if not group:
            top.append(_cell(header, ' table:number-rows-spanned="2"'))
            bottom.append("<table:covered-table-cell/>")
            index += 1
            continue
        run = 1
        while index + run < len(headers) and headers[index + run][0] == group:
            run += 1
        top.append(_cell(group, f' table:number-columns-spanned="{run}"'))
        top.extend("<table:covered-table-cell/>" for _ in range(run - 1))
        bottom.extend(_cell(h) for _g, h in headers[index:index + run])
        index += run
    return f"<table:table-row>{''.join(top)}</table:table-row><table:table-row>{''.join(bottom)}</table:table-row>"


def _table(headers: list[tuple[str | None, str]], rows: list[list[str]]) -> str:
    body = "".join(f"<table:table-row>{''.join(_cell(v) for v in r)}</table:table-row>" for r in rows)
    return (f'<table:table table:name="PhuLuc"><table:table-column table:number-columns-repeated="{len(headers)}"/>'
            f"<table:table-header-rows>{_header(headers)}</table:table-header-rows>{body}</table:table>")


def report_fodt(table_headers: list[tuple[str | None, str]], table_rows: list[list[str]]) -> str:
    """The report: front matter, results with a bold figure, an italic phrase and two footnotes, a heading no
    section has, the assessment, and an appendix table with *table_headers* ((group, header) per column) and
    *table_rows*."""
    parts = [
        _p("BÁO CÁO"),
        _h(1, "I. MỘT SỐ KẾT QUẢ CHỦ YẾU"),
        _h(2, "2. Về công tác quản lý, chỉ đạo, điều hành của tập thể lãnh đạo UBND tỉnh"),
        _h(3, "a) Về phát triển kinh tế - xã hội"),
        _p(f"- Tổng thu ngân sách 6 tháng đạt <text:span text:style-name=\"T1\">{escape(FIGURE)}</text:span>, "
           f"kiên trì <text:span text:style-name=\"T2\">{escape(ITALIC)}</text:span>{_note(1, NOTE_TEXT)}."),
        _p(f"- Đẩy nhanh giải ngân vốn đầu tư công{_note(2, NOTE_TEXT_2)}."),
        _h(3, "d) Về y tế"),
        _p(escape(HEALTH)),
        _h(2, STRAY_HEADING),
        _p(escape(STRAY_TEXT)),
        _h(1, "II. ĐÁNH GIÁ CHUNG"),
        _h(2, "1. Ưu điểm"),
        _p(escape(STRENGTH)),
        _h(2, "2. Tồn tại, hạn chế"),
        _p("- " + escape(WEAKNESS)),
        _p("Trên đây là báo cáo của UBND tỉnh./."),
        _p("Phụ lục 02"),
        _table(table_headers, table_rows),
    ]
    return HEAD + "\n".join(parts) + TAIL
