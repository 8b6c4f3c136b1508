"""Word round trip of the review: comments export, tracked-changes comparison copy, import of reviewed files.

Every file we write is checked by readers we did not write: Microsoft's Open XML SDK validator,
python-docx (comments), pandoc (--track-changes=accept/reject/all) and LibreOffice (opens and keeps
the annotations and tracked changes).  The import is tested on a .docx that LibreOffice made.
"""

from __future__ import annotations

import copy
import subprocess
import zipfile
from pathlib import Path

import pytest

from baocao.model.richtext import Note, Para
from baocao.review import anchors, operations as ops
from baocao.review.compare import compare_drafts
from baocao.review.docx_comments import export_with_comments, render_docx
from baocao.review.docx_tracked import export_tracked
from baocao.review.identity import Reviewer
from baocao.review.importer import plan_import
from baocao.review.store import comments, review_data
from baocao.review.textops import replace_range
from docx_support import convert, soffice
from ooxml_support import validate_docx
from review_fodt import reviewed_fodt

SECTION = "nhiem-vu-cap-tren"


def _pandoc(path: Path, mode: str, to: str = "plain") -> str:
    pypandoc = pytest.importorskip("pypandoc")
    return subprocess.run([pypandoc.get_pandoc_path(), f"--track-changes={mode}", "-t", to, "--wrap=none",
                           str(path)], check=True, capture_output=True, text=True, timeout=120).stdout


def _word_id(threads, number: int) -> int:
    """The Word comment id of thread *number* (threads and their replies are numbered in order)."""
    return sum(1 + len(t["replies"]) for t in threads[:number])


def _edited(draft):
    """*draft* after a reviewer's direct corrections: a phrase, a removed and an added paragraph,
    a footnote and a table cell."""
    new = copy.deepcopy(draft)
    body = new.sections[SECTION].body
    body[0] = replace_range(body[0], 8, 15, "tháng Giêng")                  # "đầu năm" → "tháng Giêng"
    del body[1]
    body.append(Para.of("Các kế hoạch được rà soát lại vào cuối tháng 6."))
    para = new.sections["giao-duc"].body[2]
    new.sections["giao-duc"].body[2] = Para([Note.of(i.plain_text() + " (đã bổ sung)") if isinstance(i, Note)
                                             else i for i in para.content], para.kind)
    new.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] = 259
    return new


@pytest.fixture(scope="module")
def sample(pack):
    from baocao.samples import load_sample

    return load_sample()


def test_the_normal_export_carries_no_comments_or_revisions(sample, pack, tmp_path):
    _document, data = render_docx(sample, pack)
    path = tmp_path / "thuong.docx"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        assert "word/comments.xml" not in archive.namelist()
        xml = archive.read("word/document.xml").decode()
    assert "commentRangeStart" not in xml and "<w:ins " not in xml and "<w:del " not in xml


def test_comments_export_is_valid_and_read_by_python_docx_pandoc_and_libreoffice(sample, pack, tmp_path):
    docx = pytest.importorskip("docx")
    path = tmp_path / "gop-y.docx"
    assert export_with_comments(sample, pack, path) == 4
    assert validate_docx(path) == []
    read = docx.Document(str(path))
    found = [(c.author, c.initials, c.text) for c in read.comments]
    threads = comments(sample)
    expected = []
    for thread in threads:
        expected.append((thread["author"], thread["initials"], thread["text"]))
        expected.extend((r["author"], r["initials"], r["text"]) for r in thread["replies"])
    assert found == expected
    # replies are Word replies, the resolved thread is marked done
    with zipfile.ZipFile(path) as archive:
        extended = archive.read("word/commentsExtended.xml").decode()
    assert extended.count("paraIdParent") == 2 and extended.count('w15:done="1"') == 2   # thread + its reply
    # the comment sits on the same words (pandoc shows the commented text)
    marked = _pandoc(path, "all", "markdown")
    for number, thread in enumerate(threads):
        if thread["anchor"]["kind"] != "text":
            continue
        start = marked.index(f'comment-start id="{_word_id(threads, number)}"')
        end = marked.index(f'comment-end id="{_word_id(threads, number)}"')
        assert thread["quote"] in marked[start:end] and thread["text"] in marked[start - len(thread["text"]) - 5:end]
    if soffice() is None:
        pytest.skip("LibreOffice missing")
    [odt] = convert([path], "odt", tmp_path / "odt", tmp_path / "profile")
    with zipfile.ZipFile(odt) as archive:
        content = archive.read("content.xml").decode()
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == 6
    assert "Ghi rõ thời gian kết thúc năm học." in content


