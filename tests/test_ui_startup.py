"""Start-up ordering (issue 16): the rooms after the first paint, the window command without the parser,
the outline's remembered row heights, the first word count after the paint, the memory report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QObject, Signal  # noqa: E402

from ui_support import make_window, sample_session, show_active  # noqa: E402


def _menus(window) -> list[tuple[str, list[str]]]:
    """Menu titles with their entries' texts (submenus by title), as the menu bar shows them."""
    out = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None:
            out.append((action.text(), [a.text() for a in menu.actions() if not a.isSeparator()]))
    return out


def _docks(window) -> list[str]:
    from PySide6.QtWidgets import QDockWidget

    return sorted(d.objectName() or d.windowTitle() for d in window.findChildren(QDockWidget))


def _deferred_window(qtbot, tmp_path):
    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    from ui_support import discard_changes

    window = MainWindow(settings=AppSettings.at(tmp_path / "deferred.ini"), defer_rooms=True)
    qtbot.addWidget(window, before_close_func=discard_changes)
    return window


def test_deferred_rooms_come_after_the_first_paint_and_match_the_usual_window(qtbot, tmp_path):
    usual = make_window(qtbot, tmp_path, sample_session())
    window = _deferred_window(qtbot, tmp_path)
    assert not window.rooms_installed and not hasattr(window, "checks")      # nothing of the rooms yet
    menus_before = _menus(window)
    window.controller.set_session(sample_session(), ask_on_close=False)
    window.resize(1366, 768)
    show_active(window)
    qtbot.waitUntil(lambda: window.rooms_installed, timeout=5000)
    assert len(menus_before) < len(_menus(window))
    qtbot.wait(50)                                # "Trợ giúp" moves to the end on a zero timer (ui/help)
    assert _menus(window) == _menus(usual)                                   # same menus, same order
    assert _docks(window) == _docks(usual)
    qtbot.waitUntil(lambda: window.preview.refresh_count > 0, timeout=15000)
    assert window.preview._backend is not None                               # rendered by the worker process
    qtbot.waitUntil(lambda: bool(window.word_counts.text()), timeout=5000)
    assert window.word_counts.text() == usual.word_counts.text()


def test_rooms_installed_late_hear_of_the_open_draft_once_and_the_window_does_not_reload(qtbot, tmp_path):
    from baocao.ui.late_rooms import install_late

    window = make_window(qtbot, tmp_path, sample_session())
    loads = []
    window.outline.set_pack = lambda *args: loads.append(args)               # the window's own reload would call it
    heard: list[str] = []

    def room() -> None:                                                      # a room as rooms install themselves
        window.controller.sessionChanged.connect(lambda: heard.append("session"))
        window.controller.editApplied.connect(lambda *_: heard.append("edit"))

    controller = window.controller
    install_late(window, room)
    assert window.controller is controller                                   # the relay is gone again
    assert heard == ["session"] and loads == []
    controller.sessionChanged.emit()                                         # later opens reach the room too
    assert heard.count("session") == 2


def test_session_relay_passes_everything_else_to_the_controller(qtbot):
    from baocao.ui.late_rooms import SessionRelay

    class Controller(QObject):
        sessionChanged = Signal()
        session = "the session"

    controller = Controller()
    relay = SessionRelay(controller)
    assert relay.session == "the session"
    got = []
    relay.sessionChanged.connect(lambda: got.append(1))
    controller.sessionChanged.emit()
    assert got == [1]


def test_first_check_waits_for_the_first_preview(qtbot, tmp_path):
    window = _deferred_window(qtbot, tmp_path)
    asked = []
    window.schedule_findings = lambda: asked.append(window.preview.refresh_count)
    window.controller.set_session(sample_session(), ask_on_close=False)
    show_active(window)
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    assert asked[0] >= 1                                                     # the preview was drawn first


def test_word_count_waits_for_the_first_paint(qtbot):
    from baocao.ui.status_counts import WordCounts

    label = WordCounts()
    qtbot.addWidget(label)
    label.show_for(sample_session().draft, None)
    assert label.text() == ""                                                # not counted before it is painted
    label.show()
    qtbot.waitUntil(lambda: "Báo cáo:" in label.text(), timeout=3000)
    label.show_for(sample_session().draft, None)                             # afterwards: at once
    assert "Báo cáo:" in label.text()


