"""A section shown by the default template (``{{ noi_dung }}``), straight from the drafter's body.  No Qt.

The general path writes the body as block markup (``context.body_markup``), renders the one-line
default template, cleans the markup and parses it back (``template.markup.parse_blocks``): for a
long report that round trip is most of a rendering.  :func:`body_blocks` gives the same blocks,
footnotes and output count from the body itself — the same text nodes the XML parser would see
(neighbouring plain runs and citations joined, each bold/italic run alone), through the same
``_text``/``_normalise`` steps.  Where cleaning the markup as a whole could read otherwise than
cleaning each text (a text that is not NFC, holds a character XML forbids or an invisible one, or
starts with a character that could join the one before it) it returns None and the caller takes
the general path, so the result is always exactly the general path's
(tests/test_render_direct_body.py compares the two on generated bodies).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from markupsafe import escape

from ..docmodel import Block, FootnoteRef, Inline, Paragraph, Text
from ..model.richtext import Body, Cite, Note
from ..register.usage import cite_text
from ..template.markup import _normalise, _runs_only, collapse_whitespace
from ..text import _ANY_JUNK

#: block tags per paragraph kind (their length counts in the output, as the markup's would)
_OPEN_CLOSE = {"dash": ("<li>", "</li>"), "plus": ('<li level="2">', "</li>"), "number": ("<np>", "</np>")}
_P = ("<p>", "</p>")
_BULLETS = {"dash": "-", "plus": "+"}
_FORMAT_TAGS = {(False, True): 7, (True, False): 7, (True, True): 14, (False, False): 0}   # <i></i>, <b></b>
_NOTE_TAGS = 9            # <fn></fn>
_NOTE_PARA_TAGS = 7       # <p></p> in a note of several paragraphs


class _Unsafe(Exception):
    """A text the general path might read otherwise: take it."""


def _stable(node: str) -> str:
    """*node* when cleaning it alone equals cleaning it inside the markup; else raises ``_Unsafe``."""
    if node:
        first = ord(node[0])
        if not (first < 0x300 or 0x1E00 <= first <= 0x1EFF or 0x2010 <= first <= 0x2027):
            raise _Unsafe
        if _ANY_JUNK.search(node) is not None or not unicodedata.is_normalized("NFC", node):
            raise _Unsafe
    return node


def _run(node: str, bold: bool, italic: bool) -> list[Inline]:
    """``markup._text(node, …)`` of a text node: ``clean_text`` leaves a ``_stable`` text as it is."""
    if not _stable(node):
        return []
    value = collapse_whitespace(node)
    return [Text(value, bold, italic)] if value else []


class _Walk:
    """One body's conversion: the output size and the notes to add, in order."""

    def __init__(self, first_note: int) -> None:
        self.size = 0
        self.next_note = first_note
        self.notes: list[list[list[Text]]] = []

    def runs(self, items: list[Any], in_note: bool) -> list[Inline]:
        """Inline content of a paragraph (or a note's paragraph): what ``_inlines`` gives for its markup."""
        out: list[Inline] = []
        plain: list[str] = []            # the current text node: plain runs and citations are one node
        for item in items:
            if isinstance(item, Note):
                self._flush(plain, out)
                out.append(FootnoteRef(self._note(item)))
                continue
            if isinstance(item, Cite):
                text = cite_text(item)
                bold = italic = False
            else:
                text, bold, italic = item.text, item.bold, item.italic
            self.size += len(escape(text))
            if not (bold or italic):
                plain.append(text)
                continue
            self._flush(plain, out)
            self.size += _FORMAT_TAGS[(bold, italic)]
            out.extend(_run(text, bold, italic))
        self._flush(plain, out)
        return out

    def _flush(self, plain: list[str], out: list[Inline]) -> None:
        if plain:
            out.extend(_run("".join(plain), False, False))
            plain.clear()

    def _note(self, note: Note) -> int:
        self.size += _NOTE_TAGS
        if len(note.paragraphs) > 1:
            paragraphs = []
            for para in note.paragraphs:
                self.size += _NOTE_PARA_TAGS
                paragraphs.append(_runs_only(_normalise(self.runs(para, True))))
        else:
            paragraphs = [_runs_only(_normalise(self.runs(note.paragraphs[0] if note.paragraphs else [], True)))]
        self.notes.append([p for p in paragraphs if p] or [[Text("")]])
        number = self.next_note
        self.next_note += 1
        return number


def body_blocks(body: Body, first_note: int, section_id: str | None) -> tuple[list[Block], list[list[list[Text]]], int] | None:
    """(blocks, the notes' paragraphs in order, markup length) of *body* under the default template, or None.

    The notes are numbered from *first_note*; the caller adds them to its footnotes in order (their
    numbers are then those in the blocks) and counts the length as the template's output.
    """
    walk = _Walk(first_note)
    blocks: list[Block] = []
    shown = 0
    try:
        for para in body:
            if para.is_blank():
                continue
            shown += 1
            opening, closing = _OPEN_CLOSE.get(para.kind, _P)
            walk.size += len(opening) + len(closing)
            inlines = _normalise(walk.runs(para.content, False))
            if para.kind == "number":
                blocks.append(Paragraph(inlines, None, "justify", True, section_id, numbered=True))
            else:
                blocks.append(Paragraph(inlines, _BULLETS.get(para.kind), "justify", True, section_id))
    except _Unsafe:
        return None
    size = walk.size + max(shown - 1, 0)                 # the markup joins the paragraphs with "\n"
    return [b for b in blocks if not (isinstance(b, Paragraph) and not b.inlines)], walk.notes, size
