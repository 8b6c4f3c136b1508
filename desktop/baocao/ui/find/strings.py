"""Vietnamese strings of the find and replace panel."""

ACT_FIND = "&Tìm…"
ACT_REPLACE = "Tìm và th&ay thế…"
ACT_FIND_NEXT = "Tìm tiếp"
ACT_FIND_PREV = "Tìm ngược lại"
DOCK_TITLE = "Tìm và thay thế"
FIND_PLACEHOLDER = "Tìm trong toàn bộ báo cáo…"
REPLACE_PLACEHOLDER = "Thay bằng…"
FIND_LABEL = "&Tìm:"
REPLACE_LABEL = "Tha&y bằng:"
OPT_CASE = "Phân biệt &hoa thường"
OPT_WORD = "&Nguyên từ"
OPT_MARKS = "Bỏ &qua dấu (Dak Nong = Đắk Nông)"
BTN_PREV = "◀ T&rước"
BTN_NEXT = "&Sau ▶"
BTN_REPLACE = "&Thay thế"
BTN_REPLACE_ALL = "Thay &tất cả"
BTN_CLOSE_TIP = "Đóng (Esc)"
COUNT_NONE = "Không tìm thấy."
COUNT_EMPTY = "Gõ từ cần tìm: tìm trong nội dung, chú thích, số liệu dạng chữ, bảng phụ lục và thông tin báo cáo."
COUNT = "{n} kết quả trong {groups} phần"
REPLACED = "Đã thay {n} chỗ thành một bước: Ctrl+Z để hoàn tác."
REPLACED_NONE = "Không có chỗ nào để thay (văn bản đã đổi): tìm lại rồi thay."
SKIPPED_CITES = ("{n} chỗ nằm trong trích dẫn văn bản tự động nên không thay: sửa văn bản đó trong "
                 "Báo cáo → Danh mục văn bản (Ctrl+Shift+D), mọi chỗ trích dẫn sẽ đổi theo.")
READ_ONLY = "Bản thảo đang ở chế độ chỉ đọc: không thay thế được."
GROUP_META = "Thông tin báo cáo"
GROUP_COUNT = "{title} ({n})"
WHERE_NOTE = "Chú thích {n}"
WHERE_FIELD = "Số liệu: {label}"
WHERE_CELL = "Hàng {row}, cột «{column}»"
META_HINT = "Chỗ này ở Thông tin báo cáo: bấm đúp vào kết quả (hoặc Ctrl+Shift+I) để sửa."
#: Names of the report details (``baocao.search.places.META_KEYS``) shown in the results.
META_LABELS = {
    "body": "Cơ quan ban hành",
    "locality": "Tỉnh, thành phố",
    "parent_body": "Cơ quan chủ quản",
    "place": "Địa danh",
    "number": "Số",
    "symbol": "Ký hiệu",
    "doc_type": "Loại văn bản",
    "summary": "Trích yếu",
    "signer.prefix": "Quyền hạn ký",
    "signer.head_title": "Chức danh thủ trưởng",
    "signer.title": "Chức vụ người ký",
    "signer.name": "Người ký",
    "recipients": "Nơi nhận {n}",
}
