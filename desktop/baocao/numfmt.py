"""Vietnamese decimal formatting, precompiled: babel's ``format_decimal`` for ``vi`` without babel.

babel parses its pattern string on every call (and loads the locale data on the first),
which cost about a third of an export.  The patterns baocao uses are all of the form
``#,##0`` + an optional fraction ``.0…0`` / ``.#…#``: minimum one integer digit, groups of
three, a minimum and a maximum number of fraction digits.  :func:`format_vi_decimal`
does exactly what babel's ``NumberPattern.apply`` does for them, with the same
``decimal`` operations in the same order (so the same rounding — the current context's,
``ROUND_HALF_EVEN`` by default — the same 28-digit precision limits and the same
exceptions): ``abs(value).normalize()``, ``quantize(10 ** -max_frac)``, group the integer
part, pad the fraction to its minimum, drop trailing zeros down to the minimum, ``-`` in
front of anything signed (``-0`` included).  tests/test_numfmt.py compares it with babel
over more than ten thousand values.
"""

from __future__ import annotations

from decimal import Decimal

GROUP_SYMBOL = "."        # babel vi: numbers.symbols.group
DECIMAL_SYMBOL = ","      # babel vi: numbers.symbols.decimal
NEGATIVE_PREFIX = "-"     # babel: a pattern without ";" negates with "-" + the positive prefix
GROUP_SIZE = 3            # "#,##0": primary and secondary grouping 3

_QUANTUM = {digits: Decimal(10) ** -digits for digits in range(10)}   # babel's get_decimal_quantum


def babel_pattern(min_frac: int, max_frac: int) -> str:
    """The babel pattern equivalent to ``format_vi_decimal(…, min_frac, max_frac)`` ("#,##0.0##")."""
    if max_frac == 0:
        return "#,##0"
    return "#,##0." + "0" * min_frac + "#" * (max_frac - min_frac)


def _group(digits: str) -> str:
    """ "1234567" → "1.234.567" (babel ``_format_int`` with grouping (3, 3), minimum one digit)."""
    if len(digits) <= GROUP_SIZE:
        return digits
    head = len(digits) % GROUP_SIZE or GROUP_SIZE
    parts = [digits[:head]]
    parts.extend(digits[i:i + GROUP_SIZE] for i in range(head, len(digits), GROUP_SIZE))
    return GROUP_SYMBOL.join(parts)


def format_vi_decimal(number: Decimal, min_frac: int, max_frac: int) -> str:
    """*number* as babel's ``format_decimal(number, babel_pattern(min_frac, max_frac), locale="vi")``.

    ``min_frac ≤ max_frac``; a float or int is first turned into ``Decimal(str(value))`` as babel does.
    """
    if not isinstance(number, Decimal):
        number = Decimal(str(number))
    negative = number.is_signed()
    value = abs(number).normalize()
    if value.is_infinite():
        raise ValueError("infinite number")          # callers only pass finite numbers (parse_number)
    quantum = _QUANTUM.get(max_frac)
    rounded = value.quantize(quantum if quantum is not None else Decimal(10) ** -max_frac)
    whole, _, fraction = f"{rounded:f}".partition(".")
    text = _group(whole)
    if max_frac:
        fraction = fraction or "0"
        if len(fraction) < min_frac:
            fraction += "0" * (min_frac - len(fraction))
        if not (min_frac == 0 and int(fraction) == 0):
            keep = len(fraction.rstrip("0"))
            text += DECIMAL_SYMBOL + fraction[:max(keep, min_frac)]
    return NEGATIVE_PREFIX + text if negative else text
