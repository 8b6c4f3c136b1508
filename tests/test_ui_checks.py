"""The Kiểm tra room in the window: underlines as you type, the panel, quick fixes, dismissals, paste conversion."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from baocao.checks import RULE_MISSPELLING, RULE_REPEATED
from baocao.checks.dismissals import EXTRA_NAME, KEY_DISMISSED
from baocao.legacy_text import unicode_to_tcvn3
from ui_support import make_window, sample_session, type_text

SECTION = "phoi-hop"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("baocao.checks.dismissals.user_dictionary_path", lambda: tmp_path / "tu-dien.txt")
    monkeypatch.setattr("baocao.spelling.ngrams.default_model", lambda: None)
    win = make_window(qtbot, tmp_path, sample_session())
    win.select(SECTION)
    return win


def _type_at_end(qtbot, window, text: str) -> None:
    body = window.editor.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    type_text(qtbot, body, text)


def _underlines(window) -> list[tuple[int, int, str]]:
    """(block, start, underlined text) of every underline the highlighter drew."""
    out = []
    document = window.editor.body.document()
    block = document.begin()
    while block.isValid():
        for fmt_range in block.layout().formats():
            if fmt_range.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline:
                out.append((block.blockNumber(), fmt_range.start,
                            block.text()[fmt_range.start:fmt_range.start + fmt_range.length]))
        block = block.next()
    return out


def _wait_underlined(qtbot, window, word: str) -> None:
    qtbot.waitUntil(lambda: any(text == word for _, _, text in _underlines(window)), timeout=5000)


def test_typed_error_is_underlined_listed_selected_fixed_and_undone(qtbot, window):
    _type_at_end(qtbot, window, " Các nghành đã phối hợp.")
    _wait_underlined(qtbot, window, "nghành")                       # off the UI thread, then drawn
    window._refresh_findings()
    panel = window.checks.panel
    shown = window.editor.shown_findings
    row = next(i for i, f in enumerate(shown) if f.rule == RULE_MISSPELLING)
    assert "nghành" in window.editor.findings.item(row).text()
    window.editor.findings.setCurrentRow(row)
    panel.go()                                                      # a click selects the span in the editor
    assert window.editor.body.textCursor().selectedText() == "nghành"
    assert panel.fix_button.isEnabled()
    panel.fix()
    body_text = window.session.draft.section(SECTION).body[-1].plain_text()
    assert "Các ngành đã phối hợp." in body_text and "nghành" not in body_text
    assert "Các ngành đã phối hợp." in window.editor.body.toPlainText()
    window.acts.undo.trigger()
    assert "Các nghành đã phối hợp." in window.session.draft.section(SECTION).body[-1].plain_text()


def test_dismissed_finding_stays_dismissed_in_the_draft(qtbot, window):
    _type_at_end(qtbot, window, " Đã triển khai các các nhiệm vụ.")
    window._refresh_findings()
    shown = window.editor.shown_findings
    row = next(i for i, f in enumerate(shown) if f.rule == RULE_REPEATED)
    window.editor.findings.setCurrentRow(row)
    window.checks.panel.dismiss()
    stored = window.session.draft.extras[EXTRA_NAME][KEY_DISMISSED]
    assert stored == [shown[row].key()]
    assert not any(f.rule == RULE_REPEATED for f in window.editor.shown_findings)
    assert not window.checks.panel.restore_button.isHidden()
    window.acts.undo.trigger()                                      # the dismissal is an undoable edit
    assert not window.session.draft.extras.get(EXTRA_NAME, {}).get(KEY_DISMISSED)


def test_right_click_offers_suggestions_and_adds_to_dictionary(qtbot, window, tmp_path):
    _type_at_end(qtbot, window, " Xã Đắk Ngo và thôn Yàng")
    _wait_underlined(qtbot, window, "Yàng")
    body = window.editor.body
    block = body.document().lastBlock()
    column = block.text().index("Yàng") + 2
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + column)
    point = body.cursorRect(cursor).center()
    menu = window.checks.menu.menu_at(point)
    labels = [a.text() for a in menu.actions()]
    assert "Thêm «Yàng» vào từ điển" in labels and "Bỏ qua lỗi này" in labels
    add = next(a for a in menu.actions() if a.text() == "Thêm «Yàng» vào từ điển")
    add.trigger()
    assert "Yàng" in (tmp_path / "tu-dien.txt").read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: not any(t == "Yàng" for _, _, t in _underlines(window)), timeout=5000)


def test_suggestions_menu_replaces_the_word_undoably(qtbot, window):
    _type_at_end(qtbot, window, " Sở Nội vụ vieecj làm")
    _wait_underlined(qtbot, window, "vieecj")
    body = window.editor.body
    block = body.document().lastBlock()
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + block.text().index("vieecj") + 1)
    menu = window.checks.menu.menu_at(body.cursorRect(cursor).center())
    first = menu.actions()[0]
    assert first.text() == "việc"
    first.trigger()
    assert window.session.draft.section(SECTION).body[-1].plain_text().endswith("Sở Nội vụ việc làm")
    window.acts.undo.trigger()
    assert window.session.draft.section(SECTION).body[-1].plain_text().endswith("vieecj làm")


def test_paste_tcvn3_and_convert(qtbot, window):
    text = "Sở Tài nguyên và Môi trường đã hướng dẫn các xã, phường thực hiện"
    raw = unicode_to_tcvn3(text)
    assert "\u00ad" in raw                     # "ư" is 0xAD in TCVN3: a soft hyphen once read as Windows-1252
    body = window.editor.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock()
    body.setTextCursor(cursor)
    mime = QMimeData()
    mime.setText(raw)
    body.insertFromMimeData(mime)
    bar = window.checks.paste
    assert not bar.isHidden() and "TCVN3" in bar.label.text()
    assert bar.convert()
    assert window.session.draft.section(SECTION).body[-1].plain_text() == text
    assert bar.isHidden()
    window.acts.undo.trigger()
    assert window.session.draft.section(SECTION).body[-1].plain_text() != text


def test_ordinary_paste_shows_no_bar(qtbot, window):
    body = window.editor.body
    mime = QMimeData()
    mime.setText("Văn bản Unicode bình thường, có dấu đầy đủ.")
    body.insertFromMimeData(mime)
    assert window.checks.paste.isHidden()


def test_underlines_can_be_turned_off(qtbot, window):
    _type_at_end(qtbot, window, " các nghành")
    _wait_underlined(qtbot, window, "nghành")
    window.checks.toggle.setChecked(False)
    QApplication.processEvents()
    assert _underlines(window) == []


def test_checks_run_on_a_worker_thread(qtbot, window):
    live = window.checks.live
    assert live._worker.thread() is not QApplication.instance().thread()
    assert live._thread.isRunning()


def test_screenshot_of_the_checks(qtbot, window, tmp_path):
    """Underlines and the Kiểm tra tab as the drafter sees them (docs/images with BAOCAO_SCREENSHOTS=1)."""
    import os
    from pathlib import Path

    out_dir = Path(__file__).resolve().parent.parent / "docs" / "images" \
        if os.environ.get("BAOCAO_SCREENSHOTS") == "1" else tmp_path
    window.resize(1500, 900)
    window.editor.splitter.setSizes([420, 220])
    _type_at_end(qtbot, window, " Các nghành  đã triển khai các các nhiệm vụ theo Quyết định số 12/KH-UBND "
                                "ngày 31/02/2021 , đạt \"kết quả tốt\".")
    _wait_underlined(qtbot, window, "nghành")
    window._refresh_findings()
    window.editor.tabs.setCurrentWidget(window.checks.panel)
    window.editor.findings.setCurrentRow(0)
    window.checks.panel.go()
    QApplication.processEvents()
    shot = window.editor.grab()
    assert shot.save(str(out_dir / "ui-kiem-tra.png"))
    with_marks = window.editor.body.grab().toImage()
    window.checks.toggle.setChecked(False)                  # the same text without underlines
    QApplication.processEvents()
    without = window.editor.body.grab().toImage()
    changed = [(x, y) for x in range(with_marks.width()) for y in range(with_marks.height())
               if with_marks.pixel(x, y) != without.pixel(x, y)]
    reddish = [p for p in changed if with_marks.pixelColor(*p).red() > with_marks.pixelColor(*p).green() + 40]
    assert len(changed) > 100 and len(reddish) > 30, (len(changed), len(reddish))


def test_click_on_a_note_finding_selects_it_in_the_notes_panel(qtbot, window):
    from baocao.checks import RULE_SPACES
    from baocao.edits import SetSectionBody
    from baocao.model.richtext import Note, Para, Span

    draft = window.session.draft
    body = list(draft.section(SECTION).body) + [Para([Span("Cử cán bộ tham dự"), Note([[Span("Theo Kế hoạch  số 5.")]])],
                                                     "dash")]
    window.controller.push(SetSectionBody.make(draft, SECTION, body))
    window._refresh_findings()
    shown = window.editor.shown_findings
    row = next(i for i, f in enumerate(shown) if f.rule == RULE_SPACES and f.part == "note")
    window.editor.findings.setCurrentRow(row)
    window.checks.panel.go()
    note_id = window.editor.body.notes()[-1][0]
    assert window.editor.notes.editor(note_id).textCursor().selectedText() == "  "
    window.checks.panel.fix()
    assert draft.section(SECTION).body[-1].notes()[0].plain_text() == "Theo Kế hoạch số 5."


def test_whole_report_view_says_where_each_finding_is(qtbot, window):
    window.session.draft.tables["nhiem-vu-theo-don-vi"][0]["don_vi"] = "Sở Kế hoạch  và Đầu tư"
    window._refresh_findings()
    window.checks.panel.all_report.setChecked(True)
    texts = [window.editor.findings.item(i).text() for i in range(window.editor.findings.count())]
    assert any(t.startswith("[Phụ lục 01] Cảnh báo: Thừa khoảng trắng") for t in texts), texts
    row = next(i for i, t in enumerate(texts) if t.startswith("[Phụ lục 01]"))
    window.editor.findings.setCurrentRow(row)
    window.checks.panel.go()
    assert window.current_key and window.current_key.endswith("phu-luc-01")


def test_notes_are_underlined_too(qtbot, window):
    from baocao.edits import SetSectionBody
    from baocao.model.richtext import Note, Para, Span

    draft = window.session.draft
    body = list(draft.section(SECTION).body) + [Para([Span("Cử cán bộ tham dự"),
                                                      Note([[Span("Theo nghành chức năng.")]])], "dash")]
    window.controller.push(SetSectionBody.make(draft, SECTION, body))
    window.checks.live.check_now()
    note_id = window.editor.body.notes()[-1][0]
    document = window.editor.notes.editor(note_id).document()

    def underlined() -> list[str]:
        block = document.begin()
        return [block.text()[r.start:r.start + r.length] for r in block.layout().formats()
                if r.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline]

    qtbot.waitUntil(lambda: underlined() == ["nghành"], timeout=5000)


def test_underlining_settles_no_endless_rechecks(qtbot, window):
    _type_at_end(qtbot, window, " các nghành")
    _wait_underlined(qtbot, window, "nghành")
    qtbot.wait(600)
    settled = window.checks.live._generation
    qtbot.wait(1200)                                   # > 4 × the typing pause: nothing left to do
    assert window.checks.live._generation == settled and not window.checks.live.timer.isActive()


def test_section_with_notes_settles_too(qtbot, window):
    window.select("kinh-te-xa-hoi")                    # paragraphs with footnotes
    _type_at_end(qtbot, window, " các nghành")
    _wait_underlined(qtbot, window, "nghành")
    qtbot.wait(600)
    settled = window.checks.live._generation
    qtbot.wait(1200)
    assert window.checks.live._generation == settled


def test_whole_report_findings_come_from_a_worker_thread_after_typing(qtbot, window, monkeypatch):
    """The preview's pause-in-typing refresh checks the whole report away from the UI thread."""
    import threading

    import baocao.checks as checks_module
    from baocao.checks.engine import check_draft as real_check

    threads: list[str] = []

    def recording_check(draft, pack, **kwargs):
        threads.append(threading.current_thread().name)
        return real_check(draft, pack, **kwargs)

    monkeypatch.setattr(checks_module, "check_draft", recording_check, raising=False)
    _type_at_end(qtbot, window, " Các các đơn vị đã phối hợp.")
    with qtbot.waitSignal(window.checks.report.findingsReady, timeout=10000):
        window.schedule_findings()
    assert threads and threading.main_thread().name not in threads
    shown = window.editor.shown_findings
    assert any(f.rule == RULE_REPEATED and f.where == SECTION for f in shown)


