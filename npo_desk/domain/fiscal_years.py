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
from itertools import count

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
    for that year, so a date entered as the year's first day or any later day both work.
    """
    if facts.registered_on is None or facts.fiscal_year_start is None:
        return
    filed = _filed_years(facts)
    for year in count(fiscal_year_containing(facts.registered_on, facts.fiscal_year_start).year):
        yield _covered(facts, year, filed)


def covered_years_back(facts: CaseFacts, last: int) -> Iterator[CoveredYear]:
    """The fiscal years from the one beginning (nominally) in year ``last`` back to the first one
    (containing the registration), newest first: ``covered_years`` read backwards from a year."""
    if facts.registered_on is None or facts.fiscal_year_start is None:
        return
    filed = _filed_years(facts)
    first = fiscal_year_containing(facts.registered_on, facts.fiscal_year_start).year
    for year in range(last, first - 1, -1):
        yield _covered(facts, year, filed)


def first_missing_year(facts: CaseFacts) -> CoveredYear | None:
    """The earliest tracked year whose report is not on record, None before the registration or
    while the fiscal year is unknown (otherwise it exists: the recorded reports are finitely many).

    Counted in the years' numbers (the calendar year each begins in), without walking the untracked
    ones: the dashboard asks this for every established NPO.
    """
    registered, month_day = facts.registered_on, facts.fiscal_year_start
    if registered is None or month_day is None:
        return None
    year = fiscal_year_containing(registered, month_day).year
    since = facts.annual_reports_tracked_from
    if since is not None and registered < since:  # the first tracked year is the first starting on/after it
        year = max(year, first_fiscal_year_start_after(since - timedelta(days=1), month_day).year)
    filed = _filed_years(facts)
    while year in filed:
        year += 1
    return _covered(facts, year, filed)


def _filed_years(facts: CaseFacts) -> frozenset[int]:
    assert facts.fiscal_year_start is not None
    month_day = facts.fiscal_year_start
    return frozenset(fiscal_year_containing(day, month_day).year for day in facts.annual_reports_filed)


def _covered(facts: CaseFacts, year: int, filed: frozenset[int]) -> CoveredYear:
    """The fiscal year beginning (nominally) in ``year``."""
    assert facts.registered_on is not None and facts.fiscal_year_start is not None
    start = fiscal_year_start_in(year, facts.fiscal_year_start)
    first_day = max(start, facts.registered_on)
    since = facts.annual_reports_tracked_from
    return CoveredYear(
        start=start,
        first_day=first_day,
        last_day=fiscal_year_start_in(year + 1, facts.fiscal_year_start) - timedelta(days=1),
        filed=year in filed,
        tracked=since is None or first_day >= since,
    )
