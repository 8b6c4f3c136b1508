"""After each kind of edit the patched preview equals a full rebuild (large report and sample), without a rebuild."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import bench_preview  # noqa: E402
import large_report  # noqa: E402
from baocao.render import render_draft  # noqa: E402
from baocao.ui.preview import PreviewPane, chunk_starts  # noqa: E402
from baocao.ui.preview_render import PreviewRenderer  # noqa: E402
from baocao.writers.html import document_to_html  # noqa: E402


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    from baocao.template import load_pack_dir

    pack = load_pack_dir(large_report.write_pack(tmp_path_factory.mktemp("lon")))
    return pack, large_report.build_draft()


def _pane(qtbot) -> PreviewPane:
    pane = PreviewPane()
    pane.windowing = False          # the whole report laid out: every chunk's patch is compared (window: its own tests)
    qtbot.addWidget(pane)
    pane.resize(466, 700)
    return pane


@pytest.mark.parametrize("kind", bench_preview.KINDS + ("footnote removed", "many digits"))
def test_each_edit_kind_patches_to_the_full_build(qtbot, large, kind):
    pack, original = large
    draft = copy.deepcopy(original)
    leaves = [s.id for s in pack.sections if not s.children and draft.section(s.id).body]
    renderer = PreviewRenderer(pack)
    patched = _pane(qtbot)
    patched.update_html(document_to_html(renderer.render(draft), standalone=False))
    for run in range(1, 3):
        if kind == "footnote removed":
            body = draft.section(leaves[2]).body
            para = next(p for p in body if p.notes())
            para.content = [i for i in para.content if i not in para.notes()[:1]]
        elif kind == "many digits":                 # 9 → 10, 99 → 100: numbers change length
            for _ in range(3):
                bench_preview._edit("footnote", run, draft, leaves).apply(draft)
        else:
            bench_preview._edit(kind, run, draft, leaves).apply(draft)
        document = renderer.render(draft)
        assert document == render_draft(draft, pack)          # the cached render is the full render
        html = document_to_html(document, standalone=False)
        patched.update_html(html)
        if kind in ("footnote", "many digits", "footnote removed"):
            assert patched.patches_pending()          # the chunks out of view wait for idle time …
            qtbot.waitUntil(lambda: not patched.patches_pending(), timeout=10000)
        assert not patched.patches_pending()          # … and get there without being asked
        fresh = _pane(qtbot)
        fresh.update_html(html)
        assert patched.document().toHtml() == fresh.document().toHtml(), f"{kind}, run {run}"
        assert patched._starts == [0, *chunk_starts(patched.document())]
    assert patched.rebuild_count == 1 and patched.patch_count >= 2      # patched in place, never rebuilt
    if kind in ("footnote", "many digits", "footnote removed"):
        assert renderer.shifted > 0                   # later sections reused with their marks shifted


def test_the_sample_patches_too(qtbot, pack, sample_draft):
    from baocao.model.richtext import Note, Span

    renderer = PreviewRenderer(pack)
    patched = _pane(qtbot)
    patched.update_html(document_to_html(renderer.render(sample_draft), standalone=False))
    draft = copy.deepcopy(sample_draft)
    draft.section("nhiem-vu-cap-tren").body[0].content.insert(1, Note([[Span("Chú thích đầu tiên mới.")]]))
    last = [s.id for s in pack.sections if not s.children and draft.section(s.id).body][-1]
    draft.section(last).body.append(draft.section("uu-diem").body[0])
    draft.tables["nhiem-vu-theo-don-vi"][1]["dung_han"] = 4321
    html = document_to_html(renderer.render(draft), standalone=False)
    patched.update_html(html)
    patched.finish_patches()
    fresh = _pane(qtbot)
    fresh.update_html(html)
    assert patched.document().toHtml() == fresh.document().toHtml()
    assert patched.rebuild_count == 1
    assert "4.321" in patched.toPlainText() or "4321" in patched.toPlainText()


@pytest.mark.parametrize("kind", ("typing", "footnote"))
def test_pieces_from_the_worker_patch_to_the_same_document(qtbot, large, kind):
    """The window's chunks are the worker's pieces themselves (one copy of the HTML, each ending with its
    newline): patched from them, the preview equals a full build of the joined HTML."""
    from baocao.writers.html_pieces import PiecesSender, join_pieces

    pack, original = large
    draft = copy.deepcopy(original)
    leaves = [s.id for s in pack.sections if not s.children and draft.section(s.id).body]
    renderer = PreviewRenderer(pack)
    sender, last = PiecesSender(), None
    patched = _pane(qtbot)
    for run in range(3):
        if run:
            bench_preview._edit(kind, run, draft, leaves).apply(draft)
        html = document_to_html(renderer.render(draft), standalone=False)
        pieces = last = join_pieces(sender.delta(html), last)
        patched.update_html(html, pieces)
        patched.finish_patches()
        assert any(chunk is piece for chunk, piece in zip(patched._chunks, pieces))     # shared, not copied
        fresh = _pane(qtbot)
        fresh.update_html(html)
        assert patched.document().toHtml() == fresh.document().toHtml(), f"{kind}, run {run}"
        assert patched._starts == [0, *chunk_starts(patched.document())]
    assert patched.rebuild_count == 1
