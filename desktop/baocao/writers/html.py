"""HTML writer: the live preview and ``baocao render --format html``.

Reads the same document model as the DOCX writer, so the preview never
disagrees with the exported file.  The HTML stays within what Qt's rich-text
engine (QTextBrowser) renders — tables with attributes, simple inline CSS — so
the same string serves the window and a browser.  Headings link to
``section:<id>`` so a click in the preview can take the drafter to the section.
"""

from __future__ import annotations

from html import escape

from ..docmodel import Appendix, Block, Document, FootnoteRef, Heading, Inline, PageBreak, Paragraph, Table, Text

SECTION_LINK_PREFIX = "section:"
NOTE_LINK_PREFIX = "note:"

#: Heading look per numbering style (weight, case, alignment) — the Decree 30 rules.
HEADING_CSS = {
    "phan": "font-weight:bold; text-align:center;",
    "la-ma": "font-weight:bold;",
    "so": "font-weight:bold;",
    "chu-ngoac": "font-weight:normal;",
    "chu-cham": "font-weight:normal;",
}
_BASE_CSS = """
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 14pt; color: #000; }
p { margin-top: 0; margin-bottom: 6pt; }
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


def _paragraph(para: Paragraph, indent_cm: float) -> str:
    style = [f"text-align:{para.align};"]
    if para.indent and para.align == "justify":
        style.append(f"text-indent:{indent_cm}cm;")
    bullet = f"{_e(para.bullet)} " if para.bullet else ""
    return f'<p style="{"".join(style)}">{bullet}{_inlines(para.inlines)}</p>'


def _heading(heading: Heading, indent_cm: float) -> str:
    css = HEADING_CSS.get(heading.style, "font-weight:bold;")
    anchor = f' name="{_e(heading.section_id)}"' if heading.section_id else ""
    href = f' href="{SECTION_LINK_PREFIX}{_e(heading.section_id)}"' if heading.section_id else ""
    if heading.style == "phan":
        inner = f"{_e(heading.label)}<br/>{_e(heading.title.upper())}"
        return f'<p style="{css}"><a class="h"{anchor}{href}>{inner}</a></p>'
    text = _e(heading.display_text())
    tail = f' <span style="font-weight:normal;">{_inlines(heading.inline)}</span>' if heading.inline else ""
    return (f'<p style="{css} text-align:justify; text-indent:{indent_cm}cm;">'
            f'<a class="h"{anchor}{href}>{text}</a>{tail}</p>')


def _table(table: Table) -> str:
    rows = []
    for header_row in table.header_rows():
        cells = []
        for text, colspan, rowspan in header_row:
            if colspan == 0:
                continue
            span = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            cells.append(f'<th{span} align="center"><b>{_e(text)}</b></th>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    for row in table.rows:
        cells = [f'<td align="{c.align}">{_e(v)}</td>' for c, v in zip(table.columns, row)]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if table.total_row:
        cells = [f'<td align="{c.align}"><b>{_e(v)}</b></td>' for c, v in zip(table.columns, table.total_row)]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    widths = "".join(f'<col width="{int(c.width_mm * 4)}"/>' for c in table.columns)
    return (f'<table class="grid" border="1" cellspacing="0" cellpadding="3" width="100%">'
            f"{widths}{''.join(rows)}</table>")


def _blocks(blocks: list[Block], indent_cm: float) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(_heading(block, indent_cm))
        elif isinstance(block, Paragraph):
            out.append(_paragraph(block, indent_cm))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, PageBreak):
            out.append('<hr/>')
    return out


def _header(doc: Document) -> str:
    h = doc.header
    left = []
    for i, line in enumerate(h.issuer_lines):
        weight = "normal" if i < h.parent_line_count else "bold"
        left.append(f'<span style="font-weight:{weight}; font-size:13pt;">{_e(line)}</span>')
    left_html = "<br/>".join(left) + '<br/>———<br/><span style="font-size:13pt;">' + _e(h.number_line) + "</span>"
    right_html = (f'<span style="font-weight:bold; font-size:12pt;">{_e(h.national_title)}</span><br/>'
                  f'<span style="font-weight:bold; font-size:13pt;"><u>{_e(h.motto)}</u></span><br/><br/>'
                  f'<i>{_e(h.date_line)}</i>')
    mark = (f'<p><span style="border:1px solid #000; font-weight:bold;">&nbsp;{_e(h.draft_mark)}&nbsp;</span></p>'
            if h.draft_mark else "")
    table = (f"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
             f'<td width="40%" align="center" valign="top">{left_html}</td>'
             f'<td width="60%" align="center" valign="top">{right_html}</td></tr></table>') if h.show_table else ""
    extra = "".join(f"<br/><i>{_e(line)}</i>" for line in h.title_lines)
    addressees = ""
    if len(h.addressees) == 1:
        addressees = f'<p style="text-align:center;">{_e(h.addressee_heading)} {_e(h.addressees[0])}</p>'
    elif h.addressees:
        items = "".join(f"<br/>- {_e(a)}" for a in h.addressees)
        addressees = f'<p style="text-align:center;">{_e(h.addressee_heading)}{items}</p>'
    return (f"{mark if h.show_table else ''}{table}"
            f'<p style="text-align:center; margin-top:18pt;"><b>{_e(h.doc_type)}</b><br/><b>{_e(h.summary)}</b>'
            f"{extra}<br/>———</p>{addressees}")


def _signature(doc: Document) -> str:
    if not (doc.show_signature or doc.show_recipients):
        return ""
    entries = "<br/>".join(f"- {_e(e)}" for e in doc.recipients.entries)
    left = (f'<b><i style="font-size:12pt;">{_e(doc.recipients.heading)}</i></b><br/>'
            f'<span style="font-size:11pt;">{entries}</span>')
    right = "<br/>".join(f"<b>{_e(line)}</b>" for line in doc.signature.authority_lines)
    right += f"<br/><br/><br/><br/><b>{_e(doc.signature.name)}</b>"
    left = left if doc.show_recipients else ""
    right = right if doc.show_signature else ""
    return (f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
            f'<td width="50%" valign="top" align="left">{left}</td>'
            f'<td width="50%" valign="top" align="center">{right}</td></tr></table>')


def _appendix(appendix: Appendix, indent_cm: float) -> str:
    head = (f'<hr/><p style="text-align:center;"><b>{_e(appendix.label)}</b><br/><b>{_e(appendix.title)}</b><br/>'
            f"<i>{_e(appendix.attached_line)}</i></p>")
    return head + "".join(_blocks(appendix.blocks, indent_cm))


def _footnotes(doc: Document) -> str:
    if not doc.footnotes:
        return ""
    items = []
    for note in doc.footnotes:
        paras = "<br/>".join(_runs(p) for p in note.paragraphs)
        items.append(f'<p style="font-size:11pt; margin-bottom:2pt;"><a name="note-{note.number}"></a>'
                     f"<sup>{note.number}</sup> {paras}</p>")
    return '<hr/><p style="font-size:11pt;"><b>Chú thích</b></p>' + "".join(items)


def document_to_html(doc: Document, standalone: bool = True) -> str:
    """The whole document as HTML (a full page when *standalone*, else the body fragment)."""
    indent = doc.page.first_line_indent_cm
    parts = [_header(doc), *_blocks(doc.body, indent), *(_paragraph(p, indent) for p in doc.closing),
             _signature(doc), *(_appendix(a, indent) for a in doc.appendices), _footnotes(doc)]
    body = "\n".join(parts)
    if not standalone:
        return body
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"/>'
            f"<title>{_e(doc.header.doc_type)} - {_e(doc.header.summary)}</title>"
            f"<style>{_BASE_CSS}</style></head><body>\n{body}\n</body></html>\n")
