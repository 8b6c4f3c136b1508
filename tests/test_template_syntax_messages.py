"""A maintainer's Jinja mistakes are explained in Vietnamese (no untranslated English in the common cases)."""

from __future__ import annotations

import jinja2
import pytest

from baocao.template.jinja_env import syntax_text

MISTAKES = ["{% if %}x{% endif %}", "{% %}", "{{ a ~~ }}", "{{ $ }}", "{% if x %}",
            "{% for a in b %}{% endif %}", "{{ a }"]


@pytest.mark.parametrize("source", MISTAKES)
def test_common_syntax_mistakes_read_in_vietnamese(source):
    with pytest.raises(jinja2.TemplateSyntaxError) as info:
        jinja2.Environment().parse(source)
    text = syntax_text(info.value.message or "")
    assert "thông báo gốc" not in text, text
    assert not any(word in text for word in ("Expected", "expected", "unexpected", "Encountered")), text
