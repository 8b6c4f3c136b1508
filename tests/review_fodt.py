"""A reviewed report written as LibreOffice flat ODF (.fodt) — tracked changes and annotations — for
converting with LibreOffice itself (``soffice --headless --convert-to docx``): a .docx made by software
we did not write, for the review import tests."""

from __future__ import annotations

from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"


def _info(author: str, date: str) -> str:
    return f"<office:change-info><dc:creator>{escape(author)}</dc:creator><dc:date>{date}</dc:date></office:change-info>"


def reviewed_fodt(first: str, second: str, stray: str, author: str = "Trần Văn Hùng") -> str:
    """A document with: *first* with "đầu năm" replaced by "tháng Giêng" (tracked) and a comment on
    "UBND tỉnh"; *second* with a tracked insertion at its end and a comment; *stray* (text no section
    has) with a comment.  Dates are 29/6/2021."""
    date = "2021-06-29T08:00:00"
    head, tail = first.split("đầu năm", 1)
    at = tail.index("UBND tỉnh")
    changes = (f'<text:tracked-changes text:track-changes="true">'
               f'<text:changed-region xml:id="ct1" text:id="ct1"><text:deletion>{_info(author, date)}'
               f'<text:p>đầu năm</text:p></text:deletion></text:changed-region>'
               f'<text:changed-region xml:id="ct2" text:id="ct2"><text:insertion>{_info(author, date)}'
               f'</text:insertion></text:changed-region>'
               f'<text:changed-region xml:id="ct3" text:id="ct3"><text:insertion>{_info(author, date)}'
               f'</text:insertion></text:changed-region></text:tracked-changes>')
    note = (f'<office:annotation office:name="a1"><dc:creator>{escape(author)}</dc:creator>'
            f'<dc:date>2021-06-29T08:15:00</dc:date><text:p>Ghi đủ tên cơ quan: Ủy ban nhân dân tỉnh</text:p>'
            f'</office:annotation>')
    p1 = (f"<text:p>{escape(head)}<text:change text:change-id=\"ct1\"/>"
          f"<text:change-start text:change-id=\"ct2\"/>tháng Giêng<text:change-end text:change-id=\"ct2\"/>"
          f"{escape(tail[:at])}{note}UBND tỉnh<office:annotation-end office:name=\"a1\"/>"
          f"{escape(tail[at + len('UBND tỉnh'):])}</text:p>")
    note2 = (f'<office:annotation office:name="a2"><dc:creator>Lê Thị Mai</dc:creator>'
             f'<dc:date>2021-06-30T09:00:00</dc:date><text:p>Đã rà soát đoạn này</text:p></office:annotation>')
    words = second.split(" ")
    p2 = (f"<text:p>{note2}{escape(' '.join(words[:4]))}<office:annotation-end office:name=\"a2\"/> "
          f"{escape(' '.join(words[4:]))}<text:change-start text:change-id=\"ct3\"/> Kết quả được báo cáo "
          f"kịp thời.<text:change-end text:change-id=\"ct3\"/></text:p>")
    note3 = (f'<office:annotation office:name="a3"><dc:creator>{escape(author)}</dc:creator>'
             f'<dc:date>2021-06-29T08:30:00</dc:date><text:p>Đoạn này lấy ở đâu?</text:p></office:annotation>')
    p3 = f"<text:p>{note3}{escape(stray)}<office:annotation-end office:name=\"a3\"/></text:p>"
    return HEAD + changes + p1 + p2 + p3 + TAIL
