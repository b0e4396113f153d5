"""The first-start demonstration data: realistic, lawful, covering every stage and law profile."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

import npo_desk.store as st
from npo_desk.domain.corporations import CorporationStatus
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.lifecycle import Stage, check_facts, stage_of
from npo_desk.domain.procedure_stages import ProcedureStage, procedure_stage
from npo_desk.domain.procedures import check_procedure
from npo_desk.domain.profiles import PROFILES, resolve_profile
from npo_desk.store import Store
from npo_desk.store.demo import seed_demo

TODAY = date(2026, 11, 28)


def test_demo_cases_cover_every_stage_and_law_profile(store: Store) -> None:
    everything = seed_demo(store, TODAY)
    settings = st.load_settings(store)

    assert len(st.list_cases(store)) == len(everything)
    cases = [case for case in everything if case.kind is st.CaseKind.ESTABLISHMENT]
    assert 15 <= len(cases) <= 20  # the 設立 applications; their corporations' later procedures apart
    facts = [st.facts_of(case) for case in cases]
    for case, fact in zip(cases, facts, strict=True):
        check_facts(fact, settings)  # dates in a lawful order, decisions after 縦覧
        assert case.name and case.name_kana and case.representative_kana and case.offices
        assert all(office.municipality_code for office in case.offices)
        assert case.member_count is not None and case.officers
    assert {stage_of(f, settings, TODAY) for f in facts} == set(Stage)
    received = [f for f in facts if f.received_on is not None]
    assert {resolve_profile(f).id for f in received} == {p.id for p in PROFILES}
    # some enquiries concern offices outside 日南市 (452041)
    assert any(o.municipality_code != "452041" for case in cases for o in case.offices)


def test_demo_numbers_follow_fiscal_years_and_eras(store: Store) -> None:
    numbers = [case.number for case in seed_demo(store, TODAY)]
    assert "H20-001" in numbers and "H20-002" in numbers  # two cases received in 平成20年度
    assert "R1-001" in numbers  # May 2019 is 令和元年度
    assert sum(n.startswith("R8-") for n in numbers) >= 8  # the current caseload of 令和8年度


def test_the_dashboard_of_the_demo_has_near_and_overdue_deadlines(store: Store) -> None:
    seed_demo(store, TODAY)
    pending = st.corporation_pending_deadlines(store, st.load_settings(store), TODAY)
    dates = [item.due.counts for item in pending]
    assert dates == sorted(dates)
    assert any(d < TODAY for d in dates)  # overdue (red)
    assert any(TODAY <= d <= date(2026, 12, 5) for d in dates)  # within 7 days (amber)
    assert any(item.override is not None for item in pending)


@pytest.mark.parametrize("today", [date(2026, 4, 1), date(2027, 1, 2), date(2028, 2, 29), date(2031, 5, 6)])
def test_demo_data_can_be_seeded_on_any_first_start(tmp_path: Path, today: date) -> None:
    store = st.open_store(str(tmp_path / "demo.db"))
    try:
        cases = seed_demo(store, today)
        settings = st.load_settings(store)
        applications = [c for c in cases if c.kind is st.CaseKind.ESTABLISHMENT]
        current = {stage_of(st.facts_of(c), settings, today) for c in applications}
        assert {Stage.PUBLIC_INSPECTION, Stage.REVIEW, Stage.AWAITING_NOTICE, Stage.CONSULTATION} <= current
    finally:
        store.close()


@pytest.mark.parametrize("today", [TODAY, date(2026, 4, 1), date(2031, 5, 6)])
def test_demo_corporations_live_through_several_procedures(tmp_path: Path, today: date) -> None:
    """Issue 10: a 定款変更認証 in its 縦覧 (25条5項 → 10条2項), a 合併 (34条), a 解散 (31条), a 認定 near
    its renewal (51条3項: 6 to 3 months before the expiry) and a revocation candidate (43条1項)."""
    store = st.open_store(str(tmp_path / "demo.db"))
    try:
        cases = seed_demo(store, today)
        settings = st.load_settings(store)
        by_corporation: dict[int, list[st.Case]] = {}
        for case in cases:
            by_corporation.setdefault(case.corporation_id or 0, []).append(case)
        assert sum(len(procedures) >= 3 for procedures in by_corporation.values()) >= 2
        stages = {
            (case.kind, procedure_stage(st.procedure_facts(case), today))
            for case in cases
            if case.kind is not st.CaseKind.ESTABLISHMENT
        }
        assert (st.CaseKind.ARTICLES_AMENDMENT, ProcedureStage.PUBLIC_INSPECTION) in stages
        assert (st.CaseKind.MERGER, ProcedureStage.AWAITING_REGISTRATION) in stages
        assert (st.CaseKind.ACCREDITATION, ProcedureStage.IN_FORCE) in stages
        for case in cases:  # every procedure is lawful for its kind
            check_procedure(st.procedure_facts(case), today)
        standings = {s.standing.status for s in st.list_corporations(store, settings, today)}
        assert {
            CorporationStatus.DISSOLVED,
            CorporationStatus.ESTABLISHED,
            CorporationStatus.APPLYING,
        } <= standings
        lines = st.corporation_pending_deadlines(store, settings, today)
        kinds = {line.kind for line in lines}
        assert {st.CaseKind.ARTICLES_AMENDMENT, st.CaseKind.MERGER, st.CaseKind.ACCREDITATION} <= kinds
        renewal = next(x for x in lines if x.deadline.key is DeadlineKey.RENEWAL_APPLICATION_DEADLINE)
        assert today < renewal.deadline.date <= today + timedelta(days=100)  # the window is open now
        assert [c.key.corporation.name for c in st.revocation_candidates(store, settings, today)] == [
            "特定非営利活動法人 北郷里山の会"
        ]
    finally:
        store.close()
