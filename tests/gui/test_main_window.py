"""The main window driven through its widgets: tabs, search, filters, shortcuts, editors, new day."""

from __future__ import annotations

import sys
import types
import weakref
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from npo_desk import store as case_store
from npo_desk.domain.lifecycle import Stage
from npo_desk.gui import clock
from npo_desk.gui.case_list_model import CaseListModel
from npo_desk.gui.dashboard_model import DashboardModel, Horizon
from npo_desk.gui.main_window import MainWindow
from npo_desk.gui.table_model import CASE_ID_ROLE
from npo_desk.gui.ui_state import ui_settings
from npo_desk.store import Case, Milestone, MilestoneKind, Office
from tests.gui.conftest import type_japanese

TODAY = date(2026, 4, 10)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def add_case(st, name: str, kana: str = "", **dates: date) -> Case:
    milestones = tuple(Milestone(MilestoneKind(f"{kind}_on"), on) for kind, on in dates.items())
    case = Case(
        name=name,
        name_kana=kana,
        representative="日南 一郎",
        offices=(Office("宮崎県日南市中央通1-1"),),
        milestones=milestones or (Milestone(MilestoneKind.CONSULTED, TODAY - timedelta(days=3)),),
    )
    return case_store.create_case(st, case, who="test", today=TODAY)


@pytest.fixture
def cases(store):
    return {
        "sakura": add_case(store, "さくら会", "サクラカイ", received=date(2026, 3, 2)),  # 縦覧 ends in April
        "hinata": add_case(store, "ひなたの森", "ヒナタノモリ", received=date(2026, 1, 8)),  # overdue
        "obi": add_case(store, "飫肥まちづくり", "オビマチヅクリ"),  # a consultation: no deadline
    }


def loaded(qtbot, w: MainWindow) -> MainWindow:
    """Wait until the background load has been shown."""
    qtbot.waitUntil(lambda: not w.loading)
    return w


@pytest.fixture
def window(qtbot, store, cases):
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return loaded(qtbot, w)


def _dashboard_ids(w: MainWindow) -> list[int]:
    m = w.dashboard.model
    return [m.data(m.index(r, 0), CASE_ID_ROLE) for r in range(m.rowCount())]


def _list_ids(w: MainWindow) -> list[int]:
    m = w.case_list.model
    return [m.data(m.index(r, 0), CASE_ID_ROLE) for r in range(m.rowCount())]


def test_dashboard_lists_open_deadlines_overdue_first_with_stage(window, cases):
    m = window.dashboard.model
    ids = _dashboard_ids(window)
    assert cases["obi"].id not in ids
    assert ids[0] == cases["hinata"].id  # its decision deadline has passed
    assert m.data(m.index(0, DashboardModel.DAYS_LEFT)).endswith("日超過")
    assert m.data(m.index(0, DashboardModel.STAGE)) == "審査中"
    assert m.data(m.index(0, DashboardModel.DUE)).startswith("令和")
    assert "特定非営利活動促進法" in m.data(m.index(0, DashboardModel.DUE), Qt.ItemDataRole.ToolTipRole)
    assert "期限切れ 1件" in window.dashboard.summary.text()


def test_status_bar_names_database_and_authority(window, store):
    assert store.display_name in window.db_label.text()
    assert window.authority_label.text() == "当庁: 宮崎県日南市"


