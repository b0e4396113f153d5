"""今日の期限 of every procedure on the demo's corporations (issue 10): a 定款変更認証 in 縦覧 shows its
procedure beside its deadline (25条5項 applies 10条2項 to it), and the 認証取消の候補 of 43条1項
(3年以上事業報告書等の提出がない法人; discretionary, 聴聞 first) sit under the deadlines with the
missing years in 和暦."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

import npo_desk.store as st
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.gui import clock
from npo_desk.gui.dashboard_model import DashboardModel, Horizon, row_from_open_deadline
from npo_desk.gui.main_window import MainWindow
from npo_desk.gui.revocation_model import RevocationModel
from npo_desk.gui.table_model import CASE_ID_ROLE
from npo_desk.reports.revocation_list import revocation_lines
from npo_desk.store import CaseKind
from npo_desk.store.demo import seed_demo

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def demo(store) -> list[st.Case]:
    return seed_demo(store, TODAY)


def _pending(store: st.Store) -> list[st.OpenDeadline]:
    """What the window's loader reads for the dashboard."""
    return st.corporation_pending_deadlines(store, st.load_settings(store), TODAY)


def _model(store: st.Store) -> DashboardModel:
    model = DashboardModel()
    model.set_rows([row_from_open_deadline(item) for item in _pending(store)], TODAY)
    model.set_horizon(Horizon.ALL)
    return model


def _shown(model: DashboardModel, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_model_shows_a_articles_amendment_in_inspection_with_its_procedure(store, demo) -> None:
    amendment = next(c for c in demo if c.kind is CaseKind.ARTICLES_AMENDMENT)
    model = _model(store)
    rows = [r for r in range(model.rowCount()) if model.row_at(r).case_id == amendment.id]
    labels = {model.row_at(r).due.deadline.key: r for r in rows}
    assert {DeadlineKey.PUBLIC_INSPECTION_END, DeadlineKey.DECISION_DEADLINE} <= set(labels)
    row = labels[DeadlineKey.PUBLIC_INSPECTION_END]
    cell = {c: model.data(model.index(row, c)) for c in range(model.columnCount())}
    assert cell[DashboardModel.PROCEDURE] == "定款変更認証"
    assert cell[DashboardModel.KIND] == "縦覧期間の末日"
    assert cell[DashboardModel.STAGE] == "縦覧中"
    assert cell[DashboardModel.NUMBER] == amendment.number
    tooltip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert (
        tooltip.startswith("定款変更認証 縦覧期間の末日")
        and "第25条第5項において準用する第10条第2項" in tooltip
    )
    assert model.headerData(DashboardModel.PROCEDURE, Qt.Orientation.Horizontal) == "手続"
    procedures = set(_shown(model, DashboardModel.PROCEDURE))
    assert {"設立認証", "定款変更認証", "合併認証", "認定"} <= procedures


def test_a_corporations_rows_are_replaced_together(store, demo) -> None:
    """A save in one procedure may end another's deadlines (解散 ends the 事業報告書等): the window
    replaces every row of the corporation at once."""
    model = _model(store)
    amendment = next(c for c in demo if c.kind is CaseKind.ARTICLES_AMENDMENT)
    corporation = amendment.corporation_id
    assert corporation is not None
    theirs = [r for r in model.rows() if r.corporation_id == corporation]
    assert len({r.case_id for r in theirs}) >= 2  # the 定款変更 and the 認定 at least
    model.replace_corporation(corporation, [])
    assert all(r.corporation_id != corporation for r in model.rows())
    assert model.rowCount() == len(_pending(store)) - len(theirs)


def test_the_revocation_model_lists_the_missing_years_in_wareki(store, demo) -> None:
    lines = revocation_lines(store, st.load_settings(store), TODAY)
    model = RevocationModel()
    model.set_rows(lines)
    assert model.rowCount() == 1
    assert model.data(model.index(0, RevocationModel.NAME)) == "特定非営利活動法人 北郷里山の会"
    assert model.data(model.index(0, RevocationModel.YEARS)) == "令和5年度・令和6年度・令和7年度 (3年分)"
    assert model.data(model.index(0, RevocationModel.FIRST_DUE)) == "令和6年4月1日"
    founded = next(c for c in demo if c.name == "特定非営利活動法人 北郷里山の会")
    assert model.data(model.index(0, 0), CASE_ID_ROLE) == founded.id
    tooltip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "令和5年度分: 提出期限 令和6年4月1日(月)" in tooltip and "聴聞" in tooltip


def test_the_window_shows_every_kind_and_the_candidates(qtbot, store, demo) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading and window.dashboard.model.total() > 0)
    assert "定款変更認証" in set(_shown(window.dashboard.model, DashboardModel.PROCEDURE))
    panel = window.dashboard
    assert panel.revocation_box.isVisible()
    assert "1件" in panel.revocation_box.title()
    assert panel.revocations.rowCount() == 1
    opened: list[int] = []
    panel.open_case.connect(opened.append)
    panel.revocation_view.doubleClicked.emit(panel.revocations.index(0, 1))
    founded = next(c for c in demo if c.name == "特定非営利活動法人 北郷里山の会")
    assert opened == [founded.id]


def test_a_late_report_recorded_ends_the_candidacy_and_its_deadline_on_the_dashboard(
    qtbot, store, demo
) -> None:
    """29条: the 令和7年度分 received breaks the run of 3 missing years (43条1項); after the save the
    window drops the candidate and the corporation's rows follow its 設立 case."""
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading and window.dashboard.model.total() > 0)
    founded = next(c for c in demo if c.name == "特定非営利活動法人 北郷里山の会")
    (line,) = window.dashboard.revocations.rows()
    latest = line.years[-1]
    case = st.get_case(store, founded.id or 0)
    filed = (*case.annual_reports, st.AnnualReportFiling(latest, TODAY))
    st.save_case(store, replace(case, annual_reports=filed), who="テスト")
    window.update_case(founded.id or 0)
    assert window.dashboard.revocations.rowCount() == 0
    assert not window.dashboard.revocation_box.isVisible()
    model = window.dashboard.model
    model.set_horizon(Horizon.ALL)
    theirs = [r for r in model.rows() if r.corporation_id == founded.corporation_id]
    expected = [
        item.due.deadline.label
        for item in st.corporation_pending_deadlines(store, st.load_settings(store), TODAY)
        if item.corporation_id == founded.corporation_id
    ]
    assert sorted(r.label for r in theirs) == sorted(expected) and expected


def test_double_click_opens_each_procedure_in_its_own_editor(qtbot, store, demo) -> None:
    """A 定款変更's row opens the procedure editor; a 設立's row the case editor."""
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading and window.dashboard.model.total() > 0)
    model, view = window.dashboard.model, window.dashboard.view
    model.set_horizon(Horizon.ALL)

    def row_of(kind: CaseKind) -> int:
        return next(r for r in range(model.rowCount()) if model.row_at(r).kind is kind)

    amendment = row_of(CaseKind.ARTICLES_AMENDMENT)
    view.doubleClicked.emit(model.index(amendment, DashboardModel.NAME))
    case_id = model.row_at(amendment).case_id
    assert set(window.procedure_editors) == {case_id} and not window.editors
    founding = row_of(CaseKind.ESTABLISHMENT)
    view.doubleClicked.emit(model.index(founding, DashboardModel.NAME))
    assert set(window.editors) == {model.row_at(founding).case_id}
    for editor in [*window.procedure_editors.values(), *window.editors.values()]:
        editor.close()
