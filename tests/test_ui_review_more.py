"""Issue 9 leftovers in the window (pytest-qt): resolved comments lose their highlight, a paste never copies
comment anchors, the History dialog's named version records the reviewer, the Word exports run off the UI
thread, and the comments panel leaves the editor its width at 1366×768."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from baocao.review import anchors  # noqa: E402
from baocao.review.identity import Reviewer  # noqa: E402
from baocao.review.store import comments, review_data  # noqa: E402
from baocao.ui import richtext_convert as rc  # noqa: E402
from baocao.ui.review.identity import store_reviewer  # noqa: E402
from baocao.ui.review.selection import document_position  # noqa: E402
from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: E402,F401


def _window(qtbot, tmp_path, section=None, session=None):
    window = make_window(qtbot, tmp_path, session or sample_session())
    store_reviewer(window.settings, Reviewer("Nguyễn Văn An"))
    if section:
        window.select(section)
    return window


def _format_at(window, found) -> object:
    """The character format of the editor at the middle of the anchor *found* (section shown)."""
    doc = window.editor.body.document()
    cursor = QTextCursor(doc)
    cursor.setPosition(document_position(doc, found.paragraph, (found.start + found.end) // 2) + 1)
    return cursor.charFormat()


def _highlighted(fmt) -> bool:
    return fmt.background().style() != Qt.BrushStyle.NoBrush


def _thread(window, comment_id):
    return next(c for c in comments(window.session.draft) if c["id"] == comment_id)


def test_a_resolved_comment_loses_its_highlight_and_gets_it_back_when_reopened(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, "nhiem-vu-cap-tren")
    panel = window.review.panel
    draft = window.session.draft
    body_before = [p for p in draft.section("nhiem-vu-cap-tren").body]
    found = anchors.find_anchor(draft, "cmau01")                # open in the sample
    fmt = _format_at(window, found)
    assert rc.comment_ids_of(fmt) == ("cmau01",) and _highlighted(fmt)
    assert panel.select_comment("cmau01") and panel.toggle_resolved()
    assert _thread(window, "cmau01")["resolved"] is True
    qtbot.waitUntil(lambda: not _highlighted(_format_at(window, found)))
    fmt = _format_at(window, found)
    assert rc.comment_ids_of(fmt) == ("cmau01",)                # the anchor stays in the text
    assert window.session.draft.section("nhiem-vu-cap-tren").body == body_before    # the body is not changed
    assert window.editor.body.body() == body_before
    # another section and back: still not highlighted; the sample's resolved comment is not highlighted either
    window.select("giao-duc")
    resolved = anchors.find_anchor(draft, "cmau04")
    qtbot.waitUntil(lambda: rc.comment_ids_of(_format_at(window, resolved)) == ("cmau04",))
    assert not _highlighted(_format_at(window, resolved))
    window.select("nhiem-vu-cap-tren")
    assert not _highlighted(_format_at(window, found))
    # reopen: highlighted again; undo of the reopen: plain again
    panel.show_resolved.setChecked(True)
    assert panel.select_comment("cmau01") and panel.toggle_resolved()
    qtbot.waitUntil(lambda: _highlighted(_format_at(window, found)))
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: not _highlighted(_format_at(window, found)))
    assert window.session.draft.section("nhiem-vu-cap-tren").body == body_before


def test_copy_and_paste_through_the_clipboard_does_not_copy_the_comment_anchor(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, "nhiem-vu-cap-tren")
    editor = window.editor.body
    draft = window.session.draft
    found = anchors.find_anchor(draft, "cmau01")
    doc = editor.document()
    cursor = QTextCursor(doc)
    cursor.setPosition(document_position(doc, found.paragraph, found.start - 5))
    cursor.setPosition(document_position(doc, found.paragraph, found.end + 3), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    copied = cursor.selectedText()
    editor.copy()
    assert found.quote in QApplication.clipboard().text()
    last = doc.lastBlock()
    end = QTextCursor(doc)
    end.setPosition(last.position() + last.length() - 1)
    editor.setTextCursor(end)
    editor.setFocus()
    editor.paste()
    qtbot.waitUntil(lambda: window.session.draft.section("nhiem-vu-cap-tren").body[-1].plain_text().endswith(copied))
    body = window.session.draft.section("nhiem-vu-cap-tren").body
    assert [p for p, para in enumerate(body) if "cmau01" in anchors.para_ids(para)] == [found.paragraph]
    assert anchors.find_anchor(window.session.draft, "cmau01") == found          # one comment, one place
    pasted = doc.lastBlock()
    probe = QTextCursor(doc)
    probe.setPosition(pasted.position() + pasted.length() - 3)
    assert rc.comment_ids_of(probe.charFormat()) == () and not _highlighted(probe.charFormat())
    # cut and paste elsewhere: the text moves, the comment does not come with it (never two places)
    cursor = QTextCursor(doc)
    cursor.setPosition(document_position(doc, found.paragraph, found.start))
    cursor.setPosition(document_position(doc, found.paragraph, found.end), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.cut()
    qtbot.waitUntil(lambda: anchors.find_anchor(window.session.draft, "cmau01") is None)
    editor.setTextCursor(end)
    editor.paste()
    qtbot.waitUntil(lambda: window.session.draft.section("nhiem-vu-cap-tren").body[-1].plain_text().endswith(
        found.quote))
    assert "cmau01" not in anchors.anchored_ids(window.session.draft)


def test_a_copy_of_a_footnote_with_a_comment_pastes_without_it(qtbot, tmp_path):
    """The notes' own text can carry comment ids too; the copied marker never takes them along."""
    from baocao.model.richtext import Note, Para, Span
    from baocao.ui.richtext_editor import BODY_MIME

    window = _window(qtbot, tmp_path, "nhiem-vu-cap-tren")
    editor = window.editor.body
    note = Note([[Span("Ghi chú "), Span("được góp ý", comments=("cx1",))]])
    editor.set_body([Para([Span("Đầu "), note, Span(" cuối", comments=("cx2",))])])
    cursor = editor.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    editor.setTextCursor(cursor)
    mime = editor.createMimeDataFromSelection()
    raw = bytes(mime.data(BODY_MIME)).decode("utf-8")
    assert "cx1" not in raw and "cx2" not in raw and "được góp ý" in raw


