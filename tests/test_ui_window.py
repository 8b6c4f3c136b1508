"""Main window behaviour: outline, preview, fields, tables, dialogs, files, settings, errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QInputMethodEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox  # noqa: E402

from baocao.constants import SectionStatus  # noqa: E402
from baocao.edits import SetSectionBody  # noqa: E402
from baocao.model.richtext import Para, Span  # noqa: E402
from baocao.ui import prompts  # noqa: E402
from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: E402,F401


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, sample_session())


def saved_sample(tmp_path: Path, name: str = "mau.baocao") -> Path:
    from baocao.samples import load_sample
    from baocao.storage import save_draft

    path = tmp_path / name
    save_draft(load_sample(), path)
    return path


# ---------------------------------------------------------------- outline and navigation
def test_outline_labels_status_and_progress(window):
    tree = window.outline.tree
    top = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert top[0] == "I. MỘT SỐ KẾT QUẢ CHỦ YẾU"
    assert top[-1] == "Phụ lục"
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2021" in " ".join(top)   # resolved from the template
    first = tree.topLevelItem(0).child(0).child(0)
    assert first.text(0).startswith("a) ") and first.text(1) == "xong"
    done, total = (int(x) for x in window.outline.progress.text().split()[0].split("/"))
    assert done <= total and total >= 14
    window.select("y-te")
    window.editor.status.setCurrentIndex(window.editor.status.findData(SectionStatus.NEEDS_WORK.value))
    window.editor.status.activated.emit(window.editor.status.currentIndex())
    assert window.session.draft.section("y-te").status is SectionStatus.NEEDS_WORK
    assert window.outline.status_text("y-te") == "cần sửa"
    assert window.outline.progress.text().startswith(f"{done - 1}/{total}")
    window.controller.undo_stack.undo()
    assert window.outline.status_text("y-te") == "xong"
    assert window.editor.status.currentText() == "xong"


def test_next_previous_and_next_empty(qtbot, window):
    window.select("nhiem-vu-cap-tren")
    qtbot.keyClick(window.outline.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_key == "phoi-hop"
    qtbot.keyClick(window.outline.tree, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "nhiem-vu-cap-tren"
    window.session.draft.section("giao-duc").status = SectionStatus.EMPTY
    window.session.draft.section("giao-duc").body = []          # a section is "trống" when it has no text
    window.acts.next_empty.trigger()
    assert window.current_key == "giao-duc"
    assert window.current_key == next(k for k in window.outline.keys()
                                      if not k.startswith("phu-luc:") and not window.session.pack.section(k).children
                                      and window.session.draft.section(k).shown_status() is SectionStatus.EMPTY)


def test_preview_click_selects_section(qtbot, window):
    window.select("nhiem-vu-cap-tren")
    preview = window.preview
    cursor = preview.document().find("Về y tế")
    assert not cursor.isNull()
    preview.setTextCursor(cursor)
    preview.ensureCursorVisible()
    QApplication.processEvents()
    rect = preview.cursorRect(cursor)
    qtbot.mouseClick(preview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(20, 0))
    assert window.current_key == "y-te"
    assert window.editor.title.text().find("Về y tế") > 0


def test_preview_debounced_and_keeps_scroll(qtbot, window):
    preview = window.preview
    window.select("uu-diem")                 # the preview scrolls to the section's heading
    preview.refresh_now()
    bar = preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    count = preview.refresh_count
    window.editor.body.setFocus()
    type_text(qtbot, window.editor.body, "Thêm")
    assert preview.refresh_count == count                   # not yet: waits for typing to stop
    qtbot.waitUntil(lambda: preview.refresh_count == count + 1, timeout=2000)
    assert "Thêm" in preview.toPlainText()
    assert abs(bar.value() - position) <= 2


# ---------------------------------------------------------------- editing
def test_field_validation_in_vietnamese(qtbot, window):
    window.select("ket-qua-nhiem-vu")
    form = window.editor.fields
    field = form.widget("van_ban_den")
    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, "mười")
    assert "Phải là một số" in form.error_text("van_ban_den")
    # kept exactly as typed (never a number made of a prefix), shown red, and not a usable figure
    assert window.session.draft.section("ket-qua-nhiem-vu").fields["van_ban_den"] == "mười"
    field.selectAll()
    type_text(qtbot, field, "1.428,5")
    assert "số nguyên" in form.error_text("van_ban_den")
    assert window.session.draft.section("ket-qua-nhiem-vu").fields["van_ban_den"] == "1.428,5"
    field.selectAll()
    type_text(qtbot, field, "20.001")
    assert form.error_text("van_ban_den") == ""
    assert window.session.draft.section("ket-qua-nhiem-vu").fields["van_ban_den"] == 20001
    window.controller.undo_stack.undo()                      # one step for the whole typing
    assert window.session.draft.section("ket-qua-nhiem-vu").fields["van_ban_den"] == 19641
    assert form.widget("van_ban_den").text() == "19.641"


def test_ime_commit_in_window(qtbot, window):
    window.select("uu-diem")
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    before = window.controller.undo_stack.count()
    for preedit in ("V", "Vi", "Việ"):
        QApplication.sendEvent(body, QInputMethodEvent(preedit, []))
    assert window.controller.undo_stack.count() == before          # no edit pushed while composing
    commit = QInputMethodEvent("", [])
    commit.setCommitString("Việt")
    QApplication.sendEvent(body, commit)
    assert window.session.draft.section("uu-diem").body[-1].plain_text().endswith("Việt")


def test_bold_italic_shortcuts(qtbot, window):
    window.select("muc-tieu")
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, body, "đậm")
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(body, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, body, "nghiêng")
    last = window.session.draft.section("muc-tieu").body[-1]
    assert last == Para([Span("đậm", bold=True), Span("nghiêng", italic=True)])


def test_note_panel_edits_body(qtbot, window):
    window.select("nhiem-vu-cap-tren")
    notes = window.editor.body.notes()
    assert notes
    note_id, _ = notes[0]
    editor = window.editor.notes.editor(note_id)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, editor, " (bổ sung)")
    body = window.session.draft.section("nhiem-vu-cap-tren").body
    assert any(n.plain_text().endswith("(bổ sung)") for p in body for n in p.notes())
    window.controller.undo_stack.undo()
    body = window.session.draft.section("nhiem-vu-cap-tren").body
    assert not any(n.plain_text().endswith("(bổ sung)") for p in body for n in p.notes())


def test_appendix_table_editing(qtbot, window):
    window.select("ket-qua-nhiem-vu")
    from PySide6.QtWidgets import QPushButton

    QApplication.processEvents()            # widgets added to a shown layout appear on the next event loop pass

    button = next(b for b in window.editor.findChildren(QPushButton) if b.text().startswith("Sửa Phụ lục 01")
                  and b.isVisible())
    button.click()
    assert window.current_key == "phu-luc:phu-luc-01"
    model = window.table_editor.model
    spec = model.spec
    col = {c.key: i for i, c in enumerate(spec.columns)}
    assert not (model.flags(model.index(0, col["tong"])) & Qt.ItemFlag.ItemIsEditable)     # computed
    assert not (model.flags(model.index(0, col["stt"])) & Qt.ItemFlag.ItemIsEditable)
    assert model.data(model.index(len(model.rows), col["tong"])) == "2.573"                 # total row
    assert model.setData(model.index(0, col["dung_han"]), "nhiều")          # kept as typed, in red
    assert "Phải là một số" in window.table_editor.error.text()
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] == "nhiều"
    assert model.data(model.index(0, col["tong"])) == "57"                  # the text is not summed
    assert model.setData(model.index(0, col["dung_han"]), "1.258")
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] == 1258
    assert model.data(model.index(0, col["tong"])) == "1.315"
    window.table_editor.add_button.click()
    assert len(window.session.draft.tables["nhiem-vu-theo-don-vi"]) == 17
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    assert window.session.draft.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] == 258
    assert model.data(model.index(0, col["dung_han"])) == "258"


def test_details_dialog_is_one_undoable_edit(qtbot, window, monkeypatch):
    from baocao.ui.details_dialog import DetailsDialog

    def fill(dialog):
        dialog.issuer.place.setText("Gia Nghĩa")
        dialog.period.issue_date.setText("15/7/2021")
        dialog.signer.name.setText("Nguyễn Văn An")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DetailsDialog, "exec", fill)
    assert window.edit_details()
    meta = window.session.draft.meta
    assert (meta.place, meta.issue_date.isoformat(), meta.signer.name) == ("Gia Nghĩa", "2021-07-15", "Nguyễn Văn An")
    window.controller.undo_stack.undo()
    assert window.session.draft.meta.place == "Đắk Nông"
    assert window.session.draft.meta.signer.name == "Lê Văn Khánh"


# ---------------------------------------------------------------- files
def test_close_asks_when_dirty(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, sample_session())
    window.select("uu-diem")
    draft = window.session.draft
    window.controller.push(SetSectionBody.make(draft, "uu-diem", [Para.of("Đã sửa")]))
    assert window.isWindowModified()
    answers = []
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, name: answers.append(name) or prompts.Answer.CANCEL)
    assert not window.close()
    assert window.isVisible() and answers
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, name: prompts.Answer.DISCARD)
    assert window.close()


def test_unsaved_prompt_buttons(qtbot, tmp_path, monkeypatch):
    """The real question box: Lưu / Không lưu / Hủy; Hủy keeps the window open."""
    from PySide6.QtCore import QTimer

    from ui_support import REAL_ASK_UNSAVED

    monkeypatch.setattr(prompts, "ask_unsaved", REAL_ASK_UNSAVED)
    window = make_window(qtbot, tmp_path, sample_session())
    window.controller.push(SetSectionBody.make(window.session.draft, "uu-diem", [Para.of("x")]))
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "&Hủy").click()

    QTimer.singleShot(0, answer)
    assert not window.close()
    assert seen["buttons"] == sorted(["&Lưu", "&Không lưu", "&Hủy"])
    assert "chưa lưu" in seen["text"]


def test_drag_and_drop_opens_draft(qtbot, window, tmp_path):
    path = saved_sample(tmp_path, "keo-tha.baocao")
    window.controller.ask_on_close = False
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.session.path == path, timeout=3000)
    assert window.windowTitle().startswith("keo-tha.baocao")
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "anh.png"))])
    refused = QDragEnterEvent(QPoint(1, 1), Qt.DropAction.CopyAction, other, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()


def test_bad_file_shows_vietnamese_message(window, tmp_path, message_boxes):
    bad = tmp_path / "hong.baocao"
    bad.write_bytes(b"\x00\x01 day khong phai ban thao")
    before = window.session
    assert not window.controller.open_path(bad)
    assert window.session is before                       # the open draft stays
    kind, title, text = message_boxes.shown[-1]
    assert title == "Không mở được tệp"
    assert "«hong.baocao»" in text and "Traceback" not in text
    missing = tmp_path / "khong-co.baocao"
    assert not window.controller.open_path(missing)
    assert "Không tìm thấy tệp" in message_boxes.texts[-1]


def test_recent_files_persist(qtbot, tmp_path):
    from baocao.ui.actions import fill_recent_menu
    from baocao.ui.app import open_initial
    from baocao.ui.settings import AppSettings

    path = saved_sample(tmp_path)
    first = make_window(qtbot, tmp_path, sample_session())
    first.controller.ask_on_close = False
    assert first.controller.open_path(path)
    first.close()
    assert str(path.resolve()) in AppSettings.at(tmp_path / "settings.ini").recent_files()
    second = make_window(qtbot, tmp_path)
    fill_recent_menu(second, second.acts.recent_menu)
    assert any(str(path) in a.text() for a in second.acts.recent_menu.actions())
    open_initial(second, [])                              # no path given: the most recent file
    assert second.session.path == path


def test_autosave_message(qtbot, window, tmp_path):
    path = saved_sample(tmp_path, "tu-dong.baocao")
    window.controller.ask_on_close = False
    assert window.controller.open_path(path)
    window.controller.autosave_timer.setInterval(50)
    window.controller.push(SetSectionBody.make(window.session.draft, "uu-diem", [Para.of("Tự động lưu")]))
    with qtbot.waitSignal(window.controller.autosaved, timeout=3000):
        pass
    assert window.autosave_label.text().startswith("Đã tự động lưu ")


def test_autosave_label_belongs_to_the_open_draft(qtbot, window, tmp_path):
    """Opening another draft clears the first one's autosave time; an explicit save shows its own time."""
    first = saved_sample(tmp_path, "mot.baocao")
    second = saved_sample(tmp_path, "hai.baocao")
    window.controller.ask_on_close = False
    assert window.controller.open_path(first)
    window.controller.autosave_timer.setInterval(50)
    window.controller.push(SetSectionBody.make(window.session.draft, "uu-diem", [Para.of("Tự động lưu")]))
    with qtbot.waitSignal(window.controller.autosaved, timeout=3000):
        pass
    assert window.autosave_label.text().startswith("Đã tự động lưu ")
    assert window.controller.open_path(second, ask=False)
    assert window.autosave_label.text() == ""
    window.controller.push(SetSectionBody.make(window.session.draft, "uu-diem", [Para.of("Lưu tay")]))
    assert window.controller.save()
    assert window.autosave_label.text().startswith("Đã lưu lúc ")


