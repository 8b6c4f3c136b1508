"""Soak run of the real window: thousands of characters typed through key events.

Run as a child process by ``test_soak_typing.py`` (a binding that corrupts
reference counts aborts the interpreter, which must fail that test rather than
kill the test run)::

    python tests/soak_typing.py DRAFT.baocao RESULT.json [CHARS]

It opens DRAFT in a ``MainWindow`` and types, key by key, into section bodies,
footnotes (Ctrl+Alt+F, then the notes panel), number and text fields and the
cells of an appendix table, letting timers run between words as a person's
pauses do (preview refresh, findings, autosave).  Then it saves, closes the
window and writes RESULT: what it typed where, the number of characters and
the refcount drift of ``None`` seen along the way.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

BODY_WORDS = ("Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 42/KH-UBND ngày 12/01/2026 về triển khai "
              "nhiệm vụ trọng tâm; các sở, ngành và UBND các xã, phường tổ chức thực hiện nghiêm túc, "
              "kịp thời, bảo đảm tiến độ đề ra. ").split(" ")
NOTE_WORDS = "Gồm Quyết định số 15/QĐ-UBND, Kế hoạch số 27/KH-UBND và Công văn số 2515/UBND-KTTH.".split(" ")


class Typist:
    """Sends key events to whichever widget has the focus, as a keyboard does."""

    def __init__(self, app: QApplication):
        self.app = app
        self.count = 0

    def key(self, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        """One key press (Enter, Tab, Esc …) on the focused widget."""
        QTest.keyClick(self.app.focusWidget(), key, modifiers)

    def text(self, text: str) -> None:
        """Type *text* character by character (non-ASCII as Unikey's "send key" mode delivers it)."""
        for char in text:
            target = self.app.focusWidget()
            if char.isascii():
                QTest.keyClicks(target, char)
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
            self.count += 1

    def words(self, words, total: int) -> str:
        """Type words (pausing between them) until *total* characters; returns what was typed."""
        typed = ""
        index = 0
        while len(typed) < total:
            word = words[index % len(words)] + " "
            index += 1
            self.text(word)
            typed += word
            QTest.qWait(0 if index % 8 else 30)      # a short pause now and then lets the timers run
        return typed


def main() -> int:
    draft_path, result_path = Path(sys.argv[1]), Path(sys.argv[2])
    budget = int(sys.argv[3]) if len(sys.argv) > 3 else 3800
    from baocao.ui.app import create_application
    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    app = create_application([])
    window = MainWindow(settings=AppSettings.at(result_path.with_suffix(".ini")))
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 2000)
    if not window.controller.open_path(draft_path, ask=False):
        print("could not open the draft", file=sys.stderr)
        return 4
    typist = Typist(app)
    none_before = sys.getrefcount(None)
    pack = window.session.pack
    typed: dict = {"bodies": {}, "notes": {}, "fields": {}, "cells": {}}

    body_sections = [s.id for s in pack.sections if not s.children and not s.fields][:5]
    per_body = budget * 6 // 10 // len(body_sections)
    for index, section_id in enumerate(body_sections):
        window.select(section_id)
        window.editor.body.setFocus()
        QTest.qWait(10)
        text = typist.words(BODY_WORDS, per_body // 2)
        typist.key(Qt.Key.Key_Return)
        text2 = typist.words(BODY_WORDS[3:], per_body // 2)
        typed["bodies"][section_id] = [text.strip(), text2.strip()]
        if index < 2:                                  # a footnote in the first two sections
            window.insert_footnote()
            QTest.qWait(10)
            typed["notes"][section_id] = typist.words(NOTE_WORDS, budget // 20).strip()
            typist.key(Qt.Key.Key_Escape)

    window.select("nhiem-vu-cap-tren")
    QTest.qWait(10)
    for key, value in (("tong", "2.573"), ("hoan_thanh", "2.273"), ("trong_han", "250"), ("qua_han", "50")):
        widget = window.editor.fields.widget(key)
        widget.setFocus()
        widget.selectAll()
        typist.text(value)
        typist.key(Qt.Key.Key_Tab)
        typed["fields"][f"nhiem-vu-cap-tren/{key}"] = value
    window.select("han-che")
    QTest.qWait(10)
    cause = window.editor.fields.widget("nguyen_nhan")
    cause.setFocus()
    typed["fields"]["han-che/nguyen_nhan"] = typist.words(BODY_WORDS[10:], budget // 10).strip()

    window.select("phu-luc:phu-luc-01")
    QTest.qWait(10)
    editor = window.table_editor
    columns = [c.key for c in editor.model.spec.columns]
    rows = []
    for row_number in range(4):
        editor.add_button.click()
        row = editor.model.rowCount() - 2
        cells = {"don_vi": f"Sở Kế hoạch và Đầu tư số {row_number + 1}", "dung_han": str(120 + row_number),
                 "qua_han_hoan_thanh": "3", "trong_han": str(10 + row_number), "qua_han_chua": "1"}
        for key, value in cells.items():
            editor.view.setFocus()
            editor.view.setCurrentIndex(editor.model.index(row, columns.index(key)))
            typist.text(value)                      # the first key opens the cell's editor
            typist.key(Qt.Key.Key_Return)
            QTest.qWait(0)
        rows.append(cells)
    typed["cells"]["nhiem-vu-theo-don-vi"] = rows

    QTest.qWait(200)
    saved = window.controller.save()
    none_drift = sys.getrefcount(None) - none_before
    window.controller.ask_on_close = False
    window.close()
    alive = not window.isVisible()
    result_path.write_text(json.dumps({"typed": typed, "chars": typist.count, "saved": saved, "closed": alive,
                                       "none_refcount_drift": none_drift}, ensure_ascii=False), encoding="utf-8")
    return 0 if saved else 5


if __name__ == "__main__":
    sys.exit(main())