def test_the_history_dialogs_own_named_version_button_records_the_reviewer(qtbot, tmp_path, monkeypatch):
    import json
    import subprocess
    import sys

    from baocao.session import DraftSession
    from baocao.ui.durability.history_dialog import HistoryDialog

    session = sample_session()
    path = tmp_path / "bc.baocao"
    session.save_as(path)
    session.close()
    window = _window(qtbot, tmp_path, session=DraftSession.open(path))
    store_reviewer(window.settings, Reviewer("Lê Thị Mai", "LTM"))
    name = "Gửi lãnh đạo duyệt 12/6"

    def run(dialog):                       # the user presses "Lưu phiên bản có tên…" and types a name
        dialog.ask_text = lambda *_a: name
        dialog.save_named()
        assert name in dialog.status.text()
        return 0

    monkeypatch.setattr(HistoryDialog, "exec", run)
    window.acts.history.trigger()          # File → Lịch sử phiên bản… (the real menu command)
    record = review_data(window.session.draft)["versions"][name]
    assert (record["author"], record["initials"]) == ("Lê Thị Mai", "LTM") and record["at"]
    assert name in [v.name for v in window.session.versions()]
    window.controller.save()
    out = subprocess.run([sys.executable, "-m", "baocao", "versions", str(path), "--json"], capture_output=True,
                         text=True, timeout=120, env={**__import__("os").environ, "PYTHONPATH": "desktop"})
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    [row] = [r for r in rows if r.get("name") == name]
    assert row["author"] == "Lê Thị Mai"


