"""The durability dialogs (pytest-qt): recovery after a crash, a locked file, history, backups."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from baocao.edits import RestoreSection  # noqa: E402
from baocao.session import DraftSession  # noqa: E402
from baocao.storage import open_draft, recovery  # noqa: E402
from baocao.storage.locking import read_lock  # noqa: E402
from baocao.ui.durability import (  # noqa: E402
    BackupsDialog, HistoryDialog, LockChoice, LockDialog, RecoveryDialog, offer_recovery, open_with_lock_dialog,
)
from baocao.ui.durability.common import section_titles  # noqa: E402
from durability_support import type_into, crash_untitled_session, fake_crash, patch  # noqa: E402,F401
from durability_support import foreign_lock as _second_instance_lock  # noqa: E402


def _yes(*_):
    return True


# ---------------------------------------------------------------- recovery
def test_recovery_dialog_after_a_crash_restores_untitled_work(qtbot, pack):
    crash_untitled_session("Đoạn viết dở trước khi mất điện")
    dialog = offer_recovery(titles=section_titles(pack), confirm=_yes)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert "Ưu điểm" in dialog.details.toPlainText()           # which section holds the work, by its title
    assert dialog.restore_button.text() == "&Tiếp tục soạn"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and len(dialog.to_continue) == 1
    session = DraftSession.from_recovery(dialog.to_continue[0], threaded=False)
    assert session.draft.section("uu-diem").body[0].plain_text() == "Đoạn viết dở trước khi mất điện"
    session.close(discard=True)


def test_recovery_dialog_asks_before_writing_over_the_file(qtbot, draft_path, pack, patch):
    import sqlite3

    from baocao.storage.draftfile import DraftFile

    session = DraftSession.open(draft_path)
    session.flush()
    real = DraftFile._write

    def failing(self, batch):
        if self.path == draft_path:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, batch)

    patch.setattr(DraftFile, "_write", failing)
    type_into(session, "han-che", "chỉ còn trong bản khôi phục")
    session.autosave()
    session.flush()
    fake_crash(session)
    patch.undo()
    answers = []
    dialog = RecoveryDialog(recovery.find_recoverable(), section_titles(pack),
                            confirm=lambda title, question: answers.append(question) or False)
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()
    assert "«bc.baocao»" in text and "Tồn tại, hạn chế" in text and "tệp đã lưu" in text
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)   # answered "Hủy": nothing written
    assert answers and "đè lên tệp «bc.baocao»" in answers[0]
    assert open_draft(draft_path).section("han-che").body[0].plain_text() != "chỉ còn trong bản khôi phục"
    dialog.confirm = _yes
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.to_open == [draft_path]
    assert open_draft(draft_path).section("han-che").body[0].plain_text() == "chỉ còn trong bản khôi phục"


def test_recovery_dialog_discard_and_later(qtbot):
    crash_untitled_session("bỏ đi")
    dialog = offer_recovery(confirm=_yes)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert recovery.find_recoverable() == [] and dialog.result() == dialog.DialogCode.Accepted
    assert offer_recovery() is None


# ---------------------------------------------------------------- lock
def _click_when_shown(qtbot, action):
    def run():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LockDialog):
            action(dialog)
        else:
            QTimer.singleShot(20, run)
    QTimer.singleShot(0, run)


def test_lock_dialog_shows_who_and_opens_read_only(qtbot, draft_path):
    _second_instance_lock(draft_path)
    shown = {}

    def read_only(dialog):
        shown["text"] = dialog.message.text()
        shown["take_over_enabled"] = dialog.take_over_button.isEnabled()
        qtbot.mouseClick(dialog.read_only_button, Qt.MouseButton.LeftButton)

    _click_when_shown(qtbot, read_only)
    session = open_with_lock_dialog(draft_path)
    assert "tranthib" in shown["text"] and "MAY-TONG-HOP" in shown["text"]
    assert not shown["take_over_enabled"]                 # a fresh lock: must confirm first
    assert session.read_only and read_lock(draft_path).user == "tranthib"
    session.close()


def test_lock_dialog_take_over_needs_the_checkbox(qtbot, draft_path):
    _second_instance_lock(draft_path)

    def take_over(dialog):
        dialog.understood.setChecked(True)
        assert dialog.take_over_button.isEnabled()
        qtbot.mouseClick(dialog.take_over_button, Qt.MouseButton.LeftButton)

    _click_when_shown(qtbot, take_over)
    session = open_with_lock_dialog(draft_path)
    assert not session.read_only and read_lock(draft_path).session_id == session.session_id
    session.close()


def test_lock_dialog_cancel_and_stale_lock(qtbot, draft_path):
    _second_instance_lock(draft_path)
    _click_when_shown(qtbot, lambda d: qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton))
    assert open_with_lock_dialog(draft_path) is None
    _second_instance_lock(draft_path, minutes_ago=30)
    from baocao.storage.locking import DraftLockedError

    dialog = LockDialog(DraftLockedError(draft_path, read_lock(draft_path)))
    qtbot.addWidget(dialog)
    assert dialog.understood.isChecked() and dialog.take_over_button.isEnabled()
    assert "đã dừng" in dialog.message.text()
    assert dialog.choice is LockChoice.CANCEL


# ---------------------------------------------------------------- history
def test_history_dialog_restores_a_section_from_a_named_version(qtbot, draft_path):
    session = DraftSession.open(draft_path, threaded=False)
    type_into(session, "uu-diem", "Bản đã gửi lãnh đạo duyệt")
    named = session.save_named_version("Gửi lãnh đạo duyệt 12/6")
    type_into(session, "uu-diem", "Sửa sau đó mà không ưng")
    type_into(session, "han-che", "Sửa khác, giữ nguyên")
    pushed = []
    dialog = HistoryDialog(session, apply_edit=lambda e: (pushed.append(e), session.apply(e)), confirm=_yes,
                           ask_text=lambda *_: "Sau khi khôi phục")
    qtbot.addWidget(dialog)
    labels = [dialog.versions.item(i).text() for i in range(dialog.versions.count())]
    assert any(label.startswith("Gửi lãnh đạo duyệt 12/6") for label in labels)
    dialog.select_version(named.id)
    dialog.select_section("uu-diem")
    assert "Bản đã gửi lãnh đạo duyệt" in dialog.preview.toPlainText()
    assert "khác bản hiện tại" in dialog.sections.currentItem().text()
    qtbot.mouseClick(dialog.restore_section_button, Qt.MouseButton.LeftButton)
    assert isinstance(pushed[-1], RestoreSection)
    assert session.draft.section("uu-diem").body[0].plain_text() == "Bản đã gửi lãnh đạo duyệt"
    assert session.draft.section("han-che").body[0].plain_text() == "Sửa khác, giữ nguyên"
    qtbot.mouseClick(dialog.name_button, Qt.MouseButton.LeftButton)
    assert dialog.versions.item(0).text().startswith("Sau khi khôi phục")
    session.revert(pushed[-1])                                       # Ctrl+Z
    assert session.draft.section("uu-diem").body[0].plain_text() == "Sửa sau đó mà không ưng"
    dialog.select_version(named.id)
    qtbot.mouseClick(dialog.restore_all_button, Qt.MouseButton.LeftButton)
    assert session.draft.section("han-che").body[0].plain_text() != "Sửa khác, giữ nguyên"
    session.close()


# ---------------------------------------------------------------- backups
def test_backups_dialog_restores_the_opened_state(qtbot, draft_path, sample_draft, tmp_path):
    session = DraftSession.open(draft_path, threaded=False)
    original = sample_draft.section("uu-diem").body[0].plain_text()
    type_into(session, "uu-diem", "lỡ xóa hết")
    session.save()
    dialog = BackupsDialog(session, confirm=_yes, ask_path=lambda *_: str(tmp_path / "rieng.baocao"))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2                                   # "Khi lưu" and "Khi mở tệp"
    dialog.list.setCurrentRow(1)
    assert "Khác bản đang soạn ở 1 mục" in dialog.details.toPlainText()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert session.draft.section("uu-diem").body[0].plain_text() == original
    qtbot.mouseClick(dialog.save_as_button, Qt.MouseButton.LeftButton)
    assert open_draft(tmp_path / "rieng.baocao").section("uu-diem").body[0].plain_text() == original
    session.close()


def test_backups_dialog_repairs_a_file_that_no_longer_opens(qtbot, draft_path, sample_draft):
    from baocao.errors import DraftFileError

    session = DraftSession.open(draft_path, threaded=False)          # opening made a backup
    session.close()
    data = bytearray(draft_path.read_bytes())
    data[100] = 0x77                                                   # the file gets damaged
    draft_path.write_bytes(bytes(data))
    with pytest.raises(DraftFileError):
        open_draft(draft_path)
    dialog = BackupsDialog(path=draft_path, confirm=_yes)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "Có nội dung ở" in dialog.details.toPlainText()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.to_open == [draft_path]
    assert open_draft(draft_path).section("uu-diem").body == sample_draft.section("uu-diem").body
    from baocao.storage import backups
    assert backups.list_backups(draft_path)[0].reason == "truoc-khoi-phuc"   # the damaged file is kept too
