"""Underlines as the drafter types: findings of the shown section (body and notes) computed on a worker thread.

``LiveChecker`` waits for a pause in typing (``DELAY_MS``), copies the
section's body from the draft (already up to date: every keystroke is an
edit) and hands it to a ``CheckWorker`` living in its own ``QThread``.  The
result comes back as a signal; ``FindingsHighlighter`` (a QSyntaxHighlighter
on the editor's document — the document itself is never changed) underlines
the spans of the rules in ``UNDERLINED_RULES``.  A result for an older
version of the text is dropped, so the editor never waits for a check and
never shows stale marks for long.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ...checks.findings import UNDERLINED_RULES, Finding
from ...checks.textunits import para_text

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

DELAY_MS = 250
#: underline colour by severity (spelling red, the rest by severity)
COLOURS = {"error": QColor("#c01c28"), "warning": QColor("#c01c28"), "hint": QColor("#1a5fb4")}
TYPOGRAPHY_COLOUR = QColor("#b5835a")
_TYPOGRAPHY = {"khoang-trang-thua", "khoang-trang-dau-cau", "ngoac-kep-thang", "ngoac-khong-khop", "lap-tu"}


class CheckWorker(QObject):
    """Runs the per-paragraph checks of one section away from the UI thread."""

    done = Signal(int, str, object)           # generation, section id, list[Finding]

    @Slot(int, str, object, object)
    def run(self, generation: int, section_id: str, body: object, words: object) -> None:
        """Check *body* (a copy) of *section_id* and report the findings."""
        from ...checks.engine import unit_findings
        from ...checks.textunits import section_units
        from ...spelling.ngrams import default_model

        model = default_model()
        findings: list[Finding] = []
        for unit in section_units(section_id, body):  # type: ignore[arg-type]
            findings += [f for f in unit_findings(unit, words, model) if f.rule in UNDERLINED_RULES]  # type: ignore[arg-type]
        self.done.emit(generation, section_id, findings)


class FindingsHighlighter(QSyntaxHighlighter):
    """Underlines the spans of the current findings, block by block (one block per paragraph)."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.marks: dict[int, list[tuple[int, int, QTextCharFormat]]] = {}
        self.applying = False                 # re-laying out blocks: not an edit of the text
        # QSyntaxHighlighter re-lays out the whole document at the next event-loop turn, and the document then
        # reports changed contents, which the editors would take for typing — maybe after the draft was closed.
        # Do that pass now, with the document quiet (it finds nothing to mark yet).
        blocked = document.blockSignals(True)
        try:
            QMetaObject.invokeMethod(self, "_q_delayedRehighlight", Qt.ConnectionType.DirectConnection)
        finally:
            document.blockSignals(blocked)

    def set_marks(self, marks: dict[int, list[tuple[int, int, QTextCharFormat]]]) -> None:
        """Replace the marks; only blocks whose marks changed are highlighted again."""
        old, self.marks = self.marks, marks
        document = self.document()
        changed = [n for n in set(old) | set(marks) if _signature(old.get(n)) != _signature(marks.get(n))]
        if not changed:
            return
        # Re-laying out a block makes the document report a change of its contents; the editors would take
        # it for typing (and read the whole text back).  Nothing changed: keep the document quiet meanwhile
        # (the layout still repaints: it is told directly, not through these signals).
        self.applying = True
        blocked = document.blockSignals(True)
        try:
            for number in changed:
                block = document.findBlockByNumber(number)
                if block.isValid():
                    self.rehighlightBlock(block)
        finally:
            document.blockSignals(blocked)
            self.applying = False

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        """Apply the underlines of the block being laid out."""
        for start, length, fmt in self.marks.get(self.currentBlock().blockNumber(), ()):
            if start < len(text):
                self.setFormat(start, max(1, min(length, len(text) - start)), fmt)


def _signature(marks: list[tuple[int, int, QTextCharFormat]] | None) -> tuple:
    return tuple((start, length, fmt.toolTip()) for start, length, fmt in marks or ())


def underline_format(finding: Finding) -> QTextCharFormat:
    """The wavy (spelling) or dotted (typography) underline of *finding*."""
    fmt = QTextCharFormat()
    typography = finding.rule in _TYPOGRAPHY
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine if typography
                          else QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(TYPOGRAPHY_COLOUR if typography else COLOURS.get(finding.severity, COLOURS["warning"]))
    fmt.setToolTip(finding.message)
    return fmt


def marker_length(document: QTextDocument, block_number: int, para_text_value: str) -> int:
    """Characters before the paragraph's text in its block (the visible "- " / "+ " marker)."""
    block = document.findBlockByNumber(block_number)
    text = block.text() if block.isValid() else ""
    extra = len(text) - len(para_text_value)
    return extra if extra > 0 and text.endswith(para_text_value) else 0


