"""How long a result worked out for ``today`` stays the result, the facts unchanged.

The rules read ``today`` only by comparing it with dates of the case (「縦覧期間の末日まで」, 「満了日まで」):
what they give changes on the days those comparisons turn, and on no other. ``settled`` runs a
computation with a ``today`` that notes every date it is compared with, so the store can keep the
open deadlines of 50,000 corporations and work out again only those whose day has come, instead of
every corporation on every read. Whatever else a rule does with ``today`` (its year, days between)
cannot be followed: the result is then kept for ``today`` alone.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class _Notes:
    """The dates a computation compared ``today`` with, and whether it read ``today`` otherwise."""

    def __init__(self) -> None:
        self.seen: list[date] = []
        self.opaque = False


class _WatchedDay(date):
    """``today`` (or ``today`` ± days) that notes each comparison, as the same comparison of ``today``."""

    __slots__ = ("_notes", "_offset")
    _notes: _Notes
    _offset: int

    def __new__(cls, *args: Any) -> _WatchedDay:  # date arithmetic calls it with (year, month, day)
        return super().__new__(cls, *args)

    @classmethod
    def of(cls, day: date, notes: _Notes, offset: int) -> _WatchedDay:
        watched = cls(day.year, day.month, day.day)
        watched._notes, watched._offset = notes, offset
        return watched

    def _note(self, other: object) -> None:
        if isinstance(other, date):
            # self (today + offset) compared with other: today compared with other - offset. A bound
            # (date.min, date.max) that no today of a case reaches may overflow: nothing to note.
            with suppress(OverflowError):
                self._notes.seen.append(date(other.year, other.month, other.day) - timedelta(self._offset))

    def _plain(self) -> date:
        return date(date.year.__get__(self), date.month.__get__(self), date.day.__get__(self))

    def __lt__(self, other: date) -> bool:
        self._note(other)
        return date.__lt__(self, other)

    def __le__(self, other: date) -> bool:
        self._note(other)
        return date.__le__(self, other)

    def __gt__(self, other: date) -> bool:
        self._note(other)
        return date.__gt__(self, other)

    def __ge__(self, other: date) -> bool:
        self._note(other)
        return date.__ge__(self, other)

    def __eq__(self, other: object) -> bool:
        self._note(other)
        return date.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        self._note(other)
        return date.__ne__(self, other)

    __hash__ = date.__hash__

    def __add__(self, other: timedelta) -> _WatchedDay:
        if not isinstance(other, timedelta):
            return NotImplemented
        return _WatchedDay.of(self._plain() + other, self._notes, self._offset + other.days)

    __radd__ = __add__

    def __str__(self) -> str:
        self._notes.opaque = True
        return str(self._plain())

    def __format__(self, spec: str) -> str:
        self._notes.opaque = True
        return format(self._plain(), spec)

    def __sub__(self, other: Any) -> Any:
        if isinstance(other, timedelta):
            return _WatchedDay.of(self._plain() - other, self._notes, self._offset - other.days)
        self._notes.opaque = True  # days between: not a comparison this module can follow
        return self._plain() - other

    def __rsub__(self, other: Any) -> Any:
        self._notes.opaque = True
        return other - self._plain()

    def __getattribute__(self, name: str) -> Any:
        # Its year, month, weekday, text …: a rule reading them may change with any day.
        if name in _OPAQUE:
            object.__getattribute__(self, "_notes").opaque = True
            return getattr(object.__getattribute__(self, "_plain")(), name)
        return object.__getattribute__(self, name)


_OPAQUE = frozenset(
    name
    for name in dir(date)
    if not name.startswith("__")
    and name not in {"resolution", "min", "max", "fromordinal", "fromisoformat", "today", "fromtimestamp"}
)


@dataclass(frozen=True)
class Settled(Generic[T]):
    """A result and the last day it holds (``through``); None: no day ends it, only new facts."""

    value: T
    through: date | None

    def holds_on(self, day: date) -> bool:
        """Whether ``day`` would give the same result (``day`` on or after the day it was worked out)."""
        return self.through is None or day <= self.through


def settled(compute: Callable[[date], T], today: date) -> Settled[T]:
    """``compute(today)`` and the last day it would give the same (the facts unchanged): the day
    before the first date after ``today`` that it compared ``today`` with (``today`` itself when that
    date is ``today``: a comparison turns the next day at the latest)."""
    notes = _Notes()
    value = compute(_WatchedDay.of(today, notes, 0))
    if notes.opaque:
        return Settled(value, today)
    ahead = [day for day in notes.seen if day >= today]
    if not ahead:
        return Settled(value, None)
    return Settled(value, max(today, min(ahead) - timedelta(days=1)))
