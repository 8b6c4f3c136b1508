"""QA pass of the main window (drafter's view, 1366×768 and smaller): redo keys, outline titles, heights, export.

1. Ctrl+Y and Ctrl+Shift+Z both redo the draft, whatever the platform's own Redo key; a text box with its own
   undo keeps them.
2. Appendix titles in the outline keep their upper-case words («UBND»).
3. At 1366×768 with Find and replace open the body shows 10 lines and the Kiểm tra list 5 rows.
4. At 800×560 nothing is drawn outside its parent or squeezed under its least height.
5. The export warning names each section as the outline does and «Đến mục …» goes to the first one.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcutEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton, QAbstractScrollArea, QApplication, QDockWidget, QLineEdit, QMessageBox, QWidget,
)

from baocao.constants import SectionStatus  # noqa: E402
from baocao.edits import SetSectionStatus  # noqa: E402
from baocao.ui import prompts  # noqa: E402
from ui_support import make_window, message_boxes, sample_session  # noqa: E402,F401

REAL_KEY_BINDINGS = QKeySequence.keyBindings


@pytest.fixture
def linux_redo(monkeypatch):
    """The platform's own Redo is Ctrl+Shift+Z only, as on GNOME and KDE (the offscreen platform says Ctrl+Y too)."""
    def key_bindings(key):
        if key == QKeySequence.StandardKey.Redo:
            return [QKeySequence("Ctrl+Shift+Z")]
        return REAL_KEY_BINDINGS(key)

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(key_bindings))


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, sample_session())


def _undone_status_edit(window) -> None:
    """A status change on "y-te", undone: the draft's stack has one step to redo."""
    draft = window.session.draft
    window.controller.push(SetSectionStatus.make(draft, "y-te", SectionStatus.NEEDS_WORK))
    window.controller.undo_stack.undo()
    assert draft.section("y-te").status is not SectionStatus.NEEDS_WORK and window.controller.undo_stack.canRedo()


# ---------------------------------------------------------------- 1. redo keys
@pytest.mark.parametrize("key, modifiers", [
    (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
])
def test_ctrl_y_and_ctrl_shift_z_redo_the_draft(linux_redo, qtbot, tmp_path, key, modifiers):
    window = make_window(qtbot, tmp_path, sample_session())
    window.select("y-te")
    _undone_status_edit(window)
    for target in (window.editor.body, window.outline.tree):
        target.setFocus()
        qtbot.keyClick(target, key, modifiers)
        assert window.session.draft.section("y-te").status is SectionStatus.NEEDS_WORK, target
        assert not window.controller.undo_stack.canRedo()
        window.controller.undo_stack.undo()               # for the next one


def test_the_shortcuts_page_lists_both_redo_keys(linux_redo, qtbot, tmp_path):
    from baocao.ui.help.shortcuts import clashes, shortcut_rows

    window = make_window(qtbot, tmp_path, sample_session())
    keys = next(keys for name, keys, _menu in shortcut_rows(window) if name == "Làm lại")
    assert "Ctrl+Y" in keys and "Ctrl+Shift+Z" in keys
    assert not [c for c in clashes(window) if "Ctrl+Y" in c or "Ctrl+Shift+Z" in c]


def test_a_text_box_with_its_own_undo_keeps_the_added_redo_key(linux_redo, qtbot, tmp_path):
    """Ctrl+Y is not this platform's Redo, so a line edit does not claim it: the window's action hands it on."""
    window = make_window(qtbot, tmp_path, sample_session())
    _undone_status_edit(window)
    box = QLineEdit(window.statusBar())          # any box of the window with its own undo
    box.show()
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=2000)
    qtbot.keyClicks(box, "abc")
    box.undo()
    assert box.text() == ""
    QApplication.sendEvent(window.acts.redo, QShortcutEvent(QKeySequence("Ctrl+Y"), 0))
    assert box.text() == "abc"                                   # the box's own redo …
    assert window.controller.undo_stack.canRedo()                # … and not the draft's
    assert window.session.draft.section("y-te").status is not SectionStatus.NEEDS_WORK


# ---------------------------------------------------------------- 2. outline titles
def test_upper_first_keeps_the_rest_as_written():
    from baocao.ui.outline import upper_first

    assert upper_first("kết quả của UBND tỉnh") == "Kết quả của UBND tỉnh"
    assert upper_first("") == ""


