"""What a check returns: a located ``Finding``, its severity, rule ids.  No Qt.

A finding says *where* down to the character: the section (or table, or
"meta"), then the part of it — a body paragraph (``part="body"``), a footnote
of a paragraph (``"note"``), a structured field (``"field"``) or a table cell
(``"cell"``) — and a character ``offset``/``length`` in that text.  Offsets
in a body paragraph count every footnote marker as one character (U+FFFC),
as the editor's text block does (after the "- "/"+ " marker).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "hint"]
#: Vietnamese names of the severities (CLI, panel, JSON)
SEVERITY_NAMES: dict[str, str] = {"error": "lỗi", "warning": "cảnh báo", "hint": "gợi ý"}
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "hint": 2}
PartKind = Literal["", "body", "note", "field", "cell", "meta"]
NOTE_MARK = "\ufffc"   # a footnote marker inside a body paragraph's text

# ---------------------------------------------------------------- rule ids (one place)
RULE_MISSING = "thieu-noi-dung"               # required content or value not entered
RULE_INVALID_VALUE = "gia-tri-khong-hop-le"   # a field or cell holds text that is not a valid value
RULE_SUM = "tong-khong-khop"                  # figures that must add up do not
RULE_META = "thong-tin-bao-cao"               # header, number, date, signer
RULE_APPENDIX_MISSING = "phu-luc-khong-co"    # "Phụ lục 03" cited, no such appendix
RULE_APPENDIX_UNCITED = "phu-luc-chua-dan"    # an appendix the text never refers to
RULE_CLOSING = "cau-ket-thuc"                 # the closing sentence ends "./."
RULE_TEXT_SUM = "so-lieu-trong-cau"           # "tổng số … X, đã hoàn thành Y, chưa hoàn thành Z" / "A + B = C"
RULE_TEXT_VS_DATA = "so-lieu-khac-du-lieu"    # a figure in the text contradicts the fields or an appendix
RULE_DATE_INVALID = "ngay-khong-co-that"      # 31/02/2021
RULE_DOC_TYPE = "loai-van-ban-ky-hieu"        # Quyết định ↔ QĐ, Kế hoạch ↔ KH …
RULE_CITATION_CONFLICT = "trich-dan-khac-nhau"  # one document, two dates or two summaries
RULE_CITATION_FORM = "trich-dan-day-du"       # full form at first mention, short form after
RULE_DATE_RANGE = "ngay-ngoai-ky"             # after the report's date
RULE_DATE_ZERO = "so-0-ngay-thang"            # 05/7/2021: zero before days 1–9 and months 1–2 only
RULE_SPACES = "khoang-trang-thua"             # two spaces
RULE_PUNCT_SPACE = "khoang-trang-dau-cau"     # space before , . ; : — or none after
RULE_BRACKETS = "ngoac-khong-khop"            # ( without ), “ without ”
RULE_STRAIGHT_QUOTES = "ngoac-kep-thang"      # "…" instead of “…”
RULE_REPEATED = "lap-tu"                      # "các các"
RULE_NAME_VARIANTS = "ten-viet-khac-nhau"     # Covid-19 / COVID-19
RULE_NFC = "ma-unicode-to-hop"                # NFD text
RULE_SPELLING = "chinh-ta"                    # not a Vietnamese syllable
RULE_MISSPELLING = "loi-chinh-ta-thuong-gap"  # nghành, Chinh phủ …
RULE_REAL_WORD = "tu-de-nham"                 # a real syllable, unlikely here (n-grams)
RULE_LEGACY = "ma-cu-tcvn3-vni"               # text in TCVN3 (ABC) or VNI

#: rules whose findings stop every export (no "export anyway")
BLOCKING_RULES = frozenset({RULE_INVALID_VALUE})
#: rules the editor underlines as the drafter types (computed per paragraph)
UNDERLINED_RULES = frozenset({RULE_SPELLING, RULE_MISSPELLING, RULE_REAL_WORD, RULE_SPACES, RULE_PUNCT_SPACE,
                              RULE_REPEATED, RULE_STRAIGHT_QUOTES, RULE_BRACKETS, RULE_NFC, RULE_LEGACY,
                              RULE_DATE_INVALID, RULE_DOC_TYPE, RULE_DATE_ZERO})


@dataclass(slots=True)
class Finding:
    """One problem: where (section or table id, part, character span), what (in Vietnamese) and a safe fix."""

    severity: Severity
    where: str                    # section id, table id or "meta"
    message: str
    field: str | None = None      # field key, or table column key
    rule: str = ""
    row: int | None = None        # 1-based table row, for table findings
    part: PartKind = ""
    para: int | None = None       # 0-based body paragraph
    note: int | None = None       # 0-based note within the paragraph
    note_para: int | None = None  # 0-based paragraph within the note
    offset: int | None = None
    length: int = 0
    text: str = ""                # the text the finding is about (also the dismissal key)
    fix: str | None = None        # replacement of text[offset:offset+length], when safe
    fix_label: str = ""

    @property
    def blocking(self) -> bool:
        """True when no export may go ahead while this finding stands."""
        return self.rule in BLOCKING_RULES

    @property
    def severity_name(self) -> str:
        """"lỗi", "cảnh báo" or "gợi ý"."""
        return SEVERITY_NAMES.get(self.severity, self.severity)

    @property
    def located(self) -> bool:
        """True when the finding points at characters of the draft's text."""
        return self.offset is not None

    def key(self) -> str:
        """The dismissal key: rule, section and the text it is about (stable across edits elsewhere)."""
        return f"{self.rule}|{self.where}|{self.text or self.field or ''}"

    def to_json(self) -> dict:
        """A JSON-ready dict (``baocao check --json``)."""
        data = asdict(self)
        data["severity_name"] = self.severity_name
        data["key"] = self.key()
        return data

    def place(self) -> tuple:
        """Sort key: section order is applied by the caller; then part, paragraph, note, offset."""
        return (self.para if self.para is not None else -1, self.note if self.note is not None else -1,
                self.note_para or 0, self.offset or 0)


def blocking_findings(findings: list[Finding]) -> list[Finding]:
    """The findings that stop an export even when the drafter asks for a draft copy."""
    return [f for f in findings if f.blocking]
