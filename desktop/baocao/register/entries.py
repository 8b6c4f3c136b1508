"""The register's entries: one per cited document, kept in ``draft.extras["van-ban"]``.  No Qt.

Stored value: ``{"version": 1, "entries": [{"id", "type", "number", "symbol", "date", "issuer",
"summary"}, …]}`` (date as ISO text or ""), in the register's order.  Reading is forgiving — a
malformed entry is skipped, never fatal — and every change goes through ``SetExtra`` (undoable).
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from ..errors import BaocaoError
from ..model.draft import Draft
from ..text import clean_line
from .constants import EXTRA_NAME, FIELD_LABELS, MAX_ENTRIES, MAX_TEXT, REGISTER_VERSION

TYPE_CHECKING = False           # rendering reads entries: no edits, no uuid (loaded when the register changes)
if TYPE_CHECKING:
    from ..edits import SetExtra

FIELDS = ("type", "number", "symbol", "date", "issuer", "summary")


class RegisterError(BaocaoError):
    """A register entry that cannot be stored as given (Vietnamese message + hint)."""


@dataclass(frozen=True)
class Entry:
    """One document of the register."""

    id: str
    type: str
    number: str
    symbol: str = ""
    date: str = ""          # ISO "2021-01-12" or ""
    issuer: str = ""
    summary: str = ""

    @property
    def day(self) -> date | None:
        """The issue date, or None when not given."""
        try:
            return date.fromisoformat(self.date) if self.date else None
        except ValueError:
            return None

    @property
    def number_symbol(self) -> str:
        """"42/QĐ-UBND" (just the number when there is no symbol)."""
        return f"{self.number}/{self.symbol}" if self.symbol else self.number

    def to_dict(self) -> dict[str, str]:
        """The entry as stored."""
        return asdict(self)


def new_id() -> str:
    """A fresh entry id."""
    import uuid

    return "vb-" + uuid.uuid4().hex[:10]


def _entry_from(data: Any) -> Entry | None:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not data["id"].strip():
        return None
    values = {k: clean_line(str(data.get(k) or ""))[:MAX_TEXT] for k in FIELDS}
    if not values["type"] or not values["number"]:
        return None
    return Entry(data["id"].strip(), **values)


def register_entries(draft: Draft) -> list[Entry]:
    """The register of *draft*, in its order (malformed entries skipped, first of a repeated id kept)."""
    value = draft.extras.get(EXTRA_NAME)
    raw = value.get("entries") if isinstance(value, dict) else None
    out: list[Entry] = []
    seen: set[str] = set()
    for item in (raw if isinstance(raw, list) else [])[:MAX_ENTRIES]:
        entry = _entry_from(item)
        if entry is not None and entry.id not in seen:
            seen.add(entry.id)
            out.append(entry)
    return out


def entries_by_id(draft: Draft) -> dict[str, Entry]:
    """The register as {id: entry}."""
    return {e.id: e for e in register_entries(draft)}


def validated(entry: Entry) -> Entry:
    """*entry* with its texts cleaned; ``RegisterError`` says in Vietnamese what is missing or wrong."""
    values = {k: clean_line(getattr(entry, k)) for k in FIELDS}
    if not values["type"]:
        raise RegisterError("Chưa có loại văn bản.", "Chọn hoặc gõ loại, ví dụ «Quyết định», «Kế hoạch».")
    if not values["number"]:
        raise RegisterError("Chưa có số của văn bản.", "Gõ số, ví dụ «42»; ký hiệu gõ ở ô bên cạnh (QĐ-UBND).")
    if "/" in values["number"] and not values["symbol"]:
        number, _, symbol = values["number"].partition("/")
        values["number"], values["symbol"] = number.strip(), symbol.strip()
    if values["date"]:
        try:
            date.fromisoformat(values["date"])
        except ValueError:
            raise RegisterError(f"Ngày «{values['date'][:40]}» không hợp lệ.",
                                "Ngày viết dạng năm-tháng-ngày (2021-01-12) hoặc để trống.") from None
    for key, text in values.items():
        if len(text) > MAX_TEXT:
            raise RegisterError(f"Ô «{FIELD_LABELS[key]}» dài quá {MAX_TEXT} ký tự.", "Rút gọn cho vừa.")
    return replace(entry, **values)


def _stored(draft: Draft, entries: list[Entry]) -> dict[str, Any]:
    value = copy.deepcopy(draft.extras.get(EXTRA_NAME)) if isinstance(draft.extras.get(EXTRA_NAME), dict) else {}
    value["version"] = REGISTER_VERSION
    value["entries"] = [e.to_dict() for e in entries]
    return value


def set_entries(draft: Draft, entries: list[Entry], label: str) -> SetExtra:
    """The undoable edit storing *entries* as the register (other keys of the stored value kept)."""
    if len(entries) > MAX_ENTRIES:
        raise RegisterError(f"Danh mục có quá {MAX_ENTRIES} văn bản.", "Xóa bớt các văn bản không còn trích dẫn.")
    from ..edits import SetExtra

    return SetExtra.make(draft, EXTRA_NAME, _stored(draft, entries), label)


def add_entry(draft: Draft, entry: Entry) -> SetExtra:
    """The edit adding *entry* (validated) at the end of the register."""
    entry = validated(entry)
    entries = register_entries(draft)
    if any(e.id == entry.id for e in entries):
        raise RegisterError("Văn bản này đã có trong danh mục.", "Sửa văn bản có sẵn thay vì thêm lần nữa.")
    return set_entries(draft, entries + [entry], "Thêm văn bản vào danh mục")


def update_entry(draft: Draft, entry: Entry) -> SetExtra:
    """The edit replacing the entry with *entry*'s id (rename or correct it: every citation follows)."""
    entry = validated(entry)
    entries = register_entries(draft)
    if not any(e.id == entry.id for e in entries):
        raise RegisterError("Văn bản này không còn trong danh mục.", "Có thể nó vừa bị xóa; hãy thêm lại.")
    return set_entries(draft, [entry if e.id == entry.id else e for e in entries], "Sửa văn bản trong danh mục")


def remove_entry(draft: Draft, entry_id: str) -> SetExtra:
    """The edit removing entry *entry_id* (its citations then say the document is missing)."""
    entries = register_entries(draft)
    return set_entries(draft, [e for e in entries if e.id != entry_id], "Xóa văn bản khỏi danh mục")


def find_same(entries: list[Entry], entry: Entry) -> Entry | None:
    """The entry of *entries* for the same document as *entry* (same type and number/symbol)."""
    key = (entry.type.lower(), entry.number_symbol.upper())
    return next((e for e in entries if (e.type.lower(), e.number_symbol.upper()) == key), None)
