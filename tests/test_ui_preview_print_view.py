"""The "xem bản in" view: real pages from LibreOffice, counted like pdfinfo counts the same export."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from ui_support import make_window, sample_session  # noqa: E402

needs_tools = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdfinfo")),
                                 reason="LibreOffice and poppler are not installed")


def _pdfinfo_pages(pdf) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


def test_the_action_is_in_the_view_menu_with_a_shortcut(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Xem")
    assert window.print_view_action in view_menu.actions()
    assert window.print_view_action.shortcut().toString() == "Ctrl+Shift+P"


@needs_tools
def test_print_view_shows_every_page_of_the_export(qtbot, tmp_path, monkeypatch):
    from baocao.render import render_draft
    from baocao.ui.print_view import open_print_view
    from baocao.writers.docx import write_docx

    window = make_window(qtbot, tmp_path, sample_session())
    (tmp_path / "tam").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tam"))     # our own temporary folder, not the shared one
    before = set(Path(tempfile.gettempdir()).glob("baocao-ban-in-*"))
    view = open_print_view(window)
    qtbot.addWidget(view)
    assert view.busy_now() and "LibreOffice" in view.status.text()      # the wait state
    qtbot.waitUntil(lambda: not view.busy_now(), timeout=240000)
    assert view.error_text == ""
    assert set(Path(tempfile.gettempdir()).glob("baocao-ban-in-*")) <= before   # pages in memory, no files left
    # the same export, converted by LibreOffice from the shell with its own profile, counted by pdfinfo
    docx = tmp_path / "doc-lap.docx"
    write_docx(render_draft(window.session.draft, window.session.pack), docx, window.session.pack.reference_docx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=240, check=False)
    expected = _pdfinfo_pages(tmp_path / "doc-lap.pdf")
    assert expected > 1 and view.count == expected == len(view.labels)
    assert f"{expected} trang" in view.status.text()
    page = view.labels[0].pixmap()
    assert abs(page.height() / page.width() - 297 / 210) < 0.02              # A4 pages
    assert page.width() <= view.scroll.width()                               # scaled to the window
    view.resize(500, 600)
    qtbot.wait(50)
    assert view.labels[0].pixmap().width() < page.width()
    image = view.labels[0].pixmap().toImage()
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 50                                                          # text on the page


def test_missing_libreoffice_says_what_to_do(qtbot, tmp_path, monkeypatch):
    from baocao.ui.print_view import open_print_view
    from baocao.ui.print_view import pages

    monkeypatch.setattr(pages, "libreoffice_path", lambda: None)
    window = make_window(qtbot, tmp_path, sample_session())
    view = open_print_view(window)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.busy_now(), timeout=20000)
    assert "Không tìm thấy LibreOffice" in view.error_text and "Xuất Word" in view.error_text
    assert view.count == 0 and view.refresh_button.isEnabled()


def test_cancel_stops_and_drops_the_result(qtbot, tmp_path, monkeypatch):
    import threading

    from baocao.ui.print_view import open_print_view
    from baocao.ui.print_view import view as view_module

    started = threading.Event()

    def slow(document, folder, reference, cancel):
        started.set()
        cancel.wait(10)
        raise view_module.Cancelled

    monkeypatch.setattr(view_module, "make_pages", slow)
    window = make_window(qtbot, tmp_path, sample_session())
    view = open_print_view(window)
    qtbot.addWidget(view)
    assert started.wait(5)
    view.cancel_button.click()
    assert not view.busy_now() and "Đã dừng" in view.status.text()
    time.sleep(0.1)
    qtbot.wait(50)
    assert view.count == 0 and view.labels == []
