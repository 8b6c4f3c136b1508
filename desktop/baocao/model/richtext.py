"""The drafter's body text: paragraphs, "- "/"+ " items, bold/italic, footnotes.

Stored as data, not as markup, so nothing a drafter types can break a template:
the template layer escapes every character when it emits this content.  A
footnote lives where it is referenced (``Note`` inside a paragraph), so its
number always follows document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, Union

from ..text import clean_text

ParaKind = Literal["text", "dash", "plus", "number"]
#: "number": a numbered paragraph ("1." … on long task paragraphs), numbered in order by the renderer.
PARA_KINDS: tuple[ParaKind, ...] = ("text", "dash", "plus", "number")


@dataclass(slots=True)
class Span:
    """A run of the drafter's text."""

    text: str
    bold: bool = False
    italic: bool = False
    #: ids of the reviewers' comments covering this text (``baocao.review``): the anchor lives in the
    #: text, so it follows the words through every edit, undo and import.
    comments: tuple[str, ...] = ()


@dataclass(slots=True)
class Note:
    """A footnote written by the drafter: one or more paragraphs of spans."""

    paragraphs: list[list[Span | Cite]] = field(default_factory=list)  # a Cite: see below

    @classmethod
    def of(cls, text: str) -> "Note":
        """A note of plain text; blank lines separate paragraphs."""
        paras = [p.strip() for p in clean_text(text).split("\n") if p.strip()]
        return cls([[Span(p)] for p in paras] or [[Span("")]])

    def plain_text(self) -> str:
        """The note's text, paragraphs joined with newlines."""
        return "\n".join("".join(s.text for s in para if isinstance(s, Span)) for para in self.paragraphs)


@dataclass(slots=True)
class Cite:
    """A citation of a document of the register (``baocao.register``, ``draft.extras["van-ban"]``), by id.

    Its words are computed when the report is rendered — full form at the first citation of the
    document in document order, short form after — so correcting the register corrects every
    citation.  It is allowed in paragraphs and in footnotes; like a footnote marker it is one
    object character in the editor and in the checks' text.
    """

    doc_id: str

    @property
    def text(self) -> str:
        """The object character that stands for the citation where note text is measured (one character)."""
        return CITE_CHAR


#: What a citation counts as in note text (the editor's object-replacement character).
CITE_CHAR = "\ufffc"

Inline = Union[Span, Note, Cite]


@dataclass(slots=True)
class Para:
    """One paragraph of body text: prose (``text``) or an item (``dash`` / ``plus``)."""

    content: list[Inline] = field(default_factory=list)
    kind: ParaKind = "text"
    #: id of the department's contribution this paragraph was taken from (``baocao.contributions``), "" when
    #: written here; kept through edits of the paragraph, never rendered (the report carries no trace of it)
    origin: str = ""

    @classmethod
    def of(cls, text: str, kind: ParaKind = "text") -> "Para":
        """A paragraph of plain text."""
        return cls([Span(clean_text(text))], kind)

    def plain_text(self) -> str:
        """Text without notes."""
        return "".join(i.text for i in self.content if isinstance(i, Span))

    def notes(self) -> list[Note]:
        """The footnotes referenced in this paragraph, in order."""
        return [i for i in self.content if isinstance(i, Note)]

    def is_blank(self) -> bool:
        """True when the paragraph has no visible text, no note and no citation."""
        return not self.plain_text().strip() and not self.notes() and not any(
            isinstance(i, Cite) for i in self.content)


Body = list[Para]


def merge_spans(items: list[Inline]) -> list[Inline]:
    """Adjacent spans with the same formatting and comment marks merged, empty spans dropped (the canonical form)."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Span):
            if not item.text:
                continue
            last = out[-1] if out else None
            if isinstance(last, Span) and (last.bold, last.italic, last.comments) == (
                    item.bold, item.italic, item.comments):
                out[-1] = replace(last, text=last.text + item.text)
                continue
        out.append(item)
    return out


def body_from_plain_text(text: str) -> Body:
    """Turn pasted plain text into paragraphs: "- " / "+ " lines become items.

    Line breaks separate paragraphs; empty lines are dropped.
    """
    body: Body = []
    for raw in clean_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        kind: ParaKind = "text"
        for marker, marker_kind in (("- ", "dash"), ("+ ", "plus"), ("– ", "dash"), ("• ", "dash")):
            if line.startswith(marker):
                kind, line = marker_kind, line[len(marker):].strip()  # type: ignore[assignment]
                break
        body.append(Para([Span(line)], kind))
    return body


def body_plain_text(body: Body) -> str:
    """The body as plain text with "- "/"+ " markers (for search, diff and checks)."""
    lines = []
    for para in body:
        prefix = {"dash": "- ", "plus": "+ "}.get(para.kind, "")
        lines.append(prefix + para.plain_text())
    return "\n".join(lines)


def word_count(text: str) -> int:
    """Words as Word counts them: runs of characters between spaces that hold a letter or a digit."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def body_word_count(body: Body) -> int:
    """Words of the body's text and of its footnotes."""
    words = 0
    for para in body:
        words += word_count(para.plain_text())
        words += sum(word_count(note.plain_text()) for note in para.notes())
    return words


def body_is_empty(body: Body) -> bool:
    """True when no paragraph has any text or note."""
    return all(p.is_blank() for p in body)
