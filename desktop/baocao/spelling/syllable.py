"""The Vietnamese syllable: onset + rhyme + tone, validated by rule.  No Qt, no data files.

A written syllable is split into its tone (one of six) and its toneless
letters; the toneless letters into an onset (``ONSETS``, longest first) and a
rhyme (``RHYMES``).  It is valid when

* onset and rhyme are in the tables and the spelling rules hold (k/gh/ngh
  before i, e, ê; c/g/ng elsewhere; q only as "qu");
* a rhyme closed by c, ch, p or t carries the sắc or nặng tone;
* the tone mark sits where Vietnamese puts it — both the old placement
  (hòa, thủy, khỏe) and the new one (hoà, thuỷ, khoẻ) are accepted.

Both precomposed (NFC) and decomposed input are read; case is ignored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: combining mark → tone name
TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}
TONE_OF_MARK = {mark: name for mark, name in TONE_MARKS.items()}
MARK_OF_TONE = {name: mark for mark, name in TONE_MARKS.items()}
VOWELS = frozenset("aăâeêioôơuưy")
MODIFIED_VOWELS = frozenset("ăâêôơư")
STOP_CODAS = ("c", "ch", "p", "t")

ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")

_RHYME_TEXT = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu y
iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oong ooc
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oem oen oeo oet
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u uc ui um un ung up ut
ua uân uâng uât uây
uê uêch uênh
uy uya uych uyên uyêt uyn uynh uyp uyt uyu
uôc uôi uôm uôn uông uôt
uơ
ư ưc ưi ưm ưn ưng ưt ưu ưa
ươc ươi ươm ươn ương ươp ươt ươu
yêm yên yêng yêt yêu
"""
RHYMES = frozenset(_RHYME_TEXT.split())
#: after "qu" the u belongs to the onset: these rhymes follow it ("quy", "quýt", "quyết", "quỳnh")
QU_RHYMES = frozenset({r for r in RHYMES if r[0] not in "uoư"} | {"y", "ych", "yn", "ynh", "yp", "yt", "yu",
                                                                   "yên", "yêt", "yêu", "ơ"}) - {"yêm", "yêng"}
#: after "gi" the i is part of the onset, and the rhymes iê… are written ê… ("giếng", "giết")
GI_RHYMES = frozenset({r for r in RHYMES if not r.startswith(("i", "y"))} | {"êng", "êc", "êt"})
_FRONT = ("i", "e", "ê", "y")
# "ky", "kỳ": k is also written before y
_ONSET_FRONT_ONLY = {"k": _FRONT, "gh": ("i", "e", "ê"), "ngh": ("i", "e", "ê")}
_ONSET_NOT_FRONT = {"c": _FRONT, "ng": ("i", "e", "ê"), "g": ("e", "ê")}
_OPEN_NEW_STYLE = frozenset({"oa", "oe", "uy"})        # hoà/hòa, khoẻ/khỏe, thuỷ/thủy


@dataclass(frozen=True)
class Syllable:
    """A parsed syllable: toneless letters (lower case), onset, rhyme, tone and where its mark sits."""

    letters: str
    onset: str
    rhyme: str
    tone: str              # "ngang" when unmarked
    mark_index: int | None  # index in ``letters`` of the vowel carrying the tone mark


def _decompose(text: str) -> tuple[str, str, int | None] | None:
    """(toneless lower-case letters, tone, index of the marked letter); None when two tone marks."""
    letters: list[str] = []
    tone, index = "ngang", None
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in TONE_MARKS:
            if tone != "ngang" or not letters:
                return None
            tone, index = TONE_MARKS[char], len(letters) - 1
        elif unicodedata.combining(char):
            if not letters:
                return None
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        else:
            letters.append(char)
    return "".join(letters), tone, index


def _split(letters: str) -> tuple[str, str] | None:
    """The onset and rhyme of toneless *letters* (None when no onset fits)."""
    for onset in ONSETS:
        if not letters.startswith(onset):
            continue
        rhyme = letters[len(onset):]
        if onset == "gi" and rhyme and rhyme[0] not in VOWELS:
            continue                     # "gìn", "gì": g + in, g + i
        if onset == "gi" and not rhyme:
            continue
        if onset == "qu" and not rhyme:
            continue
        return onset, rhyme
    return None


