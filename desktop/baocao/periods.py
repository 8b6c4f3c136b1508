"""Which period a new draft reports, from today's date; the ``--ky`` values of ``baocao new``.

No Qt: the new-draft wizard and the command line both use ``reporting_period``.
"""

from __future__ import annotations

from datetime import date, timedelta

from .constants import PERIOD_OPTIONS, REPORT_GRACE_DAYS, PeriodKind
from .model.draft import Period


def _quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def reporting_period(kind: PeriodKind, today: date | None = None, quarter: int | None = None) -> Period:
    """The period of *kind* being reported on *today*, or the one just ended.

    Reports are drafted near the end of their period and in the first weeks
    after it, so:

    - **6 tháng đầu năm**: the first half of today's year, all year round —
      from January to June it is the half under way, from July on the half
      just ended (its report is written in June–July; the next one is next
      year's).
    - **cả năm**: today's year; in the first ``REPORT_GRACE_DAYS`` (15) days
      of January, the year just ended.
    - **quý**: the quarter containing today; in the first 15 days of a
      quarter, the quarter just ended.  With *quarter* given (``--ky quy-4``):
      the latest quarter of that number that has begun — this year's, or last
      year's when it has not begun yet.
    """
    today = today or date.today()
    if kind is PeriodKind.FIRST_HALF:
        return Period(kind, today.year)
    if kind is PeriodKind.WHOLE_YEAR:
        return Period(kind, (today - timedelta(days=REPORT_GRACE_DAYS)).year)
    if quarter is not None:
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter {quarter} is not 1–4")
        started = date(today.year, 3 * quarter - 2, 1) <= today
        return Period(kind, today.year if started else today.year - 1, quarter)
    reported = today - timedelta(days=REPORT_GRACE_DAYS)
    return Period(kind, reported.year, _quarter_of(reported))


def period_from_option(option: str | None, default_kind: PeriodKind, year: int | None = None,
                       today: date | None = None) -> Period:
    """The period for ``--ky OPTION --nam YEAR`` (``PERIOD_OPTIONS``); either may be missing.

    Without *option*: *default_kind* (the pack's).  Without *year*: ``reporting_period``'s rule for *today*.
    """
    kind, quarter = PERIOD_OPTIONS[option] if option else (default_kind, None)
    period = reporting_period(kind, today, quarter)
    if year is not None:
        period.year = year
    return period
