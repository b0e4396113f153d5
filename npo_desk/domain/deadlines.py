"""The legal deadlines of a 設立認証 case, derived from its dated facts, its law profile and settings.

Deadlines are never stored as truth: they are recomputed from the facts every time, so a corrected
fact or a changed setting corrects every deadline. Each deadline keeps the date the period itself
ends (``unrolled``) beside the date that applies (``date``), which differs only for periods that move
past closed days by statute; docs/legal-reference.md §5.2 says which do. A deadline that
does not move and falls on a closed day of the 所轄庁 carries the last open day before it
(``last_open_day``): the law's date stays the deadline, the office must act by that day in practice.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from npo_desk.domain.calendar import ClosedDays
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.fiscal_years import first_fiscal_year_start_after, first_missing_year
from npo_desk.domain.periods import Period, period_end
from npo_desk.domain.profiles import PROFILES, LawProfile, resolve_profile
from npo_desk.domain.settings import DecisionPeriod, DecisionStart, Settings
from npo_desk.domain.wareki import WEEKDAYS, format_fiscal_year, format_month_day, format_wareki

ACT = "特定非営利活動促進法"
LOCAL_ROLL = "地方自治法第4条の2第4項"  # local offices: a deadline on a closed day moves to the next open day
NATIONAL_ROLL = "行政機関の休日に関する法律第2条"  # the same for national offices (the 法務局)
ANNUAL_REPORT_BASIS = f"{ACT}第28条第1項、第29条及び条例"
REGISTRATION_GRACE = Period.months(6)  # 13条3項
REGISTRATION_PERIOD = Period.weeks(2)  # 組合等登記令2条1項


# A pending deadline this close is shown as urgent (amber) everywhere: dashboard, editor, reports.
SOON_DAYS = 7


_SHORT_NAMES = (
    (ACT, "法"),
    ("行政機関の休日に関する法律", "行政機関休日法"),
    ("休日条例による期限の特例", "休日条例"),
    ("において準用する", "で準用する"),
    ("及び", "・"),
    ("、", "・"),
)
_ORDINAL = re.compile(r"(?<!\d)第(\d+)(条|項|号)")  # 「第4条の2第4項」 keeps its second 第


def short_basis(basis: str) -> str:
    """A legal basis short enough for a table column, read as clerks write it: 「法12条2項・条例」 for
    「特定非営利活動促進法第12条第2項及び条例」. The full text stays where there is room (reports,
    the editor, tooltips)."""
    for long, short in _SHORT_NAMES:
        basis = basis.replace(long, short)
    return _ORDINAL.sub(r"\1\2", basis)


def days_left_text(days_left: int) -> str:
    """How the clerk reads the time left, one wording everywhere: 「3日超過」「本日が期限」「あと5日」."""
    if days_left < 0:
        return f"{-days_left}日超過"
    return "本日が期限" if days_left == 0 else f"あと{days_left}日"


class DeadlineKey(StrEnum):
    PUBLIC_INSPECTION_END = "public_inspection_end"
    CORRECTION_DEADLINE = "correction_deadline"
    DECISION_DEADLINE = "decision_deadline"
    REGISTRATION_DEADLINE = "registration_deadline"
    REGISTRATION_GRACE_END = "registration_grace_end"
    REGISTRATION_NOTICE = "registration_notice"
    ANNUAL_REPORT_DUE = "annual_report_due"
    # Procedures after 設立 (npo_desk/domain/procedures.py, docs/legal-reference.md §13).
    AMENDMENT_REGISTRATION_DEADLINE = "amendment_registration_deadline"
    AMENDMENT_CERTIFICATE_NOTICE = "amendment_certificate_notice"
    MERGER_CREDITOR_NOTICE = "merger_creditor_notice"
    MERGER_REGISTRATION_DEADLINE = "merger_registration_deadline"
    MERGER_REGISTRATION_GRACE_END = "merger_registration_grace_end"
    MERGER_REGISTRATION_NOTICE = "merger_registration_notice"
    NOTIFICATION_REMINDER = "notification_reminder"
    ACCREDITATION_EXPIRY = "accreditation_expiry"
    RENEWAL_APPLICATION_DEADLINE = "renewal_application_deadline"


DEADLINE_LABELS: dict[DeadlineKey, str] = {
    DeadlineKey.PUBLIC_INSPECTION_END: "縦覧期間の末日",
    DeadlineKey.CORRECTION_DEADLINE: "補正の期限",
    DeadlineKey.DECISION_DEADLINE: "認証・不認証の決定期限",
    DeadlineKey.REGISTRATION_DEADLINE: "設立登記の期限",
    DeadlineKey.REGISTRATION_GRACE_END: "認証後6か月の末日",
    DeadlineKey.REGISTRATION_NOTICE: "設立登記完了届の督促目安",
    DeadlineKey.ANNUAL_REPORT_DUE: "事業報告書等の提出期限",
    DeadlineKey.AMENDMENT_REGISTRATION_DEADLINE: "定款変更の登記の期限",
    DeadlineKey.AMENDMENT_CERTIFICATE_NOTICE: "登記事項証明書の提出の督促目安",
    DeadlineKey.MERGER_CREDITOR_NOTICE: "合併の公告・催告の期限",
    DeadlineKey.MERGER_REGISTRATION_DEADLINE: "合併の登記の期限",
    DeadlineKey.MERGER_REGISTRATION_GRACE_END: "合併認証後6か月の末日",
    DeadlineKey.MERGER_REGISTRATION_NOTICE: "合併登記完了届の督促目安",
    DeadlineKey.NOTIFICATION_REMINDER: "届出の督促目安",
    DeadlineKey.ACCREDITATION_EXPIRY: "認定の有効期間の満了日",
    DeadlineKey.RENEWAL_APPLICATION_DEADLINE: "有効期間の更新申請期間の末日",
}

# Reminders the law does not date (「遅滞なく」): the office's own, counted by the setting
# ``registration_notice_overdue_days``; a clerk's date replaces them (domain/due.py).
OFFICE_REMINDERS: frozenset[DeadlineKey] = frozenset(
    {
        DeadlineKey.REGISTRATION_NOTICE,
        DeadlineKey.AMENDMENT_CERTIFICATE_NOTICE,
        DeadlineKey.MERGER_REGISTRATION_NOTICE,
        DeadlineKey.NOTIFICATION_REMINDER,
    }
)

_KEY_ORDER = {key: i for i, key in enumerate(DeadlineKey)}


@dataclass(frozen=True)
class Deadline:
    key: DeadlineKey
    label: str
    date: datetime.date  # the date that applies
    unrolled: datetime.date  # the last day of the period itself
    basis: str
    # Why a closed day is involved (「振替休日」): ``unrolled``'s, when the deadline rolled; ``date``'s,
    # when the deadline falls on a closed day and does not move (``last_open_day`` is then set).
    closed_reason: str | None = None
    note: str = ""  # e.g. 「遅滞なく」: the law fixes no date, this one is only a reminder
    # For a deadline that does not roll and falls on a closed day of the 所轄庁: the last day before
    # it that the office is open, by when it must act in practice (docs/legal-reference.md §5.3).
    last_open_day: datetime.date | None = None

    @property
    def rolled(self) -> bool:
        """Whether the deadline moved past closed days (``date`` later than ``unrolled``)."""
        return self.date != self.unrolled

    @property
    def act_by(self) -> datetime.date:
        """The day the office must act by: ``last_open_day`` when the law's day is closed, else ``date``.
        Days left, red and amber count to it; the law's ``date`` stays what is shown as the deadline."""
        return self.last_open_day or self.date

    def date_text(self) -> str:
        """The law's date as every view shows it: 「令和8年11月11日(水)」, and for a closed day that does
        not move 「令和9年2月11日(木・建国記念の日) — 閉庁日のため実務上は2月10日(水)まで」."""
        if self.last_open_day is None:
            return format_wareki(self.date, weekday=True)
        weekday = WEEKDAYS[self.date.weekday()]
        reason = self.closed_reason or ""
        closed = weekday if reason in ("", f"{weekday}曜日") else f"{weekday}・{reason}"
        day = format_wareki(self.date)
        practical = format_month_day(self.last_open_day, weekday=True)
        if self.last_open_day.year != self.date.year:
            practical = format_wareki(self.last_open_day, weekday=True)
        return f"{day}({closed}) — 閉庁日のため実務上は{practical}まで"

    def roll_note(self) -> str:
        """「5月6日(火)が振替休日のため繰延べ」 for a rolled deadline, else the empty string."""
        if not self.rolled:
            return ""
        return f"{format_month_day(self.unrolled, weekday=True)}が{self.closed_reason}のため繰延べ"


