"""In the window: a figure that does not fully parse is kept as typed, shown red with the fix, and blocks export.

Each case checks three things: what the draft stores, what the drafter sees
(the text in the field, the red hint, the section's findings) and what export
does (refuses, writes nothing).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: E402,F401

DOCS_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"

DECIMAL_PACK = """
[pack]
id = "so-lieu-thap-phan"
name = "Thử số thập phân"

[[sections]]
id = "von"
title = "Giải ngân vốn đầu tư công"
template = "von.j2"

  [[sections.fields]]
  key = "giai_ngan"
  label = "Vốn đã giải ngân (tỷ đồng)"
  type = "decimal"
  min = 0
"""


@pytest.fixture
def window(qtbot, tmp_path):
    session = sample_session()
    table = session.draft.tables["nhiem-vu-theo-van-ban"]   # no government rows in Phụ lục 02: the figures of
    table[:] = [r for r in table if r.get("nguon") != "chinh-phu"]   # I.1.a are typed (else computed, read-only)
    return make_window(qtbot, tmp_path, session)


def _type_into_field(qtbot, form, key: str, text: str) -> None:
    field = form.widget(key)
    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, text)


def _findings_texts(window) -> list[str]:
    window._refresh_findings()
    tab = window.editor.findings
    return [tab.item(i).text() for i in range(tab.count())]


def _export_refused(window, tmp_path, message_boxes) -> None:
    out = tmp_path / "khong-duoc-xuat.docx"
    assert window.controller.export("docx", out) is False
    assert not out.exists()
    title, text = message_boxes.shown[-1][1:]
    assert title == "Chưa xuất được tệp" and "không đọc được" in text


@pytest.mark.parametrize("typed, hint", [
    ("2,573", "Dùng dấu chấm để tách hàng nghìn: 2.573"),
    ("12a", "chỉ nhận con số"),
    ("1.234,5", "số nguyên"),
])
def test_bad_count_is_kept_shown_red_and_blocks_export(qtbot, window, tmp_path, message_boxes, typed, hint):
    window.select("nhiem-vu-cap-tren")
    form = window.editor.fields
    _type_into_field(qtbot, form, "tong", typed)
    fields = window.session.draft.section("nhiem-vu-cap-tren").fields
    assert fields["tong"] == typed                                   # stored as typed, never a prefix such as 2
    assert hint in form.error_text("tong")
    assert form.widget("tong").property("invalid") is True
    assert any(typed in t and "Lỗi" in t for t in _findings_texts(window))
    window.select("phoi-hop")                                        # leave the section and come back
    window.select("nhiem-vu-cap-tren")
    assert form.widget("tong").text() == typed and hint in form.error_text("tong")
    _export_refused(window, tmp_path, message_boxes)
    _type_into_field(qtbot, form, "tong", "2.573")
    assert fields["tong"] == 2573 and form.error_text("tong") == ""
    assert form.widget("tong").property("invalid") is False


def test_bad_decimal_is_kept_and_blocks_export(qtbot, tmp_path, make_pack, message_boxes):
    from baocao.drafts import new_draft
    from baocao.session import DraftSession

    pack = make_pack(DECIMAL_PACK, {"von.j2": "<p>Đã giải ngân {{ truong.giai_ngan | so }} tỷ đồng.</p>"})
    window = make_window(qtbot, tmp_path, DraftSession.new(pack, new_draft(pack)))
    window.select("von")
    form = window.editor.fields
    _type_into_field(qtbot, form, "giai_ngan", "1,234.5")
    assert window.session.draft.section("von").fields["giai_ngan"] == "1,234.5"
    assert "1.234,5" in form.error_text("giai_ngan")
    _export_refused(window, tmp_path, message_boxes)
    _type_into_field(qtbot, form, "giai_ngan", "1.428,5")
    assert window.session.draft.section("von").fields["giai_ngan"] == 1428.5
    form.widget("giai_ngan").clearFocus()
    QApplication.processEvents()
    assert form.error_text("giai_ngan") == ""


def test_bad_table_cell_is_kept_red_not_summed_and_blocks_export(qtbot, window, tmp_path, message_boxes):
    window.select("phu-luc:phu-luc-01")
    editor = window.table_editor
    model, view = editor.model, editor.view
    col = {c.key: i for i, c in enumerate(model.spec.columns)}
    total_before = model.data(model.index(len(model.rows), col["dung_han"]))
    view.setFocus()
    view.setCurrentIndex(model.index(0, col["dung_han"]))
    for char in "2,5":                                     # the first key opens the cell editor
        qtbot.keyClicks(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()                           # the cell editor commits on the next loop pass
    rows = window.session.draft.tables["nhiem-vu-theo-don-vi"]
    assert rows[0]["dung_han"] == "2,5"                    # not 2, not 2.5 tasks
    index = model.index(0, col["dung_han"])
    assert model.data(index) == "2,5"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "Phải là số nguyên (không có phần thập phân)."
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert "Dòng 1" in editor.error.text() and "«2,5»" in editor.error.text()
    assert model.data(model.index(len(model.rows), col["dung_han"])) != total_before     # 258 left the sum
    _export_refused(window, tmp_path, message_boxes)
    window.controller.undo_stack.undo()
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] == 258
    assert editor.error.isHidden()


def test_tab_moves_through_the_cells_a_drafter_fills(qtbot, window):
    window.select("phu-luc:phu-luc-01")
    editor = window.table_editor
    model, view = editor.model, editor.view
    col = {c.key: i for i, c in enumerate(model.spec.columns)}
    view.setFocus()
    view.setCurrentIndex(model.index(0, col["don_vi"]))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == col["dung_han"]       # "Tổng số" is computed: skipped
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.currentIndex().column() == col["don_vi"]
    view.setCurrentIndex(model.index(0, col["qua_han_chua"]))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, col["don_vi"])


def test_screenshot_of_a_rejected_value(qtbot, window, tmp_path):
    """The field with a rejected figure, as the drafter sees it (docs/images with BAOCAO_SCREENSHOTS=1)."""
    out_dir = DOCS_IMAGES if os.environ.get("BAOCAO_SCREENSHOTS") == "1" else tmp_path
    window.select("nhiem-vu-cap-tren")
    _type_into_field(qtbot, window.editor.fields, "tong", "2,573")
    window._refresh_findings()
    window.editor.tabs.setCurrentWidget(window.editor.findings)
    QApplication.processEvents()
    shot = window.editor.grab()
    assert shot.save(str(out_dir / "ui-so-lieu-sai.png"))
    image = shot.toImage()
    reds = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).name() in ("#b00020", "#fdecea"))
    assert reds > 50, "the rejected value is not shown in red"
