"""Vietnamese text in the legacy 8-bit encodings TCVN3 (ABC) and VNI, detected and converted.  No Qt.

Text typed with a TCVN3 (.VnTime) or VNI (VNI-Times) font reaches the
clipboard as the Windows-1252 characters of the font's bytes: "Quy¿t ®Þnh"
(TCVN3) or "Quyeát ñònh" (VNI).  detect_legacy recognises both by
converting and counting how many words become Vietnamese syllables;
convert_legacy gives the Unicode (NFC) text.

* TCVN3: the byte table below is TCVN 5712:1993 (bytes 0x80–0xFF), checked
  against glibc's iconv -f TCVN5712-1 over every byte by the tests
  (tests/test_legacy_text.py).  The ABC fonts use its 0xA1–0xFF half.
* VNI (VNI Windows): a vowel's modifier and tone follow it as separate
  characters — "a" + "ù" = "á", "a" + "â" = "â", "a" + "á" = "ấ", "a" + "ê" = "ă",
  "a" + "é" = "ắ"; "ô" is ơ, "ö" is ư, "ñ" is đ; "i" and "y" with a tone have
  single characters (í ì æ ó ò, î = ỵ).  Table as published in the xvnkb input
  method (Đào Hải Lâm, file vni.h, github.com/lamdao/xvnkb); the mapping is
  generated here from that structure, with a round-trip test over every
  letter and tone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TCVN3 = "tcvn3"
VNI = "vni"
ENCODING_NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}

#: Unicode of TCVN 5712:1993 bytes 0x80..0xFF (generated with iconv -f TCVN5712-1)
TCVN3_HIGH = '\xc0\u1ea2\xc3\xc1\u1ea0\u1eb6\u1eac\xc8\u1eba\u1ebc\xc9\u1eb8\u1ec6\xcc\u1ec8\u0128\xcd\u1eca\xd2\u1ece\xd5\xd3\u1ecc\u1ed8\u1edc\u1ede\u1ee0\u1eda\u1ee2\xd9\u1ee6\u0168\xa0\u0102\xc2\xca\xd4\u01a0\u01af\u0110\u0103\xe2\xea\xf4\u01a1\u01b0\u0111\u1eb0\u0300\u0309\u0303\u0301\u0323\xe0\u1ea3\xe3\xe1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4\u1eae\u1ea6\u1ea8\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\xe8\u1ec2\u1ebb\u1ebd\xe9\u1eb9\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\xec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\xed\u1ecb\xf2\u1ed4\u1ecf\xf5\xf3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\xf9\u1ed6\u1ee7\u0169\xfa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\xfd\u1ef5\u1ed0'
_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")       # sắc, huyền, hỏi, ngã, nặng
_VNI_TONES = ("ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX_TONES = ("á", "à", "å", "ã", "ä")                  # replaces "â" when toned
_VNI_BREVE_TONES = ("é", "è", "ú", "ü", "ë")                       # replaces "ê" when toned
_VNI_BASES = (("a", "a"), ("â", "aâ"), ("ă", "aê"), ("e", "e"), ("ê", "eâ"), ("o", "o"), ("ô", "oâ"), ("ơ", "ô"),
              ("u", "u"), ("ư", "ö"), ("i", "i"), ("y", "y"))
_VNI_I_TONES = ("í", "ì", "æ", "ó", "ò")
_LATIN1_LETTERS = re.compile(r"[\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
#: letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the precomposed toned vowels): never produced by TCVN3/VNI
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                                 "\u1ea0-\u1ef9]")
_WORD = re.compile(r"[^\s,;:!?()\[\]“”\"'.\-/0-9]+")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1)
def vni_table() -> dict[str, str]:
    """Unicode letter → VNI sequence, for every Vietnamese vowel with every tone, both cases, and đ."""
    table: dict[str, str] = {}
    for letter, seq in _VNI_BASES:
        table[letter] = seq
        for index, mark in enumerate(_TONES):
            toned = _nfc(letter + mark)
            if letter in ("â", "ê", "ô"):
                code = seq[0] + _VNI_CIRCUMFLEX_TONES[index]
            elif letter == "ă":
                code = seq[0] + _VNI_BREVE_TONES[index]
            elif letter == "i":
                code = _VNI_I_TONES[index]
            elif letter == "y" and index == 4:
                code = "î"
            else:
                code = seq + _VNI_TONES[index]
            table[toned] = code
    table["đ"] = "ñ"
    for letter, code in list(table.items()):
        table[letter.upper()] = code.upper()
    return {k: v for k, v in table.items() if k != v}


@lru_cache(maxsize=1)
def _vni_decoder() -> tuple[dict[str, str], dict[str, str]]:
    pairs, singles = {}, {}
    for letter, code in vni_table().items():
        (pairs if len(code) == 2 else singles)[code] = letter
    return pairs, singles


def vni_to_unicode(text: str) -> str:
    """Decode VNI text (longest match first)."""
    pairs, singles = _vni_decoder()
    out, index = [], 0
    while index < len(text):
        two = text[index:index + 2]
        if two in pairs:
            out.append(pairs[two])
            index += 2
            continue
        char = text[index]
        out.append(singles.get(char, char))
        index += 1
    return _nfc("".join(out))


def unicode_to_vni(text: str) -> str:
    """Encode Unicode text as VNI characters (for tests and round trips)."""
    table = vni_table()
    return "".join(table.get(char, char) for char in _nfc(text))


def _byte_of(char: str) -> int | None:
    """The 8-bit code a legacy font gave *char* (its Windows-1252 byte, or its Latin-1 code)."""
    code = ord(char)
    if code < 0x80:
        return code
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return code if code < 0x100 else None


def tcvn3_to_unicode(text: str) -> str:
    """Decode TCVN3 text seen through Windows-1252 (ASCII stays as it is)."""
    out = []
    for char in text:
        byte = _byte_of(char)
        out.append(TCVN3_HIGH[byte - 0x80] if byte is not None and byte >= 0x80 else char)
    return _nfc("".join(out))


def unicode_to_tcvn3(text: str) -> str:
    """Encode Unicode text as TCVN3 characters seen through Windows-1252 (for tests)."""
    reverse = {}
    for index, char in enumerate(TCVN3_HIGH):
        if len(char) == 1 and not unicodedata.combining(char):
            reverse.setdefault(char, index + 0x80)
    out = []
    for char in _nfc(text):
        byte = reverse.get(char)
        out.append(bytes([byte]).decode("cp1252", errors="strict") if byte and byte not in _CP1252_HOLES
                   else chr(byte) if byte else char)
    return "".join(out)


_CP1252_HOLES = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
CONVERTERS = {TCVN3: tcvn3_to_unicode, VNI: vni_to_unicode}


def _good_words(text: str) -> int:
    from .spelling.syllable import is_valid_syllable

    return sum(1 for word in _WORD.findall(text) if not word.isascii() and is_valid_syllable(word))


def detect_legacy(text: str) -> str | None:
    """TCVN3 or VNI when *text* reads as Vietnamese only once converted; None for ordinary Unicode text."""
    if not text or not _LATIN1_LETTERS.search(text) or len(_UNICODE_VIETNAMESE.findall(text)) > 3:
        return None                    # no legacy bytes at all, or plainly Unicode Vietnamese already
    before = _good_words(text)
    best, best_gain = None, 0
    for name, convert in CONVERTERS.items():
        converted = convert(text)
        if converted == text:
            continue
        gain = _good_words(converted) - before
        if gain > best_gain:
            best, best_gain = name, gain
    if best is None:
        return None
    words = max(1, len([w for w in _WORD.findall(text) if not w.isascii()]))
    return best if best_gain >= 2 or best_gain / words >= 0.5 else None


def convert_legacy(text: str, encoding: str | None = None) -> str:
    """*text* converted from *encoding* (detected when None) to Unicode NFC; unchanged when not legacy."""
    encoding = encoding or detect_legacy(text)
    return CONVERTERS[encoding](text) if encoding in CONVERTERS else text
