"""Syllables in real use: the machine's Hunspell list read safely, and the hint for well-formed unused syllables."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from baocao.spelling import lexicon as lexicon_module
from baocao.spelling import system_dictionary as sd
from baocao.spelling import words as words_module
from baocao.spelling.suggest import suggestions
from baocao.spelling.words import KIND_UNATTESTED, spelling_problems

SYSTEM_DIC = Path("/usr/share/hunspell/vi_VN.dic")


def _write_dic(path: Path, words: list[str]) -> Path:
    path.write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    return path


def test_a_hunspell_file_is_read_and_looked_up_in_both_tone_placements(tmp_path):
    dic = _write_dic(tmp_path / "vi_VN.dic", ["hoà", "khoẻ/12", "đến", "UBND", "xin chào", "thuỷ", "a1"])
    words = sd.read_dictionary(dic)
    assert words == {"hoà", "khoẻ", "đến", "thuỷ"}                       # flags cut; no acronym, phrase, digits
    lex = replace(lexicon_module.lexicon(), attested=words | {"qwz"}, attested_complete=True)
    for word in ("hòa", "hoà", "khỏe", "khoẻ", "Đến", "thủy"):              # old and new placement, any case
        assert lex.is_attested(word), word
    assert not lex.is_attested("đén") and not lex.is_attested("qwzz")
    assert sd.placements("hòa") == {"hòa", "hoà"} and sd.placements("xyz1") == frozenset()


def test_an_oversized_or_missing_dictionary_is_ignored(tmp_path, monkeypatch):
    big = tmp_path / "vi_VN.dic"
    big.write_bytes(b"1\n" + b"a" * (sd.MAX_DICTIONARY_BYTES + 10))
    assert sd.read_dictionary(big) == frozenset()
    assert sd.read_dictionary(tmp_path / "khong-co.dic") == frozenset()
    monkeypatch.setenv(sd.ENV_DICTIONARY, "")                   # empty: use none
    assert sd.find_dictionary() is None
    monkeypatch.setenv(sd.ENV_DICTIONARY, str(big))
    assert sd.find_dictionary() == big


@pytest.fixture
def complete_lexicon(monkeypatch):
    """The shipped lists plus a wide attested list (as with a machine dictionary), for this test only."""
    base = lexicon_module.lexicon()
    keys = set(base.attested) | {"đến", "đợi", "chờ", "văn", "bản", "nhận", "tiếp"}
    wide = replace(base, attested=frozenset(keys), attested_complete=True)
    monkeypatch.setattr(words_module, "lexicon", lambda: wide)
    monkeypatch.setattr("baocao.spelling.suggest.lexicon", lambda: wide)
    words_module.spelling_problems.cache_clear()
    yield wide
    words_module.spelling_problems.cache_clear()


def test_a_well_formed_unused_syllable_is_a_hint_with_attested_suggestions(complete_lexicon):
    problems = spelling_problems("tiếp nhận văn bản đén và chờ đợi")
    assert [(p.word, p.kind, p.offset) for p in problems] == [("đén", KIND_UNATTESTED, 18)]
    assert problems[0].fix is None                                  # not a safe automatic fix
    assert "đến" in suggestions("đén")
    assert all(complete_lexicon.is_attested(s) for s in suggestions("đén"))


def test_capitalised_words_and_thin_lists_never_give_the_hint(complete_lexicon, monkeypatch):
    assert spelling_problems("Đén là tên riêng") == ()                 # may be a name
    thin = replace(complete_lexicon, attested_complete=False)
    monkeypatch.setattr(words_module, "lexicon", lambda: thin)
    words_module.spelling_problems.cache_clear()
    assert spelling_problems("văn bản đén") == ()


@pytest.mark.skipif(not SYSTEM_DIC.is_file(), reason="Debian's hunspell-vi is not installed (.ci/run installs it)")
def test_the_sample_and_the_evaluation_prose_stay_clean_with_the_system_dictionary(tmp_path):
    """LibreOffice's Vietnamese list makes the hint possible; our own clean texts must raise none."""
    keys = sd.read_dictionary(SYSTEM_DIC)
    assert len(keys) >= sd.MIN_COMPLETE_SYLLABLES
    wide = lexicon_module.load_lexicon(lexicon_module.resources_dir() / lexicon_module.SPELLING_DIR, keys)
    assert wide.attested_complete
    clean = (Path(__file__).resolve().parent.parent / "bench" / "eval_checks" / "van-ban-sach.txt").read_text("utf-8")
    from baocao.samples import load_sample
    from baocao.model.richtext import Para

    sample = load_sample()
    texts = clean.splitlines() + [p.plain_text() for data in sample.sections.values() for p in data.body
                                  if isinstance(p, Para)]
    unused = sorted({w for text in texts for w in text.replace(",", " ").replace(".", " ").split()
                     if w.islower() and w.isalpha() and sd.placements(w) and not wide.is_attested(w)})
    assert unused == []
