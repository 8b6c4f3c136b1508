"""HTML writer: the live preview and ``baocao render --format html``.

Reads the same document model as the DOCX writer, so the preview never
disagrees with the exported file.  The HTML stays within what Qt's rich-text
engine (QTextBrowser) renders — tables with attributes, simple inline CSS — so
the same string serves the window and a browser.  Headings link to
``section:<id>`` so a click in the preview can take the drafter to the section.
"""

from __future__ import annotations

from html import escape

from ..docmodel import (
    Appendix, Block, Document, FootnoteRef, Heading, Inline, PageBreak, PageSetup, Paragraph, Table, Text,
)
from .docx.layout import HEADER_COLUMNS, ISSUER_RULE_SHARE, MOTTO_RULE_SHARE, SIGNATURE_COLUMNS, SUMMARY_RULE_SHARE
from .docx.style_ids import BULLET_STYLES, S, heading_layout
from .html_styles import paragraph_open, px, resolved, rule_percent, run_css, text_width_of

SECTION_LINK_PREFIX = "section:"
NOTE_LINK_PREFIX = "note:"
#: Anchor name on the first closing paragraph: the preview starts a chunk there (see ``ui/preview.py``).
CLOSING_ANCHOR = "ket-thuc"
#: Anchor name at the start of the signature block's first cell (also a chunk start).
SIGNATURE_ANCHOR = "chu-ky"
#: First line of the notes list (one note a line follows).
NOTES_TITLE_LINE = '<hr/><p style="font-size:12pt;"><b>Chú thích</b></p>'

_BASE_CSS = """
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 14pt; color: #000; }
p { margin-top: 0; margin-bottom: 0; }
a.h { color: #000; text-decoration: none; }
a.fn { color: #000; text-decoration: none; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid #000; padding: 2px 4px; }
"""


def _e(text: str) -> str:
    """Escaped text; a forced line break ("\\n") becomes ``<br/>``."""
    return escape(text, quote=True).replace("\n", "<br/>")


def _inlines(items: list[Inline]) -> str:
    out = []
    for item in items:
        if isinstance(item, FootnoteRef):
            out.append(f'<sup><a class="fn" href="{NOTE_LINK_PREFIX}{item.number}">{item.number}</a></sup>')
            continue
        text = _e(item.text)
        if item.italic:
            text = f"<i>{text}</i>"
        if item.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def _runs(runs: list[Text]) -> str:
    return _inlines(list(runs))


def _paragraph(para: Paragraph, page: PageSetup, style: str | None = None) -> str:
    style = style or (BULLET_STYLES.get(para.bullet, S.BULLET_DASH) if para.bullet else S.BODY)
    opening = paragraph_open(style, page, para.indent and para.align == "justify",
                             para.align if para.align != "justify" else None)
    bullet = f"{_e(para.bullet)} " if para.bullet else ""
    return f"{opening}{bullet}{_inlines(para.inlines)}</p>"


def _heading(heading: Heading, page: PageSetup) -> str:
    layout = heading_layout(heading.style)
    opening = paragraph_open(layout.style, page)
    anchor = f' name="{_e(heading.section_id)}"' if heading.section_id else ""
    href = f' href="{SECTION_LINK_PREFIX}{_e(heading.section_id)}"' if heading.section_id else ""
    if layout.title_on_new_line:
        inner = f"{_e(heading.label)}<br/>{_e(heading.title.upper())}"
        return f'{opening}<a class="h"{anchor}{href}>{inner}</a></p>'
    text = _e(heading.display_text())
    tail = f' <span style="{run_css(S.RUN_IN, page)}">{_inlines(heading.inline)}</span>' if heading.inline else ""
    return f'{opening}<a class="h"{anchor}{href}>{text}</a>{tail}</p>'


