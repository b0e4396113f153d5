"""Corporations (法人) and their procedures (手続) in the store (issue 10), on SQLite and PostgreSQL.

A new 設立 application makes its corporation; every later procedure starts from an existing one and
is refused in Japanese where the corporation's standing or the Act's dates do not allow it; the
corporation's own fields have history and optimistic locking; the deadlines of every kind come from
``domain.corporations`` with each case's manual dates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

import npo_desk.store as st
from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.corporate_number import check_digit
from npo_desk.domain.corporations import CorporationStatus
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.procedures import DissolutionGround, MergerRole
from npo_desk.store import CaseKind, Milestone, MilestoneKind, Store
from npo_desk.store.demo import seed_demo
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)
K = MilestoneKind
BASE = "234567890123"
NUMBER = f"{check_digit(BASE)}{BASE}"  # a 法人番号 with a right check digit

# A 設立 registered on 2024-06-12 (13条1項: the 法人 comes into being by its registration).
REGISTERED = (
    Milestone(K.RECEIVED, date(2024, 4, 1)),
    Milestone(K.CERTIFIED, date(2024, 6, 3)),
    Milestone(K.CERTIFICATE_DELIVERED, date(2024, 6, 5)),
    Milestone(K.REGISTERED, date(2024, 6, 12)),
)


def _established(store: Store, name: str = "特定非営利活動法人 油津みなと会") -> st.Case:
    return st.create_case(store, sample_case(name=name, milestones=REGISTERED), who="田中", today=TODAY)


def _with(store: Store, case: st.Case, *milestones: Milestone, **changes: Any) -> st.Case:
    return st.save_case(store, replace(case, milestones=milestones, **changes), who="田中")


def test_a_new_application_makes_its_corporation_from_its_name(store: Store) -> None:
    case = st.create_case(store, sample_case(), who="田中", today=TODAY)
    assert case.corporation_id is not None
    corporation = st.get_corporation(store, case.corporation_id)
    assert (corporation.name, corporation.name_kana, corporation.representative) == (
        case.name,
        case.name_kana,
        case.representative,
    )
    assert corporation.version == 1 and corporation.corporate_number is None
    assert st.corporation_cases(store, case.corporation_id) == [case]


def test_a_bulk_import_makes_every_corporation_with_one_statement(store: Store) -> None:
    """Issue 11 measures create_cases: the corporations go in with one executemany, not one per case."""
    statements: list[tuple[str, bool]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, many: bool) -> None:
        statements.append((statement, many))

    cases = [sample_case(name=f"特定非営利活動法人 第{i}の会") for i in range(40)]
    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        numbers = st.create_cases(store, cases, who="田中", today=TODAY)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    inserts = [many for statement, many in statements if statement.startswith("INSERT INTO corporations")]
    assert inserts == [True]
    stored = [st.case_by_number(store, number or "") for number in numbers]
    ids = [case.corporation_id for case in stored if case is not None]
    assert len(set(ids)) == 40
    assert [st.get_corporation(store, i or 0).name for i in ids] == [c.name for c in cases]


def test_a_failed_bulk_import_leaves_no_corporation_behind(store: Store) -> None:
    st.create_case(store, sample_case(number="R8-001"), who="田中", today=TODAY)
    with pytest.raises(st.DuplicateCaseNumber):
        st.create_cases(
            store, [sample_case(name="新しい会"), sample_case(number="R8-001")], who="田中", today=TODAY
        )
    assert [c.name for c in st.list_corporations(store, st.load_settings(store), TODAY)] == [
        sample_case().name
    ]


def test_a_procedure_needs_an_existing_corporation(store: Store) -> None:
    with pytest.raises(InvalidInput, match="既にある法人について始めます"):
        st.create_case(store, st.Case(name="某法人", kind=CaseKind.DISSOLUTION), who="田中", today=TODAY)
    with pytest.raises(st.CorporationNotFound):
        st.create_case(
            store,
            st.Case(name="某法人", kind=CaseKind.DISSOLUTION, corporation_id=999),
            who="田中",
            today=TODAY,
        )


def test_start_procedure_refuses_a_group_not_yet_registered(store: Store) -> None:
    """13条1項: the 法人 comes into being by the 設立の登記; before it no 定款変更 (25条) or 解散 (31条)."""
    applying = st.create_case(store, sample_case(), who="田中", today=TODAY)
    for kind in (CaseKind.ARTICLES_AMENDMENT, CaseKind.DISSOLUTION, CaseKind.ACCREDITATION):
        with pytest.raises(InvalidInput, match="まだ法人ではありません"):
            st.start_procedure(store, applying.corporation_id or 0, kind, who="田中", today=TODAY)


def test_start_procedure_opens_a_named_empty_procedure_for_an_established_corporation(store: Store) -> None:
    founded = _established(store)
    started = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.ARTICLES_AMENDMENT, who="田中", today=TODAY, clerk="黒木"
    )
    assert started.kind is CaseKind.ARTICLES_AMENDMENT and started.milestones == ()
    assert (started.name, started.clerk, started.corporation_id) == (
        founded.name,
        "黒木",
        founded.corporation_id,
    )
    assert started.number.startswith("R8-")  # numbered like every case, in the year of ``today``
    assert (started.offices, started.phone, started.representative_kana) == (
        founded.offices,
        founded.phone,
        founded.representative_kana,
    )
    assert [c.id for c in st.corporation_cases(store, founded.corporation_id or 0)] == [
        founded.id,
        started.id,
    ]
    with pytest.raises(InvalidInput, match="既に法人です"):
        st.start_procedure(
            store, founded.corporation_id or 0, CaseKind.ESTABLISHMENT, who="田中", today=TODAY
        )


def test_start_procedure_refuses_a_kind_the_act_did_not_know_yet(store: Store) -> None:
    """認定 by the 所轄庁 (44条) exists from 2012-04-01 (平成23年法律第70号)."""
    old = st.create_case(
        store,
        sample_case(
            milestones=(
                Milestone(K.RECEIVED, date(2008, 4, 1)),
                Milestone(K.CERTIFIED, date(2008, 7, 1)),
                Milestone(K.CERTIFICATE_DELIVERED, date(2008, 7, 3)),
                Milestone(K.REGISTERED, date(2008, 7, 10)),
            )
        ),
        who="田中",
        today=date(2011, 5, 1),
    )
    with pytest.raises(InvalidInput, match="平成24年4月1日からの手続です"):
        st.start_procedure(
            store, old.corporation_id or 0, CaseKind.ACCREDITATION, who="田中", today=date(2011, 5, 1)
        )


def test_after_dissolution_only_the_liquidation_follows(store: Store) -> None:
    """31条1項1号 解散 (4項 届出), then 清算 (32条の3 清算結了の届出); nothing after 清算結了."""
    founded = _established(store)
    corporation_id = founded.corporation_id or 0
    dissolution = st.start_procedure(store, corporation_id, CaseKind.DISSOLUTION, who="田中", today=TODAY)
    _with(
        store,
        dissolution,
        Milestone(K.DISSOLVED, date(2026, 10, 31)),
        Milestone(K.RECEIVED, date(2026, 11, 6)),
        dissolution_ground=DissolutionGround.RESOLUTION,
    )
    summary = st.list_corporations(store, st.load_settings(store), TODAY)[0]
    assert summary.standing.status is CorporationStatus.DISSOLVED
    with pytest.raises(InvalidInput, match="解散です"):
        st.start_procedure(store, corporation_id, CaseKind.ARTICLES_AMENDMENT, who="田中", today=TODAY)
    done = st.start_procedure(store, corporation_id, CaseKind.LIQUIDATION_COMPLETED, who="田中", today=TODAY)
    _with(store, done, Milestone(K.OCCURRED, date(2026, 11, 20)), Milestone(K.RECEIVED, date(2026, 11, 25)))
    for kind in (CaseKind.LIQUIDATION_COMPLETED, CaseKind.OFFICER_CHANGE_NOTICE):
        with pytest.raises(InvalidInput, match="清算結了です"):
            st.start_procedure(store, corporation_id, kind, who="田中", today=TODAY)


def test_save_case_checks_other_kinds_through_the_domain(store: Store) -> None:
    founded = _established(store)
    amendment = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.ARTICLES_AMENDMENT, who="田中", today=TODAY
    )
    with pytest.raises(InvalidInput, match="「解散」の日付はありません"):
        _with(store, amendment, Milestone(K.DISSOLVED, date(2026, 11, 1)))
    with pytest.raises(InvalidInput, match="解散の事由は、解散の手続にだけ"):
        _with(store, amendment, dissolution_ground=DissolutionGround.RESOLUTION)
    with pytest.raises(InvalidInput, match="より前になっています"):
        _with(
            store,
            amendment,
            Milestone(K.RECEIVED, date(2026, 11, 2)),
            Milestone(K.CERTIFIED, date(2026, 11, 1)),
        )
    with pytest.raises(InvalidInput, match="定款変更の手続にだけ"):
        founded_again = st.get_case(store, founded.id or 0)
        _with(store, founded_again, *founded_again.milestones, articles_topics=(ArticlesTopic.NAME,))
    with pytest.raises(InvalidInput, match="設立認証の手続には"):
        _with(store, founded, *founded.milestones, merger_role=MergerRole.SURVIVING)
    saved = _with(
        store,
        amendment,
        Milestone(K.RECEIVED, date(2026, 11, 25)),
        registered_change=True,
        articles_topics=(ArticlesTopic.NAME, ArticlesTopic.PURPOSE),
    )
    assert st.get_case(store, saved.id or 0) == saved
    history = {entry.field: entry for entry in st.case_history(store, saved.id or 0)}
    assert history["registered_change"].new == "あり"
    assert history["articles_topics"].new == "名称、目的"
    assert history["milestone:received_on"].new == "2026-11-25"


def test_a_new_procedure_may_not_record_a_fact_after_today(store: Store) -> None:
    founded = _established(store)
    future = st.Case(
        name=founded.name,
        kind=CaseKind.OFFICER_CHANGE_NOTICE,
        corporation_id=founded.corporation_id,
        milestones=(Milestone(K.OCCURRED, date(2026, 12, 10)),),
    )
    with pytest.raises(InvalidInput, match="まだ起きていないことは記録できません"):
        st.create_case(store, future, who="田中", today=TODAY)


def test_corporation_fields_have_history_locking_and_a_checked_number(store: Store) -> None:
    corporation = st.create_corporation(
        store, st.Corporation(name="特定非営利活動法人 星空の会", notes="県から移管"), who="田中", today=TODAY
    )
    wide = NUMBER.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    saved = st.save_corporation(
        store, replace(corporation, name="特定非営利活動法人 星空と海の会", corporate_number=wide), who="黒木"
    )
    assert saved.corporate_number == NUMBER and saved.version == corporation.version + 1
    entries = st.corporation_history(store, corporation.id or 0)
    named = next(e for e in entries if e.field == "name")
    assert (named.old, named.new, named.who, named.label) == (
        "特定非営利活動法人 星空の会",
        "特定非営利活動法人 星空と海の会",
        "黒木",
        "法人名",
    )
    assert any(e.field == "corporate_number" and e.new == NUMBER for e in entries)
    with pytest.raises(st.ConcurrentEditError, match="法人「特定非営利活動法人 星空と海の会」"):
        st.save_corporation(store, replace(corporation, notes="古い画面から"), who="田中")
    wrong = f"{(check_digit(BASE) % 9) + 1}{BASE}"
    with pytest.raises(InvalidInput, match="検査用数字"):
        st.save_corporation(store, replace(saved, corporate_number=wrong), who="田中")
    other = st.create_corporation(store, st.Corporation(name="別の法人"), who="田中", today=TODAY)
    with pytest.raises(InvalidInput, match="既に法人「特定非営利活動法人 星空と海の会」に登録されています"):
        st.save_corporation(store, replace(other, corporate_number=NUMBER), who="田中")
    with pytest.raises(InvalidInput, match="法人名が空です"):
        st.create_corporation(store, st.Corporation(name="  "), who="田中", today=TODAY)
    assert st.settings_history(store) == []  # a corporation's history is not the settings'


def test_an_applying_groups_name_follows_its_application_until_registered(store: Store) -> None:
    """Until the 設立の登記 (13条1項) the group is called what its application says."""
    case = st.create_case(store, sample_case(), who="田中", today=TODAY)
    corporation_id = case.corporation_id or 0
    before = st.get_corporation(store, corporation_id)
    renamed = st.save_case(store, replace(case, name="特定非営利活動法人 にちなん子ども食堂"), who="黒木")
    after = st.get_corporation(store, corporation_id)
    assert after.name == "特定非営利活動法人 にちなん子ども食堂" and after.version == before.version + 1
    assert [(e.field, e.old, e.new) for e in st.corporation_history(store, corporation_id)] == [
        ("name", case.name, "特定非営利活動法人 にちなん子ども食堂")
    ]
    with pytest.raises(st.ConcurrentEditError):  # a window holding the corporation sees the change
        st.save_corporation(store, replace(before, notes="古い画面"), who="田中")
    # once registered, the 法人's name changes only by its own 定款変更 (25条3項)
    founded = _established(store, "特定非営利活動法人 登記済みの会")
    st.save_case(store, replace(founded, name="申請書の誤記を直した名"), who="田中")
    assert st.get_corporation(store, founded.corporation_id or 0).name == "特定非営利活動法人 登記済みの会"
    assert renamed.corporation_id == corporation_id


def test_a_procedure_cannot_move_to_another_corporation(store: Store) -> None:
    first, second = _established(store, "一の会"), _established(store, "二の会")
    with pytest.raises(InvalidInput, match="別の法人に移す"):
        st.save_case(store, replace(first, corporation_id=second.corporation_id, notes="移動"), who="田中")


def test_deleting_the_last_procedure_deletes_the_corporation_and_undo_restores_it(store: Store) -> None:
    case = st.create_case(store, sample_case(), who="田中", today=TODAY)
    settings = st.load_settings(store)
    deleted = st.delete_case(store, case.id or 0, version=case.version, who="田中")
    assert st.get_corporation(store, case.corporation_id or 0).deleted_at is not None
    assert st.list_corporations(store, settings, TODAY) == []
    st.undelete_case(store, case.id or 0, version=deleted.version, who="田中")
    assert [c.id for c in st.list_corporations(store, settings, TODAY)] == [case.corporation_id]
    # a corporation keeps living while another procedure of it does
    founded = _established(store)
    notice = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.OFFICER_CHANGE_NOTICE, who="田中", today=TODAY
    )
    st.delete_case(store, notice.id or 0, version=notice.version, who="田中")
    assert st.get_corporation(store, founded.corporation_id or 0).deleted_at is None


def test_pending_deadlines_of_every_kind_carry_their_case_and_manual_date(store: Store) -> None:
    """25条5項 applies 10条2項 (縦覧 2 weeks since 令和2年法律第72号) and 12条 to a 定款変更認証."""
    founded = _established(store)
    amendment = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.ARTICLES_AMENDMENT, who="田中", today=TODAY
    )
    amendment = _with(
        store,
        amendment,
        Milestone(K.RECEIVED, date(2026, 11, 25)),
        deadline_overrides=(st.DeadlineOverride("decision_deadline", date(2027, 1, 15), "審査会の日程"),),
    )
    settings = st.load_settings(store)
    lines = st.corporation_pending_deadlines(store, settings, TODAY)
    mine = {line.deadline.key: line for line in lines if line.case_id == amendment.id}
    assert set(mine) >= {DeadlineKey.PUBLIC_INSPECTION_END, DeadlineKey.DECISION_DEADLINE}
    inspection = mine[DeadlineKey.PUBLIC_INSPECTION_END]
    assert inspection.deadline.date == date(2026, 12, 9)  # 受理の翌日から2週間
    assert (inspection.kind, inspection.case_number, inspection.corporation_id) == (
        CaseKind.ARTICLES_AMENDMENT,
        amendment.number,
        founded.corporation_id,
    )
    decision = mine[DeadlineKey.DECISION_DEADLINE]
    assert decision.override is not None and decision.due.manual is not None
    assert decision.due.manual.on == date(2027, 1, 15)
    assert [line.due.counts for line in lines] == sorted(line.due.counts for line in lines)


def test_corporation_deadlines_agree_with_the_case_dashboard_for_applications(store: Store) -> None:
    """For a corporation with no procedure but its 設立, the corporation's deadlines are exactly its
    設立 case's own (``case_pending_deadlines``: the 設立 rules alone; a later 解散 ends its 事業報告書等,
    which only the corporation's reading knows)."""
    cases = seed_demo(store, TODAY)
    settings = st.load_settings(store)
    procedures = Counter(case.corporation_id for case in cases)
    applications = {
        c.id for c in cases if c.kind is CaseKind.ESTABLISHMENT and procedures[c.corporation_id] == 1
    }
    assert len(applications) >= 12
    own = {
        (d.case_id, d.deadline, d.override)
        for case_id in applications
        for d in st.case_pending_deadlines(st.get_case(store, case_id or 0), settings, TODAY)
    }
    new = {
        (d.case_id, d.deadline, d.override)
        for d in st.corporation_pending_deadlines(store, settings, TODAY)
        if d.case_id in applications
    }
    assert new == own and own