class LiveChecker(QObject):
    """Keeps the underlines of the shown section up to date, off the UI thread."""

    findingsShown = Signal()                  # new underlines are in place (tests wait for it)

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.enabled = True
        self.findings: list[Finding] = []     # body findings of the shown section, current text
        self._generation = 0
        self._section: str | None = None
        self._thread = QThread(self)
        self._thread.setObjectName("baocao-kiem-tra")
        self._worker = CheckWorker()
        self._worker.moveToThread(self._thread)
        self._worker.done.connect(self._received)
        self._request.connect(self._worker.run)
        self._thread.start()
        self.highlighter = FindingsHighlighter(window.editor.body.document())
        self._note_highlighters: dict[str, FindingsHighlighter] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.check_now)
        window.editor.body.document().contentsChange.connect(self._changed)
        window.controller.sessionChanged.connect(self.schedule)
        window.destroyed.connect(self.stop)

    _request = Signal(int, str, object, object)

    def _changed(self, _position: int, removed: int, added: int) -> None:
        if (removed or added) and not self.highlighter.applying:
            self._generation += 1             # results for the old text are stale from now on
            self.schedule()

    def schedule(self) -> None:
        """Check again after the next pause in typing."""
        self.timer.start()

    def check_now(self) -> None:
        """Send the shown section's current body to the worker."""
        window = self.window
        session, section_id = window.session, window.editor.section_id
        if not self.enabled or session is None or section_id is None or not session.pack.has_section(section_id):
            self._apply([], section_id)
            return
        from ...checks.dismissals import draft_words
        from .imports import preload_checks

        preload_checks()                      # the worker must not import (see ui/thread_imports.py)
        self._generation += 1
        body = copy.deepcopy(session.draft.section(section_id).body)
        self._request.emit(self._generation, section_id, body, draft_words(session.draft))

    def _received(self, generation: int, section_id: str, findings: list[Finding]) -> None:
        if generation != self._generation or section_id != self.window.editor.section_id \
                or self.window.session is None:
            return                            # typed since, another section is shown, or the draft was closed
        session = self.window.session
        if session is not None:
            from ...checks.dismissals import dismissed_keys

            dismissed = dismissed_keys(session.draft)
            findings = [f for f in findings if f.key() not in dismissed]
        self._apply(findings, section_id)

    def _apply(self, findings: list[Finding], section_id: str | None) -> None:
        self.findings = findings
        self._section = section_id
        if self.window.session is None:          # closing: forget the marks, lay nothing out again
            self.highlighter.marks = {}
            self._note_highlighters = {}
            return
        document = self.window.editor.body.document()
        body = self.window.session.draft.section(section_id).body if self.window.session and section_id else []
        marks: dict[int, list[tuple[int, int, QTextCharFormat]]] = {}
        note_marks: dict[str, dict[int, list[tuple[int, int, QTextCharFormat]]]] = {}
        note_ids = [note_id for note_id, _ in self.window.editor.body.notes()]
        for finding in findings:
            if finding.para is None or finding.para >= len(body) or finding.offset is None:
                continue
            if finding.part == "note":
                index = sum(len(p.notes()) for p in body[:finding.para]) + (finding.note or 0)
                if index < len(note_ids):
                    note_marks.setdefault(note_ids[index], {}).setdefault(finding.note_para or 0, []).append(
                        (finding.offset, finding.length or 1, underline_format(finding)))
                continue
            shift = marker_length(document, finding.para, para_text(body[finding.para]))
            marks.setdefault(finding.para, []).append((finding.offset + shift, finding.length or 1,
                                                       underline_format(finding)))
        self.highlighter.set_marks(marks)
        self._mark_notes(note_ids, note_marks)
        self.findingsShown.emit()

    def _mark_notes(self, note_ids: list[str], marks: dict[str, dict]) -> None:
        """Underline in the notes panel's editors too (one highlighter per note editor)."""
        panel = self.window.editor.notes
        alive = {}
        for note_id in note_ids:
            editor = panel.editor(note_id)
            if editor is None:
                continue
            highlighter = self._note_highlighters.get(note_id)
            if highlighter is None or highlighter.document() is not editor.document():
                highlighter = FindingsHighlighter(editor.document())
            highlighter.set_marks(marks.get(note_id, {}))
            alive[note_id] = highlighter
        self._note_highlighters = alive

    def finding_at(self, block_number: int, column: int) -> Finding | None:
        """The underlined finding covering *column* of block *block_number*, if any."""
        session, section_id = self.window.session, self._section
        if session is None or section_id is None:
            return None
        body = session.draft.section(section_id).body
        if block_number >= len(body):
            return None
        shift = marker_length(self.window.editor.body.document(), block_number, para_text(body[block_number]))
        for finding in self.findings:
            if finding.part == "body" and finding.para == block_number and finding.offset is not None and \
                    finding.offset + shift <= column <= finding.offset + shift + max(1, finding.length):
                return finding
        return None

    def set_enabled(self, on: bool) -> None:
        """Turn the underlines on or off."""
        self.enabled = on
        self.check_now() if on else self._apply([], None)

    def stop(self) -> None:
        """End the worker thread (the window is closing)."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(2000)
