"""Vietnamese formatting of numbers, dates, labels and periods.

Numbers follow babel's ``vi`` locale (``.`` for thousands, ``,`` for
decimals) through :mod:`baocao.numfmt`, a precompiled copy of babel's
``format_decimal`` for the patterns used here (tested equal to babel).
Dates follow Nghị định 30/2020: in the date line only days 1–9 and months
1–2 take a leading zero ("ngày 05 tháng 7 năm 2021").  Citation dates
use the same rule by default (``12/01/2021``, ``24/5/2021``), which is how
issued documents cite each other; ``dd/mm/yyyy`` with both zeros is available
for packs that want it.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .constants import PART_ORDINALS, VIETNAMESE_POINT_LETTERS, PeriodKind
from .numfmt import format_vi_decimal

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


#: A number typed the Vietnamese way: thousands grouped by "." (each group three digits) or not
#: grouped at all, then an optional decimal part after ",".  "2.573", "19.641.000", "1.428,5", "3,25".
VIETNAMESE_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?", re.ASCII)
#: A decimal written with a point, accepted where it cannot be a thousands group: "0.5", "12.25".
POINT_DECIMAL = re.compile(r"[+-]?\d+\.(?:\d{1,2}|\d{4,})", re.ASCII)


def parse_number(value: object) -> Decimal | None:
    """Read a number typed the Vietnamese way ("2.573", "1.428,5") or given as int/float.

    The whole text must be a number: "12a", "2,", "1.23.4" or "1,234.5" raise
    ``ValueError`` — a prefix is never taken for the number.  Returns ``None``
    for empty input.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("boolean is not a number")
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        if VIETNAMESE_NUMBER.fullmatch(text):
            number = Decimal(text.replace(".", "").replace(",", "."))
        elif POINT_DECIMAL.fullmatch(text):
            number = Decimal(text)
        else:
            raise ValueError(f"not a number: {value!r}")
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


#: Whole numbers below this are grouped by ``format(n, ",")`` (what babel's "#,##0" gives them, far cheaper);
#: larger ones go through ``format_vi_decimal`` and its 28-digit ``decimal`` limits.
_FAST_WHOLE = 10 ** 15


def format_number(value: object, pad: int = 0, decimals: int | None = None) -> str:
    """Format a number the Vietnamese way: 2573 → "2.573", 1428.5 → "1.428,5".

    ``pad`` gives the minimum number of digits for whole numbers below 10**pad
    (``pad=2``: 5 → "05", the small-count style of reports).  ``decimals``
    fixes the number of decimal places; by default up to three are shown.
    Empty input gives an empty string.
    """
    number = parse_number(value)
    if number is None:
        return ""
    if decimals is not None:            # babel pattern "#,##0.00…" (decimals zeros)
        return format_vi_decimal(number, decimals, decimals)
    if number == number.to_integral_value():
        whole = int(number)
        if pad and 0 <= whole < 10 ** (pad - 1):
            return str(whole).zfill(pad)
        if -_FAST_WHOLE < whole < _FAST_WHOLE:               # "#,##0" of a whole number: Python's own grouping
            return f"{whole:,}".replace(",", ".")
        return format_vi_decimal(Decimal(whole), 0, 0)      # "#,##0"
    return format_vi_decimal(number, 0, 3)                  # "#,##0.###"


def _two_digit_if(value: int, condition: bool) -> str:
    return f"{value:02d}" if condition else str(value)


def format_date_line(day: date, place: str = "") -> str:
    """The italic date line: "Đắk Nông, ngày 05 tháng 7 năm 2021" (Decree 30 zeros)."""
    text = (
        f"ngày {_two_digit_if(day.day, day.day < 10)} "
        f"tháng {_two_digit_if(day.month, day.month < 3)} năm {day.year}"
    )
    return f"{place}, {text}" if place else text


def format_date_line_blank(year: int | None, place: str = "") -> str:
    """Date line of a draft not yet dated: "Đắk Nông, ngày      tháng      năm 2021"."""
    gap = "\u00a0" * 5
    text = f"ngày{gap} tháng{gap} năm {year or ''}".rstrip()
    return f"{place}, {text}" if place else text


def format_citation_date(day: date, style: str = "nd30") -> str:
    """Date inside a citation: "12/01/2021" / "24/5/2021" (style ``nd30``) or "24/05/2021" (``dd/mm/yyyy``)."""
    if style == "dd/mm/yyyy":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{_two_digit_if(day.day, day.day < 10)}/{_two_digit_if(day.month, day.month < 3)}/{day.year}"


def parse_date(value: object) -> date | None:
    """Read a date given as ``date``, ISO text (2021-07-05) or Vietnamese text (5/7/2021)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if "-" in text:
            return date.fromisoformat(text)
        day_s, month_s, year_s = text.split("/")
        return date(int(year_s), int(month_s), int(day_s))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"not a date: {value!r}") from exc


def roman(number: int) -> str:
    """Roman numeral of a positive integer (1 → "I", 14 → "XIV")."""
    if number <= 0:
        raise ValueError("roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def point_letter(index: int) -> str:
    """The *index*-th point letter (1-based) in Vietnamese order: 5 → "đ", 6 → "e", 7 → "g".

    Past "y" the letters double ("aa", "bb" …) as Word does for long lists.
    """
    if index <= 0:
        raise ValueError("letters start at 1")
    count = len(VIETNAMESE_POINT_LETTERS)
    letter = VIETNAMESE_POINT_LETTERS[(index - 1) % count]
    return letter * ((index - 1) // count + 1)


def part_ordinal(index: int) -> str:
    """"Phần thứ nhất", "Phần thứ hai", … (1-based)."""
    if index <= 0:
        raise ValueError("parts start at 1")
    word = PART_ORDINALS[index - 1] if index <= len(PART_ORDINALS) else str(index)
    return f"Phần thứ {word}"


@lru_cache(maxsize=None)
def _quarter_name(quarter: int) -> str:
    return roman(quarter)


def period_phrase(kind: PeriodKind | str, year: int, quarter: int | None = None) -> str:
    """The reporting period in words: "6 tháng đầu năm 2021", "năm 2021", "quý II năm 2021"."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.FIRST_HALF:
        return f"6 tháng đầu năm {year}"
    if kind is PeriodKind.WHOLE_YEAR:
        return f"năm {year}"
    return f"quý {_quarter_name(quarter or 1)} năm {year}"


def next_period_phrase(kind: PeriodKind | str, year: int, quarter: int | None = None) -> str:
    """The period the tasks section plans for: "6 tháng cuối năm 2021", "năm 2022", "quý III năm 2021"."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.FIRST_HALF:
        return f"6 tháng cuối năm {year}"
    if kind is PeriodKind.WHOLE_YEAR:
        return f"năm {year + 1}"
    q = quarter or 1
    return f"quý {_quarter_name(q + 1)} năm {year}" if q < 4 else f"quý I năm {year + 1}"
