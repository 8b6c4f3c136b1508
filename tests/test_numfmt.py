"""The precompiled number formatter equals babel's ``format_decimal`` (issue 16 item 1).

babel stays a test dependency: it is the reference we compare with, over more than ten
thousand values — whole numbers, negatives, decimals at every precision the callers ask
for, big numbers, Decimal / float / int / text inputs, and the rounding edges (x.x5,
x.xx5, …, which babel rounds half to even through ``Decimal.quantize``).
"""

from __future__ import annotations

import decimal
import random
from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from baocao.formatting import format_number, parse_number
from baocao.numfmt import babel_pattern, format_vi_decimal

LOCALE = "vi_VN"


def _babel_format_number(value, pad: int = 0, decimals: int | None = None) -> str:
    """format_number as it was before issue 16: every number through babel."""
    number = parse_number(value)
    if number is None:
        return ""
    if decimals is not None:
        return format_decimal(number, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale=LOCALE)
    if number == number.to_integral_value():
        whole = int(number)
        if pad and 0 <= whole < 10 ** (pad - 1):
            return str(whole).zfill(pad)
        return format_decimal(whole, format="#,##0", locale=LOCALE)
    return format_decimal(number, format="#,##0.###", locale=LOCALE)


def _values() -> list:
    rng = random.Random(16)
    values: list = [0, 1, -1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 999999, 1000000,
                    Decimal("-0"), Decimal("0.000"), Decimal("-0.0001"), Decimal("1E+3"), Decimal("1.000"),
                    Decimal("2573"), Decimal("1428.5"), 0.1 + 0.2, 1e15, -1e15, 123456789.125, 2.675,
                    10 ** 27 - 1, -(10 ** 27 - 1), Decimal("9999999999999999999999999.5")]
    for _ in range(2500):                                           # ints of every size, both signs
        values.append(rng.choice([-1, 1]) * rng.randint(0, 10 ** rng.randint(1, 24)))
    for _ in range(2500):                                           # decimals with 1–8 places
        places = rng.randint(1, 8)
        values.append(Decimal(rng.randint(-10 ** 12, 10 ** 12)).scaleb(-places))
    for _ in range(1500):                                           # floats, as Python gives them
        values.append(rng.uniform(-1e7, 1e7) if rng.random() < 0.7 else round(rng.uniform(-1000, 1000), rng.randint(0, 4)))
    for digits in range(1, 6):                                      # rounding edges: …5 at the next place
        for _ in range(400):
            base = rng.randint(-10 ** 6, 10 ** 6)
            values.append(Decimal(base * 10 + 5).scaleb(-digits))
            values.append(float(Decimal(base * 10 + 5).scaleb(-digits)))
    for whole in range(0, 60):                                      # x.5, x.05, x.005, x.0005 half-even pairs
        for text in (f"{whole}.5", f"{whole}.05", f"{whole}.25", f"{whole}.125", f"{whole}.0005", f"{whole}.9995"):
            values.append(Decimal(text))
            values.append(Decimal("-" + text))
    return values


VALUES = _values()


def outcome(function, *args, **kwargs):
    """The result, or the type of the error raised (past 28 digits both raise decimal.InvalidOperation)."""
    try:
        return function(*args, **kwargs)
    except ArithmeticError as error:
        return type(error)


def test_enough_values():
    assert len(VALUES) >= 10_000
    assert any(isinstance(v, float) for v in VALUES) and any(isinstance(v, Decimal) for v in VALUES)


@pytest.mark.parametrize("decimals", [None, 0, 1, 2, 3, 4])
def test_format_number_equals_babel(decimals):
    pairs = [(v, outcome(format_number, v, decimals=decimals), outcome(_babel_format_number, v, decimals=decimals))
             for v in VALUES]
    assert [p for p in pairs if p[1] != p[2]][:10] == []
    assert sum(isinstance(p[1], str) for p in pairs) > 9_000       # compared as text, not as equal errors


@pytest.mark.parametrize("pad", [2, 3])
def test_padding_equals_babel(pad):
    for value in [*range(-20, 1200), *VALUES[:2000]]:
        assert outcome(format_number, value, pad=pad) == outcome(_babel_format_number, value, pad=pad), value


@pytest.mark.parametrize("low,high", [(0, 0), (0, 1), (0, 2), (0, 3), (1, 1), (2, 2), (3, 3), (1, 3), (0, 6), (6, 6)])
def test_formatter_equals_babel_pattern(low, high):
    pattern = babel_pattern(low, high)
    for value in VALUES:
        assert outcome(format_vi_decimal, value, low, high) == outcome(format_decimal, value, format=pattern,
                                                                       locale=LOCALE), value


def test_text_inputs_equal_babel():
    for text in ["2.573", "19.641.000", "1.428,5", "3,25", "-0,005", "0,125", "12.25", "0.5", " 1 234 ", "+7"]:
        assert format_number(text) == _babel_format_number(text)
        assert format_number(text, decimals=2) == _babel_format_number(text, decimals=2)


def test_half_even_like_babel():
    assert format_number(Decimal("0.0005")) == "0"          # 0,0005 → 0,000 → 0 (half to even)
    assert format_number(Decimal("0.0015")) == "0,002"
    assert format_number(Decimal("2.5"), decimals=0) == "2"
    assert format_number(Decimal("3.5"), decimals=0) == "4"
    assert format_number(2.675, decimals=2) == "2,68"        # str(2.675) is "2.675": babel reads the text
    assert format_number(-1234567.891) == "-1.234.567,891"


def test_same_context_limits_as_babel():
    """More than 28 significant digits: the same decimal error babel raises (callers catch ArithmeticError)."""
    huge = Decimal(10) ** 30 + 1
    with pytest.raises(decimal.InvalidOperation):
        format_decimal(huge, format="#,##0", locale=LOCALE)
    with pytest.raises(decimal.InvalidOperation):
        format_vi_decimal(huge, 0, 0)
    with decimal.localcontext() as context:                  # and the same context rounding
        context.rounding = decimal.ROUND_HALF_UP
        assert format_vi_decimal(Decimal("2.5"), 0, 0) == format_decimal(Decimal("2.5"), "#,##0", locale=LOCALE) == "3"
