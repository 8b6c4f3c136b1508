"""QTextDocument ⇄ Body (list[Para]) conversion for the section editor.

How the draft's rich text lives in a ``QTextDocument``:

* one text block per paragraph; an item paragraph starts with its visible
  marker "- " (``dash``) or "+ " (``plus``), exactly as drafters type and paste
  it — the marker is the item kind, so there is no hidden state to get out of
  step with what is on screen; a numbered paragraph (``number``) starts with
  "1. ", "2. " … (its place among the body's numbered paragraphs);
* bold and italic are ordinary character formats;
* a footnote is one object-replacement character (U+FFFC) whose character
  format has object type ``NOTE_OBJECT_TYPE`` and carries the note's id and its
  content (JSON of the note's paragraphs of spans).  The marker is drawn as a
  superscript number by ``richtext_editor.NoteMarkerHandler``;
* a citation of the document register (``Cite``) is one object character too, of object type
  ``CITE_OBJECT_TYPE`` carrying the document's id; it is drawn as an atomic token by
  ``ui.register.token`` (the handler is registered on a document when a citation is first put in it);
* the contribution a paragraph was taken from (``Para.origin``) is a property of its block format
  (``ORIGIN_PROPERTY``): typing in the block keeps it, a block split with Enter keeps it on both halves.

``document_to_body(body_to_document(b))`` returns ``b`` for every *canonical*
body (``canonical_body``: adjacent spans with the same formatting merged, empty
spans dropped; a prose paragraph whose text starts with "- "/"+ " is read back
as an item, the same rule as for pasted text).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QFont, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from ..model.richtext import Body, Cite, Inline, Note, Para, ParaKind, Span, merge_spans
from ..ids import uuid4_hex
from ..text import clean_text

OBJECT_CHAR = "\ufffc"
NOTE_OBJECT_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 1
NOTE_ID_PROPERTY = int(QTextFormat.Property.UserProperty) + 1
NOTE_DATA_PROPERTY = int(QTextFormat.Property.UserProperty) + 2
#: ids of the review comments covering a character ("id1 id2"), see ``baocao.review.anchors``
COMMENT_IDS_PROPERTY = int(QTextFormat.Property.UserProperty) + 3
COMMENT_BACKGROUND = "#fff3b0"
#: dynamic property of a QTextDocument: ids of resolved comments, whose text is shown without highlight
RESOLVED_COMMENTS_PROPERTY = "baocaoResolvedComments"
#: a citation token (``Cite``): object type and the property holding the document's id
CITE_OBJECT_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 2
CITE_ID_PROPERTY = int(QTextFormat.Property.UserProperty) + 4
#: block format property: the contribution a paragraph came from (``Para.origin``), kept as the block is edited
ORIGIN_PROPERTY = int(QTextFormat.Property.UserProperty) + 5
MARKERS: dict[str, str] = {"dash": "- ", "plus": "+ "}
_MARKER_KINDS: dict[str, ParaKind] = {"- ": "dash", "+ ": "plus"}
_PASTE_MARKERS = {"– ": "- ", "— ": "- ", "• ": "- ", "· ": "- "}
#: A numbered paragraph starts with its number ("1. "); the number shown is its place among the body's
#: numbered paragraphs (the renderer numbers them again, so a typed number never goes out of step in the report).
_NUMBER_MARKER = re.compile(r"^(\d{1,3})\. ")
#: What Qt looks for to find the blocks ``_NUMBER_MARKER`` may match (looser: any 1–3 non-spaces, then ". ").
_NUMBER_CANDIDATE = QRegularExpression(r"^\S{1,3}\. ")
BOLD_WEIGHT = int(QFont.Weight.Bold)


# ---------------------------------------------------------------- spans and notes
def span_format(span: Span, resolved: frozenset[str] = frozenset()) -> QTextCharFormat:
    """A clean character format for *span* (bold/italic; comment ids, highlighted unless all are *resolved*)."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(BOLD_WEIGHT if span.bold else int(QFont.Weight.Normal))
    fmt.setFontItalic(span.italic)
    if span.comments:
        set_comment_ids(fmt, span.comments, any(c not in resolved for c in span.comments))
    return fmt


