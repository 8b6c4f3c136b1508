"""Serialize :mod:`.style_table` into ``word/styles.xml`` (used by ``make_reference``)."""

from __future__ import annotations

from .ooxml import ROOT_NS, XML_DECL, cm_to_twips, esc_attr, pt_to_half_points, pt_to_twips
from .style_table import STYLE_TABLE, Para, Run, StyleDef

#: Border of a rule (bottom) and of the draft-mark box: single line, ¾ pt.
_RULE_BORDER = '<w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/>'
_BOX_BORDER = "".join(
    f'<w:{side} w:val="single" w:sz="8" w:space="{space}" w:color="000000"/>'
    for side, space in (("top", 2), ("left", 4), ("bottom", 2), ("right", 4))
)
_BORDERS = {"bottom": _RULE_BORDER, "box": _BOX_BORDER}
_TABLE_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_CELL_MARGINS = ('<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                 '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')


def _on_off(tag: str, value: bool | None) -> str:
    if value is None:
        return ""
    return f"<w:{tag}/>" if value else f'<w:{tag} w:val="0"/>'


def para_xml(para: Para) -> str:
    """``w:pPr`` of a style, children in schema order."""
    parts = []
    if para.keep_next:
        parts.append("<w:keepNext/>")
    if para.keep_lines:
        parts.append("<w:keepLines/>")
    if para.widow_control:
        parts.append("<w:widowControl/>")
    if para.border:
        parts.append(f"<w:pBdr>{_BORDERS[para.border]}</w:pBdr>")
    spacing = []
    if para.before_pt is not None:
        spacing.append(f'w:before="{pt_to_twips(para.before_pt)}"')
    if para.after_pt is not None:
        spacing.append(f'w:after="{pt_to_twips(para.after_pt)}"')
    if para.line is not None:
        spacing.append(f'w:line="{round(para.line * 240)}" w:lineRule="auto"')
    if spacing:
        parts.append(f"<w:spacing {' '.join(spacing)}/>")
    ind = []
    if para.left_cm is not None:
        ind.append(f'w:left="{cm_to_twips(para.left_cm)}"')
    if para.first_line_cm is not None:
        ind.append(f'w:firstLine="{cm_to_twips(para.first_line_cm)}"')
    if ind:
        parts.append(f"<w:ind {' '.join(ind)}/>")
    if para.align:
        parts.append(f'<w:jc w:val="{para.align}"/>')
    if para.outline_level is not None:
        parts.append(f'<w:outlineLvl w:val="{para.outline_level}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def run_xml(run: Run) -> str:
    """``w:rPr`` of a style, children in schema order."""
    parts = [
        _on_off("b", run.bold), _on_off("bCs", run.bold),
        _on_off("i", run.italic), _on_off("iCs", run.italic),
        _on_off("caps", run.caps),
    ]
    if run.size_pt is not None:
        size = pt_to_half_points(run.size_pt)
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if run.superscript:
        parts.append('<w:vertAlign w:val="superscript"/>')
    body = "".join(parts)
    return f"<w:rPr>{body}</w:rPr>" if body else ""


def style_xml(style: StyleDef) -> str:
    """One ``w:style`` element."""
    default = ' w:default="1"' if style.is_default else ""
    parts = [f'<w:style w:type="{style.kind}"{default} w:styleId="{style.style_id}">',
             f'<w:name w:val="{esc_attr(style.name)}"/>']
    if style.based_on:
        parts.append(f'<w:basedOn w:val="{style.based_on}"/>')
    if style.next_style:
        parts.append(f'<w:next w:val="{style.next_style}"/>')
    if style.priority is not None:
        parts.append(f'<w:uiPriority w:val="{style.priority}"/>')
    if style.kind == "paragraph" and (style.priority is None or style.priority < 20):
        parts.append("<w:qFormat/>")
    if style.kind != "table":
        parts.append(para_xml(style.para) if style.kind == "paragraph" else "")
        parts.append(run_xml(style.run))
    else:
        borders = f"<w:tblBorders>{_TABLE_BORDERS}</w:tblBorders>" if style.table_borders else ""
        parts.append(f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{borders}{_CELL_MARGINS}</w:tblPr>')
    parts.append("</w:style>")
    return "".join(parts)


def doc_defaults_xml(font: str = "Times New Roman", size_pt: float = 14.0, language: str = "vi-VN") -> str:
    """``w:docDefaults``: the font, size and proofing language of every run."""
    font = esc_attr(font)
    size = pt_to_half_points(size_pt)
    return (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        f'<w:lang w:val="{esc_attr(language)}" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )


def styles_part(table: tuple[StyleDef, ...] = STYLE_TABLE) -> bytes:
    """The whole ``word/styles.xml``."""
    body = "".join(style_xml(style) for style in table)
    return f"{XML_DECL}<w:styles {ROOT_NS}>{doc_defaults_xml()}{body}</w:styles>".encode()
