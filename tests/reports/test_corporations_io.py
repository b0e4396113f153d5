"""Import and export understand corporations (issue 10 §5): the 内閣府 file is one row per 法人 with its
latest facts, importing it makes corporations with their procedures, the ledger carries the procedures
after 設立, and the statistics count 定款変更認証 and 解散 apart from 設立. On the demo's desk."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date

import openpyxl
import pytest

from npo_desk import store
from npo_desk.domain.corporations import CorporationStatus, corporation_standing
from npo_desk.domain.procedure_stages import RUNNING_STAGES, procedure_stage
from npo_desk.domain.procedures import DissolutionGround, validity_end
from npo_desk.reports.exporting import corporations_of, export_cases, procedures_path, statistics_rows
from npo_desk.reports.importer import ImportRejected, import_file
from npo_desk.reports.layouts import CABINET_OFFICE_HEADER, LEDGER_PROCEDURE_HEADER
from npo_desk.reports.options import ExportLayout, ExportOptions
from npo_desk.store import CaseKind, MilestoneKind

TODAY = date(2026, 12, 2)
HOZONKAI = "特定非営利活動法人 飫肥城下町保存会"  # 認定 in its renewal window
FUKUSHI = "特定非営利活動法人 にちなん福祉ネットワーク"  # 解散 by resolution (31条1項1号)
NUMBER = "7000012050002"  # a real 法人番号 (国税庁's own), check digit valid
OTHER_NUMBER = "4011001098993"


@pytest.fixture
def demo(tmp_path):
    st = store.open_store(str(tmp_path / "demo.db"))
    store.seed_demo(st, TODAY)
    summaries = store.list_corporations(st, store.load_settings(st), TODAY)
    hozonkai = next(s for s in summaries if s.name == HOZONKAI)
    corporation = store.get_corporation(st, hozonkai.id)
    store.save_corporation(st, dataclasses.replace(corporation, corporate_number=NUMBER), who="テスト")
    yield st
    st.close()


@pytest.fixture
def empty(tmp_path):
    st = store.open_store(str(tmp_path / "empty.db"))
    yield st
    st.close()


def _cabinet(st, tmp_path, name="cabinet.csv"):
    path = tmp_path / name
    export_cases(st, path, ExportOptions(ExportLayout.CABINET_OFFICE, encoding="utf-8-sig"), TODAY)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CABINET_OFFICE_HEADER
    return path, [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _corporations(st):
    """Each corporation's standing, 法人番号, and its procedures' kinds and dates, by name."""
    settings = store.load_settings(st)
    found = {}
    for summary in store.list_corporations(st, settings, TODAY):
        cases = store.corporation_cases(st, summary.id)
        found[summary.name] = (
            summary.standing.status,
            summary.standing.since,
            summary.corporate_number,
            cases,
        )
    return found


def test_the_national_file_has_one_row_per_corporation_with_its_latest_facts(demo, tmp_path):
    """51条1項 (認定 5 years from its day), 31条1項1号 (解散 by resolution): the demo's accredited and
    dissolved corporations carry them in the 認定 and 解散情報 columns, once each."""
    _path, rows = _cabinet(demo, tmp_path)
    names = [row["法人名称"] for row in rows]
    assert len(names) == len(set(names))  # a corporation with several procedures is one row
    corporations = _corporations(demo)
    established = {
        name for name, (status, *_rest) in corporations.items() if status is not CorporationStatus.APPLYING
    }
    assert set(names) == established
    by_name = {row["法人名称"]: row for row in rows}
    hozonkai = by_name[HOZONKAI]
    accreditation = next(c for c in corporations[HOZONKAI][3] if c.kind is CaseKind.ACCREDITATION)
    granted = accreditation.date_of(MilestoneKind.CERTIFIED)
    assert hozonkai["認定（認定開始日）"] == f"{granted:%Y/%m/%d}"
    expiry = validity_end(store.procedure_facts(accreditation))
    assert hozonkai["認定（認定満了日）"] == f"{expiry:%Y/%m/%d}"
    assert hozonkai["認定（認定・特例認定１）"] == "認定" and hozonkai["法人番号"] == NUMBER
    assert hozonkai["解散情報"] == "" and hozonkai["監督情報"] == ""
    dissolved_on = corporations[FUKUSHI][1]
    assert by_name[FUKUSHI]["解散情報"] == f"{dissolved_on:%Y/%m/%d} 解散（社員総会の決議）"
    assert by_name[FUKUSHI]["認定（認定開始日）"] == ""


def test_importing_the_national_file_makes_the_same_corporations(demo, empty, tmp_path):
    """Round trip: each row becomes a corporation (with its 法人番号) whose 設立 case is done (no open
    設立 procedure on the dashboard) and whose 認定 and 解散 are procedures giving the same standing."""
    path, _rows = _cabinet(demo, tmp_path)
    plan = import_file(empty, path, who="テスト", today=TODAY)
    assert not plan.errors
    before, after = _corporations(demo), _corporations(empty)
    assert set(after) == {
        name for name, (status, *_r) in before.items() if status is not CorporationStatus.APPLYING
    }
    assert after[HOZONKAI][2] == NUMBER
    for name, (status, since, _number, cases) in after.items():
        assert cases[0].kind is CaseKind.ESTABLISHMENT
        if status in (CorporationStatus.DISSOLVED, CorporationStatus.ESTABLISHED):
            assert (status, since) == before[name][:2], name
        for case in cases:
            stage = procedure_stage(store.procedure_facts(case), TODAY)
            assert case.kind is not CaseKind.ESTABLISHMENT or stage not in RUNNING_STAGES, name
    pending = store.corporation_pending_deadlines(empty, store.load_settings(empty), TODAY)
    assert not [
        p for p in pending if p.kind is CaseKind.ESTABLISHMENT and p.deadline.key.value != "annual_report_due"
    ]
    kinds = [case.kind for case in after[HOZONKAI][3]]
    assert kinds == [CaseKind.ESTABLISHMENT, CaseKind.ACCREDITATION]
    assert [case.kind for case in after[FUKUSHI][3]] == [CaseKind.ESTABLISHMENT, CaseKind.DISSOLUTION]
    assert after[FUKUSHI][3][1].dissolution_ground is DissolutionGround.RESOLUTION
    # and what was imported exports again as the same file
    _again, rows_again = _cabinet(empty, tmp_path, "again.csv")
    _first, rows_first = _cabinet(demo, tmp_path)
    assert sorted(r["法人名称"] for r in rows_again) == sorted(r["法人名称"] for r in rows_first)
    for first, again in zip(
        sorted(rows_first, key=lambda r: r["法人名称"]),
        sorted(rows_again, key=lambda r: r["法人名称"]),
        strict=True,
    ):
        assert {k: first[k] for k in CABINET_OFFICE_HEADER[9:]} == {
            k: again[k] for k in CABINET_OFFICE_HEADER[9:]
        }


def test_a_second_import_finds_the_corporations_by_their_number(demo, empty, tmp_path):
    path, _rows = _cabinet(demo, tmp_path)
    import_file(empty, path, who="テスト", today=TODAY)
    count = len(store.list_cases(empty))
    plan = import_file(empty, path, who="テスト", today=TODAY)
    assert plan.cases == [] and len(plan.duplicates) == len(_rows)
    assert len(store.list_cases(empty)) == count
    # renamed since (a 定款変更 of its 名称), the corporation is still found by its 法人番号
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    renamed = tmp_path / "renamed.csv"
    row = next(r for r in rows if r[0] == HOZONKAI)
    row[0] = "特定非営利活動法人 飫肥城下町を守る会"
    with renamed.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([rows[0], row])
    plan = import_file(empty, renamed, who="テスト", today=TODAY)
    assert plan.cases == [] and NUMBER in plan.duplicates[0]


def test_a_bad_row_imports_nothing(demo, empty, tmp_path):
    path, _rows = _cabinet(demo, tmp_path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    number = rows[0].index("法人番号")
    rows[2][number] = "1234567890123"  # wrong check digit
    start = rows[0].index("認定（特例認定年月日）")
    rows[3][start] = "2010/04/01"  # 特例認定 (仮認定) by a 所轄庁 before 2012-04-01: the Act did not know it
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    with pytest.raises(ImportRejected) as err:
        import_file(empty, bad, who="テスト", today=TODAY)
    assert [(e.row, e.column) for e in err.value.plan.errors] == [
        (3, "法人番号"),
        (4, "認定（特例認定年月日）"),
    ]
    assert store.list_cases(empty) == []
    assert store.list_corporations(empty, store.load_settings(empty), TODAY) == []


def test_the_ledger_carries_every_procedure_after_establishment(demo, tmp_path):
    xlsx = tmp_path / "ledger.xlsx"
    result = export_cases(demo, xlsx, ExportOptions(ExportLayout.LEDGER), TODAY)
    later = [c for c in store.list_cases(demo) if c.kind is not CaseKind.ESTABLISHMENT]
    assert result.procedures == len(later) and result.rows == len(store.list_cases(demo)) - len(later)
    workbook = openpyxl.load_workbook(xlsx)
    assert workbook.sheetnames == ["台帳", "手続", "統計"]
    rows = list(workbook["手続"].iter_rows(values_only=True))
    assert rows[0] == LEDGER_PROCEDURE_HEADER
    assert sorted(r[6] for r in rows[1:]) == sorted(c.number for c in later)
    dissolution = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[5] == "解散")
    assert dissolution["法人名称"] == FUKUSHI and dissolution["解散の事由"].startswith("社員総会の決議")
    csv_path = tmp_path / "ledger.csv"
    export_cases(demo, csv_path, ExportOptions(ExportLayout.LEDGER, encoding="utf-8-sig"), TODAY)
    with procedures_path(csv_path).open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == len(later) + 1


def test_statistics_count_amendments_and_dissolutions_apart_from_establishment(demo):
    """25条3項 (定款変更の認証) and 31条1項 (解散 by ground) beside the 内閣府's 設立 counts."""
    settings = store.load_settings(demo)
    options = ExportOptions(ExportLayout.STATISTICS, date_from=date(2026, 4, 1), date_to=date(2027, 3, 31))
    [ours, *_rest] = statistics_rows(store.export_rows(demo), options, settings)
    header = [
        "所轄庁", "申請受理数", "認証数", "不認証数", "解散数", "うち認証取消数",
        "定款変更認証の申請受理数", "定款変更の認証数", "定款変更の不認証数",
    ]  # fmt: skip
    counted = dict(zip(header, ours, strict=False))
    cases = [store.get_case(demo, s.id) for s in store.list_cases(demo)]

    def in_year(case, kind):
        on = case.date_of(kind)
        return on is not None and options.date_from <= on <= options.date_to

    establishment = [
        c for c in cases if c.kind is CaseKind.ESTABLISHMENT and c.main_address.startswith("宮崎県日南市")
    ]
    assert counted["申請受理数"] == sum(in_year(c, MilestoneKind.RECEIVED) for c in establishment)
    amendments = [c for c in cases if c.kind is CaseKind.ARTICLES_AMENDMENT]
    assert (
        counted["定款変更認証の申請受理数"]
        == sum(in_year(c, MilestoneKind.RECEIVED) for c in amendments)
        == 1
    )
    assert counted["定款変更の認証数"] == 0
    assert counted["解散数"] == 1 and counted["うち認証取消数"] == 0
    resolution = len(header) + list(DissolutionGround).index(DissolutionGround.RESOLUTION)
    assert ours[resolution] == 1
    # the next fiscal year counts none of them
    later = dataclasses.replace(options, date_from=date(2027, 4, 1), date_to=date(2028, 3, 31))
    [next_year, *_rest] = statistics_rows(store.export_rows(demo), later, settings)
    assert next_year[1:] == (0,) * (len(next_year) - 1)


