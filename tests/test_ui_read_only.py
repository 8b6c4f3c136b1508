"""Read-only means read-only: a draft locked elsewhere refuses typing, says why, and can be taken over."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from baocao.model.richtext import body_plain_text  # noqa: E402
from baocao.session import DraftSession  # noqa: E402
from baocao.storage import recovery  # noqa: E402
from baocao.storage.locking import read_lock  # noqa: E402
from durability_support import foreign_lock  # noqa: E402
from ui_support import make_window, message_boxes, type_text  # noqa: E402,F401


@pytest.fixture
def locked_window(qtbot, tmp_path, draft_path):
    foreign_lock(draft_path)
    window = make_window(qtbot, tmp_path)
    window.controller.set_session(DraftSession.open(draft_path, read_only=True))
    QApplication.processEvents()
    return window


def test_read_only_draft_refuses_typing_everywhere(qtbot, locked_window, draft_path):
    window = locked_window
    banner = window.read_only_banner
    assert banner.isVisible() and "tranthib" in banner.text.text() and "MAY-TONG-HOP" in banner.text.text()
    assert banner.take_over.isVisible()
    before = body_plain_text(window.session.draft.section("uu-diem").body)
    window.select("uu-diem")
    window.editor.body.setFocus()
    type_text(qtbot, window.editor.body, "chữ không được ghi")
    assert window.editor.body.toPlainText() == before
    assert body_plain_text(window.session.draft.section("uu-diem").body) == before
    window.select("nhiem-vu-cap-tren")
    fields = window.session.draft.section("nhiem-vu-cap-tren").fields
    stored = dict(fields)
    field = window.editor.fields.widget("tong")
    field.setFocus()
    type_text(qtbot, field, "9")
    assert fields == stored
    assert not window.editor.status.isEnabled()
    assert not window.acts.footnote.isEnabled() and not window.acts.details.isEnabled()
    body = window.editor.body.body()
    window.insert_footnote()
    assert window.editor.body.body() == body
    window.select("phu-luc:phu-luc-01")
    model = window.table_editor.model
    assert not model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable
    assert not window.table_editor.add_button.isEnabled()
    assert window.session.edit_counter == 0 and not window.session.is_modified()
    assert not recovery.find_recoverable()                       # nothing was sent to a recovery copy
    assert read_lock(draft_path).user == "tranthib"              # the other person's lock is untouched


def test_refused_edit_leaves_nothing_on_screen(qtbot, locked_window):
    from baocao.edits import SetFieldValue

    window = locked_window
    window.select("nhiem-vu-cap-tren")
    stored = window.session.draft.section("nhiem-vu-cap-tren").fields["tong"]
    assert not window.controller.push(SetFieldValue.make(window.session.draft, "nhiem-vu-cap-tren", "tong", 1))
    assert window.session.draft.section("nhiem-vu-cap-tren").fields["tong"] == stored
    assert window.editor.fields.widget("tong").text() == str(stored)


def test_take_over_makes_the_draft_editable(qtbot, locked_window, draft_path, monkeypatch):
    window = locked_window
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(window.read_only_banner.take_over, Qt.MouseButton.LeftButton)
    assert asked and "tranthib" in asked[0]
    assert not window.session.read_only and read_lock(draft_path).session_id == window.session.session_id
    assert window.read_only_banner.isHidden()
    window.select("uu-diem")
    window.editor.body.setFocus()
    type_text(qtbot, window.editor.body, " Thêm ý mới.")
    assert "Thêm ý mới." in body_plain_text(window.session.draft.section("uu-diem").body)


def test_unwritable_place_offers_a_copy_not_a_take_over(qtbot, tmp_path, draft_path, monkeypatch):
    import baocao.session as session_module

    monkeypatch.setattr(session_module, "writable", lambda path: False)
    window = make_window(qtbot, tmp_path)
    window.controller.set_session(DraftSession.open(draft_path))
    QApplication.processEvents()
    banner = window.read_only_banner
    assert banner.isVisible() and "chỉ cho phép đọc" in banner.text.text()
    assert banner.take_over.isHidden() and banner.save_copy.isVisible()
    copy = tmp_path / "ban-sao.baocao"
    assert window.controller.save_as(copy)
    assert banner.isHidden() and not window.controller.is_read_only()


def test_a_damaged_lock_is_replaced_with_a_notice(qtbot, tmp_path, draft_path):
    import os
    import time

    from baocao.storage.locking import lock_path

    torn = lock_path(draft_path)
    torn.write_bytes(b'{"user": "Nguy\xe1\xbb')               # a torn write, not even UTF-8
    old = time.time() - 60
    os.utime(torn, (old, old))
    window = make_window(qtbot, tmp_path)
    assert window.controller.open_path(draft_path, ask=False)
    assert not window.controller.is_read_only()
    assert "Tệp khóa cũ" in window.statusBar().currentMessage()


def test_a_named_version_of_a_read_only_draft_says_why_not(qtbot, locked_window, message_boxes):  # noqa: F811
    from baocao.ui import strings as S

    locked_window.safekeeping.save_named_version()
    assert any(text == S.NAMED_VERSION_READ_ONLY for _kind, _title, text in message_boxes.shown), message_boxes.shown