def set_comment_ids(fmt: QTextCharFormat, ids: tuple[str, ...], highlighted: bool = True) -> None:
    """Mark *fmt* as covered by the review comments *ids* (highlighted when *highlighted*); no ids clears the mark."""
    from PySide6.QtGui import QBrush, QColor

    if ids:
        fmt.setProperty(COMMENT_IDS_PROPERTY, " ".join(ids))
        if highlighted:
            fmt.setBackground(QBrush(QColor(COMMENT_BACKGROUND)))
        else:
            fmt.clearBackground()
    else:
        fmt.clearProperty(COMMENT_IDS_PROPERTY)
        fmt.clearBackground()


def resolved_comments(doc: QTextDocument | None) -> frozenset[str]:
    """The resolved comment ids a document was told about (``paint_comments``): their text is not highlighted."""
    value = doc.property(RESOLVED_COMMENTS_PROPERTY) if doc is not None else None
    return frozenset(str(value or "").split())


def paint_comments(doc: QTextDocument, resolved: frozenset[str]) -> int:
    """Highlight the text of open comments only (ids in *resolved* lose the highlight); returns ranges repainted.

    Only the background changes: the comment ids stay in the text, so the body read back is the same.
    The ids are also kept on *doc*, so text loaded into it later is highlighted the same way.
    """
    doc.setProperty(RESOLVED_COMMENTS_PROPERTY, " ".join(sorted(resolved)))
    fixes: list[tuple[int, int, QTextCharFormat]] = []
    block = doc.firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            ids = comment_ids_of(fmt) if fragment.isValid() else ()
            if ids:
                wanted = any(c not in resolved for c in ids)
                if wanted != (fmt.background().style() != Qt.BrushStyle.NoBrush):
                    fresh = QTextCharFormat(fmt)
                    set_comment_ids(fresh, ids, wanted)
                    fixes.append((fragment.position(), fragment.length(), fresh))
            it += 1
        block = block.next()
    if fixes:
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for start, length, fmt in fixes:
            cursor.setPosition(start)
            cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)
        cursor.endEditBlock()
    return len(fixes)


def comment_ids_of(fmt: QTextCharFormat) -> tuple[str, ...]:
    """The review comment ids stored in a character format."""
    return tuple(str(fmt.property(COMMENT_IDS_PROPERTY) or "").split())


def comment_ids_inside(doc: QTextDocument, position: int) -> tuple[str, ...]:
    """The comment ids covering both the character before and the one after *position* (same block)."""
    block = doc.findBlock(position)
    offset = position - block.position()
    if offset <= 0 or offset >= block.length() - 1:
        return ()
    cursor = QTextCursor(doc)
    cursor.setPosition(position)
    before = comment_ids_of(cursor.charFormat())
    cursor.setPosition(position + 1)
    after = set(comment_ids_of(cursor.charFormat()))
    return tuple(c for c in before if c in after)


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
    return json.dumps([[[OBJECT_CHAR, 0, 0, s.doc_id] if isinstance(s, Cite) else _span_json(s)
                        for s in para] for para in note.paragraphs], ensure_ascii=False, separators=(",", ":"))


def _span_json(span: Span) -> list:
    """[text, bold, italic], or [text, bold, italic, 0, "comment ids"] when review comments cover it."""
    out: list = [span.text, int(span.bold), int(span.italic)]
    return [*out, 0, " ".join(span.comments)] if span.comments else out


def note_from_json(data: str) -> Note:
    """Read a note written by ``note_to_json`` (bad data gives an empty note)."""
    try:
        paras = json.loads(data or "[]")
        return Note([[Cite(str(s[3])) if len(s) == 4 else Span(str(s[0]), bool(s[1]), bool(s[2]),
                                                              tuple(str(s[4]).split()) if len(s) == 5 else ())
                      for s in para] for para in paras] or [[Span("")]])
    except (ValueError, TypeError, IndexError):
        return Note([[Span("")]])


def new_note_id() -> str:
    """A fresh id for a note marker (unique within the running program)."""
    return uuid4_hex()[:12]