def _procedures(st):
    """Each corporation's standing, 法人番号 and procedures after 設立 (kind, dates, choices, notes)."""
    return {
        name: (
            status,
            since,
            number,
            [
                (
                    case.kind,
                    {m.kind: m.on for m in case.milestones},
                    case.registered_change,
                    case.authority_change,
                    case.dissolution_ground,
                    case.merger_role,
                    case.articles_topics,
                    case.notes,
                )
                for case in cases
                if case.kind is not CaseKind.ESTABLISHMENT
            ],
        )
        for name, (status, since, number, cases) in _corporations(st).items()
    }


def _deadlines(st):
    pending = store.corporation_pending_deadlines(st, store.load_settings(st), TODAY)
    return sorted((p.case_name, p.kind, p.deadline.key, p.deadline.date) for p in pending)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_ledger_round_trip_restores_corporations_and_their_procedures(demo, empty, tmp_path, suffix):
    """The 手続 sheet (or file) read back with its ledger: the same corporations, standings (13条1項,
    31条, 39条), 法人番号, procedures and open deadlines of every kind."""
    summaries = store.list_corporations(demo, store.load_settings(demo), TODAY)
    renamed = store.get_corporation(demo, next(s.id for s in summaries if s.name == FUKUSHI))
    new_name = "特定非営利活動法人 にちなん福祉ネット"  # 名称 changed since its application (定款変更)
    store.save_corporation(
        demo, dataclasses.replace(renamed, name=new_name, representative="新任 代表"), who="テスト"
    )
    path = tmp_path / f"ledger{suffix}"
    export_cases(demo, path, ExportOptions(ExportLayout.LEDGER, encoding="utf-8-sig"), TODAY)
    plan = import_file(empty, path, who="テスト", today=TODAY)
    assert not plan.errors and not plan.warnings
    assert _procedures(empty) == _procedures(demo) and new_name in _procedures(empty)
    back = store.list_corporations(empty, store.load_settings(empty), TODAY, text="にちなん福祉ネット")
    assert store.get_corporation(empty, back[0].id).representative == "新任 代表"
    assert sum(len(p) for p in plan.procedures) == 7
    assert plan.count_text() == f"{len(plan.cases)} 件（設立の後の手続 7 件）"  # as the window and CLI say it
    assert _deadlines(empty) == _deadlines(demo)
    # imported again: every corporation is there already, and so are its procedures
    again = import_file(empty, path, who="テスト", today=TODAY)
    assert again.cases == [] and again.warnings == ["登録済みの法人の手続 7 件は取り込みませんでした。"]
    assert _procedures(empty) == _procedures(demo)


