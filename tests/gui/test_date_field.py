"""The one date field (issue 8): typed as clerks write dates, read by the command line's parser."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QStyle, QStyleOptionFrame, QWidget

from npo_desk.domain.wareki import parse_date
from npo_desk.gui.date_field import DateField
from npo_desk.gui.editor.dialogs import DateDialog
from tests.gui.conftest import type_japanese


@pytest.fixture
def field(qtbot) -> DateField:
    widget = DateField(initial=date(2026, 12, 2))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_into(qtbot, field: DateField, text: str) -> None:
    """Select all and type, key by key, then leave the field with Enter (as the clerk does)."""
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(field.edit, text)
    else:  # 令和…, full-width digits: committed by the input method
        type_japanese(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    "typed",
    ["2027-01-05", "2027/1/5", "20270105", "R9.1.5", "令和9年1月5日", "２０２７／１／５", "r9.1.5"],
)
def test_each_typed_form_gives_the_day_with_its_wareki(qtbot, field, typed):
    """QDateEdit made 2027-01-05 into 2027-12-01 ("-" jumped a section); each form is now one day."""
    seen: list[object] = []
    field.dateChanged.connect(seen.append)
    type_into(qtbot, field, typed)
    assert field.value() == date(2027, 1, 5) == field.day()
    assert field.error() is None
    assert field.wareki.text() == "令和9年1月5日(火)"
    assert field.edit.text() == "2027-01-05"  # written back in one form once the clerk leaves it
    assert seen == [date(2027, 1, 5)]


def test_the_field_reads_exactly_what_the_command_line_reads(qtbot, field):
    for typed in ("H31.4.30", "令和元年5月1日", "2025年4月7日(月)"):
        type_into(qtbot, field, typed)
        assert field.value() == parse_date(typed)


def test_a_non_day_is_shown_in_red_with_the_parsers_words_and_kept_to_be_corrected(qtbot, field):
    type_into(qtbot, field, "2027-02-30")
    assert field.error() == "「2027-02-30」は存在しない日付です。"
    assert field.wareki.text() == field.error() and field.wareki.property("level") == "error"
    assert "border" in field.edit.styleSheet() and field.error() in field.edit.toolTip()
    assert field.edit.text() == "2027-02-30"  # the typed text stays, to be corrected
    assert field.value() is None
    with pytest.raises(Exception, match="存在しない日付"):
        field.day()
    type_into(qtbot, field, "R9.2.28")
    assert field.error() is None and field.wareki.property("level") == "info"


def test_blank_is_a_value_only_when_the_field_is_optional(qtbot):
    required, optional = DateField(initial=date(2026, 12, 2)), DateField(optional=True)
    for widget in (required, optional):
        qtbot.addWidget(widget)
        widget.show()
    type_into(qtbot, required, "")
    assert required.error() == "日付を入力してください。"
    assert optional.value() is None and optional.error() is None and optional.wareki.text() == ""


def test_days_outside_the_range_are_refused_by_name(qtbot, field):
    field.set_range(minimum=date(2026, 4, 1), maximum=date(2027, 3, 31))
    type_into(qtbot, field, "2027-04-01")
    assert field.error() == "令和9年3月31日より後の日付は入力できません。"
    type_into(qtbot, field, "2026-03-31")
    assert field.error() == "令和8年4月1日より前の日付は入力できません。"


def test_the_calendar_popup_picks_a_day(qtbot, field):
    field.show_calendar()
    assert field.popup.isVisible()
    assert field.calendar.selectedDate().toPython() == date(2026, 12, 2)
    field.calendar.setSelectedDate(field.calendar.selectedDate().addDays(3))
    field.calendar.activated.emit(field.calendar.selectedDate())
    assert not field.popup.isVisible()
    assert field.value() == date(2026, 12, 5) and field.wareki.text() == "令和8年12月5日(土)"


def test_arrow_keys_step_a_day(qtbot, field):
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == date(2026, 12, 3)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    assert field.value() == date(2026, 12, 1)


def test_the_date_dialog_refuses_ok_on_a_non_day_and_accepts_a_typed_one(qtbot):
    dialog = DateDialog("認証", "認証の日付を入力してください。", date(2026, 12, 2))
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    type_into(qtbot, dialog.field, "R8.13.1")
    ok.click()
    assert dialog.result() != DateDialog.DialogCode.Accepted and dialog.isVisible()
    assert "存在しない日付" in dialog.field.wareki.text()
    type_into(qtbot, dialog.field, "令和8年11月30日")
    ok.click()
    assert dialog.result() == DateDialog.DialogCode.Accepted
    assert dialog.field.day() == date(2026, 11, 30)


def test_half_typed_text_announces_no_day_on_the_way(qtbot, field):
    """Typing 2027-02-30 passes 2027-02-3, a real day: only the day the clerk leaves the field with
    counts, so nothing listening (the 和暦 aside) ever sees 2027-02-03."""
    seen: list[object] = []
    field.dateChanged.connect(seen.append)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "2027-02-3")
    assert field.wareki.text() == "令和9年2月3日(水)"  # a preview while typing
    qtbot.keyClicks(field.edit, "0")
    assert field.wareki.text() == "" and field.wareki.property("level") == "info"  # not red yet
    assert seen == []
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert seen == [] and field.error() == "「2027-02-30」は存在しない日付です。"


def test_the_placeholder_shows_whole_even_in_a_narrow_form(qtbot):
    """The placeholder was cut to 「例: 2027-01-05、R9.…」: the field is never narrower than it (nor than
    a typed 令和10年12月31日), measured as QLineEdit elides, and every form stays in the tooltip."""
    form = QWidget()
    layout = QFormLayout(form)
    field = DateField(form)
    layout.addRow("文書の日付", field)
    qtbot.addWidget(form)
    form.resize(120, 60)  # narrower than the field wants: the layout keeps its minimum
    form.show()
    edit = field.edit
    assert edit.placeholderText().startswith("例:")
    for refused in (False, True):  # blank and required, left: the red border of a refused date
        if refused:
            field.set_value(None)
            assert field.error() is not None and edit.styleSheet()
        option = QStyleOptionFrame()
        edit.initStyleOption(option)
        contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
        margins = edit.textMargins()
        room = contents.width() - margins.left() - margins.right() - 2 * 2  # and Qt's own 2 px a side
        for text in (edit.placeholderText(), "令和10年12月31日"):
            assert edit.fontMetrics().horizontalAdvance(text) <= room, (text, refused)
    assert all(
        form_ in edit.toolTip() for form_ in ("2027-01-05", "2027/1/5", "20270105", "R9.1.5", "令和9年1月5日")
    )
