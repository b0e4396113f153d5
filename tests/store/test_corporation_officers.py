"""A corporation's officers and offices after 設立: the 役員名簿 of its 役員の変更等の届出 (特定非営利活動
促進法23条1項: a change of an officer's name or address is notified without delay; 23条2項: a newly
appointed officer with the 就任承諾書 and proof of address), and the offices of a 定款変更 of
事務所の所在地 (11条1項4号) once in effect (25条3項 認証, 25条6項 届出).
docs/legal-reference.md §13.2, §13.4."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

import npo_desk.store as st
from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.errors import InvalidInput
from npo_desk.store import CaseKind, Milestone, MilestoneKind, Office, OfficeKind, Officer, Store
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)
K = MilestoneKind
REGISTERED = (
    Milestone(K.RECEIVED, date(2024, 4, 1)),
    Milestone(K.CERTIFIED, date(2024, 6, 3)),
    Milestone(K.CERTIFICATE_DELIVERED, date(2024, 6, 5)),
    Milestone(K.REGISTERED, date(2024, 6, 12)),
)
NEW_DIRECTOR = Officer("日高 翔太", "director", "ヒダカ ショウタ")


def _founded(store: Store) -> st.Case:
    return st.create_case(store, sample_case(milestones=REGISTERED), who="田中", today=TODAY)


def _notice(store: Store, corporation_id: int, received: date | None, *officers: Officer) -> st.Case:
    """A 役員変更届 started for the corporation, its 名簿 set to ``officers``, received on ``received``."""
    started = st.start_procedure(
        store, corporation_id, CaseKind.OFFICER_CHANGE_NOTICE, who="田中", today=TODAY
    )
    milestones = (Milestone(K.RECEIVED, received),) if received else ()
    return st.save_case(store, replace(started, officers=officers, milestones=milestones), who="黒木")


def test_a_notice_keeps_its_officers_with_their_history(store: Store) -> None:
    founded = _founded(store)
    started = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.OFFICER_CHANGE_NOTICE, who="田中", today=TODAY
    )
    officers = (*started.officers[:2], NEW_DIRECTOR, started.officers[3])  # 黒木 resigned, 日高 came in
    saved = st.save_case(
        store,
        replace(started, officers=officers, milestones=(Milestone(K.RECEIVED, date(2026, 11, 20)),)),
        who="黒木",
    )
    assert st.get_case(store, saved.id or 0).officers == officers
    entry = next(e for e in st.case_history(store, saved.id or 0) if e.field == "officers")
    assert "黒木 由美" in (entry.old or "") and "黒木 由美" not in (entry.new or "")
    assert "日高 翔太" in (entry.new or "") and entry.who == "黒木"


def test_a_notice_refuses_the_officer_texts_an_application_refuses(store: Store) -> None:
    founded = _founded(store)
    notice = _notice(store, founded.corporation_id or 0, None, *founded.officers)
    for bad in (replace(NEW_DIRECTOR, name="日高\n翔太"), replace(NEW_DIRECTOR, kana="ヒダカ" * 200)):
        with pytest.raises(InvalidInput, match="役員"):
            st.save_case(store, replace(notice, officers=(*notice.officers, bad)), who="黒木")
        with pytest.raises(InvalidInput, match="役員"):
            st.save_case(store, replace(founded, officers=(*founded.officers, bad)), who="黒木")
    assert st.get_case(store, notice.id or 0).officers == founded.officers


def test_starting_a_notice_copies_the_current_officers(store: Store) -> None:
    founded = _founded(store)
    corporation = founded.corporation_id or 0
    first = st.start_procedure(store, corporation, CaseKind.OFFICER_CHANGE_NOTICE, who="田中", today=TODAY)
    assert first.officers == founded.officers  # from the 設立 application
    _notice(store, corporation, date(2026, 10, 1), founded.officers[0], NEW_DIRECTOR)
    second = st.start_procedure(store, corporation, CaseKind.OFFICER_CHANGE_NOTICE, who="田中", today=TODAY)
    assert second.officers == (founded.officers[0], NEW_DIRECTOR)
    other = st.start_procedure(
        store, corporation, CaseKind.ARTICLES_AMENDMENT_NOTICE, who="田中", today=TODAY
    )
    assert other.officers == ()  # only the notice of officers carries a 名簿


def test_current_officers_are_the_latest_received_notices(store: Store) -> None:
    founded = _founded(store)
    corporation = founded.corporation_id or 0
    assert st.current_officers(store, corporation) == founded.officers
    chair = founded.officers[0]
    later = _notice(store, corporation, date(2026, 11, 2), chair, NEW_DIRECTOR)
    _notice(store, corporation, date(2026, 9, 1), chair)  # started after, received before: older
    _notice(store, corporation, None, NEW_DIRECTOR)  # not received yet: not in force
    _notice(store, corporation, date(2026, 11, 30))  # received without a 名簿: says nothing
    assert st.current_officers(store, corporation) == (chair, NEW_DIRECTOR)
    same_day = _notice(store, corporation, date(2026, 11, 2), NEW_DIRECTOR)  # same 受理 date: later case
    assert st.current_officers(store, corporation) == (NEW_DIRECTOR,)
    st.delete_case(store, same_day.id or 0, version=same_day.version, who="田中")
    assert st.current_officers(store, corporation) == later.officers


# --- offices: a 定款変更 of 事務所の所在地 (11条1項4号) --------------------------------------------------

MOVED = (Office("宮崎県日南市飫肥8丁目1番地1", OfficeKind.MAIN),)


def _amendment(
    store: Store, corporation_id: int, kind: CaseKind, *milestones: Milestone, **choices: Any
) -> st.Case:
    started = st.start_procedure(store, corporation_id, kind, who="田中", today=TODAY)
    return st.save_case(store, replace(started, offices=MOVED, milestones=milestones, **choices), who="黒木")


def test_offices_move_with_a_notified_amendment_once_received(store: Store) -> None:
    """25条6項: a change of the office within the same 所轄庁 needs no 認証; it is notified."""
    founded = _founded(store)
    corporation = founded.corporation_id or 0
    office = (ArticlesTopic.OFFICE,)
    notice = _amendment(store, corporation, CaseKind.ARTICLES_AMENDMENT_NOTICE, articles_topics=office)
    _amendment(
        store, corporation, CaseKind.ARTICLES_AMENDMENT_NOTICE, Milestone(K.RECEIVED, date(2026, 11, 1))
    )
    assert st.current_offices(store, corporation) == founded.offices  # unreceived, or not about offices
    assert (
        st.start_procedure(
            store, corporation, CaseKind.OFFICER_CHANGE_NOTICE, who="田中", today=TODAY
        ).offices
        == founded.offices
    )
    st.save_case(store, replace(notice, milestones=(Milestone(K.RECEIVED, date(2026, 11, 20)),)), who="黒木")
    moved = st.current_offices(store, corporation)
    assert [o.address for o in moved] == [MOVED[0].address]
    summary = st.list_corporations(store, st.load_settings(store), TODAY, corporation_ids=[corporation])[0]
    assert summary.main_address == MOVED[0].address
    assert (
        st.start_procedure(
            store, corporation, CaseKind.OFFICER_CHANGE_NOTICE, who="田中", today=TODAY
        ).offices
        == moved
    )


def test_offices_move_with_a_certified_amendment_only_once_certified(store: Store) -> None:
    """25条3項: a change needing 認証 takes no effect before it (here 4号 with a new 所轄庁)."""
    founded = _founded(store)
    corporation = founded.corporation_id or 0
    topics = {"articles_topics": (ArticlesTopic.OFFICE_NEW_AUTHORITY,)}
    received = Milestone(K.RECEIVED, date(2026, 9, 1))
    pending = _amendment(store, corporation, CaseKind.ARTICLES_AMENDMENT, received, **topics)
    assert st.current_offices(store, corporation) == founded.offices
    certified = (received, Milestone(K.CERTIFIED, date(2026, 10, 20)))
    st.save_case(store, replace(pending, milestones=certified), who="黒木")
    assert [o.address for o in st.current_offices(store, corporation)] == [MOVED[0].address]
