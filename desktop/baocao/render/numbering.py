"""Heading labels: "Phần thứ nhất", "I.", "1.", "a)", "a.", "-", "+" — as a data table."""

from __future__ import annotations

from collections.abc import Callable

from ..constants import NumberStyle
from ..formatting import part_ordinal, point_letter, roman

#: style → function from the 1-based position among its siblings to the label.
LABELLERS: dict[str, Callable[[int], str]] = {
    NumberStyle.PART.value: part_ordinal,
    NumberStyle.ROMAN.value: lambda n: f"{roman(n)}.",
    NumberStyle.ARABIC.value: lambda n: f"{n}.",
    NumberStyle.LETTER_PAREN.value: lambda n: f"{point_letter(n)})",
    NumberStyle.LETTER_DOT.value: lambda n: f"{point_letter(n)}.",
    NumberStyle.DASH.value: lambda n: "-",
    NumberStyle.PLUS.value: lambda n: "+",
    NumberStyle.RUN_IN.value: lambda n: "",
    NumberStyle.NONE.value: lambda n: "",
}


def label_for(style: str, position: int) -> str:
    """The label of the *position*-th (1-based) heading numbered in *style*."""
    return LABELLERS[style](position)
