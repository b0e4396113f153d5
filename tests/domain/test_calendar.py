"""Closed days: weekends, national holidays (library), 年末年始 and the 条例's extra days."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest

from npo_desk.domain.calendar import ClosedDays

D = date.fromisoformat


@pytest.mark.parametrize(
    ("d", "reason"),
    [
        ("2025-05-06", "振替休日"),
        ("2025-05-03", "憲法記念日"),
        ("2025-05-05", "こどもの日"),
        ("2015-09-22", "国民の休日"),  # between 敬老の日 and 秋分の日
        ("2009-09-22", "国民の休日"),
        ("2026-09-22", "国民の休日"),
        ("2019-04-30", "国民の休日"),  # 2019's ten-day Golden Week
        ("2019-05-01", "天皇の即位の日"),
        ("2019-05-02", "国民の休日"),
        ("2019-10-22", "即位礼正殿の儀が行われる日"),
        ("2020-07-24", "スポーツの日"),  # moved for the Olympics
        ("1999-01-15", "成人の日"),
        ("2040-01-01", "元日"),
        ("2025-12-29", "年末年始"),
        ("2025-12-31", "年末年始"),
        ("2026-01-02", "年末年始"),
        ("2026-01-03", "年末年始"),  # a Saturday: 年末年始 says more
        ("2025-04-05", "土曜日"),
        ("2025-04-06", "日曜日"),
    ],
)
def test_reasons(d: str, reason: str) -> None:
    assert ClosedDays().reason(D(d)) == reason
    assert ClosedDays().is_closed(D(d))


@pytest.mark.parametrize("d", ["2025-04-07", "2025-12-26", "2026-01-05", "2025-05-07", "2020-10-12"])
def test_open_days(d: str) -> None:
    assert ClosedDays().reason(D(d)) is None
    assert not ClosedDays().is_closed(D(d))
    assert ClosedDays().next_open_day(D(d)) == D(d)


def test_extra_closed_days_from_the_ordinance() -> None:
    extra = ClosedDays(extra=[D("2025-08-14")])
    assert extra.reason(D("2025-08-14")) == "条例で定める休日"
    assert ClosedDays().reason(D("2025-08-14")) is None
    assert extra.next_open_day(D("2025-08-14")) == D("2025-08-15")


@pytest.mark.parametrize(
    ("d", "open_day"),
    [
        ("2025-05-03", "2025-05-07"),  # Golden Week 2025
        ("2019-04-27", "2019-05-07"),  # ten days closed in 2019
        ("2025-12-27", "2026-01-05"),  # 年末年始 joined to a weekend
        ("2020-12-29", "2021-01-04"),
        ("2026-09-19", "2026-09-24"),  # シルバーウィーク 2026
    ],
)
def test_next_open_day_runs_over_long_breaks(d: str, open_day: str) -> None:
    assert ClosedDays().next_open_day(D(d)) == D(open_day)


def test_every_day_1998_to_2040_is_answered() -> None:
    days = ClosedDays()
    d, closed = D("1998-01-01"), 0
    while d <= D("2040-12-31"):
        nxt = days.next_open_day(d)
        assert not days.is_closed(nxt) and nxt - d < timedelta(days=11)
        closed += days.is_closed(d)
        d += timedelta(days=1)
    # 104 weekend days, about 14 holidays and 4 年末年始 days on weekdays: about 122 a year
    assert 43 * 118 < closed < 43 * 126


_TABLE = """
import json, sys
from npo_desk.domain.calendar import _national_holidays
table = {d.isoformat(): name for year in range(1998, 2042) for d, name in _national_holidays(year).items()}
print(json.dumps([table, "holidays.countries" in sys.modules]))
"""


def test_the_holiday_table_is_the_librarys_japan_loaded_alone() -> None:
    """祝日法's days as the ``holidays`` library gives them, with their names, though loaded without the
    library's other countries (issue 11.4: they were most of the command line's start)."""
    from holidays.countries.japan import Japan

    done = subprocess.run([sys.executable, "-c", _TABLE], capture_output=True, text=True, check=True)
    table, all_countries_loaded = json.loads(done.stdout)
    expected = Japan(language="ja", years=range(1998, 2042))
    assert table == {d.isoformat(): str(name) for d, name in sorted(expected.items())}
    assert "2025-05-06" in table and not all_countries_loaded
