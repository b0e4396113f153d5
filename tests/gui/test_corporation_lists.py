"""The main window's 法人 and 手続 tabs on the demo ledger: what they show, how they sort and filter,
where a double-click leads, and how they follow a save."""

from __future__ import annotations

import sys
import types
from datetime import date
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from npo_desk import store as case_store
from npo_desk.domain.corporations import CorporationStatus
from npo_desk.domain.procedure_stages import RUNNING_STAGES, ProcedureStage
from npo_desk.gui import clock
from npo_desk.gui.corporation_list_model import CorporationListModel
from npo_desk.gui.procedure_list_model import ProcedureListModel, ProcedureListRow
from npo_desk.gui.table_model import CASE_ID_ROLE, CORPORATION_ID_ROLE, SORT_ROLE
from npo_desk.store import CaseKind
from tests.gui.conftest import shown_main_window, type_japanese

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def demo(store):
    return case_store.seed_demo(store, TODAY)


@pytest.fixture
def window(qtbot, store, demo):
    return shown_main_window(qtbot, store)


class _Opened(QWidget):
    """Stands in for the corporation window and the procedure editor: records what it was opened on."""

    saved = Signal(int)
    procedure_opened = Signal(int)
    procedure_started = Signal(int)
    refreshed = 0
    opened: ClassVar[list[tuple[str, int]]] = []

    def __init__(self, st, key: int, parent=None) -> None:
        super().__init__(None)
        type(self).opened.append((type(self).__name__, key))

    def refresh(self) -> None:
        type(self).refreshed += 1


@pytest.fixture
def opened(monkeypatch):
    """Fake ``corporation_window`` and ``procedure_editor`` modules; the list of what they opened."""
    found: list[tuple[str, int]] = []
    corporation_window = types.ModuleType("npo_desk.gui.corporation_window")
    procedure_editor = types.ModuleType("npo_desk.gui.procedure_editor")
    corporation_window.CorporationWindow = type("CorporationWindow", (_Opened,), {"opened": found})  # type: ignore[attr-defined]
    procedure_editor.ProcedureEditor = type("ProcedureEditor", (_Opened,), {"opened": found})  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "npo_desk.gui.corporation_window", corporation_window)
    monkeypatch.setitem(sys.modules, "npo_desk.gui.procedure_editor", procedure_editor)
    return found


def _column(model, column: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.data(model.index(row, column), role) for row in range(model.rowCount())]


def _row_named(model, column: int, text: str) -> int:
    return next(row for row in range(model.rowCount()) if text in model.data(model.index(row, column)))


def _number(demo, name: str, kind: CaseKind) -> case_store.Case:
    return next(case for case in demo if name in case.name and case.kind is kind)


# --- 法人 ----------------------------------------------------------------------------------------
def test_corporations_show_standing_in_wareki_and_their_procedures(window, store, demo):
    panel = window.corporation_list
    m = panel.model
    assert m.total() == len(case_store.list_corporations(store, window.settings, TODAY))
    assert panel.count.text() == f"{m.total()}件"
    obi = _row_named(m, CorporationListModel.NAME, "飫肥城下町保存会")
    assert m.data(m.index(obi, CorporationListModel.STATUS)) == "設立済 (平成11年10月20日)"
    assert "設立の登記" in m.data(m.index(obi, CorporationListModel.STATUS), Qt.ItemDataRole.ToolTipRole)
    assert m.data(m.index(obi, CorporationListModel.OPEN)) == "1件"  # the 定款変更 in 縦覧
    assert m.data(m.index(obi, CorporationListModel.NEXT_DUE)).startswith("令和8年12月")
    assert m.data(m.index(obi, CorporationListModel.NEXT_LABEL)) == "補正の期限"
    dissolved = _row_named(m, CorporationListModel.NAME, "にちなん福祉ネットワーク")
    assert m.data(m.index(dissolved, CorporationListModel.STATUS)).startswith("解散 (令和8年")
    founded = _number(demo, "飫肥城下町保存会", CaseKind.ESTABLISHMENT)
    assert m.data(m.index(obi, 0), CORPORATION_ID_ROLE) == founded.corporation_id


def test_corporations_sort_next_deadline_by_date_not_by_text(window):
    view, m = window.corporation_list.view, window.corporation_list.model
    view.sortByColumn(CorporationListModel.NEXT_DUE, Qt.SortOrder.AscendingOrder)
    dates = [d for d in _column(m, CorporationListModel.NEXT_DUE, SORT_ROLE) if d is not None]
    assert len(dates) >= 5
    assert dates == sorted(dates)
    shown = [t for t in _column(m, CorporationListModel.NEXT_DUE) if t]
    assert shown[0].startswith("令和6年")  # 北郷里山の会's overdue 事業報告書, before 令和8年's
    assert shown != sorted(shown)  # as text 令和6年… would not come first among 令和8年/令和9年 by chance
    assert _column(m, CorporationListModel.NEXT_DUE)[-1] == ""  # none last
    red = m.data(m.index(0, CorporationListModel.NEXT_DUE), Qt.ItemDataRole.BackgroundRole)
    assert red is not None


