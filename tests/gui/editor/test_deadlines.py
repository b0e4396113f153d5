"""経過と期限: derived deadlines in 和暦 with weekday, roll-over notes, manual overrides, the timeline."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton

from npo_desk import store as case_store
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.gui.editor.dialogs import OverrideDialog
from npo_desk.gui.editor.timeline import axis_range, x_position
from npo_desk.store import DeadlineOverride, Milestone, MilestoneKind
from tests.gui.editor.cases import case
from tests.gui.editor.keys import type_text

M = MilestoneKind


def label(editor, name: str) -> QLabel:
    found = editor.deadlines_tab.body.findChild(QLabel, name)
    assert found is not None, name
    return found


def certified_case(**changes):
    return case(
        received=None,
        milestones=(
            Milestone(M.RECEIVED, date(2025, 2, 3)),
            Milestone(M.CERTIFIED, date(2025, 4, 15)),
            Milestone(M.CERTIFICATE_DELIVERED, date(2025, 4, 22)),
        ),
        **changes,
    )


def test_deadlines_sit_beside_their_milestone_in_wareki(open_editor, create):
    editor = open_editor(create(case(received=date(2026, 11, 20))).id)
    assert label(editor, "milestone_received_on").text() == "令和8年11月20日(金)"
    assert label(editor, "deadline_public_inspection_end").text() == "令和8年12月4日(金)"
    assert label(editor, "deadline_correction_deadline").text() == "令和8年11月27日(金)"
    # Pending deadlines say how long is left (today is 令和8年11月28日).
    assert label(editor, "status_public_inspection_end").text() == "あと6日"
    assert label(editor, "status_public_inspection_end").property("level") == "warning"


def test_a_rolled_deadline_says_from_which_date(open_editor, create):
    editor = open_editor(create(certified_case()).id)
    # 認証書 arrived 令和7年4月22日: two weeks end on 5月6日, a substitute holiday.
    assert label(editor, "deadline_registration_deadline").text() == "令和7年5月7日(水)"
    status = label(editor, "status_registration_deadline").text()
    assert "(5月6日(火)が振替休日のため繰延べ)" in status
    assert "日超過" in status  # not registered, long overdue
    assert label(editor, "status_registration_deadline").property("level") == "error"


def test_a_manual_override_needs_a_reason_and_shows_beside_the_computed_date(
    qtbot, monkeypatch, open_editor, create, store
):
    stored = create(case(received=date(2026, 11, 20)))
    editor = open_editor(stored.id)
    seen: dict[str, object] = {}

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OverrideDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["ok_without_reason"] = ok.isEnabled()
        dialog.field.set_value(date(2026, 11, 25))  # before the law's 11月27日: an earlier reminder
        dialog.reason.setFocus()
        type_text(dialog.reason, "補正の連絡を早めに行う")
        seen["ok_with_reason"] = ok.isEnabled()
        ok.click()

    QTimer.singleShot(0, fill_in)
    button = editor.deadlines_tab.body.findChild(QPushButton, "set_override_correction_deadline")
    button.click()
    assert seen == {"ok_without_reason": False, "ok_with_reason": True}
    text = label(editor, "override_correction_deadline").text()
    assert text == "手動 令和8年11月25日(水) 前倒しの目安\n理由: 補正の連絡を早めに行う"
    # The computed date is still there beside it.
    assert label(editor, "deadline_correction_deadline").text() == "令和8年11月27日(金)"

    editor.save_action.trigger()
    saved = case_store.get_case(store, stored.id).override(DeadlineKey.CORRECTION_DEADLINE.value)
    assert saved is not None
    assert (saved.on, saved.reason) == (date(2026, 11, 25), "補正の連絡を早めに行う")

    # 解除 removes it again (undoable like any edit).
    editor.deadlines_tab.body.findChild(QPushButton, "clear_override_correction_deadline").click()
    assert editor.session.case.deadline_overrides == ()
    editor.undo_action.trigger()
    assert editor.session.case.override("correction_deadline") == DeadlineOverride(
        "correction_deadline",
        date(2026, 11, 25),
        "補正の連絡を早めに行う",
        saved.set_by,
        saved.set_at,
    )


def test_milestone_dates_entered_directly(dialogs, open_editor, create):
    editor = open_editor(create(case(received=date(2026, 11, 20))).id)
    dialogs.dates.append(date(2026, 11, 25))
    editor.deadlines_tab.body.findChild(QPushButton, "edit_correction_received_on").click()
    assert editor.session.case.milestone(M.CORRECTION_RECEIVED).on == date(2026, 11, 25)
    assert label(editor, "milestone_correction_received_on").text() == "令和8年11月25日(水)"
    dialogs.dates.append("cleared")
    editor.deadlines_tab.body.findChild(QPushButton, "edit_correction_received_on").click()
    assert editor.session.case.milestone(M.CORRECTION_RECEIVED) is None


def test_the_timeline_draws_inspection_review_and_registration_with_today(open_editor, create):
    editor = open_editor(create(certified_case()).id)
    timeline = editor.deadlines_tab.timeline
    assert [s.label for s in timeline.spans] == ["縦覧", "審査", "登記"]
    assert timeline.spans[0].end == date(2025, 2, 17)
    assert timeline.spans[1].end == date(2025, 4, 15)  # ends at the decision itself
    assert not timeline.spans[2].done  # not registered yet: runs to its deadline
    assert timeline.spans[2].end == date(2025, 5, 7)
    # Today (令和8年) is far from these dates: the axis keeps the case's scale, today is an arrow at its end.
    first, last = axis_range(timeline.spans, timeline.today)
    assert first == date(2025, 1, 31) and last == date(2025, 5, 10)


def red_columns(widget) -> list[int]:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    red = QColor("#c62828")
    return [x for x in range(image.width()) if QColor(image.pixel(x, 40)) == red]


def test_the_today_marker_sits_at_today(open_editor, create):
    editor = open_editor(create(case(received=date(2026, 11, 20))).id)  # 縦覧 11月20日〜12月4日
    timeline = editor.deadlines_tab.timeline
    first, last = axis_range(timeline.spans, timeline.today)
    assert first < date(2026, 11, 28) < last
    columns = red_columns(timeline)
    assert columns, "no today line"
    expected = x_position(date(2026, 11, 28), first, last, timeline.width())
    assert min(abs(x - expected) for x in columns) <= 2


def test_no_receipt_no_bars(open_editor, create):
    editor = open_editor(create(case(received=None)).id)
    assert editor.deadlines_tab.timeline.spans == []


def test_milestone_notes_are_shown(open_editor, create):
    stored = create(case(received=None, milestones=(Milestone(M.CONSULTED, date(2026, 10, 1), "窓口相談"),)))
    editor = open_editor(stored.id)
    assert label(editor, "note_consulted_on").text() == "窓口相談"


def test_new_settings_recompute_the_deadlines_on_screen(open_editor, create, store):
    from dataclasses import replace

    from npo_desk.domain.settings import DecisionPeriod

    editor = open_editor(create(case(received=date(2026, 11, 20))).id)  # 縦覧 until 12月4日
    assert label(editor, "deadline_decision_deadline").text() == "令和9年2月4日(木)"  # 2 months
    settings = case_store.load_settings(store)
    case_store.save_settings(store, replace(settings, decision_period=DecisionPeriod(months=1)), who="テスト")
    editor.reload_settings()  # the 条例 now says one month
    assert label(editor, "deadline_decision_deadline").text() == "令和9年1月4日(月)"


# --- the law's date is never hidden by a manual one (特定非営利活動促進法第12条第2項) -------------------


def _one_month(store) -> None:
    """The 条例 shortens the decision period to one month (12条2項 allows it from 2012-04-01)."""
    from dataclasses import replace

    from npo_desk.domain.settings import DecisionPeriod

    settings = case_store.load_settings(store)
    case_store.save_settings(store, replace(settings, decision_period=DecisionPeriod(months=1)), who="テスト")


def test_a_passed_legal_date_is_overdue_in_red_although_a_later_manual_date_was_set(
    open_editor, create, store
):
    """特定非営利活動促進法第12条第2項 and the 条例 (1 month): received 2026-09-27, 縦覧 to 10-11, the
    decision was due 11-11. The clerk's 12-04 is later: superseded, and the editor says so and why."""
    _one_month(store)
    stored = create(
        case(
            received=date(2026, 9, 27),
            deadline_overrides=(DeadlineOverride("decision_deadline", date(2026, 12, 4), "審査会の日程"),),
        )
    )
    editor = open_editor(stored.id)
    assert label(editor, "deadline_decision_deadline").text() == "令和8年11月11日(水)"
    status = label(editor, "status_decision_deadline")
    assert status.text() == "17日超過" and status.property("level") == "error"
    manual = label(editor, "override_decision_deadline")
    assert manual.text().splitlines() == [
        "不採用 手動 令和8年12月4日(金)(法定の期限より後)",
        "理由: 審査会の日程",
        "手動の期限 令和8年12月4日は法定の期限 令和8年11月11日(特定非営利活動促進法第12条第2項及び条例)"
        "より後のため、法定の期限によります",
    ]
    assert manual.property("level") == "error"
    assert label(editor, "basis_decision_deadline").text().strip() == (
        "根拠: 特定非営利活動促進法第12条第2項及び条例"
    )
    # The title bar names the law's date, overdue, in red.
    assert "令和8年11月11日(水)" in editor.next_label.text() and "17日超過" in editor.next_label.text()
    assert editor.next_label.property("level") == "error"


