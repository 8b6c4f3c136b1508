"""Copy and paste of text holding citations, in the body and in the footnotes' editors.

Inside baocao a copy carries the body model (``richtext_editor.BODY_MIME``), so a pasted citation
is a citation again, in the body or in a footnote.  For other programs the plain text gives each
citation's words as its token shows them («Quyết định số 42/QĐ-UBND»), never the object character.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QStringListModel
from PySide6.QtGui import QTextCursor, QTextDocument

from ...errors import BaocaoError
from ...model.richtext import Cite, Para, Span
from ...model.serialize import body_from_list, body_to_list
from ...review.anchors import strip_comments
from .. import richtext_convert as rc
from .token import label_for

#: what separates paragraphs in the plain text of a copy
LINE_BREAK = "\n"


def new_mime_data() -> QMimeData:
    """An empty QMimeData made by Qt itself, for a ``createMimeDataFromSelection`` override.

    One constructed in Python is a shiboken wrapper whose destructor calls into Python: the clipboard
    keeps it until the application is torn down, after Python has stopped, and the process then
    crashes on exit.  One made by Qt (here by a model's ``mimeData``) has no such destructor.
    """
    model = QStringListModel([""])
    mime = model.mimeData([model.index(0, 0)])
    for name in list(mime.formats()):
        mime.removeFormat(name)
    return mime


def _scratch(cursor: QTextCursor) -> QTextDocument:
    scratch = QTextDocument()
    QTextCursor(scratch).insertFragment(cursor.selection())
    return scratch


def document_plain_text(doc: QTextDocument) -> str:
    """*doc*'s text for other programs: citations as their words, footnote markers left out."""
    lines = []
    block = doc.firstBlock()
    while block.isValid():
        parts = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                text = fragment.text()
                if rc.is_cite_format(fmt):
                    text = text.replace(rc.OBJECT_CHAR, label_for(rc.cite_id_of(fmt)))
                parts.append(text.replace(rc.OBJECT_CHAR, "").replace("\u2028", LINE_BREAK))
            it += 1
        lines.append("".join(parts))
        block = block.next()
    return LINE_BREAK.join(lines)


def selection_text(cursor: QTextCursor) -> str:
    """The selected text of *cursor* for other programs (citations as their words)."""
    return document_plain_text(_scratch(cursor)) if cursor.hasSelection() else ""


def note_selection_mime(cursor: QTextCursor, body_mime: str) -> QMimeData:
    """A footnote editor's copy: its paragraphs (citations kept) for baocao, its words for other programs."""
    scratch = _scratch(cursor)
    note = rc.document_to_note(scratch)
    body = strip_comments([Para(list(p)) for p in note.paragraphs])
    mime = new_mime_data()
    mime.setData(body_mime, json.dumps(body_to_list(body), ensure_ascii=False).encode("utf-8"))
    mime.setText(document_plain_text(scratch))
    return mime


def paste_into_note(cursor: QTextCursor, source: QMimeData, body_mime: str) -> bool:
    """Paste baocao content into a footnote editor (text and citations; a footnote inside is left out).

    False when *source* holds no readable baocao content (the editor then pastes it as usual).
    """
    if not source.hasFormat(body_mime):
        return False
    try:
        body = strip_comments(body_from_list(json.loads(bytes(source.data(body_mime)).decode("utf-8"))))
    except (ValueError, BaocaoError):  # malformed clipboard: pasted as plain text instead
        return False
    cursor.beginEditBlock()
    cursor.removeSelectedText()
    for index, para in enumerate(body):
        if index:
            cursor.insertBlock()
        rc.insert_inlines(cursor, [i for i in para.content if isinstance(i, (Span, Cite))])
    cursor.endEditBlock()
    return True
