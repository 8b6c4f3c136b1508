"""Find and replace in the window: Ctrl+F / Ctrl+H, hits by section, jumping, replace all undone in one step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from baocao.model.richtext import Note, Span
from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: F401 (fixture)


def open_find(qtbot, window, replace=False):
    qtbot.keyClick(window, Qt.Key.Key_H if replace else Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.finder.panel
    qtbot.waitUntil(panel.isVisible)
    return panel


def search(qtbot, window, panel, text):
    panel.query.clear()
    type_text(qtbot, panel.query, text)
    window.finder.search()
    return panel.hits()


def test_find_with_and_without_diacritics_across_body_note_and_table(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    draft = window.session.draft
    draft.tables["nhiem-vu-theo-don-vi"][0]["don_vi"] = "Sở Kế hoạch và Đầu tư Đắk Nông"
    panel = open_find(qtbot, window)
    assert panel.query.hasFocus()
    assert not panel.replacement.isVisible()
    assert search(qtbot, window, panel, "Dak Nong") == []
    panel.marks.setChecked(True)
    hits = window.finder.search()
    kinds = {h.place.kind for h in hits}
    assert {"body", "note", "cell", "meta"} <= kinds
    assert search(qtbot, window, panel, "Đắk Nông") and len(panel.hits()) == len(hits)   # with diacritics, too
    panel.marks.setChecked(False)
    exact = window.finder.search()
    assert len(exact) == len(hits)
    titles = [panel.results.topLevelItem(i).text(0) for i in range(panel.results.topLevelItemCount())]
    assert titles[0].startswith("Thông tin báo cáo")
    assert any("Phụ lục" in t or "nhiệm vụ" in t.lower() for t in titles)

    # F3 jumps: the body hit selects the words in the section editor
    body_index = next(i for i, h in enumerate(exact) if h.place.kind == "body")
    for _ in range(body_index + 1):
        qtbot.keyClick(panel.query, Qt.Key.Key_F3)
    hit = exact[body_index]
    assert window.current_key == hit.place.section
    assert window.editor.body.textCursor().selectedText() == "Đắk Nông"
    # a note hit: the note's own editor has the words selected
    note_hit = next(h for h in exact if h.place.kind == "note")
    panel.results.setCurrentItem(panel._items[exact.index(note_hit)])
    assert window.current_key == note_hit.place.section
    note_id = window.editor.body.notes()[note_hit.place.note][0]
    assert window.editor.notes.editor(note_id).textCursor().selectedText() == "Đắk Nông"
    # a cell hit: the appendix table shows with the cell current
    cell_hit = next(h for h in exact if h.place.kind == "cell")
    panel.results.setCurrentItem(panel._items[exact.index(cell_hit)])
    assert window.stack.currentWidget() is window.table_editor
    index = window.table_editor.view.currentIndex()
    assert index.row() == cell_hit.place.row
    assert "Đắk Nông" in str(index.data())


def test_replace_all_is_one_undo_step_and_keeps_notes(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    draft = window.session.draft
    notes_before = sum(len(p.notes()) for s in draft.sections.values() for p in s.body)
    panel = open_find(qtbot, window, replace=True)
    assert panel.replacement.isVisible()
    panel.marks.setChecked(True)
    hits = search(qtbot, window, panel, "dak nong")
    assert len(hits) >= 5
    type_text(qtbot, panel.replacement, "Lâm Đồng")
    depth = window.controller.undo_stack.index()
    qtbot.mouseClick(panel.replace_all_button, Qt.MouseButton.LeftButton)
    assert window.controller.undo_stack.index() == depth + 1
    assert str(len(hits)) in panel.count.text()
    assert panel.hits() == []
    assert draft.meta.place == "Lâm Đồng" and draft.meta.locality == "tỉnh Lâm Đồng"
    assert sum(len(p.notes()) for s in draft.sections.values() for p in s.body) == notes_before
    if window.stack.currentWidget() is window.editor:   # the editor shows the replaced text
        assert "Đắk Nông" not in window.editor.body.toPlainText()
    window.focus_editor()
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.undo_stack.index() == depth
    assert draft.meta.place == "Đắk Nông"
    assert len(window.finder.search()) == len(hits)


def test_replace_one_keeps_bold_and_moves_to_the_next(qtbot, tmp_path):
    session = sample_session()
    body = session.draft.section("kinh-te-xa-hoi").body
    body[0].content = [Span("Tỉnh "), Span("Đắk Nông", bold=True), Span(" phát triển; "),
                       Note([[Span("Chú thích về Đắk Nông")]]), Span(" Đắk Nông.")]
    window = make_window(qtbot, tmp_path, session)
    panel = open_find(qtbot, window, replace=True)
    hits = search(qtbot, window, panel, "Đắk Nông")
    first = next(i for i, h in enumerate(hits) if h.place.kind == "body" and h.place.section == "kinh-te-xa-hoi")
    panel.results.setCurrentItem(panel._items[first])
    type_text(qtbot, panel.replacement, "Lâm Đồng")
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    para = window.session.draft.section("kinh-te-xa-hoi").body[0]
    assert [s.text for s in para.content if isinstance(s, Span) and s.bold] == ["Lâm Đồng"]
    assert len(para.notes()) == 1
    assert len(panel.hits()) == len(hits) - 1
    assert window.editor.body.textCursor().selectedText() == "Đắk Nông"     # the next hit is selected
    assert panel.current_index() == first


def test_read_only_draft_refuses_replace(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, sample_session())
    monkeypatch.setattr(window.controller, "is_read_only", lambda: True)
    panel = open_find(qtbot, window, replace=True)
    search(qtbot, window, panel, "Đắk Nông")
    panel.replacement.setText("X")
    assert window.finder.replace(panel.hits()) == 0
    assert "chỉ đọc" in panel.count.text()
    assert window.session.draft.meta.place == "Đắk Nông"


def test_activating_a_detail_hit_opens_the_details_dialog(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, sample_session())
    opened = []
    monkeypatch.setattr(window, "edit_details", lambda: opened.append(True) or False)
    panel = open_find(qtbot, window)
    hits = search(qtbot, window, panel, "Đắk Nông")
    meta = next(i for i, h in enumerate(hits) if h.place.kind == "meta")
    panel.results.setCurrentItem(panel._items[meta])
    assert "Thông tin báo cáo" in window.statusBar().currentMessage()
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert opened == [True]
