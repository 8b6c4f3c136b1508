"""A short specimen report that shows every style of the reference .docx.

``make_reference`` exports it with the freshly built styles, so the shipped
``reference.docx`` is itself a sample: a maintainer opens it in Word, sees
each block in its style (names start with "BC"), restyles and saves.
"""

from __future__ import annotations

from ...docmodel import (Appendix, Document, Footnote, FootnoteRef, HeaderInfo, Heading, PageSetup,
                         Paragraph, RecipientsInfo, SignatureInfo, Table, TableColumn, Text)


def _p(text: str, *inlines, bullet: str | None = None) -> Paragraph:
    return Paragraph([Text(text), *inlines], bullet=bullet)


def specimen_document() -> Document:
    """The specimen report (Vietnamese; each paragraph names its style)."""
    columns = [
        TableColumn("stt", "STT", 12, align="center"),
        TableColumn("don_vi", "Đơn vị", 58),
        TableColumn("tong", "Tổng số", 22, numeric=True),
        TableColumn("dung_han", "Đúng hạn", 24, numeric=True, group="Đã hoàn thành"),
        TableColumn("qua_han", "Quá hạn", 24, numeric=True, group="Đã hoàn thành"),
    ]
    table = Table("bang-mau", columns, [["1", "Sở Kế hoạch và Đầu tư", "12", "10", "02"],
                                        ["2", "Sở Tài chính", "08", "08", "0"]],
                  total_row=["", "Tổng cộng", "20", "18", "02"])
    body = [
        Heading(1, "Phần thứ nhất", "Đề mục phần (kiểu BC Đề mục Phần)", "phan"),
        Heading(2, "I.", "Đề mục La Mã (kiểu BC Đề mục La Mã)", "la-ma"),
        Heading(3, "1.", "Đề mục số (kiểu BC Đề mục số)", "so"),
        _p("Đoạn văn thường (kiểu Body Text): cỡ chữ, thụt đầu dòng, giãn dòng lấy theo mục "
           "[page] của gói mẫu; căn đều hai lề", FootnoteRef(1), Text(".")),
        _p("Đoạn gạch đầu dòng (kiểu BC Đoạn gạch đầu dòng).", bullet="-"),
        _p("Đoạn dấu cộng (kiểu BC Đoạn dấu cộng).", bullet="+"),
        Heading(4, "a)", "Đề mục chữ (kiểu BC Đề mục chữ a))", "chu-ngoac"),
        Heading(4, "b.", "Đề mục chữ chấm (kiểu BC Đề mục chữ a.)", "chu-cham"),
        Heading(3, "", "Đề mục không số:", "khong",
                inline=[Text("nội dung tiếp cùng dòng (kiểu ký tự BC Nội dung tiếp đề mục).")]),
        table,
        _p("Bảng số liệu dùng kiểu bảng BC Bảng số liệu; tiêu đề cột, nội dung và dòng tổng có "
           "kiểu riêng", FootnoteRef(1), Text(".")),
    ]
    return Document(
        page=PageSetup(),
        header=HeaderInfo(
            issuer_lines=["UBND TỈNH MẪU", "VĂN PHÒNG"], parent_line_count=1,
            number_line="Số:      /BC-UBND",
            national_title="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            motto="Độc lập - Tự do - Hạnh phúc",
            date_line="Mẫu, ngày      tháng      năm 20…",
            doc_type="Báo cáo",
            summary="Mẫu định dạng của báo cáo (sửa kiểu trong Word rồi lưu lại tệp này)",
            draft_mark="DỰ THẢO"),
        body=body,
        closing=[_p("Đoạn kết thúc./.")],
        signature=SignatureInfo(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Nguyễn Văn A"),
        recipients=RecipientsInfo("Nơi nhận:", ["Như trên;", "Lưu: VT, TH."]),
        appendices=[Appendix("phu-luc-mau", "Phụ lục 01", "Tên phụ lục (kiểu BC Phụ lục - tên)",
                             "(Kèm theo Báo cáo số      /BC-UBND ngày      của UBND tỉnh)",
                             "landscape", [table])],
        footnotes=[Footnote(1, [[Text("Chú thích (kiểu footnote text, số chú thích: footnote reference).")]])],
        template_id="mau",
    )
