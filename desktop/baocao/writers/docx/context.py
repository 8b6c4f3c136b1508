"""What the block builders share while one document is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...docmodel import PageSetup
from .footnotes import FootnoteRegistry
from .layout import text_width_mm
from .numbering import HeadingNumbering
from .ooxml import mm_to_twips
from .stylesheet import StyleSheet


@dataclass
class BuildContext:
    """Per-export state: page setup, footnotes, styles, heading numbering and the text width."""

    page: PageSetup
    footnotes: FootnoteRegistry
    sheet: StyleSheet
    heading_styles: dict[tuple[str, str], str] = field(default_factory=dict)
    landscape: bool = False
    numbering: HeadingNumbering = field(default_factory=HeadingNumbering)

    @property
    def text_width_twips(self) -> int:
        """Width between the margins of the current section's page."""
        return mm_to_twips(text_width_mm(self.page, self.landscape))
