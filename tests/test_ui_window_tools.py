"""Zoom, print, counts, help, shortcuts, focus mode and icons of the window (issue 15)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from baocao.render import render_draft
from baocao.ui.help.looks import is_dark, svg_icon
from baocao.ui.help.shortcuts import clashes, menu_paths, shortcut_rows
from baocao.writers.docx import write_docx
from docx_support import convert, soffice
from ui_support import make_window, message_boxes, sample_session  # noqa: F401 (fixture)


def pdfinfo_pages(pdf) -> int:
    """Pages of *pdf* as poppler's pdfinfo reads them."""
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
    return int(next(line.split(":")[1] for line in out.splitlines() if line.startswith("Pages:")))


def key(qtbot, widget, sequence: str) -> None:
    """Press *sequence* ("Ctrl++") on *widget* as the keyboard would."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


# ---------------------------------------------------------------- zoom

def _pdf_printer_to(target):
    """A print dialog stand-in: a high-resolution PDF printer writing *target*."""
    def ask(_parent):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer
    return ask

def test_zoom_keys_wheel_and_restart(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    base_editor = window.editor.body.document().defaultFont().pointSizeF()
    base_preview = window.preview.document().defaultFont().pointSizeF()
    window.editor.body.setFocus()
    key(qtbot, window.editor.body, "Ctrl++")
    key(qtbot, window.editor.body, "Ctrl+=")
    assert window.zoom.percent("editor") == 125
    assert window.editor.body.document().defaultFont().pointSizeF() == pytest.approx(base_editor * 1.25, abs=0.06)
    assert window.editor.body.document().defaultFont().families()[0] == "Times New Roman"   # the serif font stays
    event = QWheelEvent(QPointF(20, 20), QPointF(window.preview.mapToGlobal(QPoint(20, 20))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(window.preview.viewport(), event)
    assert window.zoom.percent("preview") == 90
    assert window.preview.document().defaultFont().pointSizeF() == pytest.approx(base_preview * 0.9, abs=0.06)
    assert "125 %" in window.zoom.label.text() and "90 %" in window.zoom.label.text()
    window.controller.ask_on_close = False
    window.close()

    again = make_window(qtbot, tmp_path, sample_session())          # same settings file: a restart
    assert again.zoom.percent("editor") == 125 and again.zoom.percent("preview") == 90
    assert again.editor.body.document().defaultFont().pointSizeF() == pytest.approx(base_editor * 1.25, abs=0.06)
    again.editor.body.setFocus()
    key(qtbot, again.editor.body, "Ctrl+0")
    assert again.zoom.percent("editor") == 100
    assert again.editor.body.document().defaultFont().pointSizeF() == pytest.approx(base_editor)
    again.settings.set_value("view/zoom_preview", "rubbish")
    assert make_window(qtbot, tmp_path).zoom.percent("preview") == 100          # a bad stored value: 100 %


# ---------------------------------------------------------------- print and page counts
needs_office = pytest.mark.skipif(soffice() is None or shutil.which("pdfinfo") is None
                                  or shutil.which("pdftoppm") is None, reason="LibreOffice and poppler needed")


@needs_office
def test_print_to_a_pdf_printer_has_the_reports_page_count(qtbot, tmp_path, message_boxes):
    session = sample_session()
    window = make_window(qtbot, tmp_path, session)
    # the report's pages, independently: the .docx converted by LibreOffice, counted by pdfinfo
    docx = tmp_path / "bao-cao.docx"
    write_docx(render_draft(session.draft, session.pack), docx, session.pack.reference_docx)
    expected = pdfinfo_pages(convert([docx], "pdf", tmp_path / "pdf", tmp_path / "profile")[0])
    assert expected >= 3
    target = tmp_path / "ban-in.pdf"

    window.printing.ask_printer = _pdf_printer_to(target)
    key(qtbot, window, "Ctrl+P")
    assert window.printing.busy()
    qtbot.waitUntil(lambda: not window.printing.busy(), timeout=180_000)
    assert message_boxes.shown == []
    assert pdfinfo_pages(target) == expected
    assert window.printing.last_printed == expected
    assert window.printing.pages_label.text() == f"Trang: {expected}"
    assert str(target) in window.statusBar().currentMessage()
    # the printed pages carry the report's text (rasterised pages: check they are not blank)
    png = subprocess.run(["pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-png", str(target), str(tmp_path / "p")],
                         check=True, capture_output=True, timeout=60)
    assert png.returncode == 0
    from PySide6.QtGui import QImage

    image = QImage(str(next(tmp_path.glob("p-*.png"))))
    dark = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)).lightness() < 128)
    assert dark > 50


@needs_office
def test_pdf_export_shows_its_page_count(qtbot, tmp_path, message_boxes):
    window = make_window(qtbot, tmp_path, sample_session())
    target = tmp_path / "xuat.pdf"
    with qtbot.waitSignal(window.controller.exportFinished, timeout=180_000):
        assert window.controller.export("pdf", target)
    assert window.printing.pages_label.text() == f"Trang: {pdfinfo_pages(target)}"
    assert "xuat.pdf" in window.printing.pages_label.toolTip()
    window.controller.set_session(sample_session(), ask_on_close=False)      # another draft: its pages unknown
    assert window.printing.pages_label.text() == "Trang: —"


def test_print_without_libreoffice_says_what_to_do(qtbot, tmp_path, monkeypatch, message_boxes):
    from baocao.ui.help import printing

    window = make_window(qtbot, tmp_path, sample_session())
    monkeypatch.setattr(printing, "libreoffice_path", lambda: None)
    assert window.printing.print_report() is False
    assert any("LibreOffice" in text and "Ctrl+E" in text for text in message_boxes.texts)


def test_counts_show_characters(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    window.word_counts.refresh()
    text = window.word_counts.text()
    assert text.startswith("Mục: ") and "ký tự · Báo cáo:" in text and text.endswith("ký tự")
    assert window.printing.pages_label.text() == "Trang: —"


# ---------------------------------------------------------------- help, about, shortcuts
def test_f1_guide_shortcuts_page_and_about(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    key(qtbot, window, "F1")
    viewer = window.help_actions.viewer
    qtbot.waitUntil(viewer.isVisible)
    text = viewer.browser.toPlainText()
    for topic in ("Chú thích cuối trang", "Bảng phụ lục", "Lưu, phiên bản, sao lưu", "Xuất tệp và in",
                  "Tệp bị khóa hoặc bị hỏng", "Tìm và thay thế"):
        assert topic.lower() in text.lower(), topic
    viewer._link(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("phim-tat:"))
    page = viewer.browser.toPlainText()
    assert "Ctrl+F" in page and "F11" in page and "Ctrl+P" in page and "F1" in page
    window.help_actions.show_about()
    about = window.help_actions.about_box.text.toPlainText()
    assert "0.1.0" in about and "MIT" in about
    for library in ("PySide6-Essentials", "python-docx", "lxml", "Jinja2", "LGPL-3.0"):
        assert library in about


def test_every_action_is_reachable_and_no_key_clashes(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    assert clashes(window) == []
    paths = menu_paths(window)
    from PySide6.QtWidgets import QDockWidget, QToolBar

    ours = [a for a in vars(window.acts).values() if isinstance(a, QAction)]
    ours += [a for a in window.findChildren(QAction) if a.objectName().startswith("act_")]
    ours += [w.toggleViewAction() for w in window.findChildren(QToolBar) + window.findChildren(QDockWidget)
             if w.parent() is window]
    for action in ours:
        if action.text() and action.isVisible() and action.objectName() != "act_focus_mode_leave":
            assert action.shortcuts() or action in paths, action.text()
    for sequence in (s for a in window.findChildren(QAction) for s in a.shortcuts()):
        assert sequence.toString(QKeySequence.SequenceFormat.PortableText) != "Alt+Z"
    for top in window.menuBar().actions():
        assert "&z" not in top.text().lower()
    qtbot.waitUntil(lambda: window.menuBar().actions()[-1].text() == "Trợ &giúp")     # Help stays last
    listed = {name for name, _keys, _menu in shortcut_rows(window)}
    assert {"Tìm", "Tìm và thay thế", "In", "Hướng dẫn sử dụng", "Phóng to"} <= listed


# ---------------------------------------------------------------- focus mode and looks
def test_f11_shows_only_the_editor_and_esc_comes_back(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    key(qtbot, window, "F11")
    assert window.focus_mode.active
    assert window.editor.isVisible() and window.editor.body.isVisible()
    assert not window.outline.isVisible() and not window.preview.isVisible() and not window.menuBar().isVisible()
    key(qtbot, window.editor.body, "Esc")
    assert not window.focus_mode.active
    assert window.outline.isVisible() and window.preview.isVisible() and window.menuBar().isVisible()


def test_toolbar_and_outline_icons_in_light_and_dark(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    for name in ("new", "open", "save", "undo", "bold", "footnote", "export_docx"):
        assert not getattr(window.acts, name).icon().isNull(), name
    assert not window.finder.actions["find"].icon().isNull()
    from baocao.ui.outline import KEY_ROLE

    appendix_rows = [window.outline.tree.topLevelItem(i) for i in range(window.outline.tree.topLevelItemCount())]
    children = [r.child(j) for r in appendix_rows for j in range(r.childCount())
                if str(r.child(j).data(0, KEY_ROLE)).startswith("phu-luc:")]
    assert children and all(not c.icon(0).isNull() for c in children)

    def ink(icon) -> int:
        image = icon.pixmap(48, 48).toImage()
        return max(QColor(image.pixel(x, y)).lightness() for x in range(image.width()) for y in range(image.height())
                   if QColor.fromRgba(image.pixel(x, y)).alpha() > 200)

    assert ink(svg_icon("save", dark=True)) > 180 > ink(svg_icon("save", dark=False))
    sharp = svg_icon("save")
    assert {s.width() for s in sharp.availableSizes()} >= {24, 36, 48}        # 1×, 1.5×, 2× renderings
    assert not is_dark(window.palette())
    preview = window.preview.palette()
    assert preview.color(preview.ColorRole.Base) == QColor("#ffffff")        # paper in every theme


# ---------------------------------------------------------------- appendix tables fit their pane
def test_column_widths_fill_the_pane_and_keep_minimums():
    from baocao.ui.help.table_fit import column_widths

    assert column_widths([1, 3], 400, [40, 40]) == [100, 300]
    widths = column_widths([1, 1, 10], 200, [60, 60, 40])
    assert widths[:2] == [60, 60] and sum(widths) == 200
    assert column_widths([1, 1], 50, [40, 40]) == [40, 40]          # cannot fit: minimums win


def test_appendix_table_fits_its_pane_at_1366x768(qtbot, tmp_path):
    from baocao.ui import navigation as nav

    window = make_window(qtbot, tmp_path, sample_session())
    appendix = window.session.pack.appendices[0]
    window.select(nav.appendix_key(appendix.id))
    editor = window.table_editor
    qtbot.waitUntil(lambda: editor.view.horizontalHeader().length() <= editor.view.viewport().width() + 1)
    metrics = editor.view.fontMetrics()
    spec = window.session.pack.tables[appendix.table]
    for column, col_spec in enumerate(spec.columns):
        if col_spec.numeric:
            for row in range(editor.model.rowCount()):
                text = str(editor.model.index(row, column).data() or "")
                assert metrics.horizontalAdvance(text) < editor.view.columnWidth(column), (col_spec.key, text)


@needs_office
def test_print_to_pdf_without_pdftoppm_writes_the_exported_pdf(qtbot, tmp_path, monkeypatch, message_boxes):
    from baocao.ui.help import printing

    monkeypatch.setattr(printing, "pdftoppm_path", lambda: None)
    window = make_window(qtbot, tmp_path, sample_session())
    target = tmp_path / "ban-in.pdf"

    window.printing.ask_printer = _pdf_printer_to(target)
    assert window.printing.print_report()
    qtbot.waitUntil(lambda: not window.printing.busy(), timeout=180_000)
    assert message_boxes.shown == []
    pages = pdfinfo_pages(target)
    assert pages >= 3 and window.printing.last_printed == pages
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "BÁO CÁO" in text and "Đắk Nông" in text          # vector text: the exported file itself


# ---------------------------------------------------------------- screenshots at 150 %, light and dark
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_at_150_percent(tmp_path, theme):
    """tests/look_shots.py in its own process with QT_SCALE_FACTOR=1.5: crisp 2049×1152 shots, themed."""
    import os
    import sys
    from pathlib import Path

    from PySide6.QtGui import QImage

    script = Path(__file__).with_name("look_shots.py")
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(script), str(tmp_path), theme], env=env, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    window = QImage(str(tmp_path / f"ui-cua-so-{theme}-150.png"))
    assert (window.width(), window.height()) == (2049, 1152)

    def mean_lightness(x0, x1, y0, y1):
        xs = range(int(x0 * window.width()), int(x1 * window.width()), 3)
        ys = range(int(y0 * window.height()), int(y1 * window.height()), 3)
        values = [QColor(window.pixel(x, y)).lightness() for x in xs for y in ys]
        return sum(values) / len(values)

    frame = mean_lightness(0.0, 1.0, 0.0, 0.06)                          # menu bar and toolbar
    assert (frame < 100) if theme == "dark" else (frame > 180)
    assert mean_lightness(0.57, 0.78, 0.3, 0.9) > 150     # the preview is paper (black on white) in both themes
    assert (tmp_path / f"ui-tim-thay-the-{theme}-150.png").is_file()
