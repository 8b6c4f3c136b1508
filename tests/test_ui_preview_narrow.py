"""A narrow preview shows the report's header block in one column; patched and full documents stay equal."""

from __future__ import annotations

import copy
import re

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextTable  # noqa: E402

from baocao.render import render_draft  # noqa: E402
from baocao.ui.preview import PreviewPane, chunk_starts  # noqa: E402
from baocao.ui.preview_narrow import HEADER_OPEN, NARROW_PANE_PX, is_narrow, stack_header  # noqa: E402
from baocao.writers.html import document_to_html  # noqa: E402

NARROW, WIDE = 260, 800
#: The preview pane's width in a new window (``main_window``: splitter sizes 300, 600, 466).
DEFAULT_PANE = 466


def _html(draft, pack) -> str:
    return document_to_html(render_draft(draft, pack), standalone=False)


def _pane(qtbot, width: int) -> PreviewPane:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(width, 500)
    pane.show()
    return pane


def _header_table(pane: PreviewPane) -> QTextTable:
    return next(f for f in pane.document().rootFrame().childFrames() if isinstance(f, QTextTable))


def _cell_texts(table: QTextTable) -> list[str]:
    """The plain text of each cell of *table*, row by row."""
    out = []
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            cursor = table.document().find("", 0)
            cursor.setPosition(cell.firstPosition())
            cursor.setPosition(cell.lastPosition(), cursor.MoveMode.KeepAnchor)
            out.append(cursor.selection().toPlainText())
    return out


def test_stack_header_keeps_the_cells_in_order_and_the_rest_as_is(pack, sample_draft):
    html = _html(sample_draft, pack)
    stacked = stack_header(html)
    assert stacked != html and HEADER_OPEN not in stacked
    head = stacked[:stacked.index("BÁO CÁO")]
    assert head.count("<tr>") == 4 + 1 and "<col" not in head                # one cell a row (+ the boxed mark's)
    words = [re.sub(r"<[^>]+>", " ", head).find(w) for w in ("NHÂN DÂN", "CỘNG HÒA", "Số:", "DỰ THẢO", "ngày")]
    assert -1 not in words and words == sorted(words)                        # issuer, title, number, mark, date
    tail = html[html.index("BÁO CÁO"):]
    assert stacked.endswith(tail)                                            # nothing after the block changes
    assert stack_header(stacked) == stacked


def test_html_without_the_header_block_is_unchanged():
    for html in ("", "<p>Chỉ có đoạn văn.</p>", '<table width="100%" cellspacing="0" cellpadding="0"><tr>'):
        assert stack_header(html) == html
    broken = HEADER_OPEN + ' width="50%"/><tr><td>một ô</td></tr>'                        # never closed
    assert stack_header(broken) == broken


def test_narrowness_follows_the_zoom():
    assert is_narrow(NARROW_PANE_PX - 1, 1.0) and not is_narrow(NARROW_PANE_PX, 1.0)
    assert is_narrow(NARROW_PANE_PX, 1.5) and not is_narrow(NARROW_PANE_PX - 1, 0.5)


def _line_counts(table: QTextTable) -> list[list[int]]:
    """For each cell of *table* (row by row), the number of laid-out lines of each of its blocks."""
    doc = table.document()
    counts = []
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            block, lines = doc.findBlock(cell.firstPosition()), []
            while block.isValid() and block.position() <= cell.lastPosition():
                lines.append(block.layout().lineCount())
                block = block.next()
            counts.append(lines)
    return counts


def test_the_default_pane_stacks_the_header(qtbot, pack, sample_draft):
    pane = _pane(qtbot, DEFAULT_PANE)
    pane.update_html(_html(sample_draft, pack))
    assert _header_table(pane).columns() == 1


def test_two_columns_only_when_every_header_line_fits(qtbot, pack, sample_draft):
    """Shown in two columns, no header line wraps: the issuer keeps its own two lines, the national
    title, the motto and the place and date one line each (Decree 30's layout)."""
    pane = _pane(qtbot, WIDE)
    pane.update_html(_html(sample_draft, pack))
    frame = pane.width() - pane.viewport().width()
    for viewport in range(NARROW_PANE_PX, NARROW_PANE_PX + 200, 20):
        pane.resize(viewport + frame, 500)
        assert pane.viewport().width() == viewport
        table = _header_table(pane)
        assert table.columns() == 2, viewport
        issuer, title, _number, date = _line_counts(table)[:4]
        assert issuer[0] == 2 and title == [1] * len(title) and date == [1], (viewport, issuer, title, date)
    pane.resize(NARROW_PANE_PX - 1 + frame, 500)
    assert _header_table(pane).columns() == 1


def test_a_narrow_pane_stacks_the_header_and_a_wide_one_does_not(qtbot, pack, sample_draft):
    html = _html(sample_draft, pack)
    narrow, wide = _pane(qtbot, NARROW), _pane(qtbot, WIDE)
    narrow.update_html(html)
    wide.update_html(html)
    assert _header_table(narrow).columns() == 1 and _header_table(narrow).rows() == 4
    assert _header_table(wide).columns() == 2
    assert _cell_texts(_header_table(narrow)) == _cell_texts(_header_table(wide))     # same cells, same order
    assert narrow.toPlainText().replace("\n", "") == wide.toPlainText().replace("\n", "")   # the same words


def test_crossing_the_width_lays_out_again_once(qtbot, pack, sample_draft):
    pane = _pane(qtbot, WIDE)
    pane.update_html(_html(sample_draft, pack))
    rebuilds = pane.rebuild_count
    pane.resize(NARROW, 500)
    assert _header_table(pane).columns() == 1 and pane.rebuild_count == rebuilds + 1
    pane.resize(NARROW - 20, 500)                                            # still narrow: nothing to do
    assert pane.rebuild_count == rebuilds + 1
    pane.resize(WIDE, 500)
    assert _header_table(pane).columns() == 2 and pane.rebuild_count == rebuilds + 2
    assert pane._starts == [0, *chunk_starts(pane.document())]


@pytest.mark.parametrize("edit", ["number", "no draft mark", "table cell", "body"])
def test_patches_in_a_narrow_pane_equal_a_fresh_build(qtbot, pack, sample_draft, edit):
    draft = copy.deepcopy(sample_draft)
    patched = _pane(qtbot, NARROW)
    patched.update_html(_html(draft, pack))
    for run in range(1, 3):
        if edit == "number":
            draft.meta.number = str(40 + run)
        elif edit == "no draft mark":
            draft.meta.is_draft = not draft.meta.is_draft
        elif edit == "table cell":
            draft.tables["nhiem-vu-theo-don-vi"][1]["dung_han"] = 4000 + run
        else:
            draft.section("uu-diem").body[0].content[0].text += f" thêm {run}"
        html = _html(draft, pack)
        patched.update_html(html)
        patched.finish_patches()
        fresh = _pane(qtbot, NARROW)
        fresh.update_html(html)
        assert patched.document().toHtml() == fresh.document().toHtml(), f"{edit}, run {run}"
        assert patched._starts == [0, *chunk_starts(patched.document())]
    if edit in ("table cell", "body"):
        assert patched.rebuild_count == 1                                    # patched in place (the header's
    #                                                                          own changes are laid out again)
