"""The drafter's first hour in the window: status follows the work, only what changed is refreshed,
counts, readable outline, honest undo, history titles."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from baocao.constants import SectionStatus  # noqa: E402
from ui_support import make_window, message_boxes, sample_session, type_text  # noqa: E402,F401


@pytest.fixture
def blank_window(qtbot, tmp_path, pack):
    from baocao.drafts import new_draft
    from baocao.session import DraftSession

    return make_window(qtbot, tmp_path, DraftSession.new(pack, new_draft(pack)))


def _type_body(qtbot, window, section_id: str, text: str) -> None:
    window.select(section_id)
    window.editor.body.setFocus()
    type_text(qtbot, window.editor.body, text)


def test_a_section_with_text_is_dang_soan_without_the_drafter_doing_anything(qtbot, blank_window):
    window = blank_window
    outline = window.outline
    assert outline.status_text("phoi-hop") == "trống"
    before = outline.progress.text()
    _type_body(qtbot, window, "phoi-hop", "UBND tỉnh phối hợp chặt chẽ với HĐND tỉnh.")
    assert outline.status_text("phoi-hop") == "đang soạn"
    assert window.editor.status.currentText() == "đang soạn"
    assert outline.progress.text() != before and "1 đang soạn" in outline.progress.text()
    window.select("nhiem-vu-cap-tren")
    window.go_next_empty()                                   # "Mục trống" skips the section being written
    assert window.current_key not in ("phoi-hop", "nhiem-vu-cap-tren")
    assert window.session.draft.section(window.current_key).shown_status() is SectionStatus.EMPTY


def test_xong_stays_the_drafters_call(qtbot, blank_window):
    window = blank_window
    _type_body(qtbot, window, "uu-diem", "Công tác chỉ đạo kịp thời.")
    combo = window.editor.status
    combo.setCurrentIndex(list(SectionStatus).index(SectionStatus.DONE))
    combo.activated.emit(combo.currentIndex())
    assert window.outline.status_text("uu-diem") == "xong"
    window.editor.body.selectAll()
    type_text(qtbot, window.editor.body, "Sửa lại câu.")
    assert window.outline.status_text("uu-diem") == "xong"          # typing does not undo a decision
    combo.setCurrentIndex(list(SectionStatus).index(SectionStatus.EMPTY))
    combo.activated.emit(combo.currentIndex())                      # "trống" on a section with text …
    assert window.outline.status_text("uu-diem") == "đang soạn"      # … follows the text again
    assert combo.currentText() == "đang soạn"


def test_typing_refreshes_no_outline_row_that_did_not_change(qtbot, tmp_path, monkeypatch):
    import baocao.ui.outline as outline_module

    window = make_window(qtbot, tmp_path, sample_session())
    window.select("uu-diem")
    window.editor.body.setFocus()
    calls = []
    real = outline_module.status_icon
    monkeypatch.setattr(outline_module, "status_icon", lambda status: calls.append(status) or real(status))
    type_text(qtbot, window.editor.body, " Thêm một câu nữa cho đoạn cuối.")
    assert calls == []                        # the row still says "xong": nothing to redraw


def test_word_counts_in_the_status_bar(qtbot, blank_window):
    window = blank_window
    _type_body(qtbot, window, "uu-diem", "Một hai ba bốn năm.")
    qtbot.waitUntil(lambda: "Mục: 5 từ" in window.word_counts.text(), timeout=3000)
    assert "Báo cáo: 5 từ" in window.word_counts.text()
    _type_body(qtbot, window, "han-che", "Sáu bảy.")
    qtbot.waitUntil(lambda: "Báo cáo: 7 từ" in window.word_counts.text(), timeout=3000)
    assert "Mục: 2 từ" in window.word_counts.text()


def test_one_autosave_message(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    shown = []
    window.statusBar().messageChanged.connect(shown.append)
    stamp = "09:41"
    window.controller.autosaved.emit(stamp)
    assert not any("tự động lưu" in text for text in shown)        # not also as a passing status message


def test_undo_button_keeps_its_width_and_says_what_it_undoes(qtbot, blank_window):
    window = blank_window
    text = window.acts.undo.text()
    _type_body(qtbot, window, "uu-diem", "Chữ")
    assert window.acts.undo.isEnabled() and window.acts.undo.text() == text
    assert window.acts.undo.toolTip().endswith("Sửa nội dung")


def test_editor_context_menu_undo_is_the_windows(qtbot, blank_window):
    from baocao.model.richtext import body_plain_text
    from baocao.ui.context_menu import standard_menu_with_window_undo

    window = blank_window
    _type_body(qtbot, window, "uu-diem", "Chữ sẽ được hoàn tác")
    menu = standard_menu_with_window_undo(window.editor.body, QPoint(5, 5))
    assert window.acts.undo in menu.actions() and window.acts.redo in menu.actions()
    assert all(a.objectName() not in ("edit-undo", "edit-redo") for a in menu.actions())
    window.acts.undo.trigger()
    assert body_plain_text(window.session.draft.section("uu-diem").body) == ""


def test_long_outline_titles_wrap(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    QApplication.processEvents()
    tree = window.outline.tree
    long_item = window.outline._items["phoi-hop"]          # "Công tác phối hợp với các cơ quan chính quyền, …"
    short_item = window.outline._items["y-te"]              # "Về y tế"
    assert tree.visualItemRect(long_item).height() > 1.6 * tree.visualItemRect(short_item).height()


def test_history_dialog_shows_numbered_rendered_titles(qtbot, tmp_path, draft_path):
    from baocao.session import DraftSession
    from baocao.ui.durability import HistoryDialog

    window = make_window(qtbot, tmp_path)
    window.controller.set_session(DraftSession.open(draft_path))
    window.preview.refresh_now()
    window.session.save_named_version("Gửi lãnh đạo")
    dialog = HistoryDialog(window.session, parent=window, titles=window.outline.numbered_titles())
    qtbot.addWidget(dialog)
    dialog.select_version(dialog._versions[0].id)
    names = [dialog.sections.item(i).text() for i in range(dialog.sections.count())]
    assert names and not any("{{" in n or "}}" in n for n in names)
    assert any(n.startswith("III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2021") for n in names)
    assert dialog.versions.accessibleName() == "Phiên bản đã lưu"
    assert dialog.sections.accessibleName() == "Các mục của phiên bản"


def test_wizard_shows_its_steps(qtbot, tmp_path):
    from baocao.ui.settings import AppSettings
    from baocao.ui.wizard import NewDraftWizard

    wizard = NewDraftWizard(None, AppSettings.at(tmp_path / "s.ini"))
    qtbot.addWidget(wizard)
    wizard.show()
    texts = lambda: [label.text() for label in wizard.steps.labels]  # noqa: E731
    assert texts()[0].startswith("<b>▶ 1.") and texts()[1].startswith("· 2.")
    wizard.next()
    assert texts()[0].startswith("✓ 1.") and texts()[1].startswith("<b>▶ 2. Cơ quan ban hành")
    wizard.back()
    assert wizard.steps.current_step() == 0


def test_guidance_box_can_be_resized_and_is_remembered(qtbot, tmp_path):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtCore import QEvent, Qt

    window = make_window(qtbot, tmp_path, sample_session())
    window.resize(1366, 1000)                 # room for a taller box (on a short window it gives way)
    guidance = window.editor.guidance
    qtbot.waitUntil(lambda: guidance.area.height() == guidance.text_height(), timeout=3000)
    before = guidance.area.height()
    grip = guidance.grip
    start = grip.mapToGlobal(grip.rect().center())

    def mouse(kind, dy):
        point = QPointF(start.x(), start.y() + dy)
        return QMouseEvent(kind, grip.mapFromGlobal(point), point, Qt.MouseButton.LeftButton,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)

    QApplication.sendEvent(grip, mouse(QEvent.Type.MouseButtonPress, 0))
    QApplication.sendEvent(grip, mouse(QEvent.Type.MouseMove, 90))
    QApplication.sendEvent(grip, mouse(QEvent.Type.MouseButtonRelease, 90))
    qtbot.waitUntil(lambda: guidance.area.height() == before + 90, timeout=3000)   # the layout applies it
    assert window.settings.int_list("window/guidance_height") == [before + 90]
    second = make_window(qtbot, tmp_path, sample_session())        # the next start, same settings file
    second.resize(1366, 1000)
    qtbot.waitUntil(lambda: second.editor.guidance.area.height() == before + 90, timeout=3000)


def test_window_fits_a_768_pixel_screen_with_the_docks_open(qtbot, tmp_path):
    """QA: the register dock and Find open, on the longest section form, the window still fits 1366×768."""
    from PySide6.QtWidgets import QDockWidget

    window = make_window(qtbot, tmp_path, sample_session())
    window.register.dock.show()
    next(d for d in window.findChildren(QDockWidget) if d.objectName() == "find_dock").show()
    tallest = 0
    for section in window.session.pack.sections:
        window.select(section.id)
        QApplication.processEvents()
        tallest = max(tallest, window.minimumSizeHint().height())
    assert tallest <= 768 - 30 - 40, tallest          # a title bar and a taskbar still fit on the screen
    window.editor.guidance.set_text_height(400)       # a tall chosen guidance box gives way, too
    QApplication.processEvents()
    assert window.minimumSizeHint().height() <= 768 - 70
