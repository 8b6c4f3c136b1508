"""The icons' renderings kept in the user cache folder (ui/help/icon_cache): same pixels, no QtSvg at the next start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from baocao.cache_entries import ENTRY_SUFFIX, write_entry
from baocao.ui.help import icon_cache, looks
from baocao.ui.help.icon_cache import FORMAT, KeptRenderings
from baocao.ui.help.looks import SvgIconEngine

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"

#: draws two icons at two sizes in a fresh process; prints whether QtSvg was loaded and each image's bytes' hash
DRAW_CODE = """
import json, sys, zlib
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
app = QApplication([])
from baocao.ui.help.looks import svg_icon
images = {}
for name, dark in (("save", False), ("footnote", True)):
    icon = svg_icon(name, dark)
    for px, ratio in ((24, 1.0), (24, 1.5)):
        image = icon.pixmap(QSize(px, px), ratio).toImage()
        images[f"{name}-{px}-{ratio}"] = [image.width(), image.height(), zlib.crc32(bytes(image.constBits()))]
print(json.dumps({"qtsvg": "PySide6.QtSvg" in sys.modules, "images": images}))
"""


def _draw_in_a_fresh_process(cache: Path) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(DESKTOP), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", DRAW_CODE], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_next_start_shows_the_same_pixels_without_loading_qtsvg(tmp_path):
    first = _draw_in_a_fresh_process(tmp_path / "cache")
    second = _draw_in_a_fresh_process(tmp_path / "cache")
    assert first["qtsvg"] and not second["qtsvg"]
    assert second["images"] == first["images"]
    assert {tuple(v[:2]) for v in first["images"].values()} == {(24, 24), (36, 36)}
    elsewhere = _draw_in_a_fresh_process(tmp_path / "another-cache")      # nothing kept: drawn from the SVG again
    assert elsewhere["qtsvg"] and elsewhere["images"] == first["images"]


def _svg() -> bytes:
    return (looks.icons_dir() / "save.svg").read_bytes()


def _bits(icon_or_engine, px: int) -> bytes:
    engine = icon_or_engine
    image = engine.scaledPixmap(QSize(px, px), QIcon.Mode.Normal, QIcon.State.Off, 1.0).toImage()
    return bytes(image.constBits())


def test_a_damaged_entry_or_a_picture_that_does_not_decode_is_drawn_again(qapp):
    data = _svg()
    kept = KeptRenderings(data)
    assert not kept.known
    drawn = _bits(SvgIconEngine(data, kept), 24)
    entry = icon_cache._folder() / f"{kept.key}{ENTRY_SUFFIX}"
    assert entry.is_file() and KeptRenderings(data).pixmap(24, 24, QIcon.Mode.Normal.value) is not None

    raw = bytearray(entry.read_bytes())
    raw[-5] ^= 0xFF                                         # one byte changed: the CRC no longer matches
    entry.write_bytes(bytes(raw))
    damaged = KeptRenderings(data)
    assert not damaged.known and _bits(SvgIconEngine(data, damaged), 24) == drawn

    write_entry(icon_cache._folder(), kept.key, FORMAT, {(24, 24, QIcon.Mode.Normal.value): b"not a png"}, 10)
    garbled = KeptRenderings(data)
    assert garbled.known and garbled.pixmap(24, 24, QIcon.Mode.Normal.value) is None
    assert _bits(SvgIconEngine(data, garbled), 24) == drawn
    assert KeptRenderings(data).pixmap(24, 24, QIcon.Mode.Normal.value) is not None    # drawn again and kept


def test_an_entry_of_the_wrong_shape_reads_as_never_kept(qapp):
    data = _svg()
    write_entry(icon_cache._folder(), KeptRenderings(data).key, FORMAT, {"24": "x"}, 10)
    assert not KeptRenderings(data).known


def test_a_broken_svg_is_no_icon_and_is_not_kept(qapp, tmp_path, monkeypatch):
    folder = tmp_path / "icons"
    folder.mkdir()
    (folder / "hong.svg").write_text("<svg this is not", encoding="utf-8")
    monkeypatch.setattr(looks, "icons_dir", lambda: folder)
    assert looks.svg_icon.__wrapped__("hong").isNull()
    assert not list(icon_cache._folder().glob(f"*{ENTRY_SUFFIX}"))
