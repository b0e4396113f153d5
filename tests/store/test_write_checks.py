"""The store refuses what the importer refuses, and an export meeting bad stored data names the case
(SQLite and PostgreSQL).

Every write path (window, importer, demo, benchmarks) goes through ``create_case(s)``/``save_case``,
so a case the importer would refuse can never be stored and exported into a file that cannot be read
back. A database written by an older version or by hand may still hold such a case: the export then
names it and its field instead of failing anonymously.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as strats
from openpyxl.worksheet import _writer as openpyxl_writer
from sqlalchemy import update
from sqlmodel import col

import npo_desk.store as st
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.profiles import profile_for
from npo_desk.reports.exporting import export_cases
from npo_desk.reports.importer import import_file
from npo_desk.reports.layouts import UnexportableCase
from npo_desk.reports.options import ExportLayout, ExportOptions
from npo_desk.store import Milestone, MilestoneKind, Office, OfficeKind, Store
from npo_desk.store.models import CaseRow
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)
K = MilestoneKind
D_0409 = date(2026, 4, 9)

ESTABLISHED_2005 = (
    Milestone(K.RECEIVED, date(2005, 4, 1)),
    Milestone(K.CERTIFIED, date(2005, 7, 1)),
    Milestone(K.CERTIFICATE_DELIVERED, date(2005, 7, 4)),
    Milestone(K.REGISTERED, date(2005, 7, 11)),
    Milestone(K.REGISTRATION_NOTICE, date(2005, 7, 20)),
)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # 平成14年法律第173号の別表 (2003-05-01..2012-03-31) has 17 fields: no 第19号
        ({"milestones": ESTABLISHED_2005, "activity_fields": (1, 19)}, "第19号"),
        # 平成10年法律第7号の別表 has 12 fields
        ({"milestones": (Milestone(K.RECEIVED, date(1999, 4, 1)),), "activity_fields": (13,)}, "第13号"),
        # 特定非営利活動促進法 came into force on 1998-12-01 (附則第1項)
        ({"milestones": (Milestone(K.RECEIVED, date(1998, 11, 30)),)}, "施行日"),
        ({"law_profile_id": "1999-01-01", "law_profile_reason": "手入力"}, "法令の版「1999-01-01」"),
        # 認証 before 縦覧 ended (10条2項, 12条1項) and 登記 before 認証 (13条1項)
        (
            {"milestones": (Milestone(K.RECEIVED, date(2026, 4, 7)), Milestone(K.CERTIFIED, D_0409))},
            "縦覧期間",
        ),
        (
            {
                "milestones": (
                    Milestone(K.RECEIVED, date(2026, 4, 7)),
                    Milestone(K.CERTIFIED, date(2026, 6, 1)),
                    Milestone(K.REGISTERED, date(2026, 5, 1)),
                )
            },
            "設立の登記の日",
        ),
        (
            {
                "milestones": (
                    Milestone(K.RECEIVED, date(2026, 4, 7)),
                    Milestone(K.CERTIFIED, date(2026, 6, 1)),
                    Milestone(K.REFUSED, date(2026, 6, 1)),
                )
            },
            "認証と不認証の両方",
        ),
        (
            {"offices": (Office("", OfficeKind.MAIN), Office("宮崎県日南市油津3丁目", OfficeKind.BRANCH))},
            "主たる事務所の所在地が空",
        ),
    ],
)
def test_the_store_refuses_what_the_importer_refuses(
    store: Store, changes: dict[str, object], message: str
) -> None:
    """Activity fields by the 別表 of the case's version (特定非営利活動促進法第2条第1項), dates in the
    lifecycle's order: refused by create_case, create_cases and save_case alike, nothing written."""
    bad = sample_case(**changes)
    with pytest.raises(InvalidInput, match=message):
        st.create_case(store, bad, who="田中", today=TODAY)
    with pytest.raises(InvalidInput, match=message):
        st.create_cases(store, [sample_case(name="先の案件"), bad], who="田中", today=TODAY)
    assert st.list_cases(store) == []
    good = st.create_case(store, sample_case(), who="田中", today=TODAY)
    with pytest.raises(InvalidInput, match=message):
        st.save_case(store, replace(good, **changes), who="田中")  # type: ignore[arg-type]
    assert st.get_case(store, good.id or 0) == good