def test_a_bad_procedure_row_imports_nothing(demo, empty, tmp_path):
    path = tmp_path / "ledger.csv"
    export_cases(demo, path, ExportOptions(ExportLayout.LEDGER, encoding="utf-8-sig"), TODAY)
    later = procedures_path(path)
    with later.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("手続")] = "届出"  # no such kind
    rows[2][rows[0].index("設立時の法人名称")] = "どこにもない会"
    with later.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    with pytest.raises(ImportRejected) as err:
        import_file(empty, path, who="テスト", today=TODAY)
    assert [(e.row, e.column) for e in err.value.plan.errors] == [
        (2, "手続・手続"),
        (3, "手続・設立時の法人名称"),
    ]
    assert store.list_cases(empty) == []
    with pytest.raises(Exception, match="台帳のファイルを選んでください"):
        import_file(empty, later, who="テスト", today=TODAY)


def test_the_quick_reading_of_a_lone_application_agrees_with_the_domain(demo):
    """13条1項: a group is a 法人 from its registration. The export reads that of a corporation with its
    設立 case alone without the domain's view; for every demo corporation (revoked before and after
    registration, refused, withdrawn, dissolved, merged …) it says what corporation_standing says."""
    for corporation in corporations_of(store.export_rows(demo, by_corporation=True)):
        standing = corporation_standing(corporation.facts)
        listed = standing.is_corporation and standing.status is not CorporationStatus.TRANSFERRED
        ended = standing.status not in (CorporationStatus.APPLYING, CorporationStatus.ESTABLISHED)
        assert (corporation.listed, corporation.ended) == (listed, ended), corporation.holder.name


