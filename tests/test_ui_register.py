"""Issue 13 item 4 in the window: the register's dock, citations in the editor, autocomplete, conversion.

Must show: a register document cited twice (full form first, short after, in the preview), renamed
and both citations follow; autocomplete on "Quyết định số"; every step undone.
"""

from __future__ import annotations

import os

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402
from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: E402,F401

from baocao.model.richtext import Cite  # noqa: E402
from baocao.register.entries import Entry, entries_by_id  # noqa: E402
from baocao.register.usage import cite_counts  # noqa: E402
from baocao.ui import richtext_convert as rc  # noqa: E402
from baocao.ui.register import token  # noqa: E402

QD42 = Entry("vb-ui-qd42", "Quyết định", "42", "QĐ-UBND", "2021-01-12", "UBND tỉnh",
             "ban hành Chương trình công tác của UBND tỉnh năm 2021")
FULL = "Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác của UBND tỉnh năm 2021"
SHORT = "Quyết định số 42/QĐ-UBND"
FULL_45 = "Quyết định số 45/QĐ-UBND ngày 15/01/2021 của Chủ tịch UBND tỉnh ban hành Chương trình công tác năm 2021"
SHORT_45 = "Quyết định số 45/QĐ-UBND"
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "images"


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, sample_session())


def _to_end(window, section_id: str):
    window.select(section_id)
    editor = window.editor.body
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    return editor


def _preview(window) -> str:
    window.preview.refresh_now()
    return window.preview.document().toPlainText()


def _tokens(editor) -> list[str]:
    return [item.doc_id for para in editor.body() for item in para.content if isinstance(item, Cite)]


def test_cite_twice_rename_and_undo_every_step(qtbot, window):
    room = window.register
    stack = window.controller.undo_stack
    assert room.add_document(QD42) == QD42.id
    assert room.panel.tree.topLevelItemCount() == 5
    editor = _to_end(window, "nhiem-vu-cap-tren")
    type_text(qtbot, editor, " Theo ")
    assert room.insert_citation(QD42.id)
    type_text(qtbot, editor, ", các sở triển khai.")
    editor = _to_end(window, "ket-qua-nhiem-vu")
    type_text(qtbot, editor, " Xem ")
    assert room.insert_citation(QD42.id)
    assert _tokens(editor) == [QD42.id]
    assert cite_counts(window.session.draft)[QD42.id] == 2
    qtbot.waitUntil(lambda: FULL in _preview(window), timeout=15000)
    text = _preview(window)
    assert text.count(FULL) == 1 and f"Theo {FULL}, các sở triển khai." in text
    assert f"Xem {SHORT}" in text
    room.timer.timeout.emit()
    assert "trích 2 lần" in [room.panel.tree.topLevelItem(r).text(3) for r in range(5)]

    renamed = Entry(QD42.id, "Quyết định", "45", "QĐ-UBND", "2021-01-15", "Chủ tịch UBND tỉnh",
                    "ban hành Chương trình công tác năm 2021")
    assert room.edit_document(QD42.id, renamed)
    qtbot.waitUntil(lambda: FULL_45 in _preview(window), timeout=15000)
    text = _preview(window)
    assert f"Theo {FULL_45}, các sở triển khai." in text and f"Xem {SHORT_45}" in text
    assert FULL not in text and f"Xem {SHORT}" not in text
    assert token.LABELS[QD42.id] == SHORT_45

    stack.undo()                                        # the rename
    assert entries_by_id(window.session.draft)[QD42.id].number == "42"
    assert token.LABELS[QD42.id] == SHORT
    qtbot.waitUntil(lambda: FULL in _preview(window), timeout=15000)
    stack.undo()                                        # the second citation (its own step)
    assert cite_counts(window.session.draft)[QD42.id] == 1
    assert window.session.draft.section("ket-qua-nhiem-vu").body[-1].plain_text().endswith(" Xem ")
    while cite_counts(window.session.draft).get(QD42.id):
        stack.undo()                                    # typing, then the first citation
    assert window.session.draft.section("nhiem-vu-cap-tren").body[-1].plain_text().endswith(" Theo ")
    while QD42.id in entries_by_id(window.session.draft):
        stack.undo()
    assert window.register.panel.tree.topLevelItemCount() == 4
    stack.redo()
    assert QD42.id in entries_by_id(window.session.draft)


