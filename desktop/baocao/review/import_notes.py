"""Word comments placed inside a footnote of a reviewed .docx: found again in the draft's footnote.

A footnote paragraph of the file is matched to a draft footnote by its text
(the same after normalising, else the most similar one); the comment then
marks the same words in the same paragraph of that note (``Span.comments`` of
the note's spans), like a comment on body text.  baocao's own export puts such a
comment on the note's number with ``NOTE_PREFIX`` naming the words; that prefix
is read back here (``split_note_prefix``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.richtext import Body, Span
from .constants import NOTE_PREFIX
from .diff import similarity
from .docx_reader import ReadDocument, ReadParagraph
from .tokens import normalize

#: how similar a file footnote must be to a draft footnote to count as the same one, edited
NOTE_MATCH_RATIO = 0.6


@dataclass(frozen=True)
class NoteSpot:
    """Where a comment goes inside a draft footnote."""

    section: str
    paragraph: int          # the body paragraph that calls the note
    note: int               # the note's number among that paragraph's notes (0-based)
    note_paragraph: int
    start: int
    end: int


def _note_text(paras: list[ReadParagraph]) -> str:
    return normalize(" ".join(p.accepted for p in paras))


def _matching_note(bodies: dict[str, Body], wanted: str, old: str):
    best, score = None, NOTE_MATCH_RATIO
    for sid, body in bodies.items():
        for n, para in enumerate(body):
            for k, note in enumerate(para.notes()):
                text = normalize(note.plain_text())
                if text in (wanted, old):
                    return sid, n, k, note
                ratio = similarity(text, wanted)
                if ratio > score:
                    best, score = (sid, n, k, note), ratio
    return best


def _nearest(text: str, quote: str, offset: int) -> int | None:
    hits, at = [], text.find(quote)
    while at >= 0:
        hits.append(at)
        at = text.find(quote, at + 1)
    return min(hits, key=lambda h: abs(h - offset)) if hits else None


def note_spot(bodies: dict[str, Body], document: ReadDocument, para: ReadParagraph, start: int,
              end: int) -> NoteSpot | None:
    """The draft footnote text the file's comment on *para*[start:end] (a footnote paragraph) belongs to."""
    quote = para.accepted[start:end]
    if para.where != "footnote" or not quote.strip():
        return None
    paras = document.footnotes().get(para.footnote, [])
    old = normalize(" ".join(p.rejected for p in paras))
    found = _matching_note(bodies, _note_text(paras), old)
    if found is None:
        return None
    sid, n, k, note = found
    index = next((i for i, p in enumerate(paras) if p is para), 0)
    lead = len(para.accepted) - len(para.accepted.lstrip())          # the space Word puts after the number
    order = [index, *(i for i in range(len(note.paragraphs)) if i != index)]
    for number in order:
        if number >= len(note.paragraphs):
            continue
        text = "".join(s.text for s in note.paragraphs[number] if isinstance(s, Span))
        at = _nearest(text, quote, start - lead)
        if at is not None:
            return NoteSpot(sid, n, k, number, at, at + len(quote))
    return None


_PREFIX = re.compile("^" + re.escape(NOTE_PREFIX).replace(re.escape("{quote}"), "(?P<quote>.+?)"), re.DOTALL)


def split_note_prefix(text: str) -> tuple[str, str | None]:
    """A comment text from baocao's export on footnote words: (the comment itself, the quoted words) — or
    (*text*, None) when it carries no such prefix."""
    match = _PREFIX.match(text)
    if match is None:
        return text, None
    return text[match.end():], match.group("quote")


def quoted_note_spot(bodies: dict[str, Body], quote: str, section: str | None) -> NoteSpot | None:
    """The footnote words *quote* (from ``NOTE_PREFIX``), in *section*'s notes first, then anywhere."""
    order = [s for s in ([section] if section in bodies else [])] + [s for s in bodies if s != section]
    for sid in order:
        for n, para in enumerate(bodies[sid]):
            for k, note in enumerate(para.notes()):
                for number, note_para in enumerate(note.paragraphs):
                    text = "".join(s.text for s in note_para if isinstance(s, Span))
                    at = text.find(quote)
                    if at >= 0:
                        return NoteSpot(sid, n, k, number, at, at + len(quote))
    return None
