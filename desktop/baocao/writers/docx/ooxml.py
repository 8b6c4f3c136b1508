"""Low-level WordprocessingML helpers: escaping, units, runs and paragraphs as strings.

The body and the footnotes are built as XML *strings* (not python-docx objects)
because export speed matters: one ``str.join`` over pre-escaped fragments is
an order of magnitude faster than python-docx's per-paragraph style lookups.
Every piece of user text passes :func:`esc` (``clean_text`` then XML
escaping), so nothing a drafter typed can break the markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...text import clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Namespace declarations of a part root written by this package.
ROOT_NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

#: Twentieths of a point per millimetre / centimetre / point.
TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_CM = 1440 / 2.54
TWIPS_PER_PT = 20

_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def esc(value: str) -> str:
    """``clean_text`` *value* (NFC, no XML-invalid characters) and escape it for element text."""
    if not (value.isascii() and value.isprintable()):     # printable ASCII (a figure): nothing to clean
        value = clean_text(value)
    if "&" in value or "<" in value or ">" in value:
        for old, new in _ESCAPES:
            value = value.replace(old, new)
    return value


def esc_attr(value: str) -> str:
    """Like :func:`esc`, for an attribute value in double quotes (newlines folded)."""
    value = esc(value).replace('"', "&quot;")
    return value.replace("\n", " ").replace("\r", " ").replace("\t", " ")


def mm_to_twips(value: float) -> int:
    """Millimetres to twentieths of a point."""
    return round(value * TWIPS_PER_MM)


def cm_to_twips(value: float) -> int:
    """Centimetres to twentieths of a point."""
    return round(value * TWIPS_PER_CM)


def pt_to_twips(value: float) -> int:
    """Points to twentieths of a point."""
    return round(value * TWIPS_PER_PT)


def pt_to_half_points(value: float) -> int:
    """Points to half-points (the unit of ``w:sz``)."""
    return round(value * 2)


def text_content(value: str) -> str:
    """Run content for *value*: ``w:t`` pieces with ``w:br``/``w:tab`` for newlines and tabs.

    The value is cleaned and escaped here; the caller wraps the result in ``<w:r>``.
    """
    value = esc(value)
    if "\n" not in value and "\t" not in value and "\r" not in value:
        return f'<w:t xml:space="preserve">{value}</w:t>'
    parts: list[str] = []
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line_no, line in enumerate(lines):
        if line_no:
            parts.append("<w:br/>")
        for tab_no, piece in enumerate(line.split("\t")):
            if tab_no:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{piece}</w:t>')
    return "".join(parts)


def run_props(char_style: str | None = None, bold: bool = False, italic: bool = False) -> str:
    """A ``w:rPr`` with a character style and direct bold/italic, or ``""`` when empty."""
    if not (char_style or bold or italic):
        return ""
    parts = ["<w:rPr>"]
    if char_style:
        parts.append(f'<w:rStyle w:val="{char_style}"/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    parts.append("</w:rPr>")
    return "".join(parts)


def run(text: str, char_style: str | None = None, bold: bool = False, italic: bool = False) -> str:
    """One ``w:r`` holding *text* (cleaned and escaped)."""
    return f"<w:r>{run_props(char_style, bold, italic)}{text_content(text)}</w:r>"


def para_props(style: str, extra: str = "") -> str:
    """A ``w:pPr`` with a paragraph style id and already-ordered extra properties."""
    return f'<w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>'


def paragraph(style: str, content: str = "", extra_ppr: str = "") -> str:
    """A ``w:p`` with a paragraph style, optional ordered pPr extras and run content."""
    return f"<w:p>{para_props(style, extra_ppr)}{content}</w:p>"


def indent(left_twips: int | None = None, right_twips: int | None = None,
           first_line_twips: int | None = None) -> str:
    """A ``w:ind`` element with the given values (omitted ones are inherited)."""
    attrs = []
    if left_twips is not None:
        attrs.append(f'w:left="{max(left_twips, 0)}"')
    if right_twips is not None:
        attrs.append(f'w:right="{max(right_twips, 0)}"')
    if first_line_twips is not None:
        attrs.append(f'w:firstLine="{max(first_line_twips, 0)}"')
    return f"<w:ind {' '.join(attrs)}/>" if attrs else ""


def join(fragments: Iterable[str]) -> str:
    """Concatenate XML fragments."""
    return "".join(fragments)
