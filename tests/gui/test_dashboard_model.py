"""The dashboard model without a view: order, colours, days left, tooltips, sorting by real dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from npo_desk.domain.agenda import Urgency, urgency_of
from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.due import Due, ManualDate
from npo_desk.gui.dashboard_model import DEFAULT_HORIZON, DashboardModel, DeadlineRow, Horizon
from npo_desk.gui.table_model import CASE_ID_ROLE, SORT_ROLE

TODAY = date(2026, 4, 10)


def _row(
    case_id: int,
    due: date,
    *,
    unrolled: date | None = None,
    closed_reason: str | None = None,
    manual: ManualDate | None = None,
    key: DeadlineKey = DeadlineKey.PUBLIC_INSPECTION_END,
    **extra,
) -> DeadlineRow:
    """A row for a deadline due on ``due`` (rolled from ``unrolled``), with the clerk's ``manual`` date."""
    deadline = Deadline(
        key,
        "縦覧期間の末日",
        due,
        unrolled or due,
        "特定非営利活動促進法第10条第2項",
        closed_reason=closed_reason or ("振替休日" if unrolled else None),
    )
    values = dict(
        case_id=case_id,
        case_number=f"R8-{case_id:03d}",
        case_name=f"法人{case_id}",
        stage_label="縦覧中",
        due=Due(deadline, manual),
    )
    values.update(extra)
    return DeadlineRow(**values)


def _texts(model: DashboardModel, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_overdue_first_then_soon_then_later(qtmodeltester):
    model = DashboardModel()
    model.set_rows([_row(1, date(2026, 5, 30)), _row(2, date(2026, 4, 15)), _row(3, date(2026, 4, 7))], TODAY)
    qtmodeltester.check(model)
    assert [model.row_at(r).case_id for r in range(3)] == [3, 2, 1]
    assert _texts(model, DashboardModel.DAYS_LEFT) == ["3日超過", "あと5日", "あと50日"]
    assert [model.urgency(model.row_at(r)) for r in range(3)] == [
        Urgency.OVERDUE,
        Urgency.SOON,
        Urgency.LATER,
    ]
    assert model.counts() == {Urgency.OVERDUE: 1, Urgency.SOON: 1, Urgency.LATER: 1}


def test_colours_red_amber_none():
    model = DashboardModel()
    model.set_rows([_row(1, date(2026, 4, 9)), _row(2, date(2026, 4, 17)), _row(3, date(2026, 4, 18))], TODAY)
    red = model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    amber = model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(red, QBrush) and red.color().red() > red.color().blue()
    assert isinstance(amber, QBrush) and amber.color().name() != red.color().name()
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) is None  # 8 days: plain


def test_boundaries_of_urgency():
    assert urgency_of(-1) is Urgency.OVERDUE
    assert urgency_of(0) is Urgency.SOON
    assert urgency_of(7) is Urgency.SOON
    assert urgency_of(8) is Urgency.LATER


def test_wareki_display_sorts_by_real_date():
    model = DashboardModel()
    # 平成 dates sort before 令和 dates although 「令」 < 「平」 as text would say otherwise.
    model.set_rows([_row(1, date(2026, 4, 20)), _row(2, date(2019, 4, 1)), _row(3, date(2019, 5, 7))], TODAY)
    model.sort(DashboardModel.DUE, Qt.SortOrder.DescendingOrder)
    assert _texts(model, DashboardModel.DUE) == [
        "令和8年4月20日(月)",
        "令和元年5月7日(火)",
        "平成31年4月1日(月)",
    ]
    assert model.data(model.index(0, DashboardModel.DUE), SORT_ROLE) == date(2026, 4, 20)


def test_tooltip_names_basis_and_original_date_of_a_rolled_deadline():
    model = DashboardModel()
    model.set_rows([_row(7, date(2026, 5, 7), unrolled=date(2026, 5, 3))], TODAY)
    tip = model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert "特定非営利活動促進法第10条第2項" in tip
    assert "令和8年5月3日(日)" in tip and "繰り延べ" in tip
    assert model.data(model.index(0, 3), CASE_ID_ROLE) == 7


def test_sort_keeps_the_selected_row(qtbot):
    from PySide6.QtWidgets import QTableView

    model = DashboardModel()
    model.set_rows([_row(1, date(2026, 4, 20)), _row(2, date(2026, 4, 11))], TODAY)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(1)
    model.sort(DashboardModel.NUMBER, Qt.SortOrder.DescendingOrder)
    selected = view.selectionModel().selectedRows()
    assert [model.data(i, CASE_ID_ROLE) for i in selected] == [1]


