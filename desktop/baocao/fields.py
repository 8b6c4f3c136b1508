"""Reading, checking and showing structured field values.  No Qt.

One place decides what a valid value is, for the form and for the checks.
The form calls ``parse_field`` on every change: a valid value is stored
through an undoable edit, an invalid one is *not* stored and its Vietnamese
message is shown in red under the field.  Stored values are JSON primitives:
integers as ``int``, decimals as ``int``/``float``, dates as ISO text, document
references as a dict with ``loai``/``so``/``ngay``/``co_quan``/``trich_yeu``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .formatting import format_citation_date, format_number, parse_date, parse_number
from .template.manifest import FieldSpec
from .text import clean_line, clean_text

# What the drafter is told when a value cannot be stored (shown under the field and by the checks).
ERR_NUMBER = "Phải là một số, ví dụ 2.573 hoặc 1.428,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân)."
ERR_INTEGER = "Phải là số nguyên (không có phần thập phân)."
ERR_MIN = "Không được nhỏ hơn {min}."
ERR_MAX = "Không được lớn hơn {max}."
ERR_DATE = "Ngày không hợp lệ; gõ theo dạng ngày/tháng/năm, ví dụ 05/7/2021."
ERR_CHOICE = "Phải chọn một trong: {choices}."
ERR_DOCREF_NUMBER = "Cần nhập số, ký hiệu văn bản (ví dụ 42/2014/QĐ-TTg)."
ERR_DOCREF_SHAPE = "Phải là một văn bản được trích dẫn (loại, số, ngày, cơ quan, trích yếu)."

DOCREF_KEYS = ("loai", "so", "ngay", "co_quan", "trich_yeu")


@dataclass
class FieldResult:
    """Outcome of reading one field: the value to store, or why it cannot be stored."""

    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the value may be stored."""
        return self.error is None


def _number_value(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def parse_number_text(spec_type: str, text: str, minimum: float | None = None,
                      maximum: float | None = None) -> FieldResult:
    """A number typed the Vietnamese way ("2.573", "1.428,5"); empty gives ``None``."""
    try:
        number = parse_number(text)
    except ValueError:
        return FieldResult(error=ERR_NUMBER)
    if number is None:
        return FieldResult(None)
    if spec_type == "integer" and number != number.to_integral_value():
        return FieldResult(error=ERR_INTEGER)
    if minimum is not None and number < Decimal(str(minimum)):
        return FieldResult(error=ERR_MIN.format(min=format_number(minimum)))
    if maximum is not None and number > Decimal(str(maximum)):
        return FieldResult(error=ERR_MAX.format(max=format_number(maximum)))
    return FieldResult(_number_value(number))


def parse_date_text(text: str) -> FieldResult:
    """A date typed as 05/7/2021 (or ISO); stored as ISO text."""
    text = text.strip()
    if not text:
        return FieldResult(None)
    try:
        day = parse_date(text)
    except ValueError:
        return FieldResult(error=ERR_DATE)
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
            return FieldResult(error=ERR_CHOICE.format(choices=", ".join(spec.choices)))
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
    if not values["so"]:
        return FieldResult(error=ERR_DOCREF_NUMBER)
    date = parse_date_text(values["ngay"])
    if not date.ok:
        return date
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
        return parse_number_text(spec.type, str(Decimal(str(raw))), spec.min, spec.max).error
    return parse_field(spec, str(raw)).error
