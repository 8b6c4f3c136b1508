"""Comparing two drafts: differences per section (text, notes, fields) and per table (cells, rows).

Each ``Difference`` can build the edit that takes it back (``revert_edit``)
against the *newer* draft it was computed on; the compare view recomputes
after every change, so positions are always those of the current text.

A register citation is compared as the words each version prints for it
(``baocao.register.usage``: full form at the first citation, short after), so
an added citation shows its words and a document renamed in the register
between the versions shows as a change of wording.  Taking back a change that
touches a citation's words puts the older paragraph back whole, and the older
register entry of a document that was renamed (``cites.py``).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, replace
from typing import Any

from ..edits import CompoundEdit, Edit, SetFieldValue, SetSectionBody, SetTableRows
from ..model.draft import Draft
from ..model.richtext import Note, Para, Span
from .cites import CiteWords, restore_entries_edit
from .diff import Hunk, align, diff_text, moved_offset
from ..model.richtext import merge_spans
from .textops import replace_range, split_at

TEXT, PARA_ADDED, PARA_REMOVED, PARA_KIND, NOTE, FIELD, CELL, ROW_ADDED, ROW_REMOVED = (
    "text", "para-added", "para-removed", "para-kind", "note", "field", "cell", "row-added", "row-removed")
KIND_LABELS = {TEXT: "sửa chữ", PARA_ADDED: "thêm đoạn", PARA_REMOVED: "bỏ đoạn", PARA_KIND: "đổi kiểu đoạn",
               NOTE: "sửa chú thích", FIELD: "sửa số liệu", CELL: "sửa ô bảng", ROW_ADDED: "thêm dòng bảng",
               ROW_REMOVED: "bỏ dòng bảng"}
TABLE_PREFIX = "bang:"
#: characters of the paragraph shown before and after a change
CONTEXT = 160


@dataclass
class Difference:
    """One difference between the old and the new draft, with what is needed to take it back."""

    group: str                 # section id, or "bang:<table id>"
    kind: str
    old_text: str
    new_text: str
    para: int = -1             # paragraph (new side; for a removed one: where it goes back)
    hunk: Hunk | None = None
    old_para: Para | None = None
    note_index: int = -1
    key: str = ""              # field key or column key
    row: int = -1
    old_value: Any = None
    before: str = ""           # text of the paragraph around the change (for showing it in place)
    after: str = ""
    #: a text change touching a citation's words: taken back by putting ``old_para`` back whole
    on_cite: bool = False
    #: the older register entries (as stored) of documents cited here that were changed since
    old_entries: list = field(default_factory=list)

    @property
    def label(self) -> str:
        """What kind of change, in Vietnamese ("thêm chữ", "bỏ chữ", "sửa chữ", "thêm đoạn" …)."""
        if self.kind == TEXT and self.hunk is not None:
            return {"insert": "thêm chữ", "delete": "bỏ chữ"}.get(self.hunk.kind, KIND_LABELS[TEXT])
        return KIND_LABELS[self.kind]

    def revert_edit(self, draft: Draft) -> Edit:
        """The undoable edit taking this difference back in *draft* (the newer side)."""
        if self.group.startswith(TABLE_PREFIX):
            table = self.group[len(TABLE_PREFIX):]
            rows = copy.deepcopy(draft.tables.get(table, []))
            if self.kind == CELL:
                if self.old_value is None:
                    rows[self.row].pop(self.key, None)
                else:
                    rows[self.row][self.key] = copy.deepcopy(self.old_value)
            elif self.kind == ROW_ADDED:
                del rows[self.row]
            else:
                rows.insert(self.row, copy.deepcopy(self.old_value))
            edit = SetTableRows.make(draft, table, rows)
            edit.merges = False
            return edit
        if self.kind == FIELD:
            return SetFieldValue.make(draft, self.group, self.key, copy.deepcopy(self.old_value))
        body = copy.deepcopy(draft.section(self.group).body)
        if self.on_cite and self.old_para is not None:
            body[self.para] = copy.deepcopy(self.old_para)
        elif self.kind == TEXT and self.hunk is not None:
            body[self.para] = replace_range(body[self.para], self.hunk.new_start, self.hunk.new_end,
                                            self.hunk.old_text)
        elif self.kind == PARA_ADDED:
            del body[self.para]
        elif self.kind == PARA_REMOVED and self.old_para is not None:
            body.insert(self.para, copy.deepcopy(self.old_para))
        elif self.kind == PARA_KIND and self.old_para is not None:
            body[self.para] = replace(body[self.para], kind=self.old_para.kind)
        elif self.kind == NOTE and self.old_para is not None:
            body[self.para] = _with_notes_of(body[self.para], self.old_para, self.note_index)
        edit: Edit = SetSectionBody.make(draft, self.group, body)
        if self.old_entries:
            edit = CompoundEdit.of(KIND_LABELS[self.kind], edit, restore_entries_edit(draft, self.old_entries))
        return edit


@dataclass
class Comparison:
    """All differences, grouped by section/table in order, and the groups without any."""

    groups: dict[str, list[Difference]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)

    def all(self) -> list[Difference]:
        """Every difference in order."""
        return [d for diffs in self.groups.values() for d in diffs]

    def __len__(self) -> int:
        return sum(len(d) for d in self.groups.values())


def _with_notes_of(para: Para, old: Para, index: int) -> Para:
    """*para* with note *index* replaced by the old one (-1: all notes as in *old*, placed at the end)."""
    new_notes = [i for i in para.content if isinstance(i, Note)]
    old_notes = [i for i in old.content if isinstance(i, Note)]
    if index >= 0 and len(new_notes) == len(old_notes):
        count, content = -1, []
        for item in para.content:
            if isinstance(item, Note):
                count += 1
                item = copy.deepcopy(old_notes[index]) if count == index else item
            content.append(item)
        return replace(para, content=content)
    return _notes_in_place(para, old)


def _notes_in_place(para: Para, old: Para) -> Para:
    """*para*'s text with *old*'s notes where they stood in *old*'s text (a deleted note comes back in place)."""
    hunks = diff_text(old.plain_text(), para.plain_text())
    placed, pos = [], 0
    for item in old.content:
        if isinstance(item, Note):
            placed.append((moved_offset(hunks, pos), copy.deepcopy(item)))
        elif isinstance(item, Span):
            pos += len(item.text)
    items = [i for i in para.content if not isinstance(i, Note)]
    for at, note in reversed(placed):         # from the end: notes at the same offset keep their order
        items = split_at(items, at)
        index, pos = len(items), 0
        for n, item in enumerate(items):
            if pos >= at and isinstance(item, (Span, Note)):
                index = n
                break
            pos += len(item.text) if isinstance(item, Span) else 0
        items.insert(index, note)
    return replace(para, content=merge_spans(items))


