"""The GUI's only clock. Every "today" on screen comes from here, so tests can move time."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def now() -> datetime:
    """The local wall-clock time."""
    return datetime.now()


def today() -> date:
    """The local calendar date; deadlines and 残り日数 count from it."""
    return date.today()


def msecs_until_tomorrow(moment: datetime | None = None) -> int:
    """Milliseconds from ``moment`` (default: now) to just after the next local midnight.

    A second of slack makes sure the timer fires on the new day, never a hair before it.
    """
    moment = moment or now()
    midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())
    return int((midnight - moment).total_seconds() * 1000) + 1000
