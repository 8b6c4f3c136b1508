"""The table editor in the window: paste from the clipboard, import an .xlsx through the mapping preview,
move rows, computed cells read-only, the note under the table — each one undo step."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from test_tables_import import UNITS, write_pl01_xlsx  # noqa: E402
from ui_support import make_window, message_boxes, sample_session  # noqa: E402,F401


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    window.select("phu-luc:phu-luc-01")
    return window


def _columns(editor) -> dict[str, int]:
    return {c.key: i for i, c in enumerate(editor.model.spec.columns)}


def test_paste_an_excel_block_from_the_clipboard_then_undo(qtbot, window):
    editor = window.table_editor
    model, view, col = editor.model, editor.view, _columns(window.table_editor)
    before = [dict(r) for r in window.session.draft.tables["nhiem-vu-theo-don-vi"]]
    QGuiApplication.clipboard().setText("Sở Y tế mới\t1.234\t6\t17\t0\r\nSở Xây dựng mới\t144\t10\t19\t2\r\n")
    view.setFocus()
    view.setCurrentIndex(model.index(15, col["don_vi"]))           # the last unit: overwritten, then one row added
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = window.session.draft.tables["nhiem-vu-theo-don-vi"]
    assert len(rows) == 17
    assert rows[15] == {"don_vi": "Sở Y tế mới", "dung_han": 1234, "qua_han_hoan_thanh": 6, "trong_han": 17,
                        "qua_han_chua": 0}
    assert rows[16]["don_vi"] == "Sở Xây dựng mới"
    assert model.data(model.index(15, col["tong"])) == "1.257"      # computed, shown at once
    assert "Đã dán 2 dòng" in editor.error.text()
    window.controller.undo_stack.undo()                              # one step takes the whole paste back
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"] == before
    assert model.rowCount() == len(before) + 1


def test_a_bad_cell_in_the_clipboard_pastes_nothing_and_says_where(qtbot, window, message_boxes):
    editor = window.table_editor
    model, view, col = editor.model, editor.view, _columns(window.table_editor)
    before = [dict(r) for r in window.session.draft.tables["nhiem-vu-theo-don-vi"]]
    QGuiApplication.clipboard().setText("Sở A\t10\t1\t2\t3\nSở B\t12 nhiệm vụ\t1\t2\t3\n")
    view.setFocus()
    view.setCurrentIndex(model.index(0, col["don_vi"]))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"] == before
    assert any("Dòng 2, cột «Đúng hạn»: «12 nhiệm vụ»" in t for t in message_boxes.texts), message_boxes.texts
    assert not window.controller.undo_stack.canUndo()


def test_import_an_xlsx_through_the_mapping_preview(qtbot, window, tmp_path):
    from baocao.ui.tables.tools import open_import

    editor = window.table_editor
    dialog = open_import(editor, write_pl01_xlsx(tmp_path / "pl01.xlsx"))
    assert dialog is not None and dialog.isVisible()
    mapped = {dialog.source.headers[i]: k for i, k in dialog.mapping().items()}
    assert mapped["Đã hoàn thành/Quá hạn"] == "qua_han_hoan_thanh"        # merged group header → its column
    assert dialog.preview.rowCount() == 4 and dialog.preview.item(0, 0).text() == UNITS[0][0]
    assert "dòng 10" in dialog.status.text()                               # the file's own total row left out
    dialog.set_mapping("Chưa hoàn thành/Quá hạn", "")                     # the drafter leaves a column out …
    assert dialog.preview.item(0, 4).text() == ""
    dialog.set_mapping("Chưa hoàn thành/Quá hạn", "qua_han_chua")         # … and puts it back
    dialog.ok_button.click()
    rows = window.session.draft.tables["nhiem-vu-theo-don-vi"]
    assert [r["don_vi"] for r in rows] == [u[0] for u in UNITS]
    assert editor.model.rowCount() == len(UNITS) + 1
    assert window.controller.undo_stack.undoText().endswith("Nhập bảng từ tệp")
    window.controller.undo_stack.undo()
    assert len(window.session.draft.tables["nhiem-vu-theo-don-vi"]) == 16


def test_the_mapping_preview_refuses_a_file_with_a_bad_cell(qtbot, window, tmp_path):
    from baocao.ui.tables.tools import open_import

    dialog = open_import(window.table_editor, write_pl01_xlsx(tmp_path / "bad.xlsx", bad="mười"))
    assert not dialog.ok_button.isEnabled()
    assert "Dòng 7, cột D «Đã hoàn thành/Đúng hạn»: «mười»" in dialog.status.text()
    assert dialog.result_rows() is None
    dialog.reject()
    assert len(window.session.draft.tables["nhiem-vu-theo-don-vi"]) == 16


def test_rows_move_with_the_shortcut_and_the_cursor_follows(qtbot, window):
    editor = window.table_editor
    model, view, col = editor.model, editor.view, _columns(window.table_editor)
    first, second = (r["don_vi"] for r in window.session.draft.tables["nhiem-vu-theo-don-vi"][:2])
    view.setFocus()
    view.setCurrentIndex(model.index(0, col["don_vi"]))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    rows = window.session.draft.tables["nhiem-vu-theo-don-vi"]
    assert [rows[0]["don_vi"], rows[1]["don_vi"]] == [second, first]
    assert view.currentIndex().row() == 1
    editor.up_button.click()
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"][0]["don_vi"] == first
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"][0]["don_vi"] == first
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"][1] == {}        # a row under the current one


def test_computed_rate_is_read_only_and_the_note_is_one_undo_step(qtbot, window):
    editor = window.table_editor
    model, col = editor.model, _columns(window.table_editor)
    rate = model.index(len(model.rows), col["ty_le"])
    assert model.data(rate) == "88,3"                                    # the rate of the totals, 1 decimal
    assert not model.flags(model.index(0, col["ty_le"])) & Qt.ItemFlag.ItemIsEditable
    editor.note.setText("Số liệu tính đến ngày 15/6/2021.")
    editor.note.editingFinished.emit()
    assert window.session.draft.extras["bang"] == {"ghi_chu": {"nhiem-vu-theo-don-vi": "Số liệu tính đến ngày 15/6/2021."}}
    window.controller.undo_stack.undo()
    QApplication.processEvents()
    assert "bang" not in window.session.draft.extras
    assert editor.note.text() == ""


def test_screenshot_of_the_table_editor(qtbot, window, tmp_path):
    window.select("phu-luc:phu-luc-02")
    editor = window.table_editor
    QApplication.processEvents()
    path = tmp_path / "bang.png"
    assert editor.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_ctrl_v_of_a_block_inside_an_open_cell_editor_pastes_the_block(qtbot, window):
    editor = window.table_editor
    model, view, col = editor.model, editor.view, _columns(window.table_editor)
    view.setFocus()
    view.setCurrentIndex(model.index(2, col["dung_han"]))
    view.edit(model.index(2, col["dung_han"]))
    QApplication.processEvents()
    line = QApplication.focusWidget()
    assert line is not view and line.inherits("QLineEdit")
    QGuiApplication.clipboard().setText("140\t7\t18\t1\n")
    qtbot.keyClick(line, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.session.draft.tables["nhiem-vu-theo-don-vi"][2].get("dung_han") == 140)
    row = window.session.draft.tables["nhiem-vu-theo-don-vi"][2]
    assert (row["qua_han_hoan_thanh"], row["trong_han"], row["qua_han_chua"]) == (7, 18, 1)


def test_typing_on_a_computed_cell_says_why_and_stays_put(qtbot, window):
    editor = window.table_editor
    model, view, col = editor.model, editor.view, _columns(window.table_editor)
    before = [dict(r) for r in window.session.draft.tables["nhiem-vu-theo-don-vi"]]
    view.setFocus()
    view.setCurrentIndex(model.index(0, col["tong"]))               # «Tổng số nhiệm vụ được giao»: computed
    qtbot.keyClicks(view, "10")
    assert view.currentIndex() == model.index(0, col["tong"])      # no jump to a row starting with "1"
    assert editor.error.isVisible() and "tự tính" in editor.error.text()
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"] == before
