"""QA findings in the pack editor (Mẫu → Quản lý → Sửa mẫu): typed guidance is never lost, the highlighted
section and the form agree, «Về bản tốt gần nhất» restores the version that was checked, the existing guidance
is shown and edited where it lives, stale errors are dimmed, the error line is cleared when fixed, and a removed
pack is restored by its place in the list."""

from __future__ import annotations

import tomllib

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from baocao.template.manifest import MANIFEST_NAME  # noqa: E402

from ui_support import message_boxes, open_pack_editor, type_text  # noqa: E402,F401 - fixture

GUIDE = "huong-dan.toml"


@pytest.fixture
def editor(qtbot, tmp_path, message_boxes):  # noqa: F811
    win = open_pack_editor(qtbot, tmp_path, "nam-qa")
    _wait_preview(qtbot, win)
    yield win
    win.saved_draft = win.draft            # no unsaved-changes question at teardown


def _wait_preview(qtbot, editor, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: not editor.jobs.busy() and editor.last_result is not None
                    and editor.errors.isEnabled(), timeout=timeout)


def _guide(editor) -> dict:
    return tomllib.loads(editor.draft.files[GUIDE])


def _manifest_section(editor, section_id: str) -> dict:
    data = tomllib.loads(editor.draft.files[MANIFEST_NAME])
    return next(s for s in data["sections"] if s["id"] == section_id)


def _tree_item(editor, section_id: str):
    from baocao.ui.packs.editor import ID_ROLE

    found = [item for item in _all_items(editor.tree) if item.data(0, ID_ROLE) == section_id]
    assert found, section_id
    return found[0]


def _all_items(tree):
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        yield item
        stack.extend(item.child(i) for i in range(item.childCount()))