def _deadline(key: DeadlineKey, unrolled: date, basis: str, closed: ClosedDays | None = None) -> Deadline:
    """A deadline ending on ``unrolled``; with ``closed`` it moves to the next open day."""
    if closed is None:
        return Deadline(key, DEADLINE_LABELS[key], unrolled, unrolled, basis)
    return Deadline(
        key,
        DEADLINE_LABELS[key],
        closed.next_open_day(unrolled),
        unrolled,
        basis,
        closed_reason=closed.reason(unrolled),
    )


def _not_rolled(deadline: Deadline, closed: ClosedDays) -> Deadline:
    """``deadline`` (one that does not move) with the last open day before it, when its day is closed."""
    reason = closed.reason(deadline.date)
    if reason is None:
        return deadline
    return replace(deadline, closed_reason=reason, last_open_day=closed.previous_open_day(deadline.date))


def ordinance_decision_period(decision: DecisionPeriod) -> Period:
    """The 条例's decision period as a Period; InvalidInput unless exactly one of months/days is set."""
    if (decision.months is None) == (decision.days is None):
        raise InvalidInput("条例の決定期間は、月数か日数のどちらか一方だけを設定してください。")
    if decision.months is not None:
        return Period.months(decision.months)
    assert decision.days is not None
    return Period.days(decision.days)