_fields = strats.lists(strats.integers(1, 21), max_size=4, unique=True).map(tuple)
_received = strats.dates(date(1998, 12, 1), date(2026, 11, 30))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=_fields, received=_received)
def test_what_the_store_accepts_the_ledger_export_reads_back(
    tmp_path_factory: pytest.TempPathFactory, fields: tuple[int, ...], received: date
) -> None:
    """Accepted iff the receipt date's 別表 has every field; then export → import gives it back."""
    work = tmp_path_factory.mktemp("round")
    source = st.open_store(str(work / "a.db"))
    case = sample_case(activity_fields=fields, milestones=(Milestone(K.RECEIVED, received),))
    known = {f.number for f in profile_for(received).activity_fields}
    try:
        if not set(fields) <= known:
            with pytest.raises(InvalidInput, match="活動分野"):
                st.create_case(source, case, who="田中", today=TODAY)
            return
        st.create_case(source, case, who="田中", today=TODAY)
        out = work / "ledger.csv"
        export_cases(source, out, ExportOptions(ExportLayout.LEDGER, encoding="utf-8-sig"), TODAY)
    finally:
        source.close()
    target = st.open_store(str(work / "b.db"))
    try:
        import_file(target, out, who="田中", today=TODAY)
        (back,) = st.get_cases(target, [s.id for s in st.list_cases(target)])
    finally:
        target.close()
    assert back.activity_fields == tuple(sorted(fields))
    assert back.date_of(K.RECEIVED) == received


def _store_by_hand(store: Store, case_id: int, **values: object) -> None:
    """What an older version or a hand edit may have left in the database, past the store's checks."""
    with store.write() as session:
        session.execute(update(CaseRow).where(col(CaseRow.id) == case_id).values(**values))


@pytest.mark.parametrize("layout", [ExportLayout.CABINET_OFFICE, ExportLayout.LEDGER])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_meeting_bad_stored_data_names_the_case_and_the_field(
    store: Store, tmp_path: Path, layout: ExportLayout, suffix: str
) -> None:
    st.create_case(store, sample_case(name="よい法人", milestones=ESTABLISHED_2005), who="田中", today=TODAY)
    bad = st.create_case(
        store, sample_case(name="古い法人", milestones=ESTABLISHED_2005), who="田中", today=TODAY
    )
    _store_by_hand(store, bad.id or 0, activity_fields=[1, 19])
    out = tmp_path / f"out{suffix}"
    with pytest.raises(UnexportableCase) as raised:
        export_cases(store, out, ExportOptions(layout), TODAY)
    message = str(raised.value)
    assert bad.number in message and "古い法人" in message and "活動分野" in message and "第19号" in message
    assert "\n" not in message
    # found halfway through the stream (after よい法人's row): nothing is left, not even a part file or
    # a workbook's temporary sheet holding the rows already written
    assert not out.exists() and not out.with_name(out.name + ".part").exists()
    assert openpyxl_writer.ALL_TEMP_FILES == []


def test_an_export_names_a_case_with_an_impossible_fiscal_year_start(store: Store, tmp_path: Path) -> None:
    bad = st.create_case(store, sample_case(milestones=ESTABLISHED_2005), who="田中", today=TODAY)
    _store_by_hand(store, bad.id or 0, fiscal_year_start_month=2, fiscal_year_start_day=30)
    with pytest.raises(UnexportableCase, match=f"{bad.number}.*事業年度開始日"):
        export_cases(store, tmp_path / "out.csv", ExportOptions(ExportLayout.CABINET_OFFICE), TODAY)