def test_appendix_rows_keep_upper_case_words(window):
    tree = window.outline.tree
    root = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(0) == "Phụ lục")
    rows = [root.child(i).text(0) for i in range(root.childCount())]
    assert rows[0].startswith("Phụ lục 01 — KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH"), rows
    assert all("Ubnd" not in row and "ubnd" not in row for row in rows)
    window.outline.update_titles({"phu-luc:phu-luc-01": "kết quả của UBND tỉnh"})   # as a render resolves them
    assert root.child(0).text(0) == "Phụ lục 01 — Kết quả của UBND tỉnh"


# ---------------------------------------------------------------- 3. heights at 1366×768
def _body_lines(window) -> int:
    """Lines of the body's text wholly in sight (scrolled to the top)."""
    body = window.editor.body
    body.verticalScrollBar().setValue(0)
    document, seen = body.document(), 0
    block = document.firstBlock()
    while block.isValid():
        top = document.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index).rect().translated(0, top)
            seen += line.bottom() <= body.viewport().height()
        block = block.next()
    return seen


def _finding_rows(window) -> float:
    findings = window.editor.findings
    return findings.viewport().height() / (findings.fontMetrics().height() + 2)


def _open_replace(qtbot, window) -> None:
    window.editor.body.setFocus()
    qtbot.keyClick(window.editor.body, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(_find_dock(window).isVisible, timeout=3000)
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("section", ["y-te", "ket-qua-nhiem-vu"])   # a body alone, and ten fields above it
def test_body_keeps_ten_lines_and_findings_five_rows_with_replace_open(qtbot, window, section):
    window.select(section)
    _open_replace(qtbot, window)
    window.editor.tabs.setCurrentIndex(1)          # Kiểm tra
    qtbot.waitUntil(lambda: _body_lines(window) >= 10, timeout=3000)
    assert _finding_rows(window) >= 5


def _find_dock(window) -> QDockWidget:
    return next(d for d in window.findChildren(QDockWidget) if d.objectName() == "find_dock")


def test_guidance_gives_way_and_comes_back(qtbot, window):
    window.select("ket-qua-nhiem-vu")              # ten fields above the body
    editor, guidance = window.editor, window.editor.guidance
    qtbot.waitUntil(lambda: guidance.area.isVisible() and not editor.guidance_folded(), timeout=3000)
    _open_replace(qtbot, window)
    qtbot.waitUntil(editor.guidance_folded, timeout=3000)
    assert not guidance.area.isVisible() and not guidance.is_expanded()
    assert "Cửa sổ thấp" in guidance.toggle.toolTip()
    assert window.settings.flag("window/guidance", True)         # the drafter's choice is kept …
    _find_dock(window).hide()
    qtbot.waitUntil(guidance.area.isVisible, timeout=3000)          # … and the text shown again
    assert guidance.is_expanded() and not editor.guidance_folded() and "Cửa sổ thấp" not in guidance.toggle.toolTip()


def test_folded_guidance_opens_on_a_click(qtbot, window):
    window.select("ket-qua-nhiem-vu")
    editor, guidance = window.editor, window.editor.guidance
    _open_replace(qtbot, window)
    qtbot.waitUntil(editor.guidance_folded, timeout=3000)
    assert guidance.toggle.isEnabled() and guidance.toggle.focusPolicy() != Qt.FocusPolicy.NoFocus   # Tab reaches it
    guidance.toggle.click()
    qtbot.waitUntil(guidance.area.isVisible, timeout=3000)
    assert not editor.guidance_folded() and guidance.area.height() >= 40
    assert window.settings.flag("window/guidance", True)


# ---------------------------------------------------------------- 4. 800×560
def _layout_problems(window) -> list[str]:
    """Visible widgets drawn outside their parent, and buttons squeezed under their height (not scrolled ones)."""
    problems = []
    for widget in window.centralWidget().findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.isWindow():
            continue
        ancestor, scrolled = widget.parentWidget(), False
        while ancestor is not None and ancestor is not window:
            if isinstance(ancestor.parentWidget(), QAbstractScrollArea):
                scrolled = True
                break
            ancestor = ancestor.parentWidget()
        if scrolled or isinstance(widget.parentWidget(), QAbstractScrollArea):
            continue
        parent = widget.parentWidget()
        if not parent.rect().contains(widget.geometry()):
            problems.append(f"{type(widget).__name__} {widget.geometry()} outside {type(parent).__name__} "
                            f"{parent.rect()}")
        if isinstance(widget, QAbstractButton) and widget.height() < widget.minimumSizeHint().height():
            problems.append(f"{type(widget).__name__} «{widget.text()}» squeezed to {widget.height()}")
    return problems


def _resize(window, width: int, height: int) -> None:
    for _ in range(2):                 # a second time once the editor has given way (its least height fell)
        window.resize(width, height)
        for _ in range(3):
            QApplication.processEvents()


def test_the_window_keeps_its_size_from_section_to_section(qtbot, window):
    """Wrapped texts count in the editor's least height, at its real width only (never a transient narrow one)."""
    for section in window.session.pack.sections:
        window.select(section.id)
        QApplication.processEvents()
        assert (window.width(), window.height()) == (1366, 768), section.id


def test_every_section_fits_an_800_by_560_window(qtbot, window):
    _resize(window, 800, 560)
    for section in window.session.pack.sections:
        window.select(section.id)
        _resize(window, 800, 560)
        assert (window.width(), window.height()) == (800, 560), section.id
        assert _layout_problems(window) == [], section.id


@pytest.mark.parametrize("section", ["y-te", "ket-qua-nhiem-vu"])
def test_800_by_560_with_replace_open(qtbot, window, section):
    window.select(section)
    _open_replace(qtbot, window)
    window.editor.tabs.setCurrentIndex(1)
    _resize(window, 800, 560)
    assert (window.width(), window.height()) == (800, 560)
    assert _layout_problems(window) == []
    editor = window.editor
    assert editor.body.height() >= editor.body.minimumHeight() and editor.tabs.height() >= editor.tabs.minimumHeight()


def test_a_long_title_is_cut_to_two_lines_whole_in_its_tooltip(qtbot, window):
    window.select("phoi-hop")                      # a title of 128 characters
    _resize(window, 800, 700)
    editor = window.editor
    assert editor.shown_title().endswith("…") and editor.title.toolTip().startswith("b) Công tác phối hợp")
    font = editor.title.font()
    font.setPointSize(13)
    font.setBold(True)
    assert editor.title.height() <= 2 * QFontMetrics(font).lineSpacing() + 4
    _resize(window, 1900, 1000)
    assert not editor.shown_title().endswith("…") and editor.title.toolTip() == ""


# ---------------------------------------------------------------- 5. export warning
def _answer_box(qtbot, answer: str, seen: list) -> None:
    """When the warning box is up, note its texts and click the button whose text starts with *answer*."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        seen.append((box.text(), box.informativeText(), buttons, box.defaultButton()))
        chosen = next((b for text, b in buttons.items() if text.startswith(answer)), None)
        if chosen is None:
            box.reject()               # no such button: close the box (the test then fails on what it saw)
        else:
            chosen.click()

    QTimer.singleShot(0, click)


def _draft_with_two_empty_sections(window) -> None:
    draft = window.session.draft
    for key in ("y-te", "giao-duc"):              # outline order: c) giáo dục, then d) y tế
        draft.section(key).body = []
    window.select("phuong-huong")


def test_export_warning_names_sections_as_the_outline_and_goes_to_the_first(qtbot, window, monkeypatch):
    asked: list = []
    monkeypatch.setattr(prompts, "ask_save_path", lambda *a, **k: asked.append(a) or None)
    _draft_with_two_empty_sections(window)
    seen: list = []
    _answer_box(qtbot, "Đến mục", seen)
    assert window.controller.export("docx") is False
    text, details, buttons, default = seen[0]
    assert "2 lỗi" in text
    assert "• c) Về giáo dục và đào tạo: chưa có nội dung." in details
    assert "• d) Về y tế: chưa có nội dung." in details
    go = buttons.get("Đến mục c) Về giáo dục và đào tạo")
    assert go is not None and default is go
    assert window.current_key == "giao-duc"         # the first problem section, in outline order
    assert asked == []                               # nothing exported


def test_export_warning_still_exports_a_draft_copy_when_asked(qtbot, window, monkeypatch):
    asked: list = []
    monkeypatch.setattr(prompts, "ask_save_path", lambda *a, **k: asked.append(a) or None)
    _draft_with_two_empty_sections(window)
    seen: list = []
    _answer_box(qtbot, "Vẫn xuất bản nháp", seen)
    window.controller.export("docx")
    assert len(asked) == 1 and window.current_key == "phuong-huong"
