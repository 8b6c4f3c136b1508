"""Appendix tables (issue 13 item 3): formulas, exact decimals, half-up rounding, groups, notes, paste."""

from __future__ import annotations

from decimal import Decimal

import pytest

from baocao.docmodel import Paragraph, Table
from baocao.errors import TemplateError
from baocao.render.tables import build_table, table_blocks
from baocao.tables.cells import format_cell, read_cell
from baocao.tables.compute import compute_table
from baocao.tables.formula import DIVISION_BY_ZERO, FormulaError, parse_formula
from baocao.tables.paste import PasteError, paste_block, split_block
from baocao.template.manifest import ColumnSpec, TableSpec


def _spec(**table) -> TableSpec:
    columns = [
        ColumnSpec("stt", "STT", "stt"),
        ColumnSpec("khoi", "Khối", "text"),
        ColumnSpec("don_vi", "Đơn vị", "text"),
        ColumnSpec("tong", "Tổng số", "integer", sum_of=["xong", "chua"], total=True),
        ColumnSpec("xong", "Đã hoàn thành", "integer", total=True),
        ColumnSpec("chua", "Chưa hoàn thành", "integer", total=True),
        ColumnSpec("ty_le", "Tỷ lệ (%)", "decimal", formula="xong / tong * 100", decimals=1, total=True),
        ColumnSpec("kinh_phi", "Kinh phí (triệu đồng)", "decimal", decimals=1, total=True),
    ]
    return TableSpec("bang", columns, **table)


# ------------------------------------------------------------------ formulas
def test_formula_precedence_parentheses_and_keys():
    formula = parse_formula("(a + b) / c * 100 - -2")
    assert formula.keys == {"a", "b", "c"}
    assert formula.evaluate({"a": Decimal(1), "b": Decimal(2), "c": Decimal(4)}) == Decimal(77)


@pytest.mark.parametrize("text, where", [
    ("a +", "ở cuối"), ("a $ b", "«$»"), ("((a)", "«)»"), ("a b", "«b»"), ("", "để trống"),
    ("__import__('os').system('x')", "«'»"), ("a ** 2", "«*»"), ("1e5", "«e5»"),
])
def test_bad_formulas_are_refused_in_vietnamese_without_eval(text, where):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    assert where in info.value.message


def test_division_by_zero_is_dash_not_an_error_and_empty_rows_stay_empty():
    formula = parse_formula("xong / tong * 100")
    assert formula.evaluate({"xong": Decimal(3), "tong": Decimal(0)}) is DIVISION_BY_ZERO
    assert formula.evaluate({}) is None                        # nothing typed: empty, not 0 %
    assert format_cell(ColumnSpec("t", "T", "decimal", formula="a/b", decimals=1), DIVISION_BY_ZERO) == "-"


# ------------------------------------------------------------------ cells
def test_decimal_cells_are_stored_exactly_and_shown_with_the_columns_decimals():
    column = ColumnSpec("kinh_phi", "Kinh phí", "decimal", decimals=1)
    cell = read_cell(column, "173.235,0")
    assert cell.ok and cell.stored == "173235,0"                # text, not a float
    assert format_cell(column, Decimal("173235.0")) == "173.235,0"
    assert read_cell(column, 0.1).stored == "0,1"               # a float from Excel: 15 digits, no 0.1000000000000000055
    assert read_cell(ColumnSpec("n", "N", "integer"), "2.573").stored == 2573


@pytest.mark.parametrize("value, shown", [("0.05", "0,1"), ("2.25", "2,3"), ("2.35", "2,4"), ("88.149", "88,1"),
                                          ("1234567.25", "1.234.567,3")])
def test_rounding_is_half_up(value, shown):
    assert format_cell(ColumnSpec("x", "X", "decimal", decimals=1), Decimal(value)) == shown


def test_bad_cells_keep_the_text_and_say_why():
    cell = read_cell(ColumnSpec("n", "Số", "integer"), "2,5")
    assert not cell.ok and cell.stored == "2,5" and "số nguyên" in cell.error


# ------------------------------------------------------------------ compute, groups, render
ROWS = [
    {"khoi": "Sở, ngành", "don_vi": "Sở Tài chính", "xong": 228, "chua": 42, "kinh_phi": "173235,0"},
    {"khoi": "Xã, phường", "don_vi": "Phường Nam Gia Nghĩa", "xong": 50, "chua": 0, "kinh_phi": "10,25"},
    {"khoi": "Sở, ngành", "don_vi": "Sở Nội vụ", "xong": 134, "chua": 26},
    {"khoi": "Xã, phường", "don_vi": "Xã Quảng Sơn", "xong": 0, "chua": 0},
]


def test_rate_of_the_total_is_computed_on_the_totals_not_summed():
    result = compute_table(_spec(), ROWS)
    assert result.rows[0]["tong"] == 270 and format_cell(_spec().column("ty_le"), result.rows[0]["ty_le"]) == "84,4"
    assert result.rows[3]["ty_le"] is DIVISION_BY_ZERO
    assert result.totals["tong"] == 480 and result.totals["xong"] == 412
    assert result.totals["ty_le"] == Decimal(412) / Decimal(480) * 100       # 85,83… → "85,8"


