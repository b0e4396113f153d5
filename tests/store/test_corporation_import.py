"""``create_corporations``: corporations brought in whole (their 設立 case, 法人番号 and later
procedures) in one transaction, through the same checks as every other write (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import npo_desk.store as st
from npo_desk.domain.corporations import CorporationStatus
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.procedures import DissolutionGround
from npo_desk.store import Case, CaseKind, Corporation, Milestone, MilestoneKind, Store
from npo_desk.store.corporation_import import NewCorporation, create_corporations, stored_corporate_numbers
from tests.store.samples import sample_case

TODAY = date(2026, 11, 28)
K = MilestoneKind
NUMBER = "7000012050002"


def _established(name: str) -> Case:
    return sample_case(
        name=name,
        milestones=(
            Milestone(K.CERTIFIED, date(2015, 5, 30)),
            Milestone(K.REGISTERED, date(2015, 6, 10)),
            Milestone(K.REGISTRATION_NOTICE, date(2015, 6, 10)),
        ),
    )


def _numbered(number: str) -> Corporation:
    return Corporation("", corporate_number=number)


def _dissolution(on: date) -> Case:
    return Case(
        name="解散",
        kind=CaseKind.DISSOLUTION,
        dissolution_ground=DissolutionGround.RESOLUTION,
        milestones=(Milestone(K.DISSOLVED, on), Milestone(K.RECEIVED, on)),
    )


def test_corporations_come_with_their_number_and_procedures(store: Store) -> None:
    """31条1項1号: a corporation brought in dissolved by resolution stands dissolved from that day."""
    ids = create_corporations(
        store,
        [
            NewCorporation(
                _established("解散した会"),
                Corporation("", representative="新しい 代表", corporate_number="7-0000-1205-0002"),
                (_dissolution(date(2024, 3, 31)),),
            ),
            NewCorporation(_established("続いている会")),
        ],
        who="取込",
        today=TODAY,
    )
    assert all(ids)
    first = st.get_corporation(store, ids[0] or 0)
    assert first.corporate_number == NUMBER and first.name == "解散した会"  # blank: the application's
    assert first.representative == "新しい 代表"
    cases = st.corporation_cases(store, ids[0] or 0)
    assert [c.kind for c in cases] == [CaseKind.ESTABLISHMENT, CaseKind.DISSOLUTION]
    assert cases[1].corporation_id == ids[0]
    summaries = {s.id: s for s in st.list_corporations(store, st.load_settings(store), TODAY)}
    assert summaries[ids[0] or 0].standing.status is CorporationStatus.DISSOLVED
    assert summaries[ids[1] or 0].standing.status is CorporationStatus.ESTABLISHED
    assert stored_corporate_numbers(store) == {NUMBER}


def test_one_bad_procedure_stores_nothing(store: Store) -> None:
    """The later procedure is checked like any save (check_procedure: not after today)."""
    bad = _dissolution(date(2027, 1, 1))
    with pytest.raises(InvalidInput, match="今日"):
        create_corporations(
            store,
            [NewCorporation(_established("よい会")), NewCorporation(_established("悪い会"), None, (bad,))],
            who="取込",
            today=TODAY,
        )
    assert st.list_cases(store) == []
    assert st.list_corporations(store, st.load_settings(store), TODAY) == []


def test_a_number_already_stored_is_refused_or_skipped(store: Store) -> None:
    create_corporations(
        store, [NewCorporation(_established("先の会"), _numbered(NUMBER))], who="取込", today=TODAY
    )
    again = [
        NewCorporation(_established("改名した会"), _numbered(NUMBER)),
        NewCorporation(_established("新しい会")),
    ]
    with pytest.raises(InvalidInput, match=NUMBER):
        create_corporations(store, again, who="取込", today=TODAY)
    ids = create_corporations(store, again, who="取込", today=TODAY, skip_stored=True)
    assert ids[0] is None and ids[1] is not None
    with pytest.raises(InvalidInput, match="2つの法人"):
        twice = [
            NewCorporation(_established("甲の会"), _numbered(OTHER)),
            NewCorporation(_established("乙の会"), _numbered(OTHER)),
        ]
        create_corporations(store, twice, who="取込", today=TODAY)
    with pytest.raises(InvalidInput, match="検査用数字"):
        create_corporations(
            store,
            [NewCorporation(_established("丙の会"), _numbered("1234567890123"))],
            who="取込",
            today=TODAY,
        )
    assert sorted(s.name for s in st.list_cases(store)) == ["先の会", "新しい会"]


def test_a_procedure_without_its_application_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        create_corporations(
            store,
            [NewCorporation(replace(_dissolution(date(2024, 1, 1)), name="会"))],
            who="取込",
            today=TODAY,
        )


OTHER = "4011001098993"
