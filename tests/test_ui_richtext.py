"""QTextDocument ⇄ Body conversion and the body editor's keyboard/IME behaviour."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QTextDocument  # noqa: E402

from baocao.model.richtext import Note, Para, Span  # noqa: E402
from baocao.model.serialize import body_from_list  # noqa: E402
from baocao.ui import richtext_convert as rc  # noqa: E402
from baocao.ui.richtext_editor import BODY_MIME, BodyEditor  # noqa: E402
from ui_support import show_active, type_text  # noqa: E402

BODIES = [
    [],
    [Para([Span("Một đoạn văn thường.")])],
    [Para([Span("Việt Nam "), Span("đậm", bold=True), Span(" và "), Span("nghiêng", italic=True),
           Span(" cả hai", bold=True, italic=True)])],
    [Para([Span("Ý gạch đầu dòng")], "dash"), Para([Span("Ý cộng")], "plus"), Para([Span("Đoạn thường")])],
    [Para([Span("Có chú thích"), Note([[Span("Gồm: Quyết định số 01/QĐ-UBND; "), Span("Kế hoạch", bold=True)],
                                         [Span("đoạn hai của chú thích", italic=True)]]), Span(" rồi tiếp.")], "dash")],
    [Para([Note([[Span("chú thích đầu đoạn")]]), Span("x")]), Para([]), Para([Span("sau dòng trống")])],
    [Para([Span("Hai chú thích liền"), Note([[Span("một")]]), Note([[Span("hai")]])])],
    [Para([Span("Chữ tổ hợp NFD: Việt")])],
]


@pytest.mark.parametrize("body", BODIES)
def test_round_trip(qapp, body):
    doc = QTextDocument()
    rc.body_to_document(body, doc)
    assert rc.document_to_body(doc) == rc.canonical_body(body)


def test_round_trip_sample(qapp, sample_draft):
    for section_id, data in sample_draft.sections.items():
        canonical = rc.canonical_body(data.body)
        doc = QTextDocument()
        rc.body_to_document(data.body, doc)
        assert rc.document_to_body(doc) == canonical, section_id


def test_item_markers_visible_and_typed(qapp):
    doc = QTextDocument()
    rc.body_to_document([Para([Span("a")], "dash"), Para([Span("b")], "plus")], doc)
    assert doc.toPlainText() == "- a\n+ b"
    doc.setPlainText("- gõ tay\n+ ý con\nthường")
    assert [p.kind for p in rc.document_to_body(doc)] == ["dash", "plus", "text"]


def test_canonical_form():
    body = [Para([Span("- "), Span("a"), Span(""), Span("b", bold=True), Span("c", bold=True)])]
    assert rc.canonical_body(body) == [Para([Span("a"), Span("bc", bold=True)], "dash")]


def test_pasted_plain_text(qtbot):
    editor = BodyEditor()
    qtbot.addWidget(editor)
    mime = QMimeData()
    mime.setText("Đoạn đầu\r\n\r\n- ý một\n+ ý hai\n• ý ba\n  – ý bốn  \nViệt")
    editor.insertFromMimeData(mime)
    body = editor.body()
    assert [(p.kind, p.plain_text()) for p in body] == [
        ("text", "Đoạn đầu"), ("dash", "ý một"), ("plus", "ý hai"), ("dash", "ý ba"), ("dash", "ý bốn"),
        ("text", "Việt")]
    assert body[-1].plain_text() == "Việt"  # NFD pasted → stored as NFC


def test_copy_paste_keeps_notes(qtbot):
    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.set_body([Para([Span("abc"), Note([[Span("ghi chú")]]), Span("def", bold=True)])])
    editor.selectAll()
    mime = editor.createMimeDataFromSelection()
    assert mime.hasFormat(BODY_MIME)
    assert "ghi chú" not in mime.text()
    other = BodyEditor()
    qtbot.addWidget(other)
    other.insertFromMimeData(mime)
    assert other.body() == editor.body()


def test_shortcuts_and_typing(qtbot):
    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.show()
    edits = []
    editor.bodyEdited.connect(lambda: edits.append(1))
    type_text(qtbot, editor, "Báo cáo ")
    editor.toggle_bold()
    type_text(qtbot, editor, "đậm")
    editor.toggle_bold()
    note_id = editor.insert_note()
    editor.set_note(note_id, Note([[Span("nội dung chú thích")]]))
    type_text(qtbot, editor, " tiếp")
    body = editor.body()
    assert body == [Para([Span("Báo cáo "), Span("đậm", bold=True),
                          Note([[Span("nội dung chú thích")]]), Span(" tiếp")])]
    assert edits
    marker_position = rc.document_notes(editor.document())[0][1]
    assert editor.note_number_at(marker_position) == 1


def test_ime_commit_lands_intact(qtbot):
    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.setFocus()
    edits = []
    editor.bodyEdited.connect(lambda: edits.append(editor.body()))
    type_text(qtbot, editor, "Tiếng ")
    edits.clear()
    # Unikey/ibus: a preedit string while composing, then the commit string.
    for preedit in ("V", "Vi", "Vie", "Viê", "Việ", "Việt"):
        editor.inputMethodEvent(QInputMethodEvent(preedit, []))
        assert editor.is_composing()
    assert edits == []          # nothing read back or rewritten during composition
    commit = QInputMethodEvent("", [])
    commit.setCommitString("Việt")
    editor.inputMethodEvent(commit)
    assert not editor.is_composing()
    assert editor.body() == [Para([Span("Tiếng Việt")])]
    assert edits and edits[-1] == [Para([Span("Tiếng Việt")])]


def test_no_key_press_override():
    assert "keyPressEvent" not in BodyEditor.__dict__


def test_remove_note(qtbot):
    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.set_body(body_from_list(["- Có chú thích[^một] và[^hai] hết"]))
    ids = [nid for nid, _ in editor.notes()]
    assert len(ids) == 2
    assert editor.remove_note(ids[0])
    assert [n.plain_text() for _, n in editor.notes()] == ["hai"]


def test_undo_shortcut_not_swallowed(qtbot):
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    editor = BodyEditor()
    window.setCentralWidget(editor)
    hits = []
    action = QAction("undo", window)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
    action.triggered.connect(lambda: hits.append(1))
    window.addAction(action)
    show_active(window)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert hits == [1]