def test_search_as_you_type_and_filters(qtbot, window, cases):
    window.tabs.setCurrentIndex(1)
    search = window.case_list.search
    type_japanese(search, "ｻｸﾗ")  # half-width katakana finds 「サクラカイ」
    qtbot.waitUntil(lambda: _list_ids(window) == [cases["sakura"].id])
    assert window.case_list.count.text() == "1件 / 全3件"
    search.clear()
    qtbot.keyClicks(search, "r7-00")  # case numbers R7-001 and R7-002, typed in lower case
    qtbot.waitUntil(lambda: sorted(_list_ids(window)) == sorted([cases["sakura"].id, cases["hinata"].id]))
    search.clear()
    type_japanese(search, "ひなた")
    qtbot.waitUntil(lambda: _list_ids(window) == [cases["hinata"].id])
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # Esc empties the search
    assert search.text() == ""
    qtbot.waitUntil(lambda: len(_list_ids(window)) == 3)
    window.case_list.choose_stage(Stage.CONSULTATION)
    assert _list_ids(window) == [cases["obi"].id]
    combo = window.case_list.stage_filter
    combo.setCurrentIndex(combo.findText("手続中の案件"))
    assert len(_list_ids(window)) == 3
    combo.setCurrentIndex(combo.findText("終了した案件"))
    assert _list_ids(window) == []
    combo.setCurrentIndex(0)
    years = window.case_list.year_filter
    assert [years.itemText(i) for i in range(years.count())] == ["すべての年度", "令和8年度", "令和7年度"]
    years.setCurrentIndex(1)  # the consultation of April 2026 is numbered in 令和8年度
    assert _list_ids(window) == [cases["obi"].id]


def test_clicking_a_header_sorts_by_real_dates(qtbot, window, cases):
    window.tabs.setCurrentIndex(1)
    view = window.case_list.view
    view.sortByColumn(CaseListModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    assert _list_ids(window) == [cases["hinata"].id, cases["sakura"].id, cases["obi"].id]


def test_ctrl_f_focuses_search_and_f5_reloads(qtbot, window, store):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.waitUntil(window.case_list.search.hasFocus)
    added = add_case(store, "新しい会")
    assert added.id not in _list_ids(window)
    with qtbot.waitSignal(window.refreshed):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert added.id in _list_ids(window)


def test_a_reload_lets_go_of_the_dashboards_old_rows(qtbot, window):
    """The rows the dashboard showed are freed after a reload (a part per turn, not kept for good)."""
    old = window.dashboard.model.rows_before()
    assert old
    gone = weakref.ref(old[0])
    del old
    with qtbot.waitSignal(window.refreshed):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.dashboard.model.rows_before()  # the new rows are shown
    assert gone() is None


def test_new_day_refreshes_days_left(qtbot, window, monkeypatch):
    m = window.dashboard.model
    before = m.days_left(m.row_at(0))
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=1))
    with qtbot.waitSignal(window.refreshed):
        window.day_watcher.timer.timeout.emit()  # what the midnight timer does
    assert m.today == TODAY + timedelta(days=1)
    assert m.days_left(m.row_at(0)) == before - 1
    assert "令和8年4月11日(土)" in window.dashboard.today_label.text()


def test_double_click_opens_one_editor_per_case(qtbot, window, cases):
    view = window.dashboard.view
    index = window.dashboard.model.index(0, DashboardModel.NAME)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    case_id = cases["hinata"].id
    assert list(window.editors) == [case_id]
    editor = window.editors[case_id]
    assert editor.isVisible()
    window.open_case(case_id)
    assert list(window.editors.values()) == [editor]


def test_a_save_in_an_editor_refreshes_the_window(qtbot, window, store, cases):
    window.open_case(cases["obi"].id)
    editor = window.editors[cases["obi"].id]
    changed = case_store.save_case(
        store,
        case_store.with_facts(
            case_store.get_case(store, cases["obi"].id),
            case_store.facts_of(cases["obi"]).__class__(received_on=TODAY),
        ),
        who="test",
    )
    editor.saved.emit(changed.id)
    assert cases["obi"].id in _dashboard_ids(window)


