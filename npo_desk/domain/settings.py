"""Installation settings the rules depend on. The store persists them; the domain only reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class DecisionStart(StrEnum):
    """When the decision period (12条2項) starts counting.

    ``AFTER_INSPECTION_COUNTED``: the day after 縦覧 ends, counted (the period starts at 0:00). The
    earlier of the two readings, and the default. ``AFTER_INSPECTION_NOT_COUNTED``: that day is the
    first, uncounted day, which ends the period one day later.
    """

    AFTER_INSPECTION_COUNTED = "after_inspection_counted"
    AFTER_INSPECTION_NOT_COUNTED = "after_inspection_not_counted"


@dataclass(frozen=True)
class DecisionPeriod:
    """The 条例's decision period: ``months`` or ``days`` (exactly one is set)."""

    months: int | None = 2
    days: int | None = None


@dataclass(frozen=True)
class Settings:
    # Our own authority, as an address of its seat: a prefecture (宮崎県), a designated city
    # (神奈川県横浜市) or a municipality holding delegated powers (宮崎県日南市).
    home_authority: str = "宮崎県日南市"
    # Other municipalities that hold delegated powers under the prefecture's 事務処理特例条例
    # (全国地方公共団体コード, 6 digits). Our own municipality counts as delegated implicitly.
    delegated_municipalities: frozenset[str] = frozenset()
    decision_period: DecisionPeriod = DecisionPeriod()
    decision_start: DecisionStart = DecisionStart.AFTER_INSPECTION_COUNTED
    extra_closed_days: frozenset[date] = frozenset()
    registration_notice_overdue_days: int = 60
    annual_report_months: int = 3
    annual_report_rolls: bool = True
    clerks: tuple[str, ...] = field(default_factory=tuple)
