"""The About box: version, licence, and the libraries the program uses with their licences."""

from __future__ import annotations

from html import escape
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ... import __version__
from ..icons import app_icon
from . import strings as S

PROGRAM_LICENCE = "MIT"
#: (distribution name, what it does here, licence) — the program's runtime dependencies.
LIBRARIES = (
    ("PySide6-Essentials", "giao diện Qt 6 (Qt for Python)", "LGPL-3.0 (Qt: LGPL-3.0)"),
    ("python-docx", "ghi tệp Word .docx", "MIT"),
    ("lxml", "đọc, ghi XML của tệp Word", "BSD-3-Clause"),
    ("Jinja2", "dựng nội dung từ mẫu báo cáo", "BSD-3-Clause"),
    ("MarkupSafe", "thoát ký tự cho Jinja2", "BSD-3-Clause"),
    ("openpyxl", "đọc bảng số liệu Excel (.xlsx) để nhập vào phụ lục", "MIT"),
    ("platformdirs", "thư mục cấu hình, khôi phục của người dùng", "MIT"),
    ("tomlkit", "đọc, ghi tệp mẫu .toml", "MIT"),
)
EXTERNAL_TOOLS = (
    ("LibreOffice", "xuất PDF và in (nếu đã cài)", "MPL-2.0"),
    ("Poppler (pdftoppm)", "dựng ảnh trang khi in (nếu đã cài)", "GPL-2.0"),
)


def installed_version(name: str) -> str:
    """Version of distribution *name*, or "—" when it is not installed."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"


def about_html() -> str:
    """The About text as HTML."""
    rows = "".join(f"<tr><td><b>{escape(name)}</b></td><td>{escape(installed_version(name))}</td>"
                   f"<td>{escape(what)}</td><td>{escape(licence)}</td></tr>" for name, what, licence in LIBRARIES)
    tools = "".join(f"<tr><td><b>{escape(name)}</b></td><td></td><td>{escape(what)}</td><td>{escape(licence)}</td></tr>"
                    for name, what, licence in EXTERNAL_TOOLS)
    return (f"<h2>Báo cáo {escape(__version__)}</h2>"
            "<p>Trợ lý soạn báo cáo công tác chỉ đạo, điều hành của UBND cấp tỉnh: soạn theo mẫu, xem trước, "
            "xuất tệp Word đúng thể thức Nghị định 30/2020/NĐ-CP. Chạy hoàn toàn trên máy, không cần mạng.</p>"
            f"<p>Giấy phép: <b>{PROGRAM_LICENCE}</b>. Biểu tượng do dự án tự vẽ (cùng giấy phép).</p>"
            "<h3>Thư viện sử dụng</h3>"
            "<table cellpadding='3' cellspacing='0' border='1'>"
            "<tr><th>Thư viện</th><th>Phiên bản</th><th>Dùng để</th><th>Giấy phép</th></tr>"
            f"{rows}{tools}</table>")


class AboutDialog(QDialog):
    """Giới thiệu Báo cáo."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(S.ABOUT_TITLE)
        self.setWindowIcon(app_icon())
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(S.CLOSE)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)
