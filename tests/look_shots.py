"""Screenshots of the finished window (run as a script, so the scale factor can be set before Qt starts).

``python tests/look_shots.py OUT_DIR [light|dark]`` with QT_SCALE_FACTOR set
for 125 %/150 %: the window at 1366×768 logical pixels with the sample, the
find panel open on "Dak Nong" (diacritics ignored), and the help window.
Dark: the Fusion style with a dark palette, as a dark system theme gives.
Prints one line per file written.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

DARK = {QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f1f", QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e8e8e8", QPalette.ColorRole.PlaceholderText: "#9a9a9a"}


def dark_palette() -> QPalette:
    """A dark palette like a dark system theme's."""
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    return palette


def main(out: Path, theme: str) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    if theme == "dark":
        app.setPalette(dark_palette())
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ui_support import sample_session

    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(AppSettings.at(Path(tmp) / "s.ini"))
        window.controller.set_session(sample_session(), ask_on_close=False)
        window.resize(1366, 768)
        window.show()
        for _ in range(5):
            app.processEvents()
        window.preview.refresh_now()
        scale = app.primaryScreen().devicePixelRatio()
        tag = f"{theme}-{int(round(scale * 100))}"
        window.select("kinh-te-xa-hoi")
        app.processEvents()
        shot = out / f"ui-cua-so-{tag}.png"
        window.grab().save(str(shot))
        print(shot)
        finder = window.finder
        finder.open(replace=True)
        finder.panel.marks.setChecked(True)
        finder.panel.query.setText("Dak Nong")
        finder.panel.replacement.setText("Lâm Đồng")
        finder.search()
        finder.panel.step(1)
        finder.panel.step(1)
        finder.panel.step(1)
        for _ in range(5):
            app.processEvents()
        shot = out / f"ui-tim-thay-the-{tag}.png"
        window.grab().save(str(shot))
        print(shot)
        window.help_actions.show_guide()
        for _ in range(5):
            app.processEvents()
        shot = out / f"ui-huong-dan-{tag}.png"
        window.help_actions.viewer.grab().save(str(shot))
        print(shot)
        window.controller.ask_on_close = False
        window.controller.discard_on_close = True
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "light")
