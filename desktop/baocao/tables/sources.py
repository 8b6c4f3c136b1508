"""Reading a table from a .csv or .xlsx file: its header (merged group headers as ``GROUP/HEADER``) and rows.  No Qt.

* CSV: UTF-8 with or without BOM, else Windows-1258 (the old Vietnamese Windows
  code page, whose tone marks are combining characters — normalised to NFC);
  the separator (``,`` ``;`` or tab) is detected.
* XLSX (openpyxl): the first sheet or the one named; cached values of formulas
  (a file saved by Excel has them); merged cells spread over the cells they cover.

Title rows above the header (one filled cell, e.g. "PHỤ LỤC 01") are skipped.
The header is one row, or two when the first has cells merged (or, in CSV,
left empty) across columns that the second row names: those become
``"Đã hoàn thành/Đúng hạn"``.  A column whose header spans both rows keeps its
one name.  Data rows keep their row number in the file for messages.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import BaocaoError, Location
from ..limits import MAX_TABLE_ROWS

#: largest file read (bytes); an appendix table is a few hundred kilobytes at most
MAX_SOURCE_BYTES = 20 * 1024 * 1024
#: most columns read from one sheet
MAX_SOURCE_COLUMNS = 200
SUFFIXES = (".csv", ".xlsx", ".xlsm")


class SourceError(BaocaoError):
    """A .csv/.xlsx file that cannot be read as a table."""


@dataclass
class SourceTable:
    """What a file holds: header names (one per column), data rows and their row numbers in the file."""

    headers: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    encoding: str = ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def _filled(row: list[Any]) -> list[int]:
    return [i for i, v in enumerate(row) if _text(v)]


def _looks_numeric(value: Any) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    text = _text(value).replace(".", "").replace(",", "").replace("%", "")
    return bool(text) and text.lstrip("-").isdigit()


def _header(grid: list[list[Any]], merged_across: set[int] | None) -> tuple[list[str], int]:
    """Header names and the index of the first data row.  *merged_across*: header-row indices
    whose row has cells merged across columns (xlsx); None: decide from empty cells (csv)."""
    start = 0
    wide = next((i for i, row in enumerate(grid) if len(_filled(row)) > 1), None)
    if wide is not None:
        start = wide                               # title lines ("PHỤ LỤC 01", "(Kèm theo …)") and blanks above
    if start >= len(grid):
        return [], len(grid)
    top = [_text(v) for v in grid[start]]
    two_rows = False
    if start + 1 < len(grid):
        second = grid[start + 1]
        below = [_text(v) for v in second]
        if merged_across is not None:
            two_rows = start in merged_across
        else:
            gaps = [i for i in range(1, len(top)) if not top[i] and any(top[:i])]
            two_rows = bool(gaps) and all(i < len(below) and below[i] for i in gaps) \
                and not any(_looks_numeric(v) for v in second)
    if not two_rows:
        return top, start + 1
    below = [_text(v) for v in grid[start + 1]] + [""] * len(top)
    names: list[str] = []
    group = ""
    for index, name in enumerate(top):
        if name and below[index]:
            group = name
            names.append(f"{group}/{below[index]}")
        elif name:
            group = ""
            names.append(name)
        elif below[index]:
            names.append(f"{group}/{below[index]}" if group else below[index])
        else:
            names.append("")
        if name and not below[index]:
            group = ""
    # a group name written only over its first column: the merged/empty cells after it continue it
    return names, start + 2


def _finish(grid: list[list[Any]], first_numbers: list[int], merged_across: set[int] | None, path: Path,
            **extra: Any) -> SourceTable:
    headers, first_data = _header(grid, merged_across)
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise SourceError(f"Tệp «{path.name}» không có dòng tiêu đề cột.",
                          "Dòng đầu của bảng phải ghi tên các cột (ví dụ: STT, Cơ quan, đơn vị, Tổng số …).",
                          Location(file=str(path)))
    rows, numbers = [], []
    for index in range(first_data, len(grid)):
        row = list(grid[index][:len(headers)])
        if not _filled(row):
            continue
        rows.append(row + [None] * (len(headers) - len(row)))
        numbers.append(first_numbers[index])
    if len(rows) > MAX_TABLE_ROWS:
        raise SourceError(f"Tệp «{path.name}» có {len(rows)} dòng, nhiều hơn {MAX_TABLE_ROWS} dòng một bảng được nhận.",
                          "Hãy tách bảng hoặc bỏ bớt dòng.", Location(file=str(path)))
    return SourceTable(headers, rows, numbers, **extra)


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding used: UTF-8 (BOM or not), else Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "cp1258"


def read_csv(path: Path) -> SourceTable:
    """A CSV file as a table (see the module text)."""
    data = _read_bytes(path)
    try:
        text, encoding = decode_csv(data)
    except UnicodeDecodeError as exc:
        raise SourceError(f"Tệp «{path.name}» có đầu UTF-8 nhưng nội dung bị lỗi mã.",
                          "Hãy lưu lại tệp từ Excel dạng «CSV UTF-8».", Location(file=str(path))) from exc
    text = unicodedata.normalize("NFC", text)
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid = [row[:MAX_SOURCE_COLUMNS] for row in csv.reader(io.StringIO(text), dialect)]
    return _finish(grid, list(range(1, len(grid) + 1)), None, path, encoding=encoding)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(f"Tệp «{path.name}» quá lớn ({size // 1024 // 1024} MB) cho một bảng phụ lục.",
                              "Hãy lưu riêng bảng cần nhập ra một tệp nhỏ hơn.", Location(file=str(path)))
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"Không đọc được tệp «{path.name}».", "Hãy kiểm tra tệp có tồn tại và không bị khóa.",
                          Location(file=str(path))) from exc


def read_xlsx(path: Path, sheet: str | None = None) -> SourceTable:
    """One sheet of an .xlsx workbook as a table (see the module text)."""
    import zipfile

    from openpyxl import load_workbook

    _read_bytes(path)                      # size and access checks
    try:
        book = load_workbook(path, data_only=True, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SourceError(f"Tệp «{path.name}» không phải tệp Excel .xlsx đọc được.",
                          "Hãy mở bằng Excel và lưu lại dạng «Excel Workbook (*.xlsx)».",
                          Location(file=str(path))) from exc
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise SourceError(f"Tệp «{path.name}» không có trang tính «{sheet}».",
                              f"Các trang tính có: {', '.join(names)}.", Location(file=str(path)))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        width = min(ws.max_column or 0, MAX_SOURCE_COLUMNS)
        height = min(ws.max_row or 0, MAX_TABLE_ROWS + 50)
        grid = [[ws.cell(row=r, column=c).value for c in range(1, width + 1)] for r in range(1, height + 1)]
        merged_across: set[int] = set()
        for merged in ws.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= height and merged.min_col <= width else None
            if merged.max_col > merged.min_col:
                merged_across.add(merged.min_row - 1)
            for r in range(merged.min_row, min(merged.max_row, height) + 1):
                for c in range(merged.min_col, min(merged.max_col, width) + 1):
                    if (r, c) != (merged.min_row, merged.min_col):
                        # across: the group name continues; down: the cell is the one above (header rows)
                        grid[r - 1][c - 1] = "" if r == merged.min_row else None
        return _finish(grid, list(range(1, len(grid) + 1)), merged_across, path, sheet=ws.title, sheets=names)
    finally:
        book.close()


def read_source(path: str | Path, sheet: str | None = None) -> SourceTable:
    """The table in *path* (.csv, .xlsx); raises ``SourceError`` with a Vietnamese message."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"Chỉ nhập được bảng từ tệp .xlsx hoặc .csv, không nhận tệp «{path.name}».",
                          "Trong Excel hãy chọn Lưu thành → «Excel Workbook (*.xlsx)» hoặc «CSV UTF-8».",
                          Location(file=str(path)))
    if not path.is_file():
        raise SourceError(f"Không tìm thấy tệp «{path}».", "Hãy kiểm tra lại đường dẫn.", Location(file=str(path)))
    if suffix == ".csv":
        if sheet:
            raise SourceError("Tệp .csv chỉ có một trang; không dùng --sheet với tệp .csv.", "Bỏ --sheet rồi chạy lại.")
        return read_csv(path)
    return read_xlsx(path, sheet)
