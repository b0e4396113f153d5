"""Stage actions: offered only when allowed, checked by the domain, refused with the reason, undoable."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from npo_desk.domain.lifecycle import Action
from npo_desk.gui import clock
from npo_desk.gui.editor.dialogs import DateDialog
from tests.gui.editor.cases import case


def test_only_allowed_actions_are_enabled(open_editor, create):
    editor = open_editor(create(case(received=date(2026, 11, 20))).id)
    enabled = {a for a, q in editor.stage_actions.items() if q.isEnabled()}
    assert enabled == {Action.CERTIFY, Action.REFUSE, Action.WITHDRAW}
    assert editor.stage_label.text() == "段階: 縦覧中"


def test_a_decision_before_the_inspection_ends_is_refused_with_the_reason(dialogs, open_editor, create):
    stored = create(case(received=date(2026, 11, 20)))  # 縦覧 until 令和8年12月4日
    editor = open_editor(stored.id)
    dialogs.dates.append(date(2026, 11, 28))
    editor.stage_actions[Action.CERTIFY].trigger()
    assert len(dialogs.errors) == 1
    assert "縦覧期間(令和8年12月4日まで)が終わる前に、認証の決定はできません。" in dialogs.errors[0]
    # Nothing changed: no fact, nothing to undo, not modified.
    assert editor.session.case == stored
    assert editor.undo_stack.count() == 0
    assert not editor.isWindowModified()


def test_an_allowed_action_is_recorded_and_undone(dialogs, open_editor, create, store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 7))  # recorded on the day of the 認証
    stored = create(case(received=date(2026, 11, 20)))
    editor = open_editor(stored.id)
    dialogs.dates.append(date(2026, 12, 7))
    editor.stage_actions[Action.CERTIFY].trigger()
    assert dialogs.errors == []
    assert editor.session.derived.facts.certified_on == date(2026, 12, 7)
    assert editor.stage_label.text() == "段階: 認証・認証書未到達"
    assert editor.isWindowModified()
    assert editor.stage_actions[Action.DELIVER_CERTIFICATE].isEnabled()
    assert not editor.stage_actions[Action.CERTIFY].isEnabled()
    # The 経過と期限 tab shows the new fact with its derived deadline (和暦 with weekday).
    tab = editor.deadlines_tab
    assert tab.body is not None
    assert (
        tab.body.findChild(type(editor.title_label), "milestone_certified_on").text() == "令和8年12月7日(月)"
    )
    assert tab.body.findChild(type(editor.title_label), "deadline_registration_grace_end") is not None

    editor.undo_action.trigger()
    assert editor.session.derived.facts.certified_on is None
    assert editor.stage_actions[Action.CERTIFY].isEnabled()
    assert not editor.isWindowModified()
    editor.redo_action.trigger()
    assert editor.session.derived.facts.certified_on == date(2026, 12, 7)
    # Nothing reaches the store before saving.
    from npo_desk import store as case_store

    assert case_store.get_case(store, stored.id).milestone(case_store.MilestoneKind.CERTIFIED) is None


def test_cancelling_the_date_dialog_changes_nothing(dialogs, open_editor, create):
    editor = open_editor(create(case(received=date(2026, 11, 20))).id)
    dialogs.dates.append(None)
    editor.stage_actions[Action.WITHDRAW].trigger()
    assert editor.undo_stack.count() == 0
    assert dialogs.errors == []


def test_the_date_dialog_defaults_to_today_and_shows_wareki(qtbot, monkeypatch, today):
    """The real dialog, driven through its widgets (closed by a timer, never left blocking)."""
    monkeypatch.undo()  # the conftest replaced DateDialog.ask; this test uses the real one
    from npo_desk.gui import clock

    monkeypatch.setattr(clock, "today", lambda: today)
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DateDialog)
        seen["default"] = dialog.field.value()
        dialog.field.set_value(date(2026, 12, 7))
        seen["wareki"] = dialog.field.wareki.text()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    result = DateDialog.ask(None, "認証", "認証の日付を入力してください。", today)
    assert seen["default"] == today
    assert seen["wareki"] == "令和8年12月7日(月)"
    assert result == date(2026, 12, 7)


def test_the_last_recorded_action_can_be_corrected_or_taken_back(dialogs, open_editor, create):
    from PySide6.QtWidgets import QPushButton

    stored = create(case(received=date(2026, 11, 20)))
    editor = open_editor(stored.id)
    body = editor.deadlines_tab.body
    assert body.findChild(QPushButton, "correct_received_on") is not None
    # A typo in the receipt date: corrected, and every deadline follows.
    dialogs.dates.append(date(2026, 11, 19))
    body.findChild(QPushButton, "correct_received_on").click()
    assert editor.session.derived.facts.received_on == date(2026, 11, 19)
    assert editor.undo_stack.undoText() == "申請受理の訂正"
    # A date the domain refuses (before the Act) changes nothing and says why.
    dialogs.dates.append(date(1990, 1, 4))
    editor.deadlines_tab.body.findChild(QPushButton, "correct_received_on").click()
    assert len(dialogs.errors) == 1
    assert editor.session.derived.facts.received_on == date(2026, 11, 19)
    # Taking the receipt back returns the case to 相談.
    dialogs.dates.append("cleared")
    editor.deadlines_tab.body.findChild(QPushButton, "correct_received_on").click()
    assert editor.session.derived.facts.received_on is None
    assert editor.stage_label.text() == "段階: 相談"
    assert editor.stage_actions[Action.RECEIVE].isEnabled()


def test_only_the_last_action_offers_a_correction(open_editor, create):
    from PySide6.QtWidgets import QPushButton

    from npo_desk.store import Milestone, MilestoneKind

    stored = create(
        case(
            received=None,
            milestones=(
                Milestone(MilestoneKind.RECEIVED, date(2026, 10, 1)),
                Milestone(MilestoneKind.CERTIFIED, date(2026, 11, 2)),
            ),
        )
    )
    body = open_editor(stored.id).deadlines_tab.body
    assert body.findChild(QPushButton, "correct_received_on") is None
    assert body.findChild(QPushButton, "correct_certified_on") is not None


def test_a_new_day_moves_the_stage_on(monkeypatch, open_editor, create):
    from npo_desk.gui import clock

    editor = open_editor(create(case(received=date(2026, 11, 20))).id)  # 縦覧 until 12月4日
    assert editor.stage_label.text() == "段階: 縦覧中"
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 5))
    editor._new_day()
    assert editor.stage_label.text() == "段階: 審査中"
    assert editor.deadlines_tab.timeline.today == date(2026, 12, 5)


def test_a_receipt_before_the_act_is_refused_not_crashed(dialogs, open_editor, create):
    editor = open_editor(create(case(received=None)).id)
    dialogs.dates.append(date(1997, 4, 1))
    assert not editor.take_action(Action.RECEIVE)
    assert dialogs.errors and "施行日" in dialogs.errors[0]
    assert editor.session.derived.facts.received_on is None


def test_receiving_a_case_that_is_not_ours_asks_first(dialogs, open_editor, create):
    from npo_desk.store import Office

    stored = create(case(received=None, offices=(Office("宮崎県宮崎市橘通西1丁目1番1号"),)))
    editor = open_editor(stored.id)
    assert not editor.take_action(Action.RECEIVE)  # いいえ: nothing asked for, nothing recorded
    assert "所轄庁は宮崎県です" in dialogs.questions[0]
    assert editor.session.derived.facts.received_on is None
    dialogs.confirm.append(True)
    dialogs.dates.append(date(2026, 11, 27))
    assert editor.take_action(Action.RECEIVE)
    assert editor.session.derived.facts.received_on == date(2026, 11, 27)


def test_receiving_our_own_case_asks_nothing(dialogs, open_editor, create):
    editor = open_editor(create(case(received=None)).id)
    dialogs.dates.append(date(2026, 11, 27))
    assert editor.take_action(Action.RECEIVE)
    assert dialogs.questions == []


def test_a_certification_dated_after_today_is_refused_with_the_reason(dialogs, open_editor, create, today):
    """Issue 8: 認証 typed for a day still to come (特定非営利活動促進法第12条: the decision is a fact,
    and 第13条第1項's 6 months run from it) is refused in words; nothing is recorded."""
    stored = create(case(received=date(2026, 10, 1)))  # 縦覧 long over: only the date is wrong
    editor = open_editor(stored.id)
    dialogs.dates.append(date(2027, 11, 27))  # 2027 typed for 2026
    editor.stage_actions[Action.CERTIFY].trigger()
    assert dialogs.errors == [
        "認証の日付(令和9年11月27日)が今日(令和8年11月28日)より後です。"
        "まだ起きていないことは記録できません。日付を確かめてください。"
    ]
    assert editor.session.case == stored and editor.undo_stack.count() == 0
    dialogs.dates.append(today)  # today itself is fine
    editor.stage_actions[Action.CERTIFY].trigger()
    assert editor.session.derived.facts.certified_on == today


@pytest.mark.parametrize(
    ("received", "initial"),
    [
        (date(2026, 10, 1), date(2026, 11, 28)),  # the previous stage is past: today
        (date(2026, 12, 5), date(2026, 12, 5)),  # an old record dated ahead: never before it
    ],
)
def test_the_stage_dialog_starts_at_today_or_the_previous_stage_when_later(
    monkeypatch, open_editor, store, received, initial
):
    asked: list[date] = []

    def ask(_parent, _title, _prompt, start, **_kwargs):
        asked.append(start)
        return None

    monkeypatch.setattr(DateDialog, "ask", staticmethod(ask))
    from npo_desk import store as case_store

    # stored as of its receipt: an older record, from before future facts were refused
    stored = case_store.create_case(store, case(received=received), who="テスト", today=received)
    editor = open_editor(stored.id)
    editor.stage_actions[Action.WITHDRAW].trigger()
    assert asked == [initial]
