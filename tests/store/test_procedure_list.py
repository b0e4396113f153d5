"""store.list_procedures: the 手続 list's rows for every procedure of the demo's corporations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import npo_desk.store as st
from npo_desk.domain.procedure_stages import ProcedureStage, procedure_stage
from npo_desk.store import CaseKind, Store

TODAY = date(2026, 12, 2)


def test_every_procedure_once_with_its_corporations_name_and_next_deadline(store: Store) -> None:
    demo = st.seed_demo(store, TODAY)
    settings = st.load_settings(store)
    found = st.list_procedures(store, settings, TODAY)
    assert sorted(p.id for p in found) == sorted(case.id for case in demo if case.id is not None)
    pending = st.corporation_pending_deadlines(store, settings, TODAY)
    for summary in found:
        ours = [line for line in pending if line.case_id == summary.id]
        if ours:  # the procedure's most urgent line of the dashboard
            assert _line(summary.next_deadline) == _line(ours[0])
        else:
            assert summary.next_deadline is None
        assert summary.corporation_name == st.get_corporation(store, summary.corporation_id).name
    amendment = next(p for p in found if p.kind is CaseKind.ARTICLES_AMENDMENT)
    assert procedure_stage(amendment.facts, TODAY) is ProcedureStage.PUBLIC_INSPECTION
    # The window's load hands over the dashboard's lines: the same rows, without a second computation.
    given = st.list_procedures(store, settings, TODAY, pending=pending)
    assert [(replace(p, next_deadline=None), _line(p.next_deadline)) for p in given] == [
        (replace(p, next_deadline=None), _line(p.next_deadline)) for p in found
    ]


def _line(line: st.OpenDeadline | None) -> object:
    """What a line says, its stage aside (only the dashboard's query names the stage)."""
    return (
        None if line is None else (line.case_id, line.kind, line.deadline, line.override, line.corporation_id)
    )


def test_one_corporations_procedures_after_a_save(store: Store) -> None:
    demo = st.seed_demo(store, TODAY)
    settings = st.load_settings(store)
    founded = next(c for c in demo if "飫肥城下町保存会" in c.name and c.kind is CaseKind.ESTABLISHMENT)
    assert founded.corporation_id is not None
    ours = st.list_procedures(store, settings, TODAY, corporation_ids=[founded.corporation_id])
    assert {p.corporation_id for p in ours} == {founded.corporation_id}
    assert len(ours) == len([c for c in demo if c.corporation_id == founded.corporation_id])
    everyone = st.list_procedures(store, settings, TODAY)
    assert [p for p in everyone if p.corporation_id == founded.corporation_id] == ours
    corporation = st.list_corporations(store, settings, TODAY, corporation_ids=[founded.corporation_id])
    assert [c.id for c in corporation] == [founded.corporation_id]


def test_the_agenda_gives_the_same_lists_from_one_read(store: Store) -> None:
    """The window's load: corporation_agenda(lists=True) holds exactly what the two list queries give."""
    st.seed_demo(store, TODAY)
    settings = st.load_settings(store)
    agenda = st.corporation_agenda(store, settings, TODAY, lists=True)
    assert agenda.corporations == st.list_corporations(store, settings, TODAY)
    alone = st.list_procedures(store, settings, TODAY)
    assert [(replace(p, next_deadline=None), _line(p.next_deadline)) for p in agenda.procedures] == [
        (replace(p, next_deadline=None), _line(p.next_deadline)) for p in alone
    ]
    assert st.corporation_agenda(store, settings, TODAY).procedures == []  # only when asked for
