"""``settled``: a result worked out for a day holds through the day it says, and no longer than the
comparisons it made allow (the store keeps the dashboard's deadlines on it: store.deadline_cache)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from operator import eq, ge, gt, le, lt, ne
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.settled import settled

TODAY = date(2026, 12, 2)
OPS: list[Callable[[Any, Any], bool]] = [lt, le, gt, ge, eq, ne]


def _rule(tests: list[tuple[int, int, int, bool]]) -> Callable[[date], tuple[bool, ...]]:
    """Comparisons of ``day`` (or of ``day`` ± a shift) with dates around TODAY, on either side."""

    def compute(day: date) -> tuple[bool, ...]:
        found = []
        for op, shift, offset, reflected in tests:
            mine = day + timedelta(days=shift) if shift >= 0 else day - timedelta(days=-shift)
            other = TODAY + timedelta(days=offset)
            found.append(OPS[op](other, mine) if reflected else OPS[op](mine, other))
        return tuple(found)

    return compute


@given(
    st.lists(
        st.tuples(st.integers(0, len(OPS) - 1), st.integers(-30, 30), st.integers(-90, 90), st.booleans()),
        max_size=6,
    )
)
def test_the_result_holds_on_every_day_through_the_day_it_says(
    tests: list[tuple[int, int, int, bool]],
) -> None:
    compute = _rule(tests)
    result = settled(compute, TODAY)
    assert result.value == compute(TODAY)
    last = result.through or TODAY + timedelta(days=200)
    assert last >= TODAY
    day = TODAY
    while day <= last:
        assert compute(day) == result.value, day
        assert result.holds_on(day)
        day += timedelta(days=1)
    if result.through is not None:
        assert not result.holds_on(result.through + timedelta(days=1))


def test_a_threshold_ahead_ends_the_result_the_day_before_it_at_the_latest() -> None:
    inspection_end = TODAY + timedelta(days=10)
    result = settled(lambda day: day <= inspection_end, TODAY)
    assert result.value is True
    assert result.through == inspection_end - timedelta(days=1)
    assert settled(lambda day: day <= TODAY - timedelta(days=1), TODAY).through is None  # past: for good


def test_reading_the_day_otherwise_keeps_the_result_for_that_day_only() -> None:
    """Its year, days between, its text: the module cannot tell when they change the result."""
    for compute in (
        lambda day: day.year,
        lambda day: (date(2027, 3, 31) - day).days,
        lambda day: (day - date(2026, 4, 1)).days,
        lambda day: f"{day}",
        lambda day: str(day),
        lambda day: day.weekday(),
        lambda day: day.isoformat(),
    ):
        assert settled(compute, TODAY).through == TODAY
