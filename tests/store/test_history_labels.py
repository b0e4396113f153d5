"""A case's history names its milestones as its own procedure does (``milestone_label_of``): a
定款変更's registration is 「変更の登記」 (組合等登記令3条1項), a 設立's stays 「設立登記」 (法13条1項)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import npo_desk.store as st
from npo_desk.domain.procedures import KINDS, milestone_label
from npo_desk.store import CaseKind, Milestone, MilestoneKind, Store
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)
K = MilestoneKind
FOUNDED = (
    Milestone(K.RECEIVED, date(2024, 4, 1)),
    Milestone(K.CERTIFIED, date(2024, 6, 3)),
    Milestone(K.CERTIFICATE_DELIVERED, date(2024, 6, 5)),
    Milestone(K.REGISTERED, date(2024, 6, 12)),
)
# 25条3項・5項: received, certified after the 縦覧, the 認証書, then the 変更の登記 within 2 weeks.
AMENDED = (
    Milestone(K.RECEIVED, date(2026, 8, 3)),
    Milestone(K.CERTIFIED, date(2026, 10, 1)),
    Milestone(K.CERTIFICATE_DELIVERED, date(2026, 10, 5)),
    Milestone(K.REGISTERED, date(2026, 10, 15)),
)


def _labels(store: Store, case_id: int) -> dict[str, str]:
    return {entry.field: entry.label for entry in st.case_history(store, case_id)}


def test_an_amendments_history_names_its_registration_the_change_registration(store: Store) -> None:
    """組合等登記令3条1項: after a 定款変更 of a 登記事項 the corporation registers the change
    (「変更の登記」); 法13条1項: a 設立's registration is the 設立の登記 (「設立登記」)."""
    applied = st.create_case(store, sample_case(milestones=FOUNDED[:1]), who="田中", today=TODAY)
    founded = st.save_case(store, replace(applied, milestones=FOUNDED), who="田中")
    amendment = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.ARTICLES_AMENDMENT, who="田中", today=TODAY
    )
    saved = st.save_case(store, replace(amendment, milestones=AMENDED, registered_change=True), who="黒木")

    amended = _labels(store, saved.id or 0)
    assert amended["milestone:registered_on"] == "変更の登記"
    assert amended["milestone:received_on"] == "受理"
    established = _labels(store, founded.id or 0)
    assert established["milestone:registered_on"] == "設立登記"
    assert established["milestone:certificate_delivered_on"] == "認証書到達"
    assert amended["milestone:certificate_delivered_on"] == "認証書の到達"


def test_every_kinds_milestone_is_named_by_the_domain() -> None:
    """One source for the names: the store's ``milestone_label_of`` is the domain's, kind by kind,
    and the store's 設立 table is 設立's own names."""
    for kind in CaseKind:
        domain_kind = st.procedure_kind(kind)
        for milestone in KINDS[domain_kind].milestones:
            name = st.milestone_label_of(kind, st.STORE_MILESTONES[milestone])
            assert name == milestone_label(domain_kind, milestone)
            assert st.label_of(f"milestone:{st.STORE_MILESTONES[milestone].value}", kind) == name
    founding = {k: st.milestone_label_of(CaseKind.ESTABLISHMENT, k) for k in MilestoneKind}
    assert founding == st.MILESTONE_LABELS
    assert st.MILESTONE_LABELS[K.REGISTERED] == "設立登記"
