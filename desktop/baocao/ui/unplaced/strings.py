"""Vietnamese texts of the "Nội dung chưa xếp mục" entry."""

OUTLINE_GROUP = "Nội dung chưa xếp mục ({n})"
ROW = "«{id}» — {text}"
ROW_EMPTY = "«{id}» — (đã hết nội dung)"
ROW_TEXT_CHARS = 60
EDITOR_TITLE = "Nội dung chưa xếp mục «{id}»"
GUIDANCE = ("Mẫu báo cáo hiện tại không còn mục «{id}» (mục đã bị đổi tên hoặc bỏ, hoặc nội dung nhập từ tệp "
            "chưa khớp mục nào). Nội dung này vẫn được in ở cuối báo cáo dưới đề mục «Nội dung chưa xếp mục». "
            "Sửa được như mọi mục; dùng «Chuyển vào mục…» để đưa nó vào mục phù hợp của mẫu.")
BTN_MOVE = "Chuyển vào mục…"
BTN_MOVE_TIP = "Nối nội dung này vào cuối một mục của mẫu báo cáo (hoàn tác được)"
ACT_MOVE = "Chuyển nội dung chưa xếp mục vào mục…"
MOVE_TITLE = "Chuyển vào mục"
MOVE_ASK = "Nối nội dung của «{id}» vào cuối mục:"
MOVE_LABEL = "Chuyển nội dung «{id}» vào mục"
MOVED = "Đã chuyển nội dung «{id}» vào mục «{title}». Nhấn Ctrl+Z để hoàn tác."
NOT_ORPHAN = "Mục đang mở không phải nội dung chưa xếp mục."
FIELDS_LINE = "{key}: {value}"
