"""事業報告書等 in the store: filings round-trip, history, facts, the dashboard (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import npo_desk.store as st
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.settings import Settings
from npo_desk.store import AnnualReportFiling, Milestone, MilestoneKind, Store
from tests.store.samples import sample_case

TODAY = date(2026, 11, 28)
KEY = DeadlineKey.ANNUAL_REPORT_DUE


def _established(store: Store, name: str = "特定非営利活動法人 油津みなと会", **changes: object) -> st.Case:
    case = sample_case(
        name=name,
        milestones=(
            Milestone(MilestoneKind.RECEIVED, date(2023, 4, 10)),
            Milestone(MilestoneKind.CERTIFIED, date(2023, 6, 20)),
            Milestone(MilestoneKind.CERTIFICATE_DELIVERED, date(2023, 6, 22)),
            Milestone(MilestoneKind.REGISTERED, date(2023, 7, 3)),
            Milestone(MilestoneKind.REGISTRATION_NOTICE, date(2023, 7, 10)),
        ),
        **changes,
    )
    return st.create_case(store, case, who="田中", today=TODAY)


def _reports_due(store: Store) -> list[tuple[str, str, date]]:
    return [
        (item.case_name, item.deadline.label, item.deadline.date)
        for item in st.corporation_pending_deadlines(store, Settings(), TODAY)
        if item.deadline.key is KEY
    ]


def test_filings_round_trip_sorted_and_reach_the_facts(store: Store) -> None:
    case = _established(store)
    filings = (
        AnnualReportFiling(date(2024, 4, 1), date(2025, 6, 27), "郵送"),
        AnnualReportFiling(date(2023, 4, 1), date(2024, 6, 20)),
    )
    saved = st.save_case(
        store, replace(case, annual_reports=filings, annual_reports_tracked_from=date(2023, 7, 3)), who="田中"
    )
    again = st.get_case(store, case.id or 0)
    assert again == saved
    assert [f.fiscal_year_start for f in again.annual_reports] == [date(2023, 4, 1), date(2024, 4, 1)]
    assert again.annual_report(date(2024, 4, 1)) == filings[0]
    assert again.annual_reports_tracked_from == date(2023, 7, 3)
    facts = st.facts_of(again)
    assert facts.annual_reports_filed == {date(2023, 4, 1), date(2024, 4, 1)}
    assert facts.annual_reports_tracked_from == date(2023, 7, 3)
    assert st.get_cases(store, [case.id or 0]) == [again]


def test_filings_are_in_the_history(store: Store) -> None:
    case = _established(store)
    filing = AnnualReportFiling(date(2025, 4, 1), date(2026, 6, 20))
    saved = st.save_case(store, replace(case, annual_reports=(filing,)), who="田中")
    latest = st.case_history(store, case.id or 0)[0]
    assert (latest.field, latest.label, latest.old, latest.new) == (
        "annual_report:2025-04-01",
        "事業報告書等 (令和7年度分)",
        None,
        "受理 2026-06-20",
    )
    corrected = replace(filing, filed_on=date(2026, 6, 19), note="窓口")
    saved = st.save_case(store, replace(saved, annual_reports=(corrected,)), who="佐藤")
    latest = st.case_history(store, case.id or 0)[0]
    assert (latest.who, latest.old, latest.new) == ("佐藤", "受理 2026-06-20", "受理 2026-06-19 (窓口)")
    st.save_case(store, replace(saved, annual_reports=()), who="佐藤")
    latest = st.case_history(store, case.id or 0)[0]
    assert (latest.old, latest.new) == ("受理 2026-06-19 (窓口)", None)


def test_tracked_from_change_is_in_the_history(store: Store) -> None:
    case = _established(store)
    st.save_case(store, replace(case, annual_reports_tracked_from=date(2025, 4, 1)), who="田中")
    latest = st.case_history(store, case.id or 0)[0]
    assert (latest.field, latest.label, latest.old, latest.new) == (
        "annual_reports_tracked_from",
        "事業報告書等の確認の起点",
        None,
        "2025-04-01",
    )


def test_one_filing_per_fiscal_year(store: Store) -> None:
    case = _established(store)
    twice = (
        AnnualReportFiling(date(2024, 4, 1), date(2025, 6, 1)),
        AnnualReportFiling(date(2024, 4, 1), date(2025, 6, 2)),
    )
    with pytest.raises(InvalidInput, match="令和6年度分の事業報告書等の受理が2つあります"):
        st.save_case(store, replace(case, annual_reports=twice), who="田中")
    assert st.get_case(store, case.id or 0).annual_reports == ()


def test_dashboard_shows_the_earliest_missing_report_of_established_npos(store: Store) -> None:
    case = _established(store)
    _established(store, "特定非営利活動法人 対象外の会", fiscal_year_start=None)
    assert _reports_due(store) == [
        ("特定非営利活動法人 油津みなと会", "事業報告書等の提出期限 (令和5年度分)", date(2024, 7, 1))
    ]
    filed = tuple(AnnualReportFiling(date(y, 4, 1), date(y + 1, 6, 20)) for y in (2023, 2024, 2025))
    st.save_case(store, replace(case, annual_reports=filed), who="田中")
    assert _reports_due(store) == [
        ("特定非営利活動法人 油津みなと会", "事業報告書等の提出期限 (令和8年度分)", date(2027, 6, 30))
    ]


def test_dashboard_skips_revoked_npos_and_untracked_years(store: Store) -> None:
    case = _established(store)
    revoked = (*case.milestones, Milestone(MilestoneKind.REVOKED, date(2026, 9, 1)))
    st.save_case(store, replace(case, milestones=revoked), who="田中")
    assert _reports_due(store) == []
    since = date(2026, 4, 1)
    imported = _established(store, "特定非営利活動法人 取込の会", annual_reports_tracked_from=since)
    assert st.get_case(store, imported.id or 0).annual_reports_tracked_from == date(2026, 4, 1)
    assert _reports_due(store) == [
        ("特定非営利活動法人 取込の会", "事業報告書等の提出期限 (令和8年度分)", date(2027, 6, 30))
    ]


def test_bulk_create_keeps_filings(store: Store) -> None:
    filing = AnnualReportFiling(date(2023, 4, 1), date(2024, 6, 3))
    cases = [sample_case(name=f"法人{i}", annual_reports=(filing,)) for i in range(3)]
    numbers = st.create_cases(store, cases, who="取込", today=TODAY)
    stored = [st.case_by_number(store, number) for number in numbers]
    assert all(case is not None and case.annual_reports == (filing,) for case in stored)


def test_demo_npos_filed_their_reports_but_two(store: Store) -> None:
    from npo_desk.domain.annual_reports import revocation_finding
    from npo_desk.store.demo import seed_demo

    cases = seed_demo(store, TODAY)
    due = {name: label for name, label, _ in _reports_due(store)}
    assert due["特定非営利活動法人 日南スポーツクラブ"].endswith("(令和7年度分)")  # one missing
    assert due["特定非営利活動法人 飫肥城下町保存会"].endswith("(令和8年度分)")  # 27 years on record
    warned = [c.name for c in cases if revocation_finding(st.facts_of(c), Settings(), TODAY)]
    assert warned == ["特定非営利活動法人 北郷里山の会"]
