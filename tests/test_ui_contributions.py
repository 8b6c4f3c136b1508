"""The Đóng góp room in the window: request, import, insert two paragraphs, see their origin, the board."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from baocao.contributions.board import SENT, WAITING
from baocao.contributions.store import contributions, requests
from contribution_support import fill_with_python_docx
from ui_support import make_window, message_boxes, sample_session  # noqa: F401 - fixture

SECTION = "phoi-hop"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui_support import MessageBoxRecorder

    MessageBoxRecorder(monkeypatch, answer=QMessageBox.StandardButton.Yes)
    win = make_window(qtbot, tmp_path, sample_session())
    win.resize(1366, 768)
    win.select(SECTION)
    return win


def _request_through_the_dialog(qtbot, window, tmp_path, monkeypatch, unit: str, out_name: str,
                                deadline: QDate | None = None) -> None:
    from baocao.ui.contributions import request_dialog

    def fill(dialog_exec_self):
        dialog = dialog_exec_self
        dialog.unit.setCurrentText(unit)
        for index in range(dialog.sections.count()):
            item = dialog.sections.item(index)
            if item.data(Qt.ItemDataRole.UserRole) in ("phoi-hop", "nhiem-vu-cap-tren"):
                item.setCheckState(Qt.CheckState.Checked)
        dialog.deadline.setDate(deadline or QDate.currentDate().addDays(30))
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(request_dialog.RequestDialog, "exec", fill)
    monkeypatch.setattr(request_dialog.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / out_name), "")))
    assert window.contributions.control.request()


def test_request_import_insert_two_paragraphs_and_see_their_origin(qtbot, window, tmp_path, monkeypatch):
    _request_through_the_dialog(qtbot, window, tmp_path, monkeypatch, "Sở Y tế", "so-y-te.docx", QDate(2026, 6, 20))
    draft = window.session.draft
    [req] = requests(draft)
    assert req.unit == "Sở Y tế" and req.sections == ["nhiem-vu-cap-tren", "phoi-hop"]
    assert req.deadline == date(2026, 6, 20)
    filled = tmp_path / "so-y-te-gui-lai.docx"
    fill_with_python_docx(tmp_path / "so-y-te.docx", filled, {0: "Đoạn về nhiệm vụ.", 1: "Đoạn thứ nhất về phối hợp."},
                          "Nguồn: Sở Y tế.", [["a", "b"]])
    # a second paragraph in the phối hợp place, as a unit would add with Enter
    import docx

    document = docx.Document(str(filled))
    first = next(p for p in document.paragraphs if p.text.startswith("Đoạn thứ nhất về phối hợp."))
    second = first.insert_paragraph_before("Đoạn thứ hai về phối hợp.")
    first._p.addnext(second._p)
    document.save(str(filled))
    assert window.contributions.control.import_file(str(filled))
    room = window.contributions
    assert room.dock.isVisible()
    [item] = contributions(draft)
    panel = room.panel
    assert panel.items.count() >= 1 and panel.current_source() == SECTION
    texts = [panel.paragraphs.item(i).text() for i in range(panel.paragraphs.count())]
    assert texts[:2] == ["Đoạn thứ nhất về phối hợp. Kết quả tốt.", "Đoạn thứ hai về phối hợp."]
    before = list(draft.section(SECTION).body)
    panel.set_checked([0, 1])
    panel.insert_chosen.click()
    body = draft.section(SECTION).body
    assert len(body) == len(before) + 2
    taken = [p for p in body if p.origin == item.id]
    assert [p.plain_text() for p in taken] == ["Đoạn thứ nhất về phối hợp. Kết quả tốt.", "Đoạn thứ hai về phối hợp."]
    # the editor shows them, and says who wrote the paragraph at the cursor
    editor = window.editor.body
    block = next(b for b in _blocks(editor) if b.text().startswith("Đoạn thứ hai"))
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + 3)
    editor.setTextCursor(cursor)
    assert "Sở Y tế" in room.control.tell_origin()
    # typing in it keeps its origin
    editor.setFocus()
    qtbot.keyClicks(editor, "xyz")
    qtbot.waitUntil(lambda: any("xyz" in p.plain_text() for p in draft.section(SECTION).body), timeout=5000)
    edited = next(p for p in draft.section(SECTION).body if "xyz" in p.plain_text())
    assert edited.origin == item.id
    room.acts["marks"].setChecked(True)
    assert len(editor.extraSelections()) == 2
    window.grab().save(str(tmp_path / "dong-gop.png"))
    # undo the typing and the insertion: back to the section as it was
    while draft.section(SECTION).body != before and window.acts.undo.isEnabled():
        window.acts.undo.trigger()
    assert draft.section(SECTION).body == before


def _blocks(editor):
    block = editor.document().firstBlock()
    while block.isValid():
        yield block
        block = block.next()


def test_the_board_after_two_of_three_units_replied(qtbot, window, tmp_path, monkeypatch):
    for unit, name in (("Sở Y tế", "y-te.docx"), ("Sở Tài chính", "tai-chinh.docx"), ("Sở Nội vụ", "noi-vu.docx")):
        _request_through_the_dialog(qtbot, window, tmp_path, monkeypatch, unit, name)
    for name in ("y-te.docx", "tai-chinh.docx"):
        filled = tmp_path / f"gui-lai-{name}"
        fill_with_python_docx(tmp_path / name, filled, {1: f"Nội dung từ {name}."}, "Chú thích.", [["a"]])
        assert window.contributions.control.import_file(str(filled))
    from baocao.ui.contributions.dialogs import BoardDialog

    shown = {}

    def capture(dialog):
        shown["states"] = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
                           for r in range(dialog.table.rowCount())}
        shown["reminders"] = dialog.reminders.toPlainText()
        dialog.grab().save(str(tmp_path / "bang-theo-doi.png"))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(BoardDialog, "exec", capture)
    window.contributions.control.board()
    assert shown["states"] == {"Sở Y tế": SENT, "Sở Tài chính": SENT, "Sở Nội vụ": WAITING}
    assert "Sở Nội vụ" in shown["reminders"] and "Sở Y tế" not in shown["reminders"]
    window.contributions.acts["board"]  # the menu entry exists
    assert QApplication.clipboard() is not None


def test_a_bad_file_gets_a_message_and_changes_nothing(qtbot, window, tmp_path):
    bad = tmp_path / "khong-phai.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    before = dict(window.session.draft.extras)
    assert not window.contributions.control.import_file(str(bad))
    assert window.session.draft.extras == before


def test_units_asked_before_are_offered_again(qtbot, window, tmp_path, monkeypatch):
    from baocao.ui.contributions.request_dialog import RequestDialog
    from baocao.ui.contributions.unit_list import remembered_units

    _request_through_the_dialog(qtbot, window, tmp_path, monkeypatch, "Sở Công Thương", "cong-thuong.docx")
    assert remembered_units(window.settings)[0] == "Sở Công Thương"
    monkeypatch.undo()                                      # the real dialog, not the stand-in
    window.session.draft.extras.pop("dong-gop", None)       # a draft that never asked anyone
    dialog = RequestDialog(window)
    assert "Sở Công Thương" in [dialog.unit.itemText(i) for i in range(dialog.unit.count())]
    dialog.unit.setCurrentText("")
    dialog._accept()
    assert dialog.problem.text() and dialog.result() != QDialog.DialogCode.Accepted


def test_compare_a_contribution_with_what_the_report_now_says(qtbot, window, tmp_path, monkeypatch):
    from baocao.edits import SetSectionBody
    from baocao.model.richtext import Para, Span
    from baocao.ui.contributions.dialogs import CompareDialog, comparison_html

    assert comparison_html("đã tiêm 120 liều", "đã tiêm 150 liều") == \
        "đã tiêm <s style='color:#c01c28'>120</s><u style='color:#1a5fb4'>150</u> liều"
    _request_through_the_dialog(qtbot, window, tmp_path, monkeypatch, "Sở Y tế", "y-te.docx")
    filled = tmp_path / "gui-lai.docx"
    fill_with_python_docx(tmp_path / "y-te.docx", filled, {1: "Đã tiêm 120 liều."}, "Chú thích.", [["a"]])
    assert window.contributions.control.import_file(str(filled))
    [item] = contributions(window.session.draft)
    window.contributions.panel.insert_all.click()
    draft = window.session.draft
    body = [Para([Span("Đã tiêm 150 liều. Kết quả tốt.")], origin=item.id) if p.origin == item.id else p
            for p in draft.section(SECTION).body]
    window.controller.push(SetSectionBody.make(draft, SECTION, body))
    dialog = CompareDialog(window, item, SECTION)
    html = dialog.view.toHtml()
    assert "120" in html and "150" in html and "line-through" in html


def test_a_units_contribution_draft_opens_on_its_first_section_and_says_what_to_write(qtbot, tmp_path):
    from baocao.contributions.request_draft import write_request_draft
    from baocao.contributions.store import Request
    from baocao.samples import load_sample
    from baocao.session import DraftSession
    from baocao.template import load_pack
    from ui_support import make_window as make

    draft = load_sample()
    pack = load_pack(draft.template_id)
    out = tmp_path / "so-y-te.baocao"
    write_request_draft(draft, pack, Request("YC-12345678", "Sở Y tế", ["phoi-hop"], date(2026, 12, 20)), out)
    win = make(qtbot, tmp_path, DraftSession.open(out, threaded=False))
    assert win.current_key == "phoi-hop"
    note = win.contributions.panel.note.text()
    assert "Sở Y tế" in note and "20/12/2026" in note


def test_the_request_dialog_names_sections_with_their_numbers_and_a_read_only_draft_cannot_insert(
        qtbot, window, tmp_path, monkeypatch):
    from baocao.ui.contributions.request_dialog import RequestDialog

    dialog = RequestDialog(window)
    texts = [dialog.sections.item(i).text() for i in range(dialog.sections.count())]
    assert "I. 1. a) Kết quả thực hiện nhiệm vụ được giao" in texts
    _request_through_the_dialog(qtbot, window, tmp_path, monkeypatch, "Sở Y tế", "y-te.docx")
    filled = tmp_path / "gui-lai.docx"
    fill_with_python_docx(tmp_path / "y-te.docx", filled, {1: "Nội dung."}, "Chú thích.", [["a"]])
    assert window.contributions.control.import_file(str(filled))
    panel = window.contributions.panel
    assert panel.insert_all.isEnabled()
    monkeypatch.setattr(window.controller, "is_read_only", lambda: True)
    panel.refresh()
    assert not panel.insert_all.isEnabled() and not panel.remove.isEnabled() and panel.compare.isEnabled()


def test_paragraphs_go_after_the_paragraph_the_drafter_was_writing_in(qtbot, window, tmp_path, monkeypatch):
    _request_through_the_dialog(qtbot, window, tmp_path, monkeypatch, "Sở Y tế", "y-te.docx")
    filled = tmp_path / "gui-lai.docx"
    fill_with_python_docx(tmp_path / "y-te.docx", filled, {1: "Đoạn của Sở."}, "Chú thích.", [["a"]])
    assert window.contributions.control.import_file(str(filled))
    editor = window.editor.body
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=3000)
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().firstBlock().position() + 2)
    editor.setTextCursor(cursor)                      # the drafter clicks in the first paragraph
    window.contributions.panel.insert_all.click()
    body = window.session.draft.section(SECTION).body
    assert body[1].plain_text().startswith("Đoạn của Sở.") and body[1].origin
