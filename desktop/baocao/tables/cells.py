"""One cell of an appendix table: read what was typed, store it exactly, show it as the pack says.  No Qt.

* integer columns store ``int``;
* decimal columns store the number as text with a decimal comma and no
  thousands dots ("173235,0"), so the value and the decimals typed are kept
  exactly (no binary floating point); older drafts' ``int``/``float`` still read;
* choice columns store the choice's key (``baocao.tables.choices``; label or alias typed → key);
* a cell that is not a valid number (or no choice) keeps the text as typed (shown in red,
  never summed, listed by the checks) — ``baocao.fields`` decides what is valid;
* shown with the pack's ``decimals`` (rounded half up) through
  ``baocao.formatting.format_number``; a division by zero shows as "-".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..fields import cell_problem, parse_number_text
from ..formatting import format_number, parse_number
from ..template.manifest import ColumnSpec
from ..text import clean_line
from .formula import DIVISION_BY_ZERO

#: how a formula that divides by zero is shown
UNDEFINED_TEXT = "-"
#: the rounding of shown values (stated in templates/README.md)
ROUNDING = ROUND_HALF_UP

CellValue = Any   # Decimal | str (text, or a bad number kept as typed) | None | DIVISION_BY_ZERO


@dataclass
class CellInput:
    """The outcome of reading one typed cell: what to store, or why it cannot be used."""

    stored: Any
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the text is usable as it is."""
        return self.error is None


def decimal_text(number: Decimal) -> str:
    """*number* as stored in a decimal column: "173235,0", "-3,25", "12"."""
    text = format(number, "f")
    return text.replace(".", ",")


def _float_decimal(value: float) -> Decimal:
    """A float from a spreadsheet as Excel shows it: its shortest form, at most 15 significant digits."""
    if not math.isfinite(value):
        return Decimal(value)                  # NaN / Infinity: refused by read_cell as not a number
    shortest = Decimal(repr(value))
    return shortest if len(shortest.as_tuple().digits) <= 15 else Decimal(format(value, ".15g"))


def read_cell(column: ColumnSpec, text: Any) -> CellInput:
    """Read *text* typed (or pasted, or imported) into *column*.

    Empty gives ``stored=None``; a bad number gives the text as typed plus the
    reason (``baocao.fields`` wording: "Phải là một số, ví dụ 2.573 …").
    """
    if not column.numeric:
        value = clean_line(str(text)) if text is not None else ""
        if column.type == "choice" and value:
            from .choices import choice_key, choice_problem

            key = choice_key(column, value)
            return CellInput(key) if key is not None else CellInput(value, choice_problem(column, value))
        return CellInput(value or None)
    if isinstance(text, bool):
        text = str(text)
    if isinstance(text, int):
        text = str(text)
    elif isinstance(text, (float, Decimal)):
        number = _float_decimal(text) if isinstance(text, float) else text
        text = decimal_text(number) if number.is_finite() else str(text)
    result = parse_number_text(column.type, str(text), minimum=0)
    if not result.ok:
        return CellInput(result.stored, result.error)
    if result.value is None:
        return CellInput(None)
    number = parse_number(str(text))
    if column.type == "integer":
        return CellInput(int(number))
    return CellInput(decimal_text(number))


def cell_number(column: ColumnSpec, raw: Any) -> CellValue:
    """A stored cell as used in sums: Decimal for a valid number, the text for anything else."""
    if column.numeric:
        if raw in (None, ""):
            return None
        if cell_problem(column.type, raw):
            return clean_line(str(raw))
        return parse_number(raw)
    if column.type == "choice" and raw not in (None, ""):
        from .choices import choice_key

        return choice_key(column, raw) or clean_line(str(raw))    # a text that is no choice is kept as it is
    return clean_line(str(raw)) if raw not in (None, "") else None


def rounded(column: ColumnSpec, value: Decimal) -> Decimal:
    """*value* rounded half up to the column's ``decimals`` (unchanged when the pack says none)."""
    if column.decimals is None:
        return value
    return value.quantize(Decimal(1).scaleb(-column.decimals), rounding=ROUNDING)


def format_cell(column: ColumnSpec, value: CellValue) -> str:
    """The text shown for a computed or stored value of *column*."""
    if value is None:
        return ""
    if value is DIVISION_BY_ZERO:
        return UNDEFINED_TEXT
    if isinstance(value, Decimal):
        if column.decimals is not None:
            return format_number(rounded(column, value), decimals=column.decimals)
        if column.formula and value != value.to_integral_value():
            return format_number(value.quantize(Decimal("0.01"), rounding=ROUNDING))
        return format_number(value)
    if column.type == "choice":
        from .choices import choice_label

        return choice_label(column, value)
    return str(value)
