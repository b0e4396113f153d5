"""Counting a legal period (民法140条〜143条) — the ONE period function every deadline uses.

民法140条: a period counted in days, weeks or months does not count its first day unless it starts at
0:00. 141条: it ends when its last day ends. 143条: weeks and months follow the calendar; the period
ends the day *before* the day that corresponds to the start day (起算日) in the last week or month, or,
when that month has no such day, on the last day of that month. ``start + relativedelta(months=N)`` is
wrong whenever the start is a month's last day, which is why this module exists; relativedelta
only takes the calendar-month step, and 143条 decides the day from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from npo_desk.domain.errors import InvalidInput


class Unit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


_UNIT_LABELS = {Unit.DAYS: "日間", Unit.WEEKS: "週間", Unit.MONTHS: "か月"}


@dataclass(frozen=True)
class Period:
    """A legal period such as 「二週間」 or 「二月」: a positive amount of days, weeks or months."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 1:
            raise InvalidInput(f"期間は1以上で指定してください(指定値: {self.amount})。")

    @classmethod
    def days(cls, amount: int) -> Period:
        return cls(amount, Unit.DAYS)

    @classmethod
    def weeks(cls, amount: int) -> Period:
        return cls(amount, Unit.WEEKS)

    @classmethod
    def months(cls, amount: int) -> Period:
        return cls(amount, Unit.MONTHS)

    def label(self) -> str:
        """The period as the clerk says it: 「2週間」, 「2か月」, 「14日間」."""
        return f"{self.amount}{_UNIT_LABELS[self.unit]}"


def period_end(start: date, period: Period, *, first_day_counted: bool = False) -> date:
    """The last day of ``period`` counted from ``start``.

    ``start`` is the day the period is counted from (受理した日, 到達した日 …). By default it is not
    counted (民法140条本文); ``first_day_counted=True`` is the 0:00 case (140条ただし書), where the
    period runs from ``start`` itself.
    """
    try:
        return _end(start, period, first_day_counted)
    except (OverflowError, ValueError):
        raise InvalidInput(
            f"{start.isoformat()} から{period.label()}の末日は、扱える日付の範囲(西暦9999年まで)を超えます。"
        ) from None


# The same periods from the same days, over thousands of cases (an import, the dashboard).
@lru_cache(maxsize=16384)
def _end(start: date, period: Period, first_day_counted: bool) -> date:
    kiten = start if first_day_counted else start + timedelta(days=1)  # 起算日
    if period.unit is Unit.DAYS:
        return kiten + timedelta(days=period.amount - 1)
    if period.unit is Unit.WEEKS:
        return kiten + timedelta(days=7 * period.amount - 1)
    # relativedelta lands on the corresponding day, or on the month's last day when it has none.
    stepped = kiten + relativedelta(months=period.amount)
    if stepped.day < kiten.day:  # 143条2項ただし書: no corresponding day, so the month's last day
        return stepped
    return stepped - timedelta(days=1)


def months_before(day: date, months: int) -> date:
    """The day ``months`` months before ``day`` by the calendar (民法143条 read backwards): the same
    day of the month, or that month's last day when it has none (2027-05-31 → 3 months → 02-28).

    For a time limit counted back from a fixed day, such as 51条3項's 「満了の日の六月前から三月前まで」.
    The Act gives no worked example; 東京都 reads a validity ending 2017-09-15 as renewable from
    2017-03-15 to 2017-06-15, which this reproduces (docs/legal-reference.md §13.6).
    """
    if months < 1:
        raise InvalidInput(f"月数は1以上で指定してください(指定値: {months})。")
    try:
        return day - relativedelta(months=months)
    except (OverflowError, ValueError):
        raise InvalidInput(
            f"{day.isoformat()} の{months}か月前は、扱える日付の範囲を超えます。"
        ) from None
