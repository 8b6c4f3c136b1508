"""Body blocks as WordprocessingML: headings, paragraphs, page breaks (tables in :mod:`.tables`).

Each kind of block has one builder; :data:`BLOCK_BUILDERS` maps the model
class to it, so adding a block kind is one entry, not another ``elif``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...docmodel import Block, FootnoteRef, Heading, Inline, PageBreak, Paragraph, Table, Text
from ...errors import ExportError
from .context import BuildContext
from .ooxml import esc, run
from .style_ids import ALIGN_VALUES, BULLET_STYLES, S, heading_layout, heading_style_for_level
from .tables import table_xml

_PAGE_BREAK = (f'<w:p><w:pPr><w:pStyle w:val="{S.HIDDEN_LINE}"/></w:pPr>'
               '<w:r><w:br w:type="page"/></w:r></w:p>')
_LINE_BREAK = "<w:r><w:br/></w:r>"
_TABLE_GAP = f'<w:p><w:pPr><w:pStyle w:val="{S.TABLE_GAP}"/></w:pPr></w:p>'
#: The gap under a table whose last rows keep with the paragraph after it (the chain goes through the gap).
_TABLE_GAP_KEPT = f'<w:p><w:pPr><w:pStyle w:val="{S.TABLE_GAP}"/><w:keepNext/></w:pPr></w:p>'


def inline_xml(inlines: Iterable[Inline], ctx: BuildContext, char_style: str | None = None) -> str:
    """Runs for text and footnote marks; *char_style* applies to the text runs."""
    parts: list[str] = []
    cite = ctx.footnotes.cite
    for item in inlines:
        if isinstance(item, Text):
            if item.text:
                parts.append(run(item.text, char_style, item.bold, item.italic))
        elif isinstance(item, FootnoteRef):
            parts.append(cite(item.number))
    return "".join(parts)


def paragraph_xml(block: Paragraph, ctx: BuildContext, style: str | None = None) -> str:
    """A body paragraph; a bullet item starts with its "- "/"+ " mark.

    *style* overrides the paragraph style (the last closing paragraph keeps
    with the signature block).
    """
    extra = ""
    if not block.indent:
        extra += '<w:ind w:firstLine="0"/>'
    if block.align != "justify":
        extra += f'<w:jc w:val="{ALIGN_VALUES.get(block.align, "both")}"/>'
    if block.bullet:
        style = style or BULLET_STYLES.get(block.bullet, S.BULLET_DASH)
        content = run(f"{block.bullet} ") + inline_xml(block.inlines, ctx)
    else:
        style = style or S.BODY
        content = inline_xml(block.inlines, ctx)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>{content}</w:p>'


def heading_xml(block: Heading, ctx: BuildContext) -> str:
    """A heading in its level's ``Heading N`` style; run-in text continues in body format."""
    heading_id = heading_style_for_level(block.level)
    style = ctx.heading_styles.get((heading_id, block.style), heading_id)
    layout = heading_layout(block.style)
    numpr = ctx.numbering.paragraph_numpr(block)
    if ctx.numbering.numbered(block):       # Word prints the label: the text is the title only
        content = run(block.title) if block.title else ""
    elif layout.title_on_new_line and block.label and block.title:
        content = run(block.label) + _LINE_BREAK + run(block.title, layout.title_char_style)
    else:
        content = run(block.display_text()) if block.display_text() else ""
    if block.inline:
        first = next((i for i in block.inline if isinstance(i, Text) and i.text), None)
        if content and first is not None and not first.text[:1].isspace() \
                and not block.display_text()[-1:].isspace():
            content += run(" ", S.RUN_IN)
        content += inline_xml(block.inline, ctx, S.RUN_IN)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numpr}</w:pPr>{content}</w:p>'


def page_break_xml(block: PageBreak, ctx: BuildContext) -> str:
    """A page break (a hidden-size paragraph holding ``w:br type=page``)."""
    return _PAGE_BREAK


BLOCK_BUILDERS: dict[type, Callable[[object, BuildContext], str]] = {
    Heading: heading_xml,
    Paragraph: paragraph_xml,
    Table: table_xml,
    PageBreak: page_break_xml,
}


def closing_xml(paragraphs: list[Paragraph], ctx: BuildContext) -> str:
    """The closing paragraphs; the last one stays on the page of the signature."""
    if not paragraphs:
        return ""
    *body, last = paragraphs
    return blocks_xml(body, ctx) + paragraph_xml(last, ctx, S.CLOSING_LAST)


def blocks_xml(blocks: Iterable[Block], ctx: BuildContext) -> str:
    """All *blocks* in order."""
    parts: list[str] = []
    builders = BLOCK_BUILDERS
    marks = ctx.marks
    blocks = list(blocks)
    for position, block in enumerate(blocks):
        kind = type(block)
        builder = builders.get(kind)
        if builder is None:
            raise ExportError(f"Không xuất được khối nội dung loại «{esc(kind.__name__)}».",
                              "Đây là lỗi của chương trình; hãy báo cho người phụ trách kỹ thuật.")
        if marks and id(block) in marks:          # a generated paragraph of an export for the round trip
            from .roundtrip import marked

            parts.append(marked(builder(block, ctx), marks[id(block)]))
            continue
        if kind is Table:
            # a note (or any paragraph) right under the table never goes to the next page alone
            follows = position + 1 < len(blocks) and type(blocks[position + 1]) is Paragraph
            parts.append(table_xml(block, ctx, keep_with_next=follows))
            parts.append(_TABLE_GAP_KEPT if follows else _TABLE_GAP)   # room below; keeps two tables apart
            continue
        parts.append(builder(block, ctx))
    return "".join(parts)
