"""Matching one query in one string: match case, whole word, ignoring Vietnamese diacritics.

Folding maps every character of the text to zero or more characters of a
*folded* string and remembers, for each folded character, the index of the
original character it came from; matches found in the folded string are
mapped back to offsets in the original text.  Ignoring diacritics drops the
combining marks of the NFD form ("ắ" → "a") and folds "đ"/"Đ" to "d"/"D", so
"Dak Nong" finds "Đắk Nông".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Letters with no decomposition that Vietnamese readers treat as their base letter.
EXTRA_FOLDS = {"đ": "d", "Đ": "D"}
#: Characters a query never contains (the note marker of the editor).
QUERY_JUNK = "\ufffc"


@dataclass(frozen=True)
class SearchOptions:
    """How to compare: case, whole words only, diacritics ignored."""

    match_case: bool = False
    whole_word: bool = False
    ignore_diacritics: bool = False


@lru_cache(maxsize=4096)
def fold_char(char: str, match_case: bool, ignore_diacritics: bool) -> str:
    """*char* as compared: without its marks when diacritics are ignored, lower case unless case matters."""
    if ignore_diacritics:
        if char in EXTRA_FOLDS:
            char = EXTRA_FOLDS[char]
        elif unicodedata.combining(char):
            return ""
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
            char = base or char
    return char if match_case else char.lower()


class _FoldTable(dict):
    """``str.translate`` table folding each character once (``fold_char``), filled as characters appear."""

    def __init__(self, match_case: bool, ignore_diacritics: bool):
        super().__init__()
        self.match_case = match_case
        self.ignore_diacritics = ignore_diacritics

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code), self.match_case, self.ignore_diacritics)
        return folded


_TABLES: dict[tuple[bool, bool], _FoldTable] = {}


def fold_text(text: str, options: SearchOptions) -> tuple[str, list[int]]:
    """The folded *text* and, per folded character, the index of its original character.

    Fast path: most characters fold to exactly one character, so the folded
    string has the text's length and the index is the identity.
    """
    key = (options.match_case, options.ignore_diacritics)
    table = _TABLES.get(key) or _TABLES.setdefault(key, _FoldTable(*key))
    folded = text.translate(table)
    if len(folded) == len(text) and all(len(table[ord(c)]) == 1 for c in set(text)):
        return folded, list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        part = table[ord(char)]
        out.append(part)
        index.extend([i] * len(part))
    return "".join(out), index


def clean_query(query: str) -> str:
    """The query as searched: NFC, without characters that cannot occur in the text."""
    return unicodedata.normalize("NFC", "".join(c for c in query if c not in QUERY_JUNK))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.combining(char) > 0


def find_spans(text: str, query: str, options: SearchOptions) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) offsets in *text* where *query* matches under *options*."""
    needle, _ = fold_text(clean_query(query), options)
    if not needle or not text:
        return []
    haystack, index = fold_text(text, options)
    spans: list[tuple[int, int]] = []
    pos = haystack.find(needle)
    while pos >= 0:
        start = index[pos]
        end = index[pos + len(needle) - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):   # marks of the last letter (NFD text)
            end += 1
        starts_word = start == 0 or not _is_word_char(text[start - 1])
        ends_word = end >= len(text) or not _is_word_char(text[end])
        if not options.whole_word or (starts_word and ends_word):
            spans.append((start, end))
            pos = haystack.find(needle, pos + len(needle))
        else:
            pos = haystack.find(needle, pos + 1)
    return spans
