"""The plain records' own small rules, read the same way by history, editor and 案件票."""

from __future__ import annotations

from datetime import date

from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.store import DeadlineOverride, Officer, effective_date


def test_officer_marks_list_what_applies_in_a_fixed_order() -> None:
    assert Officer("甲", "director").marks() == ()
    everything = Officer("乙", "auditor", paid=True, is_staff=True, relative_group="A")
    assert everything.marks() == ("報酬あり", "職員兼務", "親族グループA")


def test_the_clerks_date_wins_over_the_laws() -> None:
    due = date(2026, 12, 7)
    key = DeadlineKey.DECISION_DEADLINE
    law = Deadline(key, "認証・不認証の決定期限", due, due, "特定非営利活動促進法第12条第2項")
    assert effective_date(law, None) == date(2026, 12, 7)
    by_hand = DeadlineOverride(DeadlineKey.DECISION_DEADLINE.value, date(2026, 11, 30), "審査会の日程")
    assert effective_date(law, by_hand) == date(2026, 11, 30)
