"""Data tables: grouped two-row headers repeated on every page, widths from the model.

Header cells merge with ``gridSpan`` (across) and ``vMerge`` (down) as
:meth:`baocao.docmodel.Table.header_rows` describes; numeric columns are
right-aligned; the total row uses the bold total style.  Borders come from the
``BCBang`` table style of the reference (single lines everywhere).

A table followed by a paragraph (an appendix table's «Ghi chú» line) keeps its
last :data:`KEEP_WITH_NOTE_ROWS` rows with it: their cell paragraphs carry
``w:keepNext``, which Word reads as "keep this row with what follows".
LibreOffice 7.4 does not honour it when it opens the .docx (nor its own table
"keep with next" for a table longer than a page): the note can still end up
alone there.
"""

from __future__ import annotations

from ...docmodel import Table
from .context import BuildContext
from .ooxml import mm_to_twips, text_content
from .style_ids import ALIGN_VALUES, S

_HEADER_TRPR = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
_BODY_TRPR = "<w:trPr><w:cantSplit/></w:trPr>"
_BODY_TR = f"<w:tr>{_BODY_TRPR}"
_KEEP_NEXT = "<w:keepNext/>"

#: Body rows at the end of a table kept on the page of the paragraph after it (never that paragraph alone).
KEEP_WITH_NOTE_ROWS = 2


def column_widths(table: Table, available: int) -> list[int]:
    """Column widths in twips: the model's ``width_mm``, shrunk to fit *available* if wider.

    Columns without a positive width share what is left (or an equal part).
    """
    widths = [mm_to_twips(c.width_mm) if c.width_mm and c.width_mm > 0 else 0 for c in table.columns]
    unknown = widths.count(0)
    if unknown:
        rest = max(available - sum(widths), 0)
        share = rest // unknown if rest >= 567 * unknown else available // max(len(widths), 1)
        widths = [w or share for w in widths]
    total = sum(widths)
    if total > available > 0:
        widths = [max(round(w * available / total), 1) for w in widths]
    return widths


def _cell(width: int, span: int, content: str, vmerge: str | None = None) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    merge = ""
    if vmerge == "restart":
        merge = '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        merge = "<w:vMerge/>"
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{merge}'
            f'<w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>')


def _cell_paragraph(style: str, text: str, align: str | None = None, keep_next: bool = False) -> str:
    keep = _KEEP_NEXT if keep_next else ""      # CT_PPr order: pStyle, keepNext, …, jc
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    body = f"<w:r>{text_content(text)}</w:r>" if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}{jc}</w:pPr>{body}</w:p>'


def _header_rows_xml(table: Table, widths: list[int], keep_next: bool = False) -> str:
    rows_xml: list[str] = []
    merging: dict[int, int] = {}          # first column of a running vertical merge → its span
    for cells in table.header_rows():
        column = 0
        parts: list[str] = []
        for text, span, row_span in cells:
            if column >= len(widths):
                break
            if span == 0:                 # covered by the merge started above
                span = merging.get(column, 1)
                width = sum(widths[column:column + span])
                parts.append(_cell(width, span, _cell_paragraph(S.TABLE_HEADER, "", keep_next=keep_next), "continue"))
                column += span
                continue
            span = min(span, len(widths) - column)
            width = sum(widths[column:column + span])
            vmerge = "restart" if row_span > 1 else None
            if vmerge:
                merging[column] = span
            parts.append(_cell(width, span, _cell_paragraph(S.TABLE_HEADER, text, keep_next=keep_next), vmerge))
            column += span
        rows_xml.append(f"<w:tr>{_HEADER_TRPR}{''.join(parts)}</w:tr>")
    return "".join(rows_xml)


def _cell_openings(widths: list[int], aligns: list[str | None], style: str,
                   keep_next: bool = False) -> list[str]:
    """Per column, what ``_cell(width, 1, _cell_paragraph(style, text, align, keep_next))`` writes before the text."""
    return [_cell(width, 1, _cell_paragraph(style, "", align, keep_next))[:-len(_CELL_END)]
            for width, align in zip(widths, aligns)]


_CELL_END = "</w:p></w:tc>"


def _body_row_xml(values: list[str], openings: list[str]) -> str:
    cells = [_BODY_TR]
    count = len(values)
    for index, opening in enumerate(openings):
        value = values[index] if index < count else ""
        text = value if isinstance(value, str) else str(value)
        cells.append(f"{opening}<w:r>{text_content(text)}</w:r>{_CELL_END}" if text else f"{opening}{_CELL_END}")
    cells.append("</w:tr>")
    return "".join(cells)


def table_xml(table: Table, ctx: BuildContext, keep_with_next: bool = False) -> str:
    """One ``w:tbl`` for *table* in the current section's width.

    *keep_with_next*: the last :data:`KEEP_WITH_NOTE_ROWS` body rows (total row
    included) stay on the page of the paragraph that follows the table.
    """
    widths = column_widths(table, ctx.text_width_twips)
    aligns: list[str | None] = [
        "right" if column.numeric else (None if column.align in ("left", "justify")
                                        else ALIGN_VALUES.get(column.align))
        for column in table.columns
    ]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    bold = set(table.subtotal_rows)        # group headings and "Cộng" rows look like the total row
    body = [(row, index in bold) for index, row in enumerate(table.rows)]
    if table.total_row is not None:
        body.append((table.total_row, True))
    kept = len(body) - KEEP_WITH_NOTE_ROWS if keep_with_next else len(body)
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{S.TABLE}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>',
        f"<w:tblGrid>{grid}</w:tblGrid>",
        _header_rows_xml(table, widths, keep_next=keep_with_next and kept <= 0),   # a short table: all of it
    ]
    plain = _cell_openings(widths, aligns, S.TABLE_CELL)
    total = _cell_openings(widths, aligns, S.TABLE_TOTAL)
    if kept < len(body):
        kept_plain = _cell_openings(widths, aligns, S.TABLE_CELL, keep_next=True)
        kept_total = _cell_openings(widths, aligns, S.TABLE_TOTAL, keep_next=True)
    for index, (row, is_bold) in enumerate(body):
        if index < kept:
            parts.append(_body_row_xml(row, total if is_bold else plain))
        else:
            parts.append(_body_row_xml(row, kept_total if is_bold else kept_plain))
    parts.append("</w:tbl>")
    return "".join(parts)
