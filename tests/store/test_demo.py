"""The first-start demonstration data: realistic, lawful, covering every stage and law profile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import npo_desk.store as st
from npo_desk.domain.lifecycle import Stage, check_facts, stage_of
from npo_desk.domain.profiles import PROFILES, resolve_profile
from npo_desk.store import Store
from npo_desk.store.demo import seed_demo

TODAY = date(2026, 11, 28)


def test_demo_cases_cover_every_stage_and_law_profile(store: Store) -> None:
    cases = seed_demo(store, TODAY)
    settings = st.load_settings(store)

    assert 15 <= len(cases) <= 20
    assert len(st.list_cases(store)) == len(cases)
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
    pending = st.pending_deadlines(store, st.load_settings(store), TODAY)
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
        current = {stage_of(st.facts_of(c), settings, today) for c in cases}
        assert {Stage.PUBLIC_INSPECTION, Stage.REVIEW, Stage.AWAITING_NOTICE, Stage.CONSULTATION} <= current
    finally:
        store.close()
