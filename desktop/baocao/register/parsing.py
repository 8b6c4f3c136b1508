"""Reading a citation written in words into a register entry.  No Qt.

"Quyết định số 12/QĐ-UBND ngày 05/01/2021 của UBND tỉnh về …" → type, number, symbol, date, issuer
and summary.  The same pattern finds the citations pasted in a draft's text (``find_citations``) for
«Đưa các văn bản được trích vào danh mục»; a summary runs to the end of the clause (";", ".", ")",
"(", ":", a comma that opens a new clause, or the end of the text) or to the next citation ("… XII và Nghị quyết số 110/NQ-HĐND":
the "và" stays in the text), an issuer to a comma or to the summary's first word.  Ending there
keeps the rest of a sentence ("…, UBND tỉnh ban hành …", "…, gồm 94 nhiệm vụ") in the drafter's text,
where the short form of a later citation would otherwise hide it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..checks.citations import TYPE_CODES
from ..text import clean_line
from .constants import SUMMARY_LEAD_WORDS
from .entries import Entry

_TYPES = "|".join(sorted(TYPE_CODES, key=len, reverse=True))
_LEADS = "|".join(sorted((re.escape(w) for w in SUMMARY_LEAD_WORDS), key=len, reverse=True))
_HEAD = re.compile(
    rf"(?<![\w])(?P<type>{_TYPES}) số (?P<number>\d+[\w.\-]*?)(?:/(?P<symbol>[\wĐđ.\-]*[\wĐđ](?:/[\wĐđ.\-]*[\wĐđ])*))?"
    r"(?: ngày (?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<d2>\d{1,2}) tháng (?P<m2>\d{1,2}) năm (?P<y2>\d{4})))?"
    r"(?=$|[\s,;.:()\[\]])",
)
_ISSUER_END = re.compile(rf" (?:{_LEADS}) |[,;.:()\[\]]|$")
_SUMMARY_START = re.compile(rf",? (?P<lead>{_LEADS}) ")
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
#: a comma that starts a new clause ends a summary ("…, UBND tỉnh ban hành …", "…, gồm 94 nhiệm vụ"); one inside a
#: title («phòng, chống hạn hán», «nhiệm vụ, giải pháp chủ yếu») does not
_CLAUSE_AFTER_COMMA = ("gồm", "bao gồm", "trong đó", "đồng thời", "theo đó", "qua đó", "từ đó", "nhờ đó", "đạt",
                       "nhằm", "để", "đã", "đang", "sẽ", "với", "cụ thể", "tiếp tục", "kịp thời", "là")
_SUMMARY_END = re.compile(rf"[;.:()\[\]]|,(?= (?:[{_UPPER}]|(?:{'|'.join(_CLAUSE_AFTER_COMMA)})(?!\w)))|$")
#: words left in the text, not in the summary, when a summary stops at the next citation
_JOINING_WORDS = re.compile(r"(?:,|\s)+(?:(?:và|của|theo|tại|cùng|với)\s*)?$")
MAX_ISSUER = 80
MAX_SUMMARY = 300


@dataclass(frozen=True)
class Found:
    """A citation written in words: where it is in the text and the entry it describes."""

    start: int
    end: int
    entry: Entry

    @property
    def is_full(self) -> bool:
        """True when it says more than type and number (a date, an issuer or a summary)."""
        return bool(self.entry.date or self.entry.issuer or self.entry.summary)


def _day(match: re.Match[str]) -> str:
    for d, m, y in (("d", "m", "y"), ("d2", "m2", "y2")):
        if match.group(d):
            try:
                return date(int(match.group(y)), int(match.group(m)), int(match.group(d))).isoformat()
            except ValueError:
                return ""
    return ""


def _summary_text(summary: str) -> str:
    text = clean_line(summary).rstrip(" ,")
    return text[3:] if text.startswith("về ") and not text.startswith("về việc") else text


def _tail(text: str, pos: int) -> tuple[str, str, int]:
    """Issuer ("của …") and summary ("về …", "ban hành …") after a citation's head at *pos*; and where they end."""
    issuer = ""
    if text.startswith(" của ", pos):
        stop = _ISSUER_END.search(text, pos + 5)
        assert stop is not None                      # "$" always matches
        if 0 < stop.start() - pos - 5 <= MAX_ISSUER:
            issuer, pos = text[pos + 5:stop.start()].strip(), stop.start()
    summary = ""
    lead = _SUMMARY_START.match(text, pos)
    if lead:
        stop = _SUMMARY_END.search(text, lead.start("lead"))
        assert stop is not None
        end = stop.start()
        other = _HEAD.search(text, lead.end(), end)          # another document named inside: not this summary
        if other is not None:
            end = other.start()
            joining = _JOINING_WORDS.search(text, lead.start("lead"), end)
            if joining is not None:
                end = joining.start()
        if 0 < end - lead.start("lead") <= MAX_SUMMARY:
            summary = text[lead.start("lead"):end].rstrip(" ,")
            pos = lead.start("lead") + len(summary)
    return issuer, summary, pos


def find_citations(text: str) -> list[Found]:
    """Every "<type> số <number>/<symbol> [ngày …] [của …] [về …]" of *text*, in order, not overlapping."""
    if " số " not in text:
        return []
    found: list[Found] = []
    pos = 0
    while True:
        match = _HEAD.search(text, pos)
        if match is None:
            return found
        issuer, summary, end = _tail(text, match.end())
        entry = Entry("", match.group("type"), match.group("number"), (match.group("symbol") or "").rstrip(".-"),
                      _day(match), clean_line(issuer), _summary_text(summary))
        found.append(Found(match.start(), end, entry))
        pos = max(end, match.start() + 1)


def parse_citation(text: str) -> Entry | None:
    """The entry of the first citation in *text* (for the form's «Dán trích dẫn»), or None."""
    found = find_citations(clean_line(text))
    return found[0].entry if found else None
