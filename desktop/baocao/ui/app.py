"""``run_app(paths)``: start the window (called by ``baocao`` with no sub-command).

Opens the given file, else the most recent file that still exists, else the
shipped sample as an untitled draft.  Installs the excepthook (log file,
recovery copy, polite message).  For bench/bench_startup.py,
``BAOCAO_BENCHMARK_EXIT=window`` quits as soon as the window shows the draft
(outline and section editor filled; the preview renders right after the first
paint), and ``BAOCAO_BENCHMARK_EXIT=preview`` once the first preview is rendered.
"""

from __future__ import annotations

import os
import sys

BENCHMARK_ENV = "BAOCAO_BENCHMARK_EXIT"
UI_FONTS = ["Segoe UI", "Noto Sans", "Liberation Sans", "DejaVu Sans", "Arial"]


def _pick_ui_font(app) -> None:
    """Make sure the interface font has Vietnamese glyphs (some minimal Linux set-ups default to one without)."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

    current = app.font()
    metrics = QFontMetrics(current)
    if all(metrics.inFontUcs4(ord(c)) for c in "ỦẬệđưởỹ"):
        return                               # the usual case: no need to scan the font database
    vietnamese = QFontDatabase.WritingSystem.Vietnamese
    families = set(QFontDatabase.families(vietnamese))
    if current.family() in families:
        return
    wanted = [f for f in UI_FONTS if f in families] or [f for f in UI_FONTS if f in set(QFontDatabase.families())]
    if wanted:
        font = QFont(current)
        font.setFamilies(wanted + [current.family()])
        app.setFont(font)


def create_application(argv: list[str] | None = None):
    """The QApplication with baocao's organisation/application names and icon."""
    from PySide6.QtWidgets import QApplication

    from ..constants import APP_DISPLAY_NAME, APP_NAME, ORG_NAME
    from .icons import app_icon
    from .translations import install_qt_translations

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setWindowIcon(app_icon())
    _pick_ui_font(app)
    install_qt_translations(app)          # Qt's own texts (context menus, dialogs, buttons) in Vietnamese
    return app


def open_initial(window, paths: list[str]) -> None:
    """Open *paths*[0], else the newest recent file, else the sample as an untitled draft.

    The sample is a historical example (Đắk Nông, 2021, before the 2025 map):
    the title says so (``S.UNTITLED_SAMPLE``) and a notice bar above the editor too.
    """
    controller = window.controller
    if paths and controller.open_path(paths[0], ask=False):
        return
    recent = window.settings.last_existing_recent()
    if recent and controller.open_path(recent, ask=False):
        return
    from ..samples import load_sample
    from ..session import DraftSession
    from ..template import load_pack

    from .sample_notice import show_sample_notice

    draft = load_sample()
    controller.set_session(DraftSession.new(load_pack(draft.template_id), draft), ask_on_close=False)
    show_sample_notice(window)


def _drop_source_cache() -> None:
    """Forget the source text PySide6 read while the window's modules were imported (~7 MiB).

    shiboken's ``__feature__`` support reads the source of every module that imports a Qt
    module (``inspect.getsource``: is "PySide6" in it?), which fills ``linecache`` with every
    UI module; nothing needs those lines afterwards (a traceback reads them again).  Freed
    before the draft is opened, that memory is reused instead of adding to the peak.
    """
    import linecache

    linecache.clearcache()


def run_app(paths: list[str]) -> int:
    """Run the window until it is closed; returns the exit status."""
    app = create_application()
    from .crash import install_excepthook, setup_logging
    from .main_window import MainWindow

    setup_logging()
    window = MainWindow()
    _drop_source_cache()
    install_excepthook(lambda: window.controller.session, lambda: window)
    benchmark = os.environ.get(BENCHMARK_ENV, "")
    if benchmark == "preview":
        from PySide6.QtCore import QTimer

        window.preview.rendered.connect(lambda _ms: QTimer.singleShot(0, app.quit))
    window.show()
    if not window.safekeeping.offer_recovery_at_start():
        open_initial(window, paths)
    if benchmark and benchmark != "preview":
        from .first_paint import after_first_paint

        after_first_paint(window.editor, app.quit, fallback_ms=-1)   # the window now shows the draft
    status = app.exec()
    import shiboken6

    shiboken6.delete(window)           # before the QApplication goes, never after
    return status
