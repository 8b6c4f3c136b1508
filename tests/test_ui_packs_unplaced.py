"""Issue 10, deliver 7 in the window: text of sections the pack no longer has ("nội dung chưa xếp mục") has an
outline entry, opens read-write in the section editor, and moves into a pack section in one undoable step."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from baocao.model.richtext import Note, Para, Span  # noqa: E402
from baocao.render.renderer import UNPLACED_TITLE  # noqa: E402

from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: E402,F401 - fixture

ORPHAN = "muc-da-bo"
OTHER = "nhap-chua-khop"
TARGET = "nhiem-vu-cu-the"


def _group(window):
    tree = window.outline.tree
    last = tree.topLevelItem(tree.topLevelItemCount() - 1)
    return last if last is not None and last.text(0).startswith("Nội dung chưa xếp mục") else None


@pytest.fixture
def window(qtbot, tmp_path, message_boxes):  # noqa: F811
    session = sample_session()
    draft = session.draft
    assert not session.pack.has_section(ORPHAN)
    draft.section(ORPHAN).body = [Para([Span("Đã rà soát 05 thủ tục hành chính"), Note([[Span("Quyết định số 12/QĐ-UBND.")]]),
                                        Span(" của mục cũ.")])]
    draft.section(OTHER).body = [Para([Span("Đoạn nhập từ tệp chưa khớp mục nào.")])]
    draft.section("khong-con-gi").body = []                      # an empty orphan is not listed
    return make_window(qtbot, tmp_path, session)


def test_orphan_entry_opens_edits_moves_and_undoes(qtbot, window, monkeypatch):
    group = _group(window)
    assert group is not None and group.text(0) == "Nội dung chưa xếp mục (2)"
    rows = [group.child(i).text(0) for i in range(group.childCount())]
    assert rows[0].startswith(f"«{ORPHAN}» — Đã rà soát 05 thủ tục") and rows[1].startswith(f"«{OTHER}»")
    assert window.outline.extra_keys() == [ORPHAN, OTHER]

    # chosen in the outline: its text in the section editor, read-write
    window.outline.tree.setCurrentItem(group.child(0))
    assert window.current_key == ORPHAN
    editor = window.editor
    assert window.stack.currentWidget() is editor and "Nội dung chưa xếp mục «muc-da-bo»" in editor.title.text()
    assert editor.body.toPlainText().startswith("Đã rà soát 05 thủ tục hành chính")
    assert not editor.body.isReadOnly()
    assert len(editor.body.notes()) == 1
    editor.body.setFocus()
    cursor = editor.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    type_text(qtbot, editor.body, " Thêm ý.")
    draft = window.session.draft
    assert draft.section(ORPHAN).body[0].plain_text().endswith("của mục cũ. Thêm ý.")
    assert window.controller.undo_stack.undoText() == "Sửa nội dung"

    # "Chuyển vào mục…": the chosen section gets the text appended, the orphan goes, one undo step
    before_target = list(draft.section(TARGET).body)
    moved = list(draft.section(ORPHAN).body)
    steps = window.controller.undo_stack.count()
    label = window.outline.numbered_titles()[TARGET]
    asked = []

    def pick(parent, title, text, items, current=0, editable=False, *args, **kwargs):
        asked.append((title, text, list(items)))
        return label, True

    import baocao.ui.unplaced.install as unplaced_install

    monkeypatch.setattr(unplaced_install.QInputDialog, "getItem", staticmethod(pick))
    buttons = [editor.links.itemAt(i).widget() for i in range(editor.links.count())
               if editor.links.itemAt(i).widget() is not None]
    move_button = next(b for b in buttons if b.text() == "Chuyển vào mục…")
    move_button.click()
    assert label in asked[0][2] and all("muc-da-bo" not in item for item in asked[0][2])
    assert asked and "muc-da-bo" in asked[0][1]
    assert window.controller.undo_stack.count() == steps + 1
    assert draft.section(TARGET).body == before_target + moved
    assert draft.sections[ORPHAN].is_empty()
    assert window.current_key == TARGET
    assert window.editor.body.toPlainText().endswith("của mục cũ. Thêm ý.")
    group = _group(window)
    assert group is not None and group.text(0) == "Nội dung chưa xếp mục (1)"
    assert window.outline.extra_keys() == [OTHER]
    html = window.render_html()
    assert "Đã rà soát 05 thủ tục" in html and "muc-da-bo" not in html

    # undo: the orphan and its entry come back, the target section as before
    window.editor.body.setFocus()
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert draft.section(TARGET).body == before_target
    assert draft.sections[ORPHAN].body == moved
    assert window.outline.extra_keys() == [ORPHAN, OTHER]
    assert _group(window).text(0) == "Nội dung chưa xếp mục (2)"
    assert UNPLACED_TITLE in window.render_html()

    # moving the last ones makes the entry disappear
    assert window.unplaced.move_to(TARGET, ORPHAN) and window.unplaced.move_to(TARGET, OTHER)
    assert _group(window) is None and window.outline.extra_keys() == []
    assert UNPLACED_TITLE not in window.render_html()
    window.controller.undo_stack.undo()
    assert window.outline.extra_keys() == [OTHER]


def test_undo_of_typing_shows_an_orphan_whose_entry_had_gone(qtbot, window):
    """Emptied by typing, left, then Ctrl+Z: the orphan is listed and shown again (no crash)."""
    window.select(OTHER)
    assert window.current_key == OTHER
    body = window.editor.body
    body.setFocus()
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_Delete)
    assert window.session.draft.section(OTHER).is_empty()
    assert OTHER in window.outline.extra_keys()                 # still listed while it is being edited
    window.select(TARGET)
    qtbot.waitUntil(lambda: OTHER not in window.outline.extra_keys(), timeout=2000)
    window.controller.undo_stack.undo()
    assert window.current_key == OTHER and OTHER in window.outline.extra_keys()
    assert body.toPlainText() == "Đoạn nhập từ tệp chưa khớp mục nào."


def test_a_click_on_the_printed_unplaced_text_opens_it(qtbot, window):
    window.select("chua-xep-muc:" + ORPHAN)                     # the preview's section link of that text
    assert window.current_key == ORPHAN
    assert window.outline.current_key() == ORPHAN


def test_a_click_on_the_printed_heading_opens_the_first_orphan(qtbot, window):
    window.select("chua-xep-muc")                               # the heading "NỘI DUNG CHƯA XẾP MỤC"
    assert window.current_key == ORPHAN
    window.select("khong-co-muc-nay")                           # an unknown key changes nothing
    assert window.current_key == ORPHAN


def test_core_lists_only_orphans_with_text_and_moves_fields_too():
    from baocao.model.draft import SectionData
    from baocao.ui.unplaced.logic import move_edit, orphan_ids, row_text

    session = sample_session()
    draft, pack = session.draft, session.pack
    draft.sections["cu"] = SectionData(body=[], fields={"tong": 12, "ghi_chu": ""})
    draft.section("rong").body = []
    assert orphan_ids(pack, draft) == ["cu"] and orphan_ids(pack, draft, keep="rong") == ["cu", "rong"]
    assert row_text("cu", draft.sections["cu"]) == "«cu» — 12"
    before = list(draft.section(TARGET).body)
    edit = move_edit(draft, "cu", TARGET)
    session.apply(edit)
    assert draft.section(TARGET).body[len(before):] == [Para([Span("tong: 12")])]
    assert draft.sections["cu"].is_empty() and orphan_ids(pack, draft) == []
    session.revert(edit)
    assert draft.section(TARGET).body == before and draft.sections["cu"].fields == {"tong": 12, "ghi_chu": ""}


def test_a_restored_version_without_the_orphan_shows_the_first_section(qtbot, window):
    import copy

    from baocao.edits import ReplaceDraft

    window.select(ORPHAN)
    content = copy.deepcopy(window.session.draft)
    del content.sections[ORPHAN]
    window.controller.push(ReplaceDraft.make(window.session.draft, content))
    assert window.current_key == window.outline.keys()[0]
    assert window.outline.extra_keys() == [OTHER]
    window.controller.undo_stack.undo()
    assert ORPHAN in window.outline.extra_keys()


def test_the_edit_menu_moves_the_orphan_shown(qtbot, window, monkeypatch):
    from baocao.ui import strings as WS

    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == WS.MENU_EDIT)
    action = next(a for a in menu.actions() if a.text() == "Chuyển nội dung chưa xếp mục vào mục…")
    window.select(TARGET)
    assert not action.isEnabled()
    window.select(OTHER)
    assert action.isEnabled()
    import baocao.ui.unplaced.install as unplaced_install

    label = window.outline.numbered_titles()[TARGET]
    monkeypatch.setattr(unplaced_install.QInputDialog, "getItem", staticmethod(lambda *a, **k: (label, True)))
    action.trigger()
    assert window.session.draft.section(TARGET).body[-1].plain_text() == "Đoạn nhập từ tệp chưa khớp mục nào."
    assert OTHER not in window.outline.extra_keys() and not action.isEnabled()