def note_format(note: Note, note_id: str | None = None) -> QTextCharFormat:
    """The character format of a note marker holding *note*."""
    fmt = QTextCharFormat()
    fmt.setObjectType(NOTE_OBJECT_TYPE)
    fmt.setProperty(NOTE_ID_PROPERTY, note_id or new_note_id())
    fmt.setProperty(NOTE_DATA_PROPERTY, note_to_json(note))
    return fmt


def cite_format(doc_id: str) -> QTextCharFormat:
    """The character format of a citation token of document *doc_id*."""
    fmt = QTextCharFormat()
    fmt.setObjectType(CITE_OBJECT_TYPE)
    fmt.setProperty(CITE_ID_PROPERTY, doc_id)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)   # the token sits on the line's text
    return fmt


def is_cite_format(fmt: QTextCharFormat) -> bool:
    """True for the format of a citation token."""
    return fmt.objectType() == CITE_OBJECT_TYPE


def cite_id_of(fmt: QTextCharFormat) -> str:
    """The document id stored in a citation token's format."""
    return str(fmt.property(CITE_ID_PROPERTY) or "")


def insert_cite(cursor: QTextCursor, doc_id: str) -> None:
    """Insert a citation token of *doc_id* at *cursor* (typing after it is plain text)."""
    from .register.token import ensure_token_handler

    ensure_token_handler(cursor.document())
    typing_format = plain_format(cursor.charFormat())
    cursor.insertText(OBJECT_CHAR, cite_format(doc_id))
    cursor.setCharFormat(typing_format)


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
                    content = merge_spans([Span(content[0].text[len(marker):], content[0].bold, content[0].italic,
                                                content[0].comments),
                                           *content[1:]])
                    break
        if kind == "text" and content and isinstance(content[0], Span):
            match = _NUMBER_MARKER.match(content[0].text)
            if match:
                kind = "number"
                content = merge_spans([replace(content[0], text=content[0].text[match.end():]), *content[1:]])
        out.append(Para(content, kind, para.origin))
    if len(out) == 1 and not out[0].content and out[0].kind == "text":
        return []
    return out


# ---------------------------------------------------------------- Body → document
def insert_inlines(cursor: QTextCursor, items: list[Inline]) -> None:
    """Insert spans and note markers at *cursor*."""
    for item in items:
        if isinstance(item, Note):
            cursor.insertText(OBJECT_CHAR, note_format(item))
        elif isinstance(item, Cite):
            insert_cite(cursor, item.doc_id)
        else:
            cursor.insertText(clean_text(item.text).replace("\n", " "),
                              span_format(item, resolved_comments(cursor.document())))
    cursor.setCharFormat(plain_format(cursor.charFormat()))


def body_to_document(body: Body, doc: QTextDocument) -> None:
    """Replace *doc*'s content with *body* (one block per paragraph)."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.removeSelectedText()
    cursor.setCharFormat(QTextCharFormat())
    number = 0
    for index, para in enumerate(body):
        if index:
            cursor.insertBlock()
        set_origin(cursor, para.origin)
        marker = MARKERS.get(para.kind, "")
        if para.kind == "number":
            number += 1
            marker = f"{number}. "
        if marker:
            cursor.insertText(marker, QTextCharFormat())
        insert_inlines(cursor, list(para.content))
    cursor.endEditBlock()


def set_origin(cursor: QTextCursor, origin: str) -> None:
    """Mark the cursor's block as taken from contribution *origin* ("" clears the mark)."""
    fmt = cursor.blockFormat()
    if origin:
        fmt.setProperty(ORIGIN_PROPERTY, origin)
    else:
        fmt.clearProperty(ORIGIN_PROPERTY)
    cursor.setBlockFormat(fmt)


def origin_of(block: QTextBlock) -> str:
    """The contribution a block's paragraph came from ("" when written here)."""
    return str(block.blockFormat().property(ORIGIN_PROPERTY) or "")