def test_geometry_tab_and_columns_are_remembered(qtbot, store, cases):
    first = loaded(qtbot, MainWindow(store))
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 500)  # inside the offscreen screen (800x600): restoreGeometry keeps windows on screen
    size = first.size()
    assert size.height() == 500
    first.tabs.setCurrentIndex(1)
    first.case_list.view.sortByColumn(CaseListModel.NAME, Qt.SortOrder.AscendingOrder)
    first.case_list.view.setColumnWidth(CaseListModel.NAME, 333)
    assert first.close()
    second = loaded(qtbot, MainWindow(store))
    qtbot.addWidget(second)
    assert second.size() == size
    assert second.tabs.currentIndex() == 1
    header = second.case_list.view.horizontalHeader()
    assert header.sortIndicatorSection() == CaseListModel.NAME
    assert header.sectionSize(CaseListModel.NAME) == 333


def test_report_actions_are_wired_to_the_reports_module(window, store, monkeypatch):
    calls = []
    fake = types.ModuleType("npo_desk.gui.report_actions")
    fake.print_deadline_report = lambda parent, st: calls.append(("print", parent, st))  # type: ignore[attr-defined]
    fake.export_cases = lambda parent, st: calls.append(("export", parent, st))  # type: ignore[attr-defined]
    fake.import_ledger = lambda parent, st: calls.append(("import", parent, st))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "npo_desk.gui.report_actions", fake)
    window.action("actionPrintDeadlines").trigger()
    window.action("actionExport").trigger()
    window.action("actionImport").trigger()
    assert calls == [("print", window, store), ("export", window, store), ("import", window, store)]
    assert window.action("actionPrintDeadlines").shortcut().toString() == "Ctrl+P"


def test_backup_writes_a_usable_copy(window, store, tmp_path, monkeypatch):
    target = tmp_path / "copy.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    window.action("actionBackup").trigger()
    assert target.is_file() and str(target) in told[0]
    copy = case_store.open_store(str(target))
    try:
        assert len(case_store.list_cases(copy)) == 3
    finally:
        copy.close()


def test_store_error_during_refresh_is_a_japanese_dialog(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)

    def busy(*_args, **_kwargs):
        raise case_store.StoreBusy()

    monkeypatch.setattr(case_store, "list_cases", busy)
    window.refresh()
    qtbot.waitUntil(lambda: bool(shown))
    assert "使用中" in shown[0]
    assert len(_list_ids(window)) == 3  # what was shown before stays


def test_reload_requested_during_a_load_follows_it(qtbot, window, store):
    window.refresh()
    added = add_case(store, "途中で増えた会")
    window.refresh()  # merged into one more load after the running one
    qtbot.waitUntil(lambda: added.id in _list_ids(window) and not window.loading)


def test_closing_waits_for_editors_that_keep_unsaved_changes(qtbot, window, cases, monkeypatch):
    window.open_case(cases["obi"].id)
    editor = window.editors[cases["obi"].id]
    monkeypatch.setattr(editor, "close", lambda: False)  # the clerk answered キャンセル to "unsaved changes"
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(editor, "close", lambda: True)
    assert window.close()


def test_window_title_names_the_database(window):
    assert window.windowTitle() == "cases.db"


def test_hidden_columns_are_remembered(qtbot, window, store):
    header = window.case_list.view.horizontalHeader()
    header.setSectionHidden(CaseListModel.CLERK, True)
    assert window.close()
    again = loaded(qtbot, MainWindow(store))
    qtbot.addWidget(again)
    assert again.case_list.view.horizontalHeader().isSectionHidden(CaseListModel.CLERK)


def test_an_empty_ledger_says_how_to_begin(qtbot, tmp_path):
    empty = case_store.open_store(str(tmp_path / "empty.db"))
    try:
        w = loaded(qtbot, MainWindow(empty))
        qtbot.addWidget(w)
        assert "Ctrl+N" in w.dashboard.summary.text()
        assert w.case_list.count.text() == "0件"
    finally:
        empty.close()


