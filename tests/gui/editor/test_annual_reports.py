"""事業報告書 tab: shown for established NPOs, years in 和暦, receipts recorded (undoable, saved with
history), the tracking start, and the 43条1項 warning."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from npo_desk import store as case_store
from npo_desk.domain.lifecycle import Action
from npo_desk.gui.editor.annual_reports_tab import DUE, FILED, PERIOD, STATUS, YEAR
from npo_desk.gui.editor.dialogs import CLEARED
from npo_desk.store import AnnualReportFiling, DeadlineOverride, Milestone

from .cases import M, case

ESTABLISHED = (
    Milestone(M.RECEIVED, date(2023, 4, 10)),
    Milestone(M.CERTIFIED, date(2023, 6, 20)),
    Milestone(M.CERTIFICATE_DELIVERED, date(2023, 6, 22)),
    Milestone(M.REGISTERED, date(2023, 9, 10)),
    Milestone(M.REGISTRATION_NOTICE, date(2023, 9, 20)),
)


def established(**changes: object):
    return case(milestones=ESTABLISHED, fiscal_year_start=(4, 1), **changes)


def rows(editor) -> list[tuple[str, ...]]:
    table = editor.annual_reports_tab.table
    return [
        tuple(table.item(r, c).text() for c in (YEAR, PERIOD, DUE, FILED, STATUS))
        for r in range(table.rowCount())
    ]


def tab_visible(editor) -> bool:
    return editor.tabs.isTabVisible(editor.tabs.indexOf(editor.annual_reports_tab))


def test_tab_only_for_established_npos(open_editor, create):
    in_review = open_editor(create(case()).id)
    assert not tab_visible(in_review)
    editor = open_editor(create(established()).id)
    assert tab_visible(editor)
    assert editor.tabs.tabText(editor.tabs.indexOf(editor.annual_reports_tab)) == "事業報告書"


def test_years_newest_first_in_wareki_with_status(open_editor, create):
    editor = open_editor(create(established()).id)
    assert rows(editor) == [
        ("令和8年度", "令和8年4月1日 〜 令和9年3月31日", "令和9年6月30日(水)", "", "未到来"),
        ("令和7年度", "令和7年4月1日 〜 令和8年3月31日", "令和8年6月30日(火)", "", "期限超過"),
        ("令和6年度", "令和6年4月1日 〜 令和7年3月31日", "令和7年6月30日(月)", "", "期限超過"),
        ("令和5年度 (初年度)", "令和5年9月10日 〜 令和6年3月31日", "令和6年7月1日(月) ※", "", "期限超過"),
    ]
    tab = editor.annual_reports_tab
    assert "6月30日(日)が日曜日のため繰延べ" in tab.table.item(3, DUE).toolTip()
    assert tab.legend.isVisibleTo(tab) and tab.legend.text().startswith("※ 期限の日が閉庁日のため")
    # three overdue in a row: the 43条 warning, and the oldest missing year is selected for recording
    assert len(tab.findings.texts()) == 1
    warning = tab.findings.texts()[0]
    assert warning.startswith("3年以上にわたり事業報告書等の提出がありません (令和5年度分から3年分)")
    assert tab.selected().year.start == date(2023, 4, 1)
    assert "(令和5年度分)" in editor.next_label.text()


def test_record_a_receipt_undo_and_save_with_history(open_editor, create, dialogs, store, qtbot):
    created = create(established())
    editor = open_editor(created.id)
    tab = editor.annual_reports_tab
    tab.table.selectRow(3)  # 令和5年度
    dialogs.dates.append(date(2024, 6, 20))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert rows(editor)[3][3:] == ("令和6年6月20日(木)", "受理済")
    assert tab.findings.texts() == []  # 令和6・7年度 only: two in a row
    assert "(令和6年度分)" in editor.next_label.text()
    assert tab.record_button.text() == "受理日を訂正..." and tab.undo_button.isEnabled()
    assert editor.isWindowModified()

    editor.undo_stack.undo()
    assert rows(editor)[3][3:] == ("", "期限超過")
    editor.undo_stack.redo()
    assert editor.save()
    stored = case_store.get_case(store, created.id)
    assert stored.annual_reports == (AnnualReportFiling(date(2023, 4, 1), date(2024, 6, 20)),)
    latest = case_store.case_history(store, created.id)[0]
    assert (latest.label, latest.new) == ("事業報告書等 (令和5年度分)", "受理 2024-06-20")


def test_a_receipt_before_the_year_ended_is_refused(open_editor, create, dialogs):
    editor = open_editor(create(established()).id)
    tab = editor.annual_reports_tab
    tab.table.selectRow(0)  # 令和8年度, still running
    dialogs.dates.append(date(2026, 11, 28))
    tab.record_receipt()
    assert dialogs.errors == [
        "令和8年度分の事業報告書等は、その事業年度が終わった後 (令和9年4月1日以降) の日付で"
        "受理を記録してください。"
    ]
    assert editor.session.case.annual_reports == ()


def test_take_back_a_receipt(open_editor, create):
    filed = (AnnualReportFiling(date(2024, 4, 1), date(2025, 6, 2)),)
    editor = open_editor(create(established(annual_reports=filed)).id)
    tab = editor.annual_reports_tab
    tab.table.selectRow(2)
    assert rows(editor)[2][3:] == ("令和7年6月2日(月)", "受理済")
    tab.undo_button.click()
    assert editor.session.case.annual_reports == ()
    assert rows(editor)[2][4] == "期限超過"


def test_tracking_start_hides_older_years(open_editor, create, dialogs):
    editor = open_editor(create(established()).id)
    tab = editor.annual_reports_tab
    dialogs.dates.append(date(2025, 4, 1))
    tab.tracked_button.click()
    assert [r[0] for r in rows(editor)] == ["令和8年度", "令和7年度"]
    assert not tab.legend.isVisibleTo(tab)  # neither deadline moved
    assert tab.tracked_label.text() == "確認の起点: 令和7年4月1日"
    assert tab.findings.texts() == []
    dialogs.dates.append(CLEARED)
    tab.tracked_button.click()
    assert len(rows(editor)) == 4 and tab.tracked_label.text() == "確認の起点: 設立時"


def test_without_fiscal_year_the_tab_says_what_is_missing(open_editor, create):
    editor = open_editor(create(case(milestones=ESTABLISHED)).id)
    tab = editor.annual_reports_tab
    assert tab_visible(editor) and rows(editor) == []
    assert "事業年度の開始日を入力すると" in tab.message.text()


def test_dashboard_lists_the_missing_report(store, create):
    create(established())
    settings = case_store.load_settings(store)
    due = [
        d.deadline.label
        for d in case_store.corporation_pending_deadlines(store, settings, date(2026, 11, 28))
        if d.deadline.key.value == "annual_report_due"
    ]
    assert due == ["事業報告書等の提出期限 (令和5年度分)"]


def test_receiving_the_report_due_ends_its_hand_set_deadline_in_one_step(open_editor, create, dialogs):
    extended = DeadlineOverride("annual_report_due", date(2024, 7, 31), "提出期限の延長を了承 (令和5年度分)")
    editor = open_editor(create(established(deadline_overrides=(extended,))).id)
    tab = editor.annual_reports_tab
    tab.table.selectRow(2)  # 令和6年度: not the report now due, the override stays
    dialogs.dates.append(date(2025, 6, 1))
    tab.record_receipt()
    assert editor.session.case.override("annual_report_due") is not None
    tab.table.selectRow(3)  # 令和5年度: the one due (and extended)
    dialogs.dates.append(date(2024, 7, 25))
    tab.record_receipt()
    assert editor.session.case.override("annual_report_due") is None
    assert editor.statusBar().currentMessage() == "受理したため、この報告書の期限の手動設定を外しました。"
    editor.undo_stack.undo()
    assert editor.session.case.override("annual_report_due") is not None
    assert editor.session.case.annual_report(date(2023, 4, 1)) is None


def test_tab_appears_when_the_registration_is_recorded_and_goes_on_undo(open_editor, create):
    delivered = ESTABLISHED[:3]  # 認証書到達: the registration comes next
    editor = open_editor(create(case(milestones=delivered, fiscal_year_start=(4, 1))).id)
    assert not tab_visible(editor)
    editor.session.apply_action(Action.REGISTER, date(2023, 9, 10))
    assert tab_visible(editor)
    assert rows(editor)[-1][0] == "令和5年度 (初年度)"
    editor.undo_stack.undo()
    assert not tab_visible(editor)