def test_corporations_search_and_status_filter(qtbot, window):
    panel = window.corporation_list
    m = panel.model
    panel.choose_status(CorporationStatus.DISSOLVED)
    assert [n for n in _column(m, CorporationListModel.NAME)] == [
        "特定非営利活動法人 にちなん福祉ネットワーク"
    ]
    panel.choose_status(CorporationStatus.ESTABLISHED)
    statuses = _column(m, CorporationListModel.STATUS)
    assert statuses and all(s.startswith("設立済") for s in statuses)
    panel.choose_status(CorporationStatus.APPLYING)  # still applying: not the ended applications
    assert "不認証・未設立" not in _column(m, CorporationListModel.STATUS)
    panel.status_filter.setCurrentIndex(
        panel.status_filter.findText("設立に至らなかった申請", Qt.MatchFlag.MatchStartsWith)
    )
    ended = dict(
        zip(_column(m, CorporationListModel.NAME), _column(m, CorporationListModel.STATUS), strict=True)
    )
    assert ended == {
        "特定非営利活動法人 油津みなと未来塾": "不認証・未設立",
        "大堂津漁村文化研究会": "取下げ・未設立",
        "特定非営利活動法人 南郷マリンクラブ": "取消し・未設立",
    }
    panel.status_filter.setCurrentIndex(0)
    assert m.rowCount() == m.total()
    type_japanese(panel.search, "ｵﾋﾞｼﾞｮｳ")  # half-width kana finds 「オビジョウカマチホゾンカイ」
    qtbot.waitUntil(lambda: m.rowCount() == 1)
    assert "飫肥城下町保存会" in m.data(m.index(0, CorporationListModel.NAME))
    assert panel.count.text() == f"1件 / 全{m.total()}件"


