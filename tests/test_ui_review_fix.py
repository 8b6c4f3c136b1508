"""QA findings of 2 Dec 2026 in the reviewer's flows (pytest-qt): plain Word edits come back on import,
versions are picked by position with labels told apart, the sample's versions can be exported against,
the initials box, the compare view's default and the import's status message."""

from __future__ import annotations

import zipfile

import pytest

pytest.importorskip("PySide6")

from docx import Document  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QInputDialog  # noqa: E402

from baocao.edits import SetSectionBody  # noqa: E402
from baocao.review.identity import MAX_INITIALS, Reviewer  # noqa: E402
from baocao.review.textops import replace_range  # noqa: E402
from baocao.ui.review import commands  # noqa: E402
from baocao.ui.review.identity import IdentityDialog, store_reviewer  # noqa: E402
from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: E402,F401

SECTION = "nhiem-vu-cap-tren"
OLD, NEW = "thời hạn hoàn thành", "thời gian hoàn thành"


def _window(qtbot, tmp_path, session=None):
    window = make_window(qtbot, tmp_path, session or sample_session())
    store_reviewer(window.settings, Reviewer("Nguyễn Văn An"))
    window.select(SECTION)
    return window


def _change_first_paragraph(window, start: int, text: str) -> None:
    body = list(window.session.draft.section(SECTION).body)
    body[0] = replace_range(body[0], start, start, text)
    window.controller.push(SetSectionBody.make(window.session.draft, SECTION, body))


def test_a_word_file_edited_without_track_changes_comes_back_in_the_window(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    exported = tmp_path / "gop-y.docx"
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000):
        assert commands.export_with_comments(window, str(exported))
    doc = Document(str(exported))                                  # the leader edits directly, no tracking
    run = next(r for p in doc.paragraphs for r in p.runs if OLD in r.text)
    run.text = run.text.replace(OLD, NEW)
    reviewed = tmp_path / "gop-y-da-sua.docx"
    doc.save(str(reviewed))
    assert commands.import_review(window, str(reviewed))
    assert NEW in window.session.draft.section(SECTION).body[0].plain_text()
    bar = window.statusBar()
    message = bar.currentMessage()
    assert message == "Đã nhập góp ý: 1 chỗ sửa, 0 góp ý"
    assert bar.fontMetrics().horizontalAdvance(message) < 1366 - 300      # fits beside the counts at 1366 px
    assert "Trước khi nhập góp ý từ «gop-y-da-sua.docx»" in bar.toolTip()
    assert "1 chỗ sửa thẳng, không bật theo dõi thay đổi" in bar.toolTip()
    window.controller.undo_stack.undo()                            # one undoable step, as tracked changes are
    assert OLD in window.session.draft.section(SECTION).body[0].plain_text()
    bar.showMessage("khác")
    assert bar.toolTip() == ""


def _two_saves_in_one_minute(tmp_path):
    from baocao.session import DraftSession

    session = sample_session()
    session.save_as(tmp_path / "bc.baocao")
    body = list(session.draft.section(SECTION).body)
    body[0] = replace_range(body[0], 0, 0, "Nhìn chung, ")
    session.apply(SetSectionBody.make(session.draft, SECTION, body))
    session.save()
    session.close()
    return DraftSession.open(tmp_path / "bc.baocao")


