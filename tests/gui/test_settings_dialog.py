"""The settings dialog: typed values reach the store; bad values are refused in Japanese."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from npo_desk import refdata
from npo_desk import store as case_store
from npo_desk.domain.settings import DecisionPeriod, DecisionStart
from npo_desk.gui.forms import child
from npo_desk.gui.settings_dialog import SettingsDialog
from tests.gui.conftest import type_japanese


@pytest.fixture
def dialog(qtbot, store):
    d = SettingsDialog(store)
    qtbot.addWidget(d)
    d.show()
    return d


def _ok(qtbot, d: SettingsDialog) -> None:
    qtbot.mouseClick(d.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _click(qtbot, d: SettingsDialog, name: str) -> None:
    qtbot.mouseClick(child(d, QPushButton, name), Qt.MouseButton.LeftButton)


def test_shows_the_stored_settings(dialog):
    assert dialog.authority.text() == "宮崎県日南市"
    assert "事務処理特例条例" in dialog.authority_hint.text()
    assert dialog.decision_amount.value() == 2 and dialog.decision_unit.currentData() == "months"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"


def test_everything_typed_is_saved(qtbot, dialog, store):
    dialog.authority.clear()
    type_japanese(dialog.authority, "宮崎県日南市")
    type_japanese(dialog.delegated_edit, "串間市")
    _click(qtbot, dialog, "delegatedAdd")
    assert dialog.delegated.item(0).text() == "宮崎県串間市"
    dialog.decision_unit.setCurrentIndex(dialog.decision_unit.findData("days"))
    dialog.decision_amount.setValue(45)
    dialog.decision_start.setCurrentIndex(1)
    dialog.notice_days.setValue(30)
    dialog.annual_months.setValue(4)
    dialog.annual_rolls.setChecked(False)
    for day in (date(2026, 6, 15), date(2026, 5, 12)):
        dialog.closed_day_edit.setDate(QDate(day.year, day.month, day.day))
        _click(qtbot, dialog, "closedDayAdd")
    shown = [dialog.closed_days.item(i).text() for i in range(2)]
    assert shown == ["令和8年5月12日(火)", "令和8年6月15日(月)"]  # in date order
    type_japanese(dialog.clerks, "日南 花子\n\n飫肥 次郎\n日南 花子")
    _ok(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    saved = case_store.load_settings(store)
    assert saved.home_authority == "宮崎県日南市"
    kushima = refdata.municipality_index().resolve_authority("宮崎県串間市").code
    assert saved.delegated_municipalities == frozenset({kushima})
    assert saved.decision_period == DecisionPeriod(months=None, days=45)
    assert saved.decision_start is DecisionStart.AFTER_INSPECTION_NOT_COUNTED
    assert saved.registration_notice_overdue_days == 30
    assert (saved.annual_report_months, saved.annual_report_rolls) == (4, False)
    assert saved.extra_closed_days == frozenset({date(2026, 5, 12), date(2026, 6, 15)})
    assert saved.clerks == ("日南 花子", "飫肥 次郎")


def test_unknown_authority_is_refused_and_nothing_is_written(qtbot, dialog, store):
    dialog.authority.clear()
    type_japanese(dialog.authority, "宮崎県ほげ市")
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error.isVisible() and dialog.error.text()
    assert dialog.tabs.currentIndex() == SettingsDialog.AUTHORITY_TAB
    assert case_store.settings_history(store) == []


def test_decision_period_beyond_the_act_is_refused(qtbot, dialog, store):
    dialog.decision_amount.setValue(3)  # 3 months: 法12条2項 allows at most 2
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "2か月以内" in dialog.error.text()
    assert dialog.tabs.currentIndex() == SettingsDialog.PERIODS_TAB
    assert case_store.load_settings(store).decision_period == DecisionPeriod()


def test_delegated_municipality_of_another_prefecture_is_refused(qtbot, dialog):
    type_japanese(dialog.delegated_edit, "神奈川県鎌倉市")
    _click(qtbot, dialog, "delegatedAdd")
    assert dialog.delegated.count() == 0
    assert "別の都道府県" in dialog.error.text()


def test_a_day_that_is_already_closed_is_not_added(qtbot, dialog):
    dialog.closed_day_edit.setDate(QDate(2026, 5, 5))  # こどもの日
    _click(qtbot, dialog, "closedDayAdd")
    assert dialog.closed_days.count() == 0
    assert "こどもの日" in dialog.error.text()


def test_cancel_writes_nothing(qtbot, dialog, store):
    dialog.annual_months.setValue(6)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert case_store.load_settings(store).annual_report_months == 3
