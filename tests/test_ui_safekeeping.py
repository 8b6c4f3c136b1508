"""The durability features reached from the window: locks on open, recovery at start, autosave
status, history and backups menus (pytest-qt)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QDialog  # noqa: E402

from baocao.edits import SetSectionBody  # noqa: E402
from baocao.errors import DraftFileError  # noqa: E402
from baocao.model import Para  # noqa: E402

from baocao.storage.autosave import AutosaveStatus  # noqa: E402
from baocao.storage.locking import lock_path  # noqa: E402
from baocao.storage.proc import now_utc  # noqa: E402
from baocao.ui import durability  # noqa: E402
from baocao.ui.durability import LockChoice, LockDialog  # noqa: E402
from durability_support import crash_untitled_session  # noqa: E402
from ui_support import make_window, message_boxes  # noqa: E402,F401


def _lock_by_someone_else(path):
    when = now_utc().isoformat()
    info = {"user": "tranthib", "host": "MAY-VAN-THU", "pid": 4242, "session_id": "khac", "since": when,
            "heartbeat": when, "app": "baocao 0.1.0"}
    lock_path(path).write_text(json.dumps(info), encoding="utf-8")


@pytest.mark.parametrize("choice, read_only", [(LockChoice.READ_ONLY, True), (LockChoice.TAKE_OVER, False)])
def test_opening_a_locked_draft_asks_and_honours_the_choice(qtbot, tmp_path, draft_path, monkeypatch,
                                                            choice, read_only):
    window = make_window(qtbot, tmp_path)
    _lock_by_someone_else(draft_path)
    shown = []

    def fake_exec(dialog):
        shown.append(dialog.windowTitle())
        dialog.choice = choice
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LockDialog, "exec", fake_exec)
    assert window.controller.open_path(draft_path, ask=False)
    assert shown, "the lock dialog was not shown"
    assert window.session.read_only is read_only
    if read_only:
        assert json.loads(lock_path(draft_path).read_text(encoding="utf-8"))["user"] == "tranthib"
    else:
        assert json.loads(lock_path(draft_path).read_text(encoding="utf-8"))["session_id"] == window.session.session_id


def test_cancelling_the_lock_dialog_keeps_the_current_draft(qtbot, tmp_path, draft_path, monkeypatch):
    window = make_window(qtbot, tmp_path)
    _lock_by_someone_else(draft_path)
    monkeypatch.setattr(LockDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert not window.controller.open_path(draft_path, ask=False)
    assert window.session is None or window.session.path != draft_path


def test_recovery_is_offered_at_start_and_restores_into_the_window(qtbot, tmp_path, monkeypatch):
    crash_untitled_session("Đoạn viết dở trước khi mất điện")
    window = make_window(qtbot, tmp_path)

    def restore_first(dialog):
        dialog.list.setCurrentRow(0)
        dialog.restore_selected()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(durability.RecoveryDialog, "exec", restore_first)
    assert window.safekeeping.offer_recovery_at_start()
    assert window.session.draft.section("uu-diem").body[0].plain_text() == "Đoạn viết dở trước khi mất điện"


def test_nothing_to_recover_means_no_dialog(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path)
    monkeypatch.setattr(durability.RecoveryDialog, "exec", lambda d: pytest.fail("no dialog expected"))
    assert not window.safekeeping.offer_recovery_at_start()


def test_a_failed_background_write_stays_visible_and_marks_the_draft_unsaved(qtbot, tmp_path, draft_path):
    window = make_window(qtbot, tmp_path)
    assert window.controller.open_path(draft_path, ask=False)
    window.controller.undo_stack.setClean()
    error = DraftFileError("Không ghi được tệp «bc.baocao»: ổ đĩa đã đầy.", "")
    window.safekeeping.statusArrived.emit(AutosaveStatus(error=error, in_recovery=True))
    qtbot.waitUntil(lambda: "ổ đĩa đã đầy" in window.autosave_label.text())
    assert "bản khôi phục" in window.autosave_label.text()
    assert not window.controller.undo_stack.isClean()
    window.safekeeping.statusArrived.emit(AutosaveStatus(last_saved_at=now_utc()))
    qtbot.waitUntil(lambda: "ổ đĩa" not in window.autosave_label.text())
    assert window.autosave_label.text().startswith("Đã tự động lưu")


def test_autosave_status_arrives_from_the_writer_thread(qtbot, tmp_path, draft_path):
    window = make_window(qtbot, tmp_path)
    assert window.controller.open_path(draft_path, ask=False)
    session = window.session
    window.controller.push(SetSectionBody.make(session.draft, "uu-diem", [Para.of("Mới gõ xong")], typing=True))
    window.controller.autosave_now()
    qtbot.waitUntil(lambda: window.autosave_label.text().startswith("Đã tự động lưu"), timeout=5000)
    session.flush()
    assert session.autosave_status().file_counter == session.edit_counter


def test_taken_over_lock_is_reported_once(qtbot, tmp_path, draft_path, message_boxes):
    window = make_window(qtbot, tmp_path)
    assert window.controller.open_path(draft_path, ask=False)
    _lock_by_someone_else(draft_path)          # another PC took the file over
    window.safekeeping.heartbeat()
    window.safekeeping.heartbeat()
    texts = message_boxes.texts
    assert len(texts) == 1 and "bản khôi phục" in texts[0]


def test_history_and_backups_menus_open_their_dialogs(qtbot, tmp_path, draft_path, monkeypatch):
    window = make_window(qtbot, tmp_path)
    assert window.controller.open_path(draft_path, ask=False)
    opened = []
    monkeypatch.setattr(durability.HistoryDialog, "exec", lambda d: opened.append("history") or 0)
    monkeypatch.setattr(durability.BackupsDialog, "exec", lambda d: opened.append("backups") or 0)
    window.acts.history.trigger()
    window.acts.backups.trigger()
    assert opened == ["history", "backups"]
    monkeypatch.setattr("baocao.ui.safekeeping.QInputDialog.getText", lambda *a, **k: ("Gửi lãnh đạo duyệt 12/6", True))
    window.acts.named_version.trigger()
    assert any(v.name == "Gửi lãnh đạo duyệt 12/6" for v in window.session.versions())


def test_damaged_file_offers_its_backups(qtbot, tmp_path, draft_path, monkeypatch):
    from baocao.storage.backups import make_backup

    make_backup(draft_path, "mo")
    draft_path.write_bytes(draft_path.read_bytes()[:3000])       # the file got cut short
    window = make_window(qtbot, tmp_path)
    monkeypatch.setattr("baocao.ui.safekeeping.QMessageBox.question", lambda *a, **k: a[-1])  # default: Yes

    def restore_first(dialog):
        dialog.list.setCurrentRow(0)
        dialog.confirm = lambda *a: True
        dialog.restore_selected()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(durability.BackupsDialog, "exec", restore_first)
    assert window.controller.open_path(draft_path, ask=False)
    assert window.session.draft.section("uu-diem").body
