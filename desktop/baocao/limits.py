"""Bounds on what a draft may hold, checked where data comes in.  No Qt.

No real report comes near these numbers (the largest provincial report seen
has about 60 sections, 400 paragraphs and 300 footnotes); they exist so that a
damaged or hostile file is refused quickly with a clear message instead of
stalling the window for minutes, and so that every accepted draft can still be
exported and converted by LibreOffice in reasonable time.  The same bounds
apply to the JSON interchange files, the draft file and edits in the window,
so the product never writes a draft it would refuse to open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import DraftDataError

#: largest JSON interchange file read (bytes)
MAX_JSON_BYTES = 32 * 1024 * 1024
#: paragraphs in one section's body
MAX_PARAGRAPHS = 5_000
#: footnotes in one section
MAX_NOTES = 2_000
#: characters of text in one section (body and its notes): about 300 printed pages
MAX_SECTION_CHARS = 1_000_000
#: rows of one table
MAX_TABLE_ROWS = 2_000
#: entries of "Nơi nhận"
MAX_RECIPIENTS = 200
#: characters of one metadata value, field value or table cell
MAX_VALUE_CHARS = 20_000
#: the largest magnitude of a figure in a field or cell (a sum in đồng fits easily); larger ones are invalid values
MAX_NUMBER = 10 ** 18
#: nesting of JSON values inside extras (comments, dismissals …)
MAX_DEPTH = 40

FIX_HINT = "Tệp có thể bị hỏng hoặc không phải bản thảo thật. Hãy mở bản sao lưu hoặc xin lại tệp gốc."


@dataclass(frozen=True)
class Limit:
    """One bound: its name in Vietnamese and its value (for messages)."""

    what: str
    most: int


def too_big(what: str, count: int, most: int, where: str = "") -> DraftDataError:
    """The error for a count over its bound: which limit, how many there are, what to do."""
    place = f" ({where})" if where else ""
    return DraftDataError(f"Bản thảo vượt giới hạn{place}: {count:,} {what}, tối đa {most:,}.".replace(",", "."),
                          FIX_HINT)


def check_count(what: str, count: int, most: int, where: str = "") -> None:
    """Raise ``DraftDataError`` when *count* is over *most*."""
    if count > most:
        raise too_big(what, count, most, where)


def value_problem(value: Any, depth: int = 0) -> str | None:
    """Why a stored JSON value cannot be kept (None when it is fine): too long, too deep, not JSON.

    Numbers are not judged here: a figure that is too large or not finite is kept
    and reported by the checks as an invalid value (``baocao.fields``), like any
    figure that cannot be used.
    """
    if depth > MAX_DEPTH:
        return f"lồng nhau quá {MAX_DEPTH} tầng"
    if value is None or isinstance(value, (bool, int, float)):
        return None
    if isinstance(value, str):
        return None if len(value) <= MAX_VALUE_CHARS else f"dài quá {MAX_VALUE_CHARS:,} ký tự".replace(",", ".")
    if isinstance(value, list):
        return next((p for p in (value_problem(v, depth + 1) for v in value) if p), None)
    if isinstance(value, dict):
        return next((p for p in (value_problem(v, depth + 1) for v in value.values()) if p), None)
    return f"kiểu dữ liệu không hợp lệ ({type(value).__name__})"


def check_value(value: Any, where: str) -> None:
    """Raise ``DraftDataError`` naming *where* when *value* cannot be kept."""
    problem = value_problem(value)
    if problem:
        raise DraftDataError(f"Giá trị không hợp lệ ở {where}: {problem}.", FIX_HINT)


def check_raw_section(section_id: str, data: Any) -> None:
    """Counts of a section as read from JSON, before any object is built from it."""
    body = data.get("body") if isinstance(data, dict) else None
    if isinstance(body, list):
        check_count("đoạn văn trong một mục", len(body), MAX_PARAGRAPHS, f"mục «{section_id}»")
        notes = 0
        for para in body:
            content = para.get("content") if isinstance(para, dict) else None
            if isinstance(content, list):
                notes += sum(1 for item in content if isinstance(item, dict) and "note" in item)
        check_count("chú thích trong một mục", notes, MAX_NOTES, f"mục «{section_id}»")


def check_raw_table(table_id: str, rows: Any) -> None:
    """Row count of a table as read from JSON, before its rows are copied."""
    if isinstance(rows, list):
        check_count("dòng trong một bảng", len(rows), MAX_TABLE_ROWS, f"bảng «{table_id}»")


def section_text_length(body: list) -> int:
    """Characters of text in a body and its notes."""
    from .model.richtext import Note, Span

    total = 0
    for para in body:
        for item in para.content:
            if isinstance(item, Span):
                total += len(item.text)
            elif isinstance(item, Note):
                total += sum(len(s.text) for p in item.paragraphs for s in p)
    return total


def draft_problem(draft: Any) -> str | None:
    """Why a draft (as the window is about to store it) is over a bound, in Vietnamese; None when within."""
    meta = draft.meta
    if len(meta.recipients) > MAX_RECIPIENTS:
        return f"«Nơi nhận» có {len(meta.recipients)} dòng, tối đa {MAX_RECIPIENTS}."
    for section_id, section in draft.sections.items():
        if len(section.body) > MAX_PARAGRAPHS:
            return f"Mục «{section_id}» có {len(section.body)} đoạn, tối đa {MAX_PARAGRAPHS}."
        if section_text_length(section.body) > MAX_SECTION_CHARS:
            return f"Mục «{section_id}» dài quá {MAX_SECTION_CHARS:,} ký tự.".replace(",", ".")
        problem = value_problem(section.fields)
        if problem:
            return f"Số liệu của mục «{section_id}»: {problem}."
    for table_id, rows in draft.tables.items():
        if len(rows) > MAX_TABLE_ROWS:
            return f"Bảng «{table_id}» có {len(rows)} dòng, tối đa {MAX_TABLE_ROWS}."
        problem = value_problem(rows)
        if problem:
            return f"Bảng «{table_id}»: {problem}."
    return None


def check_draft(draft: Any, where: str = "") -> None:
    """Raise ``DraftDataError`` when a loaded draft is over a bound."""
    problem = draft_problem(draft)
    if problem:
        raise DraftDataError(f"Bản thảo vượt giới hạn{f' ({where})' if where else ''}: {problem}", FIX_HINT)


def edit_problem(edit: Any) -> str | None:
    """Why the window must refuse *edit* (it would make the draft exceed a bound), in Vietnamese; None: fine.

    Only the slot the edit writes is measured, so this is cheap enough for every keystroke.
    """
    from .edits import SetExtra, SetFieldValue, SetMeta, SetSectionBody, SetTableRows

    if isinstance(edit, SetSectionBody):
        if len(edit.new) > MAX_PARAGRAPHS:
            return f"Một mục chỉ được tối đa {MAX_PARAGRAPHS:,} đoạn.".replace(",", ".")
        if section_text_length(edit.new) > MAX_SECTION_CHARS:
            return f"Một mục chỉ được dài tối đa {MAX_SECTION_CHARS:,} ký tự (khoảng 300 trang).".replace(",", ".")
        notes = sum(len(p.notes()) for p in edit.new)
        if notes > MAX_NOTES:
            return f"Một mục chỉ được có tối đa {MAX_NOTES:,} chú thích.".replace(",", ".")
    elif isinstance(edit, SetTableRows):
        if len(edit.new) > MAX_TABLE_ROWS:
            return f"Một bảng chỉ được có tối đa {MAX_TABLE_ROWS:,} dòng.".replace(",", ".")
        problem = value_problem(edit.new)
        return f"Ô bảng: {problem}." if problem else None
    elif isinstance(edit, SetMeta):
        if len(edit.new.recipients) > MAX_RECIPIENTS:
            return f"«Nơi nhận» chỉ được có tối đa {MAX_RECIPIENTS} dòng."
    elif isinstance(edit, (SetFieldValue, SetExtra)):
        problem = value_problem(edit.new)
        return f"Giá trị {problem}." if problem else None
    return None
