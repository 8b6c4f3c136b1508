"""Edits a reviewer makes in Word without track changes come back as changes, never dropped.

The reviewed files are edited with python-docx (a tool we did not write) and, where
cheap, passed through LibreOffice; the copy with comments is checked by Microsoft's
validator (it now carries the exported text as a custom XML part).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from docx import Document
from helpers import run_cli

from baocao.review.baseline import NAMESPACE
from baocao.review.docx_comments import export_with_comments, render_docx
from baocao.review.importer import plan_import
from baocao.review.store import review_data
from docx_support import convert, soffice
from ooxml_support import validate_docx

SECTION = "nhiem-vu-cap-tren"
OLD, NEW = "thời hạn hoàn thành", "thời gian hoàn thành"
ADDED = "Đoạn mới do lãnh đạo thêm thẳng vào tệp, không bật theo dõi thay đổi."


@pytest.fixture(scope="module")
def sample():
    from baocao.samples import load_sample

    return load_sample()


def _titles(pack):
    return {spec.id: spec.title for spec in pack.sections}


def _edit_plainly(source: Path, target: Path, sample, delete: bool = True, generated: bool = False) -> None:
    """What a leader does in Word with track changes off: one phrase changed, one paragraph added after
    the first paragraph of «phoi-hop», its second paragraph deleted — all with python-docx."""
    doc = Document(str(source))
    first = sample.sections["phoi-hop"].body[0].plain_text()
    second = sample.sections["phoi-hop"].body[1].plain_text()
    done = 0
    for p in list(doc.paragraphs):
        for r in p.runs:
            if OLD in r.text and not done:
                r.text = r.text.replace(OLD, NEW)
                done += 1
        if p.text == first:
            added = copy.deepcopy(p._p)
            p._p.addnext(added)
            for extra in added.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r")[1:]:
                added.remove(extra)
            added.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t").text = ADDED
        elif delete and p.text == second:
            p._p.getparent().remove(p._p)
        elif generated and p.text == "MỘT SỐ KẾT QUẢ CHỦ YẾU":          # a heading: not the drafter's text
            p.runs[0].text = p.runs[0].text.replace("CHỦ YẾU", "NỔI BẬT")
    assert done == 1
    doc.save(str(target))


def test_the_copy_with_comments_carries_its_text_and_stays_valid(sample, pack, tmp_path):
    out = tmp_path / "gop-y.docx"
    export_with_comments(sample, pack, out)
    assert validate_docx(out) == []
    import zipfile

    with zipfile.ZipFile(out) as archive:
        parts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("customXml/item")]
    assert any(NAMESPACE in part and OLD in part for part in parts)


def test_plain_edits_made_with_python_docx_come_back_as_changes(sample, pack, tmp_path):
    out, edited = tmp_path / "gop-y.docx", tmp_path / "da-sua.docx"
    export_with_comments(sample, pack, out)
    _edit_plainly(out, edited, sample)
    plan = plan_import(sample, edited, _titles(pack), pack)
    assert plan.untracked == 3
    assert len(plan.changes) == 3 and not plan.unplaced
    lines = plan.describe()
    assert lines[0].startswith("Sửa 3 đoạn") and "không bật theo dõi thay đổi" in lines[1]
    draft = copy.deepcopy(sample)
    plan.edit(draft).apply(draft)
    assert NEW in draft.section(SECTION).body[0].plain_text()
    before = [p.plain_text() for p in sample.section("phoi-hop").body]
    assert [p.plain_text() for p in draft.section("phoi-hop").body] == [before[0], ADDED, *before[2:]]
    others = [sid for sid in sample.sections if sid not in (SECTION, "phoi-hop")]
    assert all(draft.sections[sid] == sample.sections[sid] for sid in others)


def test_an_edit_that_matches_no_draft_paragraph_is_listed_with_a_note(sample, pack, tmp_path):
    out, edited = tmp_path / "gop-y.docx", tmp_path / "da-sua.docx"
    export_with_comments(sample, pack, out)
    _edit_plainly(out, edited, sample, delete=False, generated=True)
    plan = plan_import(sample, edited, _titles(pack), pack)
    heading = [u for u in plan.unplaced if "NỔI BẬT" in u["text"]]
    assert len(heading) == 1 and "không khớp đoạn nào của bản thảo" in heading[0]["note"]
    assert any("không khớp đoạn nào" in line for line in plan.describe())
    draft = copy.deepcopy(sample)
    plan.edit(draft).apply(draft)
    assert any("NỔI BẬT" in u["text"] for u in review_data(draft)["unplaced"])


def test_the_drafter_s_later_edits_are_not_undone_by_the_import(sample, pack, tmp_path):
    """Exported, then the drafter rewrites another paragraph: the file's older text there is no change."""
    from baocao.review.textops import replace_range

    out, edited = tmp_path / "gop-y.docx", tmp_path / "da-sua.docx"
    export_with_comments(sample, pack, out)
    _edit_plainly(out, edited, sample, delete=False)
    later = copy.deepcopy(sample)
    para = later.sections["giao-duc"].body[0]
    later.sections["giao-duc"].body[0] = replace_range(para, 0, 0, "Nhìn chung, ")
    plan = plan_import(later, edited, _titles(pack), pack)
    draft = copy.deepcopy(later)
    plan.edit(draft).apply(draft)
    assert draft.section("giao-duc").body[0].plain_text().startswith("Nhìn chung, ")
    assert NEW in draft.section(SECTION).body[0].plain_text()


