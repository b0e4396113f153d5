"""The dashboard's data for every kind of procedure: each line names its procedure and its stage, and
the query (and the revocation candidates') reads a fixed number of statements whatever the ledger's size
(issue 11 measures them at 20,000–50,000 cases)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import event

import npo_desk.store as st
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.lifecycle import STAGE_LABELS, stage_of
from npo_desk.store import CaseKind, Store
from npo_desk.store.demo import seed_demo
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)


def _statements(store: Store, call: Any) -> int:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    return len(seen)


def test_every_kinds_deadlines_and_the_revocation_candidates_read_a_fixed_number_of_statements(
    store: Store,
) -> None:
    seed_demo(store, TODAY)
    settings = st.load_settings(store)

    def both() -> None:
        assert st.corporation_pending_deadlines(store, settings, TODAY)
        assert st.revocation_candidates(store, settings, TODAY)
        assert st.corporation_agenda(store, settings, TODAY).candidates

    both()  # the first read works every corporation out and keeps it (store.deadline_cache)
    st.create_cases(store, [sample_case(name=f"会{i}") for i in range(80)], who="田中", today=TODAY)
    before = _statements(store, both)  # create_cases kept the new corporations' deadlines
    st.create_cases(store, [sample_case(name=f"会{i}") for i in range(80, 240)], who="田中", today=TODAY)
    assert _statements(store, both) == before <= 30


def test_each_line_names_its_procedure_and_its_stage_that_day(store: Store) -> None:
    """25条5項 applies 10条2項 to a 定款変更認証: the demo's one received 4 days ago is 縦覧中, and its
    lines say 定款変更認証, never 設立認証; 設立's lines keep lifecycle's finer stages."""
    cases = seed_demo(store, TODAY)
    settings = st.load_settings(store)
    lines = st.corporation_pending_deadlines(store, settings, TODAY)
    amendment = next(c for c in cases if c.kind is CaseKind.ARTICLES_AMENDMENT)
    mine = {line.deadline.key: line for line in lines if line.case_id == amendment.id}
    assert {DeadlineKey.PUBLIC_INSPECTION_END, DeadlineKey.DECISION_DEADLINE} <= set(mine)
    for line in mine.values():
        assert (line.procedure, line.stage) == ("定款変更認証", "縦覧中")
        assert line.deadline.basis.startswith("特定非営利活動促進法第25条第5項において準用する")
    by_id = {c.id: c for c in cases}
    for line in lines:
        assert line.procedure == st.CASE_KIND_LABELS[line.kind]
        if line.kind is CaseKind.ESTABLISHMENT:
            facts = st.facts_of(by_id[line.case_id])
            assert line.stage == STAGE_LABELS[stage_of(facts, settings, TODAY)]
        assert line.stage


def test_a_revocation_candidate_names_its_establishment_case(store: Store) -> None:
    """43条1項: the reports are recorded on the 設立 case; the candidate says which one to open."""
    cases = seed_demo(store, TODAY)
    (candidate,) = st.revocation_candidates(store, st.load_settings(store), TODAY)
    case = next(c for c in cases if c.id == candidate.key.case_id)
    assert case.kind is CaseKind.ESTABLISHMENT
    assert (candidate.key.case_number, candidate.key.clerk) == (case.number, case.clerk)
    assert candidate.key.corporation.id == case.corporation_id
    assert candidate.key.corporation.name == case.name


def test_the_windows_one_read_gives_both_lists_as_the_two_queries_do(store: Store) -> None:
    """The dashboard reloads deadlines and 43条1項 candidates from one read of every procedure."""
    seed_demo(store, TODAY)
    settings = st.load_settings(store)
    agenda = st.corporation_agenda(store, settings, TODAY)
    assert agenda.deadlines == st.corporation_pending_deadlines(store, settings, TODAY)
    assert agenda.candidates == st.revocation_candidates(store, settings, TODAY)
    assert agenda.deadlines and agenda.candidates


def test_the_deadlines_are_handed_on_before_the_lists_from_the_same_read(store: Store) -> None:
    """The window shows its dashboard while the 法人 and 手続 lists are still being made (gui.loader):
    ``deadlines_known`` gets the very deadlines the agenda returns, before the lists exist."""
    seed_demo(store, TODAY)
    settings = st.load_settings(store)
    handed: list[list[st.OpenDeadline]] = []
    agenda = st.corporation_agenda(store, settings, TODAY, lists=True, deadlines_known=handed.append)
    assert len(handed) == 1
    assert handed[0] == agenda.deadlines == st.corporation_pending_deadlines(store, settings, TODAY)
    assert agenda.corporations and agenda.procedures
    with_lists = _statements(store, lambda: st.corporation_agenda(store, settings, TODAY, lists=True))
    with_hand_on = _statements(
        store, lambda: st.corporation_agenda(store, settings, TODAY, lists=True, deadlines_known=print)
    )
    assert with_hand_on == with_lists  # no second read
