"""Import: layouts by header, every bad row reported, all or nothing, duplicates, round trip."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from npo_desk import store
from npo_desk.domain.deadlines import compute_deadlines
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.lifecycle import Stage, stage_of
from npo_desk.reports.exporting import export_cases
from npo_desk.reports.importer import ImportRejected, Layout, apply_import, import_file, read_plan
from npo_desk.reports.layouts import CABINET_OFFICE_HEADER, LEDGER_HEADER
from npo_desk.reports.options import ExportLayout, ExportOptions
from npo_desk.store import MilestoneKind, facts_of

from .conftest import TODAY

HEADER = ",".join(LEDGER_HEADER)


def _ledger(tmp_path, *rows: str, encoding="cp932", name="ledger.csv", header=HEADER):
    path = tmp_path / name
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode(encoding))
    return path


def _row(**values: str) -> str:
    return ",".join(f'"{values.get(h, "")}"' for h in LEDGER_HEADER)


def _import(st, path):
    return import_file(st, path, who="テスト", today=TODAY)


@pytest.mark.parametrize("encoding", ["cp932", "utf-8", "utf-8-sig"])
def test_ledger_in_every_encoding_with_every_date_spelling(empty_store, tmp_path, encoding):
    path = _ledger(
        tmp_path,
        _row(
            法人名称="ひなた子ども食堂",
            申請受理日="2025-04-07",
            認証日="2025/5/30",
            活動分野="1, 13",
            事業年度開始日="4/1",
            従たる事務所の所在地="宮崎県日南市油津1-1、宮崎県日南市星倉2-2",
            主たる事務所の所在地="宮崎県日南市中央通1丁目1-1",
        ),
        _row(法人名称="油津の会", 相談日="令和7年4月7日", 申請受理日="R7.5.1"),
        encoding=encoding,
    )
    plan = _import(empty_store, path)
    assert plan.layout is Layout.LEDGER and not plan.warnings
    cases = [store.get_case(empty_store, s.id) for s in store.list_cases(empty_store)]
    by_name = {c.name: c for c in cases}
    first = by_name["ひなた子ども食堂"]
    assert first.milestone(MilestoneKind.RECEIVED).on == date(2025, 4, 7)
    assert first.milestone(MilestoneKind.CERTIFIED).on == date(2025, 5, 30)
    assert first.activity_fields == (1, 13) and first.fiscal_year_start == (4, 1)
    assert [o.address for o in first.offices] == [
        "宮崎県日南市中央通1丁目1-1",
        "宮崎県日南市油津1-1",
        "宮崎県日南市星倉2-2",
    ]
    assert by_name["油津の会"].milestone(MilestoneKind.CONSULTED).on == date(2025, 4, 7)
    assert by_name["油津の会"].milestone(MilestoneKind.RECEIVED).on == date(2025, 5, 1)


def test_every_bad_row_is_reported_and_nothing_is_imported(empty_store, tmp_path):
    path = _ledger(
        tmp_path,
        _row(法人名称="よい会", 申請受理日="2025-04-07"),
        _row(法人名称="", 申請受理日="2025-04-31"),
        _row(法人名称="分野の会", 活動分野="1,21", 事業年度開始日="13/1"),
        _row(法人名称="早すぎる認証の会", 申請受理日="2025-04-07", 認証日="2025-04-10"),
        _row(法人名称="支所だけの会", 従たる事務所の所在地="宮崎県日南市油津1-1"),
    )
    with pytest.raises(ImportRejected) as err:
        _import(empty_store, path)
    errors = [(e.row, e.column) for e in err.value.plan.errors]
    assert errors == [
        (3, "法人名称"),
        (3, "申請受理日"),
        (4, "事業年度開始日"),
        (4, "活動分野"),
        (5, "認証日"),
        (6, "主たる事務所の所在地"),
    ]
    message = str(err.value)
    assert message.startswith("取り込むファイルに誤りが 6 件あるため、何も取り込みませんでした。")
    assert "3行目「申請受理日」「2025-04-31」" in message
    assert "縦覧期間" in message  # the domain's own reason for 5行目
    assert store.list_cases(empty_store) == []


def test_duplicates_are_reported_not_added(sample_store, tmp_path):
    path = _ledger(
        tmp_path,
        _row(法人名称="ひなた子ども食堂", 申請受理日="2026/11/20"),
        _row(法人名称="新しい会", 申請受理日="2026/11/21"),
    )
    before = len(store.list_cases(sample_store))
    plan = _import(sample_store, path)
    assert [c.name for c in plan.cases] == ["新しい会"]
    assert plan.duplicates == ["2行目 ひなた子ども食堂: 同じ法人名称・申請受理日の案件が既にあります"]
    assert len(store.list_cases(sample_store)) == before + 1


def test_the_same_case_twice_in_one_file_is_an_error(empty_store, tmp_path):
    path = _ledger(
        tmp_path, _row(法人名称="会", 申請受理日="2026/11/20"), _row(法人名称="会", 申請受理日="R8.11.20")
    )
    with pytest.raises(ImportRejected, match="2行目にもあります"):
        _import(empty_store, path)


def test_unknown_columns_are_ignored_with_a_warning(empty_store, tmp_path):
    path = _ledger(tmp_path, _row(法人名称="会") + ',"電話"', header=HEADER + ",電話番号")
    plan = _import(empty_store, path)
    assert plan.warnings == ["次の列は npo-desk が扱わないため読み飛ばしました: 電話番号"]
    assert len(store.list_cases(empty_store)) == 1


def test_an_unrecognised_header_is_refused(empty_store, tmp_path):
    path = _ledger(tmp_path, "a,b", header="名前,日付")
    with pytest.raises(Exception, match="見出し行から形式を判別できませんでした"):
        _import(empty_store, path)


def _deadlines(st):
    settings = store.load_settings(st)
    out = {}
    for summary in store.list_cases(st):
        case = store.get_case(st, summary.id)
        facts = facts_of(case)
        out[(case.name, facts.received_on)] = (
            case.name_kana,
            case.representative,
            tuple(o.address for o in case.offices),
            case.activity_fields,
            case.fiscal_year_start,
            case.notes,
            tuple((m.kind, m.on) for m in case.milestones),
            stage_of(facts, settings, TODAY),
            compute_deadlines(facts, settings),
        )
    return out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_ledger_export_import_gives_the_same_cases_and_deadlines(
    sample_store, empty_store, tmp_path, suffix
):
    path = tmp_path / f"ledger{suffix}"
    export_cases(sample_store, path, ExportOptions(ExportLayout.LEDGER), TODAY)
    plan = _import(empty_store, path)
    assert not plan.errors and not plan.warnings
    assert _deadlines(empty_store) == _deadlines(sample_store)


def test_national_file_imports_only_our_established_npos(empty_store, tmp_path):
    def row(fields=(), **values):
        # (keyword names are NFKC-normalised by Python, so the full-width 活動分野１ go in a dict)
        values.update(
            {
                f"活動分野{chr(0xFF10 + n)}" if n < 10 else f"活動分野１{chr(0xFF10 + n - 10)}": "○"
                for n in fields
            }
        )
        return [values.get(h, "") for h in CABINET_OFFICE_HEADER]

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(CABINET_OFFICE_HEADER))
    ws.append(
        row(
            法人名称="日南子育てネット",
            所轄庁="宮崎県",
            権限移譲先市町村="日南市",
            主たる事務所の所在地="宮崎県日南市中央通1丁目1-1",
            法人設立認証年月日="2015/05/30",
            設立年月日="2015/06/10",
            事業年度開始日="04/01",
            fields=(1, 13),
        )
    )
    ws.append(
        row(
            法人名称="宮崎市の会", 所轄庁="宮崎県", 権限移譲先市町村="宮崎市", 法人設立認証年月日="2015/05/30"
        )
    )
    ws.append(
        row(法人名称="解散した会", 所轄庁="宮崎県", 権限移譲先市町村="日南市", 解散情報="解散済み")
    )
    path = tmp_path / "gyousei.xlsx"
    wb.save(path)
    plan = _import(empty_store, path)
    assert plan.layout is Layout.CABINET_OFFICE
    assert [c.name for c in plan.cases] == ["日南子育てネット"]
    assert plan.warnings == [
        "所轄庁が当庁（宮崎県（日南市））でない法人 1 件は取り込みませんでした。",
        "解散情報に解散の日が読めない法人 1 件は取り込みませんでした。",
    ]
    case = store.get_case(empty_store, store.list_cases(empty_store)[0].id)
    assert case.activity_fields == (1, 13) and case.fiscal_year_start == (4, 1)
    assert case.milestone(MilestoneKind.REGISTERED).on == date(2015, 6, 10)
    notice = case.milestone(MilestoneKind.REGISTRATION_NOTICE)
    assert notice.on == date(2015, 6, 10) and "受理日は不明" in notice.note
    assert stage_of(facts_of(case), store.load_settings(empty_store), TODAY) is Stage.ESTABLISHED


def test_addresses_the_municipality_list_cannot_place_are_imported_with_a_warning(empty_store, tmp_path):
    path = _ledger(
        tmp_path,
        _row(法人名称="所在地不明の会", 主たる事務所の所在地="宮崎県架空市1-1"),
        _row(法人名称="日南の会", 主たる事務所の所在地="宮崎県日南市中央通1丁目1-1"),
    )
    plan = _import(empty_store, path)
    assert len(plan.cases) == 2 and len(plan.warnings) == 1
    assert plan.warnings[0].startswith("所在地を市区町村の一覧で確認できない事務所が 1 件あります。")
    assert "2行目「主たる事務所の所在地」「宮崎県架空市1-1」" in plan.warnings[0]


def test_a_prefecture_desk_skips_npos_of_delegated_municipalities(empty_store, tmp_path):
    from dataclasses import replace

    store.save_settings(
        empty_store, replace(store.load_settings(empty_store), home_authority="宮崎県"), who="テスト"
    )
    header = ",".join(CABINET_OFFICE_HEADER)
    rows = []
    for name, delegated in (("県の会", ""), ("日南市の会", "日南市")):
        values = dict.fromkeys(CABINET_OFFICE_HEADER, "")
        values.update(
            法人名称=name, 所轄庁="宮崎県", 権限移譲先市町村=delegated, 法人設立認証年月日="2015/05/30"
        )
        rows.append(",".join(values[h] for h in CABINET_OFFICE_HEADER))
    path = _ledger(tmp_path, *rows, header=header)
    plan = _import(empty_store, path)
    assert [c.name for c in plan.cases] == ["県の会"]
    assert plan.warnings == ["所轄庁が当庁（宮崎県）でない法人 1 件は取り込みませんでした。"]


def test_national_layout_round_trip_keeps_the_established_npos(sample_store, empty_store, tmp_path):
    path = tmp_path / "cabinet.csv"
    export_cases(sample_store, path, ExportOptions(ExportLayout.CABINET_OFFICE), TODAY)
    plan = _import(empty_store, path)
    assert plan.layout is Layout.CABINET_OFFICE and not plan.warnings

    def npos(st):
        out = {}
        for summary in store.list_cases(st):
            case = store.get_case(st, summary.id)
            if case.milestone(MilestoneKind.REGISTERED):
                out[case.name] = (
                    case.milestone(MilestoneKind.CERTIFIED).on,
                    case.milestone(MilestoneKind.REGISTERED).on,
                    case.fiscal_year_start,
                    case.main_address,
                )
        return out

    assert npos(empty_store) == npos(sample_store)
    imported = store.get_case(empty_store, store.list_cases(empty_store, store.CaseQuery(text="杉"))[0].id)
    assert imported.activity_fields == (6, 7)  # the 2009 case's old fields 4, 5 under today's numbering


def test_a_fact_dated_after_today_is_refused_and_nothing_is_imported(empty_store, tmp_path):
    """Issue 8: 認証 (特定非営利活動促進法第12条) recorded for a day still to come is a typing slip
    (2027 for 2026); the import refuses it with the domain's words and stores nothing."""
    ahead = TODAY.replace(year=TODAY.year + 1)
    path = _ledger(
        tmp_path,
        _row(法人名称="ひなた子ども食堂", 申請受理日="2025-04-07", 認証日=ahead.isoformat()),
        _row(法人名称="油津の会", 申請受理日="R7.5.1"),
    )
    with pytest.raises(ImportRejected) as err:
        _import(empty_store, path)
    [line] = err.value.plan.error_lines()
    assert line.startswith("2行目") and "認証日" in line and "今日" in line and "より後です" in line
    assert store.list_cases(empty_store) == []
    # told no today (a caller of the plan alone), the store still refuses the file as a whole
    with pytest.raises(InvalidInput, match=r"認証の日付.*今日.*より後"):
        apply_import(
            empty_store,
            read_plan(path, store.load_settings(empty_store), set(), lambda: None),
            who="テスト",
            today=TODAY,
        )
    assert store.list_cases(empty_store) == []