def test_comparison_copy_accept_gives_the_new_text_reject_the_old(sample, pack, tmp_path):
    new = _edited(sample)
    path = tmp_path / "so-sanh.docx"
    changes = export_tracked(sample, new, pack, path, author="Trần Văn Hùng")
    assert changes >= 5
    assert validate_docx(path) == []
    accepted, rejected, both = _pandoc(path, "accept"), _pandoc(path, "reject"), _pandoc(path, "all", "markdown")
    old_para = sample.sections[SECTION].body[1].plain_text()[:60]
    assert "Ngay từ tháng Giêng" in accepted and "Ngay từ đầu năm" not in accepted
    assert "Ngay từ đầu năm" in rejected and "tháng Giêng" not in rejected
    assert "rà soát lại vào cuối tháng 6" in accepted and "rà soát lại vào cuối tháng 6" not in rejected
    assert old_para not in accepted and old_para in rejected
    assert "(đã bổ sung)" in accepted and "(đã bổ sung)" not in rejected                 # a footnote
    assert "259" in accepted and "259" not in rejected                                   # a table cell
    assert '[tháng Giêng]{.insertion author="Trần Văn Hùng"' in both
    assert '[đầu năm]{.deletion author="Trần Văn Hùng"' in both
    if soffice() is None:
        pytest.skip("LibreOffice missing")
    [odt] = convert([path], "odt", tmp_path / "odt", tmp_path / "profile")
    with zipfile.ZipFile(odt) as archive:
        content = archive.read("content.xml").decode()
    assert content.count("<text:changed-region") >= changes
    assert "Trần Văn Hùng" in content


def test_own_comparison_copy_comes_back_as_the_same_changes(sample, pack, tmp_path):
    new = _edited(sample)
    path = tmp_path / "so-sanh.docx"
    export_tracked(sample, new, pack, path, author="Trần Văn Hùng")
    draft = copy.deepcopy(sample)
    plan = plan_import(draft, path)
    edit = plan.edit(draft)
    edit.apply(draft)
    for section in (SECTION, "giao-duc"):
        assert [p.plain_text() for p in draft.sections[section].body] == \
               [p.plain_text() for p in new.sections[section].body]
        assert [n.plain_text() for p in draft.sections[section].body for n in p.notes()] == \
               [n.plain_text() for p in new.sections[section].body for n in p.notes()]
    # the changed cell goes back into its row; the totals it changed are computed, so they stay unplaced
    assert draft.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] == 259
    assert draft.tables == new.tables
    unplaced = review_data(draft)["unplaced"]
    assert any(item["text"] == "2.574" and item["quote"] == "2.573" for item in unplaced)   # the total row
    assert not any(item["quote"] == "258" for item in unplaced)
    edit.revert(draft)
    assert draft == sample


def test_own_comments_export_does_not_duplicate_on_import(sample, pack, tmp_path):
    path = tmp_path / "gop-y.docx"
    export_with_comments(sample, pack, path)
    plan = plan_import(sample, path, {s.id: s.title for s in pack.sections})
    assert plan.comments == [] and plan.updates == {} and plan.changes == []


@pytest.fixture(scope="module")
def libreoffice_review(tmp_path_factory, sample):
    """A reviewed .docx written by LibreOffice from an .fodt with tracked changes and annotations."""
    if soffice() is None:
        pytest.skip("LibreOffice missing")
    folder = tmp_path_factory.mktemp("lo")
    fodt = folder / "gop-y-lanh-dao.fodt"
    fodt.write_text(reviewed_fodt(sample.sections[SECTION].body[0].plain_text(),
                                  sample.sections["phoi-hop"].body[0].plain_text(),
                                  "Một đoạn văn không có trong bản thảo nào cả."), encoding="utf-8")
    [docx_path] = convert([fodt], "docx", folder / "out", folder / "profile")
    return docx_path


