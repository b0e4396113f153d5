"""The 案件票: all of a case on one A4 page, whatever its length."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pypdf
import pytest

from npo_desk import store
from npo_desk.reports.case_sheet import build_case_sheet, collect, save_pdf
from npo_desk.store import CaseKind, Milestone, MilestoneKind, Officer

from .conftest import TODAY


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def _sheet_text(sheet, tmp_path):
    path = tmp_path / "sheet.pdf"
    save_pdf(sheet, str(path))
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text().replace("\n", "").replace("\t", " ")


def _established(st):
    summary = store.list_cases(st, store.CaseQuery(text="子育て"))[0]
    return store.get_case(st, summary.id)


def test_sheet_has_facts_deadlines_and_findings_in_order(sample_store, tmp_path):
    case = _established(sample_store)
    text = _sheet_text(collect(sample_store, case.id, TODAY), tmp_path)
    expected = (
        "案件票",
        case.number,
        "日南子育てネット",
        "ニチナンコソダテネット",
        "飫肥 太郎",
        "宮崎県日南市油津3丁目2-1",
        "日南市 (当市): すべての事務所が市内",
        "令和3年6月9日施行",
        "設立済",
        "13 子どもの健全育成を図る活動",
        "4月1日",
        "経過",
        "申請受理",
        "令和7年4月7日(月)",
        "期限",
        "縦覧期間の末日",
        "令和7年4月21日(月)",
        "特定非営利活動促進法第10条第2項",
        "要件の確認",
        "理事が0人です",
    )
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions)


def test_a_long_case_still_fits_one_page(sample_store, tmp_path):
    case = _established(sample_store)
    officers = tuple(
        Officer(f"役員 {i:02d}", "director", paid=i % 2 == 0, relative_group="A" if i < 4 else None)
        for i in range(30)
    )
    long_case = replace(case, officers=officers, notes="長い備考。" * 200, member_count=3)
    sheet = build_case_sheet(long_case, store.load_settings(sample_store), TODAY)
    text = _sheet_text(sheet, tmp_path)
    assert "役員 00" in text and "役員 29" in text
    assert "社員が3人です" in text


def test_the_sheet_prints_the_laws_date_overdue_and_a_later_manual_date_as_superseded(empty_store, tmp_path):
    """特定非営利活動促進法第12条第2項 and the 条例 (1 month): received 2026-09-27, the decision was due
    2026-11-11 (passed on 11-28). The clerk's 12-04 is later: printed as 手動, superseded, with why."""
    from datetime import date

    from npo_desk.domain.settings import DecisionPeriod
    from npo_desk.store import Case, DeadlineOverride, Milestone, MilestoneKind

    settings = replace(store.load_settings(empty_store), decision_period=DecisionPeriod(months=1))
    store.save_settings(empty_store, settings, who="テスト")
    case = store.create_case(
        empty_store,
        Case(
            name="日南観光ボランティアガイドの会",
            milestones=(Milestone(MilestoneKind.RECEIVED, date(2026, 9, 27)),),
            deadline_overrides=(DeadlineOverride("decision_deadline", date(2026, 12, 4), "審査会の日程"),),
        ),
        who="テスト",
        today=TODAY,
    )
    text = _sheet_text(collect(empty_store, case.id, TODAY), tmp_path).replace(" ", "")
    assert "手動" in text and "根拠" in text  # the columns
    decision = text[text.index("認証・不認証の決定期限") :]
    assert decision.startswith("認証・不認証の決定期限令和8年11月11日(水)17日超過")
    assert "不採用手動令和8年12月4日(金)(法定の期限より後)" in decision
    assert "手動の期限令和8年12月4日は法定の期限令和8年11月11日" in decision
    assert "特定非営利活動促進法第12条第2項及び条例)より後のため、法定の期限によります" in decision  # whole
    # 縦覧 ended on Sunday 10-11: marked with the office's last open day before it
    assert "令和8年10月11日(日)—閉庁日のため実務上は10月9日(金)まで" in text


def test_a_pending_application_prints_its_missing_documents(sample_store, tmp_path):
    """特定非営利活動促進法10条1項: a missing document is a finding on the 案件票 too, with the 補正
    deadline (10条4項: 受理 2025-04-07 → 2025-04-14) while the application is pending."""
    from datetime import date

    from npo_desk.domain.documents import AttachmentRecord, AttachmentStatus, attachments
    from npo_desk.domain.procedures import ProcedureKind
    from npo_desk.domain.profiles import profile_for
    from npo_desk.store import Milestone, MilestoneKind

    case = _established(sample_store)
    received = date(2025, 4, 7)
    listed = attachments(ProcedureKind.ESTABLISHMENT, profile_for(received))
    records = tuple(
        AttachmentRecord(a.key, AttachmentStatus.RECEIVED, received)
        for a in listed
        if a.key != "officer_list"
    )
    pending = replace(case, milestones=(Milestone(MilestoneKind.RECEIVED, received),), documents=records)
    text = _sheet_text(
        build_case_sheet(pending, store.load_settings(sample_store), date(2025, 4, 9)), tmp_path
    )
    assert "「役員名簿」が提出されていません" in text
    assert "令和7年4月14日" in text
    decided = replace(case, documents=records)  # certified: the documents are history, no finding
    text = _sheet_text(build_case_sheet(decided, store.load_settings(sample_store), TODAY), tmp_path)
    assert "提出されていません" not in text


def test_the_sheet_names_a_procedures_milestones_as_its_kind_does(empty_store):
    """組合等登記令3条1項: a 定款変更's registration is its 「変更の登記」, not 設立's 「設立登記」."""
    amendment = store.Case(
        name="特定非営利活動法人 油津みなと会",
        kind=CaseKind.ARTICLES_AMENDMENT,
        corporation_id=1,
        registered_change=True,
        milestones=(
            Milestone(MilestoneKind.RECEIVED, date(2026, 8, 3)),
            Milestone(MilestoneKind.REGISTERED, date(2026, 10, 15)),
        ),
    )
    settings = store.load_settings(empty_store)
    for case, names in (
        (amendment, ["受理", "変更の登記"]),
        (replace(amendment, kind=CaseKind.ESTABLISHMENT, registered_change=False), ["申請受理", "設立登記"]),
    ):
        sheet = build_case_sheet(case, settings, TODAY)
        (steps,) = [section for section in sheet.sections if section.title == "経過"]
        assert [row[0] for row in steps.rows] == names
