"""QA pass of the appendix table editor: a drafter fills rows with the keyboard only, at 1366×768.

Keys go to the window (``QTest`` on its QWindow), so Qt routes them as it routes a real keyboard:
to the focused cell editor, or to the list of a drop-down while it is open.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QRect, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui_support import make_window, sample_session  # noqa: E402

PL01, PL02 = "nhiem-vu-theo-don-vi", "nhiem-vu-theo-van-ban"
CHOICES_OF_THE_PACK = "«chinh-phu» Nhiệm vụ Chính phủ"


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())          # 1366×768
    window.select("phu-luc:phu-luc-02")
    QApplication.processEvents()
    return window


def _col(editor, key: str) -> int:
    return next(i for i, c in enumerate(editor.model.spec.columns) if c.key == key)


def _key(window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window.windowHandle(), key, modifiers)
    QApplication.processEvents()


def _type(window, text: str) -> None:
    """Type *text* key by key (Vietnamese letters as the character a Unikey-style input sends)."""
    for char in text:
        if char == " ":
            _key(window, Qt.Key.Key_Space)
        elif char.isascii():
            _key(window, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, window.windowHandle(), Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)
            QApplication.processEvents()


def _go(window, row: int, key: str) -> None:
    editor = window.table_editor
    editor.view.setFocus()
    editor.view.setCurrentIndex(editor.model.index(row, _col(editor, key)))
    QApplication.processEvents()


def _rows(window, table: str = PL02) -> list[dict]:
    return window.session.draft.tables[table]


def _at(window) -> tuple[int, str]:
    editor = window.table_editor
    current = editor.view.currentIndex()
    return current.row(), editor.model.spec.columns[current.column()].key


# ---------------------------------------------------------------- 1. the source of a task, typed
def test_digits_typed_after_tab_into_the_source_pick_the_source_they_name(qtbot, window):
    _go(window, 1, "van_ban")
    _key(window, Qt.Key.Key_Tab)                                      # into «Nguồn nhiệm vụ»
    assert _at(window) == (1, "nguon")
    _type(window, "42")                                               # «… (theo Quy chế 42)»
    assert QApplication.focusWidget().currentText() == "42"          # shown as typed, not swallowed
    _key(window, Qt.Key.Key_Tab)
    assert _rows(window)[1]["nguon"] == "chinh-phu"
    assert _at(window) == (1, "hoan_thanh")                           # on to the next cell typed into


@pytest.mark.parametrize("typed, expected", [("tinh uy", "tinh-uy-hdnd"), ("Ý kiến chỉ đạo", "chi-dao"),
                                             ("chương trình", "chuong-trinh")])
def test_a_few_letters_with_or_without_diacritics_pick_the_source(qtbot, window, typed, expected):
    _go(window, 0, "van_ban")
    _key(window, Qt.Key.Key_Tab)
    _type(window, typed)
    popup = QApplication.activePopupWidget()                          # the sources that contain the text
    assert popup is not None and popup.model().rowCount() == 1
    _key(window, Qt.Key.Key_Tab)
    assert _rows(window)[0]["nguon"] == expected


def test_pick_among_several_matches_with_the_arrow_keys(qtbot, window):
    _go(window, 0, "van_ban")
    _key(window, Qt.Key.Key_Tab)
    _type(window, "ubnd")                                             # three sources name «UBND tỉnh»
    popup = QApplication.activePopupWidget()
    assert [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())] == [
        "Chương trình công tác năm của UBND tỉnh", "Kế hoạch, quyết định triển khai của UBND tỉnh",
        "Ý kiến chỉ đạo của Chủ tịch, các Phó Chủ tịch UBND tỉnh"]
    assert popup.width() > window.table_editor.view.columnWidth(_col(window.table_editor, "nguon"))   # not cut
    _key(window, Qt.Key.Key_Down)
    _key(window, Qt.Key.Key_Down)
    _key(window, Qt.Key.Key_Return)
    assert _rows(window)[0]["nguon"] == "ke-hoach"


def test_tab_stores_the_highlighted_match_and_moves_on(qtbot, window):
    _go(window, 0, "van_ban")
    _key(window, Qt.Key.Key_Tab)
    _type(window, "ubnd")
    _key(window, Qt.Key.Key_Down)                                     # the first of the three
    _key(window, Qt.Key.Key_Tab)
    assert _rows(window)[0]["nguon"] == "chuong-trinh"
    assert _at(window) == (0, "hoan_thanh")
    assert QApplication.activePopupWidget() is None


def test_a_text_that_names_no_source_is_kept_red_with_the_list_of_sources(qtbot, window):
    _go(window, 2, "van_ban")
    _key(window, Qt.Key.Key_Tab)
    _type(window, "99")
    _key(window, Qt.Key.Key_Tab)
    assert _rows(window)[2]["nguon"] == "99"                          # kept, not lost
    editor = window.table_editor
    index = editor.model.index(2, _col(editor, "nguon"))
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert "«99»" in editor.error.text() and CHOICES_OF_THE_PACK in editor.error.text()


def test_arrow_keys_on_the_source_move_through_the_table_and_leave_the_sources_alone(qtbot, window):
    before = [row.get("nguon") for row in _rows(window)]
    _go(window, 0, "nguon")
    _key(window, Qt.Key.Key_Down)
    _key(window, Qt.Key.Key_Down)
    assert _at(window) == (2, "nguon")
    _key(window, Qt.Key.Key_Up)
    _key(window, Qt.Key.Key_Escape)
    assert _at(window) == (1, "nguon")
    assert [row.get("nguon") for row in _rows(window)] == before


def test_typed_choice_rules():
    from baocao.template import load_pack
    from baocao.ui.tables.choice_editor import matching_keys, typed_choice

    column = next(c for c in load_pack("bao-cao-6-thang").tables[PL02].columns if c.key == "nguon")
    assert typed_choice(column, "Quy chế 42") == "chinh-phu"                 # an alias
    assert typed_choice(column, "ke hoach") == "ke-hoach"                    # no diacritics
    assert typed_choice(column, "KẾ HOẠCH") == "ke-hoach"
    assert typed_choice(column, "(chưa chọn)") == "" and typed_choice(column, "  ") == ""
    assert matching_keys(column, "chi") == ["chinh-phu", "chi-dao"]
    assert typed_choice(column, "chi") == "chi"                               # two sources: kept as typed


# ---------------------------------------------------------------- 2. the header at 1366×768
def _text_height(header, text: str, width: int) -> int:
    bounds = QRect(0, 0, max(1, width - 4), 100_000)
    return header.fontMetrics().boundingRect(bounds, int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
                                             text).height()


@pytest.mark.parametrize("appendix", ["phu-luc:phu-luc-01", "phu-luc:phu-luc-02"])
def test_headers_at_1366_show_every_label_whole_and_the_tooltip_holds_it(qtbot, window, appendix):
    window.select(appendix)
    QApplication.processEvents()
    editor = window.table_editor
    header, spec = editor.view.horizontalHeader(), editor.model.spec
    QApplication.processEvents()
    for index, column in enumerate(spec.columns):
        members = [i for i, c in enumerate(spec.columns) if column.group and c.group == column.group]
        band = _text_height(header, column.group, sum(header.sectionSize(i) for i in members)) if members else 0
        own = _text_height(header, column.header, header.sectionSize(index))
        assert band + own <= header.height(), (column.header, band, own, header.height())
        assert (header.group(index), header.label(index)) == (column.group or "", column.header)   # band + own
        tip = editor.model.headerData(index, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip == (f"{column.group} – {column.header}" if column.group else column.header)
    assert window.grab().save(f"/tmp/{appendix.split(':')[1]}-header-1366.png")


def test_a_narrower_column_makes_the_header_taller(qtbot, window):
    window.select("phu-luc:phu-luc-01")
    QApplication.processEvents()
    editor = window.table_editor
    header = editor.view.horizontalHeader()
    before = header.height()
    column = _col(editor, "trong_han")                                 # «Chưa hoàn thành – Còn trong hạn»
    editor.view.setColumnWidth(column, 34)
    qtbot.waitUntil(lambda: header.height() > before)
    assert _text_height(header, "Còn trong hạn", 34) < header.height()
    assert editor.view.visualRect(editor.model.index(0, 0)).top() >= 0      # rows start under the header


# ---------------------------------------------------------------- 3. keyboard-only filling
def test_enter_stores_the_cell_and_goes_down_shift_enter_up(qtbot, window):
    _go(window, 0, "hoan_thanh")
    _type(window, "7")
    _key(window, Qt.Key.Key_Return)
    assert _rows(window)[0]["hoan_thanh"] == 7
    assert _at(window) == (1, "hoan_thanh")
    _type(window, "6")
    _key(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert _rows(window)[1]["hoan_thanh"] == 6
    assert _at(window) == (0, "hoan_thanh")


def test_tab_on_the_last_cell_adds_a_row_and_leaves_an_empty_last_row(qtbot, window):
    last = len(_rows(window)) - 1
    _go(window, last, "ghi_chu")
    _type(window, "Đang thực hiện")
    _key(window, Qt.Key.Key_Tab)
    assert _rows(window)[last]["ghi_chu"] == "Đang thực hiện"
    assert len(_rows(window)) == last + 2 and _rows(window)[-1] == {}
    assert _at(window) == (last + 1, "van_ban")                      # the new row's first cell
    _go(window, last + 1, "ghi_chu")
    _key(window, Qt.Key.Key_Escape)
    _key(window, Qt.Key.Key_Tab)                                       # the new row is still empty: leave
    assert len(_rows(window)) == last + 2
    assert not window.table_editor.view.hasFocus()


def test_delete_empties_the_selected_cells_in_one_undo_step(qtbot, window):
    window.select("phu-luc:phu-luc-01")
    QApplication.processEvents()
    editor = window.table_editor
    model, view = editor.model, editor.view
    before = [dict(r) for r in _rows(window, PL01)]
    _go(window, 0, "dung_han")
    _key(window, Qt.Key.Key_Escape)                                    # no cell being edited
    selection = QItemSelection(model.index(0, _col(editor, "tong")), model.index(1, _col(editor, "qua_han_hoan_thanh")))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    _key(window, Qt.Key.Key_Delete)
    rows = _rows(window, PL01)
    assert all("dung_han" not in r and "qua_han_hoan_thanh" not in r for r in rows[:2])
    assert rows[0]["trong_han"] == before[0]["trong_han"] and rows[2] == before[2]
    assert "4 ô" in editor.error.text() and "2 ô tự tính" in editor.error.text()
    window.controller.undo_stack.undo()
    assert _rows(window, PL01) == before


def test_after_a_paste_the_block_is_selected_and_the_cursor_stays(qtbot, window):
    editor = window.table_editor
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n")
    _go(window, 2, "hoan_thanh")
    _key(window, Qt.Key.Key_Escape)
    _key(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert (_rows(window)[3]["hoan_thanh"], _rows(window)[3]["ht_qua_han"]) == (3, 4)
    assert _at(window) == (2, "hoan_thanh")
    selected = {(i.row(), editor.model.spec.columns[i.column()].key) for i in editor.view.selectedIndexes()}
    assert selected == {(2, "hoan_thanh"), (2, "ht_qua_han"), (3, "hoan_thanh"), (3, "ht_qua_han")}


def test_a_text_cell_too_narrow_for_its_text_has_it_whole_in_the_tooltip(qtbot, window):
    editor = window.table_editor
    row = _rows(window)[0]
    assert editor.model.index(0, _col(editor, "van_ban")).data(Qt.ItemDataRole.ToolTipRole) == row["van_ban"]
    source = editor.model.index(0, _col(editor, "nguon")).data(Qt.ItemDataRole.ToolTipRole)
    assert source == "Nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao (theo Quy chế 42)"


def test_rows_of_long_texts_stay_a_few_lines_tall_so_the_table_stays_in_sight(qtbot, window):
    editor = window.table_editor
    view = editor.view
    view.resizeRowsToContents()                                        # what the pane does when it fits the columns
    cap = 4 * view.fontMetrics().lineSpacing() + 6
    heights = [view.rowHeight(row) for row in range(editor.model.rowCount())]
    assert max(heights) <= cap, heights
    assert sum(heights[:5]) < view.viewport().height()                 # five rows at least fit in the pane at 1366×768
    index = editor.model.index(0, _col(editor, "van_ban"))
    assert index.data(Qt.ItemDataRole.ToolTipRole) == _rows(window)[0]["van_ban"]     # the rest is in the tooltip
