"""The window's preview renders in a worker: a runaway pack never freezes typing, and it is named."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from test_preview_worker import hostile_pack  # noqa: E402
from ui_support import make_window, type_text  # noqa: E402

MAX_STALL_MS = 100


class StallMeter:
    """Largest gap between ticks of a 5 ms timer: how long the event loop was blocked."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, (now - self.last) * 1000)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()


@pytest.fixture
def quick_kill():
    from baocao.ui.preview_async import shared_worker

    worker = shared_worker()
    before, worker.kill_after_s = worker.kill_after_s, 1.5
    yield worker
    worker.kill_after_s = before


def test_typing_goes_on_while_a_runaway_pack_renders(qtbot, tmp_path, sample_draft, quick_kill):
    from baocao.session import DraftSession

    session = DraftSession.new(hostile_pack(tmp_path), sample_draft)
    window = make_window(qtbot, tmp_path, session)
    preview = window.preview
    qtbot.waitUntil(lambda: preview.error_shown, timeout=15000)      # the first render: killed, named
    assert "«muc/han-che.j2»" in preview.toPlainText()
    assert window.controller.save_as(tmp_path / "ban-thao.baocao")
    window.select("uu-diem")
    editor = window.editor.body
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    count = preview.refresh_count
    meter = StallMeter()
    meter.start()
    deadline = time.perf_counter() + 4.0          # type for longer than the worker's limit
    typed = ""
    while time.perf_counter() < deadline:
        type_text(qtbot, editor, "ạ")
        typed += "ạ"
        qtbot.wait(40)
        if len(typed) == 5:
            qtbot.wait(400)                       # a pause: the debounced render starts and runs away
    qtbot.waitUntil(lambda: preview.refresh_count > count, timeout=15000)
    meter.timer.stop()
    assert meter.worst < MAX_STALL_MS, f"the window stalled {meter.worst:.0f} ms"
    assert typed in window.session.draft.section("uu-diem").body[-1].plain_text()
    assert preview.error_shown
    text = preview.toPlainText()
    assert "Không xem trước được" in text and "«muc/han-che.j2»" in text and "sửa mẫu" in text
    assert window.controller.autosave_now()                        # autosave goes on: the typing is on disk


def test_a_new_edit_supersedes_the_one_waiting(qtbot, tmp_path, sample_draft):
    from baocao.session import DraftSession
    from baocao.template import load_pack

    window = make_window(qtbot, tmp_path, DraftSession.new(load_pack(sample_draft.template_id), sample_draft))
    preview = window.preview
    qtbot.waitUntil(lambda: preview.refresh_count >= 1, timeout=15000)
    window.select("uu-diem")
    editor = window.editor.body
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for word in ("một", "hai", "ba"):
        type_text(qtbot, editor, " " + word)
        preview._refresh_later()                      # three renders asked in a row, none waited for
    qtbot.waitUntil(lambda: "một hai ba" in preview.toPlainText(), timeout=15000)
    assert not preview.error_shown
    assert window._summary is not None
    QApplication.processEvents()