def test_an_earlier_manual_date_is_shown_as_a_reminder_and_the_law_counts(open_editor, create):
    """特定非営利活動促進法第12条第2項: 2 months after 縦覧 (to 12-11); the clerk's 12-04 is earlier."""
    stored = create(
        case(
            received=date(2026, 9, 27),
            deadline_overrides=(DeadlineOverride("decision_deadline", date(2026, 12, 4), "審査会の日程"),),
        )
    )
    editor = open_editor(stored.id)
    assert label(editor, "deadline_decision_deadline").text() == "令和8年12月11日(金)"
    status = label(editor, "status_decision_deadline")
    assert status.text() == "あと13日" and status.property("level") == "info"  # to the law's 12-11
    assert label(editor, "override_decision_deadline").text().splitlines()[0] == (
        "手動 令和8年12月4日(金) 前倒しの目安"
    )
    assert label(editor, "override_decision_deadline").property("level") == "warning"


def test_a_date_later_than_the_law_asks_for_confirmation_first(qtbot, dialogs, open_editor, create):
    """特定非営利活動促進法第10条 (補正) with 地方自治法第4条の2第4項: the correction window ends 11-27.
    A later date is set only after the clerk confirms, told what the law requires."""
    editor = open_editor(create(case(received=date(2026, 11, 20))).id)
    seen: dict[str, object] = {}

    def fill_in(answer: bool) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OverrideDialog)
        seen["rule"] = dialog.findChild(QLabel, "manualRule").text()
        dialog.field.set_value(date(2026, 12, 4))
        dialog.reason.setText("申請者の求めにより補正期間を延長")
        dialogs.confirm.append(answer)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        seen["open_after_ok"] = dialog.isVisible()
        if dialog.isVisible():
            dialog.reject()

    button = editor.deadlines_tab.body.findChild(QPushButton, "set_override_correction_deadline")
    QTimer.singleShot(0, lambda: fill_in(False))
    button.click()
    (question,) = dialogs.questions
    assert "補正の期限は、法律上 令和8年11月27日(金)までです" in question
    assert "特定非営利活動促進法第10条" in question and "令和8年12月4日(金)" in question
    assert "法定の期限より後の日付は採用されず" in seen["rule"]  # said before the clerk types
    assert seen["open_after_ok"] is True  # いいえ: back in the dialog, nothing set
    assert editor.session.case.deadline_overrides == ()

    button = editor.deadlines_tab.body.findChild(QPushButton, "set_override_correction_deadline")
    QTimer.singleShot(0, lambda: fill_in(True))
    button.click()
    assert seen["open_after_ok"] is False
    assert editor.session.case.override("correction_deadline").on == date(2026, 12, 4)
    shown = label(editor, "override_correction_deadline").text()
    assert shown.startswith("不採用 手動 令和8年12月4日(金)(法定の期限より後)")
    assert label(editor, "deadline_correction_deadline").text() == "令和8年11月27日(金)"  # the law's


