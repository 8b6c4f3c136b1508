"""What the block builders share while one document is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...docmodel import PageSetup
from .footnotes import FootnoteRegistry
from .layout import text_width_mm
from .numbering import HeadingNumbering
from .ooxml import mm_to_twips
from .style_cache import StyleParts


@dataclass
class BuildContext:
    """Per-export state: page setup, footnotes, styles, heading numbering and the text width."""

    page: PageSetup
    footnotes: FootnoteRegistry
    sheet: StyleParts       # run formats of the styles (for measuring text)
    heading_styles: dict[tuple[str, str], str] = field(default_factory=dict)
    landscape: bool = False
    numbering: HeadingNumbering = field(default_factory=HeadingNumbering)
    #: id(Paragraph) → index of the generated paragraphs (``roundtrip.RoundTrip.marks``), None: no marks
    marks: dict[int, int] | None = None

    @property
    def text_width_twips(self) -> int:
        """Width between the margins of the current section's page."""
        return mm_to_twips(text_width_mm(self.page, self.landscape))
