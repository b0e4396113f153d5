"""What each export layout selects and counts."""

from __future__ import annotations

import dataclasses
from datetime import date

import openpyxl

from npo_desk import store
from npo_desk.domain.lifecycle import Stage
from npo_desk.domain.procedures import DissolutionGround
from npo_desk.reports.exporting import (
    build_sheet,
    export_cases,
    statistics_rows,
)
from npo_desk.reports.options import ExportLayout, ExportOptions
from npo_desk.store import Case, Milestone, MilestoneKind, Office

from .conftest import LONG_NAME, TODAY, add_cases

K = MilestoneKind


def _sheet(st, **options):
    sheet = build_sheet(store.export_rows(st), ExportOptions(**options), store.load_settings(st), TODAY)
    return dataclasses.replace(sheet, rows=list(sheet.rows))  # the rows stream; a test reads them twice


def test_cabinet_office_covers_registered_npos_only_filtered_by_certification(sample_store):
    sheet = _sheet(sample_store)
    assert sorted(r[0] for r in sheet.rows) == [
        "南郷みかん農園応援団",
        "日南子育てネット",
        "飫肥杉の森を守る会",
    ]
    sheet = _sheet(sample_store, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    assert [r[0] for r in sheet.rows] == ["日南子育てネット"]
    row = dict(zip(sheet.header, sheet.rows[0], strict=True))
    assert (row["所轄庁"], row["権限移譲先市町村"]) == ("宮崎県", "日南市")
    assert row["法人設立認証年月日"] == date(2025, 5, 30) and row["設立年月日"] == date(2025, 6, 10)
    assert row["活動分野１"] == "保健、医療又は福祉の増進を図る活動" and row["活動分野３"] is None


def test_ledger_filters_by_receipt_or_consultation_date_and_stage(sample_store):
    sheet = _sheet(
        sample_store, layout=ExportLayout.LEDGER, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
    )
    assert sorted(r[0] for r in sheet.rows) == sorted(["ひなた子ども食堂", "相談中の会", LONG_NAME])
    sheet = _sheet(sample_store, layout=ExportLayout.LEDGER, stage=Stage.PUBLIC_INSPECTION)
    assert [r[0] for r in sheet.rows] == ["ひなた子ども食堂"]


def test_statistics_per_authority_with_total(sample_store):
    add_cases(
        sample_store,
        [
            Case(
                name="宮崎市の会",
                offices=(Office("宮崎県宮崎市橘通西1丁目1-1"),),
                milestones=(Milestone(K.RECEIVED, date(2026, 5, 1)),),
            ),
            Case(
                name="取消しの会",
                milestones=(
                    Milestone(K.RECEIVED, date(2025, 4, 7)),
                    Milestone(K.CERTIFIED, date(2025, 5, 30)),
                    Milestone(K.CERTIFICATE_DELIVERED, date(2025, 6, 2)),
                    Milestone(K.REGISTERED, date(2025, 6, 10)),
                    Milestone(K.REVOKED, date(2026, 10, 1)),
                ),
                offices=(Office("宮崎県日南市中央通1丁目1-1"),),
            ),
        ],
    )
    settings = store.load_settings(sample_store)
    rows = statistics_rows(
        store.export_rows(sample_store),
        ExportOptions(ExportLayout.STATISTICS, date_from=date(2026, 4, 1), date_to=date(2027, 3, 31)),
        settings,
    )
    # the 内閣府's six columns, then 定款変更認証 (none here) and 解散 by ground: the 取消し (7号)
    revoked = [0] * 8
    revoked[list(DissolutionGround).index(DissolutionGround.REVOCATION)] = 1
    assert rows == [
        ("日南市", 6, 2, 1, 1, 1, 0, 0, 0, *revoked),
        ("宮崎県", 1, 0, 0, 0, 0, 0, 0, 0, *[0] * 8),
        ("合計", 7, 2, 1, 1, 1, 0, 0, 0, *revoked),
    ]


def test_xlsx_gets_the_layout_and_a_statistics_sheet(sample_store, tmp_path):
    path = tmp_path / "ledger.xlsx"
    result = export_cases(sample_store, path, ExportOptions(ExportLayout.LEDGER), TODAY)
    assert result.rows == 9
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["台帳", "手続", "統計"]
    assert [c.value for c in workbook["統計"][1]][:6] == [
        "所轄庁",
        "申請受理数",
        "認証数",
        "不認証数",
        "解散数",
        "うち認証取消数",
    ]
    assert workbook["手続"].max_row == 1  # the sample has no procedure after 設立: its header only