def test_autocomplete_on_quyet_dinh_so(qtbot, window):
    room = window.register
    room.add_document(QD42)
    room.add_document(Entry("vb-ui-kh26", "Kế hoạch", "26", "KH-UBND", "2021-01-15", "UBND tỉnh", "nhiệm vụ năm 2021"))
    editor = _to_end(window, "uu-diem")
    type_text(qtbot, editor, " Thực hiện Quyết định số")
    assert room.completer.popup_visible()
    offered = room.completer.model.stringList()
    assert FULL in offered and all(o.startswith("Quyết định số ") for o in offered)   # no Kế hoạch
    type_text(qtbot, editor, " 4")
    assert room.completer.model.stringList() == [FULL]
    type_text(qtbot, editor, "9")
    assert not room.completer.popup_visible()                   # no Quyết định numbered 49…
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert room.completer.popup_visible() and room.completer.model.stringList() == [FULL]
    qtbot.keyClick(room.completer.completer.popup(), Qt.Key.Key_Return)
    assert not room.completer.popup_visible()
    body = window.session.draft.section("uu-diem").body
    assert isinstance(body[-1].content[-1], Cite) and body[-1].plain_text().endswith(" Thực hiện ")
    assert _tokens(editor) == [QD42.id]
    window.controller.undo_stack.undo()                          # the citation only: the typed words come back
    assert window.session.draft.section("uu-diem").body[-1].plain_text().endswith(" Thực hiện Quyết định số 4")
    assert _tokens(window.editor.body) == []


def test_typing_after_a_token_is_plain_text_and_the_token_is_one_character(qtbot, window):
    room = window.register
    room.add_document(QD42)
    editor = _to_end(window, "han-che")
    room.insert_citation(QD42.id)
    type_text(qtbot, editor, " nữa")
    last = window.session.draft.section("han-che").body[-1].content
    assert last[-2:] == [Cite(QD42.id), last[-1]] and last[-1].text == " nữa"
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, 4)
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 1)
    assert cursor.selectedText() == rc.OBJECT_CHAR                # atomic: one character, deleted whole
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert Cite(QD42.id) not in window.session.draft.section("han-che").body[-1].content


