"""Days the office is closed, and the next day it is open.

A deadline that falls on a closed day moves to the next open day where a statute says so (地方自治法
4条の2第4項 for local offices, 行政機関の休日に関する法律2条 for national ones). The closed days are
Saturdays, Sundays, national holidays from the maintained ``holidays`` library (祝日法, including
振替休日 and 国民の休日), 年末年始 (12月29日〜1月3日), which no holiday library knows, and the extra
days a city's 休日条例 adds (a setting).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

_WEEKEND_REASONS = {5: "土曜日", 6: "日曜日"}
YEAR_END_REASON = "年末年始"
EXTRA_REASON = "条例で定める休日"


@cache
def _japan() -> Any:
    """The ``holidays`` library's ``Japan``, loaded on first use and without ``holidays.countries``:
    that package imports the modules of some 200 countries, most of the time ``npo-desk deadlines``
    took to start (issue 11), while Japan's module needs only the library's base classes. The
    ordinary import when the library is laid out otherwise (tests/domain/test_calendar.py checks
    both give the same days)."""
    import importlib.util

    import holidays

    loaded = sys.modules.get("holidays.countries.japan")
    source = Path(holidays.__file__).parent / "countries" / "japan.py"
    spec = importlib.util.spec_from_file_location("npo_desk_holidays_japan", source)
    if loaded is not None or spec is None or spec.loader is None or not source.is_file():
        from holidays.countries.japan import Japan

        return Japan
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Japan


@cache
def _national_holidays(year: int) -> Mapping[date, str]:
    """The 祝日法 holidays of ``year`` with their Japanese names: read-only, computed once per year."""
    table = _japan()(language="ja", years=year)
    return MappingProxyType({day: str(name) for day, name in table.items()})


def _is_year_end(d: date) -> bool:
    return (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)


class ClosedDays:
    """The closed-day calendar of one office: national closed days plus ``extra`` local ones.

    The national holidays are computed once per year and shared read-only between instances: a
    dashboard computes thousands of deadlines.
    """

    def __init__(self, extra: Iterable[date] = ()) -> None:
        self._extra = frozenset(extra)

    @property
    def extra(self) -> frozenset[date]:
        return self._extra

    def holiday_name(self, d: date) -> str | None:
        """The Japanese name of the national holiday on ``d`` (「憲法記念日」, 「振替休日」 …), if any."""
        return _national_holidays(d.year).get(d)

    def reason(self, d: date) -> str | None:
        """Why ``d`` is closed, in Japanese, or ``None`` when the office is open.

        A holiday's own name wins over the weekday, so 2025-05-06 says 「振替休日」, not 「火曜日」.
        """
        name = self.holiday_name(d)
        if name is not None:
            return name
        if _is_year_end(d):
            return YEAR_END_REASON
        weekend = _WEEKEND_REASONS.get(d.weekday())
        if weekend is not None:
            return weekend
        if d in self._extra:
            return EXTRA_REASON
        return None

    def is_closed(self, d: date) -> bool:
        return self.reason(d) is not None

    def next_open_day(self, d: date) -> date:
        """``d`` itself when the office is open that day, else the first open day after it."""
        while self.is_closed(d):
            d += timedelta(days=1)
        return d

    def previous_open_day(self, d: date) -> date:
        """``d`` itself when the office is open that day, else the last open day before it: by when
        the office must act on a deadline that falls on a closed day and does not move."""
        while self.is_closed(d):
            d -= timedelta(days=1)
        return d
