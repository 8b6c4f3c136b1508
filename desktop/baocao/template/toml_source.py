"""TOML of a pack with messages that point at the line: syntax errors (line and column) and key lines.

``tomllib`` gives a line and column only for syntax errors; ``KeyLines`` finds
the line of a key (inside one ``[[sections]]`` block, after a given line) so
that a wrong value or an unknown key is reported where it is written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Location, TemplateError
from . import toml_cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    import tomllib

_TOML_LINE = re.compile(r"line (\d+)")
_TOML_COLUMN = re.compile(r"column (\d+)")


def _toml_error(exc: tomllib.TOMLDecodeError, path: Path, source: str | None = None) -> TemplateError:
    """A TOML syntax error with its line and column, in Vietnamese (*source*: the text, for "at end of document")."""
    text = str(exc)
    line = _TOML_LINE.search(text)
    column = _TOML_COLUMN.search(text)
    at_end = source is not None and "(at end of document)" in text
    text = text.replace(" (at end of document)", "")
    from .toml_messages import vietnamese_reason      # only for a file that does not parse (not on every export)

    reason = vietnamese_reason(re.sub(r"\s*\(at line \d+, column \d+\)", "", text) or text)
    said = f" {reason}" if reason.startswith("(") else f": {reason}"       # unknown reasons stay as tomllib said
    return TemplateError(f"Tệp «{path.name}» viết sai cú pháp TOML{said}.",
                         "Thường gặp: thiếu dấu ngoặc kép đóng, thiếu dấu «=», hoặc tên bảng [..] viết sai. "
                         "Sửa tại dòng và cột được nêu rồi thử lại.",
                         Location(file=str(path), line=int(line.group(1)) if line else _end_line(source, at_end),
                                  column=int(column.group(1)) if column else _end_column(source, at_end)))


def _end_line(source: str | None, at_end: bool) -> int | None:
    """The last line of *source* (1-based) for an error "at end of document"."""
    return source.count("\n") + 1 if at_end and source is not None else None


def _end_column(source: str | None, at_end: bool) -> int | None:
    return len(source.rsplit("\n", 1)[-1]) + 1 if at_end and source is not None else None


def parse_toml_text(text: str, path: Path) -> dict[str, Any]:
    """Parse TOML *text* (of file *path*, for messages); a text parsed before comes from ``toml_cache``."""
    cached = toml_cache.load(text)
    if cached is not None:
        return cached
    import tomllib

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, path, text) from exc
    toml_cache.store(text, table)
    return table


class KeyLines:
    """Finds the line of a key in manifest.toml (TOML parsers give lines only for syntax errors)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def find(self, key: str, section_id: str | None = None, after: str | None = None) -> int | None:
        """The 1-based line of ``key = …`` (inside the section *section_id*, after the line holding *after*)."""
        start = 0
        if section_id:
            id_line = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(section_id)}[\"']")
            start = next((i for i, line in enumerate(self.lines) if id_line.match(line)), 0)
            block = start
            while block > 0 and not self.lines[block].lstrip().startswith("[["):
                block -= 1
            start = block
        if after:
            start = next((i for i in range(start, len(self.lines)) if after in self.lines[i]), start)
        key_line = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for index in range(start, len(self.lines)):
            if index > start and section_id and self.lines[index].lstrip().startswith("[[sections]]"):
                break
            if key_line.match(self.lines[index]):
                return index + 1
        return None

    def table(self, name: str) -> int | None:
        """The line of the table header ``[name]`` or ``[[name]]``."""
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]")
        return next((i + 1 for i, line in enumerate(self.lines) if header.match(line)), None)

    def section(self, section_id: str) -> int | None:
        """The line of ``id = "<section_id>"``."""
        return next(
            (i + 1 for i, line in enumerate(self.lines)
             if re.match(rf"^\s*id\s*=\s*[\"']{re.escape(section_id)}[\"']", line)), None)
