"""Citations of documents and dates: "Quyết định số 42/QĐ-UBND ngày 12/01/2021 của … về …".  No Qt.

``parse_citations`` reads every citation of a string (type, number/symbol,
date, summary, span); the per-string rules check that the date is a real
one, that the type matches its symbol (Quyết định ↔ QĐ …; a Công văn has
none) and the leading-zero rule of Nghị định 30 (05/7/2021).  Rules over the
whole report (``citation_findings``) compare the citations of one document:
two dates or two summaries, full form at first mention and short form after,
and dates after the report's own date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .findings import (
    RULE_CITATION_CONFLICT, RULE_CITATION_FORM, RULE_DATE_INVALID, RULE_DATE_RANGE, RULE_DATE_ZERO, RULE_DOC_TYPE,
    Finding,
)
from .hits import Hit
from .textunits import TextUnit

#: document type → the symbol's type code ("" for a Công văn: its symbol has none)
TYPE_CODES: dict[str, tuple[str, ...]] = {
    "Quyết định": ("QĐ",), "Kế hoạch": ("KH",), "Chương trình": ("CTr",), "Nghị quyết": ("NQ",),
    "Chỉ thị": ("CT",), "Thông báo": ("TB",), "Báo cáo": ("BC",), "Tờ trình": ("TTr",), "Hướng dẫn": ("HD",),
    "Công điện": ("CĐ",), "Nghị định": ("NĐ",), "Thông tư": ("TT", "TTLT"), "Kết luận": ("KL",), "Đề án": ("ĐA",),
    "Quy chế": ("QC",), "Quy định": ("QĐi", "QĐ"), "Công văn": (),
}
ALL_CODES = frozenset(code for codes in TYPE_CODES.values() for code in codes) | {"CV", "TTLT", "QH", "UBTVQH"}
_TYPES = "|".join(sorted(TYPE_CODES, key=len, reverse=True))
#: the first letters of the types: a look-ahead on them lets the engine pass over other words at once
_TYPE_FIRSTS = "".join(sorted({name[0] for name in TYPE_CODES}))
_CITATION = re.compile(
    rf"\b(?=[{_TYPE_FIRSTS}])(?P<type>{_TYPES})(?P<mod>(?: [a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+){{0,3}}?)"
    r" số (?P<symbol>\d+[\w.\-]*(?:/[\wĐđ.\-]+)+)"
    r"(?: ngày (?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<d2>\d{1,2}) tháng (?P<m2>\d{1,2}) năm (?P<y2>\d{4})))?"
)
_SUMMARY = re.compile(r"^(?: của [^,;.()]{1,80}?)? (?:về(?: việc)?|ban hành|phê duyệt|quy định) (?P<s>[^;.()]{4,160})")
_DATE_WORDS = re.compile(r"\bngày (?P<d>\d{1,2}) tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})")


@dataclass(frozen=True)
class Citation:
    """One citation in a string: span of the whole citation, of the date, and what it says."""

    start: int
    end: int
    doc_type: str
    symbol: str
    day: date | None
    date_span: tuple[int, int] | None
    date_text: str
    summary: str

    @property
    def key(self) -> str:
        """Identifies the document: its number and symbol."""
        return self.symbol.rstrip(".").upper()


def _real_date(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def type_code(symbol: str) -> str:
    """The type code of a symbol: "KH" in "26/KH-UBND", "CTr" in "04-CTr/TU", "" in "2515/UBND-KTTH"."""
    parts = symbol.rstrip(".").split("/")
    first = parts[0]
    if "-" in first:                                 # party style: "04-CTr/TU"
        return first.split("-", 1)[1]
    for part in parts[1:]:
        head = part.split("-", 1)[0]
        if head and not head.isdigit():
            return head if head in ALL_CODES else ""
    return ""


@lru_cache(maxsize=8192)
def parse_citations(text: str) -> tuple[Citation, ...]:
    """Every "<type> số <number/symbol> [ngày …]" citation of *text*."""
    if " số " not in text:
        return ()
    found = []
    for match in _CITATION.finditer(text):
        day, span, date_text = None, None, ""
        name = "d" if match.group("d") else "d2" if match.group("d2") else None
        if name:
            suffix = "" if name == "d" else "2"
            day = _real_date(match.group("d" + suffix), match.group("m" + suffix), match.group("y" + suffix))
            span = (match.start("d" + suffix), match.end("y" + suffix))
            date_text = text[span[0]:span[1]]
        summary_match = _SUMMARY.match(text[match.end():])
        summary = summary_match.group("s").strip().lower() if summary_match else ""
        found.append(Citation(match.start(), match.end(), match.group("type"), match.group("symbol").rstrip("."),
                              day, span, date_text, summary))
    return tuple(found)


def _zero_form(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day.month <= 2 else f"{day.day:02d}/{day.month}/{day.year}"


@lru_cache(maxsize=8192)
def citation_hits(text: str) -> tuple[Hit, ...]:
    """Per-string rules: real dates, type ↔ symbol, leading zeros (dd/mm/yyyy and "ngày … tháng … năm …")."""
    hits = []
    for cit in parse_citations(text):
        if cit.date_span and cit.day is None:
            hits.append(Hit(RULE_DATE_INVALID, "error", cit.date_span[0], cit.date_span[1] - cit.date_span[0],
                            f"Ngày «{cit.date_text}» không có thật trong lịch."))
        code = type_code(cit.symbol)
        expected = TYPE_CODES.get(cit.doc_type)
        if expected is None or cit.doc_type in ("Quy định",):
            pass
        elif not expected and code:
            hits.append(Hit(RULE_DOC_TYPE, "warning", cit.start, cit.end - cit.start,
                            f"Công văn không có chữ viết tắt tên loại trong số, ký hiệu, nhưng «{cit.symbol}» có «{code}»."))
        elif expected and code and code not in expected:
            hits.append(Hit(RULE_DOC_TYPE, "warning", cit.start, cit.end - cit.start,
                            f"«{cit.doc_type}» viết tắt là {'/'.join(expected)}, nhưng số, ký hiệu «{cit.symbol}» "
                            f"ghi «{code}»: kiểm tra lại tên loại hoặc ký hiệu."))
        if cit.day and "/" in cit.date_text and cit.date_text != _zero_form(cit.day):
            hits.append(Hit(RULE_DATE_ZERO, "hint", cit.date_span[0], cit.date_span[1] - cit.date_span[0],
                            "Theo Nghị định 30/2020/NĐ-CP: ngày dưới 10 và tháng 1, 2 ghi thêm số 0 ở trước "
                            "(05/7/2021, 12/01/2021), các tháng khác không.", _zero_form(cit.day), "Sửa cách ghi ngày"))
    for match in _DATE_WORDS.finditer(text) if " tháng " in text else ():     # the usual case: none
        day = _real_date(match.group("d"), match.group("m"), match.group("y"))
        if day is None:
            hits.append(Hit(RULE_DATE_INVALID, "error", match.start("d"), match.end("y") - match.start("d"),
                            f"Ngày «{match.group()[5:]}» không có thật trong lịch."))
            continue
        right = f"{day.day:02d} tháng {day.month:02d} năm {day.year}" if day.month <= 2 else \
            f"{day.day:02d} tháng {day.month} năm {day.year}"
        written = text[match.start("d"):match.end("y")]
        if written != right:
            hits.append(Hit(RULE_DATE_ZERO, "hint", match.start("d"), len(written),
                            "Theo Nghị định 30/2020/NĐ-CP: ngày dưới 10 và tháng 1, 2 ghi thêm số 0 ở trước.", right,
                            "Sửa cách ghi ngày"))
    return tuple(hits)


def _summaries_differ(one: str, other: str) -> bool:
    """True when two summaries of one document share less than half of the shorter one's words."""
    words_one, words_other = set(re.findall(r"\w+", one)), set(re.findall(r"\w+", other))
    if len(words_one) < 3 or len(words_other) < 3:
        return False
    return len(words_one & words_other) / min(len(words_one), len(words_other)) < 0.5


