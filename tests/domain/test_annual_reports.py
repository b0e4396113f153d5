"""事業報告書等 after 設立 (29条, 43条1項): the years covered, their deadlines, what is missing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import islice, pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.annual_reports import (
    ReportStatus,
    annual_reports,
    missing_streak,
    revocation_finding,
    tracking_start_for_import,
)
from npo_desk.domain.deadlines import (
    _STILL_OPEN,
    DeadlineKey,
    annual_report_due,
    compute_deadlines,
    open_deadlines,
)
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.fiscal_years import (
    covered_years,
    first_fiscal_year_start_after,
    first_missing_year,
    fiscal_year_containing,
)
from npo_desk.domain.requirements import Severity
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_fiscal_year

D = date.fromisoformat
DEFAULT = Settings()
KEY = DeadlineKey.ANNUAL_REPORT_DUE


def npo(
    registered: str, fy: tuple[int, int] = (4, 1), filed: tuple[str, ...] = (), since: str | None = None
) -> CaseFacts:
    return CaseFacts(
        registered_on=D(registered),
        fiscal_year_start=fy,
        annual_reports_filed=frozenset(D(d) for d in filed),
        annual_reports_tracked_from=D(since) if since else None,
    )


def rows(facts: CaseFacts, today: str) -> list[tuple[str, str, str]]:
    return [
        (r.year.start.isoformat(), r.due.date.isoformat(), r.status(D(today)).value)
        for r in annual_reports(facts, DEFAULT, D(today))
    ]


# --- the years and their deadlines ---------------------------------------------------------------


def test_april_start_lists_every_year_up_to_the_next_due() -> None:
    facts = npo("2023-09-10", filed=("2023-04-01",))
    assert rows(facts, "2026-05-01") == [
        ("2023-04-01", "2024-07-01", "filed"),  # first 事業年度: 設立 to 2024-03-31; 6/30 is a Sunday
        ("2024-04-01", "2025-06-30", "overdue"),
        ("2025-04-01", "2026-06-30", "not_yet_due"),
    ]
    first = annual_reports(facts, DEFAULT, D("2026-05-01"))[0]
    assert (first.year.first_day, first.year.last_day) == (D("2023-09-10"), D("2024-03-31"))
    assert first.due.label == "事業報告書等の提出期限 (令和5年度分)"


def test_due_day_itself_is_not_overdue() -> None:
    facts = npo("2024-05-01")
    assert rows(facts, "2025-06-30")[-1] == ("2024-04-01", "2025-06-30", "not_yet_due")
    assert rows(facts, "2025-07-01")[0] == ("2024-04-01", "2025-06-30", "overdue")


@pytest.mark.parametrize(
    ("fy", "registered", "first_key", "first_due"),
    [
        ((1, 1), "2025-05-01", "2025-01-01", "2026-03-31"),
        ((10, 1), "2025-05-01", "2024-10-01", "2026-01-05"),  # 2025-12-31 年末年始 -> 1月5日
        ((4, 1), "2025-04-01", "2025-04-01", "2026-06-30"),  # registered on the first day
        ((2, 29), "2025-05-01", "2025-02-28", "2026-05-27"),  # 2月29日 means 2月28日 in 2025 and 2026
        ((2, 29), "2024-03-01", "2024-02-29", "2025-05-27"),
    ],
)
def test_fiscal_year_starts(fy: tuple[int, int], registered: str, first_key: str, first_due: str) -> None:
    first = annual_reports(npo(registered, fy), DEFAULT, D(registered))[0]
    assert (first.year.start.isoformat(), first.due.date.isoformat()) == (first_key, first_due)


def test_filed_date_anywhere_in_the_year_counts_for_that_year() -> None:
    facts = npo("2023-09-10", filed=("2024-11-15",))  # recorded as a day inside 令和6年度
    assert [r.year.filed for r in annual_reports(facts, DEFAULT, D("2026-05-01"))] == [False, True, False]


def test_not_rolled_when_the_ordinance_has_no_holiday_rule() -> None:
    facts = npo("2023-05-01")
    report = annual_reports(facts, Settings(annual_report_rolls=False), D("2024-05-01"))[0]
    assert report.due.date == D("2024-06-30")  # a Sunday, kept


# --- tracked from ------------------------------------------------------------------------------


def test_untracked_years_are_not_listed_nor_due() -> None:
    facts = npo("2005-07-01", since="2025-04-01")
    assert rows(facts, "2026-05-01") == [("2025-04-01", "2026-06-30", "not_yet_due")]
    assert compute_deadlines(facts, DEFAULT)[KEY].label == "事業報告書等の提出期限 (令和7年度分)"


def test_an_untracked_year_on_record_is_still_shown() -> None:
    facts = npo("2005-07-01", filed=("2020-04-01",), since="2025-04-01")
    assert [s for _, _, s in rows(facts, "2026-05-01")] == ["filed", "not_yet_due"]


def test_tracked_from_the_registration_includes_the_first_year() -> None:
    facts = npo("2023-09-10", since="2023-09-10")
    assert rows(facts, "2024-01-01") == [("2023-04-01", "2024-07-01", "not_yet_due")]


# --- the deadline on the dashboard -------------------------------------------------------------


def test_earliest_unfiled_report_stays_open_until_received() -> None:
    facts = npo("2023-09-10")
    found = open_deadlines(facts, DEFAULT, D("2026-05-01"))
    report = [d for d in found if d.key is KEY]
    assert [(d.date, d.label) for d in report] == [(D("2024-07-01"), "事業報告書等の提出期限 (令和5年度分)")]
    received = npo("2023-09-10", filed=("2023-04-01", "2024-04-01", "2025-04-01"))
    assert compute_deadlines(received, DEFAULT)[KEY].date == D("2027-06-30")  # next: 令和8年度分


@pytest.mark.parametrize("closing", ["refused_on", "withdrawn_on", "revoked_on"])
def test_closed_npo_owes_no_reports(closing: str) -> None:
    facts = CaseFacts(registered_on=D("2023-09-10"), fiscal_year_start=(4, 1), **{closing: D("2024-01-10")})
    assert KEY not in compute_deadlines(facts, DEFAULT)
    assert annual_reports(facts, DEFAULT, D("2026-01-01")) == []
    assert revocation_finding(facts, DEFAULT, D("2030-01-01")) is None


def test_nothing_without_registration_or_fiscal_year() -> None:
    assert annual_reports(CaseFacts(registered_on=D("2023-09-10")), DEFAULT, D("2026-01-01")) == []
    assert annual_reports(CaseFacts(fiscal_year_start=(4, 1)), DEFAULT, D("2026-01-01")) == []
    assert KEY not in compute_deadlines(CaseFacts(registered_on=D("2023-09-10")), DEFAULT)


# --- 43条1項 ------------------------------------------------------------------------------------


def test_three_overdue_years_suggest_revocation() -> None:
    facts = npo("2020-09-10", filed=("2020-04-01",))
    assert revocation_finding(facts, DEFAULT, D("2023-06-30")) is None  # two overdue (令和3・4年度分 not yet)
    assert revocation_finding(facts, DEFAULT, D("2024-07-01")) is None  # 令和5年度分 due 2024-07-01 (rolled)
    finding = revocation_finding(facts, DEFAULT, D("2024-07-02"))
    assert finding is not None
    assert finding.severity is Severity.WARNING
    assert finding.article == "第43条第1項"
    assert finding.message.startswith("3年以上にわたり事業報告書等の提出がありません (令和3年度分から3年分)")
    assert finding.message.endswith("認証の取消しを検討できます (第43条第1項、聴聞が必要)。")


def test_a_filed_year_breaks_the_streak() -> None:
    facts = npo("2020-09-10", filed=("2022-04-01",))
    # 令和2・3 missing, 令和4 filed, 令和5・6 missing: never three in a row
    assert revocation_finding(facts, DEFAULT, D("2025-12-01")) is None
    assert len(missing_streak(facts, DEFAULT, D("2025-12-01"))) == 2
    assert revocation_finding(facts, DEFAULT, D("2026-07-01")) is not None  # 令和5・6・7


def test_untracked_years_never_count_as_missing() -> None:
    facts = npo("2005-07-01", since="2024-04-01")
    assert revocation_finding(facts, DEFAULT, D("2026-12-01")) is None  # only 令和6・7 overdue
    assert revocation_finding(facts, DEFAULT, D("2027-07-01")) is not None


def test_fiscal_year_label() -> None:
    assert format_fiscal_year(D("2025-04-01")) == "令和7年度"
    assert format_fiscal_year(D("2019-05-01")) == "令和元年度"
    assert format_fiscal_year(D("2019-04-01")) == "平成31年度"


# --- properties --------------------------------------------------------------------------------

month_days = st.sampled_from([(4, 1), (1, 1), (10, 1), (2, 29), (7, 15), (12, 31), (3, 1)])
days = st.dates(min_value=date(1999, 1, 1), max_value=date(2060, 12, 31))


@given(month_days, days)
def test_fiscal_year_containing_and_next(md: tuple[int, int], day: date) -> None:
    start = fiscal_year_containing(day, md)
    following = first_fiscal_year_start_after(day, md)
    assert start <= day < following
    assert 365 <= (following - start).days <= 366
    assert first_fiscal_year_start_after(start, md) == following


@given(month_days, days, st.integers(min_value=0, max_value=3000), st.sets(st.integers(0, 30), max_size=8))
def test_listing_properties(md: tuple[int, int], registered: date, later: int, filed_years: set[int]) -> None:
    today = registered + timedelta(days=later)
    starts = [
        y.start for y in islice(covered_years(CaseFacts(registered_on=registered, fiscal_year_start=md)), 40)
    ]
    facts = CaseFacts(
        registered_on=registered,
        fiscal_year_start=md,
        annual_reports_filed=frozenset(starts[i] for i in filed_years),
    )
    listed = annual_reports(facts, DEFAULT, today)
    # consecutive years without gaps, the first containing the registration
    assert listed[0].year.first_day == registered
    assert all(a.year.next_start == b.year.first_day for a, b in pairwise(listed))
    # ONE period function: each due date is annual_report_due of the following year's first day
    assert all(r.due.date == annual_report_due(r.year.next_start, DEFAULT).date for r in listed)
    # it ends with the first report due on or after today; every earlier one is past due
    assert listed[-1].due.date >= today
    assert all(r.due.date < today for r in listed[:-1])
    # the dashboard's deadline is the earliest year not on record
    open_report = compute_deadlines(facts, DEFAULT)[KEY]
    first_missing = next(y for y in covered_years(facts) if not y.filed)
    assert open_report.label.endswith(f"({format_fiscal_year(first_missing.start)}分)")
    # overdue exactly when past due and not filed
    for r in listed:
        assert (r.status(today) is ReportStatus.OVERDUE) == (not r.year.filed and r.due.date < today)
    # revocation is suggested exactly when the last three past-due reports are all missing
    past = [r for r in annual_reports(facts, DEFAULT, today) if r.due.date < today]
    three_missing = len(past) >= 3 and not any(r.year.filed for r in past[-3:])
    assert (revocation_finding(facts, DEFAULT, today) is not None) == three_missing


@given(
    month_days,
    days,
    st.integers(min_value=-400, max_value=12000),
    st.one_of(st.none(), days),
    st.sets(st.integers(0, 40), max_size=10),
)
def test_the_missing_streak_is_the_run_ending_with_the_last_report_due(
    md: tuple[int, int], registered: date, later: int, since: date | None, filed_years: set[int]
) -> None:
    """43条1項 counts the latest run of consecutive missing 事業報告書等 (29条): walked back from the
    last report due, it is the run a walk from the registration ends with."""
    today = registered + timedelta(days=later)
    base = CaseFacts(registered_on=registered, fiscal_year_start=md)
    starts = [y.start for y in islice(covered_years(base), 45)]
    facts = replace(
        base,
        annual_reports_filed=frozenset(starts[i] for i in filed_years),
        annual_reports_tracked_from=since,
    )
    run: list[date] = []
    for year in covered_years(facts):
        due = annual_report_due(year.next_start, DEFAULT).date
        if due >= today:
            break
        run = [*run, year.start] if year.tracked and not year.filed else []
    streak = missing_streak(facts, DEFAULT, today)
    assert [r.year.start for r in streak] == run
    assert all(r.status(today) is ReportStatus.OVERDUE for r in streak)
    assert [r.year.start for r in missing_streak(replace(facts, revoked_on=registered), DEFAULT, today)] == []


@given(
    month_days,
    days,
    st.one_of(st.none(), days),
    st.lists(st.integers(-2, 40), max_size=12),
    st.integers(0, 200),
)
def test_first_missing_year_is_the_first_tracked_unfiled_one(
    md: tuple[int, int], registered: date, since: date | None, filed_offsets: list[int], shift: int
) -> None:
    # filings recorded on any day of their year (the first day, or some days into it)
    base = CaseFacts(registered_on=registered, fiscal_year_start=md)
    starts = [y.start for y in islice(covered_years(base), 45)]
    early = starts[0] - timedelta(days=400)  # belongs to no covered year
    filed = frozenset(starts[n] + timedelta(days=shift) if n >= 0 else early for n in filed_offsets)
    facts = replace(base, annual_reports_filed=filed, annual_reports_tracked_from=since)
    scanned = next(y for y in covered_years(facts) if y.tracked and not y.filed)
    assert first_missing_year(facts) == scanned


@given(days, st.lists(st.integers(1, 200), min_size=4, max_size=4), month_days, st.integers(0, 9000))
def test_established_shortcut_agrees_with_every_deadline_rule(
    received: date, gaps: list[int], md: tuple[int, int], later: int
) -> None:
    certified = received + timedelta(days=gaps[0])
    delivered = certified + timedelta(days=gaps[1])
    registered = delivered + timedelta(days=gaps[2])
    facts = CaseFacts(
        received_on=received,
        certified_on=certified,
        certificate_delivered_on=delivered,
        registered_on=registered,
        registration_notice_on=registered + timedelta(days=gaps[3]),
        fiscal_year_start=md,
    )
    today = received + timedelta(days=later)
    computed = compute_deadlines(facts, DEFAULT).values()
    every_rule = [d for d in computed if _STILL_OPEN[d.key](facts, d, today)]
    assert open_deadlines(facts, DEFAULT, today) == every_rule
    assert [d.key for d in every_rule] == [KEY]


@pytest.mark.parametrize(
    ("today", "month_day", "expected"),
    [
        (date(2026, 5, 10), (4, 1), date(2025, 4, 1)),  # the 令和7年度 report is still due (6-30)
        (date(2026, 6, 30), (4, 1), date(2025, 4, 1)),  # due today: still followed
        (date(2026, 7, 1), (4, 1), date(2026, 4, 1)),  # past due, status unknown: next year's
        (date(2026, 11, 28), (1, 1), date(2026, 1, 1)),
        (date(2026, 3, 31), (1, 1), date(2025, 1, 1)),  # 2026-03-31 is a Tuesday: due that day
    ],
)
def test_an_import_tracks_from_the_first_report_not_yet_due(today, month_day, expected) -> None:
    assert tracking_start_for_import(month_day, Settings(), today) == expected


# 定款変更 of 事業年度 (docs/legal-reference.md §4.7): the year in progress ends the day before the first
# new start on or after the change took effect; every report is due as 29条 and the 条例 say.


def years_of(facts: CaseFacts, n: int) -> list[tuple[date, date]]:
    return [(y.start, y.last_day) for y in islice(covered_years(facts), n)]


@given(month_days, days, st.lists(st.tuples(days, month_days), max_size=3))
def test_with_no_change_the_schedule_gives_the_same_years(
    md: tuple[int, int], registered: date, changes: list[tuple[date, tuple[int, int]]]
) -> None:
    """特定非営利活動促進法29条: without a change the fiscal years are exactly the articles' ones; a
    change keeps the years contiguous, each ending the day before the next begins."""
    plain = CaseFacts(registered_on=registered, fiscal_year_start=md)
    years = years_of(plain, 6)
    assert years_of(replace(plain, fiscal_year_changes=()), 6) == years
    assert all(y.start == fiscal_year_containing(y.start, md) for y in islice(covered_years(plain), 6))
    changed = years_of(replace(plain, fiscal_year_changes=tuple(sorted(changes))), 12)
    for (_, last), (start, _) in pairwise(changed):
        assert start == last + timedelta(days=1)
    assert all(start <= last for start, last in changed)
    if changes:  # after the last change takes effect the years run from its start
        on, new = sorted(changes)[-1]
        settled = [start for start, _ in changed if start >= on + timedelta(366)]
        assert all(start == fiscal_year_containing(start, new) for start in settled)


def test_april_to_january_effective_in_june_gives_a_short_year() -> None:
    """特定非営利活動促進法25条6項, 29条: 4月1日 → 1月1日, in effect 2026-06-01: FY2026 runs
    2026-04-01..2026-12-31, then 2027-01-01..2027-12-31; each report due 3 months into the next year."""
    facts = replace(npo("2020-07-01"), fiscal_year_changes=((D("2026-06-01"), (1, 1)),))
    years = [(s.isoformat(), e.isoformat()) for s, e in years_of(facts, 8)][-3:]
    assert years == [("2025-04-01", "2026-03-31"), ("2026-04-01", "2026-12-31"), ("2027-01-01", "2027-12-31")]
    dues = {r.year.start: r.due for r in annual_reports(facts, DEFAULT, D("2028-01-01"))}
    assert dues[D("2026-04-01")].date == annual_report_due(D("2027-01-01"), DEFAULT).date == D("2027-03-31")
    assert dues[D("2027-01-01")].date == annual_report_due(D("2028-01-01"), DEFAULT).date
    assert dues[D("2025-04-01")].date == annual_report_due(D("2026-04-01"), DEFAULT).date
    # the next open deadline follows the change, as does the streak behind a revocation (43条1項)
    filed = replace(facts, annual_reports_filed=frozenset(D(f"{y}-04-01") for y in range(2020, 2026)))
    due = [d for d in open_deadlines(filed, DEFAULT, D("2026-12-02")) if d.key is KEY]
    assert [d.date for d in due] == [D("2027-03-31")]
    assert [r.year.start for r in missing_streak(filed, DEFAULT, D("2029-04-01"))] == [
        D("2026-04-01"),
        D("2027-01-01"),
    ]


def test_a_change_taking_effect_on_a_new_start_day_begins_there() -> None:
    """特定非営利活動促進法25条6項: 1月1日 → 4月1日, in effect on 2026-04-01 itself: 2026-01-01..03-31."""
    facts = replace(npo("2020-07-01", (1, 1)), fiscal_year_changes=((D("2026-04-01"), (4, 1)),))
    assert [(s.isoformat(), e.isoformat()) for s, e in years_of(facts, 8)][-2:] == [
        ("2026-01-01", "2026-03-31"),
        ("2026-04-01", "2027-03-31"),
    ]
