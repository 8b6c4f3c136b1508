"""Syllable tokens: the unit of every comparison (a Vietnamese word is one or more syllables)."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """*text* as syllables, runs of spaces and single punctuation marks; ``"".join`` gives *text* back."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def normalize(text: str) -> str:
    """Text as compared across files: NFC, spaces collapsed, no leading/trailing space."""
    return " ".join(unicodedata.normalize("NFC", text).split())
