"""Typography of one string: spaces, punctuation, brackets, quotes, repeated words.  No Qt.

Rules are data (``_SPACING_RULES``: pattern, rule, severity, message, fix) run
over the text; repeated words know the legitimate repetitions of Vietnamese
(reduplication "ngày ngày", and a word ending one compound and starting the
next: "hành vi vi phạm").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..spelling.lexicon import lexicon
from .findings import (
    NOTE_MARK, RULE_BRACKETS, RULE_PUNCT_SPACE, RULE_REPEATED, RULE_SPACES, RULE_STRAIGHT_QUOTES,
)
from .hits import Hit

_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+", re.IGNORECASE)
_BEFORE_PUNCT = (" ,", " ;", " :", " !", " ?")
# pattern, rule, severity, message, fix (replacement of the whole match, \1-style groups allowed), fix label,
# and the strings one of which a match must contain (a text holding none is not searched: most are not).
# A pattern starts with the character it is about when it can, look-behinds after it: the engine then
# skips ahead to that character instead of trying the look-behind at every position (3-5 × faster); a rule
# about spaces starts with its first space and checks the character before it with ``(?<=X )``.
_SPACING_RULES: tuple[tuple[re.Pattern[str], str, str, str, str, str, tuple[str, ...]], ...] = (
    (re.compile(r" (?<=\S ) +(?=\S)"), RULE_SPACES, "warning", "Thừa khoảng trắng giữa hai từ.", " ",
     "Giữ một khoảng trắng", ("  ",)),
    (re.compile(r" (?<=[\w\)”\"’] ) *([,;:!?])(?=[^\W\d_])"), RULE_PUNCT_SPACE, "warning",
     "Khoảng trắng đặt trước dấu câu, đúng ra phải ở sau.", r"\1 ", "Chuyển khoảng trắng ra sau dấu câu",
     _BEFORE_PUNCT),
    (re.compile(r" (?<=[\w\)”\"’] ) *(?=[,;:!?](?![^\W\d_])|\.(?![./\w]))"), RULE_PUNCT_SPACE,
     "warning", "Thừa khoảng trắng trước dấu câu.", "", "Bỏ khoảng trắng", (*_BEFORE_PUNCT, " .")),
    (re.compile(r"([,;])(?<=[^\W\d_]{2}[,;])(?=[^\W\d_])"), RULE_PUNCT_SPACE, "warning",
     "Thiếu khoảng trắng sau dấu câu.", r"\1 ", "Thêm khoảng trắng", (",", ";")),
    (re.compile(r"([.:])(?<=[^\W\d_]{2}[.:])(?=[^\W\d_][^\W\d_])"), RULE_PUNCT_SPACE,
     "warning", "Thiếu khoảng trắng sau dấu câu.", r"\1 ", "Thêm khoảng trắng", (".", ":")),
    (re.compile(r" (?<=\d ) *(?=%)"), RULE_PUNCT_SPACE, "warning", "Không để khoảng trắng giữa số và dấu %.", "",
     "Bỏ khoảng trắng", (" %",)),
)
#: rules that only apply when the match passes a test on the text around it
_NEW_SENTENCE = re.compile(r"[.:]")
_PAIRS = {"(": ")", "[": "]", "“": "”", "‘": "’"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_REPEAT = re.compile(r"(?<![^\W\d_])([^\W\d_]+) \1(?![^\W\d_])", re.IGNORECASE)
_BRACKET_CHARS = re.compile("[()\\[\\]“”‘’]")
#: two whole words, one space between, the same ignoring case (the second only looked at: "các các các" is two
#: pairs); the run is possessive (++): a shorter run would end before a letter, never before the space
_PAIR = re.compile(r"(?<![^\W\d_])([^\W\d_]++) (?=\1(?![^\W\d_]))", re.IGNORECASE)
_WORD_CHAR = re.compile(r"[^\W\d_]")
#: letters whose ``str.lower`` is not the one-letter lower case the expression engine compares (İ; Σ at a word's end)
_FULL_LOWER_ONLY = ("\u0130", "\u03a3")


def _masked(text: str) -> str:
    """*text* with URLs and e-mail addresses blanked (same length), so no rule looks inside them."""
    return _URLISH.sub(lambda m: "\x00" * len(m.group()), text) if ("@" in text or "://" in text or "www." in text) else text


def _starts_sentence(text: str, index: int) -> bool:
    """True when a capitalised word (capital then small letter) starts at *index*: "xong.Tiếp", not "TP.HCM"."""
    return index + 1 < len(text) and text[index].isupper() and text[index + 1].islower()


def spacing_hits(text: str) -> list[Hit]:
    """Double spaces, a space before , . ; : ! ?, no space after , ; (and . : before a new sentence)."""
    text = _masked(text)
    hits = []
    for pattern, rule, severity, message, fix, label, needles in _SPACING_RULES:
        for needle in needles:             # a plain loop: a generator per rule and text cost more than the test
            if needle in text:
                break
        else:
            continue
        for match in pattern.finditer(text):
            if match.group() in (".", ":") and not _starts_sentence(text, match.end()):
                continue
            hits.append(Hit(rule, severity, match.start(), match.end() - match.start(), message,
                            match.expand(fix) if "\\" in fix else fix, label))
    return hits


def bracket_hits(text: str) -> list[Hit]:
    """Brackets and curly quotes opened and not closed (or closed and not opened), in nesting order."""
    stack: list[tuple[str, int]] = []
    hits: list[Hit] = []
    for match in _BRACKET_CHARS.finditer(text):
        index, char = match.start(), match.group()
        if char in _PAIRS:
            if char == "‘" and index and text[index - 1].isalpha():
                continue
            stack.append((char, index))
        elif char in _CLOSERS:
            if char == "’" and (not stack or stack[-1][0] != "‘"):
                continue                   # an apostrophe (R’lấp), not a closing quote
            if stack and stack[-1][0] == _CLOSERS[char]:
                stack.pop()
            else:
                hits.append(Hit(RULE_BRACKETS, "warning", index, 1, f"Dấu «{char}» không có dấu mở tương ứng."))
    for char, index in stack:
        hits.append(Hit(RULE_BRACKETS, "warning", index, 1, f"Dấu «{char}» mở nhưng không có dấu đóng «{_PAIRS[char]}»."))
    return hits


def straight_quote_hits(text: str) -> list[Hit]:
    """Straight double quotes: the report uses “ ”; the fix alternates opening and closing."""
    if '"' not in text:
        return []                          # the usual case
    hits = []
    positions = [i for i, ch in enumerate(text) if ch == '"']
    for order, index in enumerate(positions):
        opening = order % 2 == 0
        hits.append(Hit(RULE_STRAIGHT_QUOTES, "hint", index, 1, "Dùng dấu ngoặc kép cong “ ” thay cho dấu \".",
                        "“" if opening else "”", "Đổi thành “" if opening else "Đổi thành ”"))
    if len(positions) % 2:
        index = positions[-1]
        hits.append(Hit(RULE_BRACKETS, "warning", index, 1, "Dấu ngoặc kép mở nhưng không có dấu đóng."))
    return hits


def repeated_word_hits(text: str) -> list[Hit]:
    """A word written twice in a row ("các các"), except legitimate repetitions.

    The pairs are found by one regular-expression pass (``_PAIR``), not by walking every word;
    a text holding a letter whose lower case the expression engine maps differently from
    ``str.lower`` (``_FULL_LOWER_ONLY``) takes the word-by-word way, so the hits are the same.
    """
    if any(char in text for char in _FULL_LOWER_ONLY):
        return _repeated_by_words(text)
    hits = []
    lex = lexicon()
    for match in _PAIR.finditer(text):
        p_start, p_end = match.span(1)
        start, end = match.end(), match.end() + (p_end - p_start)
        low, word = text[start:end].lower(), text[start:end]
        if text[p_start:p_end].lower() != low or low in lex.reduplicated:
            continue
        following = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
        if following and lex.is_compound(low, following.group().lower()):     # the word before only then
            before = _word_before(text, p_start)
            if before and lex.is_compound(before, low):
                continue                   # "hành vi vi phạm", "cơ quan quan tâm"
        if word.isupper() and len(word) > 1:
            continue
        hits.append(Hit(RULE_REPEATED, "warning", p_end, end - p_end, f"Từ «{word}» bị lặp.", "", "Bỏ từ lặp"))
    return hits


def _word_before(text: str, start: int) -> str:
    """The word (lower case) ending one space before *start*, or "" when something else is there."""
    if start < 2 or text[start - 1] != " " or not _WORD_CHAR.match(text, start - 2):
        return ""
    first = start - 2
    while first and _WORD_CHAR.match(text, first - 1):
        first -= 1
    return text[first:start - 1].lower()


def _repeated_by_words(text: str) -> list[Hit]:
    """``repeated_word_hits`` word by word (every word lowered with ``str.lower``)."""
    if not _REPEAT.search(text):
        return []                          # the usual case: no word follows itself
    lows = [w.lower() for w in _WORD.findall(text)]
    candidates = [i for i in range(1, len(lows)) if lows[i] == lows[i - 1]]      # found in one pass
    if not candidates:
        return []
    spans = [m.span() for m in _WORD.finditer(text)]
    hits = []
    lex = lexicon()
    for index in candidates:
        start, end = spans[index]
        p_start, p_end = spans[index - 1]
        if text[p_end:start] != " ":
            continue
        low, word = lows[index], text[start:end]
        if low in lex.reduplicated:
            continue
        before = lows[index - 2] if index >= 2 and text[spans[index - 2][1]:p_start] == " " else ""
        after = lows[index + 1] if index + 1 < len(spans) and text[end:spans[index + 1][0]] == " " else ""
        if before and after and lex.is_compound(before, low) and lex.is_compound(low, after):
            continue                       # "hành vi vi phạm", "cơ quan quan tâm"
        if word.isupper() and len(word) > 1:
            continue
        hits.append(Hit(RULE_REPEATED, "warning", p_end, end - p_end, f"Từ «{word}» bị lặp.", "", "Bỏ từ lặp"))
    return hits


@lru_cache(maxsize=8192)
def typography_hits(text: str) -> tuple[Hit, ...]:
    """Every typography hit of *text* (cached by text: an unchanged paragraph is not checked again)."""
    if not text.strip():
        return ()
    clean = text.replace(NOTE_MARK, "\x01")
    return tuple(spacing_hits(clean) + bracket_hits(clean) + straight_quote_hits(clean) + repeated_word_hits(clean))
