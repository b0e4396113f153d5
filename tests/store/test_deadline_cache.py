"""The open deadlines kept in the database (store.deadline_cache) are, on every day and after every
write, what working every corporation out afresh gives: a kept line never hides a passed deadline,
nor shows one met, nor loses a manual date beside the law's."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select

import npo_desk.store as st
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.settings import Settings
from npo_desk.store import CaseKind, Milestone, MilestoneKind, Store
from npo_desk.store.demo import seed_demo
from npo_desk.store.models import DeadlineLineRow, DeadlineSetRow
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)


def _forget(store: Store) -> None:
    with store.write() as session:
        session.execute(delete(DeadlineLineRow))
        session.execute(delete(DeadlineSetRow))


def _kept(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(DeadlineSetRow)) or 0)


def _since(store: Store) -> set[str]:
    with store.read() as session:
        return set(session.scalars(select(DeadlineSetRow.since)))


def _afresh(store: Store, settings: Settings, day: date) -> list[st.OpenDeadline]:
    _forget(store)
    return st.corporation_pending_deadlines(store, settings, day)


def _check(store: Store, settings: Settings, day: date) -> list[st.OpenDeadline]:
    """What the dashboard reads on ``day`` from what is kept equals what is worked out afresh."""
    kept = st.corporation_pending_deadlines(store, settings, day)
    assert kept == _afresh(store, settings, day), day
    return kept


def test_what_is_kept_is_what_is_worked_out_afresh_on_every_day(store: Store) -> None:
    """Day after day from what the day before kept: 縦覧 ends (25条5項・10条2項), a 認定's renewal
    window and expiry pass (51条), reports fall due (29条); then days going back (``--as-of``)."""
    seed_demo(store, TODAY)
    settings = st.load_settings(store)
    st.corporation_pending_deadlines(store, settings, TODAY)
    assert _kept(store) == len(st.list_corporations(store, settings, TODAY))
    days = [TODAY + timedelta(days=n) for n in range(45)]
    days += [TODAY + timedelta(days=n) for n in range(45, 2000, 11)]
    days += [TODAY - timedelta(days=n) for n in (1, 30, 400)]
    for day in days:
        _check(store, settings, day)


def test_a_day_jumped_to_from_what_another_day_kept(store: Store) -> None:
    seed_demo(store, TODAY)
    settings = st.load_settings(store)
    for start, then in ((TODAY, TODAY + timedelta(days=800)), (TODAY + timedelta(days=800), TODAY)):
        _forget(store)
        st.corporation_pending_deadlines(store, settings, start)
        assert st.corporation_pending_deadlines(store, settings, then) == _afresh(store, settings, then)


def test_a_look_back_leaves_what_today_kept(store: Store) -> None:
    """``due --as-of`` a past day works that day out without replacing today's kept deadlines."""
    seed_demo(store, TODAY)
    settings = st.load_settings(store)
    past = TODAY - timedelta(days=200)
    expected = _afresh(store, settings, past)
    today = _afresh(store, settings, TODAY)
    assert _since(store) == {TODAY.isoformat()}
    assert st.corporation_pending_deadlines(store, settings, past) == expected
    assert _since(store) == {TODAY.isoformat()}
    assert st.corporation_pending_deadlines(store, settings, TODAY) == today


def test_every_write_shows_on_the_next_read(store: Store) -> None:
    cases = seed_demo(store, TODAY)
    settings = st.load_settings(store)
    _check(store, settings, TODAY)
    amendment = next(c for c in cases if c.kind is CaseKind.ARTICLES_AMENDMENT)
    amendment = st.get_case(store, amendment.id or 0)

    manual = st.DeadlineOverride(
        DeadlineKey.DECISION_DEADLINE.value, TODAY + timedelta(days=20), "審査会の日程"
    )
    amendment = st.save_case(store, replace(amendment, deadline_overrides=(manual,)), who="田中")
    lines = _check(store, settings, TODAY)
    mine = next(
        x for x in lines if x.case_id == amendment.id and x.deadline.key is DeadlineKey.DECISION_DEADLINE
    )
    assert mine.override is not None and mine.override.on == manual.on  # beside the law's date

    amendment = st.save_case(store, replace(amendment, name="特定非営利活動法人 改名後の会"), who="田中")
    assert {x.case_name for x in _check(store, settings, TODAY) if x.case_id == amendment.id} == {
        "特定非営利活動法人 改名後の会"
    }

    deleted = st.delete_case(store, amendment.id or 0, version=amendment.version, who="田中")
    assert amendment.id not in {x.case_id for x in _check(store, settings, TODAY)}
    amendment = st.undelete_case(store, amendment.id or 0, version=deleted.version, who="田中")
    assert amendment.id in {x.case_id for x in _check(store, settings, TODAY)}

    withdrawn = (*amendment.milestones, Milestone(MilestoneKind.WITHDRAWN, TODAY))
    amendment = st.save_case(store, replace(amendment, milestones=withdrawn), who="田中")
    lines = _check(store, settings, TODAY)
    assert DeadlineKey.DECISION_DEADLINE not in {x.deadline.key for x in lines if x.case_id == amendment.id}

    (number,) = st.create_cases(
        store, [sample_case(name="特定非営利活動法人 新しい会")], who="田中", today=TODAY
    )
    assert number is not None
    assert _kept(store) == len(st.list_corporations(store, settings, TODAY))  # kept by the bulk write
    new = st.case_by_number(store, number)
    assert new is not None and new.id in {x.case_id for x in _check(store, settings, TODAY)}

    closed = replace(settings, extra_closed_days=frozenset({TODAY + timedelta(days=d) for d in range(0, 90)}))
    st.save_settings(store, closed, who="田中")
    before = st.corporation_pending_deadlines(store, settings, TODAY)
    after = _check(store, st.load_settings(store), TODAY)
    assert before != after  # the closed days moved some deadline: nothing kept under the old settings served


def test_a_database_busy_with_another_writer_is_not_waited_for(store: Store) -> None:
    """Keeping is work for later: another clerk's long write (an import) must not hold the dashboard."""
    if not store.is_sqlite:
        pytest.skip("SQLite's write lock; PostgreSQL locks rows (lock_timeout)")
    seed_demo(store, TODAY)
    settings = st.load_settings(store)
    assert store.path is not None
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        lines = st.corporation_pending_deadlines(store, settings, TODAY)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _kept(store) == 0
    assert lines == _afresh(store, settings, TODAY)
    assert _kept(store) > 0
