"""domain.agenda: which open deadlines the dashboard, `npo-desk due` and the calendar list, in what order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.agenda import Urgency, agenda, natural_key, order_key, urgency_of, within
from npo_desk.domain.deadlines import DEADLINE_LABELS, Deadline, DeadlineKey
from npo_desk.domain.due import Due, ManualDate

TODAY = date(2026, 12, 2)


@dataclass(frozen=True)
class Line:
    case_number: str
    clerk: str
    due: Due


def _line(number: str, clerk: str, offset: int, key: DeadlineKey, manual: int | None = None) -> Line:
    on = TODAY + timedelta(days=offset)
    deadline = Deadline(key, DEADLINE_LABELS[key], on, on, "法")
    return Line(
        number, clerk, Due(deadline, ManualDate(on + timedelta(days=manual)) if manual is not None else None)
    )


lines = st.lists(
    st.builds(
        _line,
        st.sampled_from(["R8-9", "R8-10", "R7-100", "H26-001"]),
        st.sampled_from(["田中", "黒木", ""]),
        st.integers(-400, 400),
        st.sampled_from(list(DeadlineKey)),
        st.none() | st.integers(-30, 30),
    ),
    max_size=30,
)


@given(lines, st.none() | st.integers(-1, 120), st.none() | st.sampled_from(["田中", "黒木"]))
def test_agenda_is_the_rule_applied_to_every_line(items, days, clerk) -> None:
    shown = agenda(items, TODAY, days, clerk)
    assert sorted(shown, key=order_key) == shown
    for item in items:
        left = item.due.days_left(TODAY)
        expected = (clerk is None or item.clerk == clerk) and (left < 0 or days is None or left <= days)
        assert (item in shown) is expected
    # An overdue deadline is never hidden by a horizon; a shorter horizon only ever hides more.
    overdue = [i for i in items if i.due.days_left(TODAY) < 0 and (clerk is None or i.clerk == clerk)]
    assert all(i in shown for i in overdue)
    if days is not None:
        assert set(agenda(items, TODAY, days - 1 if days > -1 else -1, clerk)) <= set(shown)


def test_order_by_the_day_that_counts_then_the_number_as_read() -> None:
    """The decision deadline (特定非営利活動促進法12条2項) counts to the law's date, also with a later
    manual date beside it; the same day goes by case number as read."""
    later_manual = _line("R8-10", "", 5, DeadlineKey.DECISION_DEADLINE, manual=20)
    same_day = _line("R8-9", "", 5, DeadlineKey.DECISION_DEADLINE)
    earlier = _line("R8-100", "", 4, DeadlineKey.CORRECTION_DEADLINE)
    assert agenda([later_manual, same_day, earlier], TODAY) == [earlier, same_day, later_manual]
    assert natural_key("R8-9") < natural_key("R8-10") < natural_key("R8-100")


def test_horizon_edges_and_urgency() -> None:
    assert within(-1, -1) and not within(0, -1)  # 期限超過のみ
    assert within(7, 7) and not within(8, 7) and within(-300, 0) and within(10_000, None)
    assert [urgency_of(d) for d in (-1, 0, 7, 8)] == [
        Urgency.OVERDUE,
        Urgency.SOON,
        Urgency.SOON,
        Urgency.LATER,
    ]
