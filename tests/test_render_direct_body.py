"""Issue 16: a section shown by the default template is built straight from its body (render/direct_body.py).

The direct path must give exactly what the general path gives — body → block markup → the one-line
template → cleaning → ``parse_blocks`` — for any body: the same blocks, the same footnotes in the
same order, the same output count against the render budget.  Compared here on the sample report
(its pack has sections with and without their own template), on the large benchmark report, and on
generated bodies with hostile characters (XML-forbidden, invisible, decomposed Unicode, combining
marks after a tag, markup characters, line breaks, runs of spaces).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baocao.model.richtext import Cite, Note, Para, Span
from baocao.render import renderer as R
from baocao.render.direct_body import body_blocks
from baocao.template import load_pack

BENCH = Path(__file__).resolve().parent.parent / "bench"

#: characters that make the general path read a text otherwise (or that it must keep as they are)
NASTY = ["\u0301", "\u0338", "<", ">", "&", '"', "'", "\x0b", "\x0c", "\x01", "\u200b", "\ufeff", "\u00ad",
         "\r", "\n", "\t", "\u00a0", "  ", "e\u0301", "\u1100\u1161", "ệ", "“", "…", "\ufffc", "\U0001f600"]


def _render(draft, pack, direct: bool):
    """The document, with the direct path on or forced off; the footnotes and the budget spent."""
    from baocao.template import sandbox

    spent = {}
    original_direct, original_budget = R.Renderer._direct, sandbox.render_budget

    def budget(*args, **kwargs):
        context = original_budget(*args, **kwargs)

        class _Watch:
            def __enter__(self):
                self.budget = context.__enter__()
                return self.budget

            def __exit__(self, *exc):
                spent["output_left"] = self.budget.output_left
                return context.__exit__(*exc)

        return _Watch()

    try:
        if not direct:
            R.Renderer._direct = lambda self, *args: None
        R.render_budget = budget
        document = R.Renderer(pack).render(draft)
    finally:
        R.Renderer._direct = original_direct
        R.render_budget = original_budget
    return document, spent["output_left"]


def _assert_same(draft, pack):
    fast, fast_left = _render(draft, pack, direct=True)
    slow, slow_left = _render(draft, pack, direct=False)
    assert fast.body == slow.body
    assert fast.footnotes == slow.footnotes
    assert fast == slow
    assert fast_left == slow_left                  # the same output counted against MAX_OUTPUT_CHARS
    return fast


def test_the_sample_report_renders_the_same(sample_draft):
    pack = load_pack(sample_draft.template_id)
    assert any(not s.template for s in pack.sections), "the shipped pack has sections on the default template"
    document = _assert_same(sample_draft, pack)
    assert document.footnotes


def test_the_direct_path_is_taken_for_plain_text_and_left_for_hostile_text():
    body = [Para([Span("Đã ban hành "), Span("15", bold=True), Span(" văn bản"), Note.of("Chú thích.")])]
    blocks, notes, size = body_blocks(body, 1, "I.1")
    assert [type(b).__name__ for b in blocks] == ["Paragraph"] and len(notes) == 1 and size > 0
    assert body_blocks([Para([Span("Ký tự lạ \x01 ở đây")])], 1, "I.1") is None
    assert body_blocks([Para([Span("a"), Span("\u0301", bold=True)])], 1, "I.1") is None
    assert body_blocks([Para([Span("e\u0301")])], 1, "I.1") is None          # not NFC


@pytest.mark.slow
def test_the_large_benchmark_report_renders_the_same(tmp_path, monkeypatch):
    sys.path.insert(0, str(BENCH))
    import large_report

    large_report.write_pack(tmp_path)
    monkeypatch.setenv("BAOCAO_TEMPLATES", str(tmp_path))
    pack = load_pack(large_report.PACK_ID)
    assert all(not s.template for s in pack.sections)
    _assert_same(large_report.build_draft(), pack)


_text = st.lists(st.sampled_from(NASTY) | st.text(alphabet="aăâbđeêô ƠỞ.,;-0123456789", min_size=0, max_size=8),
                 min_size=0, max_size=5).map("".join)
_span = st.builds(Span, _text, st.booleans(), st.booleans())
_note = st.builds(Note, st.lists(st.lists(_span, max_size=3), max_size=3))
_para = st.builds(Para, st.lists(_span | _note, max_size=5),
                  st.sampled_from(["text", "dash", "plus", "number"]))


def _outcome(draft, pack, direct: bool):
    from baocao.errors import TemplateError

    try:
        return _render(draft, pack, direct)
    except TemplateError as exc:                   # a markup error must be the same error both ways
        return type(exc).__name__, exc.user_text()


@settings(max_examples=150, deadline=None)
@given(bodies=st.lists(st.lists(_para, max_size=4), min_size=1, max_size=3))
def test_generated_bodies_render_the_same(bodies):
    from baocao.samples import load_sample

    draft = load_sample()
    pack = load_pack(draft.template_id)
    plain = [s.id for s in pack.sections if not s.template]
    for index, body in enumerate(bodies):
        draft.section(plain[index % len(plain)]).body = body
    assert _outcome(draft, pack, True) == _outcome(draft, pack, False)


def test_citations_in_bodies_and_notes_render_the_same(sample_draft):
    from baocao.register import register_entries

    pack = load_pack(sample_draft.template_id)
    entries = register_entries(sample_draft)
    assert entries, "the sample has a register"
    plain = [s.id for s in pack.sections if not s.template]
    rng = random.Random(16)
    for section_id in plain[:4]:
        entry = rng.choice(entries)
        sample_draft.section(section_id).body = [
            Para([Span("Theo "), Cite(entry.id), Span(" và "), Note([[Span("Xem "), Cite(entry.id)]])]),
            Para([Cite(rng.choice(entries).id), Span(" đã", italic=True)], "dash")]
    _assert_same(sample_draft, pack)


def test_a_body_past_the_output_limit_fails_the_same_way(sample_draft):
    """The direct path counts the markup's length against the render budget, as the template's output."""
    from baocao.template import limits

    pack = load_pack(sample_draft.template_id)
    plain = [s.id for s in pack.sections if not s.template]
    words = "Nội dung dài " * (limits.MAX_OUTPUT_CHARS // 13 // 40 + 1)
    sample_draft.section(plain[0]).body = [Para([Span(words)]) for _ in range(41)]
    fast = _outcome(sample_draft, pack, True)
    assert isinstance(fast, tuple) and fast[0] == "RenderLimitError", fast
    assert fast == _outcome(sample_draft, pack, False)
