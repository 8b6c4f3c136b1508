"""A finding's safe fix as an undoable edit of the draft.  No Qt.

``fix_edit`` rewrites ``text[offset:offset + length]`` of the paragraph,
note, field or cell the finding points at, keeping the formatting of the
span the change starts in and every footnote marker; it returns None when
the text there is no longer what the finding was about (the draft changed)
or when the span would swallow a footnote marker.
"""

from __future__ import annotations

import copy
import dataclasses

from ..edits import Edit, SetFieldValue, SetSectionBody, SetTableRows
from ..model.draft import Draft
from ..model.richtext import Cite, Inline, Note, Para, Span
from .findings import Finding
from .textunits import note_para_texts, para_text


def replace_in_inlines(content: list[Inline], offset: int, length: int, new: str) -> list[Inline] | None:
    """*content* with characters offset..offset+length replaced by *new* (a Note counts as one character)."""
    out: list[Inline] = []
    position, done = 0, False
    end = offset + length
    for item in content:
        if isinstance(item, (Note, Cite)):   # a footnote marker or a register citation: one character
            if offset < position + 1 and end > position and length:
                return None                  # the span covers a note marker
            if not done and offset == position and length == 0:
                out.append(Span(new))
                done = True
            out.append(item)
            position += 1
            continue
        start, stop = position, position + len(item.text)
        if done or stop < offset or start > end or (stop == offset and length and stop != start):
            out.append(item)
        else:
            cut_from, cut_to = max(offset, start) - start, min(end, stop) - start
            text = item.text[:cut_from] + (new if not done else "") + item.text[cut_to:]
            done = True
            if end > stop:                    # the span goes on into the next spans: keep cutting there
                offset, length, new = stop, end - stop, ""
                done = False
            if text:
                out.append(dataclasses.replace(item, text=text))   # bold, italic and any other marks kept
        position = stop
    if not done:
        if offset == position and length == 0:
            out.append(Span(new))
        else:
            return None
    return [i for i in out if not (isinstance(i, Span) and not i.text)]


def _still_there(text: str, finding: Finding) -> bool:
    assert finding.offset is not None
    return text[finding.offset:finding.offset + finding.length] == finding.text[:finding.length] \
        if finding.length else finding.offset <= len(text)


def fix_edit(draft: Draft, finding: Finding) -> Edit | None:
    """The edit applying *finding*'s fix, or None when it has none or the text has changed since."""
    if finding.fix is None or finding.offset is None:
        return None
    if finding.part in ("body", "note"):
        body = copy.deepcopy(draft.section(finding.where).body)
        if finding.para is None or finding.para >= len(body):
            return None
        para: Para = body[finding.para]
        if finding.part == "body":
            if not _still_there(para_text(para), finding):
                return None
            content = replace_in_inlines(para.content, finding.offset, finding.length, finding.fix)
            if content is None:
                return None
            para.content = content
        else:
            notes = para.notes()
            if finding.note is None or finding.note >= len(notes):
                return None
            note = notes[finding.note]
            index = finding.note_para or 0
            if index >= len(note.paragraphs) or not _still_there(note_para_texts(note)[index], finding):
                return None
            spans = replace_in_inlines(list(note.paragraphs[index]), finding.offset, finding.length, finding.fix)
            if spans is None:
                return None
            note.paragraphs[index] = [s for s in spans if isinstance(s, (Span, Cite))] or [Span("")]
        edit: Edit = SetSectionBody.make(draft, finding.where, body)
    elif finding.part == "field" and finding.field:
        value = draft.section(finding.where).fields.get(finding.field)
        if not isinstance(value, str) or not _still_there(value, finding):
            return None
        new = value[:finding.offset] + finding.fix + value[finding.offset + finding.length:]
        edit = SetFieldValue.make(draft, finding.where, finding.field, new)
    elif finding.part == "cell" and finding.field and finding.row:
        rows = copy.deepcopy(draft.tables.get(finding.where, []))
        if finding.row > len(rows):
            return None
        value = rows[finding.row - 1].get(finding.field)
        if not isinstance(value, str) or not _still_there(value, finding):
            return None
        rows[finding.row - 1][finding.field] = value[:finding.offset] + finding.fix + value[finding.offset + finding.length:]
        edit = SetTableRows.make(draft, finding.where, rows)
    else:
        return None
    edit.label = finding.fix_label or "Sửa theo kiểm tra"
    return edit
