"""The preview's fast paths give exactly what a full render and a full setHtml give."""

from __future__ import annotations

import copy

import pytest

pytest.importorskip("PySide6")

from baocao.model.richtext import Note, Para, Span  # noqa: E402
from baocao.render import render_draft  # noqa: E402
from baocao.ui.preview import PreviewPane, html_chunks  # noqa: E402
from baocao.ui.preview_render import PreviewRenderer  # noqa: E402
from baocao.writers.html import document_to_html  # noqa: E402


def test_cached_render_equals_full_render(pack, sample_draft):
    renderer = PreviewRenderer(pack)
    assert renderer.render(sample_draft) == render_draft(sample_draft, pack)
    draft = copy.deepcopy(sample_draft)
    # a new note early in the report renumbers every later note: the cache must notice
    draft.section("nhiem-vu-cap-tren").body.insert(0, Para([Span("Mới"), Note([[Span("chú thích mới")]])]))
    draft.section("y-te").body.append(Para.of("Thêm một đoạn.", "dash"))
    draft.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] = 300
    draft.section("ket-qua-nhiem-vu").fields["van_ban_den"] = 20000
    assert renderer.render(draft) == render_draft(draft, pack)
    assert renderer.hits > 0
    assert renderer.render(draft) == render_draft(draft, pack)


def test_chunks_cover_the_fragment(sample_document):
    fragment = document_to_html(sample_document, standalone=False)
    chunks = html_chunks(fragment)
    assert "\n".join(chunks) == "\n".join(line for line in fragment.split("\n") if line.strip())
    headings = [c for c in chunks if ' class="h"' in c.split("\n")[0]]
    assert len(headings) == len(sample_document.headings())


EDITS = {
    "text": lambda d: d.section("y-te").body.append(Para.of("Đoạn sửa sau cùng.", "dash")),
    "first paragraph": lambda d: d.section("uu-diem").body.__setitem__(0, Para.of("Đoạn đầu thay mới.")),
    "new note renumbers": lambda d: d.section("phoi-hop").body[0].content.append(Note([[Span("ghi chú mới")]])),
    "figure": lambda d: d.section("nhiem-vu-cap-tren").fields.__setitem__("tong", 25),
    "table": lambda d: d.tables["nhiem-vu-theo-don-vi"][0].__setitem__("dung_han", 999),
    "section emptied": lambda d: d.section("muc-tieu").body.clear(),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_partial_update_matches_full_build(qtbot, pack, sample_draft, edit):
    from baocao.ui.preview import chunk_starts

    first = PreviewPane()
    qtbot.addWidget(first)
    first.resize(466, 700)
    first.update_html(document_to_html(render_draft(sample_draft, pack), standalone=False))
    draft = copy.deepcopy(sample_draft)
    EDITS[edit](draft)
    html = document_to_html(render_draft(draft, pack), standalone=False)
    first.update_html(html)
    first.finish_patches()
    second = PreviewPane()
    qtbot.addWidget(second)
    second.resize(466, 700)
    second.update_html(html)
    assert first.document().toHtml() == second.document().toHtml()
    assert first._starts == [0, *chunk_starts(first.document())]
    if edit in ("text", "first paragraph", "new note renumbers", "figure"):
        assert first.rebuild_count == 1                   # replaced in place, no full rebuild