def test_revocation_candidates_are_established_corporations_missing_three_years(store: Store) -> None:
    """43条1項: 3年以上にわたって29条の事業報告書等の提出を行わないとき."""
    seed_demo(store, TODAY)
    candidates = st.revocation_candidates(store, st.load_settings(store), TODAY)
    assert candidates and all(len(c.missing) >= 3 for c in candidates)
    listed = {s.id: s for s in st.list_corporations(store, st.load_settings(store), TODAY)}
    for candidate in candidates:
        assert listed[candidate.key.corporation.id or 0].standing.status is CorporationStatus.ESTABLISHED


def test_the_corporation_list_reads_a_few_queries_whatever_its_length(store: Store) -> None:
    settings = st.load_settings(store)

    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    def queries_for(more: int) -> int:
        st.create_cases(
            store, [sample_case(name=f"会{more}-{i}") for i in range(more)], who="田中", today=TODAY
        )
        seen.clear()
        event.listen(store.engine, "before_cursor_execute", count)
        try:
            assert st.list_corporations(store, settings, TODAY)
        finally:
            event.remove(store.engine, "before_cursor_execute", count)
        return len(seen)

    assert queries_for(3) == queries_for(60) <= 16  # the procedures, and the kept deadlines (deadline_cache)


def test_the_corporation_list_shows_standing_address_open_procedures_and_search(store: Store) -> None:
    founded = _established(store)
    amendment = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.ARTICLES_AMENDMENT, who="田中", today=TODAY, clerk="黒木"
    )
    _with(store, amendment, Milestone(K.RECEIVED, date(2026, 11, 25)))
    st.create_case(
        store,
        sample_case(name="特定非営利活動法人 北郷の森", name_kana="ホクゴウノモリ"),
        who="田中",
        today=TODAY,
    )
    settings = st.load_settings(store)
    listed = {s.name: s for s in st.list_corporations(store, settings, TODAY)}
    summary = listed[founded.name]
    assert summary.standing.status is CorporationStatus.ESTABLISHED
    assert summary.main_address == founded.main_address
    assert summary.open_procedures >= 1 and summary.clerk == "黒木"
    assert summary.next_deadline is not None
    assert listed["特定非営利活動法人 北郷の森"].standing.status is CorporationStatus.APPLYING
    found = st.list_corporations(store, settings, TODAY, text="ﾎｸｺﾞｳ")  # width and kana insensitive
    assert [s.name for s in found] == ["特定非営利活動法人 北郷の森"]
    assert [s.name for s in st.list_corporations(store, settings, TODAY, text="北郷 森")] == [
        "特定非営利活動法人 北郷の森"
    ]


