"""Vietnamese strings of the help, about, shortcuts, print, full-screen and look features."""

MENU_VIEW = "&Xem"
MENU_HELP = "Trợ &giúp"
MENU_PANES = "Thanh công cụ và &khung"
ACT_PRINT = "&In…"
ACT_HELP = "&Hướng dẫn sử dụng"
ACT_SHORTCUTS = "&Phím tắt"
ACT_ABOUT = "&Giới thiệu Báo cáo"
ACT_FULL_SCREEN = "Chế độ &tập trung (chỉ khung soạn thảo)"
ACT_FIND_DOCK = "Khung tìm và thay thế"

PRINT_TITLE = "In báo cáo"
PRINT_PREPARING = "Đang dựng các trang để in (xuất Word rồi chuyển qua LibreOffice)…"
PRINT_SENT = "Đã gửi {n} trang tới máy in «{printer}»."
PRINT_SAVED = "Đã in {n} trang vào tệp {path}."
PRINT_BUSY = "Đang chuẩn bị một bản in: chờ xong rồi in tiếp."
PRINT_NEEDS_LIBREOFFICE = ("Cần cài LibreOffice để in đúng các trang của báo cáo.\n"
                           "Cách khác: xuất tệp Word (Ctrl+E) rồi in từ Word.")
PRINT_FAILED = "Không in được: {error}"
PRINT_NO_PAGES = ("Không dựng được ảnh các trang để in.\n"
                  "Hãy xuất PDF (Ctrl+Shift+E) hoặc Word (Ctrl+E) rồi in tệp đó.")

FULL_SCREEN_HINT = "Chế độ tập trung: bấm F11 hoặc Esc để trở lại."

HELP_TITLE = "Hướng dẫn sử dụng"
HELP_MISSING = "Không tìm thấy tệp hướng dẫn ({path}). Hãy cài lại chương trình."
HELP_CONTENTS = "Mục lục"
SHORTCUTS_TITLE = "Phím tắt"
SHORTCUTS_INTRO = ("Mọi lệnh đều gọi được bằng bàn phím: Alt + chữ gạch chân mở trình đơn, hoặc bấm phím tắt. "
                   "Không phím tắt nào là Alt+Z hay riêng Ctrl+Shift (phím chuyển kiểu gõ của Unikey, EVKey).")
SHORTCUTS_COLS = ("Lệnh", "Phím tắt", "Trình đơn")
SHORTCUTS_NONE = "(qua trình đơn)"
ABOUT_TITLE = "Giới thiệu Báo cáo"
CLOSE = "Đóng"
