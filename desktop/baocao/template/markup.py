"""The block markup that section templates produce, and its parser.

A template's output is a small XML vocabulary (documented for maintainers in
templates/README.md):

=====================  ========================================================
``<p>…</p>``            a paragraph; ``align="center|left|right|justify"``,
                        ``indent="0"`` for no first-line indent
``<li>…</li>``          an item "- …"; ``level="2"`` gives "+ …"
``<np>…</np>``          a numbered paragraph "1. …" (numbered in order within its section)
``<br/>``               a forced line break inside a paragraph
``<b>``, ``<i>``        bold, italic (may nest)
``<fn>…</fn>``          a footnote at this point; its text inline, or several
                        ``<p>`` for a note of several paragraphs; ``key="x"``
                        names it so ``<fnref key="x"/>`` can cite it again
``<table id="…"/>``     a table of the pack, filled from the draft
``<pagebreak/>``        a new page
=====================  ========================================================

Whitespace is folded as in HTML, so templates can be indented freely.  Text
from the draft is escaped by Jinja's autoescape before it reaches this parser,
so a drafter cannot produce a tag.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..docmodel import Block, FootnoteRef, Inline, PageBreak, Paragraph, Table, Text
from ..errors import Location, TemplateError
from ..text import clean_text

if TYPE_CHECKING:                 # the parser is loaded by parse_blocks: a report on the default template needs none
    import xml.etree.ElementTree as ET

_WS = re.compile(r"\s+")
ALIGNS = ("justify", "left", "center", "right")
BLOCK_TAGS = ("p", "li", "np", "table", "pagebreak")
INLINE_TAGS = ("b", "i", "fn", "fnref", "br")
_SPACED_BREAK = re.compile(r" *\n *")


class FootnoteSink(Protocol):
    """Numbers footnotes in document order (implemented by the renderer)."""

    def add(self, paragraphs: list[list[Text]], key: str | None) -> int:
        """Register a new note and return its number."""

    def cite(self, key: str) -> int | None:
        """The number of the note named *key*, or None when there is none yet."""


@dataclass
class MarkupContext:
    """What the parser needs from the renderer."""

    notes: FootnoteSink
    table: Callable[[str], Table]
    source: str            # template name, for messages
    section: str | None = None


def _fail(ctx: MarkupContext, message: str, hint: str = "", line: int | None = None) -> TemplateError:
    return TemplateError(f"Mẫu «{ctx.source}» sinh ra nội dung không hợp lệ: {message}.",
                         hint or "Xem danh sách thẻ được dùng trong templates/README.md.",
                         Location(file=ctx.source, section=ctx.section, line=line))


def collapse_whitespace(value: str) -> str:
    """Every run of whitespace as one space, ends included: ``_WS.sub(" ", value)``, ~4× faster.

    ``str.split()`` and the regex ``\\s`` know the same whitespace (``str.isspace``); joining
    the words is much cheaper than a substitution at every space of a long paragraph.
    """
    words = value.split()
    if not words:
        return " " if value else ""
    out = " ".join(words)
    if value[0].isspace():
        out = " " + out
    if value[-1].isspace():
        out += " "
    return out


def _text(value: str | None, bold: bool, italic: bool) -> list[Inline]:
    if not value:
        return []
    value = collapse_whitespace(clean_text(value))
    return [Text(value, bold, italic)] if value else []


def _normalise(inlines: list[Inline]) -> list[Inline]:
    """Merge neighbouring runs with equal formatting; trim outer spaces; drop empty runs."""
    merged: list[Inline] = []
    for item in inlines:
        last = merged[-1] if merged else None
        if (isinstance(item, Text) and isinstance(last, Text)
                and last.bold == item.bold and last.italic == item.italic):
            joined = last.text + item.text
            if "  " in joined:
                joined = joined.replace("  ", " ")
            if "\n" in joined:                   # the pattern needs a line break: skip the scan without one
                joined = _SPACED_BREAK.sub("\n", joined)
            merged[-1] = Text(joined, last.bold, last.italic)
        else:
            merged.append(item)
    while merged and isinstance(merged[0], Text) and not merged[0].text.strip():
        merged.pop(0)
    while merged and isinstance(merged[-1], Text) and not merged[-1].text.strip():
        merged.pop()
    if merged and isinstance(merged[0], Text):
        merged[0] = Text(merged[0].text.lstrip(), merged[0].bold, merged[0].italic)
    if merged and isinstance(merged[-1], Text):
        merged[-1] = Text(merged[-1].text.rstrip(), merged[-1].bold, merged[-1].italic)
    return merged


def _runs_only(inlines: list[Inline]) -> list[Text]:
    return [i for i in inlines if isinstance(i, Text)]


def _parse_note(element: ET.Element, ctx: MarkupContext) -> int:
    paragraphs: list[list[Text]] = []
    if any(child.tag == "p" for child in element):
        if (element.text or "").strip():
            paragraphs.append(_runs_only(_normalise(_text(element.text, False, False))))
        for child in element:
            if child.tag != "p":
                raise _fail(ctx, f"trong <fn> có nhiều đoạn thì chỉ dùng <p>, gặp <{child.tag}>")
            paragraphs.append(_runs_only(_normalise(_inlines(child, ctx, False, False, in_note=True))))
            if (child.tail or "").strip():
                paragraphs.append(_runs_only(_normalise(_text(child.tail, False, False))))
    else:
        paragraphs.append(_runs_only(_normalise(_inlines(element, ctx, False, False, in_note=True))))
    paragraphs = [p for p in paragraphs if p] or [[Text("")]]
    return ctx.notes.add(paragraphs, element.get("key"))


def _inlines(element: ET.Element, ctx: MarkupContext, bold: bool, italic: bool, in_note: bool = False) -> list[Inline]:
    """Inline content of *element* (its text, children and their tails)."""
    out: list[Inline] = _text(element.text, bold, italic)
    for child in element:
        tag = child.tag
        if tag == "b":
            out.extend(_inlines(child, ctx, True, italic, in_note))
        elif tag == "i":
            out.extend(_inlines(child, ctx, bold, True, in_note))
        elif tag == "br":
            out.append(Text("\n", bold, italic))
        elif tag in ("fn", "fnref") and in_note:
            raise _fail(ctx, "chú thích không được lồng trong chú thích")
        elif tag == "fn":
            out.append(FootnoteRef(_parse_note(child, ctx)))
        elif tag == "fnref":
            key = child.get("key", "")
            number = ctx.notes.cite(key)
            if number is None:
                raise _fail(ctx, f"<fnref key=\"{key}\"/> nhắc tới chú thích chưa có",
                            "Chú thích được nhắc lại phải có <fn key=\"…\"> đứng trước.")
            out.append(FootnoteRef(number))
        elif tag in BLOCK_TAGS:
            raise _fail(ctx, f"thẻ khối <{tag}> nằm trong một đoạn văn",
                        "Đóng đoạn văn (</p>, </li> hoặc </np>) trước khi mở đoạn mới.")
        else:
            raise _fail(ctx, f"thẻ <{tag}> không được hỗ trợ")
        out.extend(_text(child.tail, bold, italic))
    return out


def _block(element: ET.Element, ctx: MarkupContext, section_id: str | None) -> Block:
    tag = element.tag
    if tag == "p":
        align = element.get("align", "justify")
        if align not in ALIGNS:
            raise _fail(ctx, f"align=\"{align}\" không hợp lệ (dùng {', '.join(ALIGNS)})")
        return Paragraph(_normalise(_inlines(element, ctx, False, False)), None, align,  # type: ignore[arg-type]
                         element.get("indent", "1") != "0", section_id)
    if tag == "li":
        level = element.get("level", "1")
        if level not in ("1", "2"):
            raise _fail(ctx, f"<li level=\"{level}\"> không hợp lệ (dùng 1 hoặc 2)")
        return Paragraph(_normalise(_inlines(element, ctx, False, False)), "-" if level == "1" else "+",
                         "justify", True, section_id)
    if tag == "np":
        return Paragraph(_normalise(_inlines(element, ctx, False, False)), None, "justify", True, section_id,
                         numbered=True)
    if tag == "table":
        table_id = element.get("id", "")
        try:
            table = ctx.table(table_id)
        except KeyError as exc:
            raise _fail(ctx, f"<table id=\"{table_id}\"/> nhắc tới bảng không có trong manifest.toml") from exc
        table.section_id = section_id
        return table
    if tag == "pagebreak":
        return PageBreak()
    if tag in INLINE_TAGS:
        raise _fail(ctx, f"thẻ <{tag}> phải nằm trong <p>, <li> hoặc <np>")
    raise _fail(ctx, f"thẻ <{tag}> không được hỗ trợ")


def parse_blocks(markup: str, ctx: MarkupContext, section_id: str | None = None) -> list[Block]:
    """Parse template output into document blocks, numbering footnotes through ``ctx.notes``."""
    import xml.etree.ElementTree as ET

    markup = clean_text(markup)  # control characters/lone surrogates from any source never reach the parser
    try:
        root = ET.fromstring(f"<doc>{markup}</doc>")
    except ET.ParseError as exc:
        line = exc.position[0] if hasattr(exc, "position") else None
        snippet = markup.splitlines()[line - 1].strip()[:80] if line and line <= len(markup.splitlines()) else ""
        raise _fail(ctx, f"sai cú pháp thẻ ({exc.msg if hasattr(exc, 'msg') else exc})",
                    f"Dòng kết quả bị lỗi: «{snippet}». Kiểm tra các thẻ mở/đóng và dùng &amp; thay cho & trong mẫu.",
                    line) from exc
    if (root.text or "").strip():
        raise _fail(ctx, f"có chữ nằm ngoài đoạn văn: «{root.text.strip()[:60]}»",
                    "Đặt mọi đoạn chữ của mẫu trong <p>…</p> hoặc <li>…</li>.")
    blocks: list[Block] = []
    for element in root:
        blocks.append(_block(element, ctx, section_id))
        if (element.tail or "").strip():
            raise _fail(ctx, f"có chữ nằm ngoài đoạn văn: «{element.tail.strip()[:60]}»",
                        "Đặt mọi đoạn chữ của mẫu trong <p>…</p> hoặc <li>…</li>.")
    return [b for b in blocks if not (isinstance(b, Paragraph) and not b.inlines)]
