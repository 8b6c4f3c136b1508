"""Constants shared by the whole application: names, versions, enumerations.

Every magic string that more than one module needs lives here, so that section
statuses, period kinds, authority prefixes and file details are spelled once.
"""

from __future__ import annotations

from enum import Enum

APP_NAME = "baocao"
APP_DISPLAY_NAME = "Báo cáo"
ORG_NAME = "baocao"

#: Suffix of a draft file (an SQLite database, see ``baocao.storage``).
DRAFT_SUFFIX = ".baocao"
#: ``PRAGMA application_id`` written into every draft file ("BAOC").
DRAFT_APPLICATION_ID = 0x42414F43
#: Schema version of the draft file this build writes.  Bump together with a
#: migration in ``baocao.storage.schema``.
DRAFT_SCHEMA_VERSION = 3

#: Identifier of the built-in template pack for the semi-annual report.
DEFAULT_TEMPLATE_ID = "bao-cao-6-thang"
#: The sample draft shipped in ``resources/samples``.
SAMPLE_DRAFT_NAME = "mau-bao-cao-6-thang-dak-nong-2021.json"
#: The office's remembered details (province, place, body, signer), in the user config folder.
OFFICE_PROFILE_NAME = "don-vi.json"
#: Days after a period ends during which a new draft still reports that period (``periods.reporting_period``).
REPORT_GRACE_DAYS = 15

#: Vietnamese alphabet order used for point letters a) b) c) d) đ) e) g) …
VIETNAMESE_POINT_LETTERS = (
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
    "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
)


class SectionStatus(str, Enum):
    """Progress of one section as the drafter and reviewers see it."""

    EMPTY = "trong"
    IN_PROGRESS = "dang-soan"
    DONE = "xong"
    NEEDS_WORK = "can-sua"
    APPROVED = "da-duyet"

    @property
    def label(self) -> str:
        """Vietnamese label shown in the outline."""
        return SECTION_STATUS_LABELS[self]


SECTION_STATUS_LABELS = {
    SectionStatus.EMPTY: "trống",
    SectionStatus.IN_PROGRESS: "đang soạn",
    SectionStatus.DONE: "xong",
    SectionStatus.NEEDS_WORK: "cần sửa",
    SectionStatus.APPROVED: "đã duyệt",
}


#: Statuses that follow the section's content (never a person's decision).
AUTOMATIC_STATUSES = (SectionStatus.EMPTY, SectionStatus.IN_PROGRESS)
#: Statuses that count as finished in the progress line.
FINISHED_STATUSES = (SectionStatus.DONE, SectionStatus.APPROVED)


class PeriodKind(str, Enum):
    """The reporting period of a draft."""

    FIRST_HALF = "6-thang-dau"
    WHOLE_YEAR = "ca-nam"
    QUARTER = "quy"


#: ``baocao new --ky`` values → (period kind, quarter); "quy" alone is the quarter reported today.
PERIOD_OPTIONS: dict[str, tuple[PeriodKind, int | None]] = {
    "6-thang-dau": (PeriodKind.FIRST_HALF, None),
    "ca-nam": (PeriodKind.WHOLE_YEAR, None),
    "quy": (PeriodKind.QUARTER, None),
    **{f"quy-{q}": (PeriodKind.QUARTER, q) for q in range(1, 5)},
}


#: Authority prefixes of the signature block (Nghị định 30/2020, Điều 13).
#: Each maps to the lines above the signer's name; ``{body}`` is the issuing
#: body in capitals, ``{head}`` the head's title ("CHỦ TỊCH"), ``{title}`` the
#: signer's own title.
SIGNATURE_PATTERNS: dict[str, tuple[str, ...]] = {
    "TM.": ("TM. {body}", "{title}"),
    "KT.": ("TM. {body}", "KT. {head}", "{title}"),
    "Q.": ("TM. {body}", "Q. {head}"),
    "TL.": ("TL. {head}", "{title}"),
    "TUQ.": ("TUQ. {head}", "{title}"),
    "": ("{title}",),
}
AUTHORITY_PREFIXES = tuple(SIGNATURE_PATTERNS)

#: Bullet characters for item levels 1 and 2 ("- " and "+ ").
ITEM_BULLETS = ("-", "+")


class NumberStyle(str, Enum):
    """How a heading level is numbered (resolved in the document model)."""

    PART = "phan"            # Phần thứ nhất, Phần thứ hai … (own line)
    ROMAN = "la-ma"          # I. II. III.
    ARABIC = "so"            # 1. 2. 3.
    LETTER_PAREN = "chu-ngoac"  # a) b) … đ) …
    LETTER_DOT = "chu-cham"  # a. b. … đ. …
    DASH = "gach"            # -
    PLUS = "cong"            # +
    RUN_IN = "chay-lien"     # no label; the title runs into the first paragraph ("Đánh giá chung: …")
    NONE = "khong"           # no label


#: Ordinal words for "Phần thứ …".
PART_ORDINALS = (
    "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
    "mười một", "mười hai",
)

#: Short forms of issuing bodies used in running text ("UBND tỉnh").
BODY_ABBREVIATIONS = {
    "Ủy ban nhân dân": "UBND",
    "Uỷ ban nhân dân": "UBND",
    "Hội đồng nhân dân": "HĐND",
}

#: section id prefix of the printed text of sections the pack no longer has ("chua-xep-muc:<id>"), shared by
#: the renderer and the window (which must not load the renderer to read it)
UNPLACED_PREFIX = "chua-xep-muc:"
