"""Typing in a long section: the body read block by block is exactly the whole-document reading, undo alike.

``BodyEditor.body()`` re-reads only the paragraphs a change touched (``ui/body_blocks.py``) and
``SetSectionBody`` shares unchanged paragraphs instead of copying the section.  A fixed-seed random
script of edits — typing, Delete, Backspace at a paragraph start, Enter, a paste over a selection spanning
paragraphs, bold, a footnote inserted and removed, a note's text changed — is run in the real window; after
every edit the body must equal ``document_to_body`` of the editor's document (Qt's own text, read whole)
and the draft must hold it.  The same script is then run with the editor reading the whole document
each time (the behaviour before): the undo steps and every state reached by undo and redo must be the same.
"""

from __future__ import annotations

import random

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData, Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from baocao.model.richtext import Note, Para, Span  # noqa: E402
from baocao.ui import commands, richtext_convert as rc  # noqa: E402
from baocao.ui.body_blocks import BlockParas  # noqa: E402
from ui_support import make_window, sample_session, type_text  # noqa: E402

SEED = 1616
STEPS = 70


def _long_body(paragraphs: int = 120) -> list[Para]:
    rng = random.Random(7)
    words = "Ủy ban nhân dân tỉnh chỉ đạo các sở ngành triển khai nhiệm vụ kế hoạch bảo đảm tiến độ".split()
    body = []
    for index in range(paragraphs):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(4, 30)))
        content: list = [Span(text), Span(" đậm", bold=True)] if index % 6 == 0 else [Span(text)]
        if index % 5 == 0:
            content.insert(1, Note([[Span(f"Chú thích {index}.")]]))
        body.append(Para(content, ("text", "dash", "plus", "number")[index % 4]))
    return body


def _section(window) -> str:
    return next(s.id for s in window.session.pack.sections if not s.children)


def _place(editor, rng: random.Random, spread: int = 0) -> QTextCursor:
    doc = editor.document()
    cursor = editor.textCursor()
    start = rng.randrange(max(1, doc.characterCount() - 1))
    cursor.setPosition(start)
    if spread:
        cursor.setPosition(min(doc.characterCount() - 1, start + rng.randint(1, spread)),
                           QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    return cursor


def _step(qtbot, editor, rng: random.Random) -> str:
    kind = rng.choice(["type", "type", "type", "delete", "backspace-start", "enter", "paste", "bold",
                       "note", "note-text", "remove-note", "rich-paste"])
    if kind == "type":
        _place(editor, rng)
        type_text(qtbot, editor, rng.choice(["chữ ", "x", "ạ", "1. ", "- "]))
    elif kind == "delete":
        _place(editor, rng)
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    elif kind == "backspace-start":
        block = editor.document().findBlockByNumber(rng.randrange(editor.document().blockCount()))
        cursor = editor.textCursor()
        cursor.setPosition(block.position())
        editor.setTextCursor(cursor)
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    elif kind == "enter":
        _place(editor, rng)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    elif kind == "paste":
        _place(editor, rng, spread=400)            # often across paragraphs
        mime = QMimeData()
        mime.setText("Dòng dán một\n- ý dán hai\n\nđoạn dán ba")
        editor.insertFromMimeData(mime)
    elif kind == "rich-paste":
        _place(editor, rng, spread=120)
        editor.copy()
        _place(editor, rng)
        editor.paste()
    elif kind == "bold":
        _place(editor, rng, spread=60)
        editor.toggle_bold()
    elif kind == "note":
        _place(editor, rng)
        editor.insert_note(Note([[Span(f"Chú thích mới {rng.randrange(1000)}")]]))
    elif kind == "note-text":
        notes = editor.notes()
        if notes:
            note_id, _ = rng.choice(notes)
            editor.set_note(note_id, Note([[Span("Nội dung chú thích đã sửa", bold=rng.random() < 0.5)]]))
    else:
        notes = editor.notes()
        if notes:
            editor.remove_note(rng.choice(notes)[0])
    qtbot.wait(1)                                  # the zero-timer renumbering pass
    return kind


def _run(qtbot, tmp_path, whole: bool, monkeypatch) -> dict:
    if whole:                                      # the behaviour before: read the whole document every time
        monkeypatch.setattr(BlockParas, "body", lambda self: rc.document_to_body(self.doc))
    window = make_window(qtbot, tmp_path / ("whole" if whole else "blocks"), sample_session())
    section = _section(window)
    window.session.draft.section(section).body = _long_body()
    window.select(section)
    window.editor.body.set_body(window.session.draft.section(section).body)
    editor = window.editor.body
    editor.setFocus()
    stack = window.controller.undo_stack
    stack.clear()
    rng = random.Random(SEED)
    kinds, states = [], []
    for index in range(STEPS):
        # typing merges into one undo step as before; every seventh edit starts a new step
        monkeypatch.setattr(commands, "MERGE_WINDOW_S", -1.0 if index % 7 == 0 else 3.0)
        kinds.append(_step(qtbot, editor, rng))
        full = rc.document_to_body(editor.document())
        assert editor.body() == full, kinds[-1]
        assert window.session.draft.section(section).body == full, kinds[-1]
        panel = [(nid, rc.note_to_json(n)) for nid, n in editor.notes()]
        assert editor._note_signature == tuple(panel), kinds[-1]      # the notes panel followed
        states.append(full)
    undone = []
    for _ in range(stack.count()):
        stack.undo()
        assert rc.document_to_body(editor.document()) == window.session.draft.section(section).body
        undone.append(window.session.draft.section(section).body)
    redone = []
    for _ in range(stack.count()):
        stack.redo()
        assert editor.body() == rc.document_to_body(editor.document()) == window.session.draft.section(section).body
        redone.append(window.session.draft.section(section).body)
    assert redone[-1] == states[-1]
    monkeypatch.undo()
    monkeypatch.setattr(commands, "MERGE_WINDOW_S", 3.0)
    return {"kinds": kinds, "steps": stack.count(), "states": states, "undone": undone, "redone": redone}


def test_long_section_typing_matches_whole_reading(qtbot, tmp_path, monkeypatch):
    blocks = _run(qtbot, tmp_path, False, monkeypatch)
    assert {"type", "enter", "paste", "note", "bold", "backspace-start"} <= set(blocks["kinds"])
    whole = _run(qtbot, tmp_path, True, monkeypatch)
    assert blocks["kinds"] == whole["kinds"]
    assert blocks["states"] == whole["states"]
    assert blocks["steps"] == whole["steps"] > 1
    assert blocks["undone"] == whole["undone"]
    assert blocks["redone"] == whole["redone"]


def test_block_reading_reads_only_the_changed_block(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    section = _section(window)
    window.session.draft.section(section).body = _long_body(300)
    window.select(section)
    window.editor.body.set_body(window.session.draft.section(section).body)
    editor = window.editor.body
    before = editor.body()
    blocks = editor._blocks
    reads = blocks.block_reads
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(150).position() + 3)
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "thêm")
    after = editor.body()
    assert after == rc.document_to_body(editor.document())
    assert blocks.block_reads - reads <= len("thêm") + 1          # one block per keystroke, not the section
    assert sum(a is b for a, b in zip(before, after)) == len(before) - 1   # the other paragraphs are shared
    draft_body = window.session.draft.section(section).body
    assert all(a is b for a, b in zip(after, draft_body) if a == b)       # and shared with the draft
