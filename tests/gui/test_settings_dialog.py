"""The settings dialog: typed values reach the store; bad values are refused in Japanese."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from npo_desk import refdata
from npo_desk import store as case_store
from npo_desk.domain.settings import DecisionPeriod, DecisionStart, Delegation
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
    dialog.delegation_start.edit.clear()
    qtbot.keyClicks(dialog.delegation_start.edit, "H17.4.1")
    _click(qtbot, dialog, "delegatedAdd")
    assert dialog.delegated.item(0).text() == "宮崎県串間市 (平成17年4月1日から)"
    dialog.decision_unit.setCurrentIndex(dialog.decision_unit.findData("days"))
    dialog.decision_amount.setValue(45)
    dialog.decision_start.setCurrentIndex(1)
    dialog.notice_days.setValue(30)
    dialog.annual_months.setValue(4)
    dialog.annual_rolls.setChecked(False)
    for typed in ("2026-06-15", "R8.5.12"):  # typed as the clerk writes them
        dialog.closed_day_edit.edit.clear()
        qtbot.keyClicks(dialog.closed_day_edit.edit, typed)
        _click(qtbot, dialog, "closedDayAdd")
    shown = [dialog.closed_days.item(i).text() for i in range(2)]
    assert shown == ["令和8年5月12日(火)", "令和8年6月15日(月)"]  # in date order
    type_japanese(dialog.clerks, "日南 花子\n\n飫肥 次郎\n日南 花子")
    _ok(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    saved = case_store.load_settings(store)
    assert saved.home_authority == "宮崎県日南市"
    kushima = refdata.municipality_index().resolve_authority("宮崎県串間市").code
    assert saved.delegated_municipalities == frozenset({Delegation(kushima, date(2005, 4, 1))})
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
    dialog.closed_day_edit.set_value(date(2026, 5, 5))  # こどもの日
    _click(qtbot, dialog, "closedDayAdd")
    assert dialog.closed_days.count() == 0
    assert "こどもの日" in dialog.error.text()


def test_cancel_writes_nothing(qtbot, dialog, store):
    dialog.annual_months.setValue(6)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert case_store.load_settings(store).annual_report_months == 3


def test_a_closed_day_is_typed_like_any_date_and_a_non_day_is_not_added(qtbot, dialog):
    """Issue 8: the field took no typing until the year was double-clicked; now 20261228 is read
    (the same parser as the command line) and 2026-02-30 is refused in words, nothing added."""
    field = dialog.closed_day_edit
    field.edit.clear()
    qtbot.keyClicks(field.edit, "20270812")
    assert field.value() == date(2027, 8, 12) and field.wareki.text() == "令和9年8月12日(木)"
    field.edit.clear()
    qtbot.keyClicks(field.edit, "2027-02-30")
    _click(qtbot, dialog, "closedDayAdd")
    assert dialog.closed_days.count() == 0
    assert "存在しない日付" in dialog.error.text()


def test_a_delegation_has_dates_and_none_before_the_law_allowed_it(qtbot, dialog, store):
    """地方自治法第252条の17の2 (事務処理特例条例; 平成11年法律第87号, in force 2000-04-01): no municipality
    held a prefecture's powers before that day, so a start date before it is refused; a municipality
    may give the powers back (end date), and the dates reach the store."""
    type_japanese(dialog.delegated_edit, "宮崎県串間市")
    dialog.delegation_start.set_value(date(1999, 4, 1))
    _click(qtbot, dialog, "delegatedAdd")
    assert dialog.delegated.count() == 0
    assert "地方自治法第252条の17の2" in dialog.error.text()
    dialog.delegation_start.set_value(date(2005, 4, 1))
    dialog.delegation_end.set_value(date(2004, 3, 31))
    _click(qtbot, dialog, "delegatedAdd")
    assert dialog.delegated.count() == 0 and "終了日" in dialog.error.text()
    dialog.delegation_end.set_value(None)
    _click(qtbot, dialog, "delegatedAdd")
    assert dialog.delegated.item(0).text() == "宮崎県串間市 (平成17年4月1日から)"
    dialog.delegated.setCurrentRow(0)
    dialog.delegation_end.set_value(date(2023, 3, 31))
    _click(qtbot, dialog, "delegatedUpdate")
    assert dialog.delegated.item(0).text() == "宮崎県串間市 (平成17年4月1日から令和5年3月31日まで)"
    type_japanese(dialog.delegated_edit, "宮崎県日南市")  # our own municipality, to give it its dates
    dialog.delegation_start.set_value(date(2008, 4, 1))
    dialog.delegation_end.set_value(None)
    _click(qtbot, dialog, "delegatedAdd")
    _ok(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    index = refdata.municipality_index()
    kushima, nichinan = (index.resolve_authority(name).code for name in ("宮崎県串間市", "宮崎県日南市"))
    assert case_store.load_settings(store).delegated_municipalities == frozenset(
        {Delegation(kushima, date(2005, 4, 1), date(2023, 3, 31)), Delegation(nichinan, date(2008, 4, 1))}
    )


def test_stored_delegations_are_shown_with_their_dates(qtbot, store):
    index = refdata.municipality_index()
    kushima = index.resolve_authority("宮崎県串間市").code
    settings = case_store.load_settings(store)
    stored = replace(settings, delegated_municipalities=frozenset({Delegation(kushima, date(2010, 4, 1))}))
    case_store.save_settings(store, stored, who="田中")
    d = SettingsDialog(store)
    qtbot.addWidget(d)
    assert d.delegated.item(0).text() == "宮崎県串間市 (平成22年4月1日から)"
    d.delegated.setCurrentRow(0)
    assert d.delegation_start.value() == date(2010, 4, 1) and d.delegation_end.value() is None


def test_the_notice_reminder_is_named_a_reminder_not_a_deadline(dialog):
    """特定非営利活動促進法第13条第2項: the 設立登記完了届 is due 「遅滞なく」, the law fixes no date; the
    setting is the office's 督促の目安, worded as the dashboard's 「設立登記完了届の督促目安」."""
    from PySide6.QtWidgets import QLabel

    label = dialog.findChild(QLabel, "noticeLabel")
    assert label.text() == "設立登記完了届の督促の目安"
    assert "期限切れ" not in dialog.notice_days.suffix()
    assert "督促" in dialog.notice_days.suffix() and "法定の期限なし" in dialog.notice_days.suffix()


def test_letters_tab_saves_the_sender_number_contact_and_folder(qtbot, dialog, store, tmp_path):
    """設定 →「文書」: what every letter prints as its sender (首長) and 文書番号, and where the clerk's
    own templates are."""
    dialog.tabs.setCurrentIndex(dialog.LETTERS_TAB)
    assert "日南市" in dialog.authority_name.placeholderText()  # blank: from 当庁
    type_japanese(dialog.head_name, "日南 太郎")
    dialog.number_format.clear()
    type_japanese(dialog.number_format, "日南市指令第{番号}号")
    assert "日南市長\u3000日南 太郎" in dialog.letter_preview.text()
    assert "日南市指令第123号" in dialog.letter_preview.text()
    dialog.contact.setPlainText("市民協働課\n電話 0987-31-1111")
    folder = tmp_path / "文書テンプレート"
    dialog.template_folder.setText(str(folder))
    _click(qtbot, dialog, "copyTemplatesButton")
    assert "8 件のテンプレートをコピーしました" in dialog.error.text()
    assert len(list(folder.glob("*.docx"))) == 8
    _ok(qtbot, dialog)
    saved = case_store.load_settings(store)
    assert (saved.authority_name, saved.head_name, saved.document_number_format) == (
        "",
        "日南 太郎",
        "日南市指令第{番号}号",
    )
    assert (saved.letter_contact, saved.template_folder) == ("市民協働課\n電話 0987-31-1111", str(folder))


def test_a_number_pattern_without_its_number_is_refused_on_the_letters_tab(qtbot, dialog, store):
    dialog.tabs.setCurrentIndex(dialog.AUTHORITY_TAB)
    dialog.number_format.setText("日南市指令第号")
    assert "{番号} がありません" in dialog.letter_preview.text()
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.tabs.currentIndex() == dialog.LETTERS_TAB
    assert "{番号}" in dialog.error.text()
    assert case_store.load_settings(store).document_number_format == "第{番号}号"
