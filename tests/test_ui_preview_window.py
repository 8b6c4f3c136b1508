"""A long report's preview lays out only the chunks around the view (``ui/preview_window.py``, issue 16)."""

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
from PySide6.QtWidgets import QApplication  # noqa: E402
from baocao.ui.preview import PreviewPane, chunk_starts  # noqa: E402
from baocao.ui.preview_window import (SPACER_ANCHOR, ChunkHeights, chunk_at, choose_window,  # noqa: E402
                                      spacer_html, tops)
from baocao.writers.html import document_to_html  # noqa: E402


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    from baocao.template import load_pack_dir

    pack = load_pack_dir(large_report.write_pack(tmp_path_factory.mktemp("lon")))
    return pack, large_report.build_draft()


def _pane(qtbot, html: str, windowing: bool = True) -> PreviewPane:
    pane = PreviewPane()
    pane.windowing = windowing
    qtbot.addWidget(pane)
    pane.resize(466, 700)
    pane.show()
    pane.update_html(html)
    return pane


def _spacers_in_view(pane: PreviewPane) -> list[int]:
    offset = 1 if pane._lo > 0 else 0
    return [k for k in pane._visible_chunks() if k < offset or k >= offset + pane._hi - pane._lo]


def test_window_sums():
    heights = [100.0, 200.0, 300.0, 400.0]
    assert tops(heights) == [0, 100, 300, 600, 1000]
    assert choose_window(heights, 0, 50, margin_screens=0) == (0, 1)
    assert choose_window(heights, 250, 100, margin_screens=0) == (1, 3)
    assert choose_window(heights, 950, 100, margin_screens=1) == (3, 4)
    assert choose_window(heights, 650, 100, margin_screens=1) == (2, 4)
    assert choose_window([], 0, 100) == (0, 0)
    assert chunk_at(heights, 450) == (2, 0.5)
    measured = ChunkHeights()
    measured.record(0, 1000, 200.0)
    assert measured.heights(["x" * 1000, "y" * 500]) == [200.0, 100.0]      # the other one estimated at 0.2 px/char
    assert measured.heights(["x" * 10]) == [2.0]                           # changed length: estimated again
    assert SPACER_ANCHOR in spacer_html(0) and "line-height:1px" in spacer_html(0)


def test_a_long_report_holds_only_the_chunks_around_the_view(qtbot, large):
    pack, draft = large
    html = document_to_html(render_draft(draft, pack), standalone=False)
    pane = _pane(qtbot, html)
    whole = _pane(qtbot, html, windowing=False)
    assert pane._windowed() and pane._lo == 0
    assert pane.document().characterCount() * 10 < whole.document().characterCount()
    assert pane._starts == [0, *chunk_starts(pane.document())][:len(pane._starts)]
    assert len(pane._starts) == len(pane._chunks)
    height, full = pane.verticalScrollBar().maximum(), whole.verticalScrollBar().maximum()
    assert 0.5 * full < height < 2 * full                  # the scroll bar spans about the whole report
    assert pane.viewport().grab().toImage() == whole.viewport().grab().toImage()   # the top looks the same


def test_scrolling_down_lays_out_every_part_in_turn(qtbot, large):
    pack, draft = large
    html = document_to_html(render_draft(draft, pack), standalone=False)
    pane = _pane(qtbot, html)
    bar = pane.verticalScrollBar()
    seen: set[int] = set()
    for _ in range(2000):
        assert not _spacers_in_view(pane)
        seen.update(range(pane._lo, pane._hi))
        if bar.value() >= bar.maximum():
            break
        bar.setValue(bar.value() + pane.viewport().height() // 2)
        QApplication.processEvents()                       # the scroll bar's range follows the layout    assert bar.value() == bar.maximum()
    assert seen == set(range(len(pane._target)))
    assert pane._hi == len(pane._target) and pane.window_moves > 5
    assert pane.document().characterCount() < 50_000
    assert "Tổng cộng" in pane.toPlainText()               # the last appendix's total row


def test_a_jump_lays_out_the_section_and_shows_its_heading(qtbot, large):
    pack, draft = large
    html = document_to_html(render_draft(draft, pack), standalone=False)
    pane = _pane(qtbot, html)
    leaves = [s for s in pack.sections if not s.children]
    target = leaves[len(leaves) * 2 // 3]
    pane.scroll_to_section(target.id)
    assert pane._lo > 0 and not _spacers_in_view(pane)
    top_block = pane.cursorForPosition(pane.viewport().rect().topLeft()).block()
    shown = pane.cursorForPosition(pane.viewport().rect().center()).block().text()
    assert target.title in top_block.text() or target.title in pane.toPlainText()
    assert shown
    pane.scroll_to_section(leaves[0].id)                    # and back to the top
    assert pane._lo == 0


def test_edits_in_and_out_of_the_window(qtbot, large):
    pack, original = large
    draft = copy.deepcopy(original)
    leaves = [s.id for s in pack.sections if not s.children and draft.section(s.id).body]
    pane = _pane(qtbot, document_to_html(render_draft(draft, pack), standalone=False))
    rebuilds = pane.rebuild_count
    bench_preview._edit("typing", 1, draft, leaves).apply(draft)     # the first section: in view
    html = document_to_html(render_draft(draft, pack), standalone=False)
    pane.update_html(html)
    fresh = _pane(qtbot, html, windowing=False)
    assert pane.rebuild_count == rebuilds                         # patched in place
    window_text = pane.toPlainText()
    assert window_text.strip() in fresh.toPlainText()
    bench_preview._edit("last", 1, draft, leaves).apply(draft)       # the last section: out of the window
    html = document_to_html(render_draft(draft, pack), standalone=False)
    pane.update_html(html)
    assert pane.rebuild_count == rebuilds and pane.toPlainText() == window_text   # nothing to lay out
    last = pack.sections[[s.id for s in pack.sections].index(leaves[-1])]
    pane.scroll_to_section(last.id)
    expected = _pane(qtbot, html, windowing=False).toPlainText()
    shown = pane.toPlainText().strip()
    assert shown in expected and last.title in shown               # laid out as edited