def test_a_background_result_for_older_text_is_dropped(qtbot, window):
    """An edit made while the worker checks makes its result stale: the list shows the newer check."""
    report = window.checks.report
    window.schedule_findings()
    _type_at_end(qtbot, window, " Các các đơn vị.")           # typed while the first check may still run
    with qtbot.waitSignal(report.findingsReady, timeout=10000):
        window.schedule_findings()
    qtbot.waitUntil(lambda: not report.busy, timeout=10000)
    assert any(f.rule == RULE_REPEATED for f in window.editor.shown_findings)


def test_the_background_findings_list_keeps_its_per_string_results_on_disk(qtbot, window, monkeypatch):
    """The worker checks through the persistent cache: a reopened draft's first check reads it (issue 16)."""
    import json

    from baocao.checks import check_draft
    from baocao.checks import unit_cache
    from baocao.checks.textunits import para_text

    monkeypatch.setattr(unit_cache, "WINDOW_SAVE_INTERVAL_S", 0.0)      # written after every check here
    unit_cache.forget_loaded()
    _type_at_end(qtbot, window, " Các các đơn vị đã phối hợp.")
    report = window.checks.report
    with qtbot.waitSignal(report.findingsReady, timeout=10000):
        window.schedule_findings()
    (path,) = unit_cache.cache_folder().glob("*.json")
    units = json.loads(path.read_text(encoding="utf-8"))["units"]
    session = window.session
    typed = para_text(session.draft.section(SECTION).body[-1])
    assert unit_cache.text_key(typed) in units
    plain = check_draft(session.draft, session.pack)
    assert [f.to_json() for f in window._findings] == [f.to_json() for f in plain]
    unit_cache.forget_loaded()


