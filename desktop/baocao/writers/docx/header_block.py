"""The header block (Thể thức): issuing body, number, national title, motto, date, title.

A borderless two-column table.  Left: the parent body (regular), the issuing
body (bold capitals) and a short rule, then "Số: …/BC-UBND" and the draft
mark in a box.  Right: the national title, the motto with a rule as long as
it, then the italic place and date.  Below the table: "BÁO CÁO", the summary
and a short rule.  Rules are narrow centred paragraphs with a bottom border
(style ``BCDuongKe``) whose indents the writer computes from the text width.
"""

from __future__ import annotations

from ...docmodel import HeaderInfo
from .context import BuildContext
from .layout import (CELL_PADDING, DRAFT_BOX_SLACK_PT, HEADER_COLUMNS, ISSUER_RULE_SHARE,
                     MOTTO_RULE_SHARE, SUMMARY_RULE_SHARE, centred_indent, layout_cell,
                     plain_table_props, split_width)
from .metrics import text_width_pt
from .ooxml import TWIPS_PER_PT, paragraph, run
from .style_ids import S


def _width_twips(ctx: BuildContext, style: str, lines: list[str]) -> float:
    """Printed width of the longest of *lines* in *style* (twips)."""
    fmt = ctx.sheet.run_format(style)
    widest = max((text_width_pt(line, fmt.size_pt, fmt.bold, fmt.caps) for line in lines), default=0.0)
    return widest * TWIPS_PER_PT


def _rule(inner: int, length: float, style: str = S.RULE) -> str:
    return paragraph(style, "", centred_indent(inner, min(length, inner)))


def _lines(style: str, lines: list[str]) -> str:
    return "".join(paragraph(style, run(line)) for line in lines)


def _left_top(info: HeaderInfo, ctx: BuildContext, inner: int) -> str:
    parent_count = max(min(info.parent_line_count, len(info.issuer_lines)), 0)
    parent = info.issuer_lines[:parent_count]
    issuer = info.issuer_lines[parent_count:] or parent
    parts = [_lines(S.PARENT_BODY, parent), _lines(S.ISSUER, info.issuer_lines[parent_count:])]
    if issuer:
        parts.append(_rule(inner, _width_twips(ctx, S.ISSUER, issuer) * ISSUER_RULE_SHARE))
    return "".join(parts) or paragraph(S.ISSUER)


def _right_top(info: HeaderInfo, ctx: BuildContext, inner: int) -> str:
    parts = [_lines(S.NATIONAL_TITLE, [info.national_title]), _lines(S.MOTTO, [info.motto])]
    if info.motto:
        parts.append(_rule(inner, _width_twips(ctx, S.MOTTO, [info.motto]) * MOTTO_RULE_SHARE))
    return "".join(parts)


def _draft_mark(info: HeaderInfo, ctx: BuildContext, inner: int) -> str:
    if not info.draft_mark:
        return ""
    width = _width_twips(ctx, S.DRAFT_MARK, [info.draft_mark]) + 2 * DRAFT_BOX_SLACK_PT * TWIPS_PER_PT
    return paragraph(S.DRAFT_MARK, run(info.draft_mark), centred_indent(inner, width))


def header_block_xml(info: HeaderInfo, ctx: BuildContext) -> str:
    """The header table, then the document type, the summary and its rule."""
    text_width = ctx.text_width_twips
    left, right = split_width(text_width, HEADER_COLUMNS)
    left_inner, right_inner = left - 2 * CELL_PADDING, right - 2 * CELL_PADDING
    row1 = (layout_cell(left, _left_top(info, ctx, left_inner))
            + layout_cell(right, _right_top(info, ctx, right_inner)))
    row2 = (layout_cell(left, paragraph(S.NUMBER, run(info.number_line))
                        + _draft_mark(info, ctx, left_inner))
            + layout_cell(right, paragraph(S.DATE_LINE, run(info.date_line))))
    table = (f"<w:tbl>{plain_table_props(S.TABLE_PLAIN, text_width)}"
             f'<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>'
             f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{row1}</w:tr>"
             f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{row2}</w:tr></w:tbl>")
    summary_lines = info.summary.splitlines() or [""]
    summary_width = min(_width_twips(ctx, S.SUMMARY, summary_lines), text_width)
    title = [paragraph(S.DOC_TYPE, run(info.doc_type)) if info.doc_type else ""]
    if info.summary:
        title.append(paragraph(S.SUMMARY, run(info.summary)))
    title.extend(paragraph(S.TITLE_LINE, run(line)) for line in info.title_lines)
    title.append(_rule(text_width, summary_width * SUMMARY_RULE_SHARE, S.SUMMARY_RULE))
    if info.addressees:
        title.append(_addressees(info))
    return (table if info.show_table else "") + "".join(title)


def _addressees(info: HeaderInfo) -> str:
    """"Kính gửi: …" — one entry on the line, several as "- …;" lines under the heading."""
    if len(info.addressees) == 1:
        return paragraph(S.ADDRESSEE, run(f"{info.addressee_heading} {info.addressees[0]}".strip()))
    lines = [info.addressee_heading] + [f"- {entry}" for entry in info.addressees]
    return paragraph(S.ADDRESSEE, run("\n".join(lines)))
