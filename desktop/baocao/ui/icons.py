"""Icons drawn with QPainter: section status marks and the application icon.

Drawing them keeps the package free of binary assets except the app icon
PNG, which ``resources/icons/make_icon.py`` generates with ``draw_app_icon``.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ..constants import SectionStatus
from ..paths import resources_dir

#: Colour of each status (also used for the outline text).
STATUS_COLOURS = {
    SectionStatus.EMPTY: QColor("#8a8a8a"),
    SectionStatus.IN_PROGRESS: QColor("#c77c02"),
    SectionStatus.DONE: QColor("#2e7d32"),
    SectionStatus.NEEDS_WORK: QColor("#c62828"),
    SectionStatus.APPROVED: QColor("#1565c0"),
}


def _canvas(size: int, ratio: float = 1.0) -> tuple[QPixmap, QPainter]:
    """A transparent pixmap of *size* logical pixels, drawn at *ratio* device pixels each (high-DPI)."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@lru_cache(maxsize=None)
def status_icon(status: SectionStatus, size: int = 16) -> QIcon:
    """A small mark per status: hollow circle, half circle, tick, exclamation, double tick."""
    pixmap, p = _canvas(size, 2.0)       # sharp on high-DPI screens too
    colour = STATUS_COLOURS[status]
    r = QRectF(1.5, 1.5, size - 3, size - 3)
    pen = QPen(colour, 1.6)
    p.setPen(pen)
    if status is SectionStatus.EMPTY:
        p.drawEllipse(r)
    elif status is SectionStatus.IN_PROGRESS:
        p.drawEllipse(r)
        p.setBrush(colour)
        p.drawPie(r, 90 * 16, 180 * 16)
    else:
        p.setBrush(colour)
        p.drawEllipse(r)
        p.setPen(QPen(QColor("white"), max(1.5, size / 9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        s = size
        if status is SectionStatus.NEEDS_WORK:
            p.drawLine(QPointF(s / 2, s * 0.27), QPointF(s / 2, s * 0.58))
            p.drawPoint(QPointF(s / 2, s * 0.74))
        else:
            path = QPainterPath(QPointF(s * 0.28, s * 0.52))
            path.lineTo(s * 0.44, s * 0.68)
            path.lineTo(s * 0.74, s * 0.34)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            if status is SectionStatus.APPROVED:
                p.drawLine(QPointF(s * 0.52, s * 0.68), QPointF(s * 0.80, s * 0.40))
    p.end()
    return QIcon(pixmap)


def draw_app_icon(size: int = 256) -> QPixmap:
    """The application icon: a document page with a red header rule and text lines."""
    pixmap, p = _canvas(size)
    s = size / 256.0
    page = QRectF(40 * s, 16 * s, 176 * s, 224 * s)
    p.setPen(QPen(QColor("#37474f"), 6 * s))
    p.setBrush(QColor("white"))
    p.drawRoundedRect(page, 14 * s, 14 * s)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#c62828"))
    p.drawRect(QRectF(64 * s, 44 * s, 128 * s, 12 * s))
    p.setBrush(QColor("#90a4ae"))
    for i, width in enumerate((128, 112, 128, 96, 120, 72)):
        p.drawRect(QRectF(64 * s, (78 + i * 24) * s, width * s, 9 * s))
    p.setBrush(QColor("#1565c0"))
    p.drawEllipse(QRectF(148 * s, 168 * s, 60 * s, 60 * s))
    p.setPen(QColor("white"))
    font = QFont()
    font.setFamilies(["Liberation Sans", "DejaVu Sans", "Arial"])
    font.setBold(True)
    font.setPixelSize(int(34 * s))
    p.setFont(font)
    p.drawText(QRectF(148 * s, 168 * s, 60 * s, 60 * s), Qt.AlignmentFlag.AlignCenter, "BC")
    p.end()
    return pixmap


def app_icon() -> QIcon:
    """The shipped icon (resources/icons/baocao.png), or one drawn now if it is missing."""
    path = resources_dir() / "icons" / "baocao.png"
    if path.is_file():
        return QIcon(str(path))
    return QIcon(draw_app_icon())