def test_a_sum_finding_goes_to_its_field_even_when_it_is_scrolled_out_of_view(qtbot, window):
    """QA: clicking «Tổng số … phải bằng …» left the total field out of view and the cursor where it was."""
    from baocao.checks import check_draft
    from baocao.checks.findings import RULE_SUM
    from baocao.ui.checks.navigate import show_finding

    section = "ket-qua-nhiem-vu"
    draft = window.session.draft
    fields = dict(draft.section(section).fields)
    window.select(section)
    window.editor.fields_area.verticalScrollBar().setValue(window.editor.fields_area.verticalScrollBar().maximum())
    fields["van_ban_di"] = int(fields.get("van_ban_di") or 0) + 7
    draft.section(section).fields.update(fields)
    window.editor.fields.update_values(fields, force=True)
    finding = next(f for f in check_draft(draft, window.session.pack) if f.rule == RULE_SUM and f.where == section)
    show_finding(window, finding)
    widget = window.editor.fields.widget("van_ban_di")
    qtbot.waitUntil(lambda: widget.hasFocus(), timeout=3000)
    area = window.editor.fields_area
    top_left = widget.mapTo(area.viewport(), widget.rect().topLeft())
    assert 0 <= top_left.y() and top_left.y() + widget.height() <= area.viewport().height()