def test_convert_pasted_citations_through_the_preview(qtbot, window, monkeypatch):
    from baocao.ui.register import convert_dialog

    room = window.register
    before = {k: v.body for k, v in window.session.draft.sections.items()}
    seen = {}

    def accept(dialog):
        seen["rows"] = dialog.tree.topLevelItemCount()
        dialog.set_checked(0, False)
        seen["ok"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(convert_dialog.ConvertDialog, "exec", accept)
    replaced = room.convert()
    assert replaced == seen["rows"] - 1 and seen["ok"] == f"Thay {replaced} chỗ"
    assert len(entries_by_id(window.session.draft)) > 4
    assert sum(cite_counts(window.session.draft).values()) == 5 + replaced
    window.controller.undo_stack.undo()                          # one step
    assert {k: v.body for k, v in window.session.draft.sections.items()} == before
    assert len(entries_by_id(window.session.draft)) == 4


def test_form_fills_from_a_pasted_citation_and_refuses_a_bad_date(qtbot, window):
    from baocao.ui.register.form import EntryForm

    form = EntryForm(window)
    qtbot.addWidget(form)
    form.paste.setText("Kế hoạch số 106/KH-UBND ngày 03/3/2021 của UBND tỉnh về phòng, chống hạn hán năm 2021")
    assert form.fill_from_paste()
    assert (form.type.currentText(), form.number.text(), form.symbol.text(), form.date.text()) == (
        "Kế hoạch", "106", "KH-UBND", "03/03/2021")
    assert "Lần đầu ghi: Kế hoạch số 106/KH-UBND ngày 03/3/2021 của UBND tỉnh về phòng" in form.preview.text()
    form.date.setText("31/02/2021")
    form.accept()
    assert form.isVisible() or form.result() != QDialog.DialogCode.Accepted
    assert "không hợp lệ" in form.error.text() and form.entry() is None
    form.date.setText("03/3/2021")
    form.accept()
    assert form.entry() is not None and form.entry().date == "2021-03-03"
    form.paste.setText("không phải trích dẫn")
    assert not form.fill_from_paste() and "Chưa đọc được" in form.error.text()


def test_deleting_a_cited_document_asks_first(qtbot, window, message_boxes):
    room = window.register
    assert not room.delete_document("vb-tb371-vpubnd")          # the recorder answers Ok, not Yes
    assert message_boxes.shown and "trích 2 lần" in message_boxes.texts[-1]
    assert "vb-tb371-vpubnd" in entries_by_id(window.session.draft)
    assert room.delete_document("vb-tb371-vpubnd", confirm=False)
    qtbot.waitUntil(lambda: "văn bản không còn trong danh mục" in _preview(window), timeout=15000)
    window.controller.undo_stack.undo()
    assert "vb-tb371-vpubnd" in entries_by_id(window.session.draft)


def test_citing_needs_an_open_section(qtbot, window):
    room = window.register
    window.select(next(k for k in window.outline.keys() if k.startswith("phu-luc:")))
    assert not room.insert_citation("vb-tb371-vpubnd")
    assert "mở một mục" in window.statusBar().currentMessage()


def test_screenshot_of_the_register(qtbot, window, tmp_path):
    room = window.register
    room.add_document(QD42)
    room.dock.show()
    room.dock.raise_()
    window.select("kinh-te-xa-hoi")
    editor = window.editor.body
    editor.setFocus()
    found = editor.document().find("phân công trách nhiệm cụ thể")
    cursor = editor.textCursor()
    cursor.setPosition(found.selectionStart())
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "thực hiện ")
    room.insert_citation(QD42.id)
    type_text(qtbot, editor, ", ")
    editor.ensureCursorVisible()
    room.panel.select(QD42.id)
    qtbot.waitUntil(lambda: FULL in _preview(window), timeout=15000)
    QApplication.processEvents()
    folder = SHOTS if os.environ.get("BAOCAO_SCREENSHOTS") == "1" else tmp_path   # docs/images only when asked
    folder.mkdir(parents=True, exist_ok=True)
    shot = window.grab()
    assert shot.save(str(folder / "danh-muc-van-ban.png"))
    assert shot.width() > 800


def test_a_citation_goes_into_the_footnote_being_typed(qtbot, window):
    room = window.register
    room.add_document(QD42)
    room.dock.show()
    window.select("kinh-te-xa-hoi")
    window.editor.tabs.setCurrentWidget(window.editor.notes)
    qtbot.wait(50)
    note = window.editor.notes.editor(window.editor.notes._order[0])
    assert note.isVisibleTo(window.editor.notes)
    note.setFocus()
    qtbot.waitUntil(lambda: note.hasFocus(), timeout=3000)
    cursor = note.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    note.setTextCursor(cursor)
    type_text(qtbot, note, " Xem ")
    room.panel.select(QD42.id)
    room.panel.cite_button.click()                              # the button takes no focus: the note keeps it
    notes = window.session.draft.section("kinh-te-xa-hoi").body[1].notes()
    assert notes[0].paragraphs[-1][-1] == Cite(QD42.id)
    assert cite_counts(window.session.draft)[QD42.id] == 1
    window.controller.undo_stack.undo()
    assert cite_counts(window.session.draft).get(QD42.id, 0) == 0
