"""Faster text paths of the renderer give the same text (issue 16: output unchanged)."""

from __future__ import annotations

import random
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from baocao.template.markup import _WS, collapse_whitespace

WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


def test_every_unicode_space_collapses_like_the_regex():
    assert len(WHITESPACE) >= 25           # \t \n … \xa0 \u2000–\u200a \u3000
    for char in WHITESPACE:
        for text in (char, f"a{char}b", f"{char}a{char}{char}b{char}", f"{char} {char}"):
            assert collapse_whitespace(text) == _WS.sub(" ", text), repr(text)


def test_random_mixtures_like_the_regex():
    rng = random.Random(16)
    alphabet = WHITESPACE + list("ab ,.Đđ\u200b\ufeff\u0301")
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert collapse_whitespace(text) == _WS.sub(" ", text), repr(text)


@settings(max_examples=2000, deadline=None)
@given(st.text())
def test_any_text_like_the_regex(text):
    assert collapse_whitespace(text) == _WS.sub(" ", text)
