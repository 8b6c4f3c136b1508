"""Vietnamese number, date, label and period formatting."""

from datetime import date
from decimal import Decimal

import pytest

from baocao.formatting import (
    format_citation_date, format_date_line, format_number, next_period_phrase, parse_number, part_ordinal,
    period_phrase, point_letter, roman,
)


@pytest.mark.parametrize("value, expected", [
    (2573, "2.573"), (19641, "19.641"), (1428, "1.428"), (1428.5, "1.428,5"), ("1428,5", "1.428,5"),
    (Decimal("0.25"), "0,25"), (0, "0"), (1234567, "1.234.567"), (-4891, "-4.891"), (None, ""), ("", ""),
])
def test_numbers_use_dot_for_thousands_and_comma_for_decimals(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize("value, expected", [(5, "05"), (0, "00"), (9, "09"), (10, "10"), (122, "122"), (2573, "2.573")])
def test_small_counts_take_a_leading_zero_when_asked(value, expected):
    assert format_number(value, pad=2) == expected


def test_fixed_decimals():
    assert format_number(2750, decimals=2) == "2.750,00"


@pytest.mark.parametrize("text, expected", [
    ("2.573", Decimal(2573)), ("19.641.000", Decimal(19641000)), ("1.428,5", Decimal("1428.5")),
    ("3,25", Decimal("3.25")), (" 12 ", Decimal(12)), ("0.5", Decimal("0.5")),
])
def test_numbers_typed_the_vietnamese_way_are_read(text, expected):
    assert parse_number(text) == expected


def test_not_a_number_is_refused():
    with pytest.raises(ValueError):
        parse_number("mười hai")


@pytest.mark.parametrize("day, expected", [
    (date(2021, 7, 5), "ngày 05 tháng 7 năm 2021"),
    (date(2021, 1, 12), "ngày 12 tháng 01 năm 2021"),
    (date(2021, 2, 8), "ngày 08 tháng 02 năm 2021"),
    (date(2021, 12, 31), "ngày 31 tháng 12 năm 2021"),
    (date(2021, 3, 10), "ngày 10 tháng 3 năm 2021"),
])
def test_date_line_zero_only_for_days_below_10_and_months_1_2(day, expected):
    assert format_date_line(day) == expected


def test_date_line_with_place():
    assert format_date_line(date(2021, 7, 5), "Đắk Nông") == "Đắk Nông, ngày 05 tháng 7 năm 2021"


@pytest.mark.parametrize("day, style, expected", [
    (date(2021, 1, 12), "nd30", "12/01/2021"), (date(2021, 5, 24), "nd30", "24/5/2021"),
    (date(2021, 4, 1), "nd30", "01/4/2021"), (date(2021, 5, 24), "dd/mm/yyyy", "24/05/2021"),
])
def test_citation_dates(day, style, expected):
    assert format_citation_date(day, style) == expected


def test_point_letters_follow_vietnamese_order_with_d_stroke():
    letters = [point_letter(i) for i in range(1, 12)]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l"]
    assert "f" not in [point_letter(i) for i in range(1, 24)]
    assert point_letter(24) == "aa"


def test_roman_and_part_ordinals():
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14, 40)] == ["I", "II", "III", "IV", "IX", "XIV", "XL"]
    assert [part_ordinal(n) for n in (1, 2, 3, 4)] == ["Phần thứ nhất", "Phần thứ hai", "Phần thứ ba", "Phần thứ tư"]


@pytest.mark.parametrize("kind, quarter, now, nxt", [
    ("6-thang-dau", None, "6 tháng đầu năm 2021", "6 tháng cuối năm 2021"),
    ("ca-nam", None, "năm 2021", "năm 2022"),
    ("quy", 2, "quý II năm 2021", "quý III năm 2021"),
    ("quy", 4, "quý IV năm 2021", "quý I năm 2022"),
])
def test_period_phrases(kind, quarter, now, nxt):
    assert period_phrase(kind, 2021, quarter) == now
    assert next_period_phrase(kind, 2021, quarter) == nxt
