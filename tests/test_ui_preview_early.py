"""The window's first preview (issue 16): the render the preview process made of the draft file before the
window asked, and a long report's top shown first — the viewport exactly as the whole report shows it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import large_report  # noqa: E402
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from baocao.render import render_draft  # noqa: E402
from baocao.storage import save_draft  # noqa: E402
from baocao.ui.preview import PreviewPane  # noqa: E402
from baocao.writers.html import document_to_html  # noqa: E402
from ui_support import discard_changes, show_active, type_text  # noqa: E402


@pytest.fixture
def early_worker(monkeypatch):
    """A process-wide early worker for this test only (the other tests keep the shared one)."""
    from baocao.render import early_preview as worker_module
    from baocao.ui import preview_async

    monkeypatch.setattr(preview_async, "_WORKER", None)
    yield worker_module
    if worker_module.EARLY_WORKER is not None:
        worker_module.EARLY_WORKER.stop()
    worker_module.EARLY_WORKER = worker_module.EARLY_FILE = None


def _window(qtbot, tmp_path):
    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    window = MainWindow(settings=AppSettings.at(tmp_path / "settings.ini"), defer_rooms=True)   # as `baocao FILE`
    qtbot.addWidget(window, before_close_func=discard_changes)
    window.resize(1366, 768)
    show_active(window)
    return window


class _PaintLog(QObject):
    """Records, at each paint of the watched widget, whether the window's rooms were installed yet."""

    def __init__(self, window, log: list[bool]):
        super().__init__(window)
        self._window, self._log = window, log

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self._log.append(not self._window.rooms_installed)
        return False


def _pane(qtbot, html: str | None = None, windowing: bool = True) -> PreviewPane:
    pane = PreviewPane()
    pane.windowing = windowing
    qtbot.addWidget(pane)
    pane.resize(466, 700)
    pane.show()
    if html is not None:
        pane.update_html(html)
    return pane


def test_the_first_preview_is_the_early_render_and_typing_follows(qtbot, tmp_path, sample_draft, early_worker):
    path = tmp_path / "ban-thao.baocao"
    save_draft(sample_draft, path)
    early_worker.start_early_preview(str(path))
    window = _window(qtbot, tmp_path)
    painted_before_rooms: list[bool] = []
    watcher = _PaintLog(window, painted_before_rooms)
    window.preview.rendered.connect(lambda _ms: window.preview.viewport().installEventFilter(watcher))
    assert window.controller.open_path(str(path), ask=False)
    qtbot.waitUntil(lambda: window.preview.refresh_count > 0, timeout=20000)
    qtbot.waitUntil(lambda: bool(painted_before_rooms), timeout=10000)
    assert painted_before_rooms[0], "the first preview must be drawn before the rooms install"
    backend = window.preview_backend
    assert backend.worker is early_worker.EARLY_WORKER and backend.full_sends == 0   # the draft never pickled
    session = window.session
    expected = document_to_html(render_draft(session.draft, session.pack), standalone=False)
    from baocao.ui.preview import html_chunks

    assert [c.removesuffix("\n") for c in window.preview._chunks] == html_chunks(expected)   # the in-process render
    assert window.preview.toPlainText() == _pane(qtbot, expected).toPlainText()
    qtbot.waitUntil(lambda: window.rooms_installed, timeout=10000)     # the rooms come after the preview
    assert getattr(window, "checks", None) is not None
    key = window.current_key
    window.editor.body.setFocus()
    type_text(qtbot, window.editor.body, " Câu mới gõ sau khi mở.")
    qtbot.waitUntil(lambda: "Câu mới gõ sau khi mở." in window.preview.toPlainText(), timeout=15000)
    assert backend.full_sends == 0 and key == window.current_key       # the edit went as a delta


def test_a_draft_changed_after_the_process_read_it_is_sent_whole(qtbot, tmp_path, sample_draft, early_worker):
    path = tmp_path / "ban-thao.baocao"
    save_draft(sample_draft, path)
    early_worker.start_early_preview(str(path))
    qtbot.waitUntil(lambda: early_worker.EARLY_WORKER.alive() and early_worker.EARLY_WORKER._current() != "",
                    timeout=30000)                            # the process has read the file and renders it
    other = sample_draft
    other.meta.summary = "Báo cáo đã sửa ở nơi khác"
    save_draft(other, path)                                   # another program wrote the file meanwhile
    window = _window(qtbot, tmp_path)
    assert window.controller.open_path(str(path), ask=False)
    qtbot.waitUntil(lambda: "Báo cáo đã sửa ở nơi khác" in window.preview.toPlainText(), timeout=20000)
    assert window.preview_backend.full_sends == 1


def test_a_long_reports_top_is_shown_first_exactly_as_the_whole(qtbot, tmp_path):
    from baocao.template import load_pack_dir

    pack = load_pack_dir(large_report.write_pack(tmp_path / "lon"))
    html = document_to_html(render_draft(large_report.build_draft(), pack), standalone=False)
    pane = _pane(qtbot)
    pane.windowing = False                                    # a window holds only the top anyway (its own tests)
    pane._top_first = True                                    # what show_soon asks for the first preview
    pane.update_html(html)
    assert pane.patches_pending() and len(pane.toPlainText()) < len(html) / 4      # only the top laid out
    qtbot.wait(50)
    top = pane.viewport().grab().toImage()
    qtbot.waitUntil(lambda: not pane.patches_pending(), timeout=10000)   # the rest after the paint, unasked
    whole = _pane(qtbot, html, windowing=False)
    assert pane.document().toHtml() == whole.document().toHtml()
    assert pane.verticalScrollBar().value() == 0
    assert top == pane.viewport().grab().toImage() == whole.viewport().grab().toImage()
