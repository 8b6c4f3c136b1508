"""``tomllib``'s syntax error messages in Vietnamese, as a table (pattern → text).

``tomllib`` says e.g. "Invalid value (at line 1, column 12)"; the pack messages
give the line and column in their location, so only the reason is translated
here.  A reason the table does not know is kept in English, in parentheses.
"""

from __future__ import annotations

import re

#: (regular expression matching tomllib's reason, Vietnamese text; ``{0}`` … are the groups)
TOML_REASONS: tuple[tuple[str, str], ...] = (
    (r"Invalid value", "giá trị viết sai (chữ phải đặt trong ngoặc kép \"…\", số viết liền, "
                       "đúng/sai viết true/false, danh sách trong [ ])"),
    (r"Expected '=' after a key in a key/value pair", "thiếu dấu «=» giữa tên khóa và giá trị"),
    (r"Unclosed array", "danh sách [ … ] chưa có dấu «]» đóng (hoặc thiếu dấu phẩy giữa hai phần tử)"),
    (r"Unclosed inline table", "bảng {{ … }} chưa có dấu «}}» đóng (hoặc thiếu dấu phẩy giữa hai khóa)"),
    (r"Unterminated string", "chuỗi chữ chưa có dấu ngoặc kép đóng"),
    (r"Illegal character '\\n'", "chuỗi chữ chưa có dấu ngoặc kép đóng trên cùng dòng (muốn xuống dòng thì "
                                    "viết trong \"\"\"…\"\"\")"),
    (r"Illegal character (.+)", "chuỗi chữ có ký tự điều khiển không được phép {0} (dấu Tab viết là \\t)"),
    (r"Found invalid character (.+)", "có ký tự không hợp lệ {0}"),
    (r"Invalid statement", "dòng này không phải «khóa = giá trị» hay tên bảng [..]"),
    (r"Expected newline or end of document after a statement", "sau giá trị còn chữ thừa trên cùng dòng"),
    (r"Invalid initial character for a key part", "tên khóa bắt đầu bằng ký tự không hợp lệ (tên có dấu "
                                                   "hoặc khoảng trắng phải đặt trong ngoặc kép)"),
    (r"Expected '\]' at the end of a table declaration", "tên bảng thiếu dấu «]» đóng"),
    (r"Expected '\]\]' at the end of an array declaration", "tên bảng [[..]] thiếu dấu «]]» đóng"),
    (r"Cannot declare (.+) twice", "bảng {0} được khai báo hai lần"),
    (r"Cannot overwrite a value", "khóa này đã có giá trị ở phía trên (một khóa chỉ viết một lần)"),
    (r"Cannot mutate immutable namespace (.+)", "không thêm khóa vào {0} được nữa (đã viết trọn ở phía trên)"),
    (r"Cannot redefine namespace (.+)", "không khai báo lại {0} được"),
    (r"Duplicate inline table key (.+)", "khóa {0} viết hai lần trong cùng bảng {{ … }}"),
    (r"Unescaped '\\' in a string", "dấu «\\» trong chuỗi chữ phải viết là «\\\\» (hoặc dùng ngoặc đơn '…')"),
    (r"Invalid hex value", "mã ký tự \\u… viết sai"),
    (r"Escaped character is not a Unicode scalar value", "mã ký tự \\u… không phải ký tự hợp lệ"),
    (r"Invalid date or datetime", "ngày giờ viết sai (dạng 2026-06-30)"),
    (r"Expected (.+)", "thiếu {0}"),
)
_COMPILED = tuple((re.compile(pattern + r"\.?$"), text) for pattern, text in TOML_REASONS)


def vietnamese_reason(reason: str) -> str:
    """*reason* (tomllib's, without "(at line …)") in Vietnamese; unknown ones as «(reason)»."""
    reason = reason.strip()
    for pattern, text in _COMPILED:
        found = pattern.match(reason)
        if found:
            return text.format(*(_named(group) for group in found.groups()))
    return f"({reason})"


def _named(group: str) -> str:
    """A key or character as tomllib writes it (``('a', 'b')``, ``'x'``) → «a.b», «x»."""
    parts = re.findall(r"'([^']*)'|\"([^\"]*)\"", group)
    return f"«{'.'.join(a or b for a, b in parts)}»" if parts else f"«{group}»"
