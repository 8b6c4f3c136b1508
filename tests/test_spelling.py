"""The syllable validator, the word lists, suggestions, the user dictionary and the n-gram model."""

from __future__ import annotations

import unicodedata

import pytest

from baocao.spelling.ngrams import Model, confusables, load_model, real_word_suspects
from baocao.spelling.suggest import suggestions
from baocao.spelling.syllable import is_valid_syllable, misplaced_tone, parse_syllable, with_tone
from baocao.spelling.telex import telex_decode
from baocao.spelling.words import KIND_INVALID, KIND_MISSPELT, spelling_problems

VALID = ("hòa hoà thủy thuỷ Ủy Uỷ khỏe khoẻ quỳnh quyết quốc già giữa giếng gì gìn nghiêng nghĩa ngành kỹ kỳ "
         "lý tỷ Mỹ yêu yên uyên khuya khuỷu người rượu thuở xoong cửa của mua qua ước ươm được việc Việt "
         "chiến chỉ đạo khiếu nại hoạch điều hành tuyển ngoằn ngoèo oai khoái ngoáy ghế nghề khách xã hội").split()
INVALID = ("nghành ngiệp ghành kà cy ge ngê qoa hóan hòan thủyy gịa tuổii thựcc hạnn chuyểǹ "
           "đảc hòc màc bàt").split()


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables(word):
    assert is_valid_syllable(word)
    assert is_valid_syllable(unicodedata.normalize("NFD", word))       # decomposed input is read too


@pytest.mark.parametrize("word", INVALID)
def test_invalid_syllables(word):
    assert not is_valid_syllable(word)


def test_both_tone_placements_and_only_those():
    for old, new in (("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Ủy", "Uỷ")):
        assert is_valid_syllable(old) and is_valid_syllable(new)
    for wrong in ("hoán" + "", "hóan", "tuyêt", "nguời"):
        assert parse_syllable(wrong) is None or wrong == "hoán"
    assert with_tone("hoa", "huyen") == "hòa" and with_tone("hoa", "huyen", modern=True) == "hoà"
    assert misplaced_tone("hóan") == "hoán" and misplaced_tone("Tòan") == "Toàn"


def test_stop_codas_take_sac_or_nang_only():
    assert is_valid_syllable("các") and is_valid_syllable("hoạt")
    assert not any(is_valid_syllable(w) for w in ("càc", "hoảt", "hoãt", "hoat"))


def test_acronyms_numbers_symbols_places_loanwords_are_never_flagged():
    text = ("UBND, HĐND, PAPI, PCI, ĐBQH, CTr, TTr, XII, 2.573, 1.428,5, 26/KH-UBND, 04-CTr/TU, SARS-CoV-2, "
            "Đắk Nông, Đắk R'lấp, Krông Nô, Cư Jút, Đắk Mil, Gia Nghĩa, online, internet, Zalo, e-mail, v.v.")
    assert spelling_problems(text) == ()


def test_curated_misspellings_single_and_phrase():
    problems = spelling_problems("Các nghành và Chinh phủ, sát nhập xã")
    assert [(p.word, p.kind, p.fix) for p in problems] == [
        ("nghành", KIND_MISSPELT, "ngành"), ("Chinh phủ", KIND_MISSPELT, "Chính phủ"),
        ("sát nhập", KIND_MISSPELT, "sáp nhập")]


def test_user_dictionary_words_are_not_flagged():
    assert [p.word for p in spelling_problems("thôn Yàng")] == ["Yàng"]
    assert spelling_problems("thôn Yàng", frozenset({"yàng"})) == ()


def test_invalid_word_has_kind_and_span():
    text = "Hoàn thành nhiệm vụ đúng hạnn."
    (problem,) = spelling_problems(text)
    assert problem.kind == KIND_INVALID and text[problem.offset:problem.offset + problem.length] == "hạnn"


def test_telex_leftovers():
    assert telex_decode("vieecj") == "việc" and telex_decode("ddaauf") == "đầu" and telex_decode("nguwowif") == "người"
    assert telex_decode("online") is None


def test_suggestions_put_the_likely_word_first():
    assert suggestions("nghành")[0] == "ngành"
    assert suggestions("vieecj")[0] == "việc"
    assert "Toàn" in suggestions("Tòan")
    assert "triển" in suggestions("triễn")[:3]


def test_confusables_and_real_word_suspects():
    assert "giải" in confusables("dải") and "xử" in confusables("sử") and "triển" in confusables("chiển")
    model = Model()
    for _ in range(3):
        model.add_text("Xử lý nghiêm các trường hợp vi phạm. Giải quyết kịp thời kiến nghị.")
    assert real_word_suspects("sử lý nghiêm".split(), model) == [(0, "xử")]
    assert real_word_suspects("xử lý nghiêm".split(), model) == []


def test_model_round_trip(tmp_path):
    model = Model()
    model.add_text("Giải quyết kiến nghị. Giải quyết khiếu nại.")
    model.documents = 1
    path = tmp_path / "m.json"
    model.save(path)
    loaded = load_model(path)
    assert loaded is not None and loaded.pair("giải", "quyết") == 2 and loaded.documents == 1
    path.write_text("{}", encoding="utf-8")
    assert load_model(path) is None