def _table(table: Table, page: PageSetup) -> str:
    head_css, cell_css, total_css = (run_css(x, page) for x in (S.TABLE_HEADER, S.TABLE_CELL, S.TABLE_TOTAL))
    rows = []
    for header_row in table.header_rows():
        cells = []
        for text, colspan, rowspan in header_row:
            if colspan == 0:
                continue
            span = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            cells.append(f'<th{span} align="center" style="{head_css}"><b>{_e(text)}</b></th>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    for row in table.rows:
        cells = [f'<td align="{c.align}" style="{cell_css}">{_e(v)}</td>' for c, v in zip(table.columns, row)]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if table.total_row:
        cells = [f'<td align="{c.align}" style="{total_css}"><b>{_e(v)}</b></td>'
                 for c, v in zip(table.columns, table.total_row)]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    widths = "".join(f'<col width="{int(c.width_mm * 4)}"/>' for c in table.columns)
    return (f'<table class="grid" border="1" cellspacing="0" cellpadding="3" width="100%">'
            f"{widths}{''.join(rows)}</table>")


def _blocks(blocks: list[Block], page: PageSetup) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(_heading(block, page))
        elif isinstance(block, Paragraph):
            out.append(_paragraph(block, page))
        elif isinstance(block, Table):
            out.append(_table(block, page))
        elif isinstance(block, PageBreak):
            out.append('<hr/>')
    return out


def _lines_html(style: str, lines: list[str], page: PageSetup) -> str:
    return f'{paragraph_open(style, page, False)}{"<br/>".join(_e(x) for x in lines)}</p>' if lines else ""


def _rule_html(style: str, lines: list[str], share: float, box_pt: float, page: PageSetup) -> str:
    gap = resolved(S.RULE, page)["before_pt"] or 0
    return (f'<hr width="{rule_percent(style, lines, share, box_pt, page)}%" '
            f'style="margin-top:{px(float(gap))}px; margin-bottom:0px;"/>')


def _header(doc: Document) -> str:
    h, page = doc.header, doc.page
    width = text_width_of(page)
    left_pt, right_pt = (width * share for share in HEADER_COLUMNS)
    parents = h.issuer_lines[:h.parent_line_count]
    issuer = h.issuer_lines[h.parent_line_count:] or parents
    left = _lines_html(S.PARENT_BODY, parents, page) + _lines_html(S.ISSUER, h.issuer_lines[h.parent_line_count:], page)
    if issuer:
        left += _rule_html(S.ISSUER, issuer, ISSUER_RULE_SHARE, left_pt, page)
    right = _lines_html(S.NATIONAL_TITLE, [h.national_title], page) + _lines_html(S.MOTTO, [h.motto], page)
    if h.motto:
        right += _rule_html(S.MOTTO, [h.motto], MOTTO_RULE_SHARE, right_pt, page)
    number = _lines_html(S.NUMBER, [h.number_line], page)
    if h.draft_mark:                        # under "Số: …" in the left column, boxed, as in the .docx
        number += (f'<table border="1" cellspacing="0" cellpadding="2" align="center" style="margin-top:'
                   f'{px(float(resolved(S.DRAFT_MARK, page)["before_pt"] or 0))}px;"><tr><td style="{run_css(S.DRAFT_MARK, page)}">'
                   f"{_e(h.draft_mark)}</td></tr></table>")
    date = _lines_html(S.DATE_LINE, [h.date_line], page)
    columns = "".join(f'<col width="{round(share * 100)}%"/>' for share in HEADER_COLUMNS)
    table = (f'<table width="100%" cellspacing="0" cellpadding="0">{columns}<tr>'
             f'<td width="{round(HEADER_COLUMNS[0] * 100)}%" align="center" valign="top">{left}</td>'
             f'<td width="{round(HEADER_COLUMNS[1] * 100)}%" align="center" valign="top">{right}</td></tr><tr>'
             f'<td align="center" valign="top">{number}</td><td align="center" valign="top">{date}</td></tr>'
             "</table>") if h.show_table else ""
    title = _lines_html(S.DOC_TYPE, [h.doc_type], page) if h.doc_type else ""
    summary_lines = h.summary.splitlines() or [""]
    if h.summary:
        title += _lines_html(S.SUMMARY, summary_lines, page)
    title += "".join(_lines_html(S.TITLE_LINE, [line], page) for line in h.title_lines)
    title += _rule_html(S.SUMMARY, summary_lines, SUMMARY_RULE_SHARE, width, page)
    addressees = ""
    opening = paragraph_open(S.ADDRESSEE, page, False)
    if len(h.addressees) == 1:
        addressees = f"{opening}{_e(h.addressee_heading)} {_e(h.addressees[0])}</p>"
    elif h.addressees:
        items = "".join(f"<br/>- {_e(a)}" for a in h.addressees)
        addressees = f"{opening}{_e(h.addressee_heading)}{items}</p>"
    return f"{table}{title}{addressees}"


def _signature(doc: Document) -> str:
    if not (doc.show_signature or doc.show_recipients):
        return ""
    page = doc.page
    entries = "<br/>".join(f"- {_e(e)}" for e in doc.recipients.entries)
    left = (f"{paragraph_open(S.RECIPIENTS_HEADING, page, False)}{_e(doc.recipients.heading)}</p>"
            f"{paragraph_open(S.RECIPIENT, page, False)}{entries}</p>")
    right = (_lines_html(S.AUTHORITY, doc.signature.authority_lines, page)
             + f"{paragraph_open(S.SIGNER, page, False)}{_e(doc.signature.name)}</p>")
    left = left if doc.show_recipients else ""
    right = right if doc.show_signature else ""
    mark = f'<a name="{SIGNATURE_ANCHOR}"></a>'       # the preview starts a chunk at the signature block
    if left:
        left = mark + left
    else:
        right = mark + right
    first, second = (round(share * 100) for share in SIGNATURE_COLUMNS)
    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:16px;"><tr>'
            f'<td width="{first}%" valign="top" align="left">{left}</td>'
            f'<td width="{second}%" valign="top" align="center">{right}</td></tr></table>')


