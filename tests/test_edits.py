"""Edits are exact inverses and go through the session."""

import copy

from baocao.constants import SectionStatus
from baocao.edits import SetFieldValue, SetMeta, SetSectionBody, SetSectionStatus, SetTableRows
from baocao.model import Para
from baocao.model.serialize import draft_to_dict
from baocao.session import DraftSession


def test_apply_then_revert_restores_the_draft(pack, sample_draft):
    session = DraftSession.new(pack, sample_draft)
    before = draft_to_dict(session.draft)
    meta = copy.deepcopy(session.draft.meta)
    meta.number = "99"
    edits = [
        SetSectionBody.make(session.draft, "uu-diem", [Para.of("Mới")]),
        SetFieldValue.make(session.draft, "cuoc-hop", "phien_hop", 12),
        SetFieldValue.make(session.draft, "cuoc-hop", "khong_co", "x"),
        SetSectionStatus.make(session.draft, "y-te", SectionStatus.APPROVED),
        SetMeta.make(session.draft, meta),
        SetTableRows.make(session.draft, "nhiem-vu-theo-van-ban", []),
    ]
    for edit in edits:
        session.apply(edit)
    assert session.draft.section("uu-diem").body[0].plain_text() == "Mới"
    assert session.draft.meta.number == "99"
    for edit in reversed(edits):
        session.revert(edit)
    assert draft_to_dict(session.draft) == before
    assert session.edit_counter == 2 * len(edits)


def test_typing_merges_into_one_step(sample_draft):
    first = SetSectionBody.make(sample_draft, "uu-diem", [Para.of("a")], typing=True)
    first.apply(sample_draft)
    second = SetSectionBody.make(sample_draft, "uu-diem", [Para.of("ab")], typing=True)
    assert first.merge(second)
    assert not first.merge(SetSectionBody.make(sample_draft, "han-che", [Para.of("x")], typing=True))
    assert first.new[0].plain_text() == "ab"


def test_field_and_table_edits_merge_per_slot_but_status_never(sample_draft):
    a = SetFieldValue.make(sample_draft, "cuoc-hop", "phien_hop", 1)
    assert a.merge(SetFieldValue.make(sample_draft, "cuoc-hop", "phien_hop", 2)) and a.new == 2
    assert not a.merge(SetFieldValue.make(sample_draft, "cuoc-hop", "khac", 2))
    s = SetSectionStatus.make(sample_draft, "y-te", SectionStatus.DONE)
    assert not s.merge(SetSectionStatus.make(sample_draft, "y-te", SectionStatus.APPROVED))
    t = SetTableRows.make(sample_draft, "nhiem-vu-theo-van-ban", [])
    assert t.merge(SetTableRows.make(sample_draft, "nhiem-vu-theo-van-ban", [{"van_ban": "x"}]))
    assert not SetSectionBody.make(sample_draft, "uu-diem", []).merge(SetSectionBody.make(sample_draft, "uu-diem", []))