def test_a_deadline_on_a_closed_day_names_the_last_open_day(open_editor, create):
    """特定非営利活動促進法第10条第2項: 縦覧 does not move; received 2026-10-03, it ends on Saturday
    10-17, so the office's last open day for it is Friday 10-16."""
    editor = open_editor(create(case(received=date(2026, 10, 3))).id)
    assert label(editor, "deadline_public_inspection_end").text() == (
        "令和8年10月17日(土) — 閉庁日のため実務上は10月16日(金)まで"
    )


def test_a_correction_received_after_today_is_refused_a_planned_consultation_is_not(
    dialogs, open_editor, create, today
):
    """Issue 8: 補正 (特定非営利活動促進法第10条第3項) is received when it is recorded: a day to come is
    refused in words; a 相談 booked for next week may be noted ahead."""
    from datetime import timedelta

    editor = open_editor(create(case()).id)
    dialogs.dates.append(today + timedelta(days=1))
    editor.deadlines_tab.body.findChild(QPushButton, "edit_correction_received_on").click()
    assert dialogs.errors and "補正受付の日付" in dialogs.errors[0] and "より後です" in dialogs.errors[0]
    assert editor.session.derived.facts.correction_received_on is None
    dialogs.dates.append(today + timedelta(days=7))
    editor.deadlines_tab.body.findChild(QPushButton, "edit_consulted_on").click()
    assert editor.session.derived.facts.consulted_on == today + timedelta(days=7)


def test_the_timeline_ends_the_review_at_the_laws_date_and_marks_the_manual_one(open_editor, create, store):
    """特定非営利活動促進法第12条第2項 and the 条例 (1 month): the 審査 bar runs to the law's 11-11; the
    clerk's later 12-04 is a mark labelled 手動 and 不採用, and the axis reaches it."""
    _one_month(store)
    stored = create(
        case(
            received=date(2026, 9, 27),
            deadline_overrides=(DeadlineOverride("decision_deadline", date(2026, 12, 4), "審査会の日程"),),
        )
    )
    timeline = open_editor(stored.id).deadlines_tab.timeline
    review = timeline.spans[1]
    assert (review.label, review.end, review.manual_on) == ("審査", date(2026, 11, 11), date(2026, 12, 4))
    assert review.end_text("〜{date}", "期限 {date}") == (
        "期限 令和8年11月11日・手動 令和8年12月4日 不採用(法定の期限より後)"
    )
    assert axis_range(timeline.spans, timeline.today)[1] >= date(2026, 12, 4)
    assert "不採用 手動 令和8年12月4日(金)" in timeline.toolTip()
