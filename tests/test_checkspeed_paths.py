"""The fast paths of the checks (issue 16, ``baocao check``) give exactly what the plain ways give.

Each faster way of a rule is compared with the plain way it replaced (kept here as the
reference, written as the rule was before the speed work) on many random strings built from
the letters, words and marks where the two could differ (capitals, İ, Σ, ß, digits, "_",
hyphens, curated phrases, Telex leftovers), and on every text of the large report.
``baocao check FILE [--json] [--no-cache]`` read without argparse gives the same arguments
as the parser.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: pieces of the random strings: where case folding, word boundaries and chunks differ
TOKENS = ("các", "Các", "CÁC", "vi", "hành", "phạm", "quan", "cơ", "tâm", "ngày", "A", "a", "x2", "²", "Ⅻ", "İ",
          "i̇", "i", "ΑΣ", "ας", "σ", "ς", "ǅ", "ǆ", "K", "\u212a", "k", "\u017f", "s", "S", "\ufb01", "\u1e9e", "ß", "_",
          "1", ".", ",", "-", "–", "\x01", "chinh", "phủ", "sử", "lý", "đ", "hienj", "tuc", "UBND", "KH-UBND",
          "Covid", "COVID", "19", "Đắk", "R’lấp", "(", ")", "“", "”", "hành vi", "vi phạm", "cơ quan", "quan tâm",
          "ngày ngày")
SEPARATORS = (" ", " ", " ", "", "  ", ", ", "-", "_")


def _random_texts(seed: int, count: int, tokens=TOKENS, separators=SEPARATORS) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(tokens) + rng.choice(separators) for _ in range(rng.randint(1, 14)))
            for _ in range(count)]


@pytest.fixture(scope="module")
def large_texts(tmp_path_factory) -> list[str]:
    """Every distinct text unit of the large report of the benchmark."""
    sys.path.insert(0, str(ROOT / "bench"))
    import large_report
    from baocao.checks.textunits import draft_units
    from baocao.template.manifest import load_manifest

    folder = tmp_path_factory.mktemp("lon")
    large_report.write_pack(folder)
    pack = load_manifest(folder / large_report.PACK_ID)
    return list(dict.fromkeys(u.text for u in draft_units(large_report.build_draft(), pack)))


def test_repeated_words_in_one_pass_equal_the_word_by_word_way(large_texts):
    from baocao.checks.typography import _repeated_by_words, repeated_word_hits

    texts = _random_texts(1, 20_000) + large_texts
    found = 0
    for text in texts:
        assert repeated_word_hits(text) == _repeated_by_words(text), text
        found += len(_repeated_by_words(text))
    assert found > 1000                       # the strings do hold repeated words (and legitimate ones)


def _plain_spelling(text: str, user_words: frozenset[str] = frozenset()):
    """``spelling_problems`` walking every word (no clean-chunk shortcut)."""
    from baocao.spelling import words

    saved = words._words_all_clean
    words._words_all_clean = lambda *args: False
    try:
        return words.spelling_problems.__wrapped__(text, user_words)
    finally:
        words._words_all_clean = saved


def test_clean_chunk_shortcut_of_spelling_equals_walking_every_word(large_texts):
    from baocao.spelling import words

    texts = _random_texts(2, 8_000) + large_texts
    problems = 0
    for user_words in (frozenset(), frozenset({"hienj", "tuc"})):
        words._CLEAN_CHUNKS.clear()
        for text in texts:
            want = _plain_spelling(text, user_words)
            assert words.spelling_problems.__wrapped__(text, user_words) == want, text
            problems += len(want)
    assert problems > 1000


def _plain_phrases(text, lex):
    """Curated phrases found by ``str.find`` of every phrase (the way before the first-syllable filter)."""
    from baocao.spelling.syllable import match_case
    from baocao.spelling.words import KIND_MISSPELT, SpellProblem

    low, found = text.lower(), []
    for wrong, right in lex.misspelt_phrases.items():
        start = low.find(wrong)
        while start != -1:
            end = start + len(wrong)
            if (start == 0 or not low[start - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
                found.append(SpellProblem(start, len(wrong), text[start:end], KIND_MISSPELT,
                                          match_case(text[start:end], right)))
            start = low.find(wrong, end)
    return found


def test_phrase_filter_by_first_syllable_finds_every_phrase(large_texts):
    from baocao.spelling.lexicon import lexicon
    from baocao.spelling.words import _phrase_problems

    lex = lexicon()
    assert len(lex.misspelt_phrases) > 20
    syllables = [w for phrase in lex.misspelt_phrases for w in phrase.split()]
    tokens = syllables + [p.upper() for p in lex.misspelt_phrases] + ["x", "1", "²", "_", ".", "-", "İ"]
    texts = _random_texts(3, 30_000, tokens, (" ", " ", "", "-", "_", "²")) + large_texts
    found = 0
    for text in texts:
        want = _plain_phrases(text, lex)
        assert _phrase_problems(text, lex) == want, text
        found += len(want)
    assert found > 1000


#: the name pattern of ``consistency`` before its runs of letters were made possessive
_OLD_NAME = re.compile(r"\b[^\W_]+(?:-[^\W_]+)+\b|\b(?=[^\W\d_A-ZĐ]*[A-ZĐ][^\W\d_A-ZĐ]*[A-ZĐ])[^\W\d_]+\b")


def test_possessive_name_pattern_matches_as_before(large_texts):
    from baocao.checks.consistency import _NAME

    pieces = ("A", "b", "Đ", "-", "_", "1", "x2", "COVID", "19", "Covid", "ab", "ĐB", "  ", " ", ".", "²", "é", "Ê")
    rng = random.Random(5)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(60_000)] + large_texts
    matched = 0
    for text in texts:
        want = [m.span() for m in _OLD_NAME.finditer(text)]
        assert [m.span() for m in _NAME.finditer(text)] == want, text
        matched += len(want)
    assert matched > 10_000


@pytest.mark.parametrize("rest", [["f.baocao"], ["f.baocao", "--json"], ["--json", "f"], ["--no-cache", "x", "--json"],
                                  ["x", "--no-cache"], [""]])
def test_plain_check_arguments_read_without_the_parser_equal_the_parsers(rest):
    from baocao.cli import build_parser, cmd_check
    from baocao.cli_checks import simple_check_args

    assert vars(simple_check_args(rest, cmd_check)) == vars(build_parser(core_only=True).parse_args(["check", *rest]))


@pytest.mark.parametrize("rest", [["-h"], ["a", "b"], ["--json", "--json", "a"], [], ["--js", "a"], ["-x"],
                                  ["a", "--help"]])
def test_other_check_arguments_are_left_to_the_parser(rest):
    from baocao.cli import cmd_check
    from baocao.cli_checks import simple_check_args

    assert simple_check_args(rest, cmd_check) is None


def _edited_copy(folder: Path, word: str) -> Path:
    """The large report with *word* typed into its first paragraph, saved in *folder*."""
    sys.path.insert(0, str(ROOT / "bench"))
    import large_report
    from baocao.model.richtext import Span
    from baocao.storage import save_draft

    draft = large_report.build_draft()
    para = next(iter(draft.sections.values())).body[0]
    para.content[0] = Span(para.content[0].text.replace(" ", f" {word} ", 1))
    path = folder / f"sua-{word}.baocao"
    save_draft(draft, path)
    return path


def test_one_paragraph_changed_after_a_check_gives_what_a_fresh_check_gives(tmp_path):
    """The per-string hits, the kept word lists and classes of the first check are reused — same output."""
    sys.path.insert(0, str(ROOT / "bench"))
    import large_report
    from baocao.storage import save_draft
    from helpers import run_cli

    large_report.write_pack(tmp_path / "packs")
    save_draft(large_report.build_draft(), tmp_path / "large.baocao")
    env = {"BAOCAO_TEMPLATES": str(tmp_path / "packs"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = run_cli("check", str(tmp_path / "large.baocao"), env=env)
    assert first.returncode in (0, 1) and first.stderr == ""
    kept = tmp_path / "cache" / "baocao" / "kiem-tra" / "tu-vung"
    assert len(list(kept.glob("*.bin"))) == 1                      # the word lists were kept
    # "lamf" (Telex for "làm") and a repeated word: the new paragraph has hits of its own
    edited = _edited_copy(tmp_path, "lamf các các")
    again = run_cli("check", str(edited), env=env)
    fresh = run_cli("check", str(edited), "--no-cache", env={**env, "XDG_CACHE_HOME": str(tmp_path / "other")})
    assert (again.returncode, again.stdout, again.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert "«lamf»" in again.stdout and "«các» bị lặp" in again.stdout
    assert again.stdout != first.stdout
    # --no-cache writes none of the checks' caches (nor the classes' code); manifests and templates have their own
    assert not (tmp_path / "other" / "baocao" / "kiem-tra").exists() and not (tmp_path / "other" / "baocao" / "code").exists()


def test_kept_word_lists_equal_the_built_ones_and_a_damaged_entry_is_ignored(tmp_path, monkeypatch):
    from dataclasses import fields

    from baocao.paths import resources_dir
    from baocao.spelling import lexicon_cache
    from baocao.spelling.lexicon import SPELLING_DIR, load_lexicon
    from baocao.spelling.system_dictionary import system_syllables

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = load_lexicon(resources_dir() / SPELLING_DIR, system_syllables())
    assert lexicon_cache.cached_lexicon() is None
    lexicon_cache.remember_lexicon(built)
    kept = lexicon_cache.cached_lexicon()
    assert kept is not None and kept is not built
    for field in fields(built):
        assert getattr(kept, field.name) == getattr(built, field.name), field.name
    assert list(kept.misspelt_phrases.items()) == list(built.misspelt_phrases.items())     # order kept
    entry = next((tmp_path / "baocao" / "kiem-tra" / "tu-vung").glob("*.bin"))
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert lexicon_cache.cached_lexicon() is None                  # CRC: built afresh, never wrong
    # an entry of the right key but of another shape is not used either
    from baocao.cache_entries import write_entry

    write_entry(entry.parent, lexicon_cache._key(), lexicon_cache.FORMAT, ("a", "b"), 4)
    assert lexicon_cache.cached_lexicon() is None
    write_entry(entry.parent, lexicon_cache._key(), lexicon_cache.FORMAT, ("x",) * 11 + (True,), 4)
    assert lexicon_cache.cached_lexicon() is None                  # counts that are not numbers


def test_plain_unicode_shortcut_of_the_legacy_rule_changes_nothing(large_texts):
    from baocao.checks import legacy_rule
    from baocao.legacy_text import ENCODING_NAMES, convert_legacy, detect_legacy, unicode_to_tcvn3
    from baocao.checks.hits import Hit

    def plain(text):
        encoding = detect_legacy(text)
        if encoding is None:
            return ()
        name = ENCODING_NAMES[encoding]
        return (Hit(legacy_rule.RULE_LEGACY, "warning", 0, len(text),
                    f"Đoạn này có vẻ được gõ bằng bảng mã cũ {name} nên hiện sai dấu; chuyển sang Unicode để sửa.",
                    convert_legacy(text, encoding), f"Chuyển từ {name} sang Unicode"),)

    rng = random.Random(6)
    vietnamese = ["Ủy ban nhân dân tỉnh đã chỉ đạo", "các sở, ban, ngành", "triển khai thực hiện", "ă", "đ", "ơ"]
    legacy = [unicode_to_tcvn3(v) for v in vietnamese] + ["Ch\u00ednh ph\u00f9", "\u00e1", "x"]
    texts = ["".join(rng.choice(vietnamese + legacy) + " " for _ in range(rng.randint(1, 6))) for _ in range(6_000)]
    texts += [unicode_to_tcvn3(t) for t in large_texts[:50]] + large_texts
    found = 0
    for text in texts:
        want = plain(text)
        assert legacy_rule.legacy_hits.__wrapped__(text) == want, text
        found += len(want)
    assert found > 100                        # legacy-encoded texts are among them
