"""The citation token in the editors: one object character drawn as a small framed label.

The label is the document's short form ("Quyết định số 42/QĐ-UBND"), looked up by id in
``LABELS``, which the register room refreshes whenever a draft's register changes (ids are random,
so windows with different drafts never collide).  The handler is registered on a document the first
time a citation is inserted into it (``richtext_convert.insert_cite``).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPyTextObject, QTextCharFormat, QTextDocument

from .. import richtext_convert as rc
from . import strings as S

#: document id → label shown on its citation tokens
LABELS: dict[str, str] = {}
TOKEN_BACKGROUND = QColor("#e6effa")
TOKEN_BORDER = QColor("#1a5fb4")
TOKEN_TEXT = QColor("#0b3d7a")
PADDING = 3.0


def label_for(doc_id: str) -> str:
    """The label of a citation of *doc_id*."""
    return LABELS.get(doc_id, S.TOKEN_MISSING)


class CiteTokenHandler(QPyTextObject):
    """Draws a citation token; the text beside it stays ordinary text."""

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextCharFormat) -> QSizeF:  # noqa: N802 (Qt API)
        metrics = QFontMetricsF(doc.defaultFont())
        return QSizeF(metrics.horizontalAdvance(label_for(rc.cite_id_of(fmt))) + 2 * PADDING + 2, metrics.height())

    def drawObject(self, painter: QPainter, rect: QRectF, doc: QTextDocument, pos: int,  # noqa: N802 (Qt API)
                   fmt: QTextCharFormat) -> None:
        painter.save()
        painter.setFont(doc.defaultFont())
        box = QRectF(rect.x() + 1, rect.y() + 1, rect.width() - 2, rect.height() - 2)
        painter.setPen(QPen(TOKEN_BORDER, 0.8))
        painter.setBrush(TOKEN_BACKGROUND)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(TOKEN_TEXT)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label_for(rc.cite_id_of(fmt)))
        painter.restore()


def ensure_token_handler(doc: QTextDocument) -> None:
    """Register the citation token handler on *doc*'s layout (once)."""
    if getattr(doc, "_baocao_cite_handler", None) is None:
        handler = CiteTokenHandler(doc)
        doc.documentLayout().registerHandler(rc.CITE_OBJECT_TYPE, handler)
        doc._baocao_cite_handler = handler  # type: ignore[attr-defined]


def refresh_documents(*docs: QTextDocument) -> None:
    """Lay out *docs* again (labels changed)."""
    for doc in docs:
        doc.markContentsDirty(0, doc.characterCount())