#: a sentence that speaks of the reporting period ("trong kỳ", "6 tháng đầu năm", "trong quý") and says something
#: was issued in it
_IN_PERIOD = re.compile(r"\b(?:trong kỳ|trong (?:6|sáu) tháng|(?:6|sáu) tháng đầu năm|trong quý|từ đầu năm)\b",
                        re.IGNORECASE)
_ISSUED = re.compile(r"\b(?:đã )?ban hành\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.;]+")


@lru_cache(maxsize=8192)
def _said_issued_in_period(text: str) -> tuple[tuple[int, Citation], ...]:
    """(sentence offset, citation) for citations a sentence about the period says were issued then."""
    if "ban hành" not in text.lower() or not _IN_PERIOD.search(text):
        return ()
    found = []
    for sentence in _SENTENCE.finditer(text):
        part = sentence.group()
        if not (_IN_PERIOD.search(part) and _ISSUED.search(part)):
            continue
        for cit in parse_citations(part):
            if cit.day and cit.date_span and _ISSUED.search(part, 0, cit.start):
                found.append((sentence.start(), cit))
    return tuple(found)


def period_hits(unit: TextUnit, period: tuple[date, date] | None) -> list[Finding]:
    """Documents said to be issued in the period ("Trong kỳ, … ban hành Kế hoạch … ngày …") dated outside it."""
    if period is None:
        return []
    start, end = period
    return [unit.finding("hint", RULE_DATE_RANGE,
                         f"Câu nói về văn bản ban hành trong kỳ báo cáo ({start:%d/%m/%Y} – {end:%d/%m/%Y}), "
                         f"nhưng ngày {cit.date_text} nằm ngoài kỳ.", offset + cit.date_span[0],
                         cit.date_span[1] - cit.date_span[0])
            for offset, cit in _said_issued_in_period(unit.text)
            if cit.day and cit.date_span and not (start <= cit.day <= end)]