# 12条2項: a 条例 may shorten the decision period, never lengthen it. As days, 2 months is at most 62.
ORDINANCE_DECISION_MAX_MONTHS = 2
ORDINANCE_DECISION_MAX_DAYS = 62


def check_ordinance_decision_period(decision: DecisionPeriod) -> None:
    """Refuse (InvalidInput) a 条例 period the Act does not allow, before it is saved as a setting.

    ``decision_deadline`` ignores a longer period anyway; this tells the clerk entering it.
    """
    ordinance_decision_period(decision)  # exactly one of months / days
    months, days = decision.months or 0, decision.days or 0
    if months > ORDINANCE_DECISION_MAX_MONTHS or days > ORDINANCE_DECISION_MAX_DAYS:
        raise InvalidInput(
            f"決定期間は、法第12条第2項により{ORDINANCE_DECISION_MAX_MONTHS}か月以内"
            f" (日数なら{ORDINANCE_DECISION_MAX_DAYS}日以内) で設定してください。"
        )


def public_inspection_end(received_on: date, profile: LawProfile) -> date:
    """10条2項: 縦覧 runs for the profile's length from the day after receipt; it never rolls."""
    return period_end(received_on, profile.inspection)


def decision_deadline(
    inspection_end: date, profile: LawProfile, settings: Settings, received_on: date | None = None
) -> Deadline:
    """12条2項: within 2 months (or the 条例's shorter period) from the day 縦覧 has elapsed.

    That day is 縦覧's last day + 1. By default it counts (the period starts at 0:00); the setting
    ``AFTER_INSPECTION_NOT_COUNTED`` treats it as an uncounted first day instead. A 条例 period longer
    than the Act's is ignored: a 条例 may only shorten it. Never rolled: it is the agency's own duty.
    An application that a 附則 covers (``received_on`` within it) has the 附則's fixed date instead.
    On a closed day of the 所轄庁 it carries the last open day before it (``Deadline.act_by``).
    """
    closed = ClosedDays(settings.extra_closed_days)
    transitional = profile.transitional_decision
    if transitional is not None and received_on is not None and received_on <= transitional.received_until:
        fixed = _deadline(DeadlineKey.DECISION_DEADLINE, transitional.decide_by, transitional.basis)
        return _not_rolled(fixed, closed)
    counted = settings.decision_start is DecisionStart.AFTER_INSPECTION_COUNTED
    first = inspection_end + timedelta(days=1)
    end = period_end(first, profile.decision, first_day_counted=counted)
    basis = f"{ACT}第12条第2項"
    if profile.decision_shortened_by_ordinance:
        by_ordinance = period_end(
            first, ordinance_decision_period(settings.decision_period), first_day_counted=counted
        )
        if by_ordinance < end:
            end, basis = by_ordinance, f"{basis}及び条例"
    return _not_rolled(_deadline(DeadlineKey.DECISION_DEADLINE, end, basis), closed)


