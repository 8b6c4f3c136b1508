"""QA by an office leader (Dec 2026), in the window (pytest-qt): «Duyệt» with comments still open asks
first; an approval the content no longer matches shows «đã duyệt — có thay đổi sau khi duyệt»; the
import's status line is short and its details are in a window; the name dialog's title is not cut."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from docx import Document  # noqa: E402
from PySide6.QtWidgets import QDialog, QWidget  # noqa: E402

from baocao.constants import SectionStatus  # noqa: E402
from baocao.edits import SetSectionBody  # noqa: E402
from baocao.review.identity import Reviewer  # noqa: E402
from baocao.review.textops import replace_range  # noqa: E402
from baocao.ui.review import approval_prompt, commands, strings as S  # noqa: E402
from baocao.ui.review.approval_prompt import ApproveAnswer  # noqa: E402
from baocao.ui.review.identity import IdentityDialog, store_reviewer  # noqa: E402
from ui_support import make_window, sample_session  # noqa: E402

OPEN_ONE = "han-che"                 # the sample's «Tồn tại, hạn chế»: one comment not done
SECTION = "nhiem-vu-cap-tren"        # one open comment too
#: where the dialogs' screenshots go (to look at them): BAOCAO_SHOTS, else the test's own folder
SHOTS = "BAOCAO_SHOTS"


def _window(qtbot, tmp_path, session=None, reviewer=True):
    window = make_window(qtbot, tmp_path, session or sample_session())
    if reviewer:
        store_reviewer(window.settings, Reviewer("Nguyễn Văn An"))
    return window


def _answer(monkeypatch, answer: ApproveAnswer) -> list:
    asked: list = []
    monkeypatch.setattr(approval_prompt, "ask_open_comments", lambda *a: asked.append(a) or answer)
    return asked


def _shot(widget, folder, name: str) -> None:
    import os
    from pathlib import Path

    out = Path(os.environ.get(SHOTS) or folder)
    out.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(out / f"{name}.png"))


# ---------------------------------------------------------------- 1. approving with comments open
def test_approving_with_an_open_comment_asks_and_cancel_leaves_the_status(qtbot, tmp_path, monkeypatch):
    asked = _answer(monkeypatch, ApproveAnswer.CANCEL)
    window = _window(qtbot, tmp_path)
    window.select(OPEN_ONE)
    window.editor.statusChosen.emit(OPEN_ONE, SectionStatus.APPROVED)       # the editor's status selector
    assert window.session.draft.section(OPEN_ONE).status is SectionStatus.NEEDS_WORK
    assert [(a[1], a[2]) for a in asked] == [("2. Tồn tại, hạn chế", 1)]
    assert window.editor.status.currentText() == "cần sửa"                   # the selector shows it too
    assert not window.controller.undo_stack.canUndo()


def test_show_the_comments_opens_the_panel_on_them_and_does_not_approve(qtbot, tmp_path, monkeypatch):
    _answer(monkeypatch, ApproveAnswer.SHOW)
    window = _window(qtbot, tmp_path)
    window.select(OPEN_ONE)
    window.review.mark_current(SectionStatus.APPROVED)                      # Góp ý → Duyệt mục
    assert window.session.draft.section(OPEN_ONE).status is SectionStatus.NEEDS_WORK
    assert window.review.dock.isVisible() and window.review.panel.selected_id() == "cmau02"
    assert "1 góp ý chưa xử lý" in window.statusBar().currentMessage()


def test_approve_anyway_approves_and_a_section_without_open_comments_is_not_asked(qtbot, tmp_path, monkeypatch):
    asked = _answer(monkeypatch, ApproveAnswer.APPROVE)
    window = _window(qtbot, tmp_path)
    window.select(OPEN_ONE)
    window.review.mark_current(SectionStatus.APPROVED)
    assert window.session.draft.section(OPEN_ONE).status is SectionStatus.APPROVED and len(asked) == 1
    window.select("uu-diem")                                                # no comment at all
    window.review.mark_current(SectionStatus.APPROVED)
    assert window.session.draft.section("uu-diem").status is SectionStatus.APPROVED and len(asked) == 1


def test_the_question_says_how_many_and_offers_three_answers(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    box, buttons = approval_prompt.open_comments_box(window, "2. Tồn tại, hạn chế", 3)
    qtbot.addWidget(box)
    box.show()
    _shot(box, tmp_path, "approve_question")
    assert box.windowTitle() == S.APPROVE_OPEN_TITLE and len(box.windowTitle()) <= 24
    assert "3 góp ý chưa xử lý" in box.text()
    assert [buttons[a].text().replace("&", "") for a in ApproveAnswer] == ["Xem các góp ý", "Vẫn duyệt", "Hủy"]
    assert box.defaultButton() is buttons[ApproveAnswer.SHOW] and box.escapeButton() is buttons[ApproveAnswer.CANCEL]


# ---------------------------------------------------------------- 2. an approval the content no longer matches
def _reviewed_copy(qtbot, window, tmp_path, old: str, new: str):
    exported = tmp_path / "gop-y.docx"
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000):
        assert commands.export_with_comments(window, str(exported))
    doc = Document(str(exported))
    run = next(r for p in doc.paragraphs for r in p.runs if old in r.text)
    run.text = run.text.replace(old, new)
    reviewed = tmp_path / "gop-y-da-sua.docx"
    doc.save(str(reviewed))
    return reviewed


def test_an_imported_word_edit_marks_the_approval_outdated_until_approved_again(qtbot, tmp_path, monkeypatch):
    _answer(monkeypatch, ApproveAnswer.APPROVE)
    window = _window(qtbot, tmp_path)
    window.select(SECTION)
    window.review.mark_current(SectionStatus.APPROVED)
    reviewed = _reviewed_copy(qtbot, window, tmp_path, "thời hạn hoàn thành", "thời gian hoàn thành")
    assert commands.import_review(window, str(reviewed))
    marks, item = window.review.marks, window.outline._items[SECTION]
    marks.refresh_now()
    assert window.session.draft.section(SECTION).status is SectionStatus.APPROVED
    assert item.text(1) == S.OUTDATED_SHORT
    assert marks.status_by(SECTION).startswith("đã duyệt — có thay đổi sau khi duyệt (Nguyễn Văn An, ")
    assert marks.banner.isVisible() and marks.banner.text().startswith("Có thay đổi sau khi NVA duyệt")
    assert "Nguyễn Văn An" in marks.banner.toolTip()
    assert marks.label.text().startswith("Duyệt: 1/15 mục (+1 có sửa) · cần sửa: 1")   # «giáo dục» only
    assert "a) Kết quả thực hiện nhiệm vụ được giao" in marks.label.toolTip()
    report = window.review.import_report
    assert report.isVisible() and "«a) Kết quả thực hiện nhiệm vụ được giao»" in report.informativeText()
    _shot(window, tmp_path, "outdated_after_import")
    _shot(report, tmp_path, "import_report")
    report.close()
    window.review.mark_current(SectionStatus.APPROVED)                      # approved again, as it is now
    marks.refresh_now()
    assert item.text(1) == "đã duyệt · NVA" and not marks.banner.isVisible()
    window.controller.undo_stack.undo()                                     # the new approval undone …
    window.controller.undo_stack.undo()                                     # … and the import: the old one holds
    marks.refresh_now()
    assert item.text(1) == "đã duyệt · NVA" and not marks.banner.isVisible()


def test_typing_in_an_approved_section_shows_the_change_at_once(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    window.select("giao-duc")                       # approved in the sample (before digests were kept)
    body = list(window.session.draft.section("giao-duc").body)
    body[0] = replace_range(body[0], 0, 0, "Nhìn chung, ")
    window.controller.push(SetSectionBody.make(window.session.draft, "giao-duc", body))
    qtbot.waitUntil(lambda: window.outline._items["giao-duc"].text(1) == S.OUTDATED_SHORT, timeout=3000)
    assert window.review.marks.banner.isVisible()


def test_a_change_taken_back_from_another_version_outdates_the_approval(qtbot, tmp_path, monkeypatch):
    from baocao.session import DraftSession
    from baocao.ui.review.compare_view import NOW

    _answer(monkeypatch, ApproveAnswer.APPROVE)
    session = sample_session()
    session.save_as(tmp_path / "bc.baocao")
    session.save_named_version("Gửi lãnh đạo duyệt")
    session.close()
    window = _window(qtbot, tmp_path, DraftSession.open(tmp_path / "bc.baocao"))
    window.select("uu-diem")
    body = list(window.session.draft.section("uu-diem").body)
    body[0] = replace_range(body[0], 0, 0, "Nhìn chung, ")
    window.controller.push(SetSectionBody.make(window.session.draft, "uu-diem", body))
    window.review.mark_current(SectionStatus.APPROVED)                      # approved as it reads now
    assert not window.review.is_outdated("uu-diem")
    view = commands.show_compare(window)
    view.set_versions(next(v.id for v in window.session.versions() if v.name == "Gửi lãnh đạo duyệt"), NOW)
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(0))
    assert view.revert_current()                                            # «Bỏ thay đổi này»: the old text back
    qtbot.waitUntil(lambda: window.outline._items["uu-diem"].text(1) == S.OUTDATED_SHORT, timeout=3000)
    assert window.review.is_outdated("uu-diem")
    view.close()


# ---------------------------------------------------------------- 3. the import's status line
def test_the_import_says_little_in_the_status_bar_and_the_details_in_a_window(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    window.select(SECTION)
    reviewed = _reviewed_copy(qtbot, window, tmp_path, "thời hạn hoàn thành", "thời gian hoàn thành")
    long_name = tmp_path / ("bao-cao-6-thang-dau-nam-2021-ubnd-tinh-ban-gop-y-cua-lanh-dao-van-phong-" * 2 + ".docx")
    reviewed.rename(long_name)
    assert commands.import_review(window, str(long_name))
    bar = window.statusBar()
    message = bar.currentMessage()
    assert message == "Đã nhập góp ý: 1 chỗ sửa, 0 góp ý" and len(message) <= S.IMPORT_SHORT_MAX
    beside = [w for w in bar.findChildren(QWidget) if w.isVisible() and w.parent() is bar]
    room = bar.width() - sum(w.width() for w in beside) - 40
    assert bar.fontMetrics().horizontalAdvance(message) * 1.3 < room      # fits, with room for a wider font
    report = window.review.import_report
    assert report.isVisible() and report.windowTitle() == S.IMPORT_REPORT_TITLE
    details = report.informativeText()
    assert "1 chỗ sửa thẳng" in details and "Trước khi nhập góp ý từ «bao-cao-6-thang" in details
    assert "So sánh phiên bản" in details and details == bar.toolTip()


# ---------------------------------------------------------------- 4. the name asked on the first comment
def test_the_name_dialog_on_the_first_comment_has_a_short_title_and_says_why_in_its_body(qtbot, tmp_path,
                                                                                         monkeypatch):
    window = _window(qtbot, tmp_path, reviewer=False)
    shown: list[IdentityDialog] = []

    def exec_(dialog):
        dialog.show()
        shown.append(dialog)
        _shot(dialog, tmp_path, "identity_first")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(IdentityDialog, "exec", exec_)
    window.select(SECTION)
    window.review.panel.input.setPlainText("Ghi rõ ngày ban hành")
    assert not window.review.panel.comment_on_section()           # asked, then cancelled: nothing written
    [dialog] = shown
    title = dialog.windowTitle()
    assert title == S.IDENTITY_TITLE and len(title) <= 20
    assert dialog.width() >= 420                    # a title bar's icon and buttons take ~160 px besides the title
    assert dialog.width() >= 2 * dialog.fontMetrics().horizontalAdvance(title) + 160
    assert "góp ý đầu tiên" in dialog.heading.text() and "ghi kèm mỗi góp ý" in dialog.intro.text()
    assert "Người góp ý" in dialog.intro.text()                   # where to change it later


def test_a_removed_row_or_paragraph_in_the_unplaced_list_shows_what_was_removed(qtbot, tmp_path):
    from baocao.edits import SetExtra
    from baocao.review.constants import EXTRA_NAME, NOTE_ROW_REMOVED
    from baocao.review.store import review_data

    window = _window(qtbot, tmp_path)
    data = review_data(window.session.draft)
    data["unplaced"].append({"kind": "change", "text": "", "quote": "2 | Sở Tài chính | 270", "source": "x.docx",
                             "where": "bảng", "note": NOTE_ROW_REMOVED})
    window.controller.push(SetExtra.make(window.session.draft, EXTRA_NAME, data, "thử"))
    panel = window.review.panel
    panel.refresh()
    group = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
                 if panel.tree.topLevelItem(i).text(0).startswith(S.UNPLACED_GROUP))
    assert group.child(0).text(0) == "(xóa) «2 | Sở Tài chính | 270»"

