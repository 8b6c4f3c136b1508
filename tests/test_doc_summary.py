"""The window keeps a summary of each rendered document (``render/doc_summary.py``): titles, page, notes."""

from __future__ import annotations

import pickle

from baocao.docmodel import FootnoteRef, Paragraph
from baocao.render import render_draft
from baocao.render.doc_summary import note_base, summarize


def _old_note_base(document, section_id: str, first_note_text: str) -> int:
    """The window's former lookup in the whole document (kept here as the reference)."""
    wanted = " ".join(first_note_text.split())
    if document is None or not wanted:
        return 0
    for block in document.body:
        if isinstance(block, Paragraph) and block.section_id == section_id:
            for item in block.inlines:
                if isinstance(item, FootnoteRef):
                    if " ".join(document.footnotes[item.number - 1].plain_text().split()) == wanted:
                        return item.number - 1
    return 0


def test_the_summary_answers_as_the_whole_document_did(sample_draft, pack):
    document = render_draft(sample_draft, pack)
    summary = pickle.loads(pickle.dumps(summarize(document)))        # as the preview process sends it
    assert summary.page == document.page
    assert summary.heading_titles == {h.section_id: h.title for h in document.headings() if h.section_id}
    assert summary.appendix_titles == {a.appendix_id: a.title for a in document.appendices}
    asked = 0
    for section_id in sample_draft.sections:
        for para in sample_draft.section(section_id).body:
            for note in para.notes():
                for text in (note.plain_text(), "  " + note.plain_text().replace(" ", "  "), "không có"):
                    assert note_base(summary, section_id, text) == _old_note_base(document, section_id, text)
                    asked += 1
    assert asked > 10 and any(note_base(summary, s, n.plain_text()) > 0 for s in sample_draft.sections
                              for p in sample_draft.section(s).body for n in p.notes())
    assert note_base(None, "x", "y") == 0 and note_base(summary, "khong-co-muc", "y") == 0
    assert len(pickle.dumps(summary)) < len(pickle.dumps(document)) / 4
