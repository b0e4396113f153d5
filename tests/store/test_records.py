"""The plain records' own small rules, read the same way by history, editor and 案件票."""

from __future__ import annotations

from datetime import date

from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.due import ManualDate, ManualStatus
from npo_desk.store import Case, DeadlineOverride, Officer, due_of


def test_officer_marks_list_what_applies_in_a_fixed_order() -> None:
    assert Officer("甲", "director").marks() == ()
    everything = Officer("乙", "auditor", paid=True, is_staff=True, relative_group="A")
    assert everything.marks() == ("報酬あり", "職員兼務", "親族グループA")


def test_a_case_hands_its_manual_date_to_the_domain_which_keeps_the_law() -> None:
    """特定非営利活動促進法第12条第2項: the decision is due by the law's date; the clerk's date beside
    it is a reminder when earlier, and does not count when later."""
    due = date(2026, 12, 7)
    key = DeadlineKey.DECISION_DEADLINE
    law = Deadline(key, "認証・不認証の決定期限", due, due, "特定非営利活動促進法第12条第2項")
    assert due_of(law, None).counts == date(2026, 12, 7)
    earlier = DeadlineOverride(key.value, date(2026, 11, 30), "審査会の日程")
    assert due_of(law, earlier).manual == ManualDate(date(2026, 11, 30), "審査会の日程")
    assert due_of(law, earlier).counts == date(2026, 12, 7)
    later = Case(name="x", deadline_overrides=(DeadlineOverride(key.value, date(2026, 12, 20), "延長"),))
    assert later.due(law).status is ManualStatus.SUPERSEDED and later.due(law).counts == due
