"""A corporation's 目的 (11条1項1号), 特定非営利活動の種類 (3号) and 事業年度 (10号) after 設立: a 定款変更
of them takes effect on its 認証 (特定非営利活動促進法25条3項) or, for one only notified, once the 届出
is received (25条6項); until then the corporation's are its 設立 application's. The 内閣府 file and
the 公表 list read them in force. docs/legal-reference.md §13.2, §13.4."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import npo_desk.store as st
from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.reports.exporting import export_cases
from npo_desk.reports.options import ExportLayout, ExportOptions
from npo_desk.reports.publication import collect
from npo_desk.store import CaseKind, Milestone, MilestoneKind, Store
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)
K = MilestoneKind
REGISTERED = (
    Milestone(K.RECEIVED, date(2024, 4, 1)),
    Milestone(K.CERTIFIED, date(2024, 6, 3)),
    Milestone(K.CERTIFICATE_DELIVERED, date(2024, 6, 5)),
    Milestone(K.REGISTERED, date(2024, 6, 12)),
)
NEW_PURPOSE = "日南市の高齢者と子どもの交流を通じて地域の福祉の増進を図る活動"


def _founded(store: Store) -> st.Case:
    return st.create_case(store, sample_case(milestones=REGISTERED), who="田中", today=TODAY)


def _amendment(
    store: Store, corporation_id: int, kind: CaseKind, *milestones: Milestone, **changed: Any
) -> st.Case:
    started = st.start_procedure(store, corporation_id, kind, who="田中", today=TODAY)
    return st.save_case(store, replace(started, milestones=milestones, **changed), who="黒木")


def _cabinet_row(store: Store, tmp_path: Path, name: str) -> dict[str, str]:
    path = tmp_path / "cabinet.csv"
    export_cases(store, path, ExportOptions(ExportLayout.CABINET_OFFICE, encoding="utf-8-sig"), TODAY)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return next(row for row in rows if row["法人名称"] == name)


def test_a_certified_change_of_purpose_is_the_corporations_only_once_certified(
    store: Store, tmp_path: Path
) -> None:
    """25条3項: a change of 目的 (11条1項1号) needs 認証 and takes no effect before it; the 公表 list
    of the pending application shows the purpose in force (10条2項 as applied by 25条5項)."""
    founded = _founded(store)
    corporation = founded.corporation_id or 0
    received = Milestone(K.RECEIVED, date(2026, 10, 1))
    pending = _amendment(
        store,
        corporation,
        CaseKind.ARTICLES_AMENDMENT,
        received,
        articles_topics=(ArticlesTopic.PURPOSE,),
        purpose=NEW_PURPOSE,
    )
    assert st.current_articles(store, corporation).purpose == founded.purpose
    assert _cabinet_row(store, tmp_path, founded.name)["定款に記載された目的"] == founded.purpose
    listed = collect(store, st.load_settings(store), TODAY)
    assert [entry.purpose for entry in listed.entries if entry.of_corporation] == [founded.purpose]

    certified = (received, Milestone(K.CERTIFIED, date(2026, 12, 1)))
    st.save_case(store, replace(pending, milestones=certified), who="黒木")
    articles = st.current_articles(store, corporation)
    assert articles.purpose == NEW_PURPOSE and articles.purpose_case is not None
    assert articles.purpose_case.id == pending.id
    assert articles.fiscal_year_start == founded.fiscal_year_start  # not changed: still the 設立 case's
    assert articles.activity_fields == founded.activity_fields
    assert _cabinet_row(store, tmp_path, founded.name)["定款に記載された目的"] == NEW_PURPOSE


def test_a_notified_change_of_fiscal_year_is_the_corporations_once_received(
    store: Store, tmp_path: Path
) -> None:
    """25条6項: a change of 事業年度 (11条1項10号) needs no 認証; it is notified, in force once received."""
    founded = _founded(store)
    corporation = founded.corporation_id or 0
    assert founded.fiscal_year_start == (4, 1)
    notice = _amendment(
        store,
        corporation,
        CaseKind.ARTICLES_AMENDMENT_NOTICE,
        articles_topics=(ArticlesTopic.FISCAL_YEAR,),
        fiscal_year_start=(1, 1),
    )
    # a received notice about something else, holding a fiscal year, changes nothing either
    _amendment(
        store,
        corporation,
        CaseKind.ARTICLES_AMENDMENT_NOTICE,
        Milestone(K.RECEIVED, date(2026, 10, 1)),
        articles_topics=(ArticlesTopic.ASSETS,),
        fiscal_year_start=(7, 1),
    )
    assert st.current_articles(store, corporation).fiscal_year_start == (4, 1)
    row = _cabinet_row(store, tmp_path, founded.name)
    assert (row["事業年度開始日"], row["事業年度終了日"]) == ("04/01", "03/31")

    st.save_case(store, replace(notice, milestones=(Milestone(K.RECEIVED, date(2026, 11, 20)),)), who="黒木")
    assert st.current_articles(store, corporation).fiscal_year_start == (1, 1)
    row = _cabinet_row(store, tmp_path, founded.name)
    assert (row["事業年度開始日"], row["事業年度終了日"]) == ("01/01", "12/31")
    assert row["定款に記載された目的"] == founded.purpose


def test_a_certified_change_of_activities_is_exported_in_force(store: Store, tmp_path: Path) -> None:
    """25条3項: a change of 特定非営利活動の種類 (11条1項3号) needs 認証; the file's 活動分野 columns
    then hold the new fields."""
    founded = _founded(store)
    corporation = founded.corporation_id or 0
    received = Milestone(K.RECEIVED, date(2026, 10, 1))
    changed = _amendment(
        store,
        corporation,
        CaseKind.ARTICLES_AMENDMENT,
        received,
        Milestone(K.CERTIFIED, date(2026, 11, 30)),
        articles_topics=(ArticlesTopic.ACTIVITIES,),
        activity_fields=(2,),
    )
    assert st.current_articles(store, corporation).activities_case == st.get_case(store, changed.id or 0)
    row = _cabinet_row(store, tmp_path, founded.name)
    filled = {column for column, value in row.items() if column.startswith("活動分野") and value}
    assert filled == {"活動分野２"}


def test_the_cabinet_office_file_has_the_offices_in_force(store: Store, tmp_path: Path) -> None:
    """25条6項: a change of office within the same 所轄庁 is notified and counts once received; the
    内閣府 file's 主たる事務所 is the corporation's now (its 設立 application's until then)."""
    founded = _founded(store)
    corporation = founded.corporation_id or 0
    moved = (st.Office("宮崎県日南市飫肥8丁目1番地1", st.OfficeKind.MAIN),)
    notice = _amendment(
        store,
        corporation,
        CaseKind.ARTICLES_AMENDMENT_NOTICE,
        articles_topics=(ArticlesTopic.OFFICE,),
        offices=moved,
    )
    assert _cabinet_row(store, tmp_path, founded.name)["主たる事務所の所在地"] == founded.main_address
    st.save_case(store, replace(notice, milestones=(Milestone(K.RECEIVED, date(2026, 11, 20)),)), who="黒木")
    assert _cabinet_row(store, tmp_path, founded.name)["主たる事務所の所在地"] == moved[0].address


def test_a_received_notice_of_fiscal_year_moves_the_next_annual_report_deadline(store: Store) -> None:
    """25条6項 and 29条: a 定款変更届 of 事業年度 (4月1日 → 1月1日) received on 2026-11-20 ends the year
    in progress on 2026-12-31, so its 事業報告書等 falls due 3 months from 2027-01-01, not 2027-04-01
    (docs/legal-reference.md §4.7)."""
    filed = tuple(st.AnnualReportFiling(date(year, 4, 1), date(year + 1, 6, 1)) for year in (2024, 2025))
    founded = st.create_case(
        store, sample_case(milestones=REGISTERED, annual_reports=filed), who="田中", today=TODAY
    )
    corporation = founded.corporation_id or 0
    settings = st.load_settings(store)

    def next_report() -> list[date]:
        found = st.corporation_pending_deadlines(store, settings, TODAY, corporation_ids=[corporation])
        return [line.deadline.date for line in found if line.deadline.key.value == "annual_report_due"]

    assert next_report() == [date(2027, 6, 30)]  # FY2026 from 2026-04-01, due 3 months into FY2027
    notice = _amendment(
        store,
        corporation,
        CaseKind.ARTICLES_AMENDMENT_NOTICE,
        articles_topics=(ArticlesTopic.FISCAL_YEAR,),
        fiscal_year_start=(1, 1),
    )
    assert next_report() == [date(2027, 6, 30)]  # not yet received: not in effect
    st.save_case(store, replace(notice, milestones=(Milestone(K.RECEIVED, date(2026, 11, 20)),)), who="黒木")
    assert next_report() == [date(2027, 3, 31)]
    agenda = st.corporation_agenda(store, settings, TODAY)
    reports = [line for line in agenda.deadlines if line.deadline.key.value == "annual_report_due"]
    assert [line.deadline.date for line in reports] == [date(2027, 3, 31)]
    # The 設立 case read alone (its editor, its letters, the 案件票) counts the same fiscal years.
    application = st.get_case(store, founded.id or 0)
    assert application.fiscal_year_changes == ((date(2026, 11, 20), (1, 1)),)
    alone = st.case_pending_deadlines(application, settings, TODAY)
    assert [d.deadline.date for d in alone if d.deadline.key.value == "annual_report_due"] == [
        date(2027, 3, 31)
    ]
    assert st.get_cases(store, [founded.id or 0])[0].fiscal_year_changes == application.fiscal_year_changes