def annual_report_due(fiscal_year_start: date, settings: Settings) -> Deadline:
    """29条 and the 条例: 事業報告書等 within N months of the fiscal year's first day (counted).

    It moves past closed days only where the local 休日条例 says so (``annual_report_rolls``);
    otherwise, on a closed day, it carries the last open day before it (``Deadline.act_by``).
    """
    end = period_end(fiscal_year_start, Period.months(settings.annual_report_months), first_day_counted=True)
    if settings.annual_report_rolls:
        return _deadline(
            DeadlineKey.ANNUAL_REPORT_DUE,
            end,
            f"{ANNUAL_REPORT_BASIS}(休日条例による期限の特例)",
            ClosedDays(settings.extra_closed_days),
        )
    fixed = _deadline(DeadlineKey.ANNUAL_REPORT_DUE, end, ANNUAL_REPORT_BASIS)
    return _not_rolled(fixed, ClosedDays(settings.extra_closed_days))


@lru_cache(maxsize=4096)
def annual_report_for(covered_start: date, month_day: tuple[int, int], settings: Settings) -> Deadline:
    """The deadline of the 事業報告書等 covering the fiscal year that begins on ``covered_start``.

    It is due in the following fiscal year (``annual_report_due``); the label names the year covered
    (「事業報告書等の提出期限 (令和7年度分)」) so the dashboard says which report is missing. Cached:
    most NPOs share a fiscal year, and the dashboard asks this for every one of them.
    """
    following = first_fiscal_year_start_after(covered_start, month_day)
    return annual_report_covering(covered_start, following, settings)


@lru_cache(maxsize=4096)
def annual_report_covering(covered_start: date, next_start: date, settings: Settings) -> Deadline:
    """``annual_report_for`` of a year whose following year begins on ``next_start``: after a 定款変更
    of 事業年度 the year in progress ends early, and its report counts from the new year's first day
    (docs/legal-reference.md §4.7)."""
    due = annual_report_due(next_start, settings)
    return replace(due, label=f"{due.label} ({format_fiscal_year(covered_start)}分)")


def _registration_notice(registered_on: date, settings: Settings) -> Deadline:
    return office_reminder(DeadlineKey.REGISTRATION_NOTICE, registered_on, f"{ACT}第13条第2項", settings)


def office_reminder(
    key: DeadlineKey, since: date, basis: str, settings: Settings, *, since_what: str = "登記"
) -> Deadline:
    """A 「遅滞なく」 duty the law does not date (13条2項, 23条, 25条6項・7項, 31条4項 …): the office's
    reminder ``registration_notice_overdue_days`` after ``since`` (the 登記, the change …). One
    setting for every such reminder, so the clerk sets one office practice (docs/legal-reference.md §4.6)."""
    overdue_days = settings.registration_notice_overdue_days
    if overdue_days < 1:
        raise InvalidInput("設立登記完了届の督促の目安は、登記から1日以上で設定してください。")
    end = period_end(since, Period.days(overdue_days))
    deadline = _deadline(key, end, basis)
    note = f"法定の期限はなく「遅滞なく」。{since_what}から{overdue_days}日を過ぎたら督促の目安"
    return replace(deadline, note=note)


