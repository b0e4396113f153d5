"""事業報告書等 through import and export: imported NPOs are tracked from the report now due, filings
survive a ledger round trip, a bad filing is a bad row."""

from __future__ import annotations

from datetime import date

import pytest

from npo_desk import store
from npo_desk.domain.deadlines import DeadlineKey, compute_deadlines
from npo_desk.reports.exporting import export_cases
from npo_desk.reports.importer import ImportRejected, import_file
from npo_desk.reports.layouts import CABINET_OFFICE_HEADER, FILINGS_COLUMN, LEDGER_HEADER, TRACKED_FROM_COLUMN
from npo_desk.reports.options import ExportLayout, ExportOptions
from npo_desk.store import AnnualReportFiling, facts_of

from .conftest import TODAY  # 2026-11-28: the current fiscal year (4月1日 start) began 2026-04-01

COLUMNS = (*LEDGER_HEADER, TRACKED_FROM_COLUMN, FILINGS_COLUMN)


def _write(tmp_path, header: tuple[str, ...], *rows: dict[str, str]):
    path = tmp_path / "in.csv"
    lines = [",".join(header), *(",".join(f'"{row.get(h, "")}"' for h in header) for row in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _cases(st) -> dict[str, store.Case]:
    return {c.name: c for c in store.get_cases(st, [s.id for s in store.list_cases(st)])}


ESTABLISHED = {
    "申請受理日": "2009/04/01",
    "認証日": "2009/07/01",
    "登記日": "2009/07/10",
    "事業年度開始日": "04/01",
}


def test_national_file_npos_are_tracked_from_the_first_report_not_yet_due(empty_store, tmp_path):
    values = dict.fromkeys(CABINET_OFFICE_HEADER, "")
    values.update(
        法人名称="日南子育てネット",
        所轄庁="宮崎県",
        権限移譲先市町村="日南市",
        主たる事務所の所在地="宮崎県日南市中央通1丁目1-1",
        法人設立認証年月日="2015/05/30",
        設立年月日="2015/06/10",
        事業年度開始日="04/01",
    )
    import_file(empty_store, _write(tmp_path, CABINET_OFFICE_HEADER, values), who="テスト", today=TODAY)
    case = _cases(empty_store)["日南子育てネット"]
    # imported on 2026-11-28: the 令和7年度 report was due 2026-06-30 and may sit on paper; the
    # 令和8年度 one is the first the database can follow, so nothing is overdue on import day
    assert case.annual_reports_tracked_from == date(2026, 4, 1)
    due = compute_deadlines(facts_of(case), store.load_settings(empty_store))[DeadlineKey.ANNUAL_REPORT_DUE]
    assert (due.label, due.date) == ("事業報告書等の提出期限 (令和8年度分)", date(2027, 6, 30))


def test_ledger_rows_without_filings_are_tracked_from_the_first_report_not_yet_due(empty_store, tmp_path):
    rows = (
        {"法人名称": "記録なしの会", **ESTABLISHED},
        {"法人名称": "暦年の会", **ESTABLISHED, "事業年度開始日": "01/01"},
        {"法人名称": "受理記録のある会", **ESTABLISHED, FILINGS_COLUMN: "2024/04/01=2025/06/20"},
        {"法人名称": "起点を指定した会", **ESTABLISHED, TRACKED_FROM_COLUMN: "2020/04/01"},
        {"法人名称": "申請中の会", "申請受理日": "2026/11/01", "事業年度開始日": "04/01"},
    )
    import_file(empty_store, _write(tmp_path, COLUMNS, *rows), who="テスト", today=TODAY)
    cases = _cases(empty_store)
    assert cases["記録なしの会"].annual_reports_tracked_from == date(2026, 4, 1)
    assert cases["暦年の会"].annual_reports_tracked_from == date(2026, 1, 1)
    assert cases["受理記録のある会"].annual_reports_tracked_from is None
    assert cases["受理記録のある会"].annual_reports == (
        AnnualReportFiling(date(2024, 4, 1), date(2025, 6, 20)),
    )
    assert cases["起点を指定した会"].annual_reports_tracked_from == date(2020, 4, 1)
    assert cases["申請中の会"].annual_reports_tracked_from is None


def test_ledger_without_the_annual_report_columns_is_read_without_warnings(empty_store, tmp_path):
    path = _write(tmp_path, LEDGER_HEADER, {"法人名称": "古い台帳の会", **ESTABLISHED})
    plan = import_file(empty_store, path, who="テスト", today=TODAY)
    assert not plan.warnings
    assert _cases(empty_store)["古い台帳の会"].annual_reports_tracked_from == date(2026, 4, 1)


@pytest.mark.parametrize("bad", ["2024/04/01", "2024/04/01=令和7年2月30日"])
def test_an_unreadable_filing_is_a_bad_row(empty_store, tmp_path, bad):
    path = _write(tmp_path, COLUMNS, {"法人名称": "誤記の会", **ESTABLISHED, FILINGS_COLUMN: bad})
    with pytest.raises(ImportRejected) as raised:
        import_file(empty_store, path, who="テスト", today=TODAY)
    [error] = raised.value.plan.errors
    assert (error.row, error.column, error.value) == (2, FILINGS_COLUMN, bad)
    assert store.list_cases(empty_store) == []


def test_ledger_export_carries_filings_and_tracked_from(sample_store, empty_store, tmp_path):
    path = tmp_path / "ledger.csv"
    export_cases(sample_store, path, ExportOptions(ExportLayout.LEDGER), TODAY)
    import_file(empty_store, path, who="テスト", today=TODAY)
    before, after = _cases(sample_store), _cases(empty_store)
    for name in ("日南子育てネット", "飫肥杉の森を守る会"):
        assert after[name].annual_reports == before[name].annual_reports
        assert after[name].annual_reports_tracked_from == before[name].annual_reports_tracked_from
