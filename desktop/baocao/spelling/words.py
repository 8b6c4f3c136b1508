"""Finding the misspelt words of a string.  No Qt.

A string is cut into chunks at spaces and punctuation; a chunk holding a
digit, "/", "@" or an inner "." (numbers, document symbols "26/KH-UBND",
addresses, "TP.HCM") is never checked, and neither is a part of a hyphenated
chunk written with two or more capitals (UBND, HĐND, PAPI, CTr, SARS-CoV-2).
What remains is checked as syllables: the curated misspellings first (single
syllables and phrases), then the syllable rules; a plain-ASCII word is only
flagged when it is a Telex leftover ("hienj" → "hiện").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon, lexicon
from .syllable import is_valid_syllable, match_case, misplaced_tone
from .telex import telex_decode

KIND_INVALID = "invalid"          # not a Vietnamese syllable
KIND_MISSPELT = "misspelt"        # in the curated list
KIND_TELEX = "telex"              # Telex keys left in the word
KIND_NFD = "nfd"                  # decomposed Unicode
KIND_NO_MARKS = "no-marks"        # typed without its marks ("tuc" for "tục"), a common word when marked
KIND_UNATTESTED = "unattested"    # well formed but not in real use ("đén"): only with a wide attested list
#: a plain-ASCII word is read as Vietnamese typed without marks only when the marked form is this common
NO_MARKS_MIN_COUNT = 3

_CHUNK = re.compile(r"[^\s,;:!?()\[\]{}“”\"‘…«»<>|*+=]+")
#: the punctuation ``_CHUNK`` stops at besides white space (a text with these made spaces, split, gives its chunks)
_CHUNK_PUNCT = re.compile(r"[,;:!?()\[\]{}“”\"‘…«»<>|*+=]")
_STRIP = ".'’-–—"
_SKIP_CHUNK = re.compile(r"[\d/@_\\]")
_HYPHENS = re.compile(r"([-–])")
_FOREIGN_LETTERS = frozenset("fjwz")
_CLUSTERS = ("kr", "pl", "dr", "gl", "bl", "br", "cr", "fl", "hm", "sl", "str", "tr'")


@dataclass(frozen=True)
class SpellProblem:
    """A misspelt word (or phrase) at ``offset``, ``length`` characters, with a safe fix when there is one."""

    offset: int
    length: int
    word: str
    kind: str
    fix: str | None = None


def _looks_like_name(word: str) -> bool:
    """A capitalised word that is plainly not standard Vietnamese (ethnic or foreign name): leave it."""
    low = word.lower()
    return (any(ch in _FOREIGN_LETTERS for ch in low) or "'" in low or "’" in low or low.endswith("k")
            or low.startswith(_CLUSTERS))


def _word_parts(text: str) -> list[tuple[int, str]]:
    """(offset, word) for every checkable word of *text*, in order."""
    parts: list[tuple[int, str]] = []
    for match in _CHUNK.finditer(text):
        chunk = match.group()
        if chunk.isalpha():                              # the usual case: a plain word
            if len(chunk) > 1 and (chunk.islower() or sum(map(str.isupper, chunk)) < 2):
                parts.append((match.start(), chunk))
        else:
            parts.extend(_chunk_parts(chunk, match.start()))
    return parts


#: chunks (``_CHUNK``) known to hold no misspelt word, per (lexicon, user words); bounded
_CLEAN_CHUNKS: dict[tuple[Lexicon, frozenset[str]], set[str]] = {}
_MAX_CLEAN_CHUNKS = 200_000


def _words_all_clean(text: str, lex: Lexicon, user_words: frozenset[str]) -> bool:
    """True when no checkable word of *text* is misspelt: the distinct chunks only, each known one skipped.

    A word's verdict depends on the word alone (``_problem_of``) and a chunk's words on the chunk
    alone (``_word_parts``), so a text whose every distinct chunk is clean has no word problem —
    the usual case, decided without walking the words one by one.
    """
    clean = _CLEAN_CHUNKS.get((lex, user_words))
    if clean is None:
        if len(_CLEAN_CHUNKS) >= 8:
            _CLEAN_CHUNKS.clear()
        clean = _CLEAN_CHUNKS[(lex, user_words)] = set()
    fresh = set(_CHUNK_PUNCT.sub(" ", text).split())          # the chunks of _CHUNK: \s is str.isspace
    fresh.difference_update(clean)
    for chunk in fresh:
        if chunk.isalpha():
            words = (chunk,) if len(chunk) > 1 and (chunk.islower() or sum(map(str.isupper, chunk)) < 2) else ()
        else:
            words = tuple(word for _, word in _chunk_parts(chunk, 0))
        if any(_problem_of(word, lex, user_words) is not None for word in words):
            return False
        if len(clean) >= _MAX_CLEAN_CHUNKS:
            clean.clear()
        clean.add(chunk)
    return True


def _chunk_parts(chunk: str, start: int):
    """The checkable words of a chunk holding more than letters (punctuation, a hyphen, digits)."""
    left = len(chunk) - len(chunk.lstrip(_STRIP))
    chunk = chunk.strip(_STRIP)
    start += left
    if not chunk or _SKIP_CHUNK.search(chunk) or "." in chunk:
        return
    if "-" not in chunk and "–" not in chunk:          # the usual case: one word
        if len(chunk) > 1 and (chunk.islower() or sum(1 for ch in chunk if ch.isupper()) < 2):
            yield start, chunk
        return
    position = start
    for part in _HYPHENS.split(chunk):
        if part and part not in "-–":
            capitals = sum(1 for ch in part if ch.isupper())
            if capitals < 2 and len(part) > 1:
                yield position, part
        position += len(part)


def _common_marked_form(word: str, lex: Lexicon) -> str | None:
    from .ngrams import same_letters

    best = max(same_letters(word), key=lambda w: lex.frequencies.get(w, 0), default=None)
    return best if best and lex.frequencies.get(best, 0) >= NO_MARKS_MIN_COUNT else None


_ASCII_VOWELS = "aeiouy"
#: Lower-case words without a vowel that are not typing slips: units and common abbreviations.
_VOWELLESS_ALLOWED = frozenset({
    "km", "cm", "mm", "dm", "nm", "kg", "mg", "g", "m", "l", "ml", "kw", "mw", "gw", "kwh", "mwh", "gwh", "kv",
    "hz", "khz", "mhz", "ghz", "kb", "mb", "gb", "tb", "ms", "s", "h", "x", "n", "b", "c", "d", "k", "t", "v",
    "p", "q", "r", "w", "z", "f", "j", "tr", "vnd", "www", "pdf", "xlsx", "csv", "html", "http", "https",
})


@lru_cache(maxsize=65536)
def _problem_of(word: str, lex: Lexicon, user_words: frozenset[str]) -> tuple[str, str | None] | None:
    low = word.lower()
    if low in user_words or word in user_words or lex.known_word(word):
        return None
    fix = lex.misspelt_words.get(low)
    if fix is not None:
        return KIND_MISSPELT, match_case(word, fix)
    if is_valid_syllable(word):
        if lex.attested_complete and word.islower() and not lex.is_attested(word):
            return KIND_UNATTESTED, None      # capitalised words may be names: left alone
        return None
    if word.isascii():
        if word.islower() and len(word) >= 3:
            decoded = telex_decode(word)
            if decoded and decoded != word and is_valid_syllable(decoded):
                return KIND_TELEX, decoded
            marked = _common_marked_form(word, lex)
            if marked:
                return KIND_NO_MARKS, marked
        if word.islower() and not any(v in word for v in _ASCII_VOWELS) and word not in _VOWELLESS_ALLOWED:
            return KIND_INVALID, None          # «nghnh», «ph»: no vowel, so neither Vietnamese nor English (QA)
        return None
    if word[:1].isupper() and _looks_like_name(word):
        return None
    return KIND_INVALID, misplaced_tone(word)


_ALNUM_RUN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4)
def _phrase_heads(lex: Lexicon) -> tuple[dict[str, list[tuple[int, str, str]]], list[tuple[int, str, str]]]:
    """The curated phrases as (place in the list, wrong, right): by first syllable, and those always looked for.

    A phrase whose first syllable is not all letters/digits is always looked for.
    """
    by_first: dict[str, list[tuple[int, str, str]]] = {}
    always: list[tuple[int, str, str]] = []
    for index, (wrong, right) in enumerate(lex.misspelt_phrases.items()):
        first = wrong.split(" ", 1)[0]
        if " " in wrong and first.isalnum():
            by_first.setdefault(first, []).append((index, wrong, right))
        else:
            always.append((index, wrong, right))
    return by_first, always


def _phrase_problems(text: str, lex: Lexicon) -> list[SpellProblem]:
    if not lex.misspelt_phrases:
        return []
    low = text.lower()
    # A phrase found with a non-alphanumeric character (or nothing) before it starts with a whole
    # run of letters/digits of *low*: only the phrases whose first syllable is such a run can be
    # there.  They are looked for in the list's order, as before (two may start at one place).
    by_first, always = _phrase_heads(lex)
    chosen = list(always)
    for first in by_first.keys() & set(_ALNUM_RUN.findall(low)):
        chosen += by_first[first]
    if not chosen:
        return []
    chosen.sort()
    found = []
    for _, wrong, right in chosen:
        start = low.find(wrong)
        while start != -1:
            end = start + len(wrong)
            before_ok = start == 0 or not low[start - 1].isalnum()
            after_ok = end == len(low) or not low[end].isalnum()
            if before_ok and after_ok:
                found.append(SpellProblem(start, len(wrong), text[start:end], KIND_MISSPELT,
                                          match_case(text[start:end], right)))
            start = low.find(wrong, end)
    return found


@lru_cache(maxsize=8192)
def spelling_problems(text: str, user_words: frozenset[str] = frozenset()) -> tuple[SpellProblem, ...]:
    """The misspelt words and phrases of *text*, in order (cached by text and dictionary)."""
    if not text.strip():
        return ()
    lex = lexicon()
    problems: list[SpellProblem] = []
    if not unicodedata.is_normalized("NFC", text):
        for match in re.finditer(r"\S+", text):
            if not unicodedata.is_normalized("NFC", match.group()):
                problems.append(SpellProblem(match.start(), len(match.group()), match.group(), KIND_NFD,
                                             unicodedata.normalize("NFC", match.group())))
        return tuple(problems)
    phrases = _phrase_problems(text, lex)
    if _words_all_clean(text, lex, user_words):
        return tuple(sorted(phrases, key=lambda p: p.offset))
    covered = {i for p in phrases for i in range(p.offset, p.offset + p.length)}
    for offset, word in _word_parts(text):
        if covered and offset in covered:
            continue
        problem = _problem_of(word, lex, user_words)
        if problem is not None:
            problems.append(SpellProblem(offset, len(word), word, problem[0], problem[1]))
    problems.extend(phrases)
    problems.sort(key=lambda p: p.offset)
    return tuple(problems)