def test_a_later_procedure_is_no_duplicate_of_an_imported_application(store: Store) -> None:
    """The importer skips a row whose application is stored (name and receipt date); a 定款変更 received
    on that day under the corporation's name is not that application."""
    founded = _established(store)
    amendment = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.ARTICLES_AMENDMENT, who="田中", today=TODAY
    )
    _with(store, amendment, Milestone(K.RECEIVED, date(2026, 11, 25)))
    keys = st.stored_case_keys(store)
    assert st.duplicate_key(founded) in keys
    assert (
        st.duplicate_key(replace(founded, milestones=(Milestone(K.RECEIVED, date(2026, 11, 25)),)))
        not in keys
    )


def test_the_application_dashboard_leaves_other_kinds_to_the_corporations(store: Store) -> None:
    """A 認定 received (44条) has no 設立 deadline: the dashboard's 設立 lines are the 設立 case's
    alone, each line names its own procedure, and one procedure's lines (after a save) come from
    its own kind's rules."""
    founded = _established(store)
    accreditation = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.ACCREDITATION, who="田中", today=TODAY
    )
    accreditation = _with(store, accreditation, Milestone(K.RECEIVED, date(2026, 11, 2)))
    amendment = st.start_procedure(
        store, founded.corporation_id or 0, CaseKind.ARTICLES_AMENDMENT, who="田中", today=TODAY
    )
    amendment = _with(store, amendment, Milestone(K.RECEIVED, date(2026, 11, 25)))
    settings = st.load_settings(store)
    dashboard = st.corporation_pending_deadlines(store, settings, TODAY)
    assert {d.case_id for d in dashboard if d.kind is CaseKind.ESTABLISHMENT} <= {founded.id}
    kinds = {case.id: case.kind for case in (founded, accreditation, amendment)}
    assert all(d.kind is kinds.get(d.case_id) for d in dashboard)
    assert st.case_pending_deadlines(accreditation, settings, TODAY) == []
    lines = st.case_pending_deadlines(amendment, settings, TODAY)
    assert DeadlineKey.PUBLIC_INSPECTION_END in {line.deadline.key for line in lines}
    assert {(line.kind, line.corporation_id) for line in lines} == {
        (CaseKind.ARTICLES_AMENDMENT, founded.corporation_id)
    }
    every = {(d.case_id, d.deadline.key) for d in dashboard}
    assert {(amendment.id, line.deadline.key) for line in lines} <= every
