"""Which source column fills which table column, and the all-or-nothing conversion to rows.  No Qt.

Without a mapping given, a source header equal to a column's key, its header
text or ``GROUP/HEADER`` (for a column under a group header) maps itself —
compared without case, extra spaces or Unicode form differences; a plain
header shared by two grouped columns ("Quá hạn") needs its group.  Computed
columns (STT, sums, formulas) are never filled from a file.  Rows whose text
says "Tổng cộng" / "Cộng" are left out: totals are computed.  Every cell is
read the Vietnamese way (``cells.read_cell``); one bad cell refuses the whole
import, and the message names the file's row and column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..errors import BaocaoError
from ..template.manifest import ColumnSpec, TableSpec
from .cells import read_cell
from .sources import SourceTable

#: first words of a source row that is a total, not data
TOTAL_WORDS = ("tổng cộng", "tổng số", "cộng", "tổng")
#: at most this many bad cells are listed in one message
MAX_LISTED = 5


class MappingError(BaocaoError):
    """A mapping that cannot be used (unknown header or column, computed column …)."""


class ImportRefused(BaocaoError):
    """Cells of the file that cannot be used; nothing was imported."""

    def __init__(self, message: str, hint: str, problems: list["CellProblem"]):
        super().__init__(message, hint)
        self.problems = problems


@dataclass
class CellProblem:
    """A bad cell: its row number in the file, its source header and table column, what it holds, why."""

    row: int
    source_column: int
    header: str
    column: str
    value: str
    message: str

    def describe(self) -> str:
        """"Dòng 7, cột D «Đúng hạn»: «2,5» — …"."""
        return (f"Dòng {self.row}, cột {column_letter(self.source_column)} «{self.header}»: «{self.value}» — "
                f"{self.message}")


@dataclass
class ImportPlan:
    """The rows to store, and what was left out."""

    rows: list[dict[str, Any]]
    skipped_totals: list[int] = field(default_factory=list)
    mapping: dict[int, str] = field(default_factory=dict)


def column_letter(index: int) -> str:
    """Excel's column name of 0-based *index*: 0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def normal(text: str) -> str:
    """A header compared loosely: NFC, lower case, single spaces, spaces around "/" removed."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*/\s*", "/", text)


def column_names(column: ColumnSpec) -> list[str]:
    """The names a source header may use for *column*: key, header, GROUP/HEADER."""
    names = [column.key, column.header]
    if column.group:
        names.append(f"{column.group}/{column.header}")
    return names


def auto_mapping(spec: TableSpec, headers: list[str]) -> dict[int, str]:
    """Source column index → column key, for headers that name an input column unambiguously."""
    by_name: dict[str, list[str]] = {}
    for column in spec.columns:
        if column.computed:
            continue
        for name in {normal(n) for n in column_names(column)}:
            by_name.setdefault(name, []).append(column.key)
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        keys = by_name.get(normal(header), []) if header else []
        if not keys and "/" in header:     # "Đã hoàn thành/Đúng hạn" where the table has no group header
            keys = by_name.get(normal(header.rsplit("/", 1)[1]), [])
        if len(keys) == 1 and keys[0] not in used:
            mapping[index] = keys[0]
            used.add(keys[0])
    return mapping


def parse_map_options(spec: TableSpec, headers: list[str], options: list[str]) -> dict[int, str]:
    """``--map HEADER=KEY`` options → source column index → column key (``MappingError`` when wrong)."""
    known = {normal(h): i for i, h in enumerate(headers) if h}
    mapping: dict[int, str] = {}
    for option in options:
        if "=" not in option:
            raise MappingError(f"«--map {option}» thiếu dấu «=».", "Viết dạng --map \"TIÊU ĐỀ=mã_cột\", "
                               "ví dụ --map \"Đã hoàn thành/Đúng hạn=dung_han\".")
        header, key = (part.strip() for part in option.rsplit("=", 1))
        if normal(header) not in known:
            raise MappingError(f"Tệp không có cột tiêu đề «{header}».",
                               "Các tiêu đề có: " + "; ".join(f"«{h}»" for h in headers if h) + ".")
        column = spec.column(key)
        if column is None:
            raise MappingError(f"Bảng «{spec.id}» không có cột «{key}».",
                               "Các cột nhập được: " + ", ".join(c.key for c in spec.input_columns()) + ".")
        if column.computed:
            raise MappingError(f"Cột «{key}» ({column.header}) do chương trình tự tính, không nhập từ tệp.",
                               "Chỉ ghép các cột người soạn tự nhập.")
        mapping = {i: k for i, k in mapping.items() if k != key}
        mapping[known[normal(header)]] = key
    return mapping


def _is_total_row(row: list[Any], mapping: dict[int, str], spec: TableSpec) -> bool:
    for index, key in mapping.items():
        column = spec.column(key)
        if column is not None and column.type == "text" and row[index] not in (None, ""):
            first = normal(str(row[index]))
            return any(first == w or first.startswith(w + " ") or first.startswith(w + ":") for w in TOTAL_WORDS)
    return False


def convert(spec: TableSpec, source: SourceTable, mapping: dict[int, str]) -> ImportPlan:
    """The table rows from *source* through *mapping*; raises ``ImportRefused`` listing bad cells."""
    if not mapping:
        raise MappingError("Chưa ghép cột nào của tệp với cột của bảng.",
                           "Hãy chọn cột của bảng cho từng tiêu đề (hoặc dùng --map \"TIÊU ĐỀ=mã_cột\").")
    for key in mapping.values():
        column = spec.column(key)
        if column is None or column.computed:
            raise MappingError(f"Không nhập được vào cột «{key}» (không có hoặc do chương trình tự tính).",
                               "Chỉ ghép các cột người soạn tự nhập.")
    plan = ImportPlan([], mapping=dict(mapping))
    problems: list[CellProblem] = []
    for row, number in zip(source.rows, source.row_numbers):
        if _is_total_row(row, mapping, spec):
            plan.skipped_totals.append(number)
            continue
        out: dict[str, Any] = {}
        for index, key in mapping.items():
            column = spec.column(key)
            raw = row[index] if index < len(row) else None
            cell = read_cell(column, raw)   # type: ignore[arg-type]
            if not cell.ok:
                problems.append(CellProblem(number, index, source.headers[index], column.header,  # type: ignore[union-attr]
                                            str(raw).strip(), cell.error or ""))
            elif cell.stored is not None:
                out[key] = cell.stored
        if out:
            plan.rows.append(out)
    if problems:
        listed = "\n".join(p.describe() for p in problems[:MAX_LISTED])
        more = f"\n… và {len(problems) - MAX_LISTED} ô khác." if len(problems) > MAX_LISTED else ""
        raise ImportRefused(f"Có {len(problems)} ô không dùng được nên chưa nhập gì:\n{listed}{more}",
                            "Sửa các ô đó trong tệp (số viết kiểu Việt Nam: 2.573 hoặc 1.428,5) rồi nhập lại.",
                            problems)
    return plan
