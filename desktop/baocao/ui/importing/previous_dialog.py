"""Preview of "Bản thảo mới từ kỳ trước…": what the new draft keeps, what it clears, its checklist."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ...importing.checklist import checklist
from . import strings as S

PREVIEW_ITEMS = 12


class PreviousDialog(QDialog):
    """Accept = go on and choose where to save the new draft."""

    def __init__(self, name: str, previous, draft, report, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(S.FROM_PREVIOUS_TITLE)
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(S.FROM_PREVIOUS_INTRO.format(name=name, old=previous.meta.period.phrase(),
                                                    new=draft.meta.period.phrase()), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QTextBrowser(self)
        parts = ["<p><b>Giữ lại</b></p><ul>" + "".join(f"<li>{escape(k)}</li>" for k in report.kept) + "</ul>",
                 "<p><b>Xóa (thuộc kỳ trước)</b></p><ul>" + "".join(f"<li>{escape(c)}</li>" for c in report.cleared)
                 + "</ul>"]
        items = checklist(draft)["items"]
        if items:
            parts.append(f"<p><b>{escape(S.CHECKLIST_TITLE)}</b> ({len(items)})</p><ul>"
                         + "".join(f"<li>{escape(i['text'][:160])}</li>" for i in items[:PREVIEW_ITEMS])
                         + ("<li>…</li>" if len(items) > PREVIEW_ITEMS else "") + "</ul>")
        self.text.setHtml("".join(parts))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(S.BUTTON_SAVE_AS)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
