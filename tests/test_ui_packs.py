"""Issue 10, must show (window): copy a pack, add a section, edit its template, see it in the preview,
make a syntax error and see the message at its line; the last good version is kept; undo."""

from __future__ import annotations

import pytest
from ui_support import make_window, message_boxes, user_packs  # noqa: F401 - fixtures

from baocao.template import load_pack_dir
from baocao.template.registry import list_packs



def _wait_preview(qtbot, editor):
    qtbot.waitUntil(lambda: not editor.jobs.busy() and editor.last_result is not None
                    and editor.status.text() != "Đang dựng bản xem trước…", timeout=30000)


def _select_pack(manager, pack_id):
    for index in range(manager.tree.topLevelItemCount()):
        item = manager.tree.topLevelItem(index)
        if item.text(1) == pack_id:
            manager.tree.setCurrentItem(item)
            return item
    raise AssertionError(pack_id)


def test_copy_add_section_edit_template_preview_and_error_at_line(qtbot, tmp_path, user_packs, message_boxes):
    window = make_window(qtbot, tmp_path)
    window.packs.manager_action.trigger()
    manager = window.packs.manager
    qtbot.waitExposed(manager)
    _select_pack(manager, "bao-cao-nam")
    assert not manager.buttons["edit"].isEnabled()                 # built-in packs are copied, not edited
    copied = manager.copy(new_id="bao-cao-nam-cua-toi")
    assert copied is not None and copied.parent == user_packs
    assert "bao-cao-nam-cua-toi" in [p.id for p in list_packs()]
    _select_pack(manager, "bao-cao-nam-cua-toi")
    editor = manager.edit()
    qtbot.addWidget(editor)
    qtbot.waitExposed(editor)
    _wait_preview(qtbot, editor)
    assert editor.last_result.errors == []

    # add a section after "Chỉ đạo trên các lĩnh vực", title it, give it a template
    editor._select("theo-linh-vuc")
    assert editor.add_section("chuyen-doi-so")
    editor.section_form.title.setText("CHUYỂN ĐỔI SỐ")
    editor.section_form.title.editingFinished.emit()
    name = editor.create_template()
    assert name == "muc/chuyen-doi-so.j2"
    editor.template_pane.edit.setPlainText("<p>Đã số hóa {{ bc.ky_khong_nam }} toàn bộ hồ sơ.</p>\n{{ noi_dung }}\n")
    editor.template_pane.flush()
    editor.request_preview()
    _wait_preview(qtbot, editor)
    assert editor.last_result.errors == []
    shown = editor.preview.toPlainText()
    assert "III. CHUYỂN ĐỔI SỐ" in shown and "Đã số hóa năm toàn bộ hồ sơ." in shown
    editor.grab().save(str(tmp_path / "pack-editor.png"))

    # a syntax error at line 3: the message says so, the line is marked
    editor.template_pane.edit.setPlainText("<p>a</p>\n<p>b</p>\n<p>{% if bc.la_quy %}chưa đóng</p>\n")
    editor.template_pane.flush()
    editor.request_preview()
    _wait_preview(qtbot, editor)
    errors = editor.last_result.errors
    assert errors and errors[0].file == "muc/chuyen-doi-so.j2" and errors[0].line == 3
    assert "cú pháp Jinja" in errors[0].message
    item = editor.errors.item(0)
    assert "dòng 3" in item.text()
    editor._go_to_error(item)
    assert editor.template_pane.marked_line() == 3
    assert editor.template_pane.edit.textCursor().blockNumber() == 2
    editor.grab().save(str(tmp_path / "pack-editor-error.png"))

    # saving a broken version keeps the last good version in the pack folder
    editor.save()
    qtbot.waitUntil(lambda: editor._save_request is None, timeout=30000)
    assert any("còn 1 lỗi" in text or "còn" in text for _kind, _title, text in message_boxes.shown)
    assert load_pack_dir(copied).has_section("chuyen-doi-so") is False   # the folder still holds the good version

    # fix it, save: the folder now has the new section
    editor.template_pane.edit.setPlainText("<p>Đã số hóa toàn bộ hồ sơ.</p>\n{{ noi_dung }}\n")
    editor.template_pane.flush()
    editor.save()
    qtbot.waitUntil(lambda: editor._save_request is None, timeout=30000)
    pack = load_pack_dir(copied)
    assert pack.has_section("chuyen-doi-so") and pack.section("chuyen-doi-so").title == "CHUYỂN ĐỔI SỐ"

    # undo the title change and the new section
    steps = editor.undo_stack.count()
    assert steps >= 3
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert "chuyen-doi-so" not in [r.id for r in editor.draft.sections()]
    editor.undo_stack.redo()
    assert "chuyen-doi-so" in [r.id for r in editor.draft.sections()]
    editor.saved_draft = editor.draft          # no unsaved-changes question at teardown
    manager.grab().save(str(tmp_path / "pack-manager.png"))


def test_manager_lists_a_broken_pack_with_its_reason(qtbot, tmp_path, user_packs, message_boxes):
    broken = user_packs / "mau-hong"
    broken.mkdir()
    (broken / "manifest.toml").write_text('[pack]\nid = "mau-hong"\nname = "Mẫu hỏng\n', encoding="utf-8")
    window = make_window(qtbot, tmp_path)
    window.packs.manager_action.trigger()
    item = _select_pack(window.packs.manager, "mau-hong")
    assert item.text(2).startswith("LỖI") and "cú pháp TOML" in item.text(2)
    assert not window.packs.manager.buttons["export"].isEnabled()


