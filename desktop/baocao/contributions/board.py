"""The status board: units asked, sent, late; contributions still unused; reminders to copy into an e-mail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model.draft import Draft
from .merge import used_sections
from .request_doc import deadline_text
from .store import contributions, requests, units

SENT = "đã gửi"
WAITING = "đang chờ"
LATE = "quá hạn"
NOT_ASKED = "chưa đề nghị"


@dataclass
class UnitRow:
    """One unit on the board."""

    unit: str
    state: str                                  # SENT, WAITING, LATE or NOT_ASKED
    sections: list[str] = field(default_factory=list)   # asked for (latest request)
    deadline: date | None = None
    received: list[str] = field(default_factory=list)   # contribution ids
    unused: list[str] = field(default_factory=list)     # contribution ids none of whose paragraphs are in the draft


def board(draft: Draft, today: date | None = None) -> list[UnitRow]:
    """A row per unit known to the draft (asked or sending), in the order of the units' list."""
    today = today or date.today()
    asked = {}
    for req in requests(draft):
        asked[req.unit] = req
    got: dict[str, list] = {}
    for item in contributions(draft):
        got.setdefault(item.unit, []).append(item)
    names = list(dict.fromkeys(units(draft) + list(asked) + list(got)))
    rows = []
    for name in names:
        req = asked.get(name)
        items = got.get(name, [])
        if items:
            state = SENT
        elif req is None:
            state = NOT_ASKED
        elif req.deadline and req.deadline < today:
            state = LATE
        else:
            state = WAITING
        rows.append(UnitRow(name, state, list(req.sections) if req else [], req.deadline if req else None,
                            [i.id for i in items], [i.id for i in items if not used_sections(draft, i)]))
    return rows


def unused_by_section(draft: Draft) -> dict[str, list[str]]:
    """Section id → units whose contribution for it has no paragraph in the section yet."""
    out: dict[str, list[str]] = {}
    for item in contributions(draft):
        used = used_sections(draft, item)
        for section_id in item.sections:
            if section_id not in used:
                out.setdefault(section_id, []).append(item.unit)
    return out


def reminders(draft: Draft, titles: dict[str, str], today: date | None = None) -> str:
    """The text of reminders to the units that have not sent yet, ready to paste into an e-mail."""
    lines = []
    for row in board(draft, today):
        if row.state not in (WAITING, LATE):
            continue
        wanted = "; ".join(titles.get(sid, sid) for sid in row.sections)
        when = f" trước ngày {deadline_text(row.deadline)}" if row.deadline else ""
        late = " (đã quá hạn)" if row.state == LATE else ""
        lines.append(f"- Kính gửi {row.unit}{late}: đề nghị gửi nội dung các mục: {wanted}{when}.")
    return "\n".join(lines)
