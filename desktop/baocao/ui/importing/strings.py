"""Vietnamese texts of the import and "start from last period" features (ui.importing)."""

ACT_IMPORT = "Nhập báo cáo .&docx…"
ACT_FROM_PREVIOUS = "Bản thảo mới từ &kỳ trước…"
ACT_CHECKLIST = "Việc cần báo cáo"

DOCX_FILTER = "Tệp Word (*.docx)"
DRAFT_FILTER = "Bản thảo báo cáo (*.baocao *.json)"

IMPORT_TITLE = "Nhập báo cáo từ tệp Word"
IMPORT_FAILED = "Không nhập được tệp Word"
IMPORT_INTRO = ("Tệp «{name}» được chia theo đề mục. Kiểm tra mục nhận của từng phần (chọn lại nếu cần); "
                "phần không khớp mục nào vào «Nội dung chưa xếp mục», không bỏ mất chữ nào. "
                "Trước khi nhập, bản thảo được lưu một phiên bản có tên.")
COL_SOURCE = "Đề mục trong tệp"
COL_CONTENT = "Nội dung"
COL_TARGET = "Vào mục"
CONTENT_COUNTS = "{paras} đoạn"
CONTENT_NOTES = ", {notes} chú thích"
CONTENT_TABLES = ", {tables} bảng"
MODE_APPEND = "Thêm vào cuối nội dung đang có của mục"
MODE_REPLACE = "Thay nội dung đang có của mục"
TABLES_NONE = ("Không có bảng nào khớp cột với bảng phụ lục; bảng trong tệp được giữ dạng chữ trong "
               "«Nội dung chưa xếp mục».")
TABLES_MATCHED = "Bảng khớp cột với bảng phụ lục: {tables}."
TABLE_MATCH_ITEM = "«{title}» ({rows} dòng)"
PREVIEW_EMPTY = "(Phần này chỉ có đề mục.)"
FIGURES_OWN = ("{figures} — lấy lại từ tệp do baocao xuất; {generated} câu do mẫu viết từ số liệu không nhập "
               "thành nội dung.")
FIGURES_EDITED = " {edited} câu như thế đã được sửa trong Word: vào «Nội dung chưa xếp mục», kèm ghi chú."
FIGURES_NO_MARKS = " (Tệp đã mất dấu đánh dấu các câu đó: nhận ra theo chữ.)"
CITATIONS_KNOWN = "Trích dẫn văn bản: {known} chỗ khớp danh mục văn bản, sẽ thành trích dẫn."
ADD_CITATIONS = "Thêm {count} văn bản vào danh mục ({mentions} chỗ trích trong tệp thành trích dẫn)"
ADD_CITATIONS_TIP = "Các văn bản: {names}"
BUTTON_IMPORT = "Nhập"
IMPORT_DONE = "Đã nhập «{name}» — hoàn tác: Ctrl+Z"
IMPORT_DONE_TIP = "Đã nhập «{name}». Phiên bản «{version}» giữ bản trước khi nhập (Hoàn tác: Ctrl+Z)."
#: the longest file name the status bar line shows whole (a longer one is cut in the middle: «đầu…cuối.docx»)
STATUS_NAME_MAX = 40
IMPORT_NOTHING = "Tệp «{name}» không có nội dung nào để nhập."
NEEDS_DRAFT = "Hãy mở hoặc tạo một bản thảo trước khi nhập."

FROM_PREVIOUS_TITLE = "Bản thảo mới từ kỳ trước"
FROM_PREVIOUS_OPEN = "Chọn bản thảo kỳ trước"
FROM_PREVIOUS_FAILED = "Không tạo được bản thảo từ kỳ trước"
FROM_PREVIOUS_INTRO = "Bản thảo mới từ «{name}»: {old} → {new}."
FROM_PREVIOUS_SAVE = "Lưu bản thảo mới thành…"
BUTTON_SAVE_AS = "Lưu thành…"
FROM_PREVIOUS_DONE = "Đã tạo bản thảo «{name}» cho {period}."

CHECKLIST_TITLE = "Việc cần báo cáo"
CHECKLIST_FROM = "Theo phương hướng, nhiệm vụ đã đề ra ở kỳ trước ({period}). Đánh dấu việc đã báo cáo."
CHECKLIST_EMPTY = "Bản thảo không có danh sách việc cần báo cáo (chỉ có khi tạo bằng «Bản thảo mới từ kỳ trước…»)."
CHECKLIST_PROGRESS = "Đã báo cáo {done}/{total} việc"
