"""Imported tables: into the pack's appendix table whose columns they match, else kept as text rows.

Columns match when the header texts are equal after normalisation (NFC, case,
spaces, trailing punctuation), on the last header row; under a two-row header
(a group "Đã hoàn thành" over "Đúng hạn" / "Quá hạn") the group must match too,
cells merged from above counting with their text.  Computed columns (STT, sums,
formulas) and the "Tổng cộng" row are not imported: the renderer computes them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..formatting import parse_number
from ..model.richtext import Note, Para, Span
from ..template.manifest import ColumnSpec, Pack, TableSpec
from .constants import CELL_SEPARATOR
from .reader import SourceTable

#: header rows tried (a table with more header rows is kept as text)
MAX_HEADER_ROWS = 3
#: the number of a group's heading row ("I", "II." …) in a table with ``group_by``
_GROUP_NUMBER = re.compile(r"^\s*[IVXLC]+\.?\s*$")


def normalise_header(text: str) -> str:
    """A header text for comparison: NFC, lower case, single spaces, no trailing ":" or "."."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split()).rstrip(":.").strip()


@dataclass
class TableMatch:
    """A source table matched to a pack table: the rows as the draft stores them, and notes found in cells."""

    table_id: str
    header_rows: int
    rows: list[dict[str, Any]]
    notes: list[Note] = field(default_factory=list)
    key: str | None = None             # the first text column (unit, document): rows with the same name merge


def merge_rows(old: list[dict[str, Any]], new: list[dict[str, Any]], key: str | None) -> list[dict[str, Any]]:
    """*old* with *new* added: a new row whose *key* text equals an old row's fills that row's empty cells
    (the names a new period starts with), any other row is appended.  Nothing of *old* is overwritten."""
    out = [dict(row) for row in old]
    index = {normalise_header(str(r.get(key) or "")): r for r in out if key and str(r.get(key) or "").strip()}
    for row in new:
        name = normalise_header(str(row.get(key) or "")) if key else ""
        target = index.get(name) if name else None
        if target is None:
            out.append(dict(row))
            continue
        for column, value in row.items():
            if target.get(column) in (None, ""):
                target[column] = value
    return out


def _column_map(table: SourceTable, spec: TableSpec) -> tuple[int, list[ColumnSpec]] | None:
    """(header rows, the pack column of each grid column) when every column of *table* is one of *spec*'s, in order.

    A column is known by its header and, under a two-row header, its group ("Đã hoàn thành" / "Quá hạn" is not
    "Chưa hoàn thành" / "Quá hạn").  Pack columns the file lacks are allowed (a computed "Tỷ lệ" column a
    newer pack adds); a file column the pack lacks is not.
    """
    width = table.width()
    if width < 2 or width > len(spec.columns):
        return None
    for depth in range(1, min(MAX_HEADER_ROWS, len(table.rows)) + 1):
        leaves = [normalise_header(c.text) for c in table.rows[depth - 1]]
        groups = [normalise_header(c.text) for c in table.rows[depth - 2]] if depth >= 2 else [""] * width
        mapped: list[ColumnSpec] = []
        position = 0
        for leaf, group in zip(leaves, groups):
            group = "" if group == leaf else group
            while position < len(spec.columns):
                column = spec.columns[position]
                position += 1
                if normalise_header(column.header) == leaf and normalise_header(column.group or "") == group:
                    mapped.append(column)
                    break
            else:
                break
        if len(mapped) == width:
            return depth, mapped
    return None


def _value(column_type: str, text: str) -> Any:
    text = text.strip()
    if column_type == "integer":
        try:
            number = parse_number(text)
        except ValueError:
            return text                          # kept as typed: the checks show it as a bad cell
        if number is not None and number == number.to_integral_value():
            return int(number)
        return text
    return text                                  # decimals keep their written places ("173.235,0"); text as is


def _computed(column: ColumnSpec) -> bool:
    """Row number, sum or formula: the renderer computes it, the file's value is not imported."""
    return bool(getattr(column, "computed", column.type == "stt" or bool(column.sum_of)))


def _is_total(row: list[str], spec: TableSpec) -> bool:
    first = next((t for t in row if t.strip()), "")
    return normalise_header(first) == normalise_header(spec.total_label)


def _group_value(spec: TableSpec, label: str) -> str:
    """A group heading's text as the table stores it: a choice column's key ("chinh-phu") when the text is one
    of its labels or aliases, else the text as printed."""
    column = next((c for c in spec.columns if c.key == spec.group_by), None)
    if column is not None and column.type == "choice":
        from ..tables.choices import choice_key

        return choice_key(column, label) or label
    return label


def match_table(table: SourceTable, pack: Pack) -> TableMatch | None:
    """The pack table *table* fills, with its rows; None when no table's columns match."""
    for table_id, spec in pack.tables.items():
        found = _column_map(table, spec)
        if found is None:
            continue
        depth, columns = found
        group_by = getattr(spec, "group_by", None)
        subtotal = normalise_header(getattr(spec, "subtotal_label", "") or "")
        rows: list[dict[str, Any]] = []
        notes: list[Note] = []
        group = ""
        for source in table.rows[depth:]:
            texts = [c.text for c in source]
            if _is_total(texts, spec) or not any(t.strip() for t in texts):
                continue
            filled = [(column, cell) for column, cell in zip(columns, source)
                      if cell.text.strip() and not cell.continued]
            labels = [cell.text.strip() for column, cell in filled if column.type == "text"]
            if subtotal and labels and normalise_header(labels[0]) == subtotal:
                continue                                 # a group's "Cộng" row: computed
            if group_by and labels and all(c.type in ("text", "stt") for c, _cell in filled) and len(labels) == 1 \
                    and _GROUP_NUMBER.match(next((cell.text for c, cell in filled if c.type == "stt"), "I")):
                group = labels[0]                        # "I  Chương trình công tác năm": the rows below are its
                continue
            row: dict[str, Any] = {group_by: _group_value(spec, group)} if group_by and group else {}
            for column, cell in zip(columns, source):
                notes.extend(cell.notes)
                if _computed(column) or cell.continued or not cell.text.strip():
                    continue
                row[column.key] = _value(column.type, cell.text)
            if row:
                rows.append(row)
        key = next((c.key for c in columns if c.type == "text"), None)
        return TableMatch(table_id, depth, rows, notes, key)
    return None


def table_as_text(table: SourceTable) -> list[Para]:
    """A table kept as text: one paragraph per row, cells joined by " | ", notes kept in place."""
    out: list[Para] = []
    for row in table.rows:
        content: list = []
        first = True
        for cell in row:
            if cell.continued:
                continue
            if not first:
                content.append(Span(CELL_SEPARATOR))
            first = False
            content.append(Span(cell.text.replace("\n", " ")))
            content.extend(cell.notes)
        para = Para([c for c in content if not isinstance(c, Span) or c.text])
        if not para.is_blank() and para.plain_text().replace(CELL_SEPARATOR.strip(), "").strip() or para.notes():
            out.append(para)
    return out


__all__ = ["TableMatch", "match_table", "merge_rows", "normalise_header", "table_as_text"]