def test_the_count_follows_a_saved_first_case_and_a_deletion_without_a_search(qtbot, tmp_path):
    """Issue 8: the first case saved in an empty ledger showed 「0件」 beside it until the next search."""
    empty = case_store.open_store(str(tmp_path / "empty.db"))
    try:
        w = loaded(qtbot, MainWindow(empty))
        qtbot.addWidget(w)
        first = add_case(empty, "最初の会")
        w.update_case(first.id)
        assert w.case_list.count.text() == "1件"
        w.case_list.choose_stage(Stage.ESTABLISHED)  # a filter the second case does not pass
        second = add_case(empty, "二番目の会")
        w.update_case(second.id)
        assert w.case_list.count.text() == "0件 / 全2件"
        case_store.delete_case(empty, second.id, version=second.version, who="test")
        w.update_case(second.id)
        assert w.case_list.count.text() == "0件 / 全1件"
    finally:
        empty.close()


def test_accepted_settings_reload_the_window_and_open_editors(qtbot, window, store, cases, monkeypatch):
    from npo_desk.gui.settings_dialog import SettingsDialog

    window.open_case(cases["obi"].id)
    editor = window.editors[cases["obi"].id]
    reloaded = []
    monkeypatch.setattr(editor, "reload_settings", lambda: reloaded.append(True))

    def accept(dialog: SettingsDialog) -> int:
        settings = replace(case_store.load_settings(store), home_authority="宮崎県")
        case_store.save_settings(store, settings, who="test")
        return int(SettingsDialog.DialogCode.Accepted)

    monkeypatch.setattr(SettingsDialog, "exec", accept)
    with qtbot.waitSignal(window.refreshed):
        window.action("actionSettings").trigger()
    assert window.authority_label.text() == "当庁: 宮崎県"
    assert reloaded == [True]


def test_ctrl_n_opens_a_new_case_editor_that_becomes_the_case_editor_once_saved(qtbot, window, store):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(window.new_editors) == 1
    editor = window.new_editors[0]
    created = add_case(store, "新設の会")  # what the editor's save does, through the store
    editor.saved.emit(created.id)
    assert window.new_editors == [] and window.editors[created.id] is editor
    assert created.id in _list_ids(window)
    window.open_case(created.id)
    assert window.editors[created.id] is editor  # raised, not opened twice


def _answer(monkeypatch, role: QMessageBox.ButtonRole | None) -> list[str]:
    """Make every message box 'click' its button of ``role`` (None: キャンセル); returns the texts shown."""
    texts: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        texts.append(box.text())
        for button in box.buttons():
            if (role is None and box.standardButton(button) == QMessageBox.StandardButton.Cancel) or (
                role is not None and box.buttonRole(button) == role
            ):
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return texts


def test_delete_asks_then_hides_the_case_and_it_can_be_restored(qtbot, window, store, cases, monkeypatch):
    from npo_desk.gui.deleted_cases import DeletedCasesDialog

    window.tabs.setCurrentIndex(1)
    victim = cases["hinata"].id
    window.case_list.view.selectRow(window.case_list.model.row_of_case(victim))
    asked = _answer(monkeypatch, None)
    window.action("actionDeleteCase").trigger()
    assert "ひなたの森" in asked[0] and victim in _list_ids(window)  # キャンセル: nothing happened

    _answer(monkeypatch, QMessageBox.ButtonRole.DestructiveRole)
    window.action("actionDeleteCase").trigger()
    assert victim not in _list_ids(window) and victim not in _dashboard_ids(window)
    assert case_store.get_case(store, victim).deleted_at is not None

    dialog = DeletedCasesDialog(store, window)
    qtbot.addWidget(dialog)
    dialog.restored.connect(window.update_case)
    assert dialog.list.count() == 1 and "R7-002" in dialog.list.item(0).text()
    dialog.list.item(0).setSelected(True)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0
    assert victim in _list_ids(window) and victim in _dashboard_ids(window)
    assert case_store.get_case(store, victim).deleted_at is None