def test_the_whole_report_check_waits_while_the_drafter_types():
    """The worker's pause hook sleeps (leaving the interpreter to the UI thread) until typing pauses."""
    from baocao.ui.checks import report_checker as rc

    clock = [100.0]
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        assert len(sleeps) < 1000, "the pause never ends"
        sleeps.append(seconds)
        clock[0] += seconds

    activity = rc.CheckActivity(clock=lambda: clock[0], sleep=fake_sleep)
    pause = rc.ReportCheckWorker(activity).pause_for(0)
    pause()
    assert sleeps == []                                # nobody typed: straight on
    activity.edited()                                  # a key just now
    pause()
    assert rc.TYPING_QUIET_S <= sum(sleeps) < rc.TYPING_QUIET_S + rc.PAUSE_POLL_S + 1e-9
    activity.edited()
    activity.generation = 1                            # a newer check is asked for: this one gives up
    with pytest.raises(rc._Superseded):
        pause()


def test_a_superseded_background_check_is_given_up_and_not_shown(qtbot, window, monkeypatch):
    """A check still running when a newer one is asked for stops at its next pause; only the newer result shows."""
    import baocao.checks as checks_module
    from baocao.checks.engine import check_draft as real_check
    from baocao.ui.checks import report_checker as rc

    report = window.checks.report
    qtbot.waitUntil(lambda: not report.busy, timeout=20000)    # the window's own first check is not the one timed
    pauses: list[int] = []

    def slow_check(draft, pack, **kwargs):
        pause = kwargs["pause"]

        def counted() -> None:
            pauses.append(report.activity.generation)
            if len(pauses) == 1:
                report.schedule()          # the drafter edits meanwhile: a newer generation, asked again when done
            pause()

        kwargs["pause"] = counted
        return real_check(draft, pack, **kwargs)

    answers: list[object] = []
    report._worker.done.connect(lambda _g, findings: answers.append(findings))
    monkeypatch.setattr(checks_module, "check_draft", slow_check, raising=False)
    report._again = False
    report._send()
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    assert answers[0] is rc.SUPERSEDED
    monkeypatch.setattr(checks_module, "check_draft", real_check, raising=False)
    qtbot.waitUntil(lambda: not report.busy and len(answers) >= 2, timeout=20000)   # the newer check runs
    assert answers[-1] is not rc.SUPERSEDED and isinstance(answers[-1], list)