def _text_diffs(group: str, a: Para, b: Para, j: int, words: CiteWords) -> list[Difference]:
    """The syllable changes inside paired paragraphs *a* (older) and *b* (newer)."""
    old_text, new_text = words.para_text(a), words.para_text(b)
    out = []
    for hunk in diff_text(old_text, new_text):
        on_cite = words.touches(a, hunk.old_start, hunk.old_end) or words.touches(
            b, hunk.new_start, hunk.new_end)
        plain = hunk if on_cite else replace(hunk, new_start=words.span_offset(b, hunk.new_start),
                                             new_end=words.span_offset(b, hunk.new_end))
        out.append(Difference(group, TEXT, hunk.old_text, hunk.new_text, para=j, hunk=plain,
                              before=new_text[max(0, hunk.new_start - CONTEXT):hunk.new_start],
                              after=new_text[hunk.new_end:hunk.new_end + CONTEXT], old_para=a if on_cite else None,
                              on_cite=on_cite, old_entries=words.changed_entries(a) if on_cite else []))
    return out


def _compare_body(group: str, old: list[Para], new: list[Para], words: CiteWords) -> list[Difference]:
    out: list[Difference] = []
    pairs = align([words.para_text(p) for p in old], [words.para_text(p) for p in new])
    next_new = 0
    for i, j in pairs:
        if j is not None:
            next_new = j + 1
        if i is None and j is not None:
            out.append(Difference(group, PARA_ADDED, "", words.para_text(new[j]), para=j))
        elif j is None and i is not None:
            out.append(Difference(group, PARA_REMOVED, words.para_text(old[i]), "", para=next_new,
                                  old_para=old[i]))
        elif i is not None and j is not None:
            a, b = old[i], new[j]
            if a.kind != b.kind:
                out.append(Difference(group, PARA_KIND, a.kind, b.kind, para=j, old_para=a))
            out.extend(_text_diffs(group, a, b, j, words))
            na, nb = a.notes(), b.notes()
            if len(na) == len(nb):
                for n, (x, y) in enumerate(zip(na, nb)):
                    tx, ty = words.note_text(x), words.note_text(y)
                    if tx != ty:
                        out.append(Difference(group, NOTE, tx, ty, para=j, old_para=a, note_index=n,
                                              old_entries=words.changed_entries(Para([x]))))
            else:
                out.append(Difference(group, NOTE, "\n".join(words.note_text(x) for x in na),
                                      "\n".join(words.note_text(y) for y in nb), para=j, old_para=a,
                                      old_entries=words.changed_entries(Para(list(na)))))
    return out


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _compare_fields(group: str, old: dict[str, Any], new: dict[str, Any]) -> list[Difference]:
    out = []
    for key in [*old.keys(), *(k for k in new if k not in old)]:
        if old.get(key) != new.get(key):
            out.append(Difference(group, FIELD, _value_text(old.get(key)), _value_text(new.get(key)), key=key,
                                  old_value=copy.deepcopy(old.get(key))))
    return out


