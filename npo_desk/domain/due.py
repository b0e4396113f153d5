"""A deadline with the date the clerk set by hand beside it: which date counts, and how both read.

The law's date is never replaced (docs/legal-reference.md §6.2). For a statutory deadline the
clerk's date can only be an earlier reminder: on or before the law's date it is shown beside it; a
later one (set so, or become later when a fact or a setting moved the law's date) is superseded and
says why. Either way the law's date (its practical last open day, ``Deadline.act_by``) decides the
days left, red and amber. Only a reminder the law does not fix (the 設立登記完了届's, 13条2項
「遅滞なく」, and the like) is the clerk's to move. Every view (dashboard, case list, editor,
timeline, 期限一覧表, 案件票) reads its texts from here, so they say the same thing in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from npo_desk.domain.deadlines import OFFICE_REMINDERS, Deadline, DeadlineKey, days_left_text
from npo_desk.domain.wareki import format_wareki

# Every deadline the law (or a 条例 under it) fixes; the 督促目安 of 13条2項 and the other
# 「遅滞なく」 reminders (deadlines.OFFICE_REMINDERS) are the office's own.
STATUTORY: frozenset[DeadlineKey] = frozenset(DeadlineKey) - OFFICE_REMINDERS

MANUAL_MARK = "手動"  # how every view marks a date the clerk set by hand


class ManualStatus(StrEnum):
    REMINDER = "reminder"  # on or before the law's date: an earlier reminder beside it
    SUPERSEDED = "superseded"  # later than the law's date: the law's date counts
    REPLACES = "replaces"  # a reminder the law does not fix: the clerk's date counts


SUPERSEDED_LEAD, SUPERSEDED_WHY = "不採用", "(法定の期限より後)"
MANUAL_STATUS_LABELS: dict[ManualStatus, str] = {
    ManualStatus.REMINDER: "前倒しの目安",
    ManualStatus.SUPERSEDED: SUPERSEDED_LEAD + SUPERSEDED_WHY,
    ManualStatus.REPLACES: "督促の目安を変更",
}


@dataclass(frozen=True)
class ManualDate:
    """A date the clerk set by hand for a deadline, with the reason they gave."""

    on: date
    reason: str = ""


@dataclass(frozen=True)
class Due:
    """A deadline and the clerk's date for it, if any; the rule of which one counts lives here."""

    deadline: Deadline
    manual: ManualDate | None = None

    @property
    def statutory(self) -> bool:
        return self.deadline.key in STATUTORY

    @property
    def law_date(self) -> date:
        return self.deadline.date

    @property
    def status(self) -> ManualStatus | None:
        """What the clerk's date is: an earlier reminder, superseded by the law, or (督促目安) the date."""
        if self.manual is None:
            return None
        if not self.statutory:
            return ManualStatus.REPLACES
        return ManualStatus.REMINDER if self.manual.on <= self.deadline.date else ManualStatus.SUPERSEDED

    @cached_property  # read for every line's days, colour and place in the list
    def counts(self) -> date:
        """The day days left, colours and order count to: the law's (its last open day when the law's
        day is closed), or for the 督促目安 the clerk's date when one is set."""
        if self.manual is not None and not self.statutory:
            return self.manual.on
        return self.deadline.act_by

    def days_left(self, today: date) -> int:
        return (self.counts - today).days

    def days_left_text(self, today: date) -> str:
        return days_left_text(self.days_left(today))

    # --- texts ---------------------------------------------------------------------------------
    def date_text(self) -> str:
        """The deadline as shown in the 期限 column: the law's date with its closed-day note, or the
        clerk's 督促目安 marked 「(手動)」."""
        if self.status is ManualStatus.REPLACES:
            assert self.manual is not None
            return f"{format_wareki(self.manual.on, weekday=True)}({MANUAL_MARK})"
        return self.deadline.date_text()

    def manual_text(self) -> str:
        """One line for a 手動 column: 「手動 令和8年12月4日(金) 前倒しの目安」; empty without one."""
        if self.manual is None or self.status is None:
            return ""
        on = format_wareki(self.manual.on, weekday=True)
        if self.status is ManualStatus.REPLACES:
            return f"{MANUAL_MARK} {on} (当初の督促目安 {format_wareki(self.deadline.date, weekday=True)})"
        if self.status is ManualStatus.SUPERSEDED:
            # 「不採用」 leads: a narrow cell elides the middle, and must never be left reading 「…採用」.
            return f"{SUPERSEDED_LEAD} {MANUAL_MARK} {on}{SUPERSEDED_WHY}"
        return f"{MANUAL_MARK} {on} {MANUAL_STATUS_LABELS[self.status]}"

    def summary(self) -> str:
        """The date and, when the clerk set one, the 手動 line in brackets: for one-line places (the
        case list's 次の期限, the editor's title)."""
        if self.status in (None, ManualStatus.REPLACES):
            return self.date_text()
        return f"{self.date_text()} [{self.manual_text()}]"

    def explanation(self) -> str:
        """Why a superseded date does not count, naming both dates and the law; empty otherwise."""
        if self.manual is None or self.status is not ManualStatus.SUPERSEDED:
            return ""
        return (
            f"手動の期限 {format_wareki(self.manual.on)}は法定の期限 {format_wareki(self.deadline.date)}"
            f"({self.deadline.basis})より後のため、法定の期限によります"
        )

    def manual_details(self) -> list[str]:
        """The 手動 line, its reason and (when superseded) the explanation: for an editor cell, a
        report cell or a tooltip."""
        if self.manual is None:
            return []
        lines = [self.manual_text()]
        if self.manual.reason:
            lines.append(f"理由: {self.manual.reason}")
        if explanation := self.explanation():
            lines.append(explanation)
        return lines


def later_than_law(deadline: Deadline, on: date) -> bool:
    """Whether a date the clerk is about to set for ``deadline`` would be superseded by the law."""
    return Due(deadline, ManualDate(on)).status is ManualStatus.SUPERSEDED