def test_import_of_a_libreoffice_docx_brings_changes_comments_and_unplaced(sample, pack, libreoffice_review):
    draft = copy.deepcopy(sample)
    plan = plan_import(draft, libreoffice_review, {s.id: s.title for s in pack.sections})
    assert len(plan.changes) == 2
    edit = plan.edit(draft)
    edit.apply(draft)
    first = draft.sections[SECTION].body[0].plain_text()
    assert first.startswith("Ngay từ tháng Giêng, UBND tỉnh") and "đầu năm, UBND" not in first
    assert draft.sections["phoi-hop"].body[0].plain_text().endswith(" Kết quả được báo cáo kịp thời.")
    new = {c["text"]: c for c in comments(draft)} 
    one = new["Ghi đủ tên cơ quan: Ủy ban nhân dân tỉnh"]
    found = anchors.find_anchor(draft, one["id"])
    assert (found.section, found.paragraph, found.quote) == (SECTION, 0, "UBND tỉnh")
    assert found.start == first.index("UBND tỉnh") and one["author"] == "Trần Văn Hùng"
    two = anchors.find_anchor(draft, new["Đã rà soát đoạn này"]["id"])
    assert (two.section, two.quote) == ("phoi-hop", "UBND tỉnh duy trì")
    [stray] = [u for u in review_data(draft)["unplaced"] if u["kind"] == "comment"]
    assert stray["text"] == "Đoạn này lấy ở đâu?" and stray["quote"].startswith("Một đoạn văn không có")
    # each change is a difference the drafter can take back alone
    diffs = compare_drafts(sample, draft).all()
    assert sorted((d.group, d.old_text, d.new_text) for d in diffs) == sorted([
        (SECTION, "đầu năm", "tháng Giêng"), ("phoi-hop", "", " Kết quả được báo cáo kịp thời.")])
    diffs[0].revert_edit(draft).apply(draft)
    assert len(compare_drafts(sample, draft)) == 1
    assert ops.comment_state(draft, one) == ops.OPEN


def test_a_file_that_is_not_a_docx_gets_a_clear_message(sample, tmp_path):
    from baocao.errors import BaocaoError

    bad = tmp_path / "khong-phai.docx"
    bad.write_text("xin chào", encoding="utf-8")
    with pytest.raises(BaocaoError) as info:
        plan_import(sample, bad)
    assert "không phải tệp Word" in info.value.message and info.value.hint


def _without_notes(para: Para) -> Para:
    return Para([i for i in para.content if not isinstance(i, Note)], para.kind)


def test_a_footnote_removed_outright_is_a_deleted_footnote_in_the_comparison_copy(sample, pack, tmp_path):
    new = copy.deepcopy(sample)
    kept = new.sections["giao-duc"].body
    kept[1] = _without_notes(kept[1])                                  # the note goes, its paragraph stays
    gone = new.sections["kinh-te-xa-hoi"].body
    gone_text = gone[3].plain_text()
    del gone[3]                                                        # a paragraph goes with its note
    note_kept = sample.sections["giao-duc"].body[1].notes()[0].plain_text()
    note_gone = sample.sections["kinh-te-xa-hoi"].body[3].notes()[0].plain_text()
    path = tmp_path / "so-sanh-chu-thich.docx"
    assert export_tracked(sample, new, pack, path, author="Trần Văn Hùng") >= 2
    assert validate_docx(path) == []
    accepted, rejected = _pandoc(path, "accept"), _pandoc(path, "reject")
    for note in (note_kept, note_gone):
        assert note[:50] in rejected and note[:50] not in accepted
    assert gone_text[-80:-8] in rejected and gone_text[-80:-8] not in accepted
    # the reference stands where it stood: right after the same words, in the older text
    before = sample.sections["giao-duc"].body[1].content[0].text
    reject_md = _pandoc(path, "reject", "markdown")
    assert reject_md.replace("\n", " ").count(" ".join(before.split()[-3:]) + "[^") == 1
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
    assert body.count("<w:del ") > 0 and "footnoteReference" in body
    assert notes.count('w:author="Trần Văn Hùng"') >= 4                   # the copies' runs and marks deleted
    # imported back into the older draft, the deleted footnotes go (and only they)
    draft = copy.deepcopy(sample)
    plan_import(draft, path).edit(draft).apply(draft)
    for section in ("giao-duc", "kinh-te-xa-hoi"):
        assert [[n.plain_text() for n in p.notes()] for p in draft.sections[section].body] == \
               [[n.plain_text() for n in p.notes()] for p in new.sections[section].body]
        assert [p.plain_text() for p in draft.sections[section].body] == \
               [p.plain_text() for p in new.sections[section].body]
    if soffice() is None:
        pytest.skip("LibreOffice missing")
    [odt] = convert([path], "odt", tmp_path / "odt", tmp_path / "profile")
    with zipfile.ZipFile(odt) as archive:
        assert note_kept[:40] in archive.read("content.xml").decode()


