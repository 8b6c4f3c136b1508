"""Syllable n-grams an office learns from its own approved reports, and real-word errors.  No Qt.

``Model`` counts syllables and pairs of syllables (lower case, within a
sentence).  A *real-word error* is a valid syllable that the model has never
seen next to its neighbours while a confusable spelling of it (s/x, ch/tr,
d/gi/r, l/n, c/t and n/ng endings, hỏi/ngã) is well attested there: "dải
quyết" when the reports say "giải quyết".  ``baocao hoc-tu-vung`` builds the
model (``learn``) and saves it in the user's data folder; checks read it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .model_path import MODEL_FILE, user_model_path  # noqa: F401 - part of this module's interface
from .syllable import _decompose, _split, is_valid_syllable, with_tone

MODEL_FORMAT = "baocao-tu-vung"
MODEL_VERSION = 1
#: a confusable form must be seen this many times beside the neighbours for a finding
MIN_EVIDENCE = 2
#: a syllable the reports use more often than this is taken as meant, wherever it stands
MAX_KNOWN_COUNT = 2
_ONSET_SWAPS = {"s": ("x",), "x": ("s",), "ch": ("tr",), "tr": ("ch",), "d": ("gi", "r"), "gi": ("d", "r"),
                "r": ("d", "gi"), "l": ("n",), "n": ("l",)}
_CODA_SWAPS = (("ng", "n"), ("nh", None), ("ch", None), ("n", "ng"), ("c", "t"), ("t", "c"))
_TONE_SWAPS = {"hoi": "nga", "nga": "hoi"}
_SYLLABLE = re.compile(r"[^\W\d_]+")
_SENTENCE_BREAK = re.compile(r"[.;:!?()\n“”\"]+")


@dataclass(eq=False)            # hashed by identity: per-text results are cached per model
class Model:
    """Counts of syllables and of adjacent pairs ("giải quyết")."""

    unigrams: Counter = field(default_factory=Counter)
    bigrams: Counter = field(default_factory=Counter)
    documents: int = 0

    def add_text(self, text: str) -> None:
        """Count the syllables of *text* (sentences are not joined across punctuation)."""
        for sentence in _SENTENCE_BREAK.split(unicodedata.normalize("NFC", text).lower()):
            words = _SYLLABLE.findall(sentence)
            self.unigrams.update(words)
            self.bigrams.update(f"{a} {b}" for a, b in zip(words, words[1:]))

    def pair(self, first: str, second: str) -> int:
        """How often *first* was followed by *second*."""
        return self.bigrams.get(f"{first} {second}", 0)

    def to_json(self) -> dict:
        """The model as JSON (pairs seen once are dropped to keep the file small)."""
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "documents": self.documents,
                "unigrams": dict(self.unigrams.most_common()),
                "bigrams": {k: v for k, v in self.bigrams.most_common() if v > 1}}

    @classmethod
    def from_json(cls, data: dict) -> "Model":
        """Read ``to_json``'s output (ValueError when it is not a model file)."""
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise ValueError("not a baocao n-gram model")
        return cls(Counter(data.get("unigrams", {})), Counter(data.get("bigrams", {})), int(data.get("documents", 0)))

    def save(self, path: Path) -> None:
        """Write the model atomically."""
        from ..fsutil import write_text_atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(self.to_json(), ensure_ascii=False))


def load_model(path: Path) -> Model | None:
    """The model at *path*, or None when there is none or it cannot be read."""
    try:
        return Model.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=1)
def default_model() -> Model | None:
    """The office's model from the user data folder (None until ``baocao hoc-tu-vung`` has run)."""
    return load_model(user_model_path())


@lru_cache(maxsize=65536)
def confusables(word: str) -> tuple[str, ...]:
    """Valid syllables a drafter may have meant instead of *word* (same case as lower-case *word*)."""
    decomposed = _decompose(word)
    if decomposed is None:
        return ()
    letters, tone, _ = decomposed
    split = _split(letters)
    if split is None:
        return ()
    onset, rhyme = split
    variants = {new + rhyme for new in _ONSET_SWAPS.get(onset, ())}
    for old, new in _CODA_SWAPS:
        if rhyme.endswith(old) and len(rhyme) > len(old):
            if new is not None:
                variants.add(onset + rhyme[: -len(old)] + new)
            break
    tones = [tone] + ([_TONE_SWAPS[tone]] if tone in _TONE_SWAPS else [])
    out = set(same_letters(word))
    for variant in variants | {letters}:
        for t in tones:
            if variant == letters and t == tone:
                continue
            written = with_tone(variant, t)
            if written and is_valid_syllable(written):
                out.add(written)
    return tuple(sorted(out))


_MARK_VARIANTS = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "d": "dđ"}
_TONE_NAMES = ("ngang", "sac", "huyen", "hoi", "nga", "nang")


@lru_cache(maxsize=65536)
def same_letters(word: str) -> tuple[str, ...]:
    """Valid syllables written with the same letters as *word* but other marks ("tròng" → "trồng", "vien" → "viên")."""
    decomposed = _decompose(word)
    if decomposed is None:
        return ()
    base = "".join(ch for ch in unicodedata.normalize("NFD", decomposed[0]) if not unicodedata.combining(ch))
    base = base.replace("đ", "d")
    forms = [""]
    for char in base:
        forms = [f + v for f in forms for v in _MARK_VARIANTS.get(char, char)]
        if len(forms) > 64:
            return ()
    out = set()
    for letters in forms:
        letters = unicodedata.normalize("NFC", letters)
        for tone in _TONE_NAMES:
            written = with_tone(letters, tone)
            if written and written != word.lower() and is_valid_syllable(written):
                out.add(written)
    return tuple(sorted(out))


def real_word_suspects(words: list[str], model: Model, known_pairs: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(index, better word) for syllables of *words* (lower case) that look like real-word errors.

    A pair in *known_pairs* ("một cửa") counts as seen even when the model has not met it.
    """
    found = []
    unigrams = model.unigrams
    for index, word in enumerate(words):
        if unigrams.get(word, 0) > MAX_KNOWN_COUNT or not confusables(word):
            continue                       # a word the reports use often, or nothing it could be mistaken for
        prev = words[index - 1] if index else None
        nxt = words[index + 1] if index + 1 < len(words) else None
        seen = (model.pair(prev, word) if prev else 0) + (model.pair(word, nxt) if nxt else 0)
        seen += (f"{prev} {word}" in known_pairs) + (f"{word} {nxt}" in known_pairs)
        if seen:
            continue                       # seen here: not a slip
        best, best_score = None, 0
        for other in confusables(word):
            score = (model.pair(prev, other) if prev else 0) + (model.pair(other, nxt) if nxt else 0)
            if score > best_score:
                best, best_score = other, score
        if best is not None and best_score >= MIN_EVIDENCE:
            found.append((index, best))
    return found
