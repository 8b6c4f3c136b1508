"""Units, requests and contributions as kept in ``draft.extras["dong-gop"]``; changed only through ``SetExtra``."""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..edits import SetExtra
from ..model.draft import Draft
from ..model.richtext import Body, Para
from ..model.serialize import body_from_list, body_to_list
from .constants import EXTRA_NAME, MAX_CONTRIBUTIONS


@dataclass
class Request:
    """What the office asked of one unit: the sections and by when."""

    id: str
    unit: str
    sections: list[str]
    deadline: date | None = None
    created: str = ""            # ISO date-time
    by: str = ""                 # who asked

    def to_dict(self) -> dict[str, Any]:
        """As JSON."""
        return {"id": self.id, "unit": self.unit, "sections": list(self.sections),
                "deadline": self.deadline.isoformat() if self.deadline else None, "created": self.created,
                "by": self.by}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Request":
        """From JSON (unknown or broken values read as empty)."""
        deadline = _date(data.get("deadline"))
        sections = [str(s) for s in data.get("sections") or [] if isinstance(s, str)]
        return cls(str(data.get("id", "")), str(data.get("unit", "")), sections, deadline,
                   str(data.get("created", "")), str(data.get("by", "")))


@dataclass
class Contribution:
    """Text a unit sent: one body per section, and what it wrote outside the marked places."""

    id: str
    unit: str
    sections: dict[str, Body]
    outside: Body = field(default_factory=list)
    request: str = ""            # the request's code, "" when the file carried none
    person: str = ""             # who wrote it (the file's author), when known
    written: date | None = None  # when the unit saved it (the file's date), when known
    file: str = ""               # file name it came from
    kind: str = "docx"           # "docx" or "baocao"
    digest: str = ""             # sha-256 of what was read: the same file imported twice is recognised
    imported: str = ""           # ISO date-time of the import
    #: tables the unit put in: section id ("" outside the sections) → grids of cell text, kept as sent
    tables: dict[str, list[list[list[str]]]] = field(default_factory=dict)

    def paragraph_count(self) -> int:
        """Paragraphs over all sections (outside text not counted)."""
        return sum(len(body) for body in self.sections.values())

    def to_dict(self) -> dict[str, Any]:
        """As JSON (bodies in the draft's own paragraph form)."""
        return {"id": self.id, "unit": self.unit, "request": self.request, "person": self.person,
                "date": self.written.isoformat() if self.written else None, "file": self.file, "kind": self.kind,
                "digest": self.digest, "imported": self.imported,
                "sections": {sid: body_to_list(body) for sid, body in self.sections.items()},
                "outside": body_to_list(self.outside), "tables": self.tables}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Contribution":
        """From JSON."""
        sections = {str(sid): body_from_list(body) for sid, body in (data.get("sections") or {}).items()}
        return cls(str(data.get("id", "")), str(data.get("unit", "")), sections,
                   body_from_list(data.get("outside") or []), str(data.get("request", "") or ""),
                   str(data.get("person", "") or ""), _date(data.get("date")), str(data.get("file", "") or ""),
                   str(data.get("kind", "docx")), str(data.get("digest", "") or ""),
                   str(data.get("imported", "") or ""), _grids(data.get("tables")))


def _grids(value: Any) -> dict[str, list[list[list[str]]]]:
    if not isinstance(value, dict):
        return {}
    return {str(k): [[[str(c) for c in row] for row in grid if isinstance(row, list)]
                     for grid in v if isinstance(grid, list)] for k, v in value.items() if isinstance(v, list)}


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def new_code(prefix: str) -> str:
    """A fresh code: "YC-7F3A9C21" for a request, "DG-…" for a contribution."""
    return f"{prefix}-{secrets.token_hex(4).upper()}"


def _data(draft: Draft) -> dict[str, Any]:
    value = draft.extras.get(EXTRA_NAME)
    return value if isinstance(value, dict) else {}


def units(draft: Draft) -> list[str]:
    """The units the office keeps in this draft, in order."""
    return [str(u) for u in _data(draft).get("units") or [] if isinstance(u, str) and u.strip()]


def requests(draft: Draft) -> list[Request]:
    """Every request made from this draft, oldest first."""
    return [Request.from_dict(r) for r in _data(draft).get("requests") or [] if isinstance(r, dict)]


def contributions(draft: Draft) -> list[Contribution]:
    """Every contribution received, oldest first."""
    return [Contribution.from_dict(c) for c in _data(draft).get("contributions") or [] if isinstance(c, dict)]


def contribution(draft: Draft, contribution_id: str) -> Contribution | None:
    """The contribution with this id."""
    return next((c for c in contributions(draft) if c.id == contribution_id), None)


def request(draft: Draft, code: str) -> Request | None:
    """The request with this code."""
    return next((r for r in requests(draft) if r.id == code), None)


def _changed(draft: Draft, label: str, **changes: Any) -> SetExtra:
    data = copy.deepcopy(_data(draft))
    data.update(changes)
    return SetExtra.make(draft, EXTRA_NAME, data, label)


def set_units(draft: Draft, names: list[str]) -> SetExtra:
    """The edit keeping *names* as the draft's list of units (blank and repeated names dropped)."""
    seen: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and name not in seen:
            seen.append(name)
    return _changed(draft, "Sửa danh sách đơn vị", units=seen)


def add_request(draft: Draft, req: Request) -> SetExtra:
    """The edit recording *req* (and its unit in the list of units)."""
    known = units(draft)
    return _changed(draft, f"Đề nghị {req.unit} viết {len(req.sections)} mục",
                    requests=[r.to_dict() for r in requests(draft)] + [req.to_dict()],
                    units=known + ([req.unit] if req.unit not in known else []))


def add_contribution(draft: Draft, item: Contribution) -> SetExtra:
    """The edit keeping *item* beside the draft (an older one from the same file is replaced)."""
    kept = [c for c in contributions(draft) if not (item.digest and c.digest == item.digest)]
    if len(kept) >= MAX_CONTRIBUTIONS:
        from .errors import ContributionError

        raise ContributionError(f"Bản thảo đã giữ {MAX_CONTRIBUTIONS} phần đóng góp, không nhận thêm được.",
                                "Hãy xóa các phần đóng góp đã dùng xong rồi nhập lại.")
    known = units(draft)
    return _changed(draft, f"Nhập đóng góp của {item.unit}",
                    contributions=[c.to_dict() for c in kept] + [item.to_dict()],
                    units=known + ([item.unit] if item.unit and item.unit not in known else []))


def remove_contribution(draft: Draft, contribution_id: str) -> SetExtra:
    """The edit forgetting a contribution (paragraphs already inserted keep their text and origin)."""
    return _changed(draft, "Xóa phần đóng góp",
                    contributions=[c.to_dict() for c in contributions(draft) if c.id != contribution_id])


def paragraphs_from(draft: Draft, contribution_id: str) -> dict[str, list[int]]:
    """Section id → indices of the paragraphs of the draft taken from *contribution_id*."""
    out: dict[str, list[int]] = {}
    for section_id, data in draft.sections.items():
        hits = [i for i, para in enumerate(data.body) if isinstance(para, Para) and para.origin == contribution_id]
        if hits:
            out[section_id] = hits
    return out
