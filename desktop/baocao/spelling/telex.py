"""Telex leftovers: a word typed with the input method off ("vieecj" → "việc").  No Qt."""

from __future__ import annotations

import unicodedata

from .syllable import MARK_OF_TONE, _split, tone_positions

_TONE_KEYS = {"s": "sac", "f": "huyen", "r": "hoi", "x": "nga", "j": "nang"}
_DOUBLES = (("dd", "đ"), ("aa", "â"), ("ee", "ê"), ("oo", "ô"), ("aw", "ă"), ("ow", "ơ"), ("uw", "ư"), ("w", "ư"))


def telex_decode(word: str) -> str | None:
    """The Vietnamese syllable *word* spells in Telex, or None when it holds no Telex key."""
    low = word.lower()
    tone = None
    if len(low) > 2 and low[-1] in _TONE_KEYS:
        tone, low = _TONE_KEYS[low[-1]], low[:-1]
    changed = tone is not None
    for pair, letter in _DOUBLES:
        if pair in low:
            low = low.replace(pair, letter, 1)
            changed = True
            if pair == "uw" and "o" in low[low.index(letter):]:
                low = low.replace("o", "ơ", 1)              # "uwo" → "ươ"
    if not changed:
        return None
    if tone is None:
        return low
    split = _split(low)
    if split is None:
        return None
    positions = sorted(tone_positions(*split))
    if not positions:
        return None
    at = positions[0]
    return unicodedata.normalize("NFC", low[:at + 1] + MARK_OF_TONE[tone] + low[at + 1:])
