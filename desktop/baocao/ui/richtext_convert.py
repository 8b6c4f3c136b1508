"""QTextDocument ⇄ Body (list[Para]) conversion for the section editor.

How the draft's rich text lives in a ``QTextDocument``:

* one text block per paragraph; an item paragraph starts with its visible
  marker "- " (``dash``) or "+ " (``plus``), exactly as drafters type and paste
  it — the marker is the item kind, so there is no hidden state to get out of
  step with what is on screen;
* bold and italic are ordinary character formats;
* a footnote is one object-replacement character (U+FFFC) whose character
  format has object type ``NOTE_OBJECT_TYPE`` and carries the note's id and its
  content (JSON of the note's paragraphs of spans).  The marker is drawn as a
  superscript number by ``richtext_editor.NoteMarkerHandler``.

``document_to_body(body_to_document(b))`` returns ``b`` for every *canonical*
body (``canonical_body``: adjacent spans with the same formatting merged, empty
spans dropped; a prose paragraph whose text starts with "- "/"+ " is read back
as an item, the same rule as for pasted text).
"""

from __future__ import annotations

import json
import uuid

from PySide6.QtGui import QFont, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from ..model.richtext import Body, Inline, Note, Para, ParaKind, Span
from ..text import clean_text

OBJECT_CHAR = "\ufffc"
NOTE_OBJECT_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 1
NOTE_ID_PROPERTY = int(QTextFormat.Property.UserProperty) + 1
NOTE_DATA_PROPERTY = int(QTextFormat.Property.UserProperty) + 2
MARKERS: dict[str, str] = {"dash": "- ", "plus": "+ "}
_MARKER_KINDS: dict[str, ParaKind] = {"- ": "dash", "+ ": "plus"}
_PASTE_MARKERS = {"– ": "- ", "— ": "- ", "• ": "- ", "· ": "- "}
BOLD_WEIGHT = int(QFont.Weight.Bold)


# ---------------------------------------------------------------- spans and notes
def span_format(span: Span) -> QTextCharFormat:
    """A clean character format for *span* (only bold/italic set)."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(BOLD_WEIGHT if span.bold else int(QFont.Weight.Normal))
    fmt.setFontItalic(span.italic)
    return fmt


def plain_format(like: QTextCharFormat | None = None) -> QTextCharFormat:
    """A format for typed text: *like*'s bold/italic without any note properties."""
    fmt = QTextCharFormat()
    if like is not None:
        fmt.setFontWeight(BOLD_WEIGHT if is_bold(like) else int(QFont.Weight.Normal))
        fmt.setFontItalic(like.fontItalic())
    return fmt


def is_bold(fmt: QTextCharFormat) -> bool:
    """True when *fmt* is bold (semi-bold and heavier count)."""
    return fmt.fontWeight() >= int(QFont.Weight.DemiBold)


def note_to_json(note: Note) -> str:
    """A note's paragraphs as compact JSON (stored in the marker's format)."""
    return json.dumps([[[s.text, int(s.bold), int(s.italic)] for s in para] for para in note.paragraphs],
                      ensure_ascii=False, separators=(",", ":"))


def note_from_json(data: str) -> Note:
    """Read a note written by ``note_to_json`` (bad data gives an empty note)."""
    try:
        paras = json.loads(data or "[]")
        return Note([[Span(str(t), bool(b), bool(i)) for t, b, i in para] for para in paras] or [[Span("")]])
    except (ValueError, TypeError):
        return Note([[Span("")]])


def new_note_id() -> str:
    """A fresh id for a note marker (unique within the running program)."""
    return uuid.uuid4().hex[:12]


def note_format(note: Note, note_id: str | None = None) -> QTextCharFormat:
    """The character format of a note marker holding *note*."""
    fmt = QTextCharFormat()
    fmt.setObjectType(NOTE_OBJECT_TYPE)
    fmt.setProperty(NOTE_ID_PROPERTY, note_id or new_note_id())
    fmt.setProperty(NOTE_DATA_PROPERTY, note_to_json(note))
    return fmt


def is_note_format(fmt: QTextCharFormat) -> bool:
    """True for the format of a note marker."""
    return fmt.objectType() == NOTE_OBJECT_TYPE


def note_id_of(fmt: QTextCharFormat) -> str:
    """The note id stored in a marker format."""
    return str(fmt.property(NOTE_ID_PROPERTY) or "")


def note_of(fmt: QTextCharFormat) -> Note:
    """The note stored in a marker format."""
    return note_from_json(str(fmt.property(NOTE_DATA_PROPERTY) or ""))