def test_the_word_exports_run_in_the_background_and_the_files_validate(qtbot, tmp_path, monkeypatch):
    import threading

    docx = pytest.importorskip("docx")
    from PySide6.QtCore import QTimer

    from baocao.review import docx_comments, docx_tracked
    from baocao.session import DraftSession
    from baocao.ui.review import commands
    from ooxml_support import validate_docx

    session = sample_session()
    session.save_as(tmp_path / "bc.baocao")
    session.save_named_version("Gửi lãnh đạo duyệt")
    session.close()
    window = _window(qtbot, tmp_path, "nhiem-vu-cap-tren", DraftSession.open(tmp_path / "bc.baocao"))
    main = threading.get_ident()
    seen: dict[str, int] = {}
    gate = threading.Event()
    real_comments, real_tracked = docx_comments.comments_docx, docx_tracked.tracked_from_documents

    def slow_comments(*args):              # the work happens off the UI thread, and takes a while
        seen["comments"] = threading.get_ident()
        gate.wait(10)
        return real_comments(*args)

    def slow_tracked(*args):
        seen["tracked"] = threading.get_ident()
        gate.wait(10)
        return real_tracked(*args)

    monkeypatch.setattr(docx_comments, "comments_docx", slow_comments)
    monkeypatch.setattr(docx_tracked, "tracked_from_documents", slow_tracked)
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    target = tmp_path / "gop-y.docx"
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000) as done:
        assert commands.export_with_comments(window, str(target))
        assert not target.exists() and window.review.exports.busy()      # returned at once, still working
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)            # the event loop keeps running
        gate.set()
    assert done.args == [str(target), ""] and seen["comments"] != main
    assert validate_docx(target) == []
    assert len(docx.Document(str(target)).comments) == 6
    assert "4 góp ý" in window.statusBar().currentMessage()
    gate.clear()
    version = next(v.id for v in window.session.versions() if v.name == "Gửi lãnh đạo duyệt")
    window.controller.push(__import__("baocao.edits", fromlist=["SetSectionBody"]).SetSectionBody.make(
        window.session.draft, "nhiem-vu-cap-tren", window.session.draft.section("nhiem-vu-cap-tren").body[1:]))
    copy_path = tmp_path / "so-sanh.docx"
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000):
        assert commands.export_tracked(window, version, str(copy_path))
        window.controller.undo_stack.undo()           # editing meanwhile does not change what is being written
        gate.set()
    assert seen["tracked"] != main and validate_docx(copy_path) == []
    with __import__("zipfile").ZipFile(copy_path) as archive:
        assert "<w:del " in archive.read("word/document.xml").decode()


def test_a_word_export_that_fails_says_why_in_vietnamese(qtbot, tmp_path, message_boxes):
    from baocao.ui.review import commands

    window = _window(qtbot, tmp_path, "nhiem-vu-cap-tren")
    target = tmp_path / "khong-co-thu-muc" / "gop-y.docx"
    with qtbot.waitSignal(window.review.exports.finished, timeout=60000) as done:
        assert commands.export_with_comments(window, str(target))
    assert done.args[1] and not target.exists()
    kind, title, text = message_boxes.shown[-1]
    assert title == "Không xuất được tệp" and "Traceback" not in text and text.strip()