def test_clerk_column_and_case_numbers_in_natural_order():
    model = DashboardModel()
    model.set_rows(
        [_row(10, date(2026, 5, 1), clerk="日高 真理"), _row(9, date(2026, 5, 1), case_number="R8-9")], TODAY
    )
    model.sort(DashboardModel.NUMBER, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).case_id for r in range(2)] == [9, 10]  # R8-9 before R8-010
    assert model.data(model.index(1, DashboardModel.CLERK)) == "日高 真理"


def test_clerk_filter_shows_one_clerks_deadlines_and_survives_reloads():
    model = DashboardModel()
    rows = [_row(1, date(2026, 4, 20), clerk="田中"), _row(2, date(2026, 4, 21), clerk="黒木")]
    model.set_rows(rows, TODAY)
    assert model.clerks() == ["田中", "黒木"]
    model.set_clerk("黒木")
    assert [model.row_at(r).case_id for r in range(model.rowCount())] == [2]
    model.set_rows(rows, TODAY)  # a reload keeps the filter
    assert model.rowCount() == 1
    model.replace_case(1, [])  # a saved case of another clerk: still hidden, gone from the clerks
    assert model.clerks() == ["黒木"]
    model.set_clerk(None)
    assert model.rowCount() == 1


# One deadline each: 3 days overdue, today, 7 / 8 / 30 / 31 / 90 / 91 / 365 days ahead.
_AHEAD = (-3, 0, 7, 8, 30, 31, 90, 91, 365)


def _spread() -> list[DeadlineRow]:
    return [_row(n, TODAY + timedelta(days=days)) for n, days in enumerate(_AHEAD, start=1)]


def _days_shown(model: DashboardModel) -> list[int]:
    return [model.days_left(model.row_at(r)) for r in range(model.rowCount())]


@pytest.mark.parametrize(
    ("horizon", "shown"),
    [
        (Horizon.OVERDUE, [-3]),
        (Horizon.WEEK, [-3, 0, 7]),
        (Horizon.MONTH, [-3, 0, 7, 8, 30]),
        (Horizon.QUARTER, [-3, 0, 7, 8, 30, 31, 90]),
        (Horizon.ALL, list(_AHEAD)),
    ],
)
def test_horizon_shows_deadlines_up_to_its_last_day_and_every_overdue_one(qtmodeltester, horizon, shown):
    model = DashboardModel()
    model.set_horizon(horizon)
    model.set_rows(_spread(), TODAY)
    qtmodeltester.check(model)
    assert _days_shown(model) == shown
    assert model.horizon is horizon
    # The counts are of every deadline, so 期限超過のみ does not hide how many fall due this week.
    assert model.counts() == {Urgency.OVERDUE: 1, Urgency.SOON: 2, Urgency.LATER: 6}
    assert model.total() == len(_AHEAD)


def test_default_horizon_is_90_days_and_hides_next_years_annual_reports():
    model = DashboardModel()
    assert model.horizon is DEFAULT_HORIZON is Horizon.QUARTER
    model.set_rows(_spread(), TODAY)
    assert 91 not in _days_shown(model) and 365 not in _days_shown(model)


def test_overdue_deadlines_stay_whatever_the_horizon_and_however_old():
    model = DashboardModel()
    rows = [
        _row(1, TODAY - timedelta(days=400)),
        _row(2, TODAY - timedelta(days=1)),
        _row(3, TODAY + timedelta(days=9)),
    ]
    model.set_rows(rows, TODAY)
    for horizon in Horizon:
        model.set_horizon(horizon)
        assert {1, 2} <= {model.row_at(r).case_id for r in range(model.rowCount())}, horizon


def test_horizon_follows_the_new_day_and_combines_with_the_clerk_filter():
    model = DashboardModel()
    model.set_horizon(Horizon.WEEK)
    rows = [
        _row(1, TODAY + timedelta(days=10), clerk="田中"),
        _row(2, TODAY + timedelta(days=5), clerk="黒木"),
    ]
    model.set_rows(rows, TODAY)
    assert [model.row_at(r).case_id for r in range(model.rowCount())] == [2]
    model.set_rows(rows, TODAY + timedelta(days=3))  # a new day: case 1 is now 7 days away
    assert [model.row_at(r).case_id for r in range(model.rowCount())] == [2, 1]
    model.set_clerk("田中")
    assert [model.row_at(r).case_id for r in range(model.rowCount())] == [1]
    assert model.total() == 1  # 全 counts the chosen 担当's deadlines only
    model.sort(DashboardModel.NUMBER, Qt.SortOrder.DescendingOrder)
    model.set_horizon(Horizon.ALL)
    model.set_clerk(None)
    assert [model.row_at(r).case_id for r in range(model.rowCount())] == [2, 1]  # the sort order stays


