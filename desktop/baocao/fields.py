"""Reading, checking and showing structured field values.  No Qt.

One place decides what a valid value is, for the form and for the checks.
The form calls ``parse_field`` on every change and stores ``result.stored``
through an undoable edit: the value when the whole text is valid, otherwise
the text exactly as typed — never a prefix of it ("2,573" in a count field is
not 2).  Such text stays in red under its field with the reason and the fix,
``value_problem`` lists it among the findings and the export refuses it.
Valid stored values are JSON primitives: integers as ``int``, decimals as
``int``/``float``, dates as ISO text, document references as a dict with
``loai``/``so``/``ngay``/``co_quan``/``trich_yeu``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .formatting import format_citation_date, format_number, parse_date, parse_number
from .limits import MAX_NUMBER
from .template.manifest import FieldSpec
from .text import clean_line, clean_text

# What the drafter is told when a value cannot be used (shown under the field and by the checks).
ERR_NUMBER = "Phải là một số, ví dụ 2.573 hoặc 1.428,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân)."
ERR_INTEGER = "Phải là số nguyên (không có phần thập phân)."
ERR_COMMA_THOUSANDS = ("Phải là số nguyên; trong cách viết Việt Nam dấu phẩy đứng trước phần thập phân. "
                       "Dùng dấu chấm để tách hàng nghìn: {fixed}.")
ERR_ENGLISH_FORMAT = ("Số viết theo kiểu tiếng Anh. Dùng dấu chấm để tách hàng nghìn và dấu phẩy trước phần thập "
                      "phân: {fixed}.")
ERR_LETTERS = "Ô này chỉ nhận con số, không kèm chữ hay đơn vị («{extra}»): gõ {digits}."
ERR_UNFINISHED = "Số chưa gõ xong: sau dấu «{mark}» cần thêm chữ số (ví dụ {example})."
ERR_GROUPING = ("Dấu chấm tách hàng nghìn phải đứng trước đúng 3 chữ số, ví dụ 2.573 hoặc 19.641.000; "
                "phần thập phân viết sau dấu phẩy: 1.428,5.")
ERR_TOO_LARGE = "Số quá lớn cho một số liệu báo cáo; hãy kiểm tra lại (có thể thừa chữ số)."
ERR_MIN = "Không được nhỏ hơn {min}."
ERR_MAX = "Không được lớn hơn {max}."
ERR_DATE = "Ngày không hợp lệ; gõ theo dạng ngày/tháng/năm, ví dụ 05/7/2021."
ERR_CHOICE = "Phải chọn một trong: {choices}."
ERR_DOCREF_NUMBER = "Cần nhập số, ký hiệu văn bản (ví dụ 42/2014/QĐ-TTg)."
ERR_DOCREF_SHAPE = "Phải là một văn bản được trích dẫn (loại, số, ngày, cơ quan, trích yếu)."

DOCREF_KEYS = ("loai", "so", "ngay", "co_quan", "trich_yeu")

_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+", re.ASCII)
_ENGLISH_FORMAT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}", re.ASCII)
_NUMBER_THEN_TEXT = re.compile(r"([+-]?[\d.,]*\d)\s*(\S.*)", re.ASCII)
_UNFINISHED = re.compile(r"[+-]?[\d.,]*\d[.,]", re.ASCII)


@dataclass
class FieldResult:
    """Outcome of reading one field: the value to use, or why it cannot be used and what was typed.

    An invalid entry is never dropped and never cut to a prefix: ``stored``
    is then the text as typed, which the form keeps showing in red, the checks
    list and the export refuses.
    """

    value: Any = None
    error: str | None = None
    typed: Any = None

    @property
    def ok(self) -> bool:
        """True when the value can be used in the report."""
        return self.error is None

    @property
    def stored(self) -> Any:
        """What the draft keeps: the value when valid, else what was typed."""
        return self.value if self.ok else self.typed


def _number_value(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def explain_bad_number(text: str, integer: bool = False) -> str:
    """Why *text* is not a number typed the Vietnamese way, and how to write it."""
    compact = text.strip().replace(" ", "").replace("\u00a0", "")
    if _ENGLISH_FORMAT.fullmatch(compact):
        fixed = compact.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return ERR_ENGLISH_FORMAT.format(fixed=fixed)
    if _UNFINISHED.fullmatch(compact):
        mark = compact[-1]
        return ERR_UNFINISHED.format(mark=mark, example="2,5" if mark == "," else "2.573")
    match = _NUMBER_THEN_TEXT.fullmatch(text.strip())
    if match and any(ch.isalpha() for ch in match.group(2)):
        return ERR_LETTERS.format(extra=match.group(2), digits=match.group(1))
    if re.fullmatch(r"[+-]?[\d.,]+", compact, re.ASCII) and "." in compact:
        return ERR_GROUPING
    return ERR_NUMBER


def _check_number(spec_type: str, number: Decimal, text: str, minimum: float | None,
                  maximum: float | None) -> str | None:
    if abs(number) > MAX_NUMBER:
        return ERR_TOO_LARGE
    if spec_type == "integer" and number != number.to_integral_value():
        compact = text.strip().replace(" ", "")
        if _COMMA_THOUSANDS.fullmatch(compact):
            fixed = compact.replace(",", ".")
            return ERR_COMMA_THOUSANDS.format(fixed=fixed)
        return ERR_INTEGER
    if minimum is not None and number < Decimal(str(minimum)):
        return ERR_MIN.format(min=format_number(minimum))
    if maximum is not None and number > Decimal(str(maximum)):
        return ERR_MAX.format(max=format_number(maximum))
    return None


def parse_number_text(spec_type: str, text: str, minimum: float | None = None,
                      maximum: float | None = None) -> FieldResult:
    """A number typed the Vietnamese way ("2.573", "1.428,5"); empty gives ``None``.

    All of the text must be the number: "2,573" in an integer field, "12a" or
    "1.234,5" are refused with a message that says how to write them.
    """
    typed = clean_line(text)
    try:
        number = parse_number(text)
    except ValueError:
        return FieldResult(error=explain_bad_number(text, spec_type == "integer"), typed=typed)
    if number is None:
        return FieldResult(None)
    problem = _check_number(spec_type, number, text, minimum, maximum)
    if problem:
        return FieldResult(error=problem, typed=typed)
    return FieldResult(_number_value(number))


def parse_date_text(text: str) -> FieldResult:
    """A date typed as 05/7/2021 (or ISO); stored as ISO text."""
    text = text.strip()
    if not text:
        return FieldResult(None)
    try:
        day = parse_date(text)
    except ValueError:
        return FieldResult(error=ERR_DATE, typed=clean_line(text))
    return FieldResult(day.isoformat() if day else None)


def parse_field(spec: FieldSpec, text: str) -> FieldResult:
    """Read the text typed for field *spec* (not for ``docref``: see ``parse_docref``)."""
    if spec.type in ("integer", "decimal"):
        return parse_number_text(spec.type, text, spec.min, spec.max)
    if spec.type == "date":
        return parse_date_text(text)
    if spec.type == "choice":
        text = clean_line(text)
        if text and spec.choices and text not in spec.choices:
            return FieldResult(error=ERR_CHOICE.format(choices=", ".join(spec.choices)), typed=text)
        return FieldResult(text or None)
    value = clean_text(text).strip() if spec.multiline else clean_line(text)
    return FieldResult(value or None)


def display_field(spec: FieldSpec, raw: Any) -> str:
    """The stored value as the form shows it ("2.573", "05/7/2021", …)."""
    if raw in (None, ""):
        return ""
    try:
        if spec.type in ("integer", "decimal"):
            return format_number(raw)
        if spec.type == "date":
            day = parse_date(raw)
            return format_citation_date(day) if day else ""
    except ValueError:
        return str(raw)
    return str(raw)


def parse_docref(parts: dict[str, str]) -> FieldResult:
    """A document reference from its five boxes; all empty gives ``None``."""
    values = {k: clean_line(parts.get(k, "")) for k in DOCREF_KEYS}
    if not any(values.values()):
        return FieldResult(None)
    typed = {k: v for k, v in values.items() if v}
    if not values["so"]:
        return FieldResult(error=ERR_DOCREF_NUMBER, typed=typed)
    date = parse_date_text(values["ngay"])
    if not date.ok:
        return FieldResult(error=date.error, typed=typed)
    values["ngay"] = date.value or ""
    return FieldResult({k: v for k, v in values.items() if v})


def display_docref(raw: Any) -> dict[str, str]:
    """A stored document reference as the five boxes' texts."""
    if not isinstance(raw, dict):
        return {k: "" for k in DOCREF_KEYS}
    out = {k: str(raw.get(k) or "") for k in DOCREF_KEYS}
    if out["ngay"]:
        try:
            day = parse_date(out["ngay"])
            out["ngay"] = format_citation_date(day) if day else ""
        except ValueError:
            pass
    return out


def value_problem(spec: FieldSpec, raw: Any) -> str | None:
    """Why the *stored* value *raw* is not valid for *spec* (None when valid or empty)."""
    if raw in (None, ""):
        return None
    if spec.type == "docref":
        if not isinstance(raw, dict):
            return ERR_DOCREF_SHAPE
        return parse_docref({k: str(raw.get(k) or "") for k in DOCREF_KEYS}).error
    if spec.type in ("integer", "decimal") and not isinstance(raw, bool) and isinstance(raw, (int, float)):
        try:
            number = parse_number(raw)
        except ValueError:
            return ERR_NUMBER
        return _check_number(spec.type, number, "", spec.min, spec.max) if number is not None else None
    return parse_field(spec, str(raw)).error


def cell_problem(column_type: str, raw: Any) -> str | None:
    """Why a stored table cell of a numeric column is not a usable number (None when it is, or empty)."""
    if raw in (None, ""):
        return None
    if not isinstance(raw, bool) and isinstance(raw, (int, float)):
        try:
            number = parse_number(raw)
        except ValueError:
            return ERR_NUMBER
        return _check_number(column_type, number, "", 0, None) if number is not None else None
    return parse_number_text(column_type, str(raw), minimum=0).error