def _note_comment_draft(sample, quote: str):
    """*sample* with a comment on *quote* inside the footnote of giao-duc's second paragraph."""
    draft = copy.deepcopy(sample)
    para = draft.sections["giao-duc"].body[1]
    note_text = para.notes()[0].plain_text()
    start = note_text.index(quote)
    draft.sections["giao-duc"].body[1] = anchors.mark_note_range(para, 0, 0, start, start + len(quote), "cnote1")
    data = review_data(draft)
    data["comments"].append({"id": "cnote1", "anchor": {"kind": "text", "section": "giao-duc"}, "quote": quote,
                             "author": "Lê Thị Mai", "initials": "LTM", "at": "2021-06-30T02:00:00+00:00",
                             "text": "Ghi rõ ngày ký", "resolved": False, "replies": []})
    draft.extras["gop-y"] = data
    return draft


def test_a_word_comment_inside_a_footnote_made_by_pandoc_comes_back_on_the_footnote_text(sample, pack, tmp_path):
    """A .docx with a comment inside a footnote written by software we did not write.

    LibreOffice 7.4 cannot be that writer (its DOCX export drops annotations inside footnotes), so
    pandoc writes the file from Markdown (a comment span inside a footnote)."""
    pypandoc = pytest.importorskip("pypandoc")
    para = sample.sections["giao-duc"].body[1]
    note = para.notes()[0].plain_text()
    quote = "441/QĐ-UBND"
    at = note.index(quote)
    markdown = (f"{para.plain_text()}[^1]\n\n[^1]: {note[:at]}[Ghi rõ ngày ký]{{.comment-start id=\"0\" "
                f"author=\"Trần Văn Hùng\" date=\"2021-06-29T09:00:00Z\"}}{quote}[]{{.comment-end id=\"0\"}}"
                f"{note[at + len(quote):]}\n")
    source = tmp_path / "gop-y.md"
    source.write_text(markdown, encoding="utf-8")
    reviewed = tmp_path / "gop-y-pandoc.docx"
    subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", str(source), "-o", str(reviewed)], check=True,
                   timeout=120)
    with zipfile.ZipFile(reviewed) as archive:             # the comment is inside the footnote
        assert "commentRangeStart" in archive.read("word/footnotes.xml").decode()
        assert "commentRangeStart" not in archive.read("word/document.xml").decode()
    draft = copy.deepcopy(sample)
    plan = plan_import(draft, reviewed, {s.id: s.title for s in pack.sections})
    assert [u for u in plan.unplaced if u["kind"] == "comment"] == []
    plan.edit(draft).apply(draft)
    [thread] = [c for c in comments(draft) if c["text"] == "Ghi rõ ngày ký"]
    found = anchors.find_anchor(draft, thread["id"])
    assert found is not None and found.in_note
    assert (found.section, found.paragraph, found.note, found.quote) == ("giao-duc", 1, 0, quote)
    assert found.start == at and thread["author"] == "Trần Văn Hùng"
    assert draft.sections["giao-duc"].body[1].plain_text() == para.plain_text()          # text unchanged
    assert ops.comment_state(draft, thread) == ops.OPEN


def test_a_comment_on_footnote_text_is_exported_inside_the_footnote_and_comes_back(sample, pack, tmp_path):
    docx = pytest.importorskip("docx")
    draft = _note_comment_draft(sample, "441/QĐ-UBND")
    path = tmp_path / "gop-y-chu-thich.docx"
    export_with_comments(draft, pack, path)
    assert validate_docx(path) == []
    # on the note's number in the body (Microsoft's validator refuses comment marks in footnotes.xml),
    # saying which words of the note it is about
    assert "[Trong chú thích: «441/QĐ-UBND»] Ghi rõ ngày ký" in [c.text for c in docx.Document(str(path)).comments]
    marked = _pandoc(path, "all", "markdown").replace("\n", " ")
    at = marked.index('comment-start id="6"')
    assert "[^" in marked[at:at + 200] and "]{.comment-end" in marked[at:at + 200]
    # into the draft without that comment: it comes back on the same words of the footnote
    clean = copy.deepcopy(sample)
    plan = plan_import(clean, path, {s.id: s.title for s in pack.sections})
    plan.edit(clean).apply(clean)
    [thread] = [c for c in comments(clean) if c["text"] == "Ghi rõ ngày ký"]
    found = anchors.find_anchor(clean, thread["id"])
    assert found is not None and (found.section, found.paragraph, found.note, found.quote) == (
        "giao-duc", 1, 0, "441/QĐ-UBND")
    assert review_data(clean)["unplaced"] == []
