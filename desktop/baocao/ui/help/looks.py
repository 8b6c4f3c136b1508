"""A finished look: bundled SVG icons on the toolbar and in the outline, readable in light and dark themes.

Icons are hand-drawn SVGs in ``resources/icons/ui`` with two colours, ink
(``INK``) and accent (``ACCENT``).  For a dark system theme they are recoloured
(``DARK_COLOURS``) before rendering.  An icon is drawn from its SVG on demand,
at the size and device-pixel ratio it is shown at (``SvgIconEngine``), so it
stays crisp at 125 % and 150 % scaling without rendering pixmaps nobody asks
for (16 sizes per icon used to be ~7 MiB for the window's icons); each rendering is
kept as PNG in the user cache folder (``icon_cache``), so later starts do not load
QtSvg at all.  The preview
keeps the look of a sheet of paper (black on white) in both themes, as the
printed report will be; grey hint labels get a lighter grey on dark backgrounds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QStyleOption, QToolBar, QTreeWidgetItemIterator, QWidget

from ...paths import resources_dir
from .. import navigation as nav
from .icon_cache import KeptRenderings

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

INK = "#37474f"
ACCENT = "#1565c0"
DARK_COLOURS = {INK: "#e3e8ea", ACCENT: "#7cb8f5"}
ICON_SIZES = (16, 20, 24, 32)
PIXEL_RATIOS = (1.0, 1.25, 1.5, 2.0)
PAPER = {QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.Text: "#000000",
         QPalette.ColorRole.Window: "#ffffff", QPalette.ColorRole.WindowText: "#000000"}
HINT_LIGHT, HINT_DARK = "#555", "#b0b0b0"
#: Light "sticky note" backgrounds (guidance box, sample notice) keep dark text in every theme.
LIGHT_BACKGROUNDS = ("background: #fffbe6", "background: #fff4ce")
STICKY_TEXT = " QLabel { color: #1f1f1f; }"
#: Toolbar action → icon file (resources/icons/ui/<name>.svg).
TOOLBAR_ICONS = {"new": "new", "open": "open", "save": "save", "undo": "undo", "redo": "redo", "bold": "bold",
                 "italic": "italic", "footnote": "footnote", "prev": "prev", "next": "next",
                 "next_empty": "next_empty", "export_docx": "export_docx"}


def icons_dir():
    """Where the bundled SVG icons are."""
    return resources_dir() / "icons" / "ui"


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background is dark (system dark theme or a dark palette)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class SvgIconEngine(QIconEngine):
    """Draws one SVG at the size and pixel ratio asked, once per (size, mode); disabled icons greyed by the style.

    Each rendering is kept in *kept* (the user cache folder) and taken from there at the next start.
    """

    def __init__(self, data: bytes, kept: KeptRenderings | None = None):
        super().__init__()
        self._data = data
        self._kept = kept
        self._pixmaps: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def _draw(self, width: int, height: int, mode: QIcon.Mode) -> QPixmap:
        from PySide6.QtSvg import QSvgRenderer      # only for a size not drawn before (see icon_cache)

        pixmap = QPixmap(width, height)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        QSvgRenderer(QByteArray(self._data)).render(painter, QRectF(0, 0, width, height))
        painter.end()
        if mode == QIcon.Mode.Disabled:
            pixmap = QApplication.style().generatedIconPixmap(mode, pixmap, QStyleOption())
        return pixmap

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:  # noqa: N802
        """The icon drawn at *size* × *scale* device pixels (kept for the next paint and the next start)."""
        width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
        key = (width, height, mode)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            kept = self._kept
            pixmap = kept.pixmap(width, height, mode.value) if kept is not None else None
            if pixmap is None:
                pixmap = self._draw(width, height, mode)
                if kept is not None:
                    kept.add(width, height, mode.value, pixmap)
            self._pixmaps[key] = pixmap
        shown = QPixmap(pixmap)
        shown.setDevicePixelRatio(scale)
        return shown

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """The icon at *size* device-independent pixels, ratio 1."""
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draw into *rect* at the painter's device-pixel ratio."""
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,  # noqa: N802 (Qt API)
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        """Every size the icon is meant for (it can be drawn at any)."""
        sizes = sorted({round(size * ratio) for size in ICON_SIZES for ratio in PIXEL_RATIOS})
        return [QSize(n, n) for n in sizes]

    def clone(self) -> "SvgIconEngine":
        """A copy (Qt detaches icons this way)."""
        return SvgIconEngine(self._data, self._kept)


@lru_cache(maxsize=None)
def svg_icon(name: str, dark: bool = False) -> QIcon:
    """The bundled icon *name*, recoloured for a dark theme when *dark*; empty QIcon when missing or broken."""
    path = icons_dir() / f"{name}.svg"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return QIcon()
    if dark:
        for light, dark_colour in DARK_COLOURS.items():
            text = text.replace(light, dark_colour)
    data = text.encode("utf-8")
    kept = KeptRenderings(data)
    if not kept.known:              # drawn here before: a valid SVG, no need to load QtSvg to know
        from PySide6.QtSvg import QSvgRenderer

        if not QSvgRenderer(QByteArray(data)).isValid():
            return QIcon()
        kept.mark_known()
    return QIcon(SvgIconEngine(data, kept))


def apply_icons(window: "MainWindow", extra: dict | None = None) -> None:
    """Put the icons on the window's actions (toolbar) and on the outline's appendix rows."""
    dark = is_dark(window.palette())
    for action_name, icon_name in TOOLBAR_ICONS.items():
        action = getattr(window.acts, action_name, None)
        if action is not None:
            action.setIcon(svg_icon(icon_name, dark))
    for action, icon_name in (extra or {}).items():
        action.setIcon(svg_icon(icon_name, dark))
    outline_icons(window)


def outline_icons(window: "MainWindow") -> None:
    """A table icon on each appendix row and a folder on the "Phụ lục" row of the outline."""
    dark = is_dark(window.palette())
    from ..outline import KEY_ROLE

    it = QTreeWidgetItemIterator(window.outline.tree)
    while it.value() is not None:
        item = it.value()
        key = item.data(0, KEY_ROLE)
        if isinstance(key, str) and nav.is_appendix_key(key):
            item.setIcon(0, svg_icon("table", dark))
        elif key is None and item.childCount():
            item.setIcon(0, svg_icon("appendices", dark))
        it += 1


def apply_palette(window: "MainWindow") -> None:
    """Paper-white preview in every theme; hint labels readable on dark backgrounds."""
    palette = window.preview.palette()
    for role, colour in PAPER.items():
        palette.setColor(role, QColor(colour))
    window.preview.setPalette(palette)
    window.preview.viewport().setAutoFillBackground(True)
    dark = is_dark(window.palette())
    old, new = (HINT_LIGHT, HINT_DARK) if dark else (HINT_DARK, HINT_LIGHT)
    for label in window.findChildren(QLabel):
        sheet = label.styleSheet()
        if f"color: {old};" in sheet:
            label.setStyleSheet(sheet.replace(f"color: {old};", f"color: {new};"))
    for widget in window.findChildren(QWidget):
        sheet = widget.styleSheet()
        if any(b in sheet for b in LIGHT_BACKGROUNDS) and STICKY_TEXT not in sheet:
            widget.setStyleSheet(sheet + STICKY_TEXT)


def toolbar(window: "MainWindow") -> QToolBar | None:
    """The window's main toolbar."""
    return window.findChild(QToolBar, "toolbar")
