"""The draft: everything drafters and reviewers entered.  Plain data, no Qt.

A ``Draft`` holds the report metadata, one ``SectionData`` per section id of
its template pack (body text, structured field values, status) and the rows
of the pack's tables.  Field values and table cells are JSON primitives (int,
str, bool, None, or a dict for a document reference); the pack's field types
say how to read and format them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..constants import AUTOMATIC_STATUSES, DEFAULT_TEMPLATE_ID, PeriodKind, SectionStatus
from ..formatting import next_period_phrase, period_phrase
from .richtext import Body, body_is_empty

FieldValue = Any  # JSON primitive or dict


def _this_year() -> int:
    return date.today().year


@dataclass
class Period:
    """Reporting period: first half, whole year or a quarter of ``year`` (this year unless given).

    A new draft's period comes from ``periods.reporting_period`` (today's date and the pack's kind).
    """

    kind: PeriodKind = PeriodKind.FIRST_HALF
    year: int = field(default_factory=_this_year)
    quarter: int | None = None

    def phrase(self) -> str:
        """"6 tháng đầu năm 2021" and the like."""
        return period_phrase(self.kind, self.year, self.quarter)

    def next_phrase(self) -> str:
        """"6 tháng cuối năm 2021" and the like."""
        return next_period_phrase(self.kind, self.year, self.quarter)


@dataclass
class Signer:
    """Who signs: authority prefix (TM., KT., Q., TL., TUQ.), the head's title, own title, name."""

    prefix: str = "KT."
    head_title: str = "Chủ tịch"
    title: str = "Phó Chủ tịch"
    name: str = ""


@dataclass
class ReportMeta:
    """Metadata of the report: header block, period, title, signer, recipients.

    Province and place start empty: a new draft takes them from the office
    (``drafts.new_meta``: the remembered office, ``baocao new --tinh``, the
    wizard's province chooser), never from the sample.
    """

    body: str = "Ủy ban nhân dân"            # issuing body (cơ quan ban hành)
    locality: str = ""                       # its province/city, second header line: "tỉnh Lâm Đồng"
    parent_body: str = ""                    # cơ quan chủ quản, when there is one
    place: str = ""                          # địa danh of the date line: "Lâm Đồng"
    number: str = ""                         # empty until issued: "Số:      /BC-UBND"
    symbol: str = "BC-UBND"
    issue_date: date | None = None
    period: Period = field(default_factory=Period)
    doc_type: str = "Báo cáo"
    summary: str = ""                        # empty → the pack's default summary line
    is_draft: bool = True                    # shows "DỰ THẢO"
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)

    def number_symbol(self) -> str:
        """"12/BC-UBND", or "     /BC-UBND" while the number is not given."""
        return f"{self.number or chr(0xA0) * 6}/{self.symbol}"


@dataclass
class SectionData:
    """What was entered for one section of the pack."""

    body: Body = field(default_factory=list)
    fields: dict[str, FieldValue] = field(default_factory=dict)
    status: SectionStatus = SectionStatus.EMPTY

    def is_empty(self) -> bool:
        """True when neither text nor any field value was entered."""
        return body_is_empty(self.body) and all(v in (None, "", [], {}) for v in self.fields.values())

    def shown_status(self) -> SectionStatus:
        """The status the drafter sees: "trống" / "đang soạn" follow the work, the others are chosen.

        "trống" and "đang soạn" are never stored as a decision: a section with
        text or figures is "đang soạn", one without is "trống".  "xong", "cần
        sửa" and "đã duyệt" are set by a person and stay until changed.
        """
        if self.status in AUTOMATIC_STATUSES:
            return SectionStatus.EMPTY if self.is_empty() else SectionStatus.IN_PROGRESS
        return self.status


@dataclass
class Draft:
    """A whole draft report."""

    template_id: str = DEFAULT_TEMPLATE_ID
    meta: ReportMeta = field(default_factory=ReportMeta)
    sections: dict[str, SectionData] = field(default_factory=dict)
    tables: dict[str, list[dict[str, FieldValue]]] = field(default_factory=dict)
    #: data of other parts of the product, by name ("gop-y" for review, "kiem-tra" for checks …):
    #: JSON values (dict, list, str, number, bool, None), saved, versioned and exported like the rest.
    extras: dict[str, Any] = field(default_factory=dict)

    def section(self, section_id: str) -> SectionData:
        """The data of *section_id*, created empty on first access."""
        data = self.sections.get(section_id)
        if data is None:
            data = self.sections[section_id] = SectionData()
        return data

    def table_rows(self, table_id: str) -> list[dict[str, FieldValue]]:
        """The rows of *table_id*, created empty on first access."""
        return self.tables.setdefault(table_id, [])
