"""Constants of the document register (danh mục văn bản): where it lives, its types, its words."""

from __future__ import annotations

#: ``draft.extras`` key of the register
EXTRA_NAME = "van-ban"
#: version of the value stored under ``EXTRA_NAME``
REGISTER_VERSION = 1
#: Types offered in the register's form, in the order drafters meet them (any other type may be typed).
DOC_TYPES: tuple[str, ...] = (
    "Quyết định", "Kế hoạch", "Chương trình", "Nghị quyết", "Chỉ thị", "Công văn", "Thông báo", "Báo cáo",
    "Công điện", "Nghị định", "Thông tư", "Tờ trình", "Hướng dẫn", "Kết luận", "Đề án", "Quy chế", "Quy định",
)
#: A summary starting with one of these words is written as it is after the issuer; any other gets "về ".
SUMMARY_LEAD_WORDS: tuple[str, ...] = (
    "về", "ban hành", "phê duyệt", "quy định", "thành lập", "kiện toàn", "giao", "triển khai", "thực hiện",
    "hướng dẫn", "sửa đổi", "bổ sung", "tổ chức", "phân công", "công bố", "điều chỉnh", "quy chế", "thông báo",
)
#: What a citation renders as when its document is no longer in the register (never an empty hole).
MISSING_TEXT = "[văn bản không còn trong danh mục]"
#: Length bounds of a register entry's texts (a draft file is untrusted input).
MAX_ENTRIES = 2000
MAX_TEXT = 600
#: Vietnamese names of an entry's fields (messages, the form, the CLI's table).
FIELD_LABELS: dict[str, str] = {
    "type": "Loại văn bản", "number": "Số", "symbol": "Ký hiệu", "date": "Ngày ban hành",
    "issuer": "Cơ quan ban hành", "summary": "Trích yếu",
}
#: The footnote «Chèn danh sách văn bản ban hành trong kỳ» writes: lead, separator, end (``listing.period_note``).
PERIOD_NOTE_LEAD = "Các văn bản ban hành trong kỳ báo cáo: "
PERIOD_NOTE_SEPARATOR = "; "
PERIOD_NOTE_END = "."
