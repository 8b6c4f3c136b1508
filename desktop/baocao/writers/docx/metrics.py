"""Approximate printed width of a line of text, for rules "as long as the text".

Nghị định 30 wants the rule under the motto as long as the motto and the rule
under the issuing body 1/3–1/2 of its length.  Word cannot size a paragraph
border to its text, so the writer measures the text with the advance widths of
Times New Roman (identical to Liberation Serif, its metric-compatible twin,
and to Adobe's Times) and sets the rule paragraph's indents.  Vietnamese
letters are measured by their base letter; diacritics take no width.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Advance widths (1/1000 em) of ASCII 32..126.
_REGULAR = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 500 "
    "500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 "
    "556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 444 333 500 "
    "500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444 480 200 480 541"
)
_BOLD = (
    "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 500 "
    "500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 "
    "611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 444 333 500 "
    "556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444 394 220 394 520"
)
_WIDTHS = {
    False: tuple(int(w) for w in _REGULAR.split()),
    True: tuple(int(w) for w in _BOLD.split()),
}
_DEFAULT_WIDTH = 500
_BASE_LETTERS = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D"})
PT_PER_MM = 72 / 25.4


@lru_cache(maxsize=256)
def text_width_pt(text: str, size_pt: float, bold: bool = False, caps: bool = False) -> float:
    """Width of *text* set in Times New Roman at *size_pt* (points)."""
    if caps:
        text = text.upper()
    widths = _WIDTHS[bold]
    total = 0
    for char in unicodedata.normalize("NFD", text.translate(_BASE_LETTERS)):
        code = ord(char)
        if 32 <= code < 127:
            total += widths[code - 32]
        elif not unicodedata.combining(char):
            total += _DEFAULT_WIDTH
    return total * size_pt / 1000


def text_width_mm(text: str, size_pt: float, bold: bool = False, caps: bool = False) -> float:
    """Width of *text* in millimetres (see :func:`text_width_pt`)."""
    return text_width_pt(text, size_pt, bold, caps) / PT_PER_MM
