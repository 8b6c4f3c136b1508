"""Suggestions for a misspelt word (right-click in the editor).  No Qt.

In order: the curated fix, the same syllable with its tone mark moved, the
Telex reading, then valid syllables one edit away (a letter replaced,
inserted, deleted or two swapped, Vietnamese letters with every tone), those
that keep the letters and only change a mark first, ranked by how often the
office's reports use them when a model is known.
"""

from __future__ import annotations

import unicodedata

from .lexicon import lexicon
from .ngrams import Model
from .syllable import is_valid_syllable, match_case, misplaced_tone
from .telex import telex_decode

MAX_SUGGESTIONS = 6
_BASES = "aăâeêioôơuưy"
_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_LETTERS = tuple(sorted({unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONE_MARKS}
                        | set("bcdđghklmnpqrstvx")))


def _skeleton(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(ch)).replace("đ", "d")


def _tone(word: str) -> str:
    return next((ch for ch in unicodedata.normalize("NFD", word) if ch in _TONE_MARKS[1:]), "")


def _one_edit(word: str) -> set[str]:
    out = set()
    for i in range(len(word) + 1):
        for letter in _LETTERS:
            out.add(word[:i] + letter + word[i:])
            if i < len(word):
                out.add(word[:i] + letter + word[i + 1:])
        if i < len(word):
            out.add(word[:i] + word[i + 1:])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    return out


def suggestions(word: str, model: Model | None = None) -> list[str]:
    """Up to ``MAX_SUGGESTIONS`` corrections of *word*, best first, in *word*'s case."""
    low = word.lower()
    ordered: list[str] = []

    def add(candidate: str | None) -> None:
        if candidate and candidate.lower() != low and candidate.lower() not in (c.lower() for c in ordered):
            ordered.append(match_case(word, candidate.lower()))

    add(lexicon().misspelt_words.get(low))
    add(misplaced_tone(low))
    decoded = telex_decode(low) if low.isascii() else None
    if decoded and is_valid_syllable(decoded):
        add(decoded)
    skeleton = _skeleton(low)
    candidates = [c for c in _one_edit(low) if is_valid_syllable(c)]

    tone = _tone(low)
    lex = lexicon()
    common = lex.frequencies
    if lex.attested_complete:                   # a syllable nobody uses is no suggestion
        candidates = [c for c in candidates if lex.is_attested(c)]

    def rank(candidate: str) -> tuple:
        same_letters = _skeleton(candidate) == skeleton
        used = (model.unigrams.get(candidate, 0) if model else 0) + common.get(candidate, 0)
        return (not same_letters, -used, _tone(candidate) != tone, candidate)

    for candidate in sorted(candidates, key=rank):
        add(candidate)
        if len(ordered) >= MAX_SUGGESTIONS:
            break
    return ordered[:MAX_SUGGESTIONS]
