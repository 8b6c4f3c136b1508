"""Issue 13 item 4 leftovers in the window: citations in footnotes, find, clipboard, listing.

Must show: «Quyết định số 4» typed in a footnote editor offers the register, Enter makes a citation;
the same document cited in the body after it reads short; a rename changes both; find
«42/QĐ-UBND» finds the citation; every insert and rename is one undo step.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: E402,F401

from baocao.model.richtext import Cite, Note, Span  # noqa: E402
from baocao.register.entries import Entry, entries_by_id  # noqa: E402
from baocao.register.usage import cite_counts  # noqa: E402
from baocao.ui.register.note_cite import note_completer  # noqa: E402

QD42 = Entry("vb-uc-qd42", "Quyết định", "42", "QĐ-UBND", "2021-01-12", "UBND tỉnh",
             "ban hành Chương trình công tác của UBND tỉnh năm 2021")
FULL = "Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác của UBND tỉnh năm 2021"
SHORT = "Quyết định số 42/QĐ-UBND"
RENAMED = Entry(QD42.id, "Quyết định", "45", "QĐ-UBND", "2021-01-15", "Chủ tịch UBND tỉnh",
                "ban hành Chương trình công tác năm 2021")
FULL_45 = "Quyết định số 45/QĐ-UBND ngày 15/01/2021 của Chủ tịch UBND tỉnh ban hành Chương trình công tác năm 2021"
SHORT_45 = "Quyết định số 45/QĐ-UBND"
SECTION = "kinh-te-xa-hoi"          # its second paragraph has the sample's first footnote
SHOT = Path("/tmp/cite-footnote-autocomplete.png")


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, sample_session())


def _preview(window) -> str:
    window.preview.refresh_now()
    return window.preview.document().toPlainText()


def _note_editor(qtbot, window):
    window.select(SECTION)
    window.editor.splitter.setSizes([200, 260])
    window.editor.tabs.setCurrentWidget(window.editor.notes)
    qtbot.wait(50)
    note = window.editor.notes.editor(window.editor.notes._order[0])
    note.setFocus()
    qtbot.waitUntil(lambda: note.hasFocus(), timeout=3000)
    cursor = note.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    note.setTextCursor(cursor)
    return note


def _shot_with_popup(window, popup):
    """The window with the autocomplete popup drawn where it is (a popup is a window of its own)."""
    from PySide6.QtGui import QPainter

    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(popup.mapToGlobal(popup.rect().topLeft()) - window.mapToGlobal(window.rect().topLeft()),
                       popup.grab())
    painter.end()
    return shot


def _first_note(window) -> Note:
    return window.session.draft.section(SECTION).body[1].notes()[0]


def _body_to_end_of_note_paragraph(window):
    editor = window.editor.body
    editor.setFocus()
    cursor = QTextCursor(editor.document().findBlockByNumber(1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    return editor


def test_footnote_autocomplete_then_body_short_rename_find_and_undo(qtbot, window):
    room = window.register
    stack = window.controller.undo_stack
    room.add_document(QD42)
    note = _note_editor(qtbot, window)
    type_text(qtbot, note, " Theo Quyết định số 4")
    completer = note_completer(note)
    assert completer is not None and completer.popup_visible()
    assert completer.model.stringList() == [FULL]
    assert _shot_with_popup(window, completer.completer.popup()).save(str(SHOT))
    typed_steps = stack.count()
    qtbot.keyClick(completer.completer.popup(), Qt.Key.Key_Return)
    assert not completer.popup_visible()
    assert _first_note(window).paragraphs[-1][-1] == Cite(QD42.id)
    assert stack.count() == typed_steps + 1 and stack.undoText() == "Chèn trích dẫn văn bản"
    assert note.note().paragraphs[-1][-1] == Cite(QD42.id)

    editor = _body_to_end_of_note_paragraph(window)          # after the footnote's marker
    type_text(qtbot, editor, " Xem ")
    assert room.insert_citation(QD42.id)
    assert cite_counts(window.session.draft)[QD42.id] == 2
    qtbot.waitUntil(lambda: FULL in _preview(window), timeout=15000)
    text = _preview(window)
    assert text.count(FULL) == 1 and f"Theo {FULL}" in text        # full in the footnote (cited first)
    assert f"Xem {SHORT}" in text                                    # short in the body after it

    window.finder.open()
    window.finder.panel.query.setText("42/QĐ-UBND")
    hits = window.finder.search()
    mine = [h for h in hits if h.place.section == SECTION]
    assert sorted(h.place.kind for h in mine) == ["body", "note"] and all(h.in_cite for h in mine)
    window.finder._jump(next(h for h in mine if h.place.kind == "body"))
    assert window.editor.body.textCursor().selectedText() == "\ufffc"      # the token is selected
    window.finder._jump(next(h for h in mine if h.place.kind == "note"))
    shown = window.editor.notes.editor(window.editor.notes._order[0])
    assert shown.textCursor().selectedText() == "\ufffc"

    steps = stack.count()
    assert room.edit_document(QD42.id, RENAMED)
    assert stack.count() == steps + 1                                # the rename: one step
    qtbot.waitUntil(lambda: FULL_45 in _preview(window), timeout=15000)
    text = _preview(window)
    assert f"Theo {FULL_45}" in text and f"Xem {SHORT_45}" in text and f"Xem {SHORT}" not in text and f"Theo {FULL}" not in text

    stack.undo()                                                     # the rename
    qtbot.waitUntil(lambda: FULL in _preview(window), timeout=15000)
    stack.undo()                                                     # the body citation, one step
    assert cite_counts(window.session.draft)[QD42.id] == 1
    stack.undo()                                                     # typing " Xem "
    stack.undo()                                                     # the footnote citation, one step
    assert cite_counts(window.session.draft).get(QD42.id, 0) == 0
    texts = [s.text for s in _first_note(window).paragraphs[-1] if not isinstance(s, Cite)]
    assert "".join(texts).endswith(" Theo Quyết định số 4")         # the typed words come back
    shown = window.editor.notes.editor(window.editor.notes._order[0])
    assert Cite(QD42.id) not in shown.note().paragraphs[-1]         # and the notes panel shows it


def _body_tokens(body) -> list[str]:
    return [i.doc_id for para in body for i in para.content if isinstance(i, Cite)]


def _end_of(window, section_id: str):
    window.select(section_id)
    editor = window.editor.body
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    return editor


def test_copy_paste_keeps_a_citation_and_other_programs_get_its_words(qtbot, window):
    from baocao.ui.richtext_editor import BODY_MIME

    room = window.register
    room.add_document(QD42)
    editor = _end_of(window, "uu-diem")
    editor.textCursor().insertBlock()
    type_text(qtbot, editor, "Theo ")
    assert room.insert_citation(QD42.id)
    type_text(qtbot, editor, " xong.")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.copy()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasFormat(BODY_MIME)
    assert mime.text() == f"Theo {SHORT} xong."                      # another program reads the words
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.paste()
    assert _body_tokens(window.session.draft.section("uu-diem").body) == [QD42.id, QD42.id]

    window.select(SECTION)
    note = _note_editor(qtbot, window)
    note.paste()                                                      # into a footnote: still a citation
    pasted = [i for p in _first_note(window).paragraphs for i in p if isinstance(i, Cite)]
    assert pasted == [Cite(QD42.id)]
    note.selectAll()
    note.copy()
    assert "\ufffc" not in QApplication.clipboard().text() and SHORT in QApplication.clipboard().text()
    editor = _end_of(window, LATER)
    editor.paste()                                                    # a footnote's text into the body
    assert _body_tokens(window.session.draft.section(LATER).body) == [QD42.id]


def test_period_note_action_inserts_one_footnote_in_one_step(qtbot, window, message_boxes):
    room = window.register
    stack = window.controller.undo_stack
    _end_of(window, LATER)
    before = window.session.draft.section(LATER).body
    notes_before = sum(len(p.notes()) for p in before)
    steps = stack.count()
    room.actions["period_note"].trigger()
    body = window.session.draft.section(LATER).body
    assert sum(len(p.notes()) for p in body) == notes_before + 1 and stack.count() == steps + 1
    note = [n for p in body for n in p.notes()][-1]
    assert [i.doc_id for i in note.paragraphs[0] if isinstance(i, Cite)] == [
        "vb-qd240-ubnd", "vb-kh106-ubnd", "vb-tb371-vpubnd", "vb-cv2515-ubnd"]
    qtbot.waitUntil(lambda: "Các văn bản ban hành trong kỳ báo cáo: Quyết định số 240/QĐ-UBND" in _preview(window),
                    timeout=15000)
    assert window.editor.notes.count() >= 1
    stack.undo()
    assert window.session.draft.section(LATER).body == before
    for entry_id in list(entries_by_id(window.session.draft)):
        room.delete_document(entry_id, confirm=False)
    _end_of(window, LATER)
    room.actions["period_note"].trigger()
    assert any("chưa có văn bản nào có ngày ban hành trong kỳ" in t for t in message_boxes.texts)
    assert window.session.draft.section(LATER).body == before


LATER = "han-che"


def test_compare_view_shows_an_added_citations_words(qtbot, tmp_path):
    from baocao.session import DraftSession
    from baocao.ui.review.commands import show_compare
    from baocao.ui.review.compare_view import NOW

    session = sample_session()
    session.save_as(tmp_path / "bc.baocao")
    session.save_named_version("Trước khi trích dẫn")
    session.close()
    window = make_window(qtbot, tmp_path, DraftSession.open(tmp_path / "bc.baocao"))
    room = window.register
    room.add_document(QD42)
    editor = _end_of(window, LATER)
    type_text(qtbot, editor, " Căn cứ ")
    assert room.insert_citation(QD42.id)
    view = show_compare(window)
    view.set_versions(next(v.id for v in window.session.versions() if v.name == "Trước khi trích dẫn"), NOW)
    texts = [d.new_text for d in view.differences() if d.group == LATER]
    assert texts == [f" Căn cứ {FULL}"]                          # its words, full: the document's first citation
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(0))
    assert FULL in view.detail.toPlainText() and "\ufffc" not in view.detail.toPlainText()
    view.close()


def test_citing_works_in_content_not_yet_placed_in_a_section(qtbot, tmp_path):
    from baocao.model.richtext import Para

    session = sample_session()
    session.draft.section("muc-cu").body = [Para([Span("Đoạn của mục cũ"), Note([[Span("Xem ")]]), Span(".")])]
    window = make_window(qtbot, tmp_path, session)
    room = window.register
    room.add_document(QD42)
    window.select("muc-cu")
    assert window.editor.section_id == "muc-cu"
    editor = _end_of(window, "muc-cu")
    type_text(qtbot, editor, " Theo Quyết định số 4")
    assert room.completer.popup_visible()
    qtbot.keyClick(room.completer.completer.popup(), Qt.Key.Key_Return)
    assert _body_tokens(window.session.draft.section("muc-cu").body) == [QD42.id]
    window.editor.splitter.setSizes([200, 260])
    window.editor.tabs.setCurrentWidget(window.editor.notes)
    qtbot.wait(50)
    note = window.editor.notes.editor(window.editor.notes._order[0])
    window.activateWindow()                                      # the popup closed: the window active again
    note.setFocus()
    qtbot.waitUntil(lambda: note.hasFocus(), timeout=3000)
    note.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, note, "Quyết định số 42")
    completer = note_completer(note)
    assert completer.popup_visible()
    qtbot.keyClick(completer.completer.popup(), Qt.Key.Key_Return)
    assert window.session.draft.section("muc-cu").body[0].notes()[0].paragraphs[0][-1] == Cite(QD42.id)
