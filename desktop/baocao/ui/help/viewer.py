"""F1: the Vietnamese user guide (resources/help/huong-dan.html) and the shortcuts page, in a QTextBrowser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QTextBrowser, QVBoxLayout

from ...paths import resources_dir
from ..icons import app_icon
from . import strings as S
from .shortcuts import shortcuts_html

GUIDE_NAME = "huong-dan.html"
SHORTCUTS_SCHEME = "phim-tat"


def guide_path() -> Path:
    """The shipped guide."""
    return resources_dir() / "help" / GUIDE_NAME


class HelpWindow(QDialog):
    """A non-modal window showing the guide; the "phim-tat:" link shows the shortcuts page."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(S.HELP_TITLE)
        self.setWindowIcon(app_icon())
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(S.CLOSE)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.page = ""

    def show_guide(self, anchor: str = "") -> None:
        """Show the guide (at *anchor*)."""
        path = guide_path()
        try:
            html = path.read_text(encoding="utf-8")
        except OSError:
            html = f"<p>{S.HELP_MISSING.format(path=path)}</p>"
        self.browser.setHtml(html)
        self.page = "guide"
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self.setWindowTitle(S.HELP_TITLE)

    def show_shortcuts(self) -> None:
        """Show the shortcuts page, generated from the window's actions now."""
        self.browser.setHtml(shortcuts_html(self.window_))
        self.page = "shortcuts"
        self.setWindowTitle(S.SHORTCUTS_TITLE)

    def _link(self, url: QUrl) -> None:
        if url.scheme() == SHORTCUTS_SCHEME:
            self.show_shortcuts()
        elif url.toString().startswith(GUIDE_NAME):
            self.show_guide(url.fragment())
        elif url.toString().startswith("#") or (not url.scheme() and url.fragment()):
            self.browser.scrollToAnchor(url.fragment())
