"""One name written two ways in one report (Covid-19 / COVID-19, Zalo / ZALO).  No Qt.

Words are compared case-insensitively; a name counts as spelt two ways when
its forms differ beyond the first letter's case (so "Các" at the start of a
sentence and "các" are the same word).  The form used most is taken as the
report's; the others are flagged with it as the fix.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from .findings import RULE_NAME_VARIANTS, Finding
from .textunits import TextUnit

#: a hyphenated name, or a word of letters with two capitals or more (the look-ahead skips small letters
#: only, so it never backtracks: the same matches as ``\b[^\W\d_]*[A-ZĐ][^\W\d_]*[A-ZĐ][^\W\d_]*\b``).
#: Both need a "-" or a capital after a word's first small letters and digits: the first look-ahead
#: checks that once per word, so a plain small word (most of them) is passed over in one scan.  The
#: runs are possessive (``++``): a shorter run would end before a letter, where neither "-" nor
#: ``\b`` can follow, so giving characters back never finds a match — it only cost time.
_NAME = re.compile(r"\b(?=[^\W_A-ZĐ]*+[-A-ZĐ])(?:[^\W_]++(?:-[^\W_]++)+\b"
                   r"|(?=[^\W\d_A-ZĐ]*+[A-ZĐ][^\W\d_A-ZĐ]*+[A-ZĐ])[^\W\d_]++\b)")


@lru_cache(maxsize=8192)
def _names(text: str) -> tuple[tuple[int, str], ...]:
    return tuple((m.start(), m.group()) for m in _NAME.finditer(text))


def _fold(word: str) -> str:
    return word[:1].lower() + word[1:]


def name_variant_findings(units: list[TextUnit]) -> list[Finding]:
    """Flag the less used spellings of a name written in several ways."""
    forms: dict[str, Counter] = defaultdict(Counter)
    spelt: dict[str, str] = {}           # folded form → the first spelling seen (what the message shows)
    places = []
    for unit in units:
        for offset, word in _names(unit.text):
            folded = _fold(word)
            forms[word.lower()][folded] += 1
            spelt.setdefault(folded, word)
            places.append((unit, offset, word))
    findings = []
    for unit, offset, word in places:
        counter = forms[word.lower()]
        if len(counter) < 2:
            continue
        best, _ = counter.most_common(1)[0]
        if _fold(word) == best:
            continue
        fix = best if not word[:1].isupper() else best[:1].upper() + best[1:]
        shown = " / ".join(spelt[folded] for folded in counter)   # as written, not the folded keys (QA)
        findings.append(unit.finding("warning", RULE_NAME_VARIANTS,
                                     f"«{word}» được viết theo nhiều cách trong báo cáo ({shown}); nên thống nhất "
                                     f"một cách viết.", offset, len(word), fix, f"Đổi thành «{fix}»"))
    return findings