def test_export_refused_when_user_cancels(qtbot, tmp_path, monkeypatch):
    from baocao.session import DraftSession
    from baocao.template import load_pack

    window = make_window(qtbot, tmp_path, DraftSession.new(load_pack("bao-cao-6-thang")))
    asked = []
    monkeypatch.setattr(prompts, "confirm_export_findings", lambda parent, errors: asked.append(errors) or False)
    assert not window.controller.export("docx")
    assert asked and any("chưa có nội dung" in f.message for f in asked[0])


def test_pdf_action_hidden_without_libreoffice(qtbot, tmp_path, monkeypatch):
    from baocao.ui import document_controller

    monkeypatch.setattr(document_controller, "libreoffice_path", lambda: None)
    window = make_window(qtbot, tmp_path, sample_session())
    assert not window.acts.export_pdf.isVisible() and not window.acts.export_pdf.isEnabled()


def test_settings_remember_layout(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    window.splitter.setSizes([250, 700, 416])
    window.controller.ask_on_close = False
    window.close()
    again = make_window(qtbot, tmp_path, sample_session())
    assert abs(again.splitter.sizes()[0] - window.splitter.sizes()[0]) <= 2


def test_excepthook_logs_and_saves_recovery(qtbot, window, message_boxes):
    from baocao.ui.crash import install_excepthook, log_dir

    window.controller.push(SetSectionBody.make(window.session.draft, "uu-diem", [Para.of("Chưa lưu")]))
    previous = install_excepthook(lambda: window.controller.session, lambda: window)
    try:
        try:
            raise RuntimeError("lỗi thử")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    kind, title, text = message_boxes.shown[-1]
    assert kind == "critical" and title == "Lỗi ngoài dự kiến"
    assert "RuntimeError" in text and "Traceback" not in text
    copies = list(log_dir().glob("khoi-phuc-*"))
    assert copies and str(copies[0]) in text
    assert "lỗi thử" in (log_dir() / "baocao.log").read_text(encoding="utf-8")


def test_excepthook_reports_a_worker_threads_error_on_the_ui_thread(qtbot, window, message_boxes, monkeypatch):
    """An exception escaping a slot on a worker QThread (and one ending a plain thread) is logged there and
    reported on the UI thread: a message box made on the worker thread ended the process with SIGSEGV."""
    import threading

    from PySide6.QtCore import QObject, QThread, Signal, Slot

    from baocao.ui import crash
    from baocao.ui.crash import install_excepthook, log_dir

    shown_on = []
    real_show = crash.show_unexpected
    monkeypatch.setattr(crash, "show_unexpected",
                        lambda parent, text: (shown_on.append(threading.current_thread()), real_show(parent, text)))
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)   # put back after the test

    class Faulty(QObject):
        go = Signal()

        @Slot()
        def fail(self):
            raise RuntimeError("lỗi trên luồng phụ")

    window.controller.push(SetSectionBody.make(window.session.draft, "uu-diem", [Para.of("Chưa lưu")]))
    previous = install_excepthook(lambda: window.controller.session, lambda: window)
    thread = QThread()
    worker = Faulty()
    worker.moveToThread(thread)
    worker.go.connect(worker.fail)
    thread.start()
    try:
        worker.go.emit()
        qtbot.waitUntil(lambda: len(message_boxes.shown) == 1, timeout=5000)
        plain = threading.Thread(target=lambda: 1 / 0, name="luong-thu")
        plain.start()
        plain.join()
        qtbot.waitUntil(lambda: len(message_boxes.shown) == 2, timeout=5000)
    finally:
        sys.excepthook = previous
        thread.quit()
        thread.wait(5000)
    assert shown_on == [threading.main_thread()] * 2
    kinds = [text for kind, _title, text in message_boxes.shown if kind == "critical"]
    assert "RuntimeError" in kinds[0] and "ZeroDivisionError" in kinds[1]
    assert all("Traceback" not in text for text in kinds)
    assert list(log_dir().glob("khoi-phuc-*"))                 # the unsaved draft was copied (on the UI thread)
    logged = (log_dir() / "baocao.log").read_text(encoding="utf-8")
    assert "lỗi trên luồng phụ" in logged and "luong-thu" in logged