def correction_deadline(received_on: date, profile: LawProfile, closed: ClosedDays) -> Deadline | None:
    """The last day to correct minor defects (補正), counted from receipt; it rolls past closed days.

    The profile's own rule, cited where that version puts it (10条3項, 10条4項 from 2021-06-09).
    Before 2012-04-01 the Act had no 補正 rule; 平成23年法律第70号's 附則 keeps the old law only
    for the attached documents, so its rule reaches an older application still pending on
    2012-04-01 whose window (from receipt) still runs that day. Otherwise there is none.
    """
    if profile.correction is not None:
        end = period_end(received_on, profile.correction)
        basis = f"{ACT}{profile.correction_article}、{LOCAL_ROLL}"
        return _deadline(DeadlineKey.CORRECTION_DEADLINE, end, basis, closed)
    later = next((p for p in PROFILES if p.effective_from > received_on and p.correction is not None), None)
    if later is None or not later.correction_reaches_pending or later.correction is None:
        return None
    end = period_end(received_on, later.correction)
    if end < later.effective_from:
        return None  # the window had run out before the rule existed
    basis = f"{ACT}{later.correction_article}、{LOCAL_ROLL}"
    deadline = _deadline(DeadlineKey.CORRECTION_DEADLINE, end, basis, closed)
    note = (
        f"受理時の法に補正の規定はなく、{later.label}の規定が施行日に係属中の申請にも及ぶ"
        " (附則に経過措置なし)"
    )
    return replace(deadline, note=note)


# The latest day a fact may carry: every period counted from it (the longest, an 事業報告書等 due
# months after a fiscal year, then moved past closed days) must end within the calendar.
LAST_COUNTABLE_DAY = date(date.max.year - 2, 12, 31)


def check_countable(facts: CaseFacts) -> None:
    """Refuse (InvalidInput) a fact so far ahead that no deadline can be counted from it (a typo such
    as 9999-12-17): one clear sentence instead of an overflow deep in the period arithmetic."""
    for value in vars(facts).values():
        if isinstance(value, date):  # most values: one comparison, no generator (an import checks each row)
            if value > LAST_COUNTABLE_DAY:
                check_countable_days((value,))
        elif isinstance(value, frozenset) and value:
            check_countable_days(d for d in value if isinstance(d, date))


def check_countable_days(days: Iterable[date]) -> None:
    """``check_countable`` for dates held elsewhere than in a case (a procedure's milestones)."""
    late = max((d for d in days if d > LAST_COUNTABLE_DAY), default=None)
    if late is not None:
        raise InvalidInput(
            f"{late.isoformat()} は遠い将来の日付のため、期限を計算できません。日付を確かめてください。"
        )


def application_deadlines(
    received_on: date, profile: LawProfile, settings: Settings, *, applied_by: str | None = None
) -> list[Deadline]:
    """縦覧, 補正 and the decision of an application for 認証, received on ``received_on``.

    The ONE computation for every such application: 設立 (10条・12条 themselves, ``applied_by`` empty)
    and, where the Act applies them mutatis mutandis, 定款変更 (``applied_by`` 「第25条第5項」) and
    合併 (「第34条第5項」); the basis then reads 「第25条第5項において準用する第10条第2項」. The
    profile of the receipt date governs all three (平成28年法律第70号・令和2年法律第72号 附則第2条
    name 25条3項 and 34条3項 applications too). 原始附則第3項 reaches 10条1項 applications only, so
    the fixed 1999-09-30 decision date is for 設立 alone (docs/legal-reference.md §13.2).
    """
    local = ClosedDays(settings.extra_closed_days)
    inspection_end = public_inspection_end(received_on, profile)
    inspection = _deadline(DeadlineKey.PUBLIC_INSPECTION_END, inspection_end, f"{ACT}第10条第2項")
    found = [_not_rolled(inspection, local)]
    correction = correction_deadline(received_on, profile, local)
    if correction is not None:
        found.append(correction)
    found.append(
        decision_deadline(inspection_end, profile, settings, None if applied_by else received_on)
    )
    if not applied_by:  # 設立 itself ("" or None)
        return found
    through = f"{ACT}{applied_by}において準用する"
    return [replace(d, basis=d.basis.replace(ACT, through, 1)) for d in found]


