"""The case a letter to the corporation as a whole is made from (``corporation_letter_case``): its
設立 case (its 事業報告書等 are filed there, 29条), addressed as the corporation is now, with the
取消日 of a 設立の認証の取消し (43条) recorded as a procedure of its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import npo_desk.store as st
from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.errors import InvalidInput
from npo_desk.store import CaseKind, Corporation, Milestone, MilestoneKind, Office, OfficeKind, Store
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)
K = MilestoneKind
REGISTERED = (
    Milestone(K.RECEIVED, date(2021, 4, 1)),
    Milestone(K.CERTIFIED, date(2021, 6, 3)),
    Milestone(K.CERTIFICATE_DELIVERED, date(2021, 6, 5)),
    Milestone(K.REGISTERED, date(2021, 6, 14)),
)


def test_the_founding_case_as_the_corporation_is_now(store: Store) -> None:
    founded = st.create_case(store, sample_case(milestones=REGISTERED), who="田中", today=TODAY)
    corporation_id = founded.corporation_id or 0
    corporation = st.get_corporation(store, corporation_id)
    st.save_corporation(
        store, replace(corporation, name="油津の森の会", representative="黒木 一郎"), who="田中"
    )
    moved = st.start_procedure(
        store, corporation_id, CaseKind.ARTICLES_AMENDMENT_NOTICE, who="田中", today=TODAY
    )
    moved = st.save_case(
        store,
        replace(
            moved,
            offices=(Office("宮崎県日南市星倉1丁目2-3", OfficeKind.MAIN, "452017", "宮崎県"),),
            postal_code="889-2535",
            # the move is the corporation's once notified (25条6項): st.offices_in_force
            articles_topics=(ArticlesTopic.OFFICE,),
            milestones=(Milestone(K.RECEIVED, date(2026, 11, 2)),),
        ),
        who="田中",
    )
    revocation = st.start_procedure(store, corporation_id, CaseKind.REVOCATION, who="田中", today=TODAY)
    st.save_case(
        store, replace(revocation, milestones=(Milestone(K.REVOKED, date(2026, 11, 30)),)), who="田中"
    )

    letter = st.corporation_letter_case(store, corporation_id)
    assert (letter.id, letter.number, letter.kind) == (founded.id, founded.number, CaseKind.ESTABLISHMENT)
    assert (letter.name, letter.representative) == ("油津の森の会", "黒木 一郎")
    assert letter.representative_kana == ""  # the kana was the former representative's
    assert (letter.main_address, letter.postal_code) == ("宮崎県日南市星倉1丁目2-3", "889-2535")
    assert letter.date_of(K.REGISTERED) == date(2021, 6, 14)
    assert letter.date_of(K.REVOKED) == date(2026, 11, 30)  # 43条, recorded as its own procedure
    assert st.get_case(store, founded.id or 0) == founded  # a letter only: nothing stored


def test_a_corporation_without_its_founding_case_is_refused_in_japanese(store: Store) -> None:
    taken_over = st.create_corporation(store, Corporation(name="引継ぎの会"), who="田中", today=TODAY)
    with pytest.raises(InvalidInput, match="設立認証の案件がありません"):
        st.corporation_letter_case(store, taken_over.id or 0)


def test_a_corporation_is_found_by_its_number_as_typed(store: Store) -> None:
    from npo_desk.domain.corporate_number import check_digit

    number = f"{check_digit('234567890123')}234567890123"
    made = st.create_corporation(
        store, Corporation(name="番号の会", corporate_number=number), who="田中", today=TODAY
    )
    assert st.corporation_by_number(store, f" {number[:1]}-{number[1:]} ") == made
    assert st.corporation_by_number(store, f"{check_digit('111111111111')}111111111111") is None
    with pytest.raises(InvalidInput, match="13桁"):
        st.corporation_by_number(store, "12345")