def _rhyme_ok(onset: str, rhyme: str) -> bool:
    if onset == "qu":
        return rhyme in QU_RHYMES
    if onset == "gi":
        return rhyme in GI_RHYMES
    if onset == "q":
        return False
    if onset == "" and rhyme.startswith(("iê", "i")) and rhyme in ("iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu"):
        return False                     # without onset these are written yê… (yên, yêu)
    if rhyme.startswith("yê") and onset not in ("", "qu"):
        return False
    if rhyme == "ia" and onset == "":
        return True
    front_only = _ONSET_FRONT_ONLY.get(onset)
    if front_only and not rhyme.startswith(front_only):
        return False
    not_front = _ONSET_NOT_FRONT.get(onset)
    if not_front and rhyme.startswith(not_front):
        return False
    if onset == "g" and rhyme.startswith("i") and rhyme not in ("i", "in", "im", "inh", "ich", "it", "ip", "iu"):
        return False
    return rhyme in RHYMES


def tone_positions(onset: str, rhyme: str) -> frozenset[int]:
    """Indices in onset+rhyme where the tone mark may sit (old and new placement)."""
    start = len(onset)
    vowels = [i for i, ch in enumerate(rhyme) if ch in VOWELS]
    if onset == "g" and rhyme.startswith("i") and len(vowels) == 1:
        return frozenset({start + vowels[0]})
    if not vowels:
        return frozenset()
    modified = [i for i in vowels if rhyme[i] in MODIFIED_VOWELS]
    if modified:
        return frozenset({start + modified[-1]})
    closed = rhyme[-1] not in VOWELS
    if closed or len(vowels) == 1:
        return frozenset({start + vowels[-1]})
    if len(vowels) == 3:
        return frozenset({start + vowels[1]})
    pair = rhyme[vowels[0]] + rhyme[vowels[1]]
    if pair in _OPEN_NEW_STYLE:
        return frozenset({start + vowels[0], start + vowels[1]})
    return frozenset({start + vowels[0]})


@lru_cache(maxsize=65536)
def parse_syllable(word: str) -> Syllable | None:
    """The syllable *word* when it is a valid Vietnamese syllable, else None."""
    decomposed = _decompose(word)
    if decomposed is None:
        return None
    letters, tone, index = decomposed
    if not letters or not all(ch.isalpha() for ch in letters):
        return None
    split = _split(letters)
    if split is None:
        return None
    onset, rhyme = split
    if not _rhyme_ok(onset, rhyme):
        return None
    if rhyme.endswith(STOP_CODAS) and tone not in ("sac", "nang"):
        return None
    if index is not None and index not in tone_positions(onset, rhyme):
        return None
    return Syllable(letters, onset, rhyme, tone, index)


def is_valid_syllable(word: str) -> bool:
    """True when *word* is a well-formed Vietnamese syllable (either tone placement)."""
    return parse_syllable(word) is not None


def with_tone(letters: str, tone: str, modern: bool = False) -> str | None:
    """Toneless *letters* written with *tone* at its usual place (old style unless *modern*); NFC."""
    split = _split(letters)
    if split is None:
        return None
    onset, rhyme = split
    positions = sorted(tone_positions(onset, rhyme))
    if tone == "ngang":
        return letters
    if not positions:
        return None
    at = positions[-1] if modern else positions[0]
    return unicodedata.normalize("NFC", letters[:at + 1] + MARK_OF_TONE[tone] + letters[at + 1:])


def misplaced_tone(word: str) -> str | None:
    """For a syllable whose only fault is where the tone sits ("hoá" is fine, "hóan" is not), the right form."""
    decomposed = _decompose(word)
    if decomposed is None or decomposed[1] == "ngang":
        return None
    letters, tone, _ = decomposed
    fixed = with_tone(letters, tone)
    if fixed is None or not is_valid_syllable(fixed):
        return None
    return match_case(word, fixed)


def match_case(model: str, word: str) -> str:
    """*word* in the case pattern of *model* (Title, UPPER or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