def test_outline_heights_are_remembered_and_follow_the_width(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    tree = window.outline.tree
    delegate = tree.itemDelegate()
    first = tree.topLevelItem(0)
    index = tree.indexFromItem(first, 0)
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(tree)
    wide = delegate.sizeHint(option, index).height()
    assert delegate._heights                                                 # measured once, remembered
    calls = len(delegate._heights)
    assert delegate.sizeHint(option, index).height() == wide and len(delegate._heights) == calls
    width = tree.header().sectionSize(0)
    window.splitter.setSizes([240, 680, 446])                                # a narrower outline wraps more
    qtbot.waitUntil(lambda: tree.header().sectionSize(0) < width - 40, timeout=3000)
    assert delegate.sizeHint(option, index).height() > wide
    assert len(delegate._heights) > calls


def test_window_command_skips_the_parser(monkeypatch):
    from baocao import cli

    opened = []
    monkeypatch.setattr(cli, "cmd_gui", lambda args: opened.append(args.file) or 0)
    monkeypatch.setattr(cli, "build_parser", lambda *a, **k: pytest.fail("the parser was built"))
    assert cli.main([]) == 0 and cli.main(["bao-cao.baocao"]) == 0 and cli.main(["Cu.JSON"]) == 0
    assert opened == [None, "bao-cao.baocao", "Cu.JSON"]
    assert cli._window_only(["export", "x.baocao"]) is None                  # sub-commands are parsed
    assert cli._window_only(["--debug"]) is None and cli._window_only(["ten-lenh"]) is None


NO_PROC = pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="the memory report reads Linux /proc")


@NO_PROC
def test_memory_report_names_the_children(tmp_path):
    from baocao.ui.app import memory_report

    child = subprocess.Popen([sys.executable, "-c", "import time; x = bytearray(8 << 20); time.sleep(30)"])
    try:
        deadline = time.monotonic() + 10
        report = memory_report()
        while time.monotonic() < deadline and report["children"].get(f"preview:{child.pid}", 0) < 8 * 1024:
            time.sleep(0.1)
            report = memory_report()
    finally:
        child.kill()
        child.wait()
    assert report["window"] > 10 * 1024                                      # KiB of this very process
    assert report["children"][f"preview:{child.pid}"] >= 8 * 1024
    json.dumps(report)


@NO_PROC
def test_benchmark_settled_exit_writes_the_memory_of_each_process(tmp_path):
    target = tmp_path / "memory.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BAOCAO_BENCHMARK_EXIT="settled",
               BAOCAO_BENCHMARK_MEMORY=str(target), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    code = "import sys; from baocao.cli import main; sys.exit(main([]))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["window"] > 40 * 1024
    previews = [kib for name, kib in report["children"].items() if name.startswith("preview:")]
    assert previews and all(kib > 5 * 1024 for kib in previews)              # the preview process counts too
    assert report["collector_on"] is True          # paused for the start-up (startup_gc), resumed at the paint
    assert report["openssl_loaded"] is False       # the window hashes with CPython's own SHA-2 (startup_hashing)


FEATURE_DICT_CODE = """
import json, os, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
import baocao.ui.app as ui_app
if os.environ["QUICK"] == "1":
    ui_app._quick_pyside_source_check()
import baocao.ui.main_window, baocao.ui.review, baocao.ui.help, baocao.checks, baocao.ui.checks.install
feature = sys.modules["PySide6.support.feature"]
import linecache
print(json.dumps({"dict": {k: v for k, v in feature.pyside_feature_dict.items() if k.startswith("baocao")},
                  "cached": sum(1 for name in linecache.cache if "baocao" in name)}))
"""


def test_quick_source_check_gives_pyside_the_same_answers_without_reading_sources():
    answers = {}
    for quick in ("0", "1"):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUICK=quick)
        done = subprocess.run([sys.executable, "-c", FEATURE_DICT_CODE], env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        answers[quick] = json.loads(done.stdout.strip().splitlines()[-1])
    assert answers["1"]["dict"] == answers["0"]["dict"]                     # same module → feature answers
    assert len(answers["0"]["dict"]) > 50 and 0 in answers["0"]["dict"].values()
    assert answers["0"]["cached"] > 50 and answers["1"]["cached"] <= 1       # only ui/app.py itself was read
