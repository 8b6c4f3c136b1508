"""The main window is kept on its screen (QA: restored with its bottom edge off-screen)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QRect  # noqa: E402

from baocao.ui.window_fit import FRAME_ALLOWANCE, fitted_rect  # noqa: E402

SCREEN_1366 = QRect(0, 0, 1366, 728)          # 1366×768 with a 40-pixel taskbar


def _inside(rect: QRect, available: QRect) -> bool:
    frame_w, frame_h = FRAME_ALLOWANCE
    return (rect.left() >= available.left() and rect.top() >= available.top()
            and rect.right() + frame_w // 2 <= available.right() and rect.bottom() + frame_w // 2 <= available.bottom()
            and rect.height() + frame_h <= available.height())


def test_the_first_start_size_is_shrunk_to_a_small_screen():
    fitted = fitted_rect(QRect(0, 0, 1366, 768), SCREEN_1366)
    assert _inside(fitted, SCREEN_1366)
    assert fitted.height() == 728 - FRAME_ALLOWANCE[1] and fitted.width() == 1366 - FRAME_ALLOWANCE[0]


def test_a_window_hanging_off_the_bottom_is_moved_up_not_shrunk():
    fitted = fitted_rect(QRect(100, 500, 900, 600), SCREEN_1366)
    assert _inside(fitted, SCREEN_1366)
    assert (fitted.width(), fitted.height(), fitted.x()) == (900, 600, 100)


def test_a_window_left_on_a_second_screen_comes_back():
    fitted = fitted_rect(QRect(2000, -300, 1000, 600), SCREEN_1366)
    assert _inside(fitted, SCREEN_1366) and fitted.size().width() == 1000


def test_a_window_that_fits_is_left_alone():
    rect = QRect(50, 60, 1000, 600)
    assert fitted_rect(rect, SCREEN_1366) == rect


def test_a_screen_with_its_taskbar_on_the_left():
    available = QRect(60, 0, 1306, 768)
    fitted = fitted_rect(QRect(0, 0, 1366, 768), available)
    assert _inside(fitted, available) and fitted.left() >= 60


def test_the_window_restored_off_its_screen_comes_back_onto_it(qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    settings = AppSettings.at(tmp_path / "settings.ini")
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.setGeometry(QRect(300, 500, 1366, 768))      # bigger than the test screen and hanging off its bottom
    first.save_settings()
    first.close()
    second = MainWindow(settings=AppSettings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(second)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert _inside(second.geometry(), available), (second.geometry(), available)


def test_the_first_start_is_centred_and_fits(qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    window = MainWindow(settings=AppSettings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert _inside(window.geometry(), available)
    assert abs(window.geometry().center().x() - available.center().x()) <= 2
