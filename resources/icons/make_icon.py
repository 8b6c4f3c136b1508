"""Draw the application icon: ``python resources/icons/make_icon.py`` writes baocao.png beside this file.

The drawing itself is ``baocao.ui.icons.draw_app_icon`` (QPainter), so the
window can also draw it when the PNG is missing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    from baocao.ui.icons import draw_app_icon

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed for QPixmap
    target = Path(__file__).with_name("baocao.png")
    if not draw_app_icon(256).save(str(target)):
        print(f"could not write {target}", file=sys.stderr)
        return 1
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
