"""The preview worker sent only what changed: after every kind of edit its document and HTML are a fresh render's.

The worker keeps the draft and changes it with ``DraftDelta``s (``render/draft_delta.py``), reuses the
parts of the render whose input is the same object (``render/preview_memo.py``) and sends back the pieces
of the HTML that changed with the document's summary (``render/doc_summary.py``).  Each step below edits the
window's draft through an undoable edit, sends the rows it touched and compares the result with
``render_draft`` + ``document_to_html`` of the same draft in this process (no caches).
"""

from __future__ import annotations

import copy
import pickle
import random
import sys
from pathlib import Path

import pytest

from baocao.edits import SetExtra, SetFieldValue, SetMeta, SetSectionBody, SetSectionStatus, SetTableRows
from baocao.model.richtext import Note, Para, Span
from baocao.render import render_draft
from baocao.render.doc_summary import summarize
from baocao.render.draft_delta import apply_delta, draft_shape, make_delta
from baocao.render.worker import PreviewWorker
from baocao.session import edit_keys
from baocao.template import load_pack_dir
from baocao.writers.html import document_to_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))


@pytest.fixture
def worker():
    w = PreviewWorker()
    yield w
    w.stop()


def _edits(draft, pack, rng: random.Random):
    """A fixed mix of edits of the draft (built lazily: each from the draft as the previous left it)."""
    leaves = [s.id for s in pack.sections if not s.children and draft.section(s.id).body]
    tables = sorted(draft.tables)

    def typing():
        section = rng.choice(leaves)
        body = copy.deepcopy(draft.section(section).body)
        body[0].content.append(Span(f" thêm {rng.randrange(1000)}"))
        return SetSectionBody.make(draft, section, body, typing=True)

    def footnote():
        section = leaves[rng.randrange(min(3, len(leaves)))]          # early: every later number moves
        body = copy.deepcopy(draft.section(section).body)
        body[0].content.insert(1, Note([[Span("Chú thích mới.")]]))
        return SetSectionBody.make(draft, section, body)

    def new_paragraph():
        section = rng.choice(leaves)
        body = [*draft.section(section).body, Para([Span("Đoạn mới, có "), Span("chữ đậm", bold=True)], "dash")]
        return SetSectionBody.make(draft, section, body)

    def table():
        table_id = rng.choice(tables)
        rows = copy.deepcopy(draft.tables[table_id])
        if rows:
            key = next((k for k, v in rows[0].items() if isinstance(v, int)), None) or next(iter(rows[0]))
            rows[rng.randrange(len(rows))][key] = rng.randrange(1, 500)
        return SetTableRows.make(draft, table_id, rows)

    def meta():
        new = copy.deepcopy(draft.meta)
        new.place = rng.choice(["Gia Nghĩa", "Đắk Nông", "Buôn Ma Thuột"])
        return SetMeta.make(draft, new)

    def status():
        from baocao.constants import SectionStatus

        return SetSectionStatus.make(draft, rng.choice(leaves), SectionStatus.DONE)

    def field():
        spec = next((s for s in pack.sections if s.fields), None)
        if spec is None:
            return typing()
        return SetFieldValue.make(draft, spec.id, spec.fields[0].key, str(rng.randrange(1, 99)))

    def extra():
        return SetExtra.make(draft, "thu-nghiem", {"n": rng.randrange(100)})

    return [typing, footnote, typing, table, new_paragraph, meta, status, field, extra, typing, footnote, table]


def _check(result, draft, pack):
    assert result.error is None and not result.resend
    expected = render_draft(draft, pack)
    assert result.summary == summarize(expected)
    assert result.html == document_to_html(expected, standalone=False)


@pytest.mark.parametrize("which", ["sample", "large"])
def test_deltas_give_a_fresh_render(worker, which, pack, sample_draft, tmp_path):
    if which == "large":
        import large_report

        pack = load_pack_dir(large_report.write_pack(tmp_path))
        draft = large_report.build_draft()
    else:
        draft = copy.deepcopy(sample_draft)
    base = ("test", 1)
    first = worker.render(pack, 1, pickle.dumps(draft), base)
    _check(first, draft, pack)
    rng = random.Random(16)
    request, deltas, shape = 1, 0, draft_shape(draft)
    for rounds in range(2):
        for make in _edits(draft, pack, rng):
            edit = make()
            edit.apply(draft)
            request += 1
            if draft_shape(draft) != shape:        # a new extra: the whole draft goes, as the window does
                shape = draft_shape(draft)
                result = worker.render(pack, request, pickle.dumps(draft), base)
            else:
                delta = make_delta(draft, edit_keys(edit))
                assert delta is not None
                result = worker.render(pack, request, pickle.dumps(delta), base, delta=True)
                deltas += 1
            _check(result, draft, pack)
    assert worker.starts == 1 and deltas >= 20


def test_a_delta_for_another_draft_asks_for_the_whole_draft(worker, pack, sample_draft):
    draft = copy.deepcopy(sample_draft)
    assert worker.render(pack, 1, pickle.dumps(draft), ("a", 1)).error is None
    delta = make_delta(draft, {"meta"})
    other = worker.render(pack, 2, pickle.dumps(delta), ("b", 2), delta=True)     # another window's draft
    assert other.resend and other.html is None
    worker.stop()
    again = worker.render(pack, 3, pickle.dumps(delta), ("a", 1), delta=True)      # a new child holds nothing
    assert again.resend
    assert worker.render(pack, 4, pickle.dumps(draft), ("a", 1)).error is None
    draft.sections.pop(next(iter(draft.sections)))                                 # the shape changed
    shaped = worker.render(pack, 5, pickle.dumps(make_delta(draft, set())), ("a", 1), delta=True)
    assert shaped.resend


def test_draft_delta_round_trip(sample_draft):
    window = copy.deepcopy(sample_draft)
    held = copy.deepcopy(sample_draft)
    section = next(iter(window.sections))
    table = next(iter(window.tables))
    window.sections[section].body = [Para.of("Một đoạn khác.")]
    window.tables[table] = []
    window.meta.place = "Gia Nghĩa"
    delta = make_delta(window, {f"s:{section}", f"t:{table}", "meta"})
    assert apply_delta(held, pickle.loads(pickle.dumps(delta)))
    assert held == window
    window.extras["thu-nghiem"] = [1, 2]                   # a new row: another shape, the whole draft must go
    assert not apply_delta(held, make_delta(window, {"x:thu-nghiem"}))
    assert held != window
    assert make_delta(window, {"info:template_id"}) is None
