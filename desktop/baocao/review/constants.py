"""Names and limits of the review package, in one place."""

from __future__ import annotations

#: key of the review data in ``draft.extras``
EXTRA_NAME = "gop-y"
#: anchor kinds of a comment: a span of text, a whole section, one field, one table row
ANCHOR_TEXT = "text"
ANCHOR_SECTION = "section"
ANCHOR_FIELD = "field"
ANCHOR_ROW = "row"
ANCHOR_KINDS = (ANCHOR_TEXT, ANCHOR_SECTION, ANCHOR_FIELD, ANCHOR_ROW)
#: longest quoted text kept with a comment (shown in the panel, used to re-anchor imports)
MAX_QUOTE = 300
#: name given to the version saved before a reviewed .docx is imported
IMPORT_VERSION_NAME = "Trước khi nhập góp ý từ «{name}»"
#: how similar two paragraphs must be (0..1) to count as the same paragraph, edited
PARAGRAPH_MATCH_RATIO = 0.5
#: Word's namespace
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: how a Word comment on footnote text starts (it sits on the note's number; the import reads it back)
NOTE_PREFIX = "[Trong chú thích: «{quote}»] "
#: why an edit of the file could not be placed (shown under «Chưa gắn được» and by --dry-run)
NOTE_NO_PARAGRAPH = ("Đoạn này không khớp đoạn nào của bản thảo (có thể là tiêu đề, câu do mẫu viết từ số liệu, "
                     "hoặc đoạn đã bị sửa khác đi): hãy sửa tay nếu cần.")
NOTE_NO_PLACE = "Đoạn được thêm ở chỗ không thuộc mục nào: hãy chép vào mục phù hợp nếu cần."
NOTE_CONFLICT = "Bản thảo đã sửa chỗ này khác đi sau khi xuất: hãy so sánh và sửa tay nếu cần."
NOTE_NOTE = "Chú thích này không khớp chú thích nào của bản thảo: hãy sửa tay nếu cần."
NOTE_CELL = "Ô bảng này không khớp dòng nào của bảng phụ lục: hãy sửa tay nếu cần."
NOTE_ROW_ADDED = ("Dòng này được thêm vào bảng trong Word: chưa đưa vào bảng phụ lục (không biết chắc cột nào là "
                  "số nào) — hãy thêm dòng vào bảng phụ lục nếu cần.")
NOTE_ROW_REMOVED = ("Dòng này bị xóa khỏi bảng trong Word: bảng phụ lục vẫn giữ dòng đó — hãy xóa dòng trong "
                    "bảng phụ lục nếu cần.")
#: what a file without the exported text was compared with (--dry-run, the import's report)
BASE_VERSION_NOTE = ("Tệp không mang văn bản lúc xuất: chỗ sửa thẳng được tìm bằng cách so với phiên bản "
                     "«{version}» (phiên bản lưu gần nhất trước khi tệp được tạo).")
BASE_CURRENT_NOTE = ("Tệp không mang văn bản lúc xuất và không có phiên bản nào lưu trước khi tệp được tạo: đã so "
                     "với bản thảo hiện tại. Nếu bản thảo đã sửa sau khi xuất, chỗ sửa đó có thể bị đưa về chữ cũ — "
                     "hãy xem «So sánh phiên bản».")
ROWS_NOTE = "{n} dòng bảng được thêm hoặc xóa trong Word: chưa đưa vào bảng phụ lục, xem «Chưa gắn được»."
UNMATCHED_NOTE = ("Tệp khác bản thảo quá nhiều (chưa đến một nửa số đoạn còn như lúc xuất) nên không tìm chỗ sửa "
                  "thẳng (không bật theo dõi thay đổi): chỉ đọc chỗ sửa có theo dõi và góp ý — hãy so sánh và sửa "
                  "tay nếu cần.")
