"""Which open deadlines the clerk's list shows, and in what order: one rule for the dashboard (今日の期限),
``npo-desk due`` and the calendar file, so a scheduled morning task lists what the window shows.

- Order: by the day that counts (``Due.counts``: the law's date, its last open day when the law's day is
  closed, never a later manual date), then the case number as people read it (「R8-9」 before
  「R8-10」), then the deadline's name.
- Horizon (期限の範囲): a deadline due within ``days`` days is shown, and an overdue one always is (a
  horizon hides what can wait, never what is already late); ``None`` shows everything.
- 担当: ``None`` is everyone's; a name shows that clerk's deadlines only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import IntEnum
from functools import lru_cache
from itertools import cycle
from typing import Any, Protocol, TypeVar

from npo_desk.domain.deadlines import SOON_DAYS
from npo_desk.domain.due import Due


class AgendaItem(Protocol):
    """What the rule reads of a line: the store's ``OpenDeadline`` and the dashboard's row both fit."""

    @property
    def case_number(self) -> str: ...

    @property
    def clerk(self) -> str: ...

    @property
    def due(self) -> Due: ...


ItemT = TypeVar("ItemT", bound=AgendaItem)


class Urgency(IntEnum):
    OVERDUE = 0  # red
    SOON = 1  # amber: within SOON_DAYS
    LATER = 2


def urgency_of(days_left: int) -> Urgency:
    if days_left < 0:
        return Urgency.OVERDUE
    return Urgency.SOON if days_left <= SOON_DAYS else Urgency.LATER


_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=65_536)  # the dashboard and due sort the same numbers again and again
def natural_key(text: str) -> tuple[Any, ...]:
    """「R8-10」 after 「R8-9」: digit runs compare as numbers (``split`` puts them at odd positions)."""
    return tuple(int(part) if odd else part for odd, part in zip(cycle((False, True)), _DIGITS.split(text)))


def order_key(item: AgendaItem) -> tuple[date, tuple[Any, ...], str]:
    """The list's order: the day that counts, then the case number as read, then the deadline's name."""
    return item.due.counts, natural_key(item.case_number), item.due.deadline.label


def within(days_left: int, days: int | None) -> bool:
    """Whether a deadline ``days_left`` away is inside a horizon of ``days`` (None: no horizon).
    Overdue is always inside; ``days`` = -1 shows the overdue ones alone (期限超過のみ)."""
    return days_left < 0 or days is None or days_left <= days


def of_clerk(item: AgendaItem, clerk: str | None) -> bool:
    """Whether the line belongs to ``clerk`` (None: everyone's)."""
    return clerk is None or item.clerk == clerk


def agenda(
    items: Iterable[ItemT], today: date, days: int | None = None, clerk: str | None = None
) -> list[ItemT]:
    """The lines shown for ``today`` within ``days`` for ``clerk``, in the list's order."""
    shown = [i for i in items if of_clerk(i, clerk) and within(i.due.days_left(today), days)]
    return sorted(shown, key=order_key)
