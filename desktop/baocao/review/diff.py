"""The one diff engine: syllable-level differences between two texts.

``diff_text(old, new)`` returns hunks with character offsets in both texts;
every other comparison (sections, notes, fields, cells, the tracked-changes
export, the review import) is built from it and from ``align`` (matching
paragraphs or rows of two lists).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TypeVar

from .constants import PARAGRAPH_MATCH_RATIO
from .tokens import tokenize

T = TypeVar("T")


@dataclass(frozen=True)
class Hunk:
    """One change: old[old_start:old_end] became new[new_start:new_end] (either may be empty)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str

    @property
    def kind(self) -> str:
        """"insert", "delete" or "replace"."""
        if not self.old_text:
            return "insert"
        if not self.new_text:
            return "delete"
        return "replace"


def _offsets(tokens: list[str]) -> list[int]:
    out, pos = [0], 0
    for token in tokens:
        pos += len(token)
        out.append(pos)
    return out


def diff_text(old: str, new: str) -> list[Hunk]:
    """Syllable-level hunks turning *old* into *new* (empty when equal).

    Changes separated only by spaces are one hunk, so "hai ba" → "bốn năm"
    reads as one replacement, not two.
    """
    if old == new:
        return []
    a, b = tokenize(old), tokenize(new)
    oa, ob = _offsets(a), _offsets(b)
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    changes: list[list[int]] = []
    previous: tuple[str, int, int, int, int] | None = None
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            glued = (previous is not None and previous[0] == "equal" and changes
                     and changes[-1][1] == previous[1] and previous[2] - previous[1] == 1
                     and a[previous[1]].isspace())
            if glued:
                changes[-1][1], changes[-1][3] = i2, j2
            else:
                changes.append([i1, i2, j1, j2])
        previous = (tag, i1, i2, j1, j2)
    hunks = [Hunk(oa[i1], oa[i2], ob[j1], ob[j2], old[oa[i1]:oa[i2]], new[ob[j1]:ob[j2]])
             for i1, i2, j1, j2 in changes]
    return hunks


def moved_offset(hunks: "list[Hunk]", pos: int) -> int:
    """Offset *pos* of the older text at the same place in the newer one (the end of a change it falls in)."""
    delta = 0
    for hunk in hunks:
        if pos <= hunk.old_start:
            break
        if pos < hunk.old_end:
            return hunk.new_end
        delta += (hunk.new_end - hunk.new_start) - (hunk.old_end - hunk.old_start)
    return pos + delta


def similarity(old: str, new: str) -> float:
    """0..1: how much of the two texts' syllables match."""
    if old == new:
        return 1.0
    return SequenceMatcher(None, tokenize(old), tokenize(new), autojunk=False).ratio()


def similarity_over(old: str, new: str, floor: float) -> float:
    """``similarity(old, new)`` when it can exceed *floor*, else 0.0 (cheap upper bounds checked first)."""
    if old == new:
        return 1.0
    matcher = SequenceMatcher(None, tokenize(old), tokenize(new), autojunk=False)
    if matcher.real_quick_ratio() <= floor or matcher.quick_ratio() <= floor:
        return 0.0
    return matcher.ratio()


def align(old: Sequence[T], new: Sequence[T], key: Callable[[T], str] = str,
          ratio: float = PARAGRAPH_MATCH_RATIO) -> list[tuple[int | None, int | None]]:
    """Pair the items of two lists: (old index, new index); None on one side for added/removed items.

    Equal items pair first; inside a changed stretch an old item pairs with the
    next new item at least *ratio* similar (an edited paragraph), in order.
    """
    ka, kb = [key(x) for x in old], [key(x) for x in new]
    pairs: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2)))
            continue
        j = j1
        for i in range(i1, i2):
            match = next((n for n in range(j, j2) if similarity(ka[i], kb[n]) >= ratio), None)
            if match is None:
                pairs.append((i, None))
                continue
            pairs.extend((None, n) for n in range(j, match))
            pairs.append((i, match))
            j = match + 1
        pairs.extend((None, n) for n in range(j, j2))
    return pairs
