"""A register entry in words: the full citation (first mention) and the short one (after).  No Qt.

Full: "Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác …";
short: "Quyết định số 42/QĐ-UBND".  The date follows the pack's citation date style (Nghị định 30 by
default: 05/7/2021, 12/01/2021).
"""

from __future__ import annotations

from ..formatting import format_citation_date
from .constants import SUMMARY_LEAD_WORDS
from .entries import Entry


def summary_phrase(summary: str) -> str:
    """The summary as it follows the issuer: "về …" unless it starts with its own verb ("ban hành …")."""
    text = summary.strip().rstrip(".;,")
    if not text:
        return ""
    for word in SUMMARY_LEAD_WORDS:              # "Về việc …", "Ban hành …": its own verb, written in lower case
        if text.lower().startswith(word + " ") or text.lower() == word:
            return text[0].lower() + text[1:]
    return "về " + text                           # "Kế hoạch phát triển rừng …" keeps its capital


def short_form(entry: Entry) -> str:
    """"Quyết định số 42/QĐ-UBND"."""
    return f"{entry.type} số {entry.number_symbol}"


def full_form(entry: Entry, date_style: str = "nd30") -> str:
    """"Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh về …" (parts that are empty left out)."""
    parts = [short_form(entry)]
    if entry.day:
        parts.append("ngày " + format_citation_date(entry.day, date_style))
    if entry.issuer:
        parts.append("của " + entry.issuer)
    phrase = summary_phrase(entry.summary)
    if phrase:
        parts.append(phrase)
    return " ".join(parts)


def token_label(entry: Entry) -> str:
    """What the editor shows on a citation token: the short form."""
    return short_form(entry)