def _click_section(qtbot, editor, section_id: str) -> None:
    """A real mouse click on the section's row of the tree."""
    item = _tree_item(editor, section_id)
    editor.tree.scrollToItem(item)
    rect = editor.tree.visualItemRect(item)
    qtbot.mouseClick(editor.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _type_guidance(qtbot, editor, text: str) -> None:
    box = editor.section_form.guidance
    box.setFocus()
    cursor = box.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    box.setTextCursor(cursor)
    type_text(qtbot, box, text)


# ------------------------------------------------------------------ 1. typed guidance is kept
def test_typed_guidance_survives_ticking_omit_and_changing_numbering(qtbot, editor):
    _click_section(qtbot, editor, "y-te")
    assert editor._current == "y-te"
    form = editor.section_form
    assert form.guidance.toPlainText() == ""                        # y-te has no guidance yet
    _type_guidance(qtbot, editor, "Nêu số ca bệnh")
    qtbot.mouseClick(form.omit, Qt.MouseButton.LeftButton)          # a click on the check box
    assert form.omit.isChecked()
    assert form.guidance.toPlainText() == "Nêu số ca bệnh"
    assert _guide(editor)["y-te"]["guidance"] == "Nêu số ca bệnh"   # written where this pack keeps guidance
    assert _manifest_section(editor, "y-te")["omit_if_empty"] is True

    _type_guidance(qtbot, editor, " và tiêm chủng.")
    form.numbering.setCurrentIndex(form.numbering.findData("so"))   # change «Đánh số» while text is typed
    assert form.guidance.toPlainText() == "Nêu số ca bệnh và tiêm chủng."
    assert _guide(editor)["y-te"]["guidance"] == "Nêu số ca bệnh và tiêm chủng."
    assert _manifest_section(editor, "y-te")["numbering"] == "so"

    editor.undo_stack.undo()                                         # numbering and the typing before it: one step
    assert _guide(editor)["y-te"]["guidance"] == "Nêu số ca bệnh"
    assert "numbering" not in _manifest_section(editor, "y-te")
    assert form.guidance.toPlainText() == "Nêu số ca bệnh"


def test_typed_guidance_survives_switching_to_the_template_tab_and_typing_there(qtbot, editor):
    _click_section(qtbot, editor, "giao-duc")
    _type_guidance(qtbot, editor, "Số trường đạt chuẩn.")
    editor.tabs.setCurrentIndex(1)
    box = editor.template_pane.edit
    editor.template_pane.files.setCurrentText("ket-thuc.j2")
    box.setFocus()
    type_text(qtbot, box, "x")
    assert _guide(editor)["giao-duc"]["guidance"] == "Số trường đạt chuẩn."
    editor.tabs.setCurrentIndex(0)
    assert editor.section_form.guidance.toPlainText() == "Số trường đạt chuẩn."


def test_menu_undo_while_guidance_is_typed_undoes_that_typing_first(qtbot, editor):
    _click_section(qtbot, editor, "giao-duc")
    editor.section_form.omit.setChecked(True)                       # a step before: «Hoàn tác» is enabled
    _type_guidance(qtbot, editor, "Ghi chú")
    undo = [a for a in editor.menuBar().actions()[0].menu().actions() if a.text().startswith("Hoàn tác")][0]
    undo.trigger()                                                  # the menu's «Hoàn tác» while text is typed
    assert "giao-duc" not in _guide(editor) or "guidance" not in _guide(editor)["giao-duc"]
    assert _manifest_section(editor, "giao-duc")["omit_if_empty"] is True      # only the typing was undone
    editor.undo_stack.redo()
    assert _guide(editor)["giao-duc"]["guidance"] == "Ghi chú"


# ------------------------------------------------------------------ 2. tree and form agree
def test_tree_and_form_show_the_same_section_after_editing_guidance_and_coming_back(qtbot, editor):
    _click_section(qtbot, editor, "kinh-te")
    title_a = editor.section_form.title.text()
    _type_guidance(qtbot, editor, " Thêm ý mới.")
    _click_section(qtbot, editor, "van-hoa-xa-hoi")
    assert editor._current == "van-hoa-xa-hoi"
    assert editor.tree.currentItem() is _tree_item(editor, "van-hoa-xa-hoi")
    assert editor.section_form.title.text() != title_a
    _click_section(qtbot, editor, "kinh-te")
    assert editor._current == "kinh-te"
    assert editor.tree.currentItem() is _tree_item(editor, "kinh-te")
    assert editor.section_form.title.text() == title_a
    assert editor.section_form.guidance.toPlainText().endswith("Thêm ý mới.")
    assert _guide(editor)["kinh-te"]["guidance"].endswith("Thêm ý mới.")
    assert "van-hoa-xa-hoi" not in _guide(editor) or "Thêm ý mới" not in _guide(editor)["van-hoa-xa-hoi"]["guidance"]
    # an edit now goes to the highlighted section
    editor.section_form.title.setText("VỀ KINH TẾ")
    editor.section_form.title.editingFinished.emit()
    assert _manifest_section(editor, "kinh-te")["title"] == "VỀ KINH TẾ"
    # undo of the guidance step shows the section it changed
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert editor._current == "kinh-te" and editor.tree.currentItem() is _tree_item(editor, "kinh-te")
    assert not editor.section_form.guidance.toPlainText().endswith("Thêm ý mới.")


# ------------------------------------------------------------------ 3. the good version is the checked one
def test_revert_restores_the_files_that_were_checked_not_those_typed_since(qtbot, editor):
    from baocao.template.pack_edit import PackDraft

    name = "ket-thuc.j2"
    good = editor.draft.files[name] + "\n<p>Đã xong.</p>"
    editor.change(lambda d: d.with_file(name, good), "sửa")
    editor._timer.stop()
    editor.request_preview(force=True)                              # the check of *good* is on its way
    half = PackDraft(editor.draft.files).with_file(name, good + "{% if t")
    editor.draft = half                                             # typed since (its own check not yet asked)
    editor.last_result = None
    qtbot.waitUntil(lambda: editor.last_result is not None, timeout=60000)
    assert not editor.last_result.errors
    assert editor.good_draft.files[name] == good                   # not the half-typed text
    editor.request_preview(force=True)
    _wait_preview(qtbot, editor)
    assert editor.last_result.errors                                # the half-typed version is broken
    assert editor.revert_to_good()
    assert editor.draft.files[name] == good


# ------------------------------------------------------------------ 4. the guidance shown is the one in use
def test_guidance_from_the_guidance_file_is_shown_and_edited_there(qtbot, editor):
    expected = _guide(editor)["kinh-te"]["guidance"].strip()
    _click_section(qtbot, editor, "kinh-te")
    assert expected and editor.section_form.guidance.toPlainText() == expected
    manifest_before = editor.draft.files[MANIFEST_NAME]
    topics = _guide(editor)["kinh-te"].get("topics")
    box = editor.section_form.guidance
    box.setFocus()
    box.selectAll()
    type_text(qtbot, box, "Hướng dẫn mới.")
    editor.commit_forms()
    assert _guide(editor)["kinh-te"]["guidance"] == "Hướng dẫn mới."
    assert _guide(editor)["kinh-te"].get("topics") == topics      # the other keys of the entry are kept
    assert editor.draft.files[MANIFEST_NAME] == manifest_before     # the manifest is not touched
    assert "# Hướng dẫn" in editor.draft.files[GUIDE].splitlines()[0] or editor.draft.files[GUIDE].startswith("#")


def test_guidance_set_in_the_manifest_wins_and_is_edited_there(qtbot, editor):
    editor.change(lambda d: d.set_section("kinh-te", guidance="Theo manifest."), "sửa")
    _click_section(qtbot, editor, "y-te")
    _click_section(qtbot, editor, "kinh-te")
    assert editor.section_form.guidance.toPlainText() == "Theo manifest."
    guide_before = editor.draft.files[GUIDE]
    _type_guidance(qtbot, editor, " Thêm.")
    editor.commit_forms()
    assert _manifest_section(editor, "kinh-te")["guidance"] == "Theo manifest. Thêm."
    assert editor.draft.files[GUIDE] == guide_before


# ------------------------------------------------------------------ 5. stale errors and the error line
def test_stale_errors_are_dimmed_while_a_new_check_runs_and_the_fixed_line_is_cleared(qtbot, editor):
    from baocao.ui.packs import strings as S

    name = "ket-thuc.j2"
    good = editor.draft.files[name]
    editor.tabs.setCurrentIndex(1)
    editor.template_pane.files.setCurrentText(name)
    editor.change(lambda d: d.with_file(name, good + "\n{% if truong.tong > %}x{% endif %}"), "sửa")
    editor.template_pane.files.setCurrentText(name)
    editor.request_preview(force=True)
    _wait_preview(qtbot, editor)
    assert editor.errors.count() >= 1 and editor.template_pane.marked_line() is not None
    editor.change(lambda d: d.with_file(name, good), "sửa")
    editor.template_pane.files.setCurrentText(name)
    editor.request_preview(force=True)
    assert not editor.errors.isEnabled() and editor.status.text() == S.PREVIEW_RUNNING_OLD
    _wait_preview(qtbot, editor)
    assert editor.errors.isEnabled() and editor.errors.count() == 0
    assert editor.status.text() == S.PREVIEW_OK
    assert editor.template_pane.marked_line() is None


def test_a_toml_error_in_the_editor_reads_in_vietnamese_with_its_line(qtbot, editor):
    text = "tieu_de = [lỗi\n" + editor.draft.files[MANIFEST_NAME]
    editor.change(lambda d: d.with_file(MANIFEST_NAME, text), "sửa")
    editor.request_preview(force=True)
    _wait_preview(qtbot, editor)
    shown = editor.errors.item(0).text()
    assert "Invalid value" not in shown and "giá trị viết sai" in shown
    assert "dòng 1" in shown and "cột 12" in shown


# ------------------------------------------------------------------ manager: restore by place in the list
def test_restore_picks_the_entry_chosen_even_when_two_labels_would_read_the_same(qtbot, tmp_path, monkeypatch,
                                                                                 message_boxes):  # noqa: F811
    from PySide6.QtWidgets import QInputDialog

    from baocao.template.removed_packs import list_removed
    from baocao.ui.packs import manager as manager_module
    from baocao.ui.packs.manager import TemplateManager, removed_labels

    folder = tmp_path / "mau-cua-don-vi"
    folder.mkdir()
    monkeypatch.setattr("baocao.paths.user_templates_dir", lambda: folder)
    monkeypatch.setattr("baocao.template.user_packs.user_templates_dir", lambda: folder)
    monkeypatch.setattr(manager_module, "user_templates_dir", lambda: folder)
    manager = TemplateManager()
    qtbot.addWidget(manager)
    marks = []
    for mark in ("một", "hai"):
        root = manager.copy(new_id="mau-trung")
        (root / "ghi-chu.txt").write_text(mark, encoding="utf-8")
        manager.refresh()
        for index in range(manager.tree.topLevelItemCount()):
            if manager.tree.topLevelItem(index).text(1) == "mau-trung":
                manager.tree.setCurrentItem(manager.tree.topLevelItem(index))
        assert manager.remove(confirm=False) is not None
        marks.append(mark)
    removed = list_removed()
    assert len(removed) == 2
    labels = removed_labels(removed)
    assert len(set(labels)) == 2 and labels[0].startswith("1. ") and labels[1].startswith("2. ")
    same = [label.split(". ", 1)[1].rsplit(" lúc ", 1)[0] for label in labels]
    assert same[0] == same[1]                                        # name and folder read the same
    wanted = removed[1]
    expected_mark = (wanted.path / "ghi-chu.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (labels[1], True)))
    target = manager.restore()
    assert target is not None and (target / "ghi-chu.txt").read_text(encoding="utf-8") == expected_mark


def test_a_clean_check_counts_as_good_even_when_a_newer_request_supersedes_it(qtbot, editor):
    name = "ket-thuc.j2"
    good = editor.draft.files[name] + "\n<p>Bản tốt.</p>"
    editor.change(lambda d: d.with_file(name, good), "sửa")
    editor._timer.stop()
    editor.request_preview(force=True)
    qtbot.waitUntil(lambda: editor.jobs._jobs._pending is None, timeout=10000)    # that check is running
    editor.change(lambda d: d.with_file(name, good + "{% for %}"), "sửa")   # broken, checked next
    editor._timer.stop()
    editor.request_preview(force=True)
    _wait_preview(qtbot, editor)
    qtbot.waitUntil(lambda: editor.last_result is not None and bool(editor.last_result.errors), timeout=60000)
    assert editor.good_draft.files[name] == good


def test_report_text_typed_just_before_a_numbering_change_is_kept(qtbot, editor):
    form = editor.report_form
    editor.tabs.setCurrentIndex(2)
    form.summary.setFocus()
    cursor = form.summary.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    form.summary.setTextCursor(cursor)
    type_text(qtbot, form.summary, " (dự thảo)")
    typed = form.summary.toPlainText()
    form.levels[1].setCurrentIndex(form.levels[1].findData("chu-ngoac"))     # before the typing pause ends
    assert form.summary.toPlainText() == typed
    data = tomllib.loads(editor.draft.files[MANIFEST_NAME])
    assert data["document"]["summary"] == typed.strip()
    assert data["numbering"]["levels"][1] == "chu-ngoac"
