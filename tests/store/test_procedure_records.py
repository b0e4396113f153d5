"""The store's records of every procedure kind: one mapping to the domain, and what is saved is what
is read (a property over generated procedures of every kind, SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as s

import npo_desk.store as st
from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.procedures import (
    KINDS,
    AuthorityChange,
    DissolutionGround,
    MergerRole,
    Milestone,
    ProcedureKind,
    check_procedure,
    establishment,
)
from npo_desk.store import CaseKind, MilestoneKind, Store
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)


def test_case_kinds_are_the_domains_procedures_but_the_annual_reports() -> None:
    """事業報告書等 (29条) stay the filings of the 設立 case; every other procedure is a case kind."""
    assert {kind.value for kind in CaseKind} == {kind.value for kind in ProcedureKind} - {"annual_report"}
    assert all(st.procedure_kind(kind).value == kind.value for kind in CaseKind)
    assert {kind: KINDS[st.procedure_kind(kind)].label for kind in CaseKind} == st.CASE_KIND_LABELS


def test_milestone_kinds_map_one_to_one_onto_the_domains() -> None:
    assert set(st.DOMAIN_MILESTONES.values()) == set(Milestone)
    assert len(set(st.DOMAIN_MILESTONES.values())) == len(MilestoneKind)
    assert all(st.STORE_MILESTONES[st.DOMAIN_MILESTONES[kind]] is kind for kind in MilestoneKind)
    assert set(st.MILESTONE_LABELS) == set(MilestoneKind)
    # 設立's facts are exactly the old eleven, the CaseFacts fields
    assert set(st.CASE_FACT_MILESTONES) == set(MilestoneKind) - {
        MilestoneKind.OCCURRED,
        MilestoneKind.MERGER_PROCEDURES_DONE,
        MilestoneKind.DISSOLVED,
        MilestoneKind.PREVIOUS_EXPIRY,
    }


def test_an_application_is_the_domains_establishment_of_its_facts() -> None:
    case = sample_case()
    assert st.procedure_facts(case) == establishment(st.facts_of(case))


def test_with_facts_keeps_the_milestones_case_facts_do_not_hold() -> None:
    case = st.Case(
        name="x",
        kind=CaseKind.DISSOLUTION,
        milestones=(st.Milestone(MilestoneKind.DISSOLVED, date(2026, 10, 1), "総会"),),
    )
    assert st.with_facts(case, st.facts_of(case)).milestones == case.milestones


_REGISTERED = (
    st.Milestone(MilestoneKind.RECEIVED, date(2011, 10, 3)),
    st.Milestone(MilestoneKind.CERTIFIED, date(2012, 1, 10)),  # after the two months' 縦覧 of then
    st.Milestone(MilestoneKind.CERTIFICATE_DELIVERED, date(2012, 1, 12)),
    st.Milestone(MilestoneKind.REGISTERED, date(2012, 1, 20)),
)
_OTHER_KINDS = [kind for kind in CaseKind if kind is not CaseKind.ESTABLISHMENT]
_AFTER_DECISION = frozenset(
    {
        Milestone.CERTIFIED,
        Milestone.REFUSED,
        Milestone.CERTIFICATE_DELIVERED,
        Milestone.MERGER_PROCEDURES_DONE,
        Milestone.REGISTERED,
        Milestone.REGISTRATION_NOTICE,
    }
)


@s.composite
def _procedure(draw: s.DrawFn) -> tuple[CaseKind, tuple[st.Milestone, ...], dict[str, Any]]:
    """A lawful procedure of any kind after 設立: some of its kind's milestones, dated in the kind's
    order (which keeps every pair check_procedure orders), on or before today."""
    kind = draw(s.sampled_from(_OTHER_KINDS))
    spec = KINDS[st.procedure_kind(kind)]
    # after the corporation's registration, and no earlier than the Act knows the kind
    on = draw(s.dates(min_value=max(spec.available_from, date(2012, 1, 21)), max_value=date(2025, 12, 31)))
    milestones: list[st.Milestone] = []
    waited = False  # 12条2項 (25条5項, 34条5項): a decision and what follows it come after the 縦覧
    for milestone in spec.milestones:
        decided = {m.kind for m in milestones} & {MilestoneKind.CERTIFIED, MilestoneKind.REFUSED}
        if milestone in (Milestone.CERTIFIED, Milestone.REFUSED) and decided:
            continue  # 認証 or 不認証, never both
        if draw(s.booleans()):
            late = spec.needs_certification and milestone in _AFTER_DECISION and not waited
            waited = waited or late
            on = min(on + timedelta(days=draw(s.integers(0, 60)) + (75 if late else 0)), TODAY)
            milestones.append(
                st.Milestone(st.STORE_MILESTONES[milestone], on, draw(s.sampled_from(["", "窓口"])))
            )
    choices: dict[str, Any] = {}
    if kind is CaseKind.DISSOLUTION:
        choices["dissolution_ground"] = draw(s.none() | s.sampled_from(DissolutionGround))
    if kind is CaseKind.MERGER:
        choices["merger_role"] = draw(s.none() | s.sampled_from(MergerRole))
    if kind is CaseKind.ARTICLES_AMENDMENT:
        choices["registered_change"] = draw(s.booleans())
        choices["authority_change"] = draw(s.none() | s.sampled_from(AuthorityChange))
    if kind in (CaseKind.ARTICLES_AMENDMENT, CaseKind.ARTICLES_AMENDMENT_NOTICE):
        choices["articles_topics"] = tuple(
            draw(s.lists(s.sampled_from(ArticlesTopic), max_size=4, unique=True))
        )
    return kind, tuple(milestones), choices


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(procedure=_procedure())
def test_a_procedure_of_any_kind_reads_back_as_it_was_saved(
    store: Store, procedure: tuple[CaseKind, tuple[st.Milestone, ...], dict[str, Any]]
) -> None:
    kind, milestones, choices = procedure
    founded = st.create_case(store, sample_case(milestones=_REGISTERED), who="田中", today=TODAY)
    new = st.Case(
        name=founded.name, kind=kind, corporation_id=founded.corporation_id, milestones=milestones, **choices
    )
    check_procedure(st.procedure_facts(new), TODAY)  # the generator makes lawful procedures only
    created = st.create_case(store, new, who="田中", today=TODAY)
    assert st.get_case(store, created.id or 0) == created
    assert created.milestones == tuple(
        sorted(milestones, key=lambda m: (m.on, list(MilestoneKind).index(m.kind)))
    )
    assert {k: getattr(created, k) for k in choices} == choices
    facts = st.procedure_facts(created)
    assert dict(facts.dates) == {st.DOMAIN_MILESTONES[m.kind]: m.on for m in milestones}
    # and every later change of the clerk's notes is one history entry, nothing else
    saved = st.save_case(store, replace(created, notes="確認済み"), who="黒木")
    assert [e.field for e in st.case_history(store, saved.id or 0)][:1] == ["notes"]
    assert st.corporation_cases(store, founded.corporation_id or 0)[-1] == saved
