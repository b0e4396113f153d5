"""Creating, reading, saving and deleting cases, with numbering and history (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

import npo_desk.store as st
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.store import (
    CaseNotFound,
    ConcurrentEditError,
    DeadlineOverride,
    DuplicateCaseNumber,
    Milestone,
    MilestoneKind,
    Office,
    Officer,
    Store,
)
from tests.store.samples import sample_case

TODAY = date(2026, 4, 7)


def test_a_created_case_reads_back_exactly(store: Store) -> None:
    original = sample_case(
        deadline_overrides=(DeadlineOverride("decision_deadline", date(2026, 6, 30), "審査会の日程"),),
        law_profile_id="2021-06-09",
        law_profile_reason="受理日の確認中のため明示",
        notes="代表者は平日午後のみ連絡可",
    )
    created = st.create_case(store, original, who="田中", today=TODAY)

    assert created.id is not None and created.version == 1
    # the earliest milestone, 相談 on 2026-03-10, lies in fiscal year 2025 (令和7年度)
    assert created.number == "R7-001"
    loaded = st.get_case(store, created.id)
    assert loaded == created
    expected = replace(
        original,
        number="R7-001",
        id=created.id,
        version=1,
        created_at=created.created_at,
        updated_at=created.updated_at,
        deadline_overrides=(
            replace(original.deadline_overrides[0], set_by="田中", set_at=created.created_at),
        ),
        corporation_id=created.corporation_id,  # a new 設立 application makes its corporation
    )
    assert created.corporation_id is not None
    assert loaded == expected
    assert loaded.created_at is not None and loaded.created_at.tzinfo is not None


def test_numbers_count_per_fiscal_year_with_era_prefix(store: Store) -> None:
    def number(on: date) -> str:
        case = sample_case(milestones=(Milestone(MilestoneKind.RECEIVED, on),))
        return st.create_case(store, case, who="田中", today=on).number  # recorded on the day

    assert number(date(2026, 4, 1)) == "R8-001"
    assert number(date(2027, 3, 31)) == "R8-002"  # still 令和8年度
    assert number(date(2019, 4, 1)) == "R1-001"  # 令和元年度 although April 2019 was 平成31年
    assert number(date(2019, 3, 31)) == "H30-001"
    assert number(date(2008, 6, 2)) == "H20-001"
    no_milestone = st.create_case(store, sample_case(milestones=()), who="田中", today=date(2026, 5, 1))
    assert no_milestone.number == "R8-003"


def test_an_explicit_number_is_kept_and_a_duplicate_refused(store: Store) -> None:
    st.create_case(store, sample_case(number="R8-010"), who="田中", today=TODAY)
    imported = st.create_case(store, sample_case(number="日南第12号"), who="田中", today=TODAY)
    assert imported.number == "日南第12号"
    with pytest.raises(DuplicateCaseNumber, match="R8-010"):
        st.create_case(store, sample_case(number="R8-010"), who="田中", today=TODAY)
    # numbering continues after the explicit number of the same fiscal year
    nxt = st.create_case(store, sample_case(milestones=()), who="田中", today=date(2026, 4, 8))
    assert nxt.number == "R8-011"


def test_saving_changes_bumps_the_version_and_records_history(store: Store) -> None:
    case = st.create_case(store, sample_case(), who="田中", today=TODAY)
    edited = replace(
        case,
        name="特定非営利活動法人 日南子ども未来ネット",
        member_count=15,
        fiscal_year_start=(1, 1),
        activity_fields=(1, 2, 13),
        officers=(*case.officers, Officer("谷口 大輔", "director", "タニグチ ダイスケ", is_staff=True)),
        offices=case.offices[:1],
        milestones=(
            *case.milestones,
            Milestone(MilestoneKind.CORRECTION_RECEIVED, date(2026, 4, 10), "誤字"),
        ),
    )
    saved = st.save_case(store, edited, who="佐藤")

    assert saved.version == 2
    assert saved == replace(edited, version=2, updated_at=saved.updated_at)
    assert st.get_case(store, case.id or 0) == saved
    history = st.case_history(store, saved.id or 0)
    assert [h.who for h in history[:-1]] == ["佐藤"] * (len(history) - 1)
    changes = {h.field: (h.label, h.old, h.new) for h in history}
    assert changes["name"] == ("法人名", case.name, edited.name)
    assert changes["member_count"] == ("社員数", "14", "15")
    assert changes["fiscal_year_start"] == ("事業年度開始日", "4月1日", "1月1日")
    assert changes["activity_fields"] == ("活動分野", "1、13", "1、2、13")
    assert changes["milestone:correction_received_on"] == ("補正受付", None, "2026-04-10 (誤字)")
    assert "谷口 大輔 (タニグチ ダイスケ) [理事・職員兼務]" in (changes["officers"][2] or "")
    assert changes["offices"][1] is not None and "従たる事務所" in changes["offices"][1]
    assert changes["offices"][2] == "主たる事務所: 宮崎県日南市中央通1丁目1番地1"
    assert history[-1].field == "created" and history[-1].new == "R7-001"


def test_saving_an_unchanged_case_writes_nothing(store: Store) -> None:
    case = st.create_case(store, sample_case(), who="田中", today=TODAY)
    assert st.save_case(store, case, who="佐藤") == case
    assert len(st.case_history(store, case.id or 0)) == 1


def test_a_second_save_of_the_same_version_is_refused(db_url: str) -> None:
    first_window, second_window = st.open_store(db_url), st.open_store(db_url)
    try:
        case = st.create_case(first_window, sample_case(), who="田中", today=TODAY)
        mine = st.get_case(first_window, case.id or 0)
        theirs = st.get_case(second_window, case.id or 0)
        st.save_case(first_window, replace(mine, notes="田中が電話で確認"), who="田中")
        with pytest.raises(ConcurrentEditError, match=r"R7-001.*保存しませんでした"):
            st.save_case(second_window, replace(theirs, notes="佐藤のメモ"), who="佐藤")
        stored = st.get_case(first_window, case.id or 0)
        assert stored.notes == "田中が電話で確認" and stored.version == 2
        assert [h.who for h in st.case_history(first_window, case.id or 0)] == ["田中", "田中"]
    finally:
        first_window.close()
        second_window.close()


def test_saving_a_case_deleted_elsewhere_is_refused(store: Store) -> None:
    case = st.create_case(store, sample_case(), who="田中", today=TODAY)
    st.delete_case(store, case.id or 0, version=case.version, who="佐藤")
    with pytest.raises(ConcurrentEditError):
        st.save_case(store, replace(case, notes="x"), who="田中")


def test_soft_delete_hides_the_case_keeps_it_and_can_be_undone(store: Store) -> None:
    case = st.create_case(store, sample_case(), who="田中", today=TODAY)
    returned = st.delete_case(store, case.id or 0, version=case.version, who="佐藤")

    assert returned.deleted_at is not None and returned.version == case.version + 1
    assert st.list_cases(store) == []
    trash = st.list_cases(store, st.CaseQuery(deleted=True))
    assert [c.number for c in trash] == ["R7-001"] and trash[0].deleted_at is not None
    deleted = st.get_case(store, case.id or 0)
    assert deleted.deleted_at is not None and deleted.name == case.name
    entry = st.case_history(store, case.id or 0)[0]
    assert (entry.field, entry.label, entry.who, entry.old) == ("deleted", "削除", "佐藤", None)

    restored = st.undelete_case(store, case.id or 0, version=deleted.version, who="佐藤")
    assert restored.deleted_at is None
    assert [c.number for c in st.list_cases(store)] == ["R7-001"]
    assert st.case_history(store, case.id or 0)[0].new is None


def test_unknown_case_is_a_clear_error(store: Store) -> None:
    with pytest.raises(CaseNotFound, match="見つかりません"):
        st.get_case(store, 4242)


def test_overrides_keep_who_set_them_until_changed(db_url: str) -> None:
    times = iter(datetime(2026, 4, day, 9, tzinfo=UTC) for day in range(7, 20))
    store = st.open_store(db_url, now=lambda: next(times))
    try:
        case = st.create_case(store, sample_case(), who="田中", today=TODAY)
        override = DeadlineOverride("decision_deadline", date(2026, 6, 30), "審査会の日程のため")
        first = st.save_case(store, replace(case, deadline_overrides=(override,)), who="田中")
        assert first.deadline_overrides[0].set_by == "田中"
        set_at = first.deadline_overrides[0].set_at
        second = st.save_case(store, replace(first, notes="別の変更"), who="佐藤")
        assert second.deadline_overrides == first.deadline_overrides
        moved = replace(override, on=date(2026, 7, 1))
        third = st.save_case(store, replace(second, deadline_overrides=(moved,)), who="佐藤")
        assert third.deadline_overrides[0].set_by == "佐藤"
        assert third.deadline_overrides[0].set_at != set_at
        change = st.case_history(store, case.id or 0)[0]
        assert change.field == "override:decision_deadline"
        assert change.old == "2026-06-30 理由: 審査会の日程のため"
        assert change.new == "2026-07-01 理由: 審査会の日程のため"
    finally:
        store.close()


def test_facts_of_and_with_facts_round_trip() -> None:
    case = sample_case()
    facts = st.facts_of(case)
    assert facts == CaseFacts(
        consulted_on=date(2026, 3, 10), received_on=date(2026, 4, 7), fiscal_year_start=(4, 1)
    )
    certified = replace(facts, certified_on=date(2026, 5, 20), consulted_on=None)
    updated = st.with_facts(case, certified)
    assert [m.kind for m in updated.milestones] == [MilestoneKind.RECEIVED, MilestoneKind.CERTIFIED]
    assert st.facts_of(updated) == certified
    moved = st.with_facts(case, replace(facts, consulted_on=date(2026, 3, 11)))
    consulted = moved.milestone(MilestoneKind.CONSULTED)
    assert consulted == Milestone(MilestoneKind.CONSULTED, date(2026, 3, 11), "窓口相談")


def test_main_address_and_lookup_by_number(store: Store) -> None:
    offices = (Office("宮崎県日南市岩崎3丁目"),)
    case = st.create_case(store, sample_case(offices=offices), who="田中", today=TODAY)
    assert case.main_address == "宮崎県日南市岩崎3丁目"
    assert st.case_by_number(store, " R7-001 ") == case
    assert st.case_by_number(store, "R7-999") is None


def test_get_cases_loads_many_whole_cases_in_the_order_asked(store: Store) -> None:
    created = st.create_cases(
        store, [sample_case(name=f"法人{i}", milestones=()) for i in range(3)], who="取込", today=TODAY
    )
    assert created == ["R8-001", "R8-002", "R8-003"]
    ids = [summary.id for summary in st.list_cases(store)]  # newest first: R8-003, R8-002, R8-001
    cases = st.get_cases(store, ids)
    assert [c.name for c in cases] == ["法人2", "法人1", "法人0"]
    assert cases == [st.get_case(store, case_id) for case_id in ids]
    with pytest.raises(CaseNotFound):
        st.get_cases(store, [*ids, 999])


def test_create_cases_is_all_or_nothing(store: Store) -> None:
    st.create_case(store, sample_case(number="R8-005", milestones=()), who="田中", today=TODAY)
    batch = [sample_case(name="新1", milestones=()), sample_case(name="重複", number="R8-005")]
    with pytest.raises(DuplicateCaseNumber):
        st.create_cases(store, batch, who="取込", today=TODAY)
    assert [s.number for s in st.list_cases(store)] == ["R8-005"]
    # numbering continues after explicit numbers inside one batch
    numbers = st.create_cases(
        store,
        [sample_case(milestones=()), sample_case(number="R8-020", milestones=()), sample_case(milestones=())],
        who="取込",
        today=TODAY,
    )
    assert numbers == ["R8-006", "R8-020", "R8-021"]


def test_a_save_racing_another_on_the_server_is_refused(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both read version 1; the other clerk commits between our check and our UPDATE."""
    mine, theirs = st.open_store(pg_url), st.open_store(pg_url)
    try:
        case = st.create_case(mine, sample_case(), who="田中", today=TODAY)
        real_diff = st.history.diff

        def diff_then_race(old: st.Case, new: st.Case):  # type: ignore[no-untyped-def]
            monkeypatch.setattr(st.history, "diff", real_diff)
            st.save_case(theirs, replace(case, notes="佐藤が先に保存"), who="佐藤")
            return real_diff(old, new)

        monkeypatch.setattr(st.history, "diff", diff_then_race)
        with pytest.raises(ConcurrentEditError):
            st.save_case(mine, replace(case, notes="田中の変更"), who="田中")
        stored = st.get_case(mine, case.id or 0)
        assert (stored.notes, stored.version) == ("佐藤が先に保存", 2)
        assert [h.who for h in st.case_history(mine, case.id or 0)] == ["佐藤", "田中"]
    finally:
        mine.close()
        theirs.close()