def citation_findings(units: list[TextUnit], report_date: date | None,
                      period: tuple[date, date] | None = None) -> list[Finding]:
    """Rules over the whole report: one document cited two ways, first/later mentions, dates out of range."""
    findings: list[Finding] = []
    full_in_group: dict[tuple, set[str]] = {}          # a paragraph and its notes read as one
    for unit in units:
        if unit.part in ("body", "note"):
            full_in_group.setdefault((unit.where, unit.para), set()).update(
                c.key for c in parse_citations(unit.text) if c.day)
    first: dict[str, tuple[TextUnit, Citation]] = {}
    full_seen: dict[str, tuple[TextUnit, Citation]] = {}
    for unit in units:
        if unit.part != "cell":
            findings += period_hits(unit, period)
        for cit in parse_citations(unit.text):
            if cit.day and report_date and cit.day > report_date and cit.date_span:
                findings.append(unit.finding("warning", RULE_DATE_RANGE,
                                             f"Văn bản ngày {cit.date_text} ban hành sau ngày của báo cáo "
                                             f"({report_date:%d/%m/%Y}).", cit.date_span[0],
                                             cit.date_span[1] - cit.date_span[0]))
            earlier = full_seen.get(cit.key)
            if cit.day and earlier and earlier[1].day and earlier[1].day != cit.day and cit.date_span:
                findings.append(unit.finding("warning", RULE_CITATION_CONFLICT,
                                             f"«{cit.doc_type} số {cit.symbol}» đã được dẫn với ngày "
                                             f"{earlier[1].date_text}, ở đây lại ghi ngày {cit.date_text}.",
                                             cit.date_span[0], cit.date_span[1] - cit.date_span[0],
                                             earlier[1].date_text, "Sửa theo lần dẫn trước"))
            elif earlier and _summaries_differ(earlier[1].summary, cit.summary):
                findings.append(unit.finding("warning", RULE_CITATION_CONFLICT,
                                             f"«{cit.doc_type} số {cit.symbol}» được nêu với hai trích yếu khác nhau: "
                                             f"«{earlier[1].summary}» và «{cit.summary}».", cit.start, cit.end - cit.start))
            if unit.part == "cell":
                pass                         # an appendix table lists documents in full, row after row
            elif cit.key not in first:
                first[cit.key] = (unit, cit)
                if cit.day is None and cit.key not in full_in_group.get((unit.where, unit.para), ()):
                    findings.append(unit.finding("hint", RULE_CITATION_FORM,
                                                 f"Lần đầu nhắc đến «{cit.doc_type} số {cit.symbol}» nên ghi đủ ngày ban "
                                                 "hành, cơ quan ban hành và trích yếu.", cit.start, cit.end - cit.start))
            elif cit.day and cit.key in full_seen and earlier and earlier[1].day == cit.day:
                findings.append(unit.finding("hint", RULE_CITATION_FORM,
                                             f"«{cit.doc_type} số {cit.symbol}» đã được dẫn đầy đủ ở trên; từ lần thứ hai "
                                             "chỉ cần ghi tên loại và số, ký hiệu.", cit.start, cit.end - cit.start))
            if cit.day and cit.key not in full_seen:
                full_seen[cit.key] = (unit, cit)
    return findings
