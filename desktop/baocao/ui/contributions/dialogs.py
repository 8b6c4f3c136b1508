"""The comparison of a contribution with the report, and the status board."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout)

from ...contributions.board import board, reminders, unused_by_section
from ...contributions.merge import comparison_text
from ...contributions.request_doc import deadline_text
from ...contributions.store import Contribution
from ...review.diff import diff_text
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def comparison_html(sent: str, now: str) -> str:
    """Word-level differences: removed words struck through, added ones underlined (the review room's diff)."""
    out, pos = [], 0
    for hunk in diff_text(sent, now):
        out.append(html.escape(sent[pos:hunk.old_start]))
        if hunk.old_text:
            out.append(f"<s style='color:#c01c28'>{html.escape(hunk.old_text)}</s>")
        if hunk.new_text:
            out.append(f"<u style='color:#1a5fb4'>{html.escape(hunk.new_text)}</u>")
        pos = hunk.old_end
    out.append(html.escape(sent[pos:]))
    return "".join(out).replace("\n", "<br>")


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(S.CLOSE)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CompareDialog(QDialog):
    """What the unit sent for a section against what the report says there now."""

    def __init__(self, window: "MainWindow", item: Contribution, section_id: str):
        super().__init__(window)
        self.setWindowTitle(S.COMPARE_TITLE)
        assert window.session is not None
        sent, now = comparison_text(window.session.draft, item, section_id)
        self.view = QTextBrowser(self)
        self.view.setHtml(comparison_html(sent, now) if sent != now else html.escape(S.COMPARE_SAME))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(S.COMPARE_HEAD.format(unit=item.unit), self))
        layout.addWidget(self.view)
        layout.addWidget(_close_buttons(self))
        self.resize(720, 480)


class BoardDialog(QDialog):
    """Units asked, sent, late; sections with unused contributions; reminders to copy."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.setWindowTitle(S.BOARD_TITLE)
        session = window.session
        assert session is not None
        titles = {spec.id: spec.title or spec.name for spec in session.pack.sections}
        rows = board(session.draft)
        self.table = QTableWidget(len(rows), len(S.BOARD_HEADERS), self)
        self.table.setHorizontalHeaderLabels(S.BOARD_HEADERS)
        for r, row in enumerate(rows):
            values = [row.unit, row.state, deadline_text(row.deadline), str(len(row.unused)) if row.received else "",
                      "; ".join(titles.get(s, s) for s in row.sections)]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.setWordWrap(True)
        for column in range(len(S.BOARD_HEADERS) - 1):
            self.table.resizeColumnToContents(column)
        self.table.horizontalHeader().setStretchLastSection(True)
        unused = unused_by_section(session.draft)
        lines = [f"- {titles.get(sid, sid)}: {', '.join(units)}" for sid, units in unused.items()]
        self.unused = QLabel(S.BOARD_UNUSED + "\n" + "\n".join(lines) if lines else S.BOARD_NO_UNUSED, self)
        self.unused.setWordWrap(True)
        self.reminders = QPlainTextEdit(self)
        self.reminders.setReadOnly(True)
        text = reminders(session.draft, titles)
        self.reminders.setPlainText(text or S.BOARD_NO_REMINDERS)
        self.copy = QPushButton(S.BOARD_COPY, self)
        self.copy.setEnabled(bool(text))
        self.copy.clicked.connect(lambda: self._copy(window, text))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.unused)
        layout.addWidget(QLabel(S.BOARD_REMINDERS, self))
        layout.addWidget(self.reminders, 1)
        layout.addWidget(self.copy)
        layout.addWidget(_close_buttons(self))
        self.resize(860, 560)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Fit the rows to their wrapped text once the columns have their real widths."""
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Keep the rows fitted when the dialog is resized."""
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def _copy(self, window: "MainWindow", text: str) -> None:
        QApplication.clipboard().setText(text)
        window.statusBar().showMessage(S.BOARD_COPIED, 5000)
