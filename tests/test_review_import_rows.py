"""QA (reviewer, Dec 2026): table rows added or removed in Word, and files without the exported text.

Before: a table whose number of rows changed lost every plain cell edit and said nothing of the
rows; a row deleted with track changes blanked the unit's name; an ordinary export compared with
the current draft put back the old text of paragraphs the drafter rewrote after exporting.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import _Row
from lxml import etree

from baocao.review.constants import BASE_CURRENT_NOTE, NOTE_ROW_ADDED, NOTE_ROW_REMOVED
from baocao.review.docx_comments import export_with_comments, render_docx
from baocao.review.export_base import BASE_CURRENT, BASE_VERSION, version_before
from baocao.review.importer import plan_import
from baocao.review.textops import replace_range

UNIT = "Sở Kế hoạch và Đầu tư"
TABLE = "nhiem-vu-theo-don-vi"
OLD, NEW = "thời hạn hoàn thành", "thời gian hoàn thành"


@pytest.fixture(scope="module")
def sample():
    from baocao.samples import load_sample

    return load_sample()


def _titles(pack):
    return {spec.id: spec.title for spec in pack.sections}


def _unit_table(doc):
    table = next(t for t in doc.tables if any(c.text == UNIT for r in t.rows for c in r.cells))
    rows = list(table.rows)
    row = next(r for r in rows if [c.text for c in r.cells][1:2] == [UNIT])
    return table, rows, row


def _exported(sample, pack, tmp_path):
    out = tmp_path / "gop-y.docx"
    export_with_comments(sample, pack, out)
    return out


def test_a_row_added_plainly_is_listed_and_the_cell_edits_beside_it_still_come_back(sample, pack, tmp_path):
    doc = Document(str(_exported(sample, pack, tmp_path)))
    table, _rows, row = _unit_table(doc)
    row.cells[3].paragraphs[0].runs[0].text = "259"
    added = copy.deepcopy(row._tr)
    row._tr.addnext(added)
    new_row = _Row(added, table)
    new_row.cells[1].paragraphs[0].runs[0].text = "Sở Tư pháp"
    new_row.cells[3].paragraphs[0].runs[0].text = "77"
    edited = tmp_path / "them-dong.docx"
    doc.save(str(edited))
    plan = plan_import(sample, edited, _titles(pack), pack)
    assert plan.tables[TABLE][0]["dung_han"] == 259                    # the edit in the old row is taken
    [item] = plan.unplaced
    assert "Sở Tư pháp" in item["text"] and "77" in item["text"] and item["note"] == NOTE_ROW_ADDED
    assert plan.rows == 1 and any("dòng bảng được thêm hoặc xóa" in line for line in plan.describe())
    draft = copy.deepcopy(sample)
    plan.edit(draft).apply(draft)
    assert len(draft.tables[TABLE]) == len(sample.tables[TABLE])        # not guessed into the appendix


def test_a_row_removed_plainly_is_listed_and_renumbering_is_no_edit(sample, pack, tmp_path):
    doc = Document(str(_exported(sample, pack, tmp_path)))
    _table, rows, row = _unit_table(doc)
    row.cells[3].paragraphs[0].runs[0].text = "259"
    victim = rows[rows.index(row) + 1]
    removed = [c.text for c in victim.cells]
    for later in rows[rows.index(victim) + 1:]:                        # the reviewer renumbers the STT column
        cell = later.cells[0]
        if cell.text.isdigit():
            cell.paragraphs[0].runs[0].text = str(int(cell.text) - 1)
    victim._tr.getparent().remove(victim._tr)
    edited = tmp_path / "xoa-dong.docx"
    doc.save(str(edited))
    plan = plan_import(sample, edited, _titles(pack), pack)
    assert plan.tables[TABLE][0]["dung_han"] == 259
    [item] = plan.unplaced
    assert item["note"] == NOTE_ROW_REMOVED and removed[1] in item["quote"] and item["text"] == ""
    assert [c.after for c in plan.changes] == ["259"]                  # no «STT» change read as a figure


def test_one_row_added_and_another_removed_are_both_listed_and_no_row_is_read_as_its_neighbour(sample, pack,
                                                                                                tmp_path):
    """Same number of rows as exported: rows still pair by their words, not by position."""
    doc = Document(str(_exported(sample, pack, tmp_path)))
    table, rows, row = _unit_table(doc)
    row.cells[3].paragraphs[0].runs[0].text = "259"
    added = copy.deepcopy(row._tr)
    row._tr.addnext(added)
    _Row(added, table).cells[1].paragraphs[0].runs[0].text = "Sở Tư pháp"
    victim = rows[rows.index(row) + 2]
    gone = victim.cells[1].text
    victim._tr.getparent().remove(victim._tr)
    edited = tmp_path / "them-xoa-dong.docx"
    doc.save(str(edited))
    plan = plan_import(sample, edited, _titles(pack), pack)
    assert [c.after for c in plan.changes] == ["259"]
    notes = sorted((u["note"], u["text"] or u["quote"]) for u in plan.unplaced)
    assert [n for n, _t in notes] == sorted([NOTE_ROW_ADDED, NOTE_ROW_REMOVED]) and plan.rows == 2
    assert any("Sở Tư pháp" in t for _n, t in notes) and any(gone in t for _n, t in notes)


def _delete_row_tracked(row) -> None:
    """What Word writes for a row deleted with track changes on."""
    tr_pr = row._tr.get_or_add_trPr()
    mark = etree.SubElement(tr_pr, qn("w:del"))
    mark.set(qn("w:id"), "901")
    mark.set(qn("w:author"), "Lãnh đạo")
    for n, run in enumerate(row._tr.iter(qn("w:r"))):
        wrapper = etree.Element(qn("w:del"))
        wrapper.set(qn("w:id"), str(910 + n))
        wrapper.set(qn("w:author"), "Lãnh đạo")
        run.addprevious(wrapper)
        wrapper.append(run)
        for text in run.findall(qn("w:t")):
            text.tag = qn("w:delText")


def test_a_row_deleted_with_track_changes_is_one_listed_row_not_a_blanked_name(sample, pack, tmp_path):
    doc = Document(str(_exported(sample, pack, tmp_path)))
    _table, _rows, row = _unit_table(doc)
    _delete_row_tracked(row)
    edited = tmp_path / "xoa-dong-theo-doi.docx"
    doc.save(str(edited))
    plan = plan_import(sample, edited, _titles(pack), pack)
    assert TABLE not in plan.tables                                     # the unit keeps its name and figures
    [item] = plan.unplaced
    assert item["note"] == NOTE_ROW_REMOVED and UNIT in item["quote"]


def _plain_export_edited(sample, pack, tmp_path):
    _document, data = render_docx(sample, pack)
    doc_path = tmp_path / "bao-cao.docx"
    doc_path.write_bytes(data)
    doc = Document(str(doc_path))
    run = next(r for p in doc.paragraphs for r in p.runs if OLD in r.text)
    run.text = run.text.replace(OLD, NEW)
    edited = tmp_path / "bao-cao-da-sua.docx"
    doc.save(str(edited))
    return edited


def _later(sample):
    later = copy.deepcopy(sample)
    para = later.sections["giao-duc"].body[0]
    later.sections["giao-duc"].body[0] = replace_range(para, 0, 0, "Nhìn chung, ")
    return later


def test_an_ordinary_export_is_compared_with_the_version_saved_before_it(sample, pack, tmp_path):
    """The drafter rewrote «giáo dục» after exporting: that is not the reviewer's edit."""
    edited = _plain_export_edited(sample, pack, tmp_path)
    asked = []

    def earlier(when):
        asked.append(when)
        return sample, "Lưu — 09:00 ngày 2/12/2026"

    later = _later(sample)
    plan = plan_import(later, edited, _titles(pack), pack, earlier)
    assert asked and asked[0] is not None                               # the file's creation time
    assert plan.base.kind == BASE_VERSION and plan.untracked == 1
    draft = copy.deepcopy(later)
    plan.edit(draft).apply(draft)
    assert draft.section("giao-duc").body[0].plain_text().startswith("Nhìn chung, ")
    assert NEW in draft.section("nhiem-vu-cap-tren").body[0].plain_text()
    assert any("Lưu — 09:00 ngày 2/12/2026" in line for line in plan.describe())