def test_an_ordinary_export_edited_plainly_is_compared_with_the_draft(sample, pack, tmp_path):
    _document, data = render_docx(sample, pack)
    out, edited = tmp_path / "bao-cao.docx", tmp_path / "da-sua.docx"
    out.write_bytes(data)
    _edit_plainly(out, edited, sample, delete=False)
    plan = plan_import(sample, edited, _titles(pack), pack)
    assert plan.untracked == 2 and len(plan.changes) == 2


def test_an_unrelated_file_is_not_read_as_edits(sample, pack, tmp_path):
    doc = Document()
    for n in range(5):
        doc.add_paragraph(f"Một đoạn văn thứ {n} không có trong bản thảo nào cả.")
    path = tmp_path / "khac.docx"
    doc.save(str(path))
    plan = plan_import(sample, path, _titles(pack), pack)
    assert plan.untracked == 0 and plan.is_empty()


def test_a_libreoffice_round_trip_keeps_the_text_and_invents_no_edit(sample, pack, tmp_path):
    if soffice() is None:
        pytest.skip("LibreOffice missing")
    out = tmp_path / "gop-y.docx"
    export_with_comments(sample, pack, out)
    [saved] = convert([out], "docx", tmp_path / "lo", tmp_path / "profile")
    plan = plan_import(sample, saved, _titles(pack), pack)
    assert plan.untracked == 0 and not plan.changes and not plan.unplaced
    edited = tmp_path / "da-sua.docx"
    _edit_plainly(saved, edited, sample)
    plan = plan_import(sample, edited, _titles(pack), pack)
    assert plan.untracked == 3 and len(plan.changes) == 3 and not plan.unplaced


def test_cli_import_review_counts_and_brings_plain_edits(sample, tmp_path):
    from baocao.storage import load_any
    from tests_paths import sample_session_for

    session = sample_session_for(tmp_path / "bc.baocao")
    session.save()
    session.close()
    out, edited = tmp_path / "gop-y.docx", tmp_path / "da-sua.docx"
    result = run_cli("export", str(tmp_path / "bc.baocao"), "-o", str(out), "--gop-y")
    assert result.returncode == 0, result.stderr
    _edit_plainly(out, edited, load_any(str(tmp_path / "bc.baocao")))
    dry = run_cli("import-review", str(tmp_path / "bc.baocao"), str(edited), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Sửa 3 đoạn" in dry.stdout and "«hạn» → «gian»" in dry.stdout and "không bật theo dõi" in dry.stdout
    result = run_cli("import-review", str(tmp_path / "bc.baocao"), str(edited))
    assert result.returncode == 0, result.stderr
    after = load_any(str(tmp_path / "bc.baocao"))
    assert NEW in after.section(SECTION).body[0].plain_text()
    assert ADDED in [p.plain_text() for p in after.section("phoi-hop").body]


def test_a_table_cell_changed_plainly_comes_back_into_the_appendix(sample, pack, tmp_path):
    out, edited = tmp_path / "gop-y.docx", tmp_path / "da-sua.docx"
    export_with_comments(sample, pack, out)
    doc = Document(str(out))
    row = next(r for t in doc.tables for r in t.rows if [c.text for c in r.cells][1:2] == ["Sở Kế hoạch và Đầu tư"])
    cell = row.cells[3]
    assert cell.text == "258"
    cell.paragraphs[0].runs[0].text = "259"
    doc.save(str(edited))
    plan = plan_import(sample, edited, _titles(pack), pack)
    assert plan.untracked == 1 and not plan.unplaced
    assert plan.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] == 259
    assert [c.before for c in plan.changes] == ["258"]


def test_a_hostile_stored_text_is_ignored_not_a_crash():
    """The stored export text comes back inside a file from outside: nesting, wrong types are no baseline."""
    from baocao.review.baseline import Baseline

    assert Baseline.from_json("[" * 100_000) is None
    assert Baseline.from_json('{"paragraphs": "x", "notes": []}') is None
    assert Baseline.from_json('{"paragraphs": [], "notes": [], "cells": 5}').cells == []
    assert Baseline.from_json('{"paragraphs": ["a"], "notes": [], "cells": [[0, 0, 0, 0, "ô"], [1, "x"]]}').cells == \
        [[0, 0, 0, 0, "ô"]]