def test_at_1366x768_the_comments_panel_leaves_the_editor_its_width(qtbot, tmp_path):
    from baocao.ui.review.dock_fit import PREVIEW_MIN

    window = _window(qtbot, tmp_path, "nhiem-vu-cap-tren")
    qtbot.wait(50)
    dock, fitter = window.review.dock, window.review.fitter
    assert (window.width(), window.height()) == (1366, 768)
    assert not dock.isVisible() and fitter.button.isVisible()
    assert "3 góp ý chưa xử lý" in window.statusBar().currentMessage()
    before = window.editor.width()
    assert before >= 560                                             # the editor has its full width
    window.review.actions["panel"].trigger()                         # Góp ý → Khung góp ý (the menu's toggle)
    qtbot.waitUntil(lambda: dock.isVisible())
    qtbot.waitUntil(lambda: window.preview.width() <= PREVIEW_MIN + 30)
    assert window.editor.width() >= before - 140                      # the preview gave up its width first
    assert window.editor.width() >= 440
    fitter.button.click()
    qtbot.waitUntil(lambda: not dock.isVisible())
    # a wide window opens the panel by itself
    wide = make_window(qtbot, tmp_path / "rong", sample_session())
    wide.resize(1920, 1040)
    wide.review._session_changed()
    qtbot.waitUntil(lambda: wide.review.dock.isVisible())
    assert wide.editor.width() >= 560


def test_the_comments_count_follows_resolving(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, "nhiem-vu-cap-tren")
    panel, fitter = window.review.panel, window.review.fitter
    assert panel.select_comment("cmau01") and panel.toggle_resolved()
    qtbot.waitUntil(lambda: fitter.button.text() == "Góp ý: 2 chưa xử lý")


def _session_with_note_comment():
    from baocao.review import anchors as A

    session = sample_session()
    draft = session.draft
    para = draft.sections["giao-duc"].body[1]
    text = para.notes()[0].plain_text()
    start = text.index("441/QĐ-UBND")
    draft.sections["giao-duc"].body[1] = A.mark_note_range(para, 0, 0, start, start + 11, "cnote1")
    data = review_data(draft)
    data["comments"].append({"id": "cnote1", "anchor": {"kind": "text", "section": "giao-duc"},
                             "quote": "441/QĐ-UBND", "author": "Lê Thị Mai", "initials": "LTM",
                             "at": "2021-06-30T02:00:00+00:00", "text": "Ghi rõ ngày ký", "resolved": False,
                             "replies": []})
    draft.extras["gop-y"] = data
    return session


def test_a_comment_on_footnote_text_is_listed_jumps_to_the_note_and_survives_typing(qtbot, tmp_path):
    from baocao.ui.notes_panel import NoteEdit

    window = _window(qtbot, tmp_path, "giao-duc", _session_with_note_comment())
    panel = window.review.panel
    panel.refresh()
    assert "(trong chú thích)" in panel.item_text("cnote1")
    panel.jump("cnote1")
    notes = window.editor.notes
    assert window.editor.tabs.currentWidget() is notes
    [editor] = [e for e in notes.findChildren(NoteEdit) if e.textCursor().selectedText() == "441/QĐ-UBND"]
    probe = QTextCursor(editor.document())
    probe.setPosition(editor.textCursor().selectionStart() + 2)
    assert rc.comment_ids_of(probe.charFormat()) == ("cnote1",) and _highlighted(probe.charFormat())
    # typing in the body text does not lose the mark carried by the note
    body = window.editor.body
    cursor = body.textCursor()
    cursor.setPosition(0)
    body.setTextCursor(cursor)
    body.setFocus()
    type_text(qtbot, body, "Tiếp đó, ")
    qtbot.waitUntil(lambda: window.session.draft.section("giao-duc").body[0].plain_text().startswith("Tiếp đó, "))
    found = anchors.find_anchor(window.session.draft, "cnote1")
    assert found is not None and found.in_note and found.quote == "441/QĐ-UBND"
    # resolved: the note's words lose the highlight too
    assert panel.select_comment("cnote1") and panel.toggle_resolved()

    def note_formats():
        out = []
        for editor in notes.findChildren(NoteEdit):
            if "441/QĐ-UBND" in editor.toPlainText():
                cursor = QTextCursor(editor.document())
                cursor.setPosition(editor.toPlainText().index("441/QĐ-UBND") + 2)
                out.append(cursor.charFormat())
        return out

    assert note_formats()
    qtbot.waitUntil(lambda: not any(_highlighted(f) for f in note_formats()))
    assert all(rc.comment_ids_of(f) == ("cnote1",) for f in note_formats())
