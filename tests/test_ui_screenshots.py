"""Screenshots at 1366×768: the main window with the sample, the new-draft wizard, the export result.

They are written to docs/images/ when ``BAOCAO_SCREENSHOTS=1`` (to refresh the
documentation), otherwise to a temporary folder, so an ordinary test run
never changes tracked files.  The test also checks that Vietnamese text has
glyphs in the fonts found (no empty boxes) and that no pane is empty.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from ui_support import make_window, message_boxes, sample_session  # noqa: E402,F401

SIZE = (1366, 768)
DOCS_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
VIETNAMESE = "ỦY BAN NHÂN DÂN Đắk Nông ngày tháng năm Việt ưu điểm đánh giá"


@pytest.fixture
def out_dir(tmp_path):
    if os.environ.get("BAOCAO_SCREENSHOTS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        return DOCS_IMAGES
    return tmp_path


def over_window(window: QWidget, dialog: QWidget, popups: tuple[QWidget, ...] = ()) -> QPixmap:
    """The window at 1366×768 with *dialog* drawn centred on it (and its open *popups*), as a user sees it."""
    QApplication.processEvents()
    base = window.grab()
    shot = dialog.grab()
    painter = QPainter(base)
    painter.fillRect(base.rect(), QColor(0, 0, 0, 60))
    top_left = QPoint((base.width() - shot.width()) // 2, (base.height() - shot.height()) // 2)
    painter.fillRect(top_left.x() + 4, top_left.y() + 4, shot.width(), shot.height(), QColor(0, 0, 0, 70))
    painter.drawPixmap(top_left, shot)
    painter.setPen(QColor("#888"))
    painter.drawRect(top_left.x(), top_left.y(), shot.width() - 1, shot.height() - 1)
    for popup in popups:
        at = top_left + popup.mapToGlobal(QPoint(0, 0)) - dialog.mapToGlobal(QPoint(0, 0))
        painter.drawPixmap(at, popup.grab())
        painter.drawRect(at.x(), at.y(), popup.width() - 1, popup.height() - 1)
    painter.end()
    return base


def test_vietnamese_glyphs_available(qapp):
    from baocao.ui.app import _pick_ui_font
    from baocao.ui.richtext_editor import BodyEditor

    _pick_ui_font(qapp)
    for font in (qapp.font(), BodyEditor().document().defaultFont()):
        metrics = QFontMetrics(font)
        missing = [c for c in set(VIETNAMESE) if not c.isspace() and not metrics.inFontUcs4(ord(c))]
        assert not missing, f"{font.family()} lacks {missing}"


def test_screenshots(qtbot, tmp_path, out_dir, monkeypatch):
    window = make_window(qtbot, tmp_path, sample_session())
    window.resize(*SIZE)
    window.select("nhiem-vu-cap-tren")
    window.preview.refresh_now()
    QApplication.processEvents()
    main = window.grab()
    assert (main.width(), main.height()) == SIZE
    assert main.save(str(out_dir / "ui-cua-so-chinh.png"))
    for pane in (window.outline.tree, window.editor.body, window.preview):
        image = pane.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 3, f"{pane.objectName() or type(pane).__name__} looks empty"

    from baocao.ui.wizard import NewDraftWizard

    wizard = NewDraftWizard(window, window.settings)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.restart()
    QApplication.processEvents()
    assert over_window(window, wizard).save(str(out_dir / "ui-tao-moi.png"))
    wizard.next()                                   # the issuer page: the list of the 34 provinces and cities
    chooser = wizard.issuer.part.locality
    chooser.setText("tỉnh Lâm Đồng")
    chooser.showPopup()
    QApplication.processEvents()
    assert over_window(window, wizard, (chooser.view().window(),)).save(str(out_dir / "ui-tao-moi-co-quan.png"))
    chooser.hidePopup()
    wizard.next()                                   # the period page
    assert over_window(window, wizard).save(str(out_dir / "ui-tao-moi-ky.png"))
    wizard.reject()

    out = tmp_path / "bao-cao-6-thang-dau-nam-2021.docx"
    try:
        import baocao.writers.docx  # noqa: F401
        from PySide6.QtWidgets import QFileDialog

        from baocao.ui import prompts

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
        monkeypatch.setattr(prompts, "confirm_export_findings", lambda *a: True)
        with qtbot.waitSignal(window.controller.exportFinished, timeout=30000):
            window.controller.export("docx")
        box = window.controller.last_result_box
    except ImportError:
        from baocao.ui.prompts import export_result_box

        box = export_result_box(window, out)
    box.adjustSize()
    QApplication.processEvents()
    assert over_window(window, box).save(str(out_dir / "ui-xuat-tep.png"))
    box.close()
    for name in ("ui-cua-so-chinh.png", "ui-tao-moi.png", "ui-tao-moi-co-quan.png", "ui-tao-moi-ky.png",
                 "ui-xuat-tep.png"):
        pixmap = QPixmap(str(out_dir / name))
        assert (pixmap.width(), pixmap.height()) == SIZE