def test_two_versions_with_the_same_label_are_told_apart_and_picked_by_position(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path, _two_saves_in_one_minute(tmp_path))
    versions = window.session.versions()
    saves = [v for v in versions if v.kind == "save"]
    assert len(saves) == 2
    from baocao.ui.review import versions as V

    options = V.choices(window)
    labels = [o.label for o in options]
    assert len(set(labels)) == len(labels)                         # seconds or «(2)»
    older = next(o for o in options if o.key == saves[-1].id)      # the first save: without «Nhìn chung»
    asked = {}

    def answer(parent, title, text, items, current, editable):
        asked["items"], asked["current"] = list(items), current
        return older.label, True
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(answer))
    assert commands._pick_version(window) == older.key
    assert any("phiên bản của bản mẫu" in item for item in asked["items"])     # the sample's versions too
    assert options[asked["current"]].key != saves[0].id          # the newest save equals the text: not offered first
    target = tmp_path / "so-sanh.docx"
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000):
        assert commands.export_tracked(window, older.key, str(target))
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:ins " in xml and "Nhìn chung" in xml
    view = commands.show_compare(window)
    shown = [view.from_box.itemText(n) for n in range(view.from_box.count())]
    assert len(set(shown)) == len(shown)
    assert view.from_box.currentData() != saves[0].id and view.summary.text() != "Hai bản giống nhau."
    view.close()


def test_the_unsaved_sample_can_be_exported_against_its_own_versions(qtbot, tmp_path, monkeypatch, message_boxes):
    from ooxml_support import validate_docx

    window = _window(qtbot, tmp_path)
    assert window.session.versions() == []
    seen = {}

    def answer(parent, title, text, items, current, editable):
        seen["items"] = list(items)
        return items[0], True
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(answer))
    key = commands._pick_version(window)
    assert key in ("m1", "m2") and not message_boxes.shown
    assert [i.split(" — ")[0] for i in seen["items"]] == ["Đã sửa theo góp ý 02/7/2021",
                                                          "Gửi lãnh đạo duyệt 28/6/2021"]
    target = tmp_path / "so-sanh-m1.docx"
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000) as done:
        assert commands.export_tracked(window, "m1", str(target))
    assert done.args[1] == "" and validate_docx(target) == []
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:del " in xml or "<w:ins " in xml


def test_the_compare_view_defaults_to_a_version_that_differs(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    view = commands.show_compare(window)
    assert view.summary.text() != "Hai bản giống nhau." and view.differences()
    view.close()


def test_initials_follow_the_name_until_typed_and_typing_replaces_them(qtbot):
    dialog = IdentityDialog(None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.name, "Nguyễn Thị Hoa")
    assert dialog.initials.text() == "NTH"
    qtbot.mouseClick(dialog.initials, Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    qtbot.keyClicks(dialog.initials, "HoaNT")
    assert dialog.initials.text() == "HoaNT"                      # replaced, not «NTHHoaNT»
    type_text(qtbot, dialog.name, " X")
    assert dialog.initials.text() == "HoaNT"                      # no longer follows the name
    dialog.initials.setText("ABCDEFGHIJ")                          # e.g. pasted: one more than Word keeps
    dialog._accept()
    assert dialog.result() == 0 and f"tối đa {MAX_INITIALS} ký tự" in dialog.error.text()
    assert Reviewer("A", "ABCDEFGHIJKL").initials == "ABCDEFGHI"   # the core never stores more than Word keeps


def test_history_lists_the_sample_s_versions_next_to_the_real_history(qtbot, tmp_path):
    from baocao.ui.durability import HistoryDialog

    window = _window(qtbot, tmp_path)
    dialog = HistoryDialog(window.session, apply_edit=window.controller.push, parent=window,
                           titles=window.outline.numbered_titles(), confirm=lambda *_a: True)
    qtbot.addWidget(dialog)
    rows = [dialog.versions.item(n).text() for n in range(dialog.versions.count())]
    assert [r.split(" — ")[0] for r in rows] == ["Đã sửa theo góp ý 02/7/2021", "Gửi lãnh đạo duyệt 28/6/2021"]
    dialog.versions.setCurrentRow(1)                                  # the copy sent for review
    assert dialog.current_seed().key == "m1" and "khác với bản đang soạn" in dialog.status.text()
    before = window.session.draft.section(SECTION)
    dialog.restore_all()
    assert window.session.draft.section(SECTION) != before          # the seed's text is back …
    window.controller.undo_stack.undo()
    assert window.session.draft.section(SECTION) == before          # … and undoable
