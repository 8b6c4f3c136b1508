"""Every piece of drafter text in a draft, in document order, with where it lives.  No Qt.

A ``TextUnit`` is one checkable string: a body paragraph (footnote markers
as U+FFFC, so offsets match the editor), one paragraph of a footnote, a text
field, or a text cell of a table.  Rules work on units and return spans; the
engine turns spans into located findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from ..model.draft import Draft
from ..model.richtext import Note, Para, Span
from ..template.manifest import Pack
from .findings import NOTE_MARK, Finding, PartKind, Severity


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One string of the draft and its place."""

    where: str                  # section id or table id
    part: PartKind              # "body", "note", "field", "cell"
    text: str
    para: int | None = None
    note: int | None = None
    note_para: int | None = None
    field: str | None = None    # field key or column key
    row: int | None = None      # 1-based table row

    def finding(self, severity: Severity, rule: str, message: str, offset: int, length: int,
                fix: str | None = None, fix_label: str = "") -> Finding:
        """A finding about ``text[offset:offset + length]`` of this unit."""
        return Finding(severity, self.where, message, self.field, rule, self.row, self.part, self.para, self.note,
                       self.note_para, offset, length, self.text[offset:offset + length], fix, fix_label)


def para_text(para: Para) -> str:
    """A body paragraph's text with one U+FFFC per footnote marker (as in the editor)."""
    return "".join(item.text if isinstance(item, Span) else NOTE_MARK for item in para.content)


def note_para_texts(note: Note) -> list[str]:
    """The text of each paragraph of a note."""
    return ["".join(span.text for span in para) for para in note.paragraphs]


def section_units(section_id: str, body: list[Para], keep: Callable[[str], bool] | None = None) -> Iterator[TextUnit]:
    """The body paragraphs of a section, each followed by its notes' paragraphs (*keep*: only texts it accepts)."""
    for p_index, para in enumerate(body):
        text = para_text(para)
        if keep is None or keep(text):
            yield TextUnit(section_id, "body", text, p_index)
        for n_index, note in enumerate(para.notes()):
            for np_index, text in enumerate(note_para_texts(note)):
                if keep is None or keep(text):
                    yield TextUnit(section_id, "note", text, p_index, n_index, np_index)


def draft_units(draft: Draft, pack: Pack, keep: Callable[[str], bool] | None = None) -> Iterator[TextUnit]:
    """All drafter text in report order: sections (body, notes, text fields), then tables' text cells.

    With *keep*, only the units whose text it accepts (the others are never built: export's quick check).
    """
    for spec in pack.sections:
        data = draft.sections.get(spec.id)
        if data is None:
            continue
        yield from section_units(spec.id, data.body, keep)
        for field in spec.fields:
            value = data.fields.get(field.key)
            if field.type == "text" and isinstance(value, str) and value.strip() and (keep is None or keep(value)):
                yield TextUnit(spec.id, "field", value, field=field.key)
    for table in pack.tables.values():
        columns = [c for c in table.input_columns() if c.type == "text"]
        for r_index, row in enumerate(draft.tables.get(table.id, []), start=1):
            for column in columns:
                value = row.get(column.key)
                if isinstance(value, str) and value.strip() and (keep is None or keep(value)):
                    yield TextUnit(table.id, "cell", value, field=column.key, row=r_index)
