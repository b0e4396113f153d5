"""民法140〜143条 period arithmetic: worked examples and properties."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.periods import Period, Unit, period_end

D = date.fromisoformat


@pytest.mark.parametrize(
    ("start", "period", "counted", "end"),
    [
        # docs/legal-reference.md §3: receipt 2013-02-28 + 2 months ends 04-30
        # (起算日 03-01, 対応日 05-01)
        ("2013-02-28", Period.months(2), False, "2013-04-30"),
        ("2025-04-07", Period.weeks(2), False, "2025-04-21"),
        ("2025-04-07", Period.weeks(1), False, "2025-04-14"),
        ("2025-04-22", Period.months(2), True, "2025-06-21"),
        ("2025-12-31", Period.months(2), True, "2026-02-28"),  # no 02-31: the month's last day
        ("2023-12-31", Period.months(2), True, "2024-02-29"),  # leap year
        ("2008-10-15", Period.months(2), False, "2008-12-15"),
        ("2008-12-16", Period.months(2), True, "2009-02-15"),
        ("2025-10-21", Period.months(6), False, "2026-04-21"),
        ("2025-04-01", Period.months(3), True, "2025-06-30"),
        ("2025-01-30", Period.months(1), False, "2025-02-28"),  # 起算日 01-31, no 02-31
        ("2024-01-30", Period.months(1), False, "2024-02-29"),
        ("2025-02-28", Period.months(1), True, "2025-03-27"),
        ("2025-02-28", Period.months(1), False, "2025-03-31"),
        ("2025-11-30", Period.months(2), False, "2026-01-31"),  # across the year
        ("2025-04-07", Period.days(14), False, "2025-04-21"),
        ("2025-04-07", Period.days(14), True, "2025-04-20"),
        ("2025-04-07", Period.days(1), True, "2025-04-07"),
    ],
)
def test_examples(start: str, period: Period, counted: bool, end: str) -> None:
    assert period_end(D(start), period, first_day_counted=counted) == D(end)


def test_labels_and_constructors() -> None:
    assert Period.weeks(2) == Period(2, Unit.WEEKS)
    assert Period.weeks(2).label() == "2週間"
    assert Period.months(2).label() == "2か月"
    assert Period.days(14).label() == "14日間"


def test_non_positive_period_is_refused() -> None:
    with pytest.raises(InvalidInput, match="1以上"):
        Period.days(0)


starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
periods = st.builds(Period, st.integers(1, 40), st.sampled_from(list(Unit)))


@given(starts, periods)
def test_not_counted_equals_counted_from_next_day(start: date, period: Period) -> None:
    assert period_end(start, period) == period_end(start + timedelta(days=1), period, first_day_counted=True)


@given(starts, starts, periods, st.booleans())
def test_monotone_in_start(a: date, b: date, period: Period, counted: bool) -> None:
    lo, hi = min(a, b), max(a, b)
    assert period_end(lo, period, first_day_counted=counted) <= period_end(
        hi, period, first_day_counted=counted
    )


@given(starts, st.integers(1, 60))
def test_weeks_end_seven_n_days_later(start: date, n: int) -> None:
    assert period_end(start, Period.weeks(n)) == start + timedelta(days=7 * n)
    assert period_end(start, Period.weeks(n)) == period_end(start, Period.days(7 * n))


@given(starts, st.integers(1, 60))
def test_days_end_n_days_later(start: date, n: int) -> None:
    assert period_end(start, Period.days(n)) == start + timedelta(days=n)


@given(starts, st.integers(1, 120))
def test_months_end_before_corresponding_day_or_on_month_end(start: date, n: int) -> None:
    kiten = start + timedelta(days=1)
    end = period_end(start, Period.months(n))
    year, month = divmod(kiten.year * 12 + kiten.month - 1 + n, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if kiten.day <= last:
        assert end + timedelta(days=1) == date(year, month, kiten.day)
    else:
        assert end == date(year, month, last)
    # it ends in the period's last month, or at the end of the month before when the 起算日 is a 1st
    if kiten.day == 1:
        assert end.day == calendar.monthrange(end.year, end.month)[1]
    else:
        assert (end.year, end.month) == (year, month)


@given(starts, st.integers(1, 24), st.booleans())
def test_longer_periods_end_later(start: date, n: int, counted: bool) -> None:
    for unit in Unit:
        shorter = period_end(start, Period(n, unit), first_day_counted=counted)
        longer = period_end(start, Period(n + 1, unit), first_day_counted=counted)
        assert shorter < longer


@given(starts, periods)
def test_counted_ends_no_later_than_not_counted(start: date, period: Period) -> None:
    counted = period_end(start, period, first_day_counted=True)
    not_counted = period_end(start, period)
    # 1 day apart, except where a month's end is crossed: from 02-28 (not leap) one month runs to
    # 03-27 when 02-28 counts, to 03-31 when it does not
    assert counted <= not_counted <= counted + timedelta(days=4)
    assert counted >= start


def test_end_beyond_the_calendar_is_refused() -> None:
    with pytest.raises(InvalidInput, match="範囲"):
        period_end(date(9999, 12, 1), Period.months(2))
    with pytest.raises(InvalidInput, match="範囲"):
        period_end(date(2025, 1, 1), Period.days(10**7))