def test_without_any_earlier_version_the_comparison_with_the_draft_is_said(sample, pack, tmp_path):
    edited = _plain_export_edited(sample, pack, tmp_path)
    plan = plan_import(_later(sample), edited, _titles(pack), pack, lambda when: None)
    assert plan.base.kind == BASE_CURRENT
    assert BASE_CURRENT_NOTE in "\n".join(plan.describe())


class _Info:
    def __init__(self, vid, created):
        self.id, self.created_at = vid, created

    def label(self):
        return f"phiên bản {self.id}"


def test_the_version_before_the_file_is_the_newest_one_not_after_it():
    now = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
    versions = [_Info(3, now + timedelta(minutes=5)), _Info(2, now - timedelta(minutes=1)),
                _Info(1, now - timedelta(days=1))]
    loaded = []
    found = version_before(versions, now, lambda vid: loaded.append(vid) or f"bản {vid}")
    assert found == ("bản 2", "phiên bản 2") and loaded == [2]
    assert version_before(versions, None, lambda vid: vid) is None
    assert version_before(versions[:1], now, lambda vid: vid) is None


def test_a_file_too_different_to_find_plain_edits_says_so(sample, pack, tmp_path):
    from baocao.review.constants import UNMATCHED_NOTE

    doc = Document()
    for n in range(5):
        doc.add_paragraph(f"Một đoạn văn thứ {n} không có trong bản thảo nào cả.")
    path = tmp_path / "khac.docx"
    doc.save(str(path))
    plan = plan_import(sample, path, _titles(pack), pack, lambda when: None)
    assert plan.is_empty() and not plan.base.matched
    assert UNMATCHED_NOTE in "\n".join(plan.describe())