# ---------------------------------------------------------------- canonical form
def merge_spans(items: list[Inline]) -> list[Inline]:
    """Merge adjacent spans with equal formatting and drop empty spans."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Span):
            if not item.text:
                continue
            last = out[-1] if out else None
            if isinstance(last, Span) and (last.bold, last.italic) == (item.bold, item.italic):
                out[-1] = Span(last.text + item.text, last.bold, last.italic)
                continue
            out.append(Span(item.text, item.bold, item.italic))
        else:
            out.append(Note([merge_spans(p) or [] for p in item.paragraphs]))  # type: ignore[misc]
    return out


def canonical_body(body: Body) -> Body:
    """*body* in the form the editor reads back (see the module docstring)."""
    out: Body = []
    for para in body:
        content = merge_spans(list(para.content))
        kind = para.kind
        if kind == "text" and content and isinstance(content[0], Span):
            for marker, marker_kind in _MARKER_KINDS.items():
                if content[0].text.startswith(marker):
                    kind = marker_kind
                    content = merge_spans([Span(content[0].text[len(marker):], content[0].bold, content[0].italic),
                                           *content[1:]])
                    break
        out.append(Para(content, kind))
    if len(out) == 1 and not out[0].content and out[0].kind == "text":
        return []
    return out


# ---------------------------------------------------------------- Body → document
def insert_inlines(cursor: QTextCursor, items: list[Inline]) -> None:
    """Insert spans and note markers at *cursor*."""
    for item in items:
        if isinstance(item, Note):
            cursor.insertText(OBJECT_CHAR, note_format(item))
        else:
            cursor.insertText(clean_text(item.text).replace("\n", " "), span_format(item))
    cursor.setCharFormat(plain_format(cursor.charFormat()))


def body_to_document(body: Body, doc: QTextDocument) -> None:
    """Replace *doc*'s content with *body* (one block per paragraph)."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.removeSelectedText()
    cursor.setCharFormat(QTextCharFormat())
    for index, para in enumerate(body):
        if index:
            cursor.insertBlock()
        marker = MARKERS.get(para.kind, "")
        if marker:
            cursor.insertText(marker, QTextCharFormat())
        insert_inlines(cursor, list(para.content))
    cursor.endEditBlock()


def note_paragraphs_to_document(note: Note, doc: QTextDocument) -> None:
    """Fill *doc* with a note's paragraphs (one block each) for the notes panel."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.removeSelectedText()
    for index, para in enumerate(note.paragraphs):
        if index:
            cursor.insertBlock()
        insert_inlines(cursor, [s for s in para if isinstance(s, Span)])
    cursor.endEditBlock()


# ---------------------------------------------------------------- document → Body
def block_inlines(block: QTextBlock) -> list[Inline]:
    """The spans and notes of one text block, in order (not yet merged)."""
    items: list[Inline] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            text = fragment.text()
            if is_note_format(fmt):
                for char in text:
                    if char == OBJECT_CHAR:
                        items.append(note_of(fmt))
            else:
                text = text.replace(OBJECT_CHAR, "").replace("\u2028", " ")
                items.append(Span(clean_text(text), is_bold(fmt), fmt.fontItalic()))
        it += 1
    return items


def block_to_para(block: QTextBlock) -> Para:
    """One block as a paragraph; a leading "- " / "+ " gives the item kind."""
    items = merge_spans(block_inlines(block))
    kind: ParaKind = "text"
    if items and isinstance(items[0], Span):
        head = items[0]
        for marker, marker_kind in _MARKER_KINDS.items():
            if head.text.startswith(marker):
                kind = marker_kind
                items = merge_spans([Span(head.text[len(marker):], head.bold, head.italic), *items[1:]])
                break
    return Para(items, kind)


def document_to_body(doc: QTextDocument) -> Body:
    """The whole document as a body; an empty document gives ``[]``."""
    body = []
    block = doc.firstBlock()
    while block.isValid():
        body.append(block_to_para(block))
        block = block.next()
    if len(body) == 1 and not body[0].content and body[0].kind == "text":
        return []
    return body


def document_to_note(doc: QTextDocument) -> Note:
    """The notes panel's document as a note (one paragraph per block)."""
    paras: list[list[Span]] = []
    block = doc.firstBlock()
    while block.isValid():
        paras.append([s for s in merge_spans(block_inlines(block)) if isinstance(s, Span)])
        block = block.next()
    while len(paras) > 1 and not paras[-1]:
        paras.pop()
    return Note(paras or [[Span("")]])


def document_notes(doc: QTextDocument) -> list[tuple[str, int, Note]]:
    """Every note marker of *doc* in order: (note id, position, note)."""
    found = []
    block = doc.firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fragment.isValid() and is_note_format(fmt):
                for offset, char in enumerate(fragment.text()):
                    if char == OBJECT_CHAR:
                        found.append((note_id_of(fmt), fragment.position() + offset, note_of(fmt)))
            it += 1
        block = block.next()
    return found


# ---------------------------------------------------------------- pasted text
def normalise_pasted_text(text: str) -> str:
    """Pasted plain text ready to insert: NFC, no junk characters, one paragraph per line.

    Empty lines are dropped and other bullet characters ("•", "–") become "- ",
    like ``baocao.model.richtext.body_from_plain_text``.
    """
    lines = []
    for raw in clean_text(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        for other, marker in _PASTE_MARKERS.items():
            if line.startswith(other):
                line = marker + line[len(other):].lstrip()
                break
        lines.append(line)
    return "\n".join(lines)
