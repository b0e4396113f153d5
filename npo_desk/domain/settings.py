"""Installation settings the rules depend on. The store persists them; the domain only reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_wareki


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


# 地方自治法252条の17の2 (事務処理特例条例), added by 平成11年法律第87号, in force 2000-04-01: before
# that day no municipality could hold a prefecture's powers, so no delegation can start earlier.
DELEGATION_POSSIBLE_FROM = date(2000, 4, 1)


@dataclass(frozen=True)
class Delegation:
    """A municipality holding the prefecture's 所轄庁 powers under its 事務処理特例条例, from ``start``
    until ``end`` (inclusive; None while it still holds them). Before and after, the prefecture decides."""

    code: str  # 全国地方公共団体コード, 6 digits
    start: date = DELEGATION_POSSIBLE_FROM
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether the municipality held the powers on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)

    def period_text(self) -> str:
        """「平成17年4月1日から」 or 「平成17年4月1日から令和5年3月31日まで」: how every view says it."""
        until = f"{format_wareki(self.end)}まで" if self.end is not None else ""
        return f"{format_wareki(self.start)}から{until}"


def check_delegation(delegation: Delegation) -> None:
    """Refuse (InvalidInput) dates the law does not allow, before a delegation is saved: a start before
    地方自治法252条の17の2 existed, or an end before the start."""
    if delegation.start < DELEGATION_POSSIBLE_FROM:
        raise InvalidInput(
            f"権限移譲の開始日({format_wareki(delegation.start)})は、事務処理特例条例の根拠"
            f"(地方自治法第252条の17の2、平成11年法律第87号)の施行日({format_wareki(DELEGATION_POSSIBLE_FROM)})"
            "より前にはできません。"
        )
    if delegation.end is not None and delegation.end < delegation.start:
        raise InvalidInput(
            f"権限移譲の終了日({format_wareki(delegation.end)})が開始日({format_wareki(delegation.start)})"
            "より前になっています。"
        )


@dataclass(frozen=True)
class Settings:
    # Our own authority, as an address of its seat: a prefecture (宮崎県), a designated city
    # (神奈川県横浜市) or a municipality holding delegated powers (宮崎県日南市).
    home_authority: str = "宮崎県日南市"
    # Municipalities that hold delegated powers under the prefecture's 事務処理特例条例, each with its
    # dates. Our own municipality counts as delegated implicitly from DELEGATION_POSSIBLE_FROM unless
    # it is listed here with its own dates.
    delegated_municipalities: frozenset[Delegation] = frozenset()
    decision_period: DecisionPeriod = DecisionPeriod()
    decision_start: DecisionStart = DecisionStart.AFTER_INSPECTION_COUNTED
    extra_closed_days: frozenset[date] = frozenset()
    registration_notice_overdue_days: int = 60
    annual_report_months: int = 3
    annual_report_rolls: bool = True
    clerks: tuple[str, ...] = field(default_factory=tuple)
    # Letters (reports.letters): 所轄庁名 as the letters write it (blank: from home_authority, e.g.
    # 日南市), the head's name signing them (首長名; the title 日南市長 / 宮崎県知事 is derived), the
    # 文書番号 pattern ({番号}, optionally {年}), the contact printed at the foot, and the folder whose
    # templates of the same file name replace the shipped ones (blank: the shipped ones only).
    authority_name: str = ""
    head_name: str = ""
    document_number_format: str = "第{番号}号"
    letter_contact: str = ""
    template_folder: str = ""
