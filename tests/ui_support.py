"""Helpers for the window tests (tests/test_ui_*.py): typing, dialogs, building windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type *text* into *widget* key by key.

    ASCII goes through ``qtbot.keyClicks``; QTest cannot map other characters to
    keys (it asserts), so Vietnamese letters are sent as key events carrying the
    character, the way a keyboard layout or Unikey's "send key" mode delivers them.
    """
    chunk = ""
    for char in text:
        if char.isascii():
            chunk += char
            continue
        if chunk:
            qtbot.keyClicks(widget, chunk)
            chunk = ""
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    if chunk:
        qtbot.keyClicks(widget, chunk)


def make_window(qtbot, tmp_path: Path, session=None):
    """A main window with private settings (an ini file in *tmp_path*), shown, optionally with *session*."""
    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    settings = AppSettings.at(tmp_path / "settings.ini")
    window = MainWindow(settings=settings)
    qtbot.addWidget(window, before_close_func=discard_changes)
    if session is not None:
        window.controller.set_session(session, ask_on_close=False)   # like the sample at start-up
    window.resize(1366, 768)
    show_active(window)
    if session is not None:          # the preview is asked for after the first paint and comes from its worker
        qtbot.waitUntil(lambda: window.preview.refresh_count > 0, timeout=15000)
    return window


def discard_changes(window) -> None:
    """Let the window close at teardown without the (modal) unsaved-changes question."""
    window.controller.ask_on_close = False
    window.controller.discard_on_close = True


def show_active(window: QWidget) -> None:
    """Show *window* and wait until it is the active window (so shortcuts and focus work)."""
    from PySide6.QtTest import QTest

    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 2000)


def sample_session():
    """An untitled session holding the shipped sample draft."""
    from baocao.samples import load_sample
    from baocao.session import DraftSession
    from baocao.template import load_pack

    draft = load_sample()
    return DraftSession.new(load_pack(draft.template_id), draft)


def _real_ask_unsaved():
    from baocao.ui import prompts

    return prompts.ask_unsaved


REAL_ASK_UNSAVED = _real_ask_unsaved()


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """No modal message box can block a window test.

    QMessageBox's static functions only record; the unsaved-changes question
    is recorded too and answered "Không lưu" (tests that want the real box
    put back ``REAL_ASK_UNSAVED``).
    """
    from baocao.ui import prompts

    recorder = MessageBoxRecorder(monkeypatch)

    def ask_unsaved(parent, name):
        recorder.shown.append(("unsaved", name, ""))
        return prompts.Answer.DISCARD

    monkeypatch.setattr(prompts, "ask_unsaved", ask_unsaved)
    return recorder


class MessageBoxRecorder:
    """Stands in for QMessageBox's static functions and records what would have been shown."""

    def __init__(self, monkeypatch, answer=None):
        from PySide6.QtWidgets import QMessageBox

        self.shown: list[tuple[str, str, str]] = []
        self._answer = answer if answer is not None else QMessageBox.StandardButton.Ok
        for name in ("warning", "critical", "information", "question"):
            monkeypatch.setattr(QMessageBox, name, self._make(name))

    def _make(self, kind):
        def show(parent, title, text, *args, **kwargs):
            self.shown.append((kind, title, text))
            return self._answer
        return staticmethod(show)

    @property
    def texts(self) -> list[str]:
        return [text for _, _, text in self.shown]


def open_pack_editor(qtbot, tmp_path: Path, pack_id: str = "nam-thu"):
    """A pack editor on a user copy (*pack_id*) of the built-in annual pack, shown and active."""
    from baocao.template.registry import find_pack_dir
    from baocao.template.user_packs import start_user_pack
    from baocao.ui.packs.editor import PackEditor

    root = start_user_pack(find_pack_dir("bao-cao-nam"), pack_id, folder=tmp_path / "packs")
    win = PackEditor(root)
    qtbot.addWidget(win)
    show_active(win)
    return win


@pytest.fixture
def user_packs(tmp_path, monkeypatch):
    """An empty office-pack folder standing in for the user's (every module that looks it up)."""
    folder = tmp_path / "mau-cua-don-vi"
    folder.mkdir()
    monkeypatch.setattr("baocao.paths.user_templates_dir", lambda: folder)
    monkeypatch.setattr("baocao.template.user_packs.user_templates_dir", lambda: folder)
    monkeypatch.setattr("baocao.ui.packs.manager.user_templates_dir", lambda: folder)
    return folder
