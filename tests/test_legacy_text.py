"""TCVN3 (ABC) and VNI: tables checked against glibc's iconv and by round trips; detection."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from baocao.legacy_text import (
    TCVN3, TCVN3_HIGH, VNI, convert_legacy, detect_legacy, tcvn3_to_unicode, unicode_to_tcvn3, unicode_to_vni,
    vni_table, vni_to_unicode,
)

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
#: every Vietnamese letter with every tone, both cases, and đ/Đ (134 + 2 letters)
LETTERS = sorted({unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES}
                 | {unicodedata.normalize("NFC", b.upper() + t) for b in BASES for t in TONES} | {"đ", "Đ"})


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
def test_tcvn3_table_matches_glibc_iconv_for_every_byte():
    for byte in range(0x80, 0x100):
        out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]),
                             capture_output=True, check=True).stdout.decode("utf-8")
        assert TCVN3_HIGH[byte - 0x80] == out, hex(byte)


#: capitals TCVN 5712 puts among the control codes (VN1 only; the ABC fonts write capitals with a
#: separate upper-case font instead): they cannot travel through a clipboard as text
CONTROL_RANGE_CAPITALS = frozenset("ÚỤỪỬỮỨỰỲỶỸÝỴ")


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
def test_every_vietnamese_letter_through_iconv():
    """Unicode → TCVN 5712 bytes by iconv, then our decoder of those bytes (seen as Windows-1252) → the letter."""
    checked = 0
    for letter in LETTERS:
        result = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=letter.encode("utf-8"),
                                capture_output=True)
        assert result.returncode == 0, letter
        if any(b < 0x20 for b in result.stdout):
            assert letter in CONTROL_RANGE_CAPITALS, letter
            continue
        seen = "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
                       for b in result.stdout)
        assert tcvn3_to_unicode(seen) == letter, letter
        checked += 1
    assert checked == len(LETTERS) - len(CONTROL_RANGE_CAPITALS)
    assert all(letter in LETTERS for letter in CONTROL_RANGE_CAPITALS)


def test_tcvn3_round_trip_over_every_letter():
    for letter in LETTERS:
        if letter not in CONTROL_RANGE_CAPITALS:
            assert tcvn3_to_unicode(unicode_to_tcvn3(letter)) == letter, letter


def test_vni_round_trip_over_every_letter_and_tone():
    table = vni_table()
    assert len(table) >= len(LETTERS) - 2 * 6 - 4     # a, e, i, o, u, y (both cases) and í ì Í Ì are themselves
    for letter in LETTERS:
        assert vni_to_unicode(unicode_to_vni(letter)) == letter, letter
    text = "Người dân được hưởng lợi từ Chương trình mục tiêu quốc gia; ĐẮK NÔNG, Quyết định"
    assert vni_to_unicode(unicode_to_vni(text)) == text


def test_vni_table_samples_from_the_published_table():
    """Spot checks against the VNI Windows table (xvnkb vni.h)."""
    assert unicode_to_vni("á à ả ã ạ") == "aù aø aû aõ aï"
    assert unicode_to_vni("ấ ầ ẩ ẫ ậ") == "aá aà aå aã aä"
    assert unicode_to_vni("ắ ằ ẳ ẵ ặ") == "aé aè aú aü aë"
    assert unicode_to_vni("ơ ư đ Đ ỵ ỉ") == "ô ö ñ Ñ î æ"
    assert unicode_to_vni("Việt Nam") == "Vieät Nam"


SENTENCE = "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành thực hiện nghiêm Quyết định số 42/QĐ-UBND."


def test_detection_and_conversion():
    assert detect_legacy(unicode_to_tcvn3(SENTENCE)) == TCVN3
    assert detect_legacy(unicode_to_vni(SENTENCE)) == VNI
    assert convert_legacy(unicode_to_tcvn3(SENTENCE)) == SENTENCE
    assert convert_legacy(unicode_to_vni(SENTENCE)) == SENTENCE


@pytest.mark.parametrize("text", [SENTENCE, "Café au lait, naïve, São Paulo — Zürich", "UBND tỉnh", "",
                                  "Giá 1.000 € (50%) ± 2°"])
def test_ordinary_text_is_not_legacy(text):
    assert detect_legacy(text) is None
    assert convert_legacy(text) == text
