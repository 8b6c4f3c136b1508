"""The bundled icons' renderings kept as PNG in the user cache folder, so a start need not load QtSvg.

An icon is drawn from its SVG at the size it is shown at (``looks.SvgIconEngine``).  Drawing
needs QtSvg — its library and each file parsed: about 1 MiB of the window's memory and a few
milliseconds of its start — for some fifteen small pictures that are the same at every start.
So each rendering is kept, once drawn, in one cache entry per icon (``cache_entries``: CRC-checked,
written atomically), filed under a hash of the SVG as drawn (recoloured for a dark theme or not)
and of the widget style (which greys the disabled renderings).  A later start reads the entry and
shows the PNGs; QtSvg is loaded only to draw a size not drawn before, or an icon never seen.  An
entry that is damaged, foreign or holds a picture that does not decode reads as missing, and the
icon is drawn again: the cache can make a start slower, never an icon wrong.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from ...cache_entries import read_entry, write_entry
from ...checks.cache_dir import user_cache_root
from ...checks.fingerprint import new_digest

FOLDER = "bieu-tuong"
#: bump when the entry's layout changes
FORMAT = 1
#: entries kept at most (an icon × light/dark × style; older ones are removed)
MAX_ENTRIES = 160
#: (device width, device height, QIcon.Mode value) → PNG bytes
Renderings = dict[tuple[int, int, int], bytes]


def _folder():
    return user_cache_root() / FOLDER


def _style_name() -> str:
    style = QApplication.style()
    return style.name() if style is not None else ""


def _valid(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, tuple) and len(k) == 3 and all(isinstance(n, int) for n in k) and isinstance(v, bytes)
        for k, v in value.items())


class KeptRenderings:
    """The renderings of one SVG kept between starts (read once, written when one is added)."""

    def __init__(self, data: bytes):
        digest = new_digest()
        digest.update(data)
        digest.update(b"\0" + _style_name().encode("utf-8"))
        self.key = "icon-" + digest.hexdigest()
        value = read_entry(_folder(), self.key, FORMAT)
        #: None: never kept — nothing known about this SVG yet, not even that it draws
        self.pngs: Renderings | None = dict(value) if _valid(value) else None

    @property
    def known(self) -> bool:
        """True when this SVG was drawn here before (so it is a valid picture, no need to parse it to know)."""
        return self.pngs is not None

    def pixmap(self, width: int, height: int, mode: int) -> QPixmap | None:
        """The kept rendering at that size and mode, or None (never drawn, or its PNG does not decode)."""
        data = (self.pngs or {}).get((width, height, mode))
        if data is None:
            return None
        pixmap = QPixmap()
        if not pixmap.loadFromData(data, "PNG") or (pixmap.width(), pixmap.height()) != (width, height):
            return None
        return pixmap

    def mark_known(self) -> None:
        """Keep an (empty) entry: the SVG was parsed and is valid."""
        if self.pngs is None:
            self.pngs = {}
            write_entry(_folder(), self.key, FORMAT, self.pngs, MAX_ENTRIES)

    def add(self, width: int, height: int, mode: int, pixmap: QPixmap) -> None:
        """Keep *pixmap* as the rendering at that size and mode (a failure to write is ignored)."""
        raw = QByteArray()
        buffer = QBuffer(raw)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not pixmap.save(buffer, "PNG"):
            return
        buffer.close()
        self.pngs = dict(self.pngs or {})
        self.pngs[(width, height, mode)] = raw.data()
        write_entry(_folder(), self.key, FORMAT, self.pngs, MAX_ENTRIES)