def _compare_rows(table: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Difference]:
    group = TABLE_PREFIX + table
    out: list[Difference] = []
    key = lambda row: json.dumps(row, ensure_ascii=False, sort_keys=True)  # noqa: E731
    pairs = align(old, new, key=key, ratio=0.0)
    next_new = 0
    for i, j in pairs:
        if j is not None:
            next_new = j + 1
        if i is None and j is not None:
            out.append(Difference(group, ROW_ADDED, "", " | ".join(_value_text(v) for v in new[j].values()), row=j))
        elif j is None and i is not None:
            out.append(Difference(group, ROW_REMOVED, " | ".join(_value_text(v) for v in old[i].values()), "",
                                  row=next_new, old_value=copy.deepcopy(old[i])))
        elif i is not None and j is not None:
            for column in [*old[i].keys(), *(k for k in new[j] if k not in old[i])]:
                if old[i].get(column) != new[j].get(column):
                    out.append(Difference(group, CELL, _value_text(old[i].get(column)),
                                          _value_text(new[j].get(column)), key=column, row=j,
                                          old_value=copy.deepcopy(old[i].get(column))))
    return out


def compare_drafts(old: Draft, new: Draft, order: list[str] | None = None, date_style: str = "nd30") -> Comparison:
    """Differences from *old* to *new*, sections in *order* (default: as stored), then tables.

    Citations read as each version prints them (dates in *date_style*).
    """
    result = Comparison()
    ids = list(order or [])
    ids += [s for s in [*old.sections, *new.sections] if s not in ids]
    words = CiteWords.of(old, new, list(dict.fromkeys(ids)), date_style)
    for section_id in dict.fromkeys(ids):
        a, b = old.sections.get(section_id), new.sections.get(section_id)
        body_a, body_b = (a.body if a else []), (b.body if b else [])
        diffs = _compare_body(section_id, body_a, body_b, words)
        diffs += _compare_fields(section_id, a.fields if a else {}, b.fields if b else {})
        if diffs:
            result.groups[section_id] = diffs
        else:
            result.unchanged.append(section_id)
    for table in dict.fromkeys([*old.tables, *new.tables]):
        diffs = _compare_rows(table, old.tables.get(table, []), new.tables.get(table, []))
        if diffs:
            result.groups[TABLE_PREFIX + table] = diffs
        else:
            result.unchanged.append(TABLE_PREFIX + table)
    return result
