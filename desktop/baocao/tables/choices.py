"""Columns of ``type = "choice"``: a value out of the pack's declared list (the sources of tasks).  No Qt.

A choice cell stores the choice's ``key`` ("chinh-phu").  Reading is lenient
so that nothing typed is lost: the key, the label or one of the ``aliases``
(compared without case, extra spaces or Unicode form differences) all read as
that choice — older drafts whose cells hold the label as free text keep
working unchanged.  A text that matches no choice is kept as it is, shown as
it is (its own group in a grouped table) and reported by the checks; typing,
pasting or importing such a text is refused with the list of choices.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..template.manifest import ChoiceSpec, ColumnSpec, TableSpec
from ..text import clean_line

#: a choice key: lower-case ASCII letters, digits and hyphens ("chinh-phu")
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
#: most choices one column may declare
MAX_CHOICES = 50

ERR_UNKNOWN = "«{value}» không phải một lựa chọn của cột «{column}»; chọn một trong: {choices}."


def loose(text: str) -> str:
    """*text* compared loosely: NFC, case folded, single spaces."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=256)
def _lookup(choices: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, label, aliases in choices:
        for name in (key, label, *aliases):
            table.setdefault(loose(name), key)
    return table


def _signature(column: ColumnSpec) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return tuple((c.key, c.label, tuple(c.aliases)) for c in column.choices)


def choice_key(column: ColumnSpec, raw: Any) -> str | None:
    """The key of the choice *raw* names (key, label or alias), or None when it names none."""
    if raw in (None, "") or not column.choices:
        return None
    return _lookup(_signature(column)).get(loose(raw))


def choice(column: ColumnSpec, key: str) -> ChoiceSpec | None:
    """The declared choice *key* of *column*, if any."""
    return next((c for c in column.choices if c.key == key), None)


def choice_label(column: ColumnSpec, raw: Any) -> str:
    """What a stored cell shows: the choice's label, else the text as stored ("" when empty)."""
    key = choice_key(column, raw)
    if key is not None:
        return next(c.label for c in column.choices if c.key == key)
    return clean_line(str(raw)) if raw not in (None, "") else ""


def choices_text(column: ColumnSpec) -> str:
    """The choices listed for a message: "«chinh-phu» Chính phủ …; «ke-hoach» …"."""
    return "; ".join(f"«{c.key}» {c.label}" for c in column.choices)


def choice_problem(column: ColumnSpec, raw: Any) -> str | None:
    """Why the stored cell *raw* is not one of *column*'s choices (None when empty or a choice)."""
    if column.type != "choice" or raw in (None, "") or choice_key(column, raw) is not None:
        return None
    return ERR_UNKNOWN.format(value=clean_line(str(raw)), column=column.header, choices=choices_text(column))


def choice_order(column: ColumnSpec, raw: Any) -> int:
    """Where the group of *raw* goes: the declared order, then texts that are no choice (in order of appearance)."""
    key = choice_key(column, raw)
    return next((i for i, c in enumerate(column.choices) if c.key == key), len(column.choices))


def choice_column_problem(spec: TableSpec, column: ColumnSpec) -> str | None:
    """Why the declared choices of *column* cannot be used (Vietnamese), or None."""
    where = f"Cột «{column.key}» của bảng «{spec.id}»"
    if column.type != "choice":
        return f"{where} có choices nhưng không có type = \"choice\"." if column.choices else None
    if not column.choices:
        return f"{where} có type = \"choice\" nhưng chưa khai báo lựa chọn nào ([[tables.columns.choices]])."
    if len(column.choices) > MAX_CHOICES:
        return f"{where} có {len(column.choices)} lựa chọn, nhiều hơn {MAX_CHOICES}."
    if column.sum_of or column.formula or column.total:
        return f"{where} là cột lựa chọn nên không dùng sum_of, formula hay total."
    seen: dict[str, str] = {}
    for item in column.choices:
        if not isinstance(item.key, str) or not KEY_PATTERN.fullmatch(item.key):
            return (f"{where}: mã lựa chọn «{item.key}» không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu "
                    "gạch ngang, ví dụ key = \"chinh-phu\".")
        if not isinstance(item.label, str) or not item.label.strip():
            return f"{where}: lựa chọn «{item.key}» chưa có label (chữ in ra báo cáo)."
        for name in (item.key, item.label, *item.aliases):
            other = seen.get(loose(name))
            if other is not None and other != item.key:
                return f"{where}: «{name}» vừa chỉ lựa chọn «{other}» vừa chỉ «{item.key}»; mỗi tên chỉ một lựa chọn."
            seen[loose(name)] = item.key
    return None
