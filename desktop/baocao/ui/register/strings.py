"""UI words of the document register (danh mục văn bản)."""

MENU_TITLE = "&Danh mục văn bản"
DOCK_TITLE = "Danh mục văn bản"
ACTION_SHOW = "&Danh mục văn bản"
ACTION_SHOW_TIP = "Hiện danh mục các văn bản được trích dẫn trong báo cáo (Ctrl+Shift+D)"
ACTION_CONVERT = "Đưa các văn bản được trích vào danh mục…"
ACTION_CONVERT_TIP = ("Tìm các văn bản được trích dẫn bằng chữ trong báo cáo, thêm vào danh mục "
                      "và thay bằng trích dẫn tự động")
ADD = "Thêm…"
EDIT = "Sửa…"
DELETE = "Xóa"
CITE = "Chèn trích dẫn"
CITE_TIP = ("Chèn trích dẫn văn bản đang chọn vào vị trí con trỏ trong nội dung mục hoặc trong chú thích đang gõ "
            "(lần đầu ghi đầy đủ, các lần sau rút gọn)")
EMPTY = "Chưa có văn bản nào. Bấm «Thêm…» hoặc dùng «Đưa các văn bản được trích vào danh mục…»."
COUNT = "{n} văn bản"
CITED = "trích {n} lần"
NOT_CITED = "chưa trích"
COLUMNS = ("Văn bản", "Ngày", "Trích yếu", "Số lần trích")

FORM_ADD_TITLE = "Thêm văn bản vào danh mục"
FORM_EDIT_TITLE = "Sửa văn bản trong danh mục"
FORM_TYPE = "&Loại văn bản:"
FORM_NUMBER = "&Số:"
FORM_SYMBOL = "&Ký hiệu:"
FORM_DATE = "&Ngày ban hành:"
FORM_ISSUER = "&Cơ quan ban hành:"
FORM_SUMMARY = "&Trích yếu:"
FORM_PASTE = "Dán &trích dẫn:"
FORM_PASTE_HINT = "Dán «Quyết định số 12/QĐ-UBND ngày 05/01/2021 của UBND tỉnh về …» để điền sẵn các ô"
FORM_PREVIEW = "Lần đầu ghi: {full}\nCác lần sau: {short}"
FORM_ERROR_TITLE = "Chưa lưu được văn bản"
PASTE_NOT_READ = "Chưa đọc được trích dẫn này; hãy điền từng ô."

DELETE_TITLE = "Xóa văn bản khỏi danh mục"
DELETE_CITED = ("«{name}» đang được trích {n} lần trong báo cáo. Xóa khỏi danh mục thì các chỗ trích sẽ hiện "
                "«văn bản không còn trong danh mục». Vẫn xóa?")
NO_SECTION = "Hãy mở một mục của báo cáo và đặt con trỏ vào chỗ cần trích dẫn."
READ_ONLY = "Bản thảo đang chỉ đọc, không chèn được trích dẫn."

CONVERT_TITLE = "Đưa các văn bản được trích vào danh mục"
CONVERT_INTRO = ("Tìm thấy {n} chỗ trích dẫn văn bản viết bằng chữ ({docs} văn bản). Các chỗ được đánh dấu sẽ "
                 "được thay bằng trích dẫn tự động; văn bản chưa có trong danh mục sẽ được thêm vào. "
                 "Có thể hoàn tác bằng Ctrl+Z.")
CONVERT_NONE = "Không tìm thấy trích dẫn văn bản nào viết bằng chữ trong báo cáo."
CONVERT_COLUMNS = ("Thay", "Mục", "Chữ trong báo cáo", "Văn bản trong danh mục")
CONVERT_NEW = "(thêm mới) "
CONVERT_OK = "Thay {n} chỗ"
CONVERT_DONE = "Đã thay {n} chỗ trích dẫn, thêm {added} văn bản vào danh mục."
UNDO_CITE = "Chèn trích dẫn văn bản"
COMPLETER_TIP = "Chọn văn bản để chèn trích dẫn (Enter), hoặc gõ tiếp (Esc)"
TOKEN_MISSING = "[văn bản đã xóa khỏi danh mục]"

ACTION_PERIOD_NOTE = "Chèn danh sách văn bản ban hành trong kỳ vào chú thích"
ACTION_PERIOD_NOTE_TIP = ("Thêm một chú thích tại con trỏ trong nội dung mục, liệt kê các văn bản trong danh mục "
                          "có ngày ban hành trong kỳ báo cáo (theo ngày; sửa danh mục thì chú thích đổi theo)")
PERIOD_NOTE_TITLE = "Danh sách văn bản ban hành trong kỳ"
PERIOD_NONE = ("Danh mục chưa có văn bản nào có ngày ban hành trong kỳ báo cáo. Hãy thêm văn bản, kèm ngày ban "
               "hành, ở Báo cáo → Danh mục văn bản (Ctrl+Shift+D).")
UNDO_PERIOD_NOTE = "Chèn danh sách văn bản ban hành trong kỳ"
PERIOD_NOTE_DONE = "Đã chèn chú thích liệt kê {n} văn bản ban hành trong kỳ."
