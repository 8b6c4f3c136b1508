"""Sources of tasks in the window (issue 13 item 1): the drop-down in Phụ lục 02, I.1.a following the table.

A source is chosen from the table editor's drop-down, a government-task figure is typed, and the
I.1.a preview (the real preview path: worker render → QTextBrowser) and the fields form (computed
values, read-only, «Tính từ Phụ lục 02 — nguồn …») follow; undo restores both.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton  # noqa: E402

from ui_support import make_window, sample_session  # noqa: E402

TABLE = "nhiem-vu-theo-van-ban"


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, sample_session())


def _col(editor, key: str) -> int:
    return next(i for i, c in enumerate(editor.model.spec.columns) if c.key == key)


def _i1a(window) -> str:
    text = window.preview.toPlainText()
    start = text.index("Về thực hiện nhiệm vụ Chính phủ")
    return text[start:text.index("\n", start)]


def _open_combo(qtbot, editor, row: int, column: int) -> QComboBox:
    index = editor.model.index(row, column)
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    combo = editor.view.viewport().findChild(QComboBox)
    assert combo is not None
    return combo


def test_choose_a_source_change_a_figure_and_i1a_follows_then_undo(qtbot, window, tmp_path):
    qtbot.waitUntil(lambda: "19 nhiệm vụ" in _i1a(window), timeout=15000)
    window.select("phu-luc:phu-luc-02")
    editor = window.table_editor
    model = editor.model
    rows_before = [dict(r) for r in window.session.draft.tables[TABLE]]
    row = next(i for i, r in enumerate(rows_before) if r["van_ban"].startswith("Kế hoạch số 106/KH-UBND"))
    assert model.data(model.index(row, _col(editor, "nguon"))) == "Kế hoạch, quyết định triển khai của UBND tỉnh"

    combo = _open_combo(qtbot, editor, row, _col(editor, "nguon"))
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "(chưa chọn)" and "Nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao (theo Quy chế 42)" in labels
    combo.setCurrentIndex(combo.findData("chinh-phu"))
    combo.activated.emit(combo.currentIndex())                       # what a click on the entry sends
    QApplication.processEvents()
    assert window.session.draft.tables[TABLE][row]["nguon"] == "chinh-phu"
    shown = model.data(model.index(row, _col(editor, "nguon")))
    assert shown == "Nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao (theo Quy chế 42)"

    # a government-task row's figure: 2 → 5 completed (Nghị quyết 01/NQ-CP)
    first = next(i for i, r in enumerate(window.session.draft.tables[TABLE]) if "01/NQ-CP" in r["van_ban"])
    assert model.setData(model.index(first, _col(editor, "hoan_thanh")), "5")
    # 19 + 8 (KH 106 moved in) = 27 assigned, 05 + 8 + 3 = 16 completed
    qtbot.waitUntil(lambda: "là 30 nhiệm vụ" in _i1a(window), timeout=15000)
    sentence = _i1a(window)
    assert "đã hoàn thành 16 nhiệm vụ" in sentence and "chưa hoàn thành 14 nhiệm vụ" in sentence, sentence

    window.select("nhiem-vu-cap-tren")
    form = window.editor.fields
    assert form.notice_text().startswith("Tính từ Phụ lục 02 — nguồn «Nhiệm vụ Chính phủ")
    assert form.computed_text("tong") == "30" and form.computed_text("trong_han") == "14"
    tong = form.widget("tong")
    assert isinstance(tong, QLineEdit) and tong.isReadOnly() and tong.text() == "30"
    grab = window.editor.grab()
    assert grab.save(str(tmp_path / "stats-form.png"))
    grab.save("/tmp/stats-i1a-form.png")

    stack = window.controller.undo_stack
    stack.undo()                                                     # the figure
    stack.undo()                                                     # the source
    QApplication.processEvents()
    assert window.session.draft.tables[TABLE] == rows_before
    qtbot.waitUntil(lambda: "là 19 nhiệm vụ" in _i1a(window), timeout=15000)
    window.select("nhiem-vu-cap-tren")
    assert window.editor.fields.computed_text("tong") == "19"
    assert window.editor.fields.widget("tong").text() == "19"


def test_without_government_rows_the_typed_fields_are_the_fallback_and_the_form_says_so(qtbot, tmp_path):
    session = sample_session()
    draft = session.draft
    draft.tables[TABLE] = [r for r in draft.tables[TABLE] if r.get("nguon") != "chinh-phu"]
    draft.section("nhiem-vu-cap-tren").fields.update({"tong": 21, "hoan_thanh": 6, "trong_han": 15, "qua_han": 0})
    window = make_window(qtbot, tmp_path, session)
    qtbot.waitUntil(lambda: "là 21 nhiệm vụ" in _i1a(window), timeout=15000)
    window.select("nhiem-vu-cap-tren")
    form = window.editor.fields
    assert "chưa có dòng nào của nguồn «Nhiệm vụ Chính phủ" in form.notice_text()
    assert form.computed_text("tong") is None and not form.widget("tong").isReadOnly()
    assert form.widget("tong").text() == "21"
    assert form.notice_button.isHidden()          # one way to the table: the section's own «Sửa Phụ lục 02 →»
    buttons = [w for w in window.editor.findChildren(QPushButton) if "Phụ lục 02" in w.text() and w.isVisible()]
    assert len(buttons) == 1, [b.text() for b in buttons]
    window.editor.linked_appendix_ids = []        # a pack whose section does not link the table: the notice does
    from baocao.ui.tables.figures_link import refresh_link
    refresh_link(window, form)
    assert not form.notice_button.isHidden() and form.notice_button.text() == "Mở Phụ lục 02"
    buttons[0].click()
    assert window.current_key == "phu-luc:phu-luc-02"
    assert window.stack.currentWidget() is window.table_editor


def test_screenshot_of_the_source_drop_down(qtbot, window):
    window.select("phu-luc:phu-luc-02")
    editor = window.table_editor
    combo = _open_combo(qtbot, editor, 0, _col(editor, "nguon"))
    combo.showPopup()
    QApplication.processEvents()
    assert combo.view().isVisible()
    assert window.grab().save("/tmp/stats-table-dropdown.png")
    assert combo.view().window().grab().save("/tmp/stats-dropdown-popup.png")
    combo.hidePopup()
    editor.view.closePersistentEditor(editor.model.index(0, _col(editor, "nguon")))
    assert Qt.ItemFlag.ItemIsEditable & editor.model.flags(editor.model.index(0, _col(editor, "nguon")))