def compute_deadlines(facts: CaseFacts, settings: Settings) -> dict[DeadlineKey, Deadline]:
    """Every deadline the known facts determine, in DeadlineKey order.

    A deadline whose starting fact is unknown is absent, and so is ``correction_deadline`` where no
    補正 rule reaches the application (``correction_deadline``). ``annual_report_due`` is the earliest tracked
    事業報告書等 not yet received (an overdue one until it is, else the next), once the NPO is
    registered and its fiscal year known, while it is not closed.
    """
    check_countable(facts)
    profile = resolve_profile(facts)
    local = ClosedDays(settings.extra_closed_days)
    national = ClosedDays()
    found: list[Deadline] = []
    if facts.received_on is not None:
        found.extend(application_deadlines(facts.received_on, profile, settings))
    if facts.certificate_delivered_on is not None:
        end = period_end(facts.certificate_delivered_on, REGISTRATION_PERIOD)
        basis = f"組合等登記令第2条第1項、{NATIONAL_ROLL}"
        found.append(_deadline(DeadlineKey.REGISTRATION_DEADLINE, end, basis, national))
    if facts.certified_on is not None:
        end = period_end(facts.certified_on, REGISTRATION_GRACE)
        grace = _deadline(
            DeadlineKey.REGISTRATION_GRACE_END, end, f"{ACT}{profile.registration_grace_article}"
        )
        grace = replace(grace, note="過ぎても設立の登記がなければ、認証を取り消すことができる")
        found.append(_not_rolled(grace, local))
    if facts.registered_on is not None:
        found.append(_registration_notice(facts.registered_on, settings))
        report = _next_annual_report(facts, settings)
        if report is not None:
            found.append(report)
    return {d.key: d for d in found}


def _next_annual_report(facts: CaseFacts, settings: Settings) -> Deadline | None:
    """The deadline of the earliest tracked 事業報告書等 not received, for a registered NPO not closed."""
    missing = first_missing_year(facts)
    if missing is None or facts.fiscal_year_start is None or is_closed_case(facts):
        return None
    return annual_report_covering(missing.start, missing.next_start, settings)


def _decided(facts: CaseFacts) -> bool:
    return facts.certified_on is not None or facts.refused_on is not None


# When each deadline stops being pending: the fact that meets it, or for the two that no fact
# meets (縦覧 and 補正 simply run out) the end of their last day.
_STILL_OPEN: dict[DeadlineKey, Callable[[CaseFacts, Deadline, date], bool]] = {
    DeadlineKey.PUBLIC_INSPECTION_END: lambda f, d, today: not _decided(f) and today <= d.date,
    DeadlineKey.CORRECTION_DEADLINE: lambda f, d, today: not _decided(f) and today <= d.date,
    DeadlineKey.DECISION_DEADLINE: lambda f, d, today: not _decided(f),
    DeadlineKey.REGISTRATION_DEADLINE: lambda f, d, today: f.registered_on is None,
    DeadlineKey.REGISTRATION_GRACE_END: lambda f, d, today: f.registered_on is None,
    DeadlineKey.REGISTRATION_NOTICE: lambda f, d, today: f.registration_notice_on is None,
    # Always the earliest report not yet received: open until it is (then the next year's takes over).
    DeadlineKey.ANNUAL_REPORT_DUE: lambda f, d, today: True,
}


def is_closed_case(facts: CaseFacts) -> bool:
    """不認証, 取下げ and 認証取消し end a case: nothing is pending any more."""
    return facts.refused_on is not None or facts.withdrawn_on is not None or facts.revoked_on is not None


def open_deadlines(facts: CaseFacts, settings: Settings, today: date) -> list[Deadline]:
    """The deadlines still pending on ``today``, earliest first (overdue ones stay until met)."""
    if is_closed_case(facts):
        return []
    if _decided(facts) and facts.registered_on is not None and facts.registration_notice_on is not None:
        # 設立 is complete, so every deadline of the procedure is met (see _STILL_OPEN): only the next
        # 事業報告書等 can be pending. Spares computing them all for each established NPO on the dashboard.
        report = _next_annual_report(facts, settings)
        return [report] if report is not None else []
    pending = [d for d in compute_deadlines(facts, settings).values() if _STILL_OPEN[d.key](facts, d, today)]
    return sorted(pending, key=lambda d: (d.act_by, _KEY_ORDER[d.key]))
