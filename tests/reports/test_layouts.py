"""The two layouts' headers, exactly as published / specified."""

from __future__ import annotations

from datetime import date

import pytest

from npo_desk.domain.profiles import PROFILES
from npo_desk.reports.layouts import (
    CABINET_OFFICE_HEADER,
    LEDGER_HEADER,
    UnexportableCase,
    current_activity_fields,
    fiscal_year_end_text,
)
from npo_desk.store import ExportCase, MilestoneKind


def test_cabinet_office_header_is_the_published_60_columns_byte_for_byte():
    assert len(CABINET_OFFICE_HEADER) == 60
    assert len(set(CABINET_OFFICE_HEADER)) == 60
    assert CABINET_OFFICE_HEADER[:12] == (
        "法人名称",
        "法人名称カナ",
        "所轄庁",
        "権限移譲先市町村",
        "主たる事務所の所在地",
        "主たる事業所の郵便番号",
        "従たる事務所の所在地",
        "代表者氏名",
        "団体代表者名（フリガナ）",
        "法人設立認証年月日",
        "設立年月日",
        "定款に記載された目的",
    )
    # 活動分野 with full-width digits, 10..20 as two full-width digits
    assert CABINET_OFFICE_HEADER[12] == "活動分野\uff11"
    assert CABINET_OFFICE_HEADER[21] == "活動分野\uff11\uff10"
    assert CABINET_OFFICE_HEADER[31] == "活動分野\uff12\uff10"
    # the mixed brackets of the published file: full-width opening, half-width closing in the last three
    assert CABINET_OFFICE_HEADER[39] == "認定\uff08PST基準 条例指定\uff08都道府県及び市区町村名\uff09\uff09"
    assert CABINET_OFFICE_HEADER[55] == "条例個別指定\uff1a有効期間(開始日)"
    assert CABINET_OFFICE_HEADER[57] == "条例個別指定\uff1a有効期限\uff08更新申請日)"
    assert CABINET_OFFICE_HEADER[59] == "条例個別指定\uff1a有効期限\uff08条例個別指定\uff1a取消日)"
    assert CABINET_OFFICE_HEADER[53:55] == ("事業年度開始日", "事業年度終了日")
    assert ",".join(CABINET_OFFICE_HEADER).encode("cp932")  # the national file is cp932


def test_ledger_header_is_exactly_the_issue_list():
    assert LEDGER_HEADER == (
        "法人名称",
        "法人名称カナ",
        "代表者氏名",
        "主たる事務所の所在地",
        "従たる事務所の所在地",
        "活動分野",
        "事業年度開始日",
        "相談日",
        "設立総会日",
        "申請受理日",
        "認証日",
        "不認証日",
        "認証書到達日",
        "登記日",
        "登記完了届受理日",
        "取下げ日",
        "備考",
    )


def test_fiscal_year_end_is_the_day_before_the_start():
    assert fiscal_year_end_text((4, 1)) == "03/31"
    assert fiscal_year_end_text((1, 1)) == "12/31"
    assert fiscal_year_end_text((3, 1)) == "02/28"
    assert fiscal_year_end_text(None) == ""


def _export_case(activity_fields: tuple[int, ...], law_profile_id: str | None) -> ExportCase:
    text = ""
    return ExportCase(
        *(1, "R8-001", "ひなた子ども食堂", text, text, text, text, text),
        activity_fields=activity_fields,
        fiscal_year_start=(4, 1),
        law_profile_id=law_profile_id,
        notes=text,
        annual_reports_tracked_from=None,
        addresses=(),
        dates={MilestoneKind.RECEIVED: date(2026, 4, 1)},
        annual_reports=(),
    )


def test_activity_fields_are_renumbered_by_each_cases_own_version_every_time():
    """The fields under today's numbering are worked out once per version and list of numbers
    (issue 11): the same numbers read by another version give that version's fields, a number the
    version has not is refused on every export, and a caller's dict is its own. 法 別表: 12 kinds as
    enacted (1998), 20 since 平成23年法律第70号 (2012-04-01), renumbered (docs/legal-reference.md §9)."""
    newest = PROFILES[-1]
    old = _export_case((11, 12), "1998-12-01")  # 12 fields: its 11 is today's 13, its 12 today's 19
    now = _export_case((11, 12), None)  # received 2026: today's numbering
    first = current_activity_fields(old)
    assert first == {13: newest.activity_field(13).name, 19: newest.activity_field(19).name}
    assert current_activity_fields(now) == {n: newest.activity_field(n).name for n in (11, 12)}
    first.clear()
    assert len(current_activity_fields(old)) == 2
    unknown = _export_case((13,), "1998-12-01")  # the 1998 別表 has 12 fields
    for _ in range(2):
        with pytest.raises(UnexportableCase, match="活動分野"):
            current_activity_fields(unknown)
    assert current_activity_fields(_export_case((13,), None)) == {13: newest.activity_field(13).name}
