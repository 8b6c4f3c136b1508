"""Issue 10, gap 3 in the editor: numbered paragraphs ("1.", "2." …) renumber live as the drafter types."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from baocao.model.richtext import Para, Span  # noqa: E402

from ui_support import make_window, sample_session, type_text  # noqa: E402

SECTION = "nhiem-vu-cu-the"


def _lines(editor) -> list[str]:
    return editor.toPlainText().split("\n")


def _wait_lines(qtbot, editor, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: _lines(editor) == expected, timeout=2000)


def _select_block(editor, number: int, with_separator: bool = True) -> QTextCursor:
    block = editor.document().findBlockByNumber(number)
    cursor = QTextCursor(block)
    end = block.position() + block.length() - (0 if with_separator else 1)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    return cursor


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    import baocao.ui.commands as commands

    monkeypatch.setattr(commands, "MERGE_WINDOW_S", -1.0)     # every keystroke its own undo step
    session = sample_session()
    session.draft.section(SECTION).body = []
    win = make_window(qtbot, tmp_path, session)
    win.select(SECTION)
    return win


def test_typed_numbers_follow_deletion_and_undo(qtbot, window):
    editor = window.editor.body
    editor.setFocus()
    type_text(qtbot, editor, "1. Một")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(qtbot, editor, "1. Hai")            # typed out of step: becomes "2."
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(qtbot, editor, "1. Ba")
    _wait_lines(qtbot, editor, ["1. Một", "2. Hai", "3. Ba"])
    draft = window.session.draft
    assert [p.kind for p in draft.section(SECTION).body] == ["number"] * 3

    _select_block(editor, 1)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)        # the middle paragraph goes
    _wait_lines(qtbot, editor, ["1. Một", "2. Ba"])
    assert [p.plain_text() for p in draft.section(SECTION).body] == ["Một", "Ba"]

    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)   # the window's undo
    _wait_lines(qtbot, editor, ["1. Một", "2. Hai", "3. Ba"])
    assert [p.plain_text() for p in draft.section(SECTION).body] == ["Một", "Hai", "Ba"]


def test_changing_kind_and_moving_paragraphs_renumber(qtbot, window):
    editor = window.editor.body
    body = [Para([Span(t)], "number") for t in ("Một", "Hai", "Ba")]
    editor.set_body(body)
    assert _lines(editor) == ["1. Một", "2. Hai", "3. Ba"]

    # the middle paragraph stops being numbered (its marker erased): the last becomes "2."
    cursor = QTextCursor(editor.document().findBlockByNumber(1))
    cursor.setPosition(cursor.position() + 3, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    _wait_lines(qtbot, editor, ["1. Một", "Hai", "2. Ba"])

    # it becomes numbered again by typing a number at its start
    cursor = QTextCursor(editor.document().findBlockByNumber(1))
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "9. ")
    _wait_lines(qtbot, editor, ["1. Một", "2. Hai", "3. Ba"])

    # moved (cut, then pasted at the top through baocao's own clipboard format): numbers follow the order
    _select_block(editor, 2, with_separator=False)
    editor.cut()
    editor.setTextCursor(QTextCursor(editor.document()))
    editor.paste()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _lines(editor)[:3] == ["1. Ba", "2. Một", "3. Hai"], timeout=2000)
    assert [p.plain_text() for p in editor.body() if p.kind == "number"] == ["Ba", "Một", "Hai"]
