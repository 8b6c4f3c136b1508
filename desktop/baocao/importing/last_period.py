"""A new draft started from the last period's draft ("Bản thảo mới từ kỳ trước…", ``baocao new --from``).

Kept (standing data): the pack and so the structure; the office and metadata
(issuing body, parent body, province, place, symbol, signer, recipients); the
first text column of each table (the list of units, of documents); the
``STANDING_EXTRAS``: the document register ``extras["van-ban"]`` and the
draft's own dictionary ``extras["kiem-tra"]["tu-dien"]``.

Cleared (period-specific): every section's text and figures and its status,
the table figures, the number and date, the summary line, the reviewers'
comments (``extras["gop-y"]``) and dismissed findings.

Advanced: the period, by the pack's kind (``next_period``).  And the old
"phương hướng, nhiệm vụ …" sections become the new draft's checklist of what to
report on (``checklist.checklist_from``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..constants import PeriodKind
from ..drafts import draft_for_next_period
from ..model.draft import Draft, Period
from ..template.manifest import Pack
from .checklist import checklist_from
from .constants import CHECKLIST_EXTRA, STANDING_EXTRAS


def next_period(previous: Period, kind: PeriodKind) -> Period:
    """The period after *previous* for a pack of *kind*.

    6 tháng đầu năm N → cả năm N (a whole-year pack) or 6 tháng đầu năm N+1;
    cả năm N → cả năm N+1 or 6 tháng đầu năm N+1; a quarter → the next quarter
    (a quarterly pack) or the first half / whole year of the quarter's year or the next.
    """
    year = previous.year
    if kind is PeriodKind.QUARTER:
        if previous.kind is PeriodKind.QUARTER:
            quarter = (previous.quarter or 1) + 1
            return Period(kind, year + (quarter > 4), 1 if quarter > 4 else quarter)
        return Period(kind, year if previous.kind is PeriodKind.FIRST_HALF else year + 1,
                      3 if previous.kind is PeriodKind.FIRST_HALF else 1)
    if kind is PeriodKind.WHOLE_YEAR:
        return Period(kind, year if previous.kind is not PeriodKind.WHOLE_YEAR else year + 1)
    if previous.kind is PeriodKind.QUARTER and (previous.quarter or 1) < 2:
        return Period(kind, year)
    return Period(kind, year + 1)


@dataclass
class CarryOver:
    """What starting from the last period kept and cleared, in words (for the preview and the CLI)."""

    kept: list[str] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)
    checklist: int = 0

    def describe(self) -> list[str]:
        """The lines shown to the drafter."""
        lines = ["Giữ lại:"] + [f"  - {k}" for k in self.kept]
        lines += ["Xóa (thuộc kỳ trước):"] + [f"  - {c}" for c in self.cleared]
        if self.checklist:
            lines.append(f"Danh sách việc cần báo cáo: {self.checklist} việc, lấy từ phần phương hướng, nhiệm vụ "
                         "của kỳ trước.")
        return lines


def _standing_extras(previous: Draft) -> dict:
    out: dict = {}
    for name, keys in STANDING_EXTRAS.items():
        value = previous.extras.get(name)
        if value is None:
            continue
        if keys is None:
            out[name] = copy.deepcopy(value)
        elif isinstance(value, dict):
            part = {k: copy.deepcopy(value[k]) for k in keys if k in value}
            if part:
                out[name] = part
    return out


def draft_from_previous(previous: Draft, pack: Pack, period: Period | None = None) -> tuple[Draft, CarryOver]:
    """The next period's draft made from *previous* (of *pack*), and what was kept and cleared.

    *period* defaults to ``next_period(previous.meta.period, pack.default_period)``.
    """
    period = period or next_period(previous.meta.period, pack.default_period)
    draft = draft_for_next_period(previous, pack, period)
    draft.extras.update(_standing_extras(previous))
    items = checklist_from(previous, pack)
    if items is not None:
        draft.extras[CHECKLIST_EXTRA] = items
    meta = draft.meta
    report = CarryOver(checklist=len(items["items"]) if items else 0)
    report.kept.append(f"cơ quan, địa danh, người ký, {len(meta.recipients)} nơi nhận"
                       + (f" ({meta.locality})" if meta.locality else ""))
    report.kept.append(f"cấu trúc theo mẫu «{pack.name}» ({len(pack.sections)} mục)")
    units = sum(len(rows) for rows in draft.tables.values())
    if units:
        report.kept.append(f"cột tên của các bảng phụ lục ({units} dòng: đơn vị, văn bản)")
    register = previous.extras.get("van-ban")
    if register is not None:
        report.kept.append("danh mục văn bản")
    if "kiem-tra" in draft.extras:
        report.kept.append("từ điển riêng của bản thảo")
    written = [sid for sid, data in previous.sections.items() if not data.is_empty()]
    report.cleared.append(f"nội dung và số liệu của {len(written)} mục")
    figures = sum(len(rows) for rows in previous.tables.values())
    if figures:
        report.cleared.append(f"số liệu của {figures} dòng bảng phụ lục")
    report.cleared.append(f"kỳ báo cáo {previous.meta.period.phrase()} → {period.phrase()}; số, ngày ban hành, "
                          "trích yếu")
    if previous.extras.get("gop-y"):
        report.cleared.append("góp ý của người duyệt")
    return draft, report
