"""The case list, search, year filter, dashboard and settings (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

import pytest
from sqlalchemy import update

import npo_desk.store as st
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.due import ManualStatus
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.settings import DecisionPeriod, DecisionStart, Delegation, Settings
from npo_desk.store import CaseQuery, DeadlineOverride, Milestone, MilestoneKind, Office, Store
from npo_desk.store.models import SettingRow
from npo_desk.store.settings_store import _CODECS
from tests.store.samples import sample_case

TODAY = date(2026, 4, 7)


def _add(store: Store, name: str, kana: str, address: str, received: date, **changes: object) -> st.Case:
    case = sample_case(
        name=name,
        name_kana=kana,
        offices=(Office(address),),
        milestones=(Milestone(MilestoneKind.RECEIVED, received),),
        **changes,
    )
    return st.create_case(store, case, who="田中", today=TODAY)


@pytest.fixture
def filled(store: Store) -> Store:
    _add(
        store,
        "特定非営利活動法人 油津みなと会",
        "アブラツミナトカイ",
        "宮崎県日南市油津1丁目2番3号",
        date(2025, 5, 1),
    )
    _add(store, "特定非営利活動法人 飫肥の森", "オビノモリ", "宮崎県日南市飫肥5丁目1番", date(2026, 4, 3))
    _add(
        store,
        "ＮＰＯ法人 ｸﾞﾘｰﾝ日南",
        "グリーンニチナン",
        "宮崎県日南市星倉2-1",
        date(2026, 4, 6),
        representative="押川 100%_太郎",
    )
    return store


def _names(store: Store, query: CaseQuery) -> list[str]:
    return [summary.name for summary in st.list_cases(store, query)]


def test_the_list_shows_newest_fiscal_year_and_number_first(filled: Store) -> None:
    summaries = st.list_cases(filled)
    assert [s.number for s in summaries] == ["R8-002", "R8-001", "R7-001"]
    first = summaries[-1]
    assert first.main_address == "宮崎県日南市油津1丁目2番3号"
    assert first.facts.received_on == date(2025, 5, 1) and first.facts.fiscal_year_start == (4, 1)
    assert first.representative == "河野 美智子" and first.clerk == "田中" and first.version == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("油津", ["特定非営利活動法人 油津みなと会"]),
        ("あぶらつ", ["特定非営利活動法人 油津みなと会"]),  # hiragana finds katakana kana
        ("ｵﾋﾞ", ["特定非営利活動法人 飫肥の森"]),  # half-width katakana
        ("ぐりーん", ["ＮＰＯ法人 ｸﾞﾘｰﾝ日南"]),
        ("npo", ["ＮＰＯ法人 ｸﾞﾘｰﾝ日南"]),  # full-width letters, any case
        ("星倉　2-1", ["ＮＰＯ法人 ｸﾞﾘｰﾝ日南"]),  # words separated by a full-width space all match
        ("R8-001", ["特定非営利活動法人 飫肥の森"]),
        ("100%_", ["ＮＰＯ法人 ｸﾞﾘｰﾝ日南"]),  # % and _ are literal, not wildcards
        ("油%会", []),
        ("油津 飫肥", []),
        ("", ["ＮＰＯ法人 ｸﾞﾘｰﾝ日南", "特定非営利活動法人 飫肥の森", "特定非営利活動法人 油津みなと会"]),
    ],
)
def test_search_matches_every_word_ignoring_width_case_and_kana(
    filled: Store, text: str, expected: list[str]
) -> None:
    assert _names(filled, CaseQuery(text=text)) == expected


def test_search_follows_edits(filled: Store) -> None:
    case = st.case_by_number(filled, "R7-001")
    assert case is not None
    st.save_case(filled, replace(case, offices=(Office("宮崎県日南市南郷町中村1番"),)), who="田中")
    assert _names(filled, CaseQuery(text="南郷")) == ["特定非営利活動法人 油津みなと会"]
    assert _names(filled, CaseQuery(text="油津1丁目")) == []


def test_year_filter_limit_and_years(filled: Store) -> None:
    assert _names(filled, CaseQuery(fiscal_year=2025)) == ["特定非営利活動法人 油津みなと会"]
    assert len(st.list_cases(filled, CaseQuery(limit=2))) == 2
    assert st.list_cases(filled, CaseQuery(limit=2))[1].facts.received_on == date(2026, 4, 3)
    assert st.fiscal_years(filled) == [2026, 2025]


def test_the_dashboard_lists_pending_deadlines_of_open_cases_only(store: Store) -> None:
    settings = Settings()
    pending = _add(store, "縦覧中の法人", "", "宮崎県日南市中央通1", date(2026, 4, 1))
    with_override = _add(
        store,
        "期限を手動設定した法人",
        "",
        "宮崎県日南市中央通2",
        date(2026, 3, 2),
        deadline_overrides=(DeadlineOverride("decision_deadline", date(2026, 4, 20), "審査会の日程"),),
    )
    done = _add(store, "取下げた法人", "", "宮崎県日南市中央通3", date(2026, 3, 2))
    st.save_case(
        store,
        replace(done, milestones=(*done.milestones, Milestone(MilestoneKind.WITHDRAWN, date(2026, 3, 5)))),
        who="田中",
    )
    gone = _add(store, "削除した法人", "", "宮崎県日南市中央通4", date(2026, 4, 2))
    st.delete_case(store, gone.id or 0, version=gone.version, who="田中")

    items = st.corporation_pending_deadlines(store, settings, TODAY)

    assert {item.case_number for item in items} == {pending.number, with_override.number}
    assert [item.due.counts for item in items] == sorted(item.due.counts for item in items)
    decision = next(
        i for i in items if i.case_id == with_override.id and i.deadline.key == DeadlineKey.DECISION_DEADLINE
    )
    assert decision.override is not None and decision.override.reason == "審査会の日程"
    # 12条2項: the law's date counts; the clerk's earlier date is a reminder beside it
    assert decision.due.manual is not None and decision.due.manual.on == date(2026, 4, 20)
    assert decision.due.status is ManualStatus.REMINDER
    assert decision.due.counts == decision.deadline.act_by != date(2026, 4, 20)
    inspection = next(
        i for i in items if i.case_id == pending.id and i.deadline.key == DeadlineKey.PUBLIC_INSPECTION_END
    )
    assert inspection.deadline.date == date(2026, 4, 15) and inspection.override is None
    assert inspection.case_name == "縦覧中の法人" and inspection.clerk == "田中"


def test_settings_round_trip_and_changes_are_recorded(store: Store) -> None:
    assert st.load_settings(store) == Settings()
    changed = Settings(
        home_authority="宮崎県",
        delegated_municipalities=frozenset(
            {
                Delegation("452017", date(2005, 4, 1)),
                Delegation("452041", date(2010, 4, 1), date(2020, 3, 31)),
            }
        ),
        decision_period=DecisionPeriod(months=None, days=45),
        decision_start=DecisionStart.AFTER_INSPECTION_NOT_COUNTED,
        extra_closed_days=frozenset({date(2026, 8, 13), date(2026, 8, 14)}),
        registration_notice_overdue_days=30,
        annual_report_months=4,
        annual_report_rolls=False,
        clerks=("田中 恵子", "黒木 翔太"),
        authority_name="宮崎県",
        head_name="日向 一郎",
        document_number_format="宮崎県指令生第{年}-{番号}号",
        letter_contact="生活・協働・男女参画課\n電話 0985-26-7042",
        template_folder="/srv/npo/templates",
    )
    assert {f.name for f in fields(Settings)} == set(_CODECS)  # every setting is stored
    assert all(getattr(changed, f.name) != getattr(Settings(), f.name) for f in fields(Settings))
    st.save_settings(store, changed, who="田中")
    assert st.load_settings(store) == changed
    history = st.settings_history(store)
    assert len(history) == len(fields(Settings))
    clerks = next(h for h in history if h.field == "settings:clerks")
    assert (clerks.label, clerks.who, clerks.old, clerks.new) == (
        "設定: 担当者",
        "田中",
        "[]",
        '["田中 恵子", "黒木 翔太"]',
    )
    st.save_settings(store, changed, who="佐藤")  # unchanged: nothing recorded
    assert len(st.settings_history(store)) == len(fields(Settings))


def test_a_number_pattern_the_letters_cannot_fill_is_refused_and_never_loaded(store: Store) -> None:
    """The 文書番号 pattern is checked on every write path, and a stored one the letters cannot fill
    (a database edited by hand) reads as the default."""
    with pytest.raises(InvalidInput, match="番号"):
        st.save_settings(store, Settings(document_number_format="日南市指令第号"), who="田中")
    st.save_settings(store, Settings(document_number_format="日南市指令第{番号}号"), who="田中")
    with store.write() as session:
        session.execute(
            update(SettingRow).where(SettingRow.key == "document_number_format").values(value="第{課}号")
        )
    assert st.load_settings(store).document_number_format == Settings().document_number_format


def test_an_unreadable_setting_falls_back_to_its_default(store: Store) -> None:
    st.save_settings(store, Settings(registration_notice_overdue_days=30, clerks=("田中",)), who="田中")
    with store.write() as session:
        session.execute(
            update(SettingRow)
            .where(SettingRow.key == "registration_notice_overdue_days")
            .values(value="三十日")
        )
    loaded = st.load_settings(store)
    assert loaded.registration_notice_overdue_days == Settings().registration_notice_overdue_days
    assert loaded.clerks == ("田中",)


def test_delegations_saved_by_an_older_release_stay_readable(store: Store) -> None:
    """地方自治法第252条の17の2 (in force 2000-04-01): a database from before delegations had dates holds a
    list of codes; each reads as a delegation from that day, the earliest the law allows."""
    with store.write() as session:
        session.add(SettingRow(key="delegated_municipalities", value=["452017", "452076"]))
    assert st.load_settings(store).delegated_municipalities == frozenset(
        {Delegation("452017", date(2000, 4, 1)), Delegation("452076", date(2000, 4, 1))}
    )


@pytest.mark.parametrize(
    "delegation",
    [Delegation("452017", date(1999, 4, 1)), Delegation("452017", date(2005, 4, 1), date(2005, 3, 1))],
)
def test_a_delegation_the_law_does_not_allow_is_not_saved(store: Store, delegation: Delegation) -> None:
    """地方自治法第252条の17の2 (平成11年法律第87号, in force 2000-04-01): the store's write path refuses a
    start before that day or an end before the start, whichever window or script sends it."""
    with pytest.raises(InvalidInput):
        st.save_settings(store, Settings(delegated_municipalities=frozenset({delegation})), who="田中")
    assert st.load_settings(store) == Settings() and st.settings_history(store) == []


def test_list_dates_do_not_depend_on_the_servers_date_style(pg_url: str) -> None:
    store = st.open_store(pg_url)
    try:
        with store.write() as session:
            database = session.connection().exec_driver_sql("SELECT current_database()").scalar()
            style = "SET DateStyle = 'SQL, DMY'"
            session.connection().exec_driver_sql(f'ALTER DATABASE "{database}" {style}')
        store.close()
        store = st.open_store(pg_url)
        _add(store, "日付の法人", "", "宮崎県日南市中央通1", date(2026, 4, 3))
        assert st.list_cases(store)[0].facts.received_on == date(2026, 4, 3)
    finally:
        store.close()


def test_one_cases_pending_deadlines_are_its_lines_of_the_dashboard(store: Store) -> None:
    """After a save the GUI updates one case's rows: they must be the rows a full reload gives,
    in the same order, which a manual date for a statutory deadline does not change (特定非営利活動促進法
    第12条第2項: the decision is due by the law's date; the clerk's earlier date is only a reminder)."""
    settings = Settings()
    tied = _add(
        store,
        "期限が重なる法人",
        "",
        "宮崎県日南市中央通5",
        date(2026, 4, 1),
        deadline_overrides=(DeadlineOverride("decision_deadline", date(2026, 4, 15), "審査会の日程"),),
    )
    other = _add(store, "縦覧中の法人", "", "宮崎県日南市中央通6", date(2026, 4, 2))

    everything = st.corporation_pending_deadlines(store, settings, TODAY)
    for case in (tied, other):
        stored = st.get_case(store, case.id or 0)
        assert st.case_pending_deadlines(stored, settings, TODAY) == [
            replace(item, stage="")  # the stage is the corporation's reading's, not one case's
            for item in everything
            if item.case_id == case.id
        ]
    lines = st.case_pending_deadlines(st.get_case(store, tied.id or 0), settings, TODAY)
    assert [i.deadline.key for i in lines if i.due.counts == date(2026, 4, 15)] == [
        DeadlineKey.PUBLIC_INSPECTION_END
    ]
    assert lines[-1].deadline.key == DeadlineKey.DECISION_DEADLINE
    assert lines[-1].due.counts == lines[-1].deadline.date > date(2026, 4, 15)
