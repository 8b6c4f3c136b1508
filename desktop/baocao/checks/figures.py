"""Figures stated in the text: relations parsed from sentences and checked.  No Qt.

* "A + B = C" (any number of terms, Vietnamese number format) must be right;
* a sentence that gives a total and its parts — "tổng số … là X nhiệm vụ …,
  đã hoàn thành Y …, chưa hoàn thành Z …", "hoàn thành Y/X" — must add up,
  and so must the breakdowns in brackets: "đã hoàn thành Y (đúng hạn A, quá
  hạn B)", "chưa hoàn thành Z (còn trong hạn A, quá hạn B)";
* the total a sentence states is compared with the section's structured total
  (the field a ``tong`` check sums) and, when the sentence names an appendix,
  with that appendix's table total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..formatting import format_number, parse_number
from .findings import RULE_TEXT_SUM
from .hits import Hit

_NUM = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_ARITH = re.compile(rf"(?<![\d.,/]){_NUM}((?:\s*\+\s*{_NUM})+)\s*=\s*{_NUM}(?![\d/])")
_NUMBER = re.compile(_NUM)
_SENTENCE = re.compile(r"[^.;]+(?:\.(?=\d)[^.;]*)*")
_TOTAL = re.compile(rf"tổng số\b[^\d;]{{0,80}}?(?:là|gồm|có|:)?\s*{_NUM}(?!/)", re.IGNORECASE)
_DONE = re.compile(rf"(?<!chưa )(?:đã )?hoàn thành\s*(?:được\s*)?{_NUM}(?:/{_NUM})?", re.IGNORECASE)
_NOT_DONE = re.compile(rf"chưa hoàn thành\s*(?:là\s*)?{_NUM}(?!/)|{_NUM}(?!/) [^\d,;()]{{0,20}}chưa hoàn thành",
                       re.IGNORECASE)
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_ON_TIME = re.compile(rf"(?:đúng hạn|đúng tiến độ|trong hạn|còn hạn)\s*(?:là\s*)?{_NUM}")
_LATE = re.compile(rf"quá hạn\s*(?:là\s*)?{_NUM}")
from .completeness import APPENDIX_REF  # noqa: E402 - defined beside its rule (export loads no figures)


@dataclass(frozen=True)
class StatedTotal:
    """A total a sentence states ("tổng số … là 2.573 nhiệm vụ"), with the appendix the sentence names."""

    offset: int
    length: int
    value: Decimal
    appendix: str | None


def _value(match: re.Match, group: int = 1) -> Decimal:
    return parse_number(match.group(group)) or Decimal(0)


def _split_hits(label: str, whole: Decimal, inside: str, base: int, span: tuple[int, int]) -> list[Hit]:
    on_time, late = _ON_TIME.search(inside), _LATE.search(inside)
    if not (on_time and late):
        return []
    a, b = _value(on_time), _value(late)
    if a + b == whole:
        return []
    return [Hit(RULE_TEXT_SUM, "warning", span[0], span[1] - span[0],
                f"Số {label} {format_number(whole)} khác tổng hai vế trong ngoặc: {format_number(a)} + "
                f"{format_number(b)} = {format_number(a + b)}.")]


def _sentence_hits(sentence: str, base: int) -> list[Hit]:
    hits: list[Hit] = []
    total = _TOTAL.search(sentence)
    done = _DONE.search(sentence)
    not_done = _NOT_DONE.search(sentence)
    done_value = _value(done) if done else None
    total_value = _value(total) if total else None
    if done and done.group(2):                      # "hoàn thành 19/21"
        total_value = total_value if total_value is not None else (parse_number(done.group(2)) or Decimal(0))
    not_done_value = None
    if not_done:
        not_done_value = parse_number(not_done.group(1) or not_done.group(2)) or Decimal(0)
    if total_value is not None and done_value is not None and not_done_value is not None:
        if done_value + not_done_value != total_value:
            where = total or done
            hits.append(Hit(RULE_TEXT_SUM, "warning", base + where.start(), where.end() - where.start(),
                            f"Tổng số {format_number(total_value)} khác số đã hoàn thành cộng chưa hoàn thành: "
                            f"{format_number(done_value)} + {format_number(not_done_value)} = "
                            f"{format_number(done_value + not_done_value)}."))
    for match, label, value in ((done, "đã hoàn thành", done_value), (not_done, "chưa hoàn thành", not_done_value)):
        if match is None or value is None:
            continue
        paren = _PAREN.match(sentence, match.end())
        paren_end = paren.end() if paren is not None else 0
        if paren is None and match.end() < len(sentence):
            paren = re.match(r"[^\d(]{0,15}\(([^()]*)\)", sentence[match.end():])
            paren_end = match.end() + paren.end() if paren is not None else 0
        if paren is not None:
            hits += _split_hits(label, value, paren.group(1), base, (base + match.start(), base + paren_end))
    return hits


@lru_cache(maxsize=8192)
def figure_hits(text: str) -> tuple[Hit, ...]:
    """Wrong sums in *text*: "A + B = C" and total / completed / not completed in one sentence."""
    hits: list[Hit] = []
    if "+" in text and "=" in text:
        for match in _ARITH.finditer(text):
            numbers = [parse_number(n.group()) or Decimal(0) for n in _NUMBER.finditer(match.group())]
            *parts, result = numbers
            if sum(parts, Decimal(0)) != result:
                hits.append(Hit(RULE_TEXT_SUM, "warning", match.start(), match.end() - match.start(),
                                f"Phép cộng sai: {' + '.join(format_number(p) for p in parts)} = "
                                f"{format_number(sum(parts, Decimal(0)))}, không phải {format_number(result)}."))
    if "hoàn thành" in text:
        for sentence in _SENTENCE.finditer(text):
            hits += _sentence_hits(sentence.group(), sentence.start())
    return tuple(hits)


@lru_cache(maxsize=8192)
def stated_totals(text: str) -> tuple[StatedTotal, ...]:
    """The totals *text* states ("tổng số … là X"), each with the appendix its sentence refers to."""
    if "ổng số" not in text:
        return ()
    found = []
    for sentence in _SENTENCE.finditer(text):
        total = _TOTAL.search(sentence.group())
        if total:
            appendix = APPENDIX_REF.search(sentence.group())
            found.append(StatedTotal(sentence.start() + total.start(1), len(total.group(1)),
                                     parse_number(total.group(1)) or Decimal(0),
                                     appendix.group(1) if appendix else None))
    return tuple(found)