def renumber_document(doc: QTextDocument) -> int:
    """Make the markers of numbered paragraphs read "1. ", "2. " … in order again; returns how many changed.

    Only the digits of a wrong marker are rewritten (in the marker's own character format), so the
    cursor, the text after the marker and the body read back (``document_to_body``) stay the same;
    cheap enough to run after every change: Qt finds the blocks that may start with a number (a looser
    pattern, in C++), and only those are read here.
    """
    fixes: list[tuple[int, int, str]] = []
    number = 0
    cursor = QTextCursor(doc)
    while True:
        cursor = doc.find(_NUMBER_CANDIDATE, cursor)
        if cursor.isNull():
            break
        block = cursor.block()
        match = _NUMBER_MARKER.match(block.text())
        if match:
            number += 1
            if match.group(1) != str(number):
                fixes.append((block.position(), len(match.group(1)), str(number)))
        block = block.next()
        if not block.isValid():
            break
        cursor = QTextCursor(block)
    if not fixes:
        return 0
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for start, length, digits in reversed(fixes):      # from the end: earlier positions stay valid
        cursor.setPosition(start + 1)
        fmt = cursor.charFormat()
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(digits, fmt)
    cursor.endEditBlock()
    return len(fixes)


def note_paragraphs_to_document(note: Note, doc: QTextDocument) -> None:
    """Fill *doc* with a note's paragraphs (one block each) for the notes panel."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.removeSelectedText()
    for index, para in enumerate(note.paragraphs):
        if index:
            cursor.insertBlock()
        insert_inlines(cursor, [s for s in para if isinstance(s, (Span, Cite))])
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
            elif is_cite_format(fmt):     # the token; any text typed in its format stays text
                for part in re.split(f"({OBJECT_CHAR})", text):
                    if part == OBJECT_CHAR:
                        items.append(Cite(cite_id_of(fmt)))
                    elif part:
                        items.append(Span(clean_text(part), is_bold(fmt), fmt.fontItalic()))
            else:
                text = text.replace(OBJECT_CHAR, "").replace("\u2028", " ")
                items.append(Span(clean_text(text), is_bold(fmt), fmt.fontItalic(), comment_ids_of(fmt)))
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
                items = merge_spans([Span(head.text[len(marker):], head.bold, head.italic, head.comments),
                                     *items[1:]])
                break
    if kind == "text" and items and isinstance(items[0], Span):
        match = _NUMBER_MARKER.match(items[0].text)
        if match:
            kind = "number"
            items = merge_spans([replace(items[0], text=items[0].text[match.end():]), *items[1:]])
    return Para(items, kind, origin_of(block))


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
        paras.append([s for s in merge_spans(block_inlines(block)) if isinstance(s, (Span, Cite))])
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
_EDGE_SPACES = (" ", "\t", "\u00a0")


def normalise_pasted_text(text: str) -> str:
    """Pasted plain text ready to insert: NFC, no junk characters, one paragraph per line.

    Empty lines are dropped and other bullet characters ("•", "–") become "- ",
    like ``baocao.model.richtext.body_from_plain_text``.  A space (or tab) at the very start
    or end of the copied text is kept as one space, so a pasted phrase does not glue itself to
    the words around it (QA: «nhiệm vụ.Các sở»); spaces around inner lines go.
    """
    raw_lines = clean_text(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").split("\n")
    lines = []
    for raw in raw_lines:
        line = raw.strip()
        if not line:
            continue
        for other, marker in _PASTE_MARKERS.items():
            if line.startswith(other):
                line = marker + line[len(other):].lstrip()
                break
        lines.append(line)
    if not lines:
        return ""
    first, last = raw_lines[0], raw_lines[-1]
    if first[:1] in _EDGE_SPACES and first.strip() == lines[0]:      # not a line turned into a "- " item
        lines[0] = " " + lines[0]
    if last[-1:] in _EDGE_SPACES and last.strip():
        lines[-1] = lines[-1] + " "
    return "\n".join(lines)


def fit_pasted_edges(text: str, before: str, after: str) -> str:
    """*text* (from ``normalise_pasted_text``) without an edge space that would double one at the join.

    *before* / *after*: the character just before and after the insertion point ("" at a
    paragraph's edge).  A leading space goes after a space, a paragraph start or an opening
    bracket; a trailing one before a space, a paragraph end or closing punctuation.
    """
    if text.startswith(" ") and (not before or before.isspace() or before in "([{«“\"'"):
        text = text[1:]
    if text.endswith(" ") and (not after or after.isspace() or after in ".,;:!?)]}»”…"):
        text = text[:-1]
    return text
