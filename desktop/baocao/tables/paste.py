"""A block copied from Excel (tab-separated) pasted into a table, all or nothing.  No Qt.

Excel puts a block on the clipboard as lines of tab-separated cells, a cell
with a line break or a tab in double quotes.  ``paste_block`` reads it onto
the rows from the current cell on: the block's columns go to the columns the
drafter types into (computed ones — STT, sums, formulas — are skipped), except
that a block exactly as wide as the whole table pasted at its first column
lands column for column (the computed cells of such a block are ignored).
Numbers are read the Vietnamese way ("1.234,5"); the first cell that is not
usable stops the paste with a message naming its row and column, and nothing
is pasted.  Rows past the end are added.
"""

from __future__ import annotations

import copy
import csv
import io
from dataclasses import dataclass
from typing import Any

from ..errors import BaocaoError
from ..limits import MAX_TABLE_ROWS
from ..template.manifest import ColumnSpec, TableSpec
from .cells import read_cell

ERR_EMPTY = "Bộ nhớ tạm không có ô nào để dán."
ERR_TOO_WIDE = ("Khối dán có {width} cột nhưng từ cột «{column}» chỉ còn {room} cột nhập được; "
                "chưa dán gì.")
ERR_TOO_MANY = "Khối dán làm bảng có quá {max} dòng; chưa dán gì."
ERR_CELL = "Dòng {row}, cột «{column}»: «{value}» — {problem} Chưa dán gì."
HINT_WIDE = "Hãy chọn ô bắt đầu ở cột đầu tiên cần dán, hoặc chép ít cột hơn trong Excel."
HINT_CELL = "Sửa ô đó trong Excel (hoặc sau khi dán), rồi chép và dán lại."


class PasteError(BaocaoError):
    """A block that cannot be pasted as it is; nothing was changed."""


@dataclass
class PasteResult:
    """The rows after the paste and where the pasted block lies."""

    rows: list[dict[str, Any]]
    first_row: int
    row_count: int
    columns: list[str]


def split_block(text: str) -> list[list[str]]:
    """The cells of a tab-separated block (Excel's clipboard text); the trailing empty line dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text.strip():
        return []
    return [line for line in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False)]


def _target_columns(spec: TableSpec, start_column: int, width: int) -> list[ColumnSpec | None]:
    if start_column == 0 and width == len(spec.columns):
        return [None if c.computed else c for c in spec.columns]
    inputs = [c for c in spec.columns[start_column:] if not c.computed]
    if width > len(inputs):
        raise PasteError(ERR_TOO_WIDE.format(width=width, column=spec.columns[start_column].header,
                                             room=len(inputs)), HINT_WIDE)
    return list(inputs[:width])


def paste_block(spec: TableSpec, rows: list[dict[str, Any]], text: str, start_row: int,
                start_column: int) -> PasteResult:
    """*rows* with the block *text* pasted from (*start_row*, *start_column*); raises ``PasteError``."""
    block = split_block(text)
    if not block:
        raise PasteError(ERR_EMPTY, "Hãy chọn các ô trong Excel, bấm Ctrl+C rồi dán lại.")
    width = max(len(line) for line in block)
    start_column = max(0, min(start_column, len(spec.columns) - 1))
    targets = _target_columns(spec, start_column, width)
    start_row = max(0, min(start_row, len(rows)))
    if start_row + len(block) > MAX_TABLE_ROWS:
        raise PasteError(ERR_TOO_MANY.format(max=MAX_TABLE_ROWS), "Hãy dán từng phần.")
    out = copy.deepcopy(rows)
    for offset, line in enumerate(block):
        index = start_row + offset
        if index >= len(out):
            out.append({})
        row = out[index]
        for column, raw in zip(targets, line):
            if column is None:
                continue
            cell = read_cell(column, raw)
            if not cell.ok:
                raise PasteError(ERR_CELL.format(row=index + 1, column=column.header, value=raw.strip(),
                                                 problem=cell.error), HINT_CELL)
            if cell.stored is None:
                row.pop(column.key, None)
            else:
                row[column.key] = cell.stored
    return PasteResult(out, start_row, len(block), [c.key for c in targets if c is not None])
