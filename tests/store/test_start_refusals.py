"""``start_refusals`` (the corporation window's 「手続を開始」 menu) says exactly what ``start_procedure``
would: for every demo corporation and every kind, None where it starts, its very message where it
refuses (13条1項: not a 法人 before registration; 31条・32条の3: only the 清算 after 解散)."""

from __future__ import annotations

from datetime import date

import pytest

import npo_desk.store as st
from npo_desk.domain.errors import InvalidInput
from npo_desk.store import CaseKind, Store

TODAY = date(2026, 12, 2)


def test_the_menu_refuses_exactly_what_start_procedure_refuses(store: Store) -> None:
    st.seed_demo(store, TODAY)
    corporations = st.list_corporations(store, st.load_settings(store), TODAY)
    statuses = {c.standing.label for c in corporations}
    assert {"申請中", "設立済", "解散"} <= statuses  # the demo has every case worth checking
    for corporation in corporations:
        refusals = st.start_refusals(store, corporation.id, TODAY)
        assert set(refusals) == set(CaseKind)
        for kind, refusal in refusals.items():
            if refusal is None:
                started = st.start_procedure(store, corporation.id, kind, who="テスト", today=TODAY)
                st.delete_case(store, started.id or 0, version=started.version, who="テスト")
            else:
                with pytest.raises(InvalidInput) as refused:
                    st.start_procedure(store, corporation.id, kind, who="テスト", today=TODAY)
                assert str(refused.value) == refusal
        if corporation.standing.label == "申請中":
            assert refusals[CaseKind.ARTICLES_AMENDMENT] is not None
            assert "まだ法人ではありません" in (refusals[CaseKind.ARTICLES_AMENDMENT] or "")
        if corporation.standing.label == "解散":
            assert [k for k, r in refusals.items() if r is None] == [CaseKind.LIQUIDATION_COMPLETED]


def test_a_kind_the_act_did_not_know_yet_is_refused_in_the_menu_too(store: Store) -> None:
    """認定 by the 所轄庁 (44条) exists from 2012-04-01 (平成23年法律第70号)."""
    applying = st.create_case(
        store, st.Case(name="特定非営利活動法人 古い会"), who="田中", today=date(2011, 5, 1)
    )
    refusals = st.start_refusals(store, applying.corporation_id or 0, date(2011, 5, 1))
    assert "平成24年4月1日からの手続です" in (refusals[CaseKind.ACCREDITATION] or "")