def test_a_national_accreditation_before_2012_keeps_only_the_renewals_of_the_shokatsucho(
    demo, empty, tmp_path
):
    """Until 2012-03-31 the 国税庁長官 granted 認定 (平成23年法律第70号 moved it to the 所轄庁): a file's
    認定 of 2010 is no procedure of ours, its renewals since (51条2項, 5 years each, 51条1項) are."""
    path, _rows = _cabinet(demo, tmp_path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    row = next(r for r in rows if r[0] == HOZONKAI)
    row[rows[0].index("認定（認定開始日）")] = "2010/04/01"
    row[rows[0].index("認定（認定満了日）")] = "2025/03/31"  # renewed 2015 and 2020 by the 所轄庁
    national = tmp_path / "national.csv"
    with national.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([rows[0], row])
    plan = import_file(empty, national, who="テスト", today=TODAY)
    assert plan.warnings == [
        "認定開始日が平成24年3月31日以前（国税庁長官の認定）の法人 1 件は、その認定を手続として記録せず、"
        "平成24年4月1日からの所轄庁による更新だけを記録します。"
    ]
    [(_status, _since, _number, cases)] = _corporations(empty).values()
    [renewal] = [c for c in cases if c.kind is not CaseKind.ESTABLISHMENT]
    assert renewal.kind is CaseKind.ACCREDITATION_RENEWAL
    assert renewal.date_of(MilestoneKind.PREVIOUS_EXPIRY) == date(2020, 3, 31)
    [again] = _cabinet(empty, tmp_path, "again.csv")[1]
    assert (again["認定（認定開始日）"], again["認定（認定満了日）"]) == ("2020/04/01", "2025/03/31")