# --- the law's date decides (特定非営利活動促進法第12条第2項; domain.due) ------------------------------


def _decision_row(settings, manual: ManualDate | None) -> DeadlineRow:
    """Demo case R8-003: received 2026-09-27, 縦覧 to 10-11; the clerk set the decision for 12-04."""
    from npo_desk.domain.deadlines import compute_deadlines
    from npo_desk.domain.facts import CaseFacts

    found = compute_deadlines(CaseFacts(received_on=date(2026, 9, 27)), settings)
    decision = found[DeadlineKey.DECISION_DEADLINE]
    return DeadlineRow(3, "R8-003", "日南観光ボランティアガイドの会", "審査中", Due(decision, manual))


DEMO_TODAY = date(2026, 12, 2)
BY_HAND = ManualDate(date(2026, 12, 4), "審査会の日程に合わせて前倒し")


def test_a_passed_legal_date_with_a_later_manual_date_is_overdue_in_red():
    """12条2項 and the 条例 (1 month): due 2026-11-11, passed; the clerk's later 12-04 does not count."""
    from npo_desk.domain.settings import DecisionPeriod, Settings

    model = DashboardModel()
    model.set_rows([_decision_row(Settings(decision_period=DecisionPeriod(months=1)), BY_HAND)], DEMO_TODAY)
    assert model.data(model.index(0, DashboardModel.DAYS_LEFT)) == "21日超過"
    assert model.data(model.index(0, DashboardModel.DUE)) == "令和8年11月11日(水)"
    manual = model.data(model.index(0, DashboardModel.MANUAL))
    assert manual == "不採用 手動 令和8年12月4日(金)(法定の期限より後)"
    assert model.data(model.index(0, DashboardModel.BASIS)) == "法12条2項・条例"  # seen without hovering
    tooltip = model.data(model.index(0, DashboardModel.BASIS), Qt.ItemDataRole.ToolTipRole)
    assert "特定非営利活動促進法第12条第2項及び条例" in tooltip
    red = model.data(model.index(0, DashboardModel.DUE), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(red, QBrush) and red.color().name() == "#f9d6d5"
    assert model.counts()[Urgency.OVERDUE] == 1
    tip = model.data(model.index(0, DashboardModel.MANUAL), Qt.ItemDataRole.ToolTipRole)
    assert "法定の期限 令和8年11月11日(特定非営利活動促進法第12条第2項及び条例)より後のため" in tip


def test_an_earlier_manual_date_is_a_reminder_beside_the_law_which_sets_days_and_colour():
    """12条2項 (2 months): due 2026-12-11; the clerk's 12-04 is an earlier reminder."""
    from npo_desk.domain.settings import Settings

    model = DashboardModel()
    model.set_rows([_decision_row(Settings(), BY_HAND)], DEMO_TODAY)
    assert model.data(model.index(0, DashboardModel.DAYS_LEFT)) == "あと9日"
    assert model.data(model.index(0, DashboardModel.DUE)) == "令和8年12月11日(金)"
    assert model.data(model.index(0, DashboardModel.MANUAL)) == "手動 令和8年12月4日(金) 前倒しの目安"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None  # 9 days: not amber
    assert model.counts() == {Urgency.OVERDUE: 0, Urgency.SOON: 0, Urgency.LATER: 1}


def test_a_deadline_on_a_closed_day_counts_to_the_last_open_day_and_keeps_the_legal_date():
    """12条2項: the decision period does not move; 2027-02-11 is 建国記念の日, so the office acts by
    Wednesday 02-10 and the 残り日数 and colours count to that day."""
    from npo_desk.domain.deadlines import compute_deadlines
    from npo_desk.domain.facts import CaseFacts
    from npo_desk.domain.settings import Settings

    decision = compute_deadlines(CaseFacts(received_on=date(2026, 11, 27)), Settings())
    row = DeadlineRow(9, "R8-009", "法人9", "縦覧中", Due(decision[DeadlineKey.DECISION_DEADLINE]))
    model = DashboardModel()
    model.set_rows([row], date(2027, 2, 3))
    assert model.data(model.index(0, DashboardModel.DUE)) == (
        "令和9年2月11日(木・建国記念の日) — 閉庁日のため実務上は2月10日(水)まで"
    )
    assert model.data(model.index(0, DashboardModel.DAYS_LEFT)) == "あと7日"  # to 02-10, not 8 to 02-11
    assert model.urgency(row) is Urgency.SOON
    model.set_rows([row], date(2027, 2, 11))
    assert model.urgency(row) is Urgency.OVERDUE and model.data(model.index(0, 0)) == "1日超過"