def test_groups_get_a_heading_and_a_subtotal_then_the_grand_total():
    table = build_table(_spec(group_by="khoi"), ROWS)
    assert [c.key for c in table.columns] == ["stt", "don_vi", "tong", "xong", "chua", "ty_le", "kinh_phi"]
    assert table.rows == [
        ["I", "Sở, ngành", "", "", "", "", ""],
        ["1", "Sở Tài chính", "270", "228", "42", "84,4", "173.235,0"],
        ["3", "Sở Nội vụ", "160", "134", "26", "83,8", ""],
        ["", "Cộng", "430", "362", "68", "84,2", "173.235,0"],
        ["II", "Xã, phường", "", "", "", "", ""],
        ["2", "Phường Nam Gia Nghĩa", "50", "50", "0", "100,0", "10,3"],
        ["4", "Xã Quảng Sơn", "0", "0", "0", "-", ""],
        ["", "Cộng", "50", "50", "0", "100,0", "10,3"],
    ]
    assert table.subtotal_rows == [0, 3, 4, 7]
    assert table.total_row == ["", "Tổng cộng", "480", "412", "68", "85,8", "173.245,3"]


def test_a_note_goes_under_the_table_pack_note_then_the_drafts():
    blocks = table_blocks(_spec(note="Số liệu tính đến 15/6."), ROWS, "Không kê nhiệm vụ mật.")
    assert isinstance(blocks[0], Table) and isinstance(blocks[1], Paragraph)
    assert blocks[1].plain_text() == "Ghi chú: Số liệu tính đến 15/6. Không kê nhiệm vụ mật."
    assert len(table_blocks(_spec(), ROWS)) == 1


# ------------------------------------------------------------------ the pack's keys
TABLE_MANIFEST = """
[pack]
id = "goi-thu"
name = "Gói thử"
[[sections]]
id = "mot"
title = "Một"
[[tables]]
id = "bang"
{table}
  [[tables.columns]]
  key = "ten"
  header = "Tên"
  [[tables.columns]]
  key = "a"
  header = "A"
  type = "integer"
  [[tables.columns]]
  key = "b"
  header = "B"
  type = "decimal"
{column}
"""


def test_pack_formula_decimals_and_group_by_load(make_pack):
    pack = make_pack(TABLE_MANIFEST.format(table='group_by = "ten"\nnote = "Ghi chú mẫu."',
                                           column='  formula = "a / 2"\n  decimals = 2'))
    column = pack.tables["bang"].column("b")
    assert column.formula == "a / 2" and column.decimals == 2 and column.computed
    assert pack.tables["bang"].group_by == "ten" and pack.tables["bang"].subtotal_label == "Cộng"


@pytest.mark.parametrize("table, column, words", [
    ("", '  formula = "a / khong_co"', "khong_co"),
    ("", '  formula = "a / ten"', "không phải số"),
    ("", '  formula = "a +"', "ở cuối"),
    ("", '  formula = "b + 1"', "vòng quanh"),
    ("", '  decimals = 9', "từ 0 đến 6"),
    ('group_by = "a"', "", "cột chữ"),
])
def test_pack_mistakes_in_tables_are_named(make_pack, table, column, words):
    with pytest.raises(TemplateError) as info:
        make_pack(TABLE_MANIFEST.format(table=table, column=column))
    assert words in info.value.message and "bang" in info.value.message


# ------------------------------------------------------------------ paste
PASTE_SPEC = _spec()


def test_excel_block_is_pasted_onto_the_input_columns_vietnamese_numbers():
    text = "Sở, ngành\tSở Y tế\t127\t23\t1.234,5\r\nSở, ngành\tSở Xây dựng\t144\t31\t\r\n"
    assert split_block(text)[1] == ["Sở, ngành", "Sở Xây dựng", "144", "31", ""]
    result = paste_block(PASTE_SPEC, ROWS[:1], text, 1, 1)
    assert result.rows[0] == ROWS[0]
    assert result.rows[1] == {"khoi": "Sở, ngành", "don_vi": "Sở Y tế", "xong": 127, "chua": 23, "kinh_phi": "1234,5"}
    assert result.rows[2]["don_vi"] == "Sở Xây dựng" and "kinh_phi" not in result.rows[2]
    assert (result.first_row, result.row_count) == (1, 2)


def test_a_whole_table_copied_lands_column_for_column_skipping_computed_cells():
    text = "1\tSở, ngành\tSở Y tế\t150\t127\t23\t84,7\t5,5\n"
    result = paste_block(PASTE_SPEC, [], text, 0, 0)
    assert result.rows == [{"khoi": "Sở, ngành", "don_vi": "Sở Y tế", "xong": 127, "chua": 23, "kinh_phi": "5,5"}]


def test_a_bad_cell_refuses_the_whole_paste_naming_row_and_column():
    text = "Sở, ngành\tSở Y tế\t127\t23\nSở, ngành\tSở Xây dựng\t1,234.5\t31\n"
    with pytest.raises(PasteError) as info:
        paste_block(PASTE_SPEC, list(ROWS), text, 0, 1)
    assert info.value.message.startswith("Dòng 2, cột «Đã hoàn thành»: «1,234.5»")
    assert "Chưa dán gì" in info.value.message
    with pytest.raises(PasteError, match="chỉ còn"):
        paste_block(PASTE_SPEC, [], "a\tb\tc\td\te\tf\tg\n", 0, 5)