def test_dashboard_clerk_filter_is_offered_and_remembered(qtbot, window, store, cases):
    hinata = case_store.get_case(store, cases["hinata"].id)
    case_store.save_case(store, replace(hinata, clerk="黒木 翔太"), who="test")
    with qtbot.waitSignal(window.refreshed):
        window.refresh()
    combo = window.dashboard.clerk_filter
    assert [combo.itemText(i) for i in range(combo.count())] == ["全員", "黒木 翔太"]
    combo.setCurrentIndex(1)
    assert _dashboard_ids(window) == [cases["hinata"].id]
    assert "全 1件" in window.dashboard.summary.text()
    assert window.close()
    again = loaded(qtbot, MainWindow(store))
    qtbot.addWidget(again)
    assert again.dashboard.clerk_filter.currentText() == "黒木 翔太"
    assert _dashboard_ids(again) == [cases["hinata"].id]


def _far_off_npo(st) -> Case:
    """An established NPO whose first 事業報告書等 (fiscal year to 30 June) is due 173 days from TODAY."""
    case = add_case(
        st,
        "遠い先の会",
        received=date(2025, 6, 2),
        certified=date(2025, 8, 1),
        certificate_delivered=date(2025, 8, 4),
        registered=date(2025, 8, 20),
        registration_notice=date(2025, 8, 25),
    )
    return case_store.save_case(st, replace(case, fiscal_year_start=(7, 1)), who="test")


def test_dashboard_horizon_hides_far_deadlines_keeps_overdue_and_is_remembered(qtbot, window, store, cases):
    far = _far_off_npo(store)
    with qtbot.waitSignal(window.refreshed):
        window.refresh()
    combo = window.dashboard.horizon_filter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "期限超過のみ",
        "7日以内",
        "30日以内",
        "90日以内",
        "すべて",
    ]
    assert combo.currentText() == "90日以内"  # the default
    assert far.id not in _dashboard_ids(window)
    assert window.dashboard.summary.text() == "期限切れ 1件・7日以内 0件・表示 2件 / 全 3件"
    combo.setCurrentIndex(combo.findText("すべて"))
    assert _dashboard_ids(window)[-1] == far.id and len(_dashboard_ids(window)) == 3
    assert window.dashboard.summary.text().endswith("表示 3件 / 全 3件")
    combo.setCurrentIndex(combo.findText("7日以内"))
    assert _dashboard_ids(window) == [cases["hinata"].id]  # nothing due this week, the overdue one stays
    combo.setCurrentIndex(combo.findText("期限超過のみ"))
    assert _dashboard_ids(window) == [cases["hinata"].id]
    assert window.dashboard.summary.text() == "期限切れ 1件・7日以内 0件・表示 1件 / 全 3件"
    assert window.close()
    again = loaded(qtbot, MainWindow(store))
    qtbot.addWidget(again)
    assert again.dashboard.horizon_filter.currentText() == "期限超過のみ"
    assert _dashboard_ids(again) == [cases["hinata"].id]


def test_dashboard_horizon_falls_back_to_90_days_on_a_bad_saved_value(qtbot, store, cases):
    settings = ui_settings()
    settings.setValue("dashboard/horizon", "来年まで")
    settings.sync()
    w = loaded(qtbot, MainWindow(store))
    qtbot.addWidget(w)
    assert w.dashboard.horizon_filter.currentText() == "90日以内"
    assert w.dashboard.model.horizon is Horizon.QUARTER


def test_row_menu_opens_prints_and_deletes(qtbot, window, store, cases, monkeypatch):
    calls = []
    fake = types.ModuleType("npo_desk.gui.report_actions")
    fake.print_case_sheet = lambda parent, st, case_id: calls.append(case_id)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "npo_desk.gui.report_actions", fake)
    menu = window.row_menu(cases["sakura"].id)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["案件を開く(&O)", "法人を開く", "案件票を印刷...", "文書を作成(&L)", "案件を削除(&D)..."]
    next(a for a in menu.actions() if a.text() == "案件票を印刷...").trigger()
    assert calls == [cases["sakura"].id]
