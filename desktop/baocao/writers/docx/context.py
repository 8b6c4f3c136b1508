"""What the block builders share while one document is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...docmodel import PageSetup
from .footnotes import FootnoteRegistry
from .ooxml import mm_to_twips
from .stylesheet import StyleSheet


@dataclass
class BuildContext:
    """Per-export state: page setup, footnote registry, styles and the current text width."""

    page: PageSetup
    footnotes: FootnoteRegistry
    sheet: StyleSheet
    heading_styles: dict[tuple[str, str], str] = field(default_factory=dict)
    landscape: bool = False

    @property
    def text_width_twips(self) -> int:
        """Width between the margins of the current section's page."""
        page = self.page
        width = page.height_mm if self.landscape else page.width_mm
        return mm_to_twips(width - page.margin_left_mm - page.margin_right_mm)
