"""Issue 10, pack editor: template text changes are steps of the editor's own undo stack, in order with
structure changes (Ctrl+Z in the text box undoes both); typing merges into one step."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from baocao.template.manifest import MANIFEST_NAME  # noqa: E402

from ui_support import message_boxes, open_pack_editor, type_text  # noqa: E402,F401 - fixture

TEMPLATE = "muc/chuyen-doi-so.j2"


@pytest.fixture
def editor(qtbot, tmp_path, message_boxes):  # noqa: F811
    win = open_pack_editor(qtbot, tmp_path, "nam-thu")
    yield win
    win.saved_draft = win.draft            # no unsaved-changes question at teardown


def _end_of_text(edit) -> None:
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    edit.setTextCursor(cursor)


def _ctrl_z(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_text_and_structure_changes_undo_in_order(qtbot, editor):
    pane = editor.template_pane
    box = pane.edit
    assert not box.document().isUndoRedoEnabled()          # no second, separate undo in the box

    editor._select("theo-linh-vuc")
    assert editor.add_section("chuyen-doi-so")                     # step 1 (structure)
    assert editor.create_template() == TEMPLATE                    # step 2 (structure)
    start = editor.draft.files[TEMPLATE]
    assert pane.current_name() == TEMPLATE and box.toPlainText() == start
    steps = editor.undo_stack.count()

    box.setFocus()
    _end_of_text(box)
    type_text(qtbot, box, "<p>Số hóa hồ sơ.</p>")                 # step 3 (one merged typing step)
    assert editor.undo_stack.count() == steps + 1
    assert editor.draft.files[TEMPLATE] == start + "<p>Số hóa hồ sơ.</p>"

    editor.section_form.title.setText("CHUYỂN ĐỔI SỐ")             # step 4 (structure, between two typings)
    editor.section_form.title.editingFinished.emit()
    assert editor.undo_stack.count() == steps + 2
    assert 'title = "CHUYỂN ĐỔI SỐ"' in editor.draft.files[MANIFEST_NAME]

    editor.tabs.setCurrentIndex(1)
    box.setFocus()
    _end_of_text(box)
    qtbot.keyClick(box, Qt.Key.Key_Return)                           # step 5 (typing)
    type_text(qtbot, box, "{{ noi_dung }}")
    assert editor.undo_stack.count() == steps + 3
    typed = start + "<p>Số hóa hồ sơ.</p>\n{{ noi_dung }}"
    assert box.toPlainText() == typed == editor.draft.files[TEMPLATE]

    _ctrl_z(qtbot, box)                                               # undoes step 5 only
    assert box.toPlainText() == start + "<p>Số hóa hồ sơ.</p>" == editor.draft.files[TEMPLATE]
    assert 'title = "CHUYỂN ĐỔI SỐ"' in editor.draft.files[MANIFEST_NAME]
    assert box.textCursor().position() == len(start + "<p>Số hóa hồ sơ.</p>")   # where the change was

    _ctrl_z(qtbot, box)                                               # step 4: the title
    assert 'title = "CHUYỂN ĐỔI SỐ"' not in editor.draft.files[MANIFEST_NAME]
    assert editor.draft.files[TEMPLATE] == start + "<p>Số hóa hồ sơ.</p>"

    box.setFocus()
    _ctrl_z(qtbot, box)                                               # step 3: all the typing at once
    assert editor.draft.files[TEMPLATE] == start
    assert pane.current_name() == TEMPLATE and box.toPlainText() == start

    box.setFocus()
    _ctrl_z(qtbot, box)                                               # step 2: the template file goes
    assert TEMPLATE not in editor.draft.files

    for _ in range(3):                                                # redo all the way: text is back
        editor.undo_stack.redo()
    assert editor.draft.files[TEMPLATE] == start + "<p>Số hóa hồ sơ.</p>"
    assert 'title = "CHUYỂN ĐỔI SỐ"' in editor.draft.files[MANIFEST_NAME]
    editor.undo_stack.redo()
    assert editor.draft.files[TEMPLATE] == typed
    assert pane.current_name() == TEMPLATE and box.toPlainText() == typed


def test_typing_in_the_manifest_keeps_the_cursor_and_file(qtbot, editor):
    pane = editor.template_pane
    box = pane.edit
    editor.tabs.setCurrentIndex(1)
    pane.files.setCurrentText(MANIFEST_NAME)
    box.setFocus()
    _end_of_text(box)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    type_text(qtbot, box, "# ghi chú của người giữ mẫu")
    qtbot.wait(700)                       # the tree is read again after the pause in typing
    assert pane.current_name() == MANIFEST_NAME                     # the box did not jump to a section's file
    assert box.textCursor().position() == len(box.toPlainText())    # nor the cursor to the start
    assert editor.draft.files[MANIFEST_NAME].endswith("# ghi chú của người giữ mẫu")
    _ctrl_z(qtbot, box)
    assert not editor.draft.files[MANIFEST_NAME].endswith("# ghi chú của người giữ mẫu")
    assert pane.current_name() == MANIFEST_NAME


def test_undo_keys_in_the_forms_reach_the_editors_stack(qtbot, editor):
    """Ctrl+Z in the title box: what was typed there is taken first, then undone, in order with the rest."""
    editor._select("theo-linh-vuc")
    form = editor.section_form
    original = form.title.text()
    assert editor.add_section("chuyen-doi-so")                     # a structure step first
    steps = editor.undo_stack.count()
    editor.tabs.setCurrentIndex(0)
    form.title.setFocus()
    form.title.selectAll()
    type_text(qtbot, form.title, "CHUYỂN ĐỔI SỐ")                 # no Enter: not yet taken
    assert editor.undo_stack.count() == steps
    _ctrl_z(qtbot, form.title)                                      # takes the typing, then undoes it
    assert editor.undo_stack.count() == steps + 1 and editor.undo_stack.index() == steps
    assert 'title = "CHUYỂN ĐỔI SỐ"' not in editor.draft.files[MANIFEST_NAME]
    assert form.title.text() == "Mục mới"                           # the box shows the pack again
    form.title.setFocus()
    _ctrl_z(qtbot, form.title)                                      # then the new section goes
    assert "chuyen-doi-so" not in [r.id for r in editor.draft.sections()]
    assert original                                                  # (the selected section had a title)

    # the report-level texts reach the pack after a pause in typing, each an undoable step
    editor.tabs.setCurrentIndex(2)
    box = editor.report_form.summary
    box.setFocus()
    _end_of_text(box)
    type_text(qtbot, box, " (dự thảo)")
    qtbot.waitUntil(lambda: "(dự thảo)" in editor.draft.files[MANIFEST_NAME], timeout=3000)
    _ctrl_z(qtbot, box)
    assert "(dự thảo)" not in editor.draft.files[MANIFEST_NAME]
    assert "(dự thảo)" not in box.toPlainText()


def test_the_editor_fits_the_screen_and_esc_closes_it(qtbot, editor):
    """On a 1366×768 office PC the whole editor is on screen; Esc closes it like the title-bar button."""
    available = editor.screen().availableGeometry()
    hint = editor.minimumSizeHint()
    assert hint.width() <= 1366 - 24 and hint.height() <= 768 - 48      # it can fit a 1366×768 office screen
    assert editor.height() <= max(available.height(), hint.height())    # and opens no larger than needed
    assert editor.width() <= max(available.width(), hint.width())
    assert editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=3000)
