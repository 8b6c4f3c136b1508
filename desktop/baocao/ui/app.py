"""``run_app(paths)``: start the window (called by ``baocao`` with no sub-command).

Opens the given file, else the most recent file that still exists, else the
shipped sample as an untitled draft.  Installs the excepthook (log file,
recovery copy, polite message).  For bench/bench_startup.py,
``BAOCAO_BENCHMARK_EXIT=window`` quits as soon as the window shows the draft
(outline and section editor filled; the preview renders right after the first
paint), ``BAOCAO_BENCHMARK_EXIT=preview`` once the first preview is rendered, ``=settled`` once the
first whole-draft check is in too (``BAOCAO_BENCHMARK_MEMORY``: write ``memory_report()`` there first).
"""

from __future__ import annotations

import os
import sys

BENCHMARK_ENV = "BAOCAO_BENCHMARK_EXIT"
#: bench/bench_memory.py: a file where the benchmark exit writes the peak memory of this process and its children
BENCHMARK_MEMORY_ENV = "BAOCAO_BENCHMARK_MEMORY"
UI_FONTS = ["Segoe UI", "Noto Sans", "Liberation Sans", "DejaVu Sans", "Arial"]
#: the classes' compiled code (``dataclass_code``, installed by ``baocao``) is written this long after the start
CODE_CACHE_SAVE_MS = 20_000
#: the garbage collector paused for the start-up (``startup_gc``) is resumed at the first paint, this late at most
GC_RESUME_FALLBACK_MS = 2_000


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


def _quick_pyside_source_check() -> None:
    """Let PySide6's import hook answer "does this module use PySide6?" from the file's bytes.

    For every module imported after PySide6, ``shibokensupport.feature`` reads the module's whole
    source through ``inspect.getsource`` (line cache, decoding, line splitting) only to look for the
    word "PySide6" — about a seventh of the window's start-up, and several MiB of cached lines.
    Reading the ``.py`` file's bytes gives the same answer for a plain source module; anything else
    (no file, compiled-only, extension modules) still goes through PySide6's own check.
    """
    feature = sys.modules.get("PySide6.support.feature") or sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_baocao_quick", False):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside._baocao_quick = True          # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside


def create_application(argv: list[str] | None = None):
    """The QApplication with baocao's organisation/application names and icon."""
    from PySide6.QtWidgets import QApplication

    _quick_pyside_source_check()

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


def _peak_kib(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
    except (OSError, ValueError):
        return 0


def memory_report() -> dict:
    """Peak resident memory (KiB, Linux ``VmHWM``) of this process and of each child still running
    (the preview process and multiprocessing's resource tracker), by process name; whether the garbage
    collector runs again (``startup_gc``: paused for the start-up); whether OpenSSL's hashing binding
    was loaded (``startup_hashing``: kept out of the window)."""
    import json

    import gc

    from ..startup_hashing import openssl_loaded

    me = str(os.getpid())
    report = {"window": _peak_kib("self"), "children": {}, "collector_on": gc.isenabled(),
              "openssl_loaded": openssl_loaded()}
    try:
        entries = os.listdir("/proc")
    except OSError:                                          # not Linux: no per-process figures
        entries = []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if fields[1] != me:                              # the parent's pid
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                words = cmdline.read().decode("utf-8", "replace").split("\0")
        except (OSError, IndexError):
            continue
        kind = "resource_tracker" if any("resource_tracker" in w for w in words) else "preview"
        report["children"][f"{kind}:{entry}"] = _peak_kib(entry)
    json.dumps(report)                                       # plain data only
    return report


def _benchmark_quit(app):
    """``app.quit``, writing ``memory_report()`` first when ``BAOCAO_BENCHMARK_MEMORY`` names a file."""
    target = os.environ.get(BENCHMARK_MEMORY_ENV)
    if not target:
        return app.quit

    def quit_() -> None:
        import json

        with open(target, "w", encoding="utf-8") as out:
            json.dump(memory_report(), out)
        app.quit()

    return quit_


def _quit_when_settled(app, window, checks_too: bool) -> None:
    """Benchmark exit once the first preview is drawn (*checks_too*: and the first whole-draft check is in)."""
    from PySide6.QtCore import QTimer

    from .first_paint import after_first_paint

    quit_ = _benchmark_quit(app)
    waiting = {"preview", "checks"} if checks_too else {"preview"}

    def done(what: str, now: bool = False) -> None:
        waiting.discard(what)
        if not waiting:
            if now:
                quit_()                     # the preview pane's paint has just happened: stop the clock there
            else:
                QTimer.singleShot(0, quit_)

    def rendered(_ms: float) -> None:     # drawn: the preview pane's next paint after its first render
        if "preview" in waiting:
            after_first_paint(window.preview.viewport(), lambda: done("preview", now=True), fallback_ms=-1)

    window.preview.rendered.connect(rendered)
    if checks_too:                  # the checks room may come after the first preview (main_window._first_preview)
        def connect_checks() -> None:
            checks = getattr(window, "checks", None)
            if checks is not None:
                checks.report.findingsReady.connect(lambda: done("checks"))

        if window.rooms_installed:
            connect_checks()
        else:
            install = window._install_rooms
            window._install_rooms = lambda: (install(), connect_checks())


def run_app(paths: list[str]) -> int:
    """Run the window until it is closed; returns the exit status."""
    app = create_application()
    from .crash import install_excepthook, setup_logging
    from .main_window import MainWindow

    setup_logging()
    window = MainWindow(defer_rooms=True)     # the rooms' menus and docks come right after the first paint
    _drop_source_cache()
    install_excepthook(lambda: window.controller.session, lambda: window)
    benchmark = os.environ.get(BENCHMARK_ENV, "")
    if benchmark in ("preview", "settled"):
        _quit_when_settled(app, window, checks_too=benchmark == "settled")
    window.show()
    from .. import startup_gc
    from .first_paint import after_first_paint

    after_first_paint(window.editor, startup_gc.resume, fallback_ms=GC_RESUME_FALLBACK_MS)   # a dialog first too
    if not window.safekeeping.offer_recovery_at_start():
        open_initial(window, paths)
    if benchmark and benchmark not in ("preview", "settled"):
        after_first_paint(window.editor, _benchmark_quit(app), fallback_ms=-1)   # the window now shows the draft
    from PySide6.QtCore import QTimer

    from .. import dataclass_code

    QTimer.singleShot(CODE_CACHE_SAVE_MS, dataclass_code.save)   # also kept when the process is killed later
    status = app.exec()
    import shiboken6

    shiboken6.delete(window)           # before the QApplication goes, never after
    return status