def test_offices_get_their_municipality_when_stored(store: Store) -> None:
    offices = (
        Office("宮崎県日南市中央通1丁目1番地1"),
        Office("神奈川県横浜市中区港町1丁目1番地", st.OfficeKind.BRANCH),
        Office("どこにもない町1-1", st.OfficeKind.BRANCH),
    )
    case = st.create_case(store, sample_case(offices=offices), who="田中", today=TODAY)
    assert [(o.municipality_code, o.prefecture) for o in case.offices] == [
        ("452041", "宮崎県"),
        ("141046", "神奈川県"),  # the ward, 横浜市中区
        (None, None),
    ]
    moved = (
        replace(case.offices[0], address="宮崎県宮崎市橘通東1丁目", municipality_code=None, prefecture=None),
    )
    saved = st.save_case(store, replace(case, offices=moved), who="田中")
    assert (saved.offices[0].municipality_code, saved.offices[0].prefecture) == ("452017", "宮崎県")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "法人名"),
        (
            {
                "milestones": (
                    Milestone(MilestoneKind.RECEIVED, date(2026, 4, 7)),
                    Milestone(MilestoneKind.RECEIVED, date(2026, 4, 8)),
                )
            },
            "「申請受理」の日付が2つ",
        ),
        ({"deadline_overrides": (DeadlineOverride("decision_deadline", date(2026, 6, 1), " "),)}, "理由"),
        ({"activity_fields": (1, 1)}, "同じ活動分野"),
        ({"member_count": -1}, "社員数"),
        ({"fiscal_year_start": (2, 30)}, "2月30日"),
        ({"law_profile_id": "2017-04-01", "law_profile_reason": ""}, "法令の版"),
    ],
)
def test_a_case_that_cannot_be_stored_is_refused_with_a_reason(
    store: Store, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        st.create_case(store, sample_case(**changes), who="田中", today=TODAY)
    case = st.create_case(store, sample_case(), who="田中", today=TODAY)
    with pytest.raises(InvalidInput, match=message):
        st.save_case(store, replace(case, **changes), who="田中")  # type: ignore[arg-type]
    assert st.get_case(store, case.id or 0) == case


def test_a_new_case_with_a_fact_after_today_is_refused_a_stored_one_is_kept(store: Store) -> None:
    """Issue 8: an import or a new case may not record 認証 (特定非営利活動促進法第12条) on a day still
    to come; a case already stored with such a date (an older import) can still be re-saved."""
    ahead = sample_case(
        milestones=(
            Milestone(MilestoneKind.RECEIVED, date(2026, 1, 7)),
            Milestone(MilestoneKind.CERTIFIED, date(2026, 4, 8)),
        )
    )
    with pytest.raises(InvalidInput, match=r"認証の日付.*今日.*より後"):
        st.create_case(store, ahead, who="田中", today=TODAY)
    assert st.create_cases(store, [], who="田中", today=TODAY) == []
    with pytest.raises(InvalidInput, match="認証の日付"):
        st.create_cases(store, [sample_case(), ahead], who="田中", today=TODAY)
    stored = st.create_case(store, ahead, who="田中", today=date(2026, 4, 8))
    st.save_case(store, replace(stored, notes="再保存"), who="田中")  # no today: not refused
