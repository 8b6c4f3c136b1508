"""The period in words for templates: ``bc.ky``, ``bc.ky_khong_nam``, ``bc.ten_quy``, ``bc.ky_truoc`` …

Every value is Vietnamese text (or a number for years); none is an internal
code.  The table ``PERIOD_VARIABLES`` documents them (templates/README.md
shows the same list, and a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..constants import PeriodKind
from ..formatting import roman

#: variable → what it holds, with an example for a first-half 2026 / quarter II 2026 report.
PERIOD_VARIABLES: dict[str, str] = {
    "ky": "kỳ báo cáo đầy đủ: «6 tháng đầu năm 2026», «năm 2026», «quý II năm 2026»",
    "ky_khong_nam": "kỳ không kèm năm: «6 tháng đầu năm», «năm», «quý II»",
    "ky_tiep_theo": "kỳ tiếp theo: «6 tháng cuối năm 2026», «năm 2027», «quý III năm 2026»",
    "ky_tiep_theo_khong_nam": "kỳ tiếp theo không kèm năm: «6 tháng cuối năm», «năm», «quý III»",
    "ky_truoc": "kỳ trước: «6 tháng cuối năm 2025», «năm 2025», «quý I năm 2026»",
    "nam": "năm của kỳ (số): 2026",
    "nam_tiep_theo": "năm của kỳ tiếp theo: 2026 (6 tháng đầu năm), 2027 (cả năm)",
    "nam_truoc": "năm trước: 2025",
    "quy": "quý bằng số La Mã «II»; rỗng khi không phải báo cáo quý",
    "ten_quy": "«quý II»; rỗng khi không phải báo cáo quý",
    "loai_ky": "loại kỳ bằng chữ: «6 tháng», «năm», «quý»",
    "la_6_thang": "đúng/sai: báo cáo 6 tháng (dùng trong {% if %})",
    "la_ca_nam": "đúng/sai: báo cáo năm",
    "la_quy": "đúng/sai: báo cáo quý",
}

_KIND_WORDS = {PeriodKind.FIRST_HALF: "6 tháng", PeriodKind.WHOLE_YEAR: "năm", PeriodKind.QUARTER: "quý"}


@dataclass(frozen=True)
class _Point:
    kind: PeriodKind
    year: int
    quarter: int | None

    def words(self) -> str:
        """The period without its year."""
        if self.kind is PeriodKind.FIRST_HALF:
            return "6 tháng đầu năm"
        if self.kind is PeriodKind.WHOLE_YEAR:
            return "năm"
        return f"quý {roman(self.quarter or 1)}"

    def phrase(self) -> str:
        """The period with its year."""
        return _with_year(self.words(), self.year)


def _with_year(words: str, year: int) -> str:
    """"quý II" + 2026 → "quý II năm 2026"; "6 tháng đầu năm"/"năm" already end with "năm"."""
    return f"{words} {year}" if words.endswith("năm") else f"{words} năm {year}"


def _next(kind: PeriodKind, year: int, quarter: int | None) -> tuple[str, int]:
    if kind is PeriodKind.FIRST_HALF:
        return "6 tháng cuối năm", year
    if kind is PeriodKind.WHOLE_YEAR:
        return "năm", year + 1
    q = quarter or 1
    return (f"quý {roman(q + 1)}", year) if q < 4 else ("quý I", year + 1)


def _previous(kind: PeriodKind, year: int, quarter: int | None) -> str:
    if kind is PeriodKind.FIRST_HALF:
        return f"6 tháng cuối năm {year - 1}"
    if kind is PeriodKind.WHOLE_YEAR:
        return f"năm {year - 1}"
    q = quarter or 1
    return f"quý {roman(q - 1)} năm {year}" if q > 1 else f"quý IV năm {year - 1}"


def period_variables(kind: PeriodKind, year: int, quarter: int | None) -> dict[str, object]:
    """The values of ``PERIOD_VARIABLES`` for one period."""
    kind = PeriodKind(kind)
    point = _Point(kind, year, quarter if kind is PeriodKind.QUARTER else None)
    next_words, next_year = _next(kind, year, quarter)
    is_quarter = kind is PeriodKind.QUARTER
    return {
        "ky": point.phrase(),
        "ky_khong_nam": point.words(),
        "ky_tiep_theo": _with_year(next_words, next_year),
        "ky_tiep_theo_khong_nam": next_words,
        "ky_truoc": _previous(kind, year, quarter),
        "nam": year,
        "nam_tiep_theo": next_year,
        "nam_truoc": year - 1,
        "quy": roman(quarter or 1) if is_quarter else "",
        "ten_quy": f"quý {roman(quarter or 1)}" if is_quarter else "",
        "loai_ky": _KIND_WORDS[kind],
        "la_6_thang": kind is PeriodKind.FIRST_HALF,
        "la_ca_nam": kind is PeriodKind.WHOLE_YEAR,
        "la_quy": is_quarter,
    }
