"""The line-number gutter of the pack editor's text box, and its horizontal scroll that follows the cursor.

The gutter is Qt's standard «code editor» line-number area: a widget in the left viewport margin,
repainted with the text.  The horizontal scroll goes back to the left edge whenever the cursor can be
seen there (a short line, another file), so the box does not stay scrolled right for nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

#: Colours of the gutter: background, numbers, the number of the cursor's line.
GUTTER_BACKGROUND = QColor("#f0f0f0")
GUTTER_NUMBER = QColor("#8a8a8a")
GUTTER_CURRENT = QColor("#202020")
#: Pixels left and right of the numbers.
GUTTER_PADDING = 6
#: Fewest digits the gutter has room for (its width does not change between line 9 and line 10).
GUTTER_MIN_DIGITS = 3


class LineNumberArea(QWidget):
    """Paints the numbers of the visible lines of *edit* (a ``NumberedTextEdit``)."""

    def __init__(self, edit: "NumberedTextEdit"):
        super().__init__(edit)
        self.edit = edit

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.edit.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        self.edit.paint_gutter(event)


class NumberedTextEdit(QPlainTextEdit):
    """A plain text box with line numbers at its left and a horizontal scroll that follows the cursor."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.gutter = LineNumberArea(self)
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.cursorPositionChanged.connect(self._cursor_moved)
        self._update_gutter_width()

    # ------------------------------------------------------------ gutter
    def gutter_width(self) -> int:
        """Width of the gutter for the number of lines the text has."""
        digits = max(GUTTER_MIN_DIGITS, len(str(max(1, self.blockCount()))))
        return 2 * GUTTER_PADDING + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_gutter_width(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        self._place_gutter()

    def _place_gutter(self) -> None:
        inner = self.contentsRect()
        self.gutter.setGeometry(QRect(inner.left(), inner.top(), self.gutter_width(), inner.height()))

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_gutter_width()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._place_gutter()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:     # wider digits: a wider gutter
            self._update_gutter_width()

    def paint_gutter(self, event: QPaintEvent) -> None:
        """Paint the numbers of the lines visible in *event*'s rectangle."""
        painter = QPainter(self.gutter)
        painter.fillRect(event.rect(), GUTTER_BACKGROUND)
        painter.setFont(self.font())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        current = self.textCursor().blockNumber()
        width = self.gutter.width() - GUTTER_PADDING
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber()
                painter.setPen(GUTTER_CURRENT if number == current else GUTTER_NUMBER)
                painter.drawText(0, top, width, height, int(Qt.AlignmentFlag.AlignRight), str(number + 1))
            block = block.next()
            top = bottom
        painter.end()

    # ------------------------------------------------------------ horizontal scroll
    def _cursor_moved(self) -> None:
        self.gutter.update()                  # the current line's number is drawn darker
        self.follow_cursor()

    def follow_cursor(self) -> None:
        """Back to the left edge when the cursor can be seen there; else Qt's own scrolling stands."""
        bar = self.horizontalScrollBar()
        if not bar.value():
            return
        x = self.cursorRect().right() + bar.value()       # the cursor's place in the unscrolled line
        if x < self.viewport().width() - self.cursorWidth() - GUTTER_PADDING:
            bar.setValue(0)
