"""Names, markers and wording of the contributions room, in one place."""

from __future__ import annotations

import re

#: key of ``draft.extras`` holding units, requests and contributions
EXTRA_NAME = "dong-gop"
#: request codes: "YC-" and 8 capital letters or digits ("YC-7F3A9C21"); printed on the request
REQUEST_CODE = re.compile(r"\bYC-[0-9A-F]{8}\b")
#: the code of a requested section at the end of its heading: "[mã mục: nhiem-vu-cap-tren]"
SECTION_CODE = re.compile(r"\[\s*mã mục:\s*([a-z0-9][a-z0-9_-]{0,79})\s*\]", re.IGNORECASE)
SECTION_CODE_TEXT = "[mã mục: {id}]"

#: most contributions kept in one draft, most paragraphs taken from one file
MAX_CONTRIBUTIONS = 500
MAX_CONTRIBUTION_PARAGRAPHS = 5000

REQUEST_DOC_TYPE = "ĐỀ NGHỊ CUNG CẤP NỘI DUNG BÁO CÁO"
REQUEST_SUMMARY = "Phục vụ xây dựng báo cáo: {summary}"
REQUEST_UNIT_LINE = "Đơn vị được đề nghị: {unit}"
REQUEST_DEADLINE_LINE = "Hạn gửi: ngày {deadline}"
REQUEST_CODE_LINE = "Mã phiếu: {code} (xin giữ nguyên dòng này và các dòng tên mục)"
#: instructions printed above the sections; on import, paragraphs equal to these are not contributed text
REQUEST_INSTRUCTIONS = (
    "Đề nghị quý đơn vị viết nội dung cho từng mục dưới đây, ngay dưới tên mục, thay cho dòng «{placeholder}».",
    "Có thể dùng chữ đậm, chữ nghiêng, chú thích cuối trang (Word: Tham chiếu → Chèn chú thích cuối trang) "
    "và bảng. Xin không xóa hay sửa các dòng tên mục có «mã mục».",
    "Lưu tệp dưới dạng Word (.docx) và gửi lại Văn phòng trước hạn.",
)
PLACEHOLDER = "(Viết nội dung của mục này ở đây.)"
GUIDANCE_PREFIX = "Gợi ý: "

#: where a contribution came from
KIND_DOCX = "docx"
KIND_DRAFT = "baocao"
#: name of the version saved before a contribution is imported from the command line
IMPORT_VERSION_NAME = "Trước khi nhập đóng góp «{name}»"
#: ``draft.extras`` key of a contribution draft (a unit's .baocao): the request it answers
DRAFT_REQUEST_EXTRA = "dong-gop-yeu-cau"

#: how a unit's table is listed among its paragraphs in the Contributions dock
TABLE_ENTRY = "[Bảng của đơn vị: {rows} dòng, {columns} cột — {header}]"
#: the italic line before a unit's table kept in «Nội dung chưa xếp mục» (no appendix table has its columns)
TABLE_UNPLACED = ("(Bảng của {unit} gửi cho mục «{section}»: các cột không khớp bảng phụ lục nào nên giữ nguyên "
                  "từng ô dưới đây, mỗi dòng một đoạn, các ô cách nhau « | ». Hãy chép số liệu vào bảng phù hợp "
                  "hoặc chuyển đoạn vào mục cần dùng.)")