def test_manager_imports_a_zip_after_showing_what_it_holds(qtbot, tmp_path, user_packs, message_boxes):
    from baocao.paths import templates_dir
    from baocao.template.sharing import export_zip

    archive = tmp_path / "nam.zip"
    export_zip(templates_dir() / "bao-cao-nam", archive, "bao-cao-nam")
    from PySide6.QtWidgets import QMessageBox

    message_boxes._answer = QMessageBox.StandardButton.Yes
    window = make_window(qtbot, tmp_path)
    window.packs.manager_action.trigger()
    final = window.packs.manager.import_zip(str(archive))
    assert final == user_packs / "bao-cao-nam"
    question = next(text for kind, _t, text in message_boxes.shown if kind == "question")
    assert "manifest.toml" in question and "thay cho mẫu có sẵn" in question


def test_editing_a_field_label_keeps_its_other_keys(qtbot, tmp_path, user_packs, message_boxes):
    from baocao.paths import templates_dir
    from baocao.template.user_packs import start_user_pack
    from baocao.ui.packs.editor import PackEditor

    root = start_user_pack(templates_dir() / "bao-cao-6-thang", "sua-truong")
    editor = PackEditor(root)
    qtbot.addWidget(editor)
    editor._select("ket-qua-nhiem-vu")
    table = editor.section_form.fields
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "chi_thi")
    table.item(row, 1).setText("Chỉ thị của UBND tỉnh")
    fields = {f["key"]: f for f in editor.draft.section_values("ket-qua-nhiem-vu")["fields"]}
    assert fields["chi_thi"]["label"] == "Chỉ thị của UBND tỉnh" and fields["chi_thi"]["pad"] == 2
    assert fields["van_ban_den"]["required"] is True and "pad" not in fields["van_ban_den"]
    editor.undo_stack.undo()
    fields = {f["key"]: f for f in editor.draft.section_values("ket-qua-nhiem-vu")["fields"]}
    assert fields["chi_thi"]["label"] == "Chỉ thị"
    _wait_preview(qtbot, editor)
    editor.saved_draft = editor.draft


def test_remove_an_office_pack_and_restore_it(qtbot, tmp_path, user_packs, message_boxes):
    """«Xóa mẫu…» moves the office's copy aside (built-in packs cannot be removed); «Mẫu đã xóa…» brings it back."""
    window = make_window(qtbot, tmp_path)
    window.packs.manager_action.trigger()
    manager = window.packs.manager
    _select_pack(manager, "bao-cao-nam")
    assert not manager.buttons["remove"].isEnabled()
    assert not manager.buttons["restore"].isEnabled()              # nothing removed yet
    copied = manager.copy(new_id="mau-se-xoa")
    _select_pack(manager, "mau-se-xoa")
    assert manager.buttons["remove"].isEnabled()
    moved = manager.remove(confirm=False)
    assert moved is not None and moved.is_dir() and not copied.exists()
    assert (moved / "manifest.toml").is_file()
    assert "mau-se-xoa" not in [p.id for p in list_packs()]
    assert manager.buttons["restore"].isEnabled()
    restored = manager.restore(choice=0)
    assert restored == copied and (restored / "manifest.toml").is_file()
    assert "mau-se-xoa" in [p.id for p in list_packs()]
    assert manager.current().id == "mau-se-xoa"
    assert not manager.buttons["restore"].isEnabled()


def test_restore_refuses_to_overwrite_a_pack_of_the_same_folder(tmp_path, user_packs):
    from baocao.errors import TemplateError
    from baocao.paths import templates_dir
    from baocao.template.removed_packs import list_removed, remove_user_pack, restore_removed
    from baocao.template.user_packs import start_user_pack

    first = start_user_pack(list_packs()[0].root, "mau-trung")
    remove_user_pack(first)
    start_user_pack(list_packs()[0].root, "mau-trung")             # a new one took the folder name
    (removed,) = list_removed()
    assert removed.folder_name == "mau-trung" and removed.removed_at
    with pytest.raises(TemplateError, match="đã có «mau-trung»"):
        restore_removed(removed)
    assert removed.path.is_dir()                                   # nothing lost
    with pytest.raises(TemplateError, match="không nằm trong thư mục mẫu"):
        remove_user_pack(templates_dir() / "bao-cao-nam")          # a built-in pack is not ours to move
    assert (templates_dir() / "bao-cao-nam" / "manifest.toml").is_file()


def test_manager_buttons_ask_before_acting(qtbot, tmp_path, user_packs, message_boxes, monkeypatch):
    """Clicking a button (Qt passes clicked(bool)) asks first: copy asks for an id, remove asks to confirm,
    restore offers the list, export asks for a file — none takes "False" for its argument."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: asked.append("id") or ("", False)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: asked.append("list") or ("", False)))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append("confirm") or QMessageBox.StandardButton.No))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append("file") or ("", "")))
    window = make_window(qtbot, tmp_path)
    window.packs.manager_action.trigger()
    manager = window.packs.manager
    _select_pack(manager, "bao-cao-nam")
    qtbot.mouseClick(manager.buttons["copy"], Qt.MouseButton.LeftButton)
    assert asked == ["id"] and [p.id for p in list_packs()].count("bao-cao-nam") == 1
    copied = manager.copy(new_id="mau-nut")
    _select_pack(manager, "mau-nut")
    qtbot.mouseClick(manager.buttons["remove"], Qt.MouseButton.LeftButton)
    assert asked[-1] == "confirm" and copied.is_dir()              # answered No: still there
    qtbot.mouseClick(manager.buttons["export"], Qt.MouseButton.LeftButton)
    assert asked[-1] == "file"
    manager.remove(confirm=False)
    qtbot.mouseClick(manager.buttons["restore"], Qt.MouseButton.LeftButton)
    assert asked[-1] == "list" and not copied.exists()             # cancelled: nothing restored
