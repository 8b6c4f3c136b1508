"""``draft_snapshot``: a copy for worker threads that later edits never show through."""

from __future__ import annotations

import copy

from baocao.edits import SetExtra, SetFieldValue, SetMeta, SetSectionBody, SetTableRows
from baocao.model.richtext import Para, Span
from baocao.model.snapshot import draft_snapshot


def test_edits_after_a_snapshot_do_not_change_it(sample_draft):
    snapshot = draft_snapshot(sample_draft)
    frozen = copy.deepcopy(snapshot)
    section_id = next(sid for sid, data in sample_draft.sections.items() if data.fields)
    key = next(iter(sample_draft.sections[section_id].fields))
    table_id = next(iter(sample_draft.tables))
    meta = copy.deepcopy(sample_draft.meta)
    meta.summary = "Trích yếu khác"
    edits = [SetSectionBody.make(sample_draft, section_id, [Para([Span("Văn bản mới.")])]),
             SetFieldValue.make(sample_draft, section_id, key, 999),
             SetTableRows.make(sample_draft, table_id, []),
             SetExtra.make(sample_draft, "thu-nghiem", {"a": 1}),
             SetMeta.make(sample_draft, meta)]
    for edit in edits:
        edit.apply(sample_draft)
    sample_draft.section("muc-moi-sau-anh-chup")              # a section created on first access
    assert snapshot == frozen
    assert sample_draft != snapshot


def test_a_snapshot_equals_its_draft_and_shares_its_text(sample_draft):
    snapshot = draft_snapshot(sample_draft)
    assert snapshot == sample_draft
    section_id = next(iter(sample_draft.sections))
    assert snapshot.sections[section_id].body is sample_draft.sections[section_id].body
    assert snapshot.sections is not sample_draft.sections
