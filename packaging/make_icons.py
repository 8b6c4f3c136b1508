"""Make the installers' icons from resources/icons/baocao.png (needs Pillow):

    python packaging/make_icons.py

writes, committed beside this script in ``packaging/icons/``:

* ``baocao.ico``: the application icon for Windows (the .exe, the Start menu);
* ``baocao-draft.ico``: the icon of ``.baocao`` draft files in Explorer (a page with the
  application's mark in its corner, so drafts are told apart from the program);
* ``hicolor/<N>x<N>/apps/baocao.png`` and ``hicolor/<N>x<N>/mimetypes/application-x-baocao-draft.png``:
  the same two for Linux desktops (freedesktop icon theme sizes).

Re-run it when resources/icons/baocao.png changes (tests/test_packaging.py checks the sizes).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "baocao.png"
OUT = Path(__file__).resolve().parent / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
APP_ICON_NAME = "baocao"
DRAFT_ICON_NAME = "application-x-baocao-draft"
PAGE_COLOUR = (255, 255, 255, 255)
EDGE_COLOUR = (60, 90, 140, 255)
FOLD_COLOUR = (214, 224, 240, 255)
LINE_COLOUR = (150, 165, 190, 255)


def draft_icon(app: Image.Image, size: int = 256) -> Image.Image:
    """A white page with a folded corner, a few text lines, and the application icon in its lower right."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = size * 0.16, size * 0.04, size * 0.84, size * 0.96
    fold = size * 0.2
    edge = max(1, round(size / 40))
    draw.polygon([(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
                 fill=PAGE_COLOUR, outline=EDGE_COLOUR, width=edge)
    draw.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)],
                 fill=FOLD_COLOUR, outline=EDGE_COLOUR, width=edge)
    if size >= 32:
        for row in range(4):
            y = top + fold * 1.4 + row * size * 0.08
            draw.line([(left + size * 0.08, y), (right - size * 0.1 - (fold if row == 0 else 0), y)],
                      fill=LINE_COLOUR, width=max(1, round(size / 50)))
    mark = round(size * 0.5)
    badge = app.resize((mark, mark), Image.Resampling.LANCZOS)
    image.alpha_composite(badge, (size - mark, size - mark))
    return image


def main() -> int:
    """Write every icon; returns 0."""
    if not SOURCE.is_file():
        print(f"missing {SOURCE}", file=sys.stderr)
        return 1
    app = Image.open(SOURCE).convert("RGBA")
    if app.size != (256, 256):
        app = app.resize((256, 256), Image.Resampling.LANCZOS)
    draft = draft_icon(app)
    OUT.mkdir(parents=True, exist_ok=True)
    app.save(OUT / "baocao.ico", sizes=[(s, s) for s in ICO_SIZES])
    draft.save(OUT / "baocao-draft.ico", sizes=[(s, s) for s in ICO_SIZES])
    for size in HICOLOR_SIZES:
        for kind, name, image in (("apps", APP_ICON_NAME, app), ("mimetypes", DRAFT_ICON_NAME, draft_icon(app, size))):
            folder = OUT / "hicolor" / f"{size}x{size}" / kind
            folder.mkdir(parents=True, exist_ok=True)
            picture = image if image.size == (size, size) else image.resize((size, size), Image.Resampling.LANCZOS)
            picture.save(folder / f"{name}.png", optimize=True)
    print(f"wrote the icons in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
