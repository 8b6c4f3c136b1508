"""Sections and page setup: page size, margins, page-number headers, appendix sections.

The main section shows the page number (PAGE field, centred in the top
margin) from page 2 on: ``titlePg`` with an empty first-page header.  Each
appendix is its own section on a new page, landscape when asked, with page
numbers restarting at 1 (and, like the report, not shown on its first page).
A landscape appendix keeps its binding margin on the bound edge of the sheet,
which is its top (see :func:`.layout.section_margins`).
"""

from __future__ import annotations

from ...docmodel import Appendix, PageSetup
from .layout import FOOTER_DISTANCE_MM, HEADER_DISTANCE_MM, section_margins
from .ooxml import ROOT_NS, XML_DECL, mm_to_twips, paragraph, run
from .style_ids import S

#: Relationship ids of the two header parts in ``document.xml.rels``.
HEADER_DEFAULT_RID = "rIdBcHeaderDefault"
HEADER_FIRST_RID = "rIdBcHeaderFirst"
HEADER_DEFAULT_PART = "word/header1.xml"
HEADER_FIRST_PART = "word/header2.xml"
#: Outline level (Word's 0 = level 1) of an appendix title: beside the report's top headings.
APPENDIX_OUTLINE = '<w:outlineLvl w:val="0"/>'
#: Whether an appendix hides the number of its own first page, as the report does.
APPENDIX_HIDES_FIRST_NUMBER = True

_PAGE_FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    "<w:r><w:t>2</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


def section_properties(page: PageSetup, landscape: bool = False, restart_numbering: bool = False,
                       hide_first_number: bool = True) -> str:
    """A ``w:sectPr`` (children in schema order)."""
    width, height = mm_to_twips(page.width_mm), mm_to_twips(page.height_mm)
    if landscape:
        width, height = max(width, height), min(width, height)
        size = f'<w:pgSz w:w="{width}" w:h="{height}" w:orient="landscape"/>'
    else:
        size = f'<w:pgSz w:w="{width}" w:h="{height}"/>'
    parts = [f'<w:sectPr><w:headerReference w:type="default" r:id="{HEADER_DEFAULT_RID}"/>']
    if hide_first_number:
        parts.append(f'<w:headerReference w:type="first" r:id="{HEADER_FIRST_RID}"/>')
    parts.append(size)
    margins = section_margins(page, landscape)
    top, right, bottom, left = (mm_to_twips(v) for v in (
        margins.top, margins.right, margins.bottom, margins.left))
    parts.append(
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
        f'w:header="{mm_to_twips(HEADER_DISTANCE_MM)}" w:footer="{mm_to_twips(FOOTER_DISTANCE_MM)}" '
        'w:gutter="0"/>'
    )
    if restart_numbering:
        parts.append('<w:pgNumType w:start="1"/>')
    parts.append('<w:cols w:space="720"/>')
    if hide_first_number:
        parts.append("<w:titlePg/>")
    parts.append('<w:docGrid w:linePitch="360"/></w:sectPr>')
    return "".join(parts)


def main_section(page: PageSetup) -> str:
    """Section properties of the report itself."""
    return section_properties(page)


def appendix_section(page: PageSetup, appendix: Appendix) -> str:
    """Section properties of one appendix."""
    return section_properties(page, landscape=appendix.orientation == "landscape",
                              restart_numbering=True, hide_first_number=APPENDIX_HIDES_FIRST_NUMBER)


def section_end(sect_pr: str) -> str:
    """The tiny paragraph that closes a section (its ``pPr`` carries the ``sectPr``)."""
    return f'<w:p><w:pPr><w:pStyle w:val="{S.HIDDEN_LINE}"/>{sect_pr}</w:pPr></w:p>'


def appendix_intro_xml(appendix: Appendix) -> str:
    """"Phụ lục 01", the title and the "(Kèm theo …)" line.

    The title (or the label when there is none) is at outline level 1, so the
    appendix shows in Word's navigation pane and in the PDF's bookmarks even
    when a pack's own reference styles lack the outline level.
    """
    outline = APPENDIX_OUTLINE
    parts = [paragraph(S.APPENDIX_LABEL, run(appendix.label), "" if appendix.title else outline)
             if appendix.label else "",
             paragraph(S.APPENDIX_TITLE, run(appendix.title), outline) if appendix.title else "",
             paragraph(S.APPENDIX_ATTACHED, run(appendix.attached_line)) if appendix.attached_line else ""]
    return "".join(parts)


def page_number_header() -> bytes:
    """``word/header1.xml``: the page number, centred."""
    return f"{XML_DECL}<w:hdr {ROOT_NS}>{paragraph(S.HEADER, _PAGE_FIELD)}</w:hdr>".encode()


def empty_header() -> bytes:
    """``word/header2.xml``: the first page shows no number."""
    return f"{XML_DECL}<w:hdr {ROOT_NS}>{paragraph(S.HEADER)}</w:hdr>".encode()