def test_keyboard_only_tab_order(qtbot, window):
    """From the status selector, Tab walks the section's fields in order, then reaches the body."""
    window.select("nhiem-vu-cap-tren")
    QApplication.processEvents()
    window.editor.status.setFocus()
    seen = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    fields = [window.editor.fields.widget(k) for k in ("tong", "hoan_thanh", "trong_han", "qua_han")]
    assert seen[0] is window.editor.guidance.toggle
    assert seen[1:5] == fields
    assert window.editor.body in seen


@pytest.mark.slow
def test_export_pdf_with_libreoffice(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from baocao.ui.export_jobs import libreoffice_path

    if libreoffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    pytest.importorskip("baocao.writers.docx")
    assert window.acts.export_pdf.isVisible()
    out = tmp_path / "bao-cao.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(prompts, "confirm_export_findings", lambda *a: True)
    with qtbot.waitSignal(window.controller.exportFinished, timeout=180000) as blocker:
        assert window.controller.export("pdf")
    assert blocker.args == [str(out), ""]
    assert out.read_bytes().startswith(b"%PDF")


def test_editor_numbers_notes_as_the_report_does(qtbot, tmp_path):
    """A section's first note shows the number it has in the preview and the .docx, not "1"."""
    from ui_support import make_window, sample_session

    window = make_window(qtbot, tmp_path, sample_session())
    qtbot.waitUntil(lambda: window._summary is not None, timeout=5000)   # the preview's render is in
    from baocao.render import render_draft

    doc = render_draft(window.session.draft, window.session.pack)
    # pick a section whose first drafter note is not the report's first note
    target = next(h.section_id for h in doc.headings()
                  if h.section_id and any(p.notes() for p in window.session.draft.section(h.section_id).body)
                  and h.section_id != doc.headings()[2].section_id)
    window.select(target)
    first_text = next(n for p in window.session.draft.section(target).body for n in p.notes()).plain_text()
    expected = next(f.number for f in doc.footnotes if f.plain_text() == first_text)
    assert expected > 1
    qtbot.waitUntil(lambda: window.editor.body.note_base == expected - 1, timeout=5000)
    assert window.editor.notes._rows  # the panel shows the notes …
    labels = [label.text() for label, _ in window.editor.notes._rows.values()]
    assert f"Chú thích {expected}" in labels          # … under their report-wide numbers
