"""Fixed layout of the Nghị định 30 blocks that styles cannot express, as data.

Column shares of the borderless header and signature tables, how long the
short rules are, and the distances of the page header.  Everything that is a
*style* (sizes, weights, alignment, spacing) lives in the reference .docx.
"""

from __future__ import annotations

from typing import NamedTuple

from ...docmodel import PageSetup
from .ooxml import indent

#: Header block: (left, right) share of the text width.  The right column must
#: hold "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line (≈ 88 mm at 12 pt).
HEADER_COLUMNS = (0.38, 0.62)
#: Signature block: "Nơi nhận" on the left, the authority and signer on the right.
SIGNATURE_COLUMNS = (0.45, 0.55)
#: Left/right padding inside the cells of both borderless tables (twips).
CELL_PADDING = 57
#: Rule under the issuing body: this share of its longest line (decree: 1/3 to 1/2).
ISSUER_RULE_SHARE = 0.4
#: Rule under the motto: as long as the motto.
MOTTO_RULE_SHARE = 1.0
#: Rule under the summary: this share of its longest line (decree: 1/3 to 1/2).
SUMMARY_RULE_SHARE = 1 / 3
#: Extra width around the draft mark inside its box (points, each side).
DRAFT_BOX_SLACK_PT = 3.0
#: Distance of the page-number header from the top edge (mm).
HEADER_DISTANCE_MM = 10.0
FOOTER_DISTANCE_MM = 10.0



class Margins(NamedTuple):  # NamedTuple: defined ~10× faster than a dataclass
    """Page margins of one section, in millimetres."""

    top: float
    right: float
    bottom: float
    left: float


def section_margins(page: PageSetup, landscape: bool = False) -> Margins:
    """The margins of a portrait page, or of a landscape appendix page.

    A landscape page is bound with the portrait pages along the same edge of
    the sheet; it is read by turning the report a quarter clockwise, so its
    top faces the spine.  The portrait margins therefore turn with the sheet:
    the binding margin (portrait left, 30 mm) becomes the top, portrait top
    the right, portrait right the bottom and portrait bottom the left.
    """
    values = [max(v, 0.0) for v in (page.margin_top_mm, page.margin_right_mm,
                                    page.margin_bottom_mm, page.margin_left_mm)]
    top, right, bottom, left = values
    if landscape:
        return Margins(top=left, right=top, bottom=right, left=bottom)
    return Margins(top=top, right=right, bottom=bottom, left=left)


def text_width_mm(page: PageSetup, landscape: bool = False) -> float:
    """Width between the side margins of a portrait or landscape page."""
    margins = section_margins(page, landscape)
    width = max(page.height_mm, page.width_mm) if landscape else page.width_mm
    return width - margins.left - margins.right


_NO_BORDERS = "".join(f'<w:{side} w:val="nil"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def plain_table_props(style: str, width: int) -> str:
    """``w:tblPr`` of a borderless layout table (header block, signature)."""
    return (f'<w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{width}" w:type="dxa"/>'
            '<w:jc w:val="center"/>'
            f"<w:tblBorders>{_NO_BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            f'<w:tblCellMar><w:left w:w="{CELL_PADDING}" w:type="dxa"/>'
            f'<w:right w:w="{CELL_PADDING}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>')


def split_width(total: int, shares: tuple[float, ...]) -> list[int]:
    """*total* twips split by *shares* (the last column takes the rounding)."""
    widths = [round(total * share) for share in shares[:-1]]
    widths.append(total - sum(widths))
    return widths


def layout_cell(width: int, content: str) -> str:
    """A ``w:tc`` of a layout table, top-aligned."""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def centred_indent(container_twips: int, content_twips: float) -> str:
    """``w:ind`` that centres a block *content_twips* wide in *container_twips* (no first line)."""
    side = max(int((container_twips - content_twips) / 2), 0)
    return indent(side, side, 0)