def test_double_click_on_a_corporation_opens_its_window_once(qtbot, window, opened):
    view, m = window.corporation_list.view, window.corporation_list.model
    window.show_tab("corporationsTab")
    rect = view.visualRect(m.index(0, CorporationListModel.NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    corporation_id = m.data(m.index(0, 0), CORPORATION_ID_ROLE)
    assert opened == [("CorporationWindow", corporation_id)]
    window.open_corporation(corporation_id)  # raised again, not a second window
    assert opened == [("CorporationWindow", corporation_id)]
    window.action("actionOpenCorporation").trigger()  # 編集 → 法人を開く on the selected row
    assert len(opened) == 1
    other = m.data(m.index(1, 0), CORPORATION_ID_ROLE)
    menu = window.corporation_menu(other)  # right-click on a 法人 row
    next(a for a in menu.actions() if a.text() == "法人を開く").trigger()
    assert opened[-1] == ("CorporationWindow", other)


# --- 手続 ----------------------------------------------------------------------------------------
def test_procedures_show_running_ones_by_stage_with_kind_and_deadline(window):
    m = window.procedure_list.model
    stages = [m.row_at(row).stage for row in range(m.rowCount())]
    assert stages and all(stage in RUNNING_STAGES for stage in stages)
    order = list(ProcedureStage)
    assert [order.index(s) for s in stages] == sorted(order.index(s) for s in stages)  # grouped by stage
    amendment = _row_named(m, ProcedureListModel.KIND, "定款変更認証")
    assert m.data(m.index(amendment, ProcedureListModel.NAME)) == "特定非営利活動法人 飫肥城下町保存会"
    assert m.data(m.index(amendment, ProcedureListModel.STAGE)) == "縦覧中"
    assert m.data(m.index(amendment, ProcedureListModel.RECEIVED)) == "令和8年11月28日"
    assert m.data(m.index(amendment, ProcedureListModel.RECEIVED), SORT_ROLE) == date(2026, 11, 28)
    assert m.data(m.index(amendment, ProcedureListModel.NEXT_LABEL)) == "補正の期限"
    assert m.data(m.index(amendment, ProcedureListModel.NEXT_DUE)).startswith("令和8年12月")
    assert m.data(m.index(amendment, ProcedureListModel.CLERK)) == "黒木 翔太"
    notice = next(r for r in range(m.rowCount()) if m.row_at(r).stage is ProcedureStage.AWAITING_NOTICE)
    assert m.data(m.index(notice, ProcedureListModel.KIND)) == "設立認証"
    assert (
        m.data(m.index(notice, ProcedureListModel.STAGE)) == "完了届待ち"
    )  # as 設立申請 and the dashboard say
    assert "届出待ち" in m.data(m.index(notice, ProcedureListModel.STAGE), Qt.ItemDataRole.ToolTipRole)
    merger = [r for r in range(m.rowCount()) if m.data(m.index(r, ProcedureListModel.KIND)) == "合併認証"]
    assert len(merger) == 2
    assert {m.data(m.index(r, ProcedureListModel.STAGE)) for r in merger} == {"登記待ち"}


def test_procedures_filters_and_finished_ones(qtbot, window):
    panel = window.procedure_list
    m = panel.model
    running = m.rowCount()
    assert panel.count.text() == f"進行中 {running}件 / 全{m.total()}件"
    assert running < m.total()
    panel.show_finished.setChecked(True)
    assert m.rowCount() == m.total()
    assert panel.count.text() == f"表示 {m.total()}件 (進行中 {running}件 / 全{m.total()}件)"
    kinds = set(_column(m, ProcedureListModel.KIND))
    assert {"認定", "解散", "役員の変更等の届出"} <= kinds
    panel.choose_stage(ProcedureStage.IN_FORCE)  # 認定 near its renewal
    assert _column(m, ProcedureListModel.KIND) == ["認定"]
    panel.stage_filter.setCurrentIndex(0)
    panel.show_finished.setChecked(False)
    assert m.rowCount() == running
    panel.choose_kind(CaseKind.ARTICLES_AMENDMENT)
    assert _column(m, ProcedureListModel.KIND) == ["定款変更認証"]
    assert panel.count.text() == f"表示 1件 (進行中 {running}件 / 全{m.total()}件)"
    panel.kind_filter.setCurrentIndex(0)
    panel.choose_stage(ProcedureStage.PUBLIC_INSPECTION)
    assert set(_column(m, ProcedureListModel.STAGE)) == {"縦覧中"}
    assert len(_column(m, ProcedureListModel.STAGE)) == 2  # R8-001's 設立 and the 定款変更
    panel.stage_filter.setCurrentIndex(0)
    qtbot.keyClicks(panel.search, "R8-014")
    qtbot.waitUntil(lambda: m.rowCount() == 1)


def test_procedures_sort_received_by_date(window):
    view, m = window.procedure_list.view, window.procedure_list.model
    window.procedure_list.show_finished.setChecked(True)
    view.sortByColumn(ProcedureListModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    received = [d for d in _column(m, ProcedureListModel.RECEIVED, SORT_ROLE) if d is not None]
    assert received == sorted(received)
    assert _column(m, ProcedureListModel.RECEIVED)[0].startswith("平成11年")  # 和暦 shown, 西暦 order


def test_double_click_routes_establishment_to_case_editor_others_to_procedure_editor(
    qtbot, window, opened, demo
):
    view, m = window.procedure_list.view, window.procedure_list.model
    window.show_tab("proceduresTab")
    amendment = _row_named(m, ProcedureListModel.KIND, "定款変更認証")
    rect = view.visualRect(m.index(amendment, ProcedureListModel.NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    case_id = m.data(m.index(amendment, 0), CASE_ID_ROLE)
    assert opened == [("ProcedureEditor", case_id)]
    assert list(window.procedure_editors) == [case_id]
    assert window.editors == {}
    establishment = _row_named(m, ProcedureListModel.KIND, "設立認証")
    window.procedure_list.view.selectRow(establishment)
    window.action("actionOpenCase").trigger()
    case_id = m.data(m.index(establishment, 0), CASE_ID_ROLE)
    assert list(window.editors) == [case_id]  # the 設立 case editor
    assert len(opened) == 1
    merger = _row_named(m, ProcedureListModel.KIND, "合併認証")
    view.setCurrentIndex(m.index(merger, ProcedureListModel.NAME))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter opens it too
    assert opened[-1] == ("ProcedureEditor", m.data(m.index(merger, 0), CASE_ID_ROLE))


def test_row_menu_opens_the_corporation_of_a_procedure(window, opened, demo):
    amendment = _number(demo, "飫肥城下町保存会", CaseKind.ARTICLES_AMENDMENT)
    menu = window.row_menu(amendment.id)
    next(a for a in menu.actions() if a.text() == "法人を開く").trigger()
    assert opened == [("CorporationWindow", amendment.corporation_id)]


def test_a_save_updates_both_lists_in_place(qtbot, window, store, demo):
    founded = _number(demo, "飫肥城下町保存会", CaseKind.ESTABLISHMENT)
    corporations, procedures = window.corporation_list.model, window.procedure_list.model
    before = procedures.rowCount()
    new = case_store.start_procedure(
        store, founded.corporation_id, CaseKind.OFFICER_CHANGE_NOTICE, who="test", today=TODAY
    )
    window.update_case(new.id)  # what an editor's ``saved`` leads to
    assert procedures.rowCount() == before + 1
    row = procedures.row_of(new.id)
    assert row is not None
    assert procedures.data(procedures.index(row, ProcedureListModel.STAGE)) == "受付前"
    obi = corporations.row_of(founded.corporation_id)
    assert obi is not None
    assert corporations.data(corporations.index(obi, CorporationListModel.OPEN)) == "2件"
    case_store.delete_case(store, new.id, version=new.version, who="test")
    window.update_case(new.id)
    assert procedures.row_of(new.id) is None
    assert corporations.data(corporations.index(obi, CorporationListModel.OPEN)) == "1件"


def test_tab_shortcuts_and_search_of_the_tab_on_show(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget().objectName() == "corporationsTab"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.corporation_list.search.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget().objectName() == "proceduresTab"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.procedure_list.search.hasFocus)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "今日の期限",
        "設立申請",
        "法人",
        "手続",
    ]


def test_the_corporation_window_hands_procedures_to_the_main_window(qtbot, window, store, demo, opened):
    founded = _number(demo, "飫肥城下町保存会", CaseKind.ESTABLISHMENT)
    window.open_corporation(founded.corporation_id)
    corporation_window = window.corporation_windows[founded.corporation_id]
    amendment = _number(demo, "飫肥城下町保存会", CaseKind.ARTICLES_AMENDMENT)
    corporation_window.procedure_opened.emit(amendment.id)
    assert ("ProcedureEditor", amendment.id) in opened
    new = case_store.start_procedure(
        store, founded.corporation_id, CaseKind.ARTICLES_AMENDMENT_NOTICE, who="test", today=TODAY
    )
    before = type(corporation_window).refreshed
    corporation_window.procedure_started.emit(new.id)
    assert window.procedure_list.model.row_of(new.id) is not None
    assert type(corporation_window).refreshed == before + 1  # the open corporation window follows


def test_real_windows_open_from_the_lists(qtbot, window, demo):
    """The corporation window and the procedure editor themselves (not stand-ins)."""
    founded = _number(demo, "飫肥城下町保存会", CaseKind.ESTABLISHMENT)
    window.open_corporation(founded.corporation_id)
    corporation_window = window.corporation_windows[founded.corporation_id]
    qtbot.waitExposed(corporation_window)
    assert "飫肥城下町保存会" in corporation_window.windowTitle()
    amendment = _number(demo, "飫肥城下町保存会", CaseKind.ARTICLES_AMENDMENT)
    window.open_procedure(amendment.id)
    editor = window.procedure_editors[amendment.id]
    qtbot.waitExposed(editor)
    assert type(editor).__name__ == "ProcedureEditor"
    assert editor.close() and corporation_window.close()


def _row(case_id: int, received: date | None, corporation_id: int = 1) -> ProcedureListRow:
    return ProcedureListRow(
        case_id=case_id,
        corporation_id=corporation_id,
        number=f"R8-{case_id:03d}",
        kind=CaseKind.ARTICLES_AMENDMENT,
        kind_text="定款変更認証",
        corporation_name="法人",
        stage=ProcedureStage.REVIEW,
        stage_text="審査中",
        received_on=received,
        next_due=None,
        next_text="",
        next_label="",
        next_basis="",
        clerk="",
    )


def test_a_replaced_row_moves_to_its_new_place_in_the_sort(qtbot):
    """The model keeps each row's sort key between sorts: a changed row must still be re-keyed."""
    m = ProcedureListModel()
    m.sort(ProcedureListModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    m.set_rows([_row(1, date(2026, 1, 5)), _row(2, date(2026, 2, 5), 2), _row(3, None, 3)])
    assert [m.row_at(r).case_id for r in range(m.rowCount())] == [1, 2, 3]  # no date last
    m.replace_rows(lambda row: row.corporation_id == 1, [_row(1, date(2026, 3, 5))])
    assert [m.row_at(r).case_id for r in range(m.rowCount())] == [2, 1, 3]
    m.sort(ProcedureListModel.RECEIVED, Qt.SortOrder.DescendingOrder)
    dated = [m.row_at(r).case_id for r in range(m.rowCount()) if m.row_at(r).received_on]
    assert dated == [1, 2]
    m.replace_rows(lambda row: row.corporation_id == 2, [])  # a deleted procedure
    assert m.row_of(2) is None and m.total() == 2
