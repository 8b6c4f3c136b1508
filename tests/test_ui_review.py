"""The reviewers' features in the window (pytest-qt): comments panel, reviewer statuses, compare view."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCursor  # noqa: E402

from baocao.constants import SectionStatus  # noqa: E402
from baocao.review import anchors  # noqa: E402
from baocao.review.store import comments  # noqa: E402
from baocao.ui.review.identity import store_reviewer  # noqa: E402
from baocao.review.identity import Reviewer  # noqa: E402
from ui_support import make_window, sample_session, type_text  # noqa: E402

SECTION = "nhiem-vu-cap-tren"


def _window(qtbot, tmp_path, session=None):
    window = make_window(qtbot, tmp_path, session or sample_session())
    store_reviewer(window.settings, Reviewer("Nguyễn Văn An"))
    window.select(SECTION)
    return window


def _select_words(window, start: int, length: int) -> str:
    editor = window.editor.body
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    return cursor.selectedText()


def test_comment_on_selection_reply_resolve_and_anchor_follows_edits(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    panel = window.review.panel
    editor = window.editor.body
    quote = _select_words(window, 0, 15)                         # "Ngay từ đầu năm"
    assert quote == "Ngay từ đầu năm"
    type_text(qtbot, panel.input, "Ghi rõ ngày ban hành")
    before = {c["id"] for c in comments(window.session.draft)}      # the sample's own comments
    assert panel.comment_on_selection()
    [thread] = [c for c in comments(window.session.draft) if c["id"] not in before]
    assert thread["quote"] == quote and thread["author"] == "Nguyễn Văn An" and thread["initials"] == "NVA"
    assert thread["id"] in panel.comment_ids()
    assert "Ghi rõ ngày ban hành" in panel.item_text(thread["id"])
    # the editor shows the marked text (its characters carry the comment id)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(3)
    from baocao.ui import richtext_convert as rc

    assert rc.comment_ids_of(cursor.charFormat()) == (thread["id"],)
    # type before the anchor: the comment still covers the same words
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    editor.setFocus()
    type_text(qtbot, editor, "Trước hết, ")
    qtbot.waitUntil(lambda: window.session.draft.section(SECTION).body[0].plain_text().startswith("Trước hết, "))
    found = anchors.find_anchor(window.session.draft, thread["id"])
    assert found is not None and found.quote == quote and found.start == len("Trước hết, ")
    # reply, then resolve; undo brings it back open
    panel.refresh()
    assert panel.select_comment(thread["id"])
    type_text(qtbot, panel.input, "Đã sửa")
    assert panel.reply()
    mine = lambda: next(c for c in comments(window.session.draft) if c["id"] == thread["id"])  # noqa: E731
    assert mine()["replies"][0]["text"] == "Đã sửa" and mine()["replies"][0]["author"] == "Nguyễn Văn An"
    assert panel.toggle_resolved()
    assert mine()["resolved"] is True
    assert thread["id"] not in panel.comment_ids()             # open comments only
    panel.show_resolved.setChecked(True)
    assert thread["id"] in panel.comment_ids() and "đã xử lý" in panel.item_text(thread["id"])
    window.controller.undo_stack.undo()
    assert mine()["resolved"] is False


def test_deleting_the_commented_text_keeps_the_comment_detached(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    panel = window.review.panel
    _select_words(window, 0, 15)
    type_text(qtbot, panel.input, "Xem lại")
    before = {c["id"] for c in comments(window.session.draft)}
    assert panel.comment_on_selection()
    [cid] = [c["id"] for c in comments(window.session.draft) if c["id"] not in before]
    editor = window.editor.body
    _select_words(window, 0, 20)
    editor.textCursor().removeSelectedText()
    qtbot.waitUntil(lambda: anchors.find_anchor(window.session.draft, cid) is None)
    panel.refresh()
    assert cid in panel.comment_ids() and "đoạn chữ đã bị xóa" in panel.item_text(cid)
    window.controller.undo_stack.undo()                        # undo the deletion: attached again
    assert anchors.find_anchor(window.session.draft, cid) is not None


def test_section_status_by_reviewer_shows_who_in_the_outline(qtbot, tmp_path, monkeypatch):
    from baocao.ui.review import approval_prompt

    asked = []                          # the section has an open comment: «Vẫn duyệt» is chosen
    monkeypatch.setattr(approval_prompt, "ask_open_comments",
                        lambda *a: asked.append(a) or approval_prompt.ApproveAnswer.APPROVE)
    window = _window(qtbot, tmp_path)
    window.review.mark_current(SectionStatus.NEEDS_WORK)
    draft = window.session.draft
    assert draft.section(SECTION).status is SectionStatus.NEEDS_WORK
    window.review.marks.refresh_now()
    assert window.review.marks.status_by(SECTION).startswith("cần sửa — Nguyễn Văn An, ")
    item = window.outline._items[SECTION]
    assert item.text(1) == "cần sửa · NVA"
    assert "cần sửa: 2" in window.review.marks.label.text()      # the sample has one already ("Tồn tại, hạn chế")
    window.controller.undo_stack.undo()                        # one step: status and record together
    assert draft.section(SECTION).status is not SectionStatus.NEEDS_WORK
    window.review.marks.refresh_now()
    assert window.review.marks.status_by(SECTION) == ""
    # the editor's status selector records the reviewer too
    window.editor.statusChosen.emit(SECTION, SectionStatus.APPROVED)
    assert draft.section(SECTION).status is SectionStatus.APPROVED and len(asked) == 1
    window.review.marks.refresh_now()
    assert window.review.marks.status_by(SECTION).startswith("đã duyệt — Nguyễn Văn An")


def test_compare_two_versions_revert_one_difference_and_undo(qtbot, tmp_path):
    from baocao.session import DraftSession
    from baocao.ui.review.commands import show_compare
    from baocao.ui.review.compare_view import NOW

    session = sample_session()
    session.save_as(tmp_path / "bc.baocao")
    session.save_named_version("Gửi lãnh đạo duyệt")
    session.close()
    window = _window(qtbot, tmp_path, DraftSession.open(tmp_path / "bc.baocao"))
    editor = window.editor.body
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.setFocus()
    type_text(qtbot, editor, " Thêm một câu.")
    window.session.draft.section(SECTION)                       # typed into the draft
    qtbot.waitUntil(lambda: window.session.draft.section(SECTION).body[-1].plain_text().endswith("Thêm một câu."))
    view = show_compare(window)
    named = window.session.versions()[-1]
    view.set_versions(next(v.id for v in window.session.versions() if v.name == "Gửi lãnh đạo duyệt"), NOW)
    diffs = view.differences()
    assert [(d.group, d.kind, d.new_text) for d in diffs] == [(SECTION, "text", " Thêm một câu.")]
    assert "1 chỗ khác nhau" in view.summary.text()
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(0))
    assert view.revert_current()
    assert not window.session.draft.section(SECTION).body[-1].plain_text().endswith("Thêm một câu.")
    assert view.differences() == []
    assert editor.toPlainText().endswith("Thêm một câu.") is False  # the editor shows the reverted text
    window.controller.undo_stack.undo()
    assert window.session.draft.section(SECTION).body[-1].plain_text().endswith("Thêm một câu.")
    view.recompute()
    assert len(view.differences()) == 1
    assert named is not None


def test_screenshots_of_the_comments_panel_and_the_compare_view(qtbot, tmp_path):
    """The sample opens with its reviewers' comments in view and two versions to compare.

    Written to docs/images/ when ``BAOCAO_SCREENSHOTS=1`` (README), otherwise to a temporary folder.
    """
    import os
    from pathlib import Path

    from baocao.ui.review.commands import show_compare

    out = Path(__file__).resolve().parent.parent / "docs" / "images" \
        if os.environ.get("BAOCAO_SCREENSHOTS") == "1" else tmp_path
    window = _window(qtbot, tmp_path)
    panel = window.review.panel
    fitter = window.review.fitter
    assert not window.review.dock.isVisible()                       # 1366×768: the editor keeps its width …
    assert fitter.button.isVisible() and fitter.button.text() == "Góp ý: 3 chưa xử lý"   # … the count says so
    fitter.button.click()                                           # one click opens the panel
    qtbot.waitUntil(lambda: window.review.dock.isVisible())
    qtbot.wait(50)
    assert len(panel.comment_ids()) == 3                            # open ones (the fourth is resolved)
    assert panel.select_comment("cmau01")
    panel.jump("cmau01")
    assert window.editor.body.textCursor().selectedText() == "thời hạn hoàn thành"
    qtbot.wait(50)
    assert window.grab().save(str(out / "ui-gop-y.png"))
    view = show_compare(window)
    view.resize(1000, 600)
    assert [d.new_text for d in view.differences()] == [", cơ quan phối hợp", " sát sao,", ": góp ý còn chậm"]
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(0))
    qtbot.wait(50)
    assert view.grab().save(str(out / "ui-so-sanh.png"))
    view.close()


def test_name_and_initials_are_asked_once_then_stored_with_each_comment(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from baocao.ui.review import identity

    window = make_window(qtbot, tmp_path, sample_session())
    window.select("y-te")
    asked = []

    def answer(dialog):
        asked.append(dialog.windowTitle())
        type_text(qtbot, dialog.name, "Phạm Quốc Bảo")          # initials follow the name
        assert dialog.initials.text() == "PQB"
        dialog._accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(identity.IdentityDialog, "exec", answer)
    panel = window.review.panel
    type_text(qtbot, panel.input, "Bổ sung số ca mắc")
    assert panel.comment_on_section()
    type_text(qtbot, panel.input, "Và số ca khỏi bệnh")
    assert panel.comment_on_section()
    assert asked == ["Người góp ý"]                               # only the first time
    mine = [c for c in comments(window.session.draft) if c["author"] == "Phạm Quốc Bảo"]
    assert [(c["initials"], c["anchor"]["kind"], c["anchor"]["section"]) for c in mine] == [
        ("PQB", "section", "y-te")] * 2
    assert identity.stored_reviewer(window.settings) == Reviewer("Phạm Quốc Bảo", "PQB")
    # a comment on one field of a section
    window.select(SECTION)
    spec = window.session.pack.section(SECTION).fields[0]
    panel.target.setCurrentIndex(panel.target.findData(spec.key))
    type_text(qtbot, panel.input, "Số này khớp Phụ lục 01?")
    assert panel.comment_on_section()
    thread = comments(window.session.draft)[-1]
    assert thread["anchor"] == {"kind": "field", "section": SECTION, "key": spec.key}
    assert f"ô «{spec.label}»" in panel.item_text(thread["id"])


def test_word_export_and_import_from_the_window(qtbot, tmp_path):
    """Góp ý → export with comments, the comparison copy, then import it back: one undo step, a version first."""
    docx = pytest.importorskip("docx")
    from baocao.session import DraftSession
    from baocao.ui.review import commands

    session = sample_session()
    session.save_as(tmp_path / "bc.baocao")
    session.save_named_version("Gửi lãnh đạo duyệt")
    session.close()
    window = _window(qtbot, tmp_path, DraftSession.open(tmp_path / "bc.baocao"))
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000):     # written in the background
        assert commands.export_with_comments(window, str(tmp_path / "gop-y.docx"))
    assert {c.author for c in docx.Document(str(tmp_path / "gop-y.docx")).comments} == {"Trần Văn Hùng", "Lê Thị Mai"}
    editor = window.editor.body
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.setFocus()
    type_text(qtbot, editor, " Câu lãnh đạo thêm.")
    qtbot.waitUntil(lambda: window.session.draft.section(SECTION).body[-1].plain_text().endswith("thêm."))
    version = next(v.id for v in window.session.versions() if v.name == "Gửi lãnh đạo duyệt")
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000):
        assert commands.export_tracked(window, version, str(tmp_path / "so-sanh.docx"))
    window.controller.undo_stack.undo()                         # the drafter's copy does not have it …
    assert not window.session.draft.section(SECTION).body[-1].plain_text().endswith("thêm.")
    steps = window.controller.undo_stack.index()
    assert commands.import_review(window, str(tmp_path / "so-sanh.docx"))   # … the reviewed file brings it
    assert window.session.draft.section(SECTION).body[-1].plain_text().endswith(" Câu lãnh đạo thêm.")
    assert window.controller.undo_stack.index() == steps + 1
    assert any(v.name == "Trước khi nhập góp ý từ «so-sanh.docx»" for v in window.session.versions())
    window.controller.undo_stack.undo()
    assert not window.session.draft.section(SECTION).body[-1].plain_text().endswith("thêm.")
