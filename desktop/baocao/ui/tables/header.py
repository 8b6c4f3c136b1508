"""The appendix table's column header: column groups on a band above their columns, labels wrapped to fit.

At 1366×768 the figure columns are narrow (about 50 px): a one-line label
such as «Chưa hoàn thành – Trong đó quá hạn» was cut to «Chưa hoàn thành …»
and the columns of a group could no longer be told apart.  ``WrapHeader``
draws a group's name once, on a band over all of its columns (as the printed
appendix does), and under it each column's own label («Tổng số», «Trong đó
quá hạn»), broken at spaces to the column's width.  The header is as tall as
the longest label needs (at most ``MAX_LINES`` lines; the tooltip always holds
the whole label) and measures again whenever a column is resized, by the
drafter or by the pane fitting the columns to its width.

The model gives each column's group and own label through ``GROUP_ROLE`` and
``LABEL_ROLE``; a model without them shows its display text wrapped.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

#: header data roles: a column's group ("Đã hoàn thành", None when it has none) and its own label ("Quá hạn")
GROUP_ROLE = int(Qt.ItemDataRole.UserRole) + 1
LABEL_ROLE = int(Qt.ItemDataRole.UserRole) + 2
#: most lines the header is tall (band and label together); longer labels are in the tooltip
MAX_LINES = 8
#: fewest lines the header is tall (a table whose labels all fit on one line still looks like a header)
MIN_LINES = 2
#: space around a text, in pixels (left/right, top/bottom); a word wider than its column runs into it
PADDING_X = 2
PADDING_Y = 3
TEXT_FLAGS = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap


class WrapHeader(QHeaderView):
    """A horizontal header: group bands over their columns, labels wrapped, height fitted to the longest."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit_height)
        self.sectionResized.connect(lambda *_: self._refit.start())

    # ------------------------------------------------------------ texts
    def _data(self, logical: int, role: int) -> str:
        model = self.model()
        value = model.headerData(logical, Qt.Orientation.Horizontal, role) if model is not None else None
        return "" if value is None else str(value)

    def group(self, logical: int) -> str:
        """The group of column *logical* ("" when it has none)."""
        return self._data(logical, GROUP_ROLE)

    def label(self, logical: int) -> str:
        """The label drawn for column *logical*: its own label under a group, else its whole header."""
        own = self._data(logical, LABEL_ROLE)
        return own if own else self._data(logical, int(Qt.ItemDataRole.DisplayRole))

    # ------------------------------------------------------------ measures
    def text_height(self, text: str, width: int) -> int:
        """Pixels *text* needs wrapped to *width* (padding included)."""
        if not text:
            return 0
        bounds = QRect(0, 0, max(1, width - 2 * PADDING_X), 100_000)
        return self.fontMetrics().boundingRect(bounds, int(TEXT_FLAGS), text).height() + 2 * PADDING_Y

    def span(self, logical: int) -> tuple[int, int]:
        """First and last visual index of the run of adjacent columns sharing *logical*'s group."""
        group = self.group(logical)
        first = last = self.visualIndex(logical)
        if not group:
            return first, last
        while first > 0 and self.group(self.logicalIndex(first - 1)) == group:
            first -= 1
        while last < self.count() - 1 and self.group(self.logicalIndex(last + 1)) == group:
            last += 1
        return first, last

    def _span_width(self, first: int, last: int) -> int:
        return sum(self.sectionSize(self.logicalIndex(visual)) for visual in range(first, last + 1))

    def band_height(self) -> int:
        """Height of the group band: what the longest group name needs over its columns (0 without groups)."""
        heights = [0]
        visual = 0
        while visual < self.count():
            logical = self.logicalIndex(visual)
            first, last = self.span(logical)
            if self.group(logical):
                heights.append(self.text_height(self.group(logical), self._span_width(first, last)))
            visual = last + 1
        return max(heights)

    def needed_height(self, logical: int) -> int:
        """Height column *logical* needs: the band (when it is in a group) and its label at its width."""
        band = self.band_height() if self.group(logical) else 0
        return band + self.text_height(self.label(logical), self.sectionSize(logical))

    def _bounds(self) -> tuple[int, int]:
        line = self.fontMetrics().lineSpacing()
        return MIN_LINES * line + 2 * PADDING_Y, MAX_LINES * line + 2 * PADDING_Y

    def sectionSizeFromContents(self, logical: int) -> QSize:  # noqa: N802 (Qt API)
        """The style's size, as tall as the band and the wrapped label need (within the bounds)."""
        size = super().sectionSizeFromContents(logical)
        low, high = self._bounds()
        tallest = max(self.needed_height(section) for section in range(self.count()))
        return QSize(size.width(), min(high, max(low, tallest)))

    def fit_height(self) -> None:
        """Measure again after columns changed width; the view moves its rows under the new height."""
        if self.count():
            self.headerDataChanged(Qt.Orientation.Horizontal, 0, self.count() - 1)   # drops the cached size
        self.updateGeometry()
        self.geometriesChanged.emit()

    # ------------------------------------------------------------ painting
    def _draw_cell(self, painter: QPainter, option: QStyleOptionHeader, cell: QRect, clip: QRect, text: str) -> None:
        """One header cell *cell* seen through *clip*: the style's section, then *text* wrapped in it.

        The cell is drawn off screen and only *clip* is copied, since a style may paint a section's
        background outside the painter's clip (a group's band spans the sections drawn after it).
        """
        if cell.isEmpty() or clip.isEmpty():
            return
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(cell.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        local = QRect(QPoint(0, 0), cell.size())
        inner = QPainter(pixmap)
        inner.setFont(painter.font())
        option.rect = local
        option.text = ""
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, inner, self)
        fits = self.text_height(text, cell.width()) <= cell.height()
        vertical = Qt.AlignmentFlag.AlignVCenter if fits else Qt.AlignmentFlag.AlignTop
        inner.setPen(option.palette.buttonText().color())
        inner.drawText(local.adjusted(PADDING_X, PADDING_Y, -PADDING_X, -PADDING_Y), int(TEXT_FLAGS | vertical), text)
        inner.end()
        source = clip.translated(-cell.topLeft())
        painter.drawPixmap(clip, pixmap, QRectF(source.topLeft() * ratio, source.size() * ratio).toRect())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:  # noqa: N802 (Qt API)
        """The group band (one cell drawn across the group's columns), then the column's own label under it."""
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOptionForIndex(option, logical)
        group = self.group(logical)
        label_rect = QRect(rect)
        if group:
            first, last = self.span(logical)
            band = min(self.band_height(), rect.height() // 2)
            left = self.sectionViewportPosition(self.logicalIndex(first))
            band_rect = QRect(left, rect.top(), self._span_width(first, last), band)
            band_option = QStyleOptionHeader(option)
            band_option.state &= ~(QStyle.StateFlag.State_On | QStyle.StateFlag.State_Sunken)
            self._draw_cell(painter, band_option, band_rect, rect.intersected(band_rect), group)
            label_rect.setTop(rect.top() + band)
        self._draw_cell(painter, option, label_rect, label_rect, self.label(logical))
