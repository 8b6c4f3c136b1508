"""The window's import room: the mapping preview of a .docx import, "Bản thảo mới từ kỳ trước…", the checklist."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_support import make_window, message_boxes  # noqa: F401 - the fixture, used by name

from baocao.drafts import new_draft
from baocao.importing import UNPLACED_ID
from baocao.importing.checklist import checklist
from baocao.importing.constants import CHECKLIST_EXTRA
from baocao.samples import load_sample
from baocao.session import DraftSession
from baocao.template import load_pack
from baocao.ui.importing import commands
from baocao.ui.importing import strings as S

#: screenshots for the README with BAOCAO_SCREENSHOTS=1 (else into the test's folder, still taken)
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "images" if os.environ.get("BAOCAO_SCREENSHOTS") == "1" \
    else None


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory):
    """Our export of the sample: the .docx a drafter brings back from last year."""
    from baocao.render import render_draft
    from baocao.writers.docx import write_docx

    sample = load_sample()
    pack = load_pack(sample.template_id)
    path = tmp_path_factory.mktemp("ui-import") / "bao-cao-2021.docx"
    write_docx(render_draft(sample, pack), path, pack.reference_docx)
    return path


def _office_window(qtbot, tmp_path):
    pack = load_pack("bao-cao-6-thang")
    session = DraftSession.new(pack, new_draft(pack), threaded=False)
    session.save_as(tmp_path / "ky-nay.baocao")
    return make_window(qtbot, tmp_path, session)


def _menu_texts(window, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.menu() is not None and a.text() == title)
    return [a.text() for a in menu.actions()]


def test_file_menu_has_both_entries(qtbot, tmp_path):
    window = _office_window(qtbot, tmp_path)
    texts = _menu_texts(window, "&Tệp")
    assert S.ACT_IMPORT in texts and S.ACT_FROM_PREVIOUS in texts


def test_import_through_the_mapping_preview_change_one_mapping_accept_undo(qtbot, tmp_path, sample_docx,
                                                                           message_boxes):
    window = _office_window(qtbot, tmp_path)
    draft = window.session.draft
    dialog = commands.start_import(window, str(sample_docx))
    assert dialog is not None and dialog.isVisible()
    sources = [dialog.table.item(r, 0).text().strip() for r in range(dialog.table.rowCount())]
    row = sources.index("1. Ưu điểm")
    assert dialog.combos[row].currentData() == "uu-diem"
    assert dialog.combos[sources.index("(phần đầu văn bản)")].currentData() == UNPLACED_ID
    dialog.table.selectRow(row)
    assert "UBND tỉnh coi năm 2021" in dialog.preview.toPlainText()
    assert dialog.grab().save(str((SHOTS or tmp_path) / "ui-nhap-docx.png"))
    combo = dialog.combos[row]
    combo.setCurrentIndex(combo.findData("kien-nghi"))            # the drafter sends it elsewhere
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and message_boxes.shown == []
    assert not draft.sections["uu-diem"].body
    assert draft.sections["kien-nghi"].body[0].plain_text().startswith("UBND tỉnh coi năm 2021")
    assert draft.sections["kinh-te-xa-hoi"].body and draft.sections[UNPLACED_ID].body
    assert len(draft.tables["nhiem-vu-theo-don-vi"]) > 10
    assert any(v.name == "Trước khi nhập «bao-cao-2021.docx»" for v in window.session.versions())
    window.select("kien-nghi")
    assert "UBND tỉnh coi năm 2021" in window.editor.body.toPlainText()
    assert window.controller.undo_stack.undoText() == "Nhập báo cáo «bao-cao-2021.docx»"
    window.controller.undo_stack.undo()                            # one step takes it all back
    assert all(data.is_empty() for data in draft.sections.values())
    assert UNPLACED_ID not in draft.sections
    assert all(not rows for rows in draft.tables.values())


def test_a_bad_file_gets_a_message_and_no_dialog(qtbot, tmp_path, message_boxes):
    window = _office_window(qtbot, tmp_path)
    fake = tmp_path / "bao-cao.docx"
    fake.write_bytes(b"%PDF-1.7 not a word file")
    assert commands.start_import(window, str(fake)) is None
    assert message_boxes.shown and "PDF" in message_boxes.shown[-1][2]
    assert window.controller.undo_stack.count() == 0


def test_replace_mode_chosen_in_the_dialog(qtbot, tmp_path, sample_docx, message_boxes):
    window = _office_window(qtbot, tmp_path)
    from baocao.edits import SetSectionBody
    from baocao.model.richtext import Para

    window.controller.push(SetSectionBody.make(window.session.draft, "y-te", [Para.of("Đoạn cũ sẽ được thay.")]))
    dialog = commands.start_import(window, str(sample_docx))
    dialog.replace_button.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    texts = [p.plain_text() for p in window.session.draft.sections["y-te"].body]
    assert "Đoạn cũ sẽ được thay." not in texts and texts


def test_new_from_previous_opens_with_its_checklist_tick_and_undo(qtbot, tmp_path, message_boxes):
    previous = tmp_path / "ky-truoc.baocao"
    sample = load_sample()
    pack = load_pack(sample.template_id)
    old = DraftSession.new(pack, sample, threaded=False)
    old.save_as(previous)
    old.close()
    window = _office_window(qtbot, tmp_path)
    pack, prev, draft, report = commands.prepare_from_previous(previous)
    from baocao.ui.importing.previous_dialog import PreviousDialog

    preview = PreviousDialog(previous.name, prev, draft, report, window)
    text = preview.text.toPlainText()
    assert "Giữ lại" in text and "Xóa (thuộc kỳ trước)" in text and "Việc cần báo cáo" in text
    preview.show()
    assert preview.grab().save(str((SHOTS or tmp_path) / "ui-tu-ky-truoc.png"))
    preview.close()
    target = tmp_path / "ky-moi.baocao"
    assert commands.create_from_previous(window, pack, draft, target)
    assert target.is_file() and window.session.path == target
    room = window.importing
    assert room.dock.isVisible()
    panel = room.panel
    items = checklist(window.session.draft)["items"]
    assert panel.progress.text() == S.CHECKLIST_PROGRESS.format(done=0, total=len(items))
    row = panel.item_row("v3")
    row.setCheckState(Qt.CheckState.Checked)                      # the drafter ticks a task reported on
    assert window.session.draft.extras[CHECKLIST_EXTRA]["items"][2]["done"] is True
    assert panel.progress.text() == S.CHECKLIST_PROGRESS.format(done=1, total=len(items))
    if SHOTS:
        qtbot.wait(1500)                                           # the preview renders off the UI thread
    assert window.grab().save(str((SHOTS or tmp_path) / "ui-viec-can-bao-cao.png"))
    window.controller.undo_stack.undo()
    assert window.session.draft.extras[CHECKLIST_EXTRA]["items"][2]["done"] is False
    assert panel.item_row("v3").checkState() == Qt.CheckState.Unchecked
