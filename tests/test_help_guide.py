"""The F1 guide (resources/help/huong-dan.html): every contents link has its section; every menu it names exists."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parent.parent / "resources" / "help" / "huong-dan.html"


def test_every_contents_link_has_its_section():
    text = GUIDE.read_text(encoding="utf-8")
    links = set(re.findall(r'href="#([^"]+)"', text))
    anchors = set(re.findall(r'name="([^"]+)"', text))
    assert links and links <= anchors, links - anchors


def test_the_menus_the_guide_names_are_in_the_window(qtbot, tmp_path):
    from ui_support import make_window

    window = make_window(qtbot, tmp_path)
    titles = {action.text().replace("&", "") for action in window.menuBar().actions()}
    text = GUIDE.read_text(encoding="utf-8")
    for menu in ("Góp ý", "Đóng góp", "Tệp", "Báo cáo"):
        assert f"<b>{menu}" in text or f"{menu} →" in text or f"<b>{menu} →" in text
        assert menu in titles, titles
