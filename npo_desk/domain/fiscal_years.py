"""An established NPO's fiscal years (事業年度) and which of their 事業報告書等 are on record.

A fiscal year is named by its nominal first day: the day its articles fix (4月1日) in the year it
begins. The first 事業年度 really runs from 設立 (the registration) to the first fiscal-year end,
but it is keyed like every other year by the nominal start on or before the registration, so a
recorded report and the year it covers always meet on one date. A 2月29日 start means 2月28日 in
common years.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts


@lru_cache(maxsize=8192)  # every NPO's every year asks again; most share a few fiscal years
def fiscal_year_start_in(year: int, month_day: tuple[int, int]) -> date:
    """The first day of the fiscal year beginning in ``year``; InvalidInput for a day like 4月31日."""
    month, dom = month_day
    try:
        date(2000, month, dom)  # a leap year: every possible month and day exists in it
    except ValueError:
        raise InvalidInput(f"事業年度の開始日 {month}月{dom}日 は存在しない日付です。") from None
    try:
        return date(year, month, dom)
    except ValueError:  # 2月29日 in a common year
        return date(year, month, dom - 1)


def first_fiscal_year_start_after(day: date, month_day: tuple[int, int]) -> date:
    """The first start of a fiscal year strictly after ``day``."""
    start = fiscal_year_start_in(day.year, month_day)
    return start if start > day else fiscal_year_start_in(day.year + 1, month_day)


def fiscal_year_containing(day: date, month_day: tuple[int, int]) -> date:
    """The nominal first day of the fiscal year ``day`` falls in."""
    start = fiscal_year_start_in(day.year, month_day)
    return start if start <= day else fiscal_year_start_in(day.year - 1, month_day)


def previous_fiscal_year_start(day: date, month_day: tuple[int, int]) -> date:
    """The first day of the fiscal year before the one ``day`` falls in: the report covering it is
    the one due in the current year."""
    current = fiscal_year_containing(day, month_day)
    return fiscal_year_containing(current - timedelta(days=1), month_day)


@lru_cache(maxsize=4096)  # most NPOs share a start and never change it
def _schedule(
    month_day: tuple[int, int], changes: tuple[tuple[date, tuple[int, int]], ...]
) -> tuple[tuple[date, tuple[int, int]], ...]:
    """The (first new start, month and day) runs of fiscal years, oldest first; the first run from
    ``date.min``. A change's run begins on the first day on or after it took effect that is a start
    under the new month and day: the year in progress ends the day before (a shorter 変則 year,
    docs/legal-reference.md §4.7). A later change replaces any run it begins before."""
    runs: list[tuple[date, tuple[int, int]]] = [(date.min, month_day)]
    for effective, new in changes:
        begins = first_fiscal_year_start_after(effective - timedelta(days=1), new)
        runs = [run for run in runs if run[0] < begins] + [(begins, new)]
    return tuple(runs)


def _run_of(facts: CaseFacts, day: date) -> tuple[date | None, tuple[int, int]]:
    """The month and day of the fiscal years ``day`` falls among, and where the next run begins."""
    assert facts.fiscal_year_start is not None
    runs = _schedule(facts.fiscal_year_start, facts.fiscal_year_changes)
    index = max(i for i, run in enumerate(runs) if run[0] <= day)
    following = runs[index + 1][0] if index + 1 < len(runs) else None
    return following, runs[index][1]


def year_start_of(facts: CaseFacts, day: date) -> date:
    """The (nominal) first day of the fiscal year ``day`` falls in, after any 事業年度 changes."""
    return fiscal_year_containing(day, _run_of(facts, day)[1])


def next_year_start(facts: CaseFacts, start: date) -> date:
    """The first day of the fiscal year after the one beginning on ``start``: the next start under
    its month and day, or sooner where a 事業年度 change begins a new run."""
    following, month_day = _run_of(facts, start)
    after = first_fiscal_year_start_after(start, month_day)
    return min(after, following) if following is not None else after


@dataclass(frozen=True)
class CoveredYear:
    """One fiscal year of an established NPO, as far as its 事業報告書等 is concerned."""

    start: date  # the nominal first day: the key a filed report is recorded under
    first_day: date  # the day the year really began (the registration, for the first year)
    last_day: date
    filed: bool  # its 事業報告書等 has been received
    tracked: bool  # on or after annual_reports_tracked_from: an unfiled report counts as missing

    @property
    def next_start(self) -> date:
        """The first day of the following fiscal year: the 29条 period for this report starts there."""
        return self.last_day + timedelta(days=1)


def covered_years(facts: CaseFacts) -> Iterator[CoveredYear]:
    """Every fiscal year from the one containing the registration on, without end (take what you need).

    Nothing before the registration or while the fiscal year is unknown. Whether the NPO still owes
    reports (not revoked) is the caller's question. A recorded report dated anywhere in a year counts
    for that year, so a date entered as the year's first day or any later day both work. The years
    follow ``facts.fiscal_year_changes``.
    """
    if facts.registered_on is None or facts.fiscal_year_start is None:
        return
    filed = _filed_years(facts)
    start = year_start_of(facts, facts.registered_on)
    while True:
        year = _covered(facts, start, filed)
        yield year
        start = year.next_start


def covered_years_back(facts: CaseFacts, last: date) -> Iterator[CoveredYear]:
    """The fiscal years from the one beginning (nominally) on ``last`` back to the first one
    (containing the registration), newest first: ``covered_years`` read backwards from a year."""
    if facts.registered_on is None or facts.fiscal_year_start is None:
        return
    filed = _filed_years(facts)
    first = year_start_of(facts, facts.registered_on)
    start = last
    while start >= first:
        yield _covered(facts, start, filed)
        start = year_start_of(facts, start - timedelta(days=1))


def first_missing_year(facts: CaseFacts) -> CoveredYear | None:
    """The earliest tracked year whose report is not on record, None before the registration or
    while the fiscal year is unknown (otherwise it exists: the recorded reports are finitely many).

    Stepped from the first tracked year, without walking the untracked ones: the dashboard asks this
    for every established NPO.
    """
    registered = facts.registered_on
    if registered is None or facts.fiscal_year_start is None:
        return None
    start = year_start_of(facts, registered)
    since = facts.annual_reports_tracked_from
    if since is not None and registered < since:  # the first tracked year is the first starting on/after it
        tracked = year_start_of(facts, since)
        start = max(start, tracked if tracked == since else next_year_start(facts, tracked))
    filed = _filed_years(facts)
    while start in filed:
        start = next_year_start(facts, start)
    return _covered(facts, start, filed)


def _filed_years(facts: CaseFacts) -> frozenset[date]:
    return frozenset(year_start_of(facts, day) for day in facts.annual_reports_filed)


def _covered(facts: CaseFacts, start: date, filed: frozenset[date]) -> CoveredYear:
    """The fiscal year beginning (nominally) on ``start``."""
    assert facts.registered_on is not None
    first_day = max(start, facts.registered_on)
    since = facts.annual_reports_tracked_from
    return CoveredYear(
        start=start,
        first_day=first_day,
        last_day=next_year_start(facts, start) - timedelta(days=1),
        filed=start in filed,
        tracked=since is None or first_day >= since,
    )
