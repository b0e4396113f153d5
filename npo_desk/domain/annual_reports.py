"""事業報告書等 of an established NPO (29条): which are received, which are due, which are missing.

After 設立 the NPO files its 事業報告書等 for every fiscal year within the 条例's months of the next
fiscal year's first day (``deadlines.annual_report_due``). One not filed for 3 years or more lets the
所轄庁 revoke the 認証 (43条1項; discretionary, and only after a 聴聞): ``revocation_finding`` says
so, for the clerk to weigh, never as an automatic step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from npo_desk.domain.deadlines import Deadline, annual_report_covering, annual_report_for, is_closed_case
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.fiscal_years import (
    CoveredYear,
    covered_years,
    covered_years_back,
    first_fiscal_year_start_after,
    next_year_start,
    previous_fiscal_year_start,
    year_start_of,
)
from npo_desk.domain.requirements import Finding, Severity
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_fiscal_year

REVOCATION_YEARS = 3  # 43条1項: 「3年以上にわたって…提出を行わないとき」
ART_REVOCATION = "第43条第1項"
TOPIC = "annual_reports"


class ReportStatus(StrEnum):
    FILED = "filed"  # 受理済
    OVERDUE = "overdue"  # 期限超過
    NOT_YET_DUE = "not_yet_due"  # 未到来
    UNTRACKED = "untracked"  # 対象外: before annual_reports_tracked_from, not on record


STATUS_LABELS: dict[ReportStatus, str] = {
    ReportStatus.FILED: "受理済",
    ReportStatus.OVERDUE: "期限超過",
    ReportStatus.NOT_YET_DUE: "未到来",
    ReportStatus.UNTRACKED: "対象外",
}


@dataclass(frozen=True)
class AnnualReport:
    """The 事業報告書等 covering one fiscal year."""

    year: CoveredYear
    due: Deadline  # labelled with the year it covers

    def status(self, today: date) -> ReportStatus:
        if self.year.filed:
            return ReportStatus.FILED
        if not self.year.tracked:
            return ReportStatus.UNTRACKED
        return ReportStatus.OVERDUE if today > self.due.date else ReportStatus.NOT_YET_DUE


def owes_reports(facts: CaseFacts) -> bool:
    """Registered, fiscal year known, not revoked (or otherwise closed): reports fall due."""
    return (
        facts.registered_on is not None and facts.fiscal_year_start is not None and not is_closed_case(facts)
    )


def _reports(facts: CaseFacts, settings: Settings) -> Iterator[AnnualReport]:
    if not owes_reports(facts):
        return
    for year in covered_years(facts):
        yield AnnualReport(year, annual_report_covering(year.start, year.next_start, settings))


def tracking_start_for_import(month_day: tuple[int, int], settings: Settings, today: date) -> date:
    """Where an NPO brought in with no 事業報告書等 on record starts being tracked: the fiscal year
    whose report is the first not yet due on ``today``. Whether the earlier ones were filed on paper
    is unknown, so an import flags none of them overdue; the clerk can move the start back."""
    start = previous_fiscal_year_start(today, month_day)
    while annual_report_for(start, month_day, settings).date < today:
        start = first_fiscal_year_start_after(start, month_day)
    return start


def annual_reports(facts: CaseFacts, settings: Settings, today: date) -> list[AnnualReport]:
    """Every fiscal year from the first (設立 to the first year end) up to the one whose report is due
    next on or after ``today``, oldest first: tracked years, and untracked ones whose report is on
    record anyway. Empty when the NPO owes no reports (``owes_reports``)."""
    found: list[AnnualReport] = []
    for report in _reports(facts, settings):
        if report.year.tracked or report.year.filed:
            found.append(report)
        if report.due.date >= today:
            break
    return found


def missing_streak(facts: CaseFacts, settings: Settings, today: date) -> list[AnnualReport]:
    """The latest run of consecutive overdue reports (tracked, not received, deadline passed), oldest
    first: the run that ends with the last report due before ``today`` (empty when that one is on
    record). Walked back from that report, so an NPO registered decades ago that files costs a step
    or two, not one per year: the revocation candidates ask this for every established NPO."""
    if not owes_reports(facts):
        return []
    # The year of the last report due before today: the current year's falls due in a later one.
    last = year_start_of(facts, today)
    while annual_report_covering(last, next_year_start(facts, last), settings).date >= today:
        last = year_start_of(facts, last - timedelta(days=1))
    streak: list[AnnualReport] = []
    for year in covered_years_back(facts, last):
        report = AnnualReport(year, annual_report_covering(year.start, year.next_start, settings))
        if report.status(today) is not ReportStatus.OVERDUE:
            break
        streak.append(report)
    return streak[::-1]


def revocation_finding(facts: CaseFacts, settings: Settings, today: date) -> Finding | None:
    """A warning once 3 or more consecutive tracked reports are overdue on ``today`` (43条1項)."""
    streak = missing_streak(facts, settings, today)
    if len(streak) < REVOCATION_YEARS:
        return None
    years = f"{format_fiscal_year(streak[0].year.start)}分から{len(streak)}年分"
    message = (
        f"3年以上にわたり事業報告書等の提出がありません ({years})。"
        f"認証の取消しを検討できます ({ART_REVOCATION}、聴聞が必要)。"
    )
    return Finding(Severity.WARNING, message, ART_REVOCATION, TOPIC)
