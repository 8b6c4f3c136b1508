"""«Đã duyệt» is for the content approved: a later change (typing, an imported Word file) shows as
«có thay đổi sau khi duyệt»; undo brings the approval back.  Comments still open are counted per section."""

from __future__ import annotations

import copy

import pytest
from docx import Document

from baocao.constants import SectionStatus
from baocao.edits import SetSectionBody
from baocao.review import approval, operations as ops
from baocao.review.docx_comments import export_with_comments
from baocao.review.identity import Reviewer
from baocao.review.importer import plan_import
from baocao.review.textops import replace_range

WHO = Reviewer("Trần Văn Hùng")
SECTION = "nhiem-vu-cap-tren"
OLD, NEW = "thời hạn hoàn thành", "thời gian hoàn thành"


@pytest.fixture()
def sample():
    from baocao.samples import load_sample

    return load_sample()


def _type(draft, section: str, text: str):
    body = list(draft.section(section).body)
    body[0] = replace_range(body[0], 0, 0, text)
    edit = SetSectionBody.make(draft, section, body)
    edit.apply(draft)
    return edit


def test_an_approval_keeps_the_digest_of_what_was_approved_and_a_change_outdates_it(sample):
    ops.set_section_status(sample, SECTION, SectionStatus.APPROVED, WHO).apply(sample)
    assert approval.approved_digest(sample, SECTION) == approval.content_digest(sample.section(SECTION))
    assert not approval.is_outdated(sample, SECTION)
    edit = _type(sample, SECTION, "Nhìn chung, ")
    assert approval.is_outdated(sample, SECTION) and SECTION in approval.outdated_sections(sample)
    assert sample.section(SECTION).status is SectionStatus.APPROVED          # nothing is thrown away
    edit.revert(sample)                                                       # undo: the approval holds again
    assert not approval.is_outdated(sample, SECTION)


def test_a_comment_on_approved_text_is_no_change_of_its_content(sample):
    ops.set_section_status(sample, SECTION, SectionStatus.APPROVED, WHO).apply(sample)
    ops.add_text_comment(sample, SECTION, (0, 0), (0, 10), "Ghi rõ ngày", WHO).apply(sample)
    assert not approval.is_outdated(sample, SECTION)


def test_an_earlier_approval_without_digest_is_outdated_by_an_imported_word_edit(sample, pack, tmp_path):
    """The sample's «giáo dục» was approved before digests existed: the import keeps the approved text's digest."""
    assert approval.approved_digest(sample, "giao-duc") is None and sample.section("giao-duc").status \
        is SectionStatus.APPROVED
    out, edited = tmp_path / "gop-y.docx", tmp_path / "da-sua.docx"
    export_with_comments(sample, pack, out)
    doc = Document(str(out))
    run = next(r for p in doc.paragraphs for r in p.runs if "học sinh lớp 9" in r.text)
    run.text = run.text.replace("học sinh lớp 9", "học sinh lớp 9 và lớp 12")
    doc.save(str(edited))
    plan = plan_import(sample, edited, {s.id: s.title for s in pack.sections}, pack)
    assert plan.approvals_touched(sample) == ["giao-duc"]
    draft = copy.deepcopy(sample)
    edit = plan.edit(draft)
    edit.apply(draft)
    assert "lớp 9 và lớp 12" in draft.section("giao-duc").body[1].plain_text()
    assert approval.is_outdated(draft, "giao-duc")
    assert draft.section("giao-duc").status is SectionStatus.APPROVED
    edit.revert(draft)
    assert not approval.is_outdated(draft, "giao-duc")


def test_an_import_that_only_adds_comments_outdates_no_approval(sample, pack, tmp_path):
    ops.set_section_status(sample, SECTION, SectionStatus.APPROVED, WHO).apply(sample)
    out = tmp_path / "gop-y.docx"
    ops.add_text_comment(sample, SECTION, (0, 0), (0, 10), "Ghi rõ ngày", WHO).apply(sample)
    export_with_comments(sample, pack, out)
    fresh = copy.deepcopy(sample)
    ops.delete_comment(fresh, [c for c in ops.review_data(fresh)["comments"] if c["text"] == "Ghi rõ ngày"][0]["id"]) \
        .apply(fresh)
    plan = plan_import(fresh, out, {s.id: s.title for s in pack.sections}, pack)
    assert plan.comments and plan.approvals_touched(fresh) == []
    plan.edit(fresh).apply(fresh)
    assert not approval.is_outdated(fresh, SECTION)


def test_open_comments_of_a_section_are_the_ones_not_marked_done(sample):
    assert [t["id"] for t in approval.open_threads(sample, "han-che")] == ["cmau02"]
    assert approval.open_threads(sample, "giao-duc") == []               # its one comment is resolved
    ops.add_text_comment(sample, SECTION, (0, 0), (0, 10), "Ghi rõ ngày", WHO).apply(sample)
    body = list(sample.section(SECTION).body)
    body[0] = replace_range(body[0], 0, 10, "")                           # its text deleted: still not done
    SetSectionBody.make(sample, SECTION, body).apply(sample)
    assert len(approval.open_threads(sample, SECTION)) == 2