def _appendix(appendix: Appendix, page: PageSetup) -> str:
    head = ("<hr/>" + _lines_html(S.APPENDIX_LABEL, [appendix.label], page)
            + _lines_html(S.APPENDIX_TITLE, [appendix.title], page)
            + _lines_html(S.APPENDIX_ATTACHED, [appendix.attached_line], page))
    return head + "".join(_blocks(appendix.blocks, page))


def _footnotes(doc: Document) -> str:
    if not doc.footnotes:
        return ""
    items = []
    for note in doc.footnotes:
        paras = "<br/>".join(_runs(p) for p in note.paragraphs)
        items.append(f'{paragraph_open(S.FOOTNOTE_TEXT, doc.page)}<a name="note-{note.number}"></a>'
                     f"<sup>{note.number}</sup> {paras}</p>")
    return "\n".join([NOTES_TITLE_LINE, *items])   # one note a line


def document_to_html(doc: Document, standalone: bool = True) -> str:
    """The whole document as HTML (a full page when *standalone*, else the body fragment)."""
    page = doc.page
    closing = [_paragraph(p, page, S.CLOSING_LAST if i == len(doc.closing) - 1 else S.BODY)
               for i, p in enumerate(doc.closing)]
    if closing:
        closing[0] = closing[0].replace(">", f'><a name="{CLOSING_ANCHOR}"></a>', 1)
    parts = [_header(doc), *_blocks(doc.body, page), *closing,
             _signature(doc), *(_appendix(a, page) for a in doc.appendices), _footnotes(doc)]
    body = "\n".join(parts)
    if not standalone:
        return body
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"/>'
            f"<title>{_e(doc.header.doc_type)} - {_e(doc.header.summary)}</title>"
            f"<style>{_BASE_CSS}</style></head><body>\n{body}\n</body></html>\n")
