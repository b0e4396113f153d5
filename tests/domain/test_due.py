"""A manual date beside the law's: which one counts, how both read (domain.due), and the closed day
on which a deadline that does not move falls (the last open day before it)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.calendar import ClosedDays
from npo_desk.domain.deadlines import Deadline, DeadlineKey, compute_deadlines, short_basis
from npo_desk.domain.due import STATUTORY, Due, ManualDate, ManualStatus, later_than_law
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.settings import DecisionPeriod, Settings

D = date.fromisoformat
K = DeadlineKey
# Demo case R8-003: received 2026-09-27, 縦覧 to 10-11; the clerk set the decision for 12-04.
RECEIVED = CaseFacts(received_on=D("2026-09-27"))
ONE_MONTH = Settings(decision_period=DecisionPeriod(months=1))
TODAY = D("2026-12-02")


def test_a_later_manual_date_never_hides_the_laws_date() -> None:
    """特定非営利活動促進法第12条第2項 and the 条例 (decision within 1 month after 縦覧): the decision is
    due 2026-11-11 and has passed; the clerk's 12-04 is later, so it is superseded, saying why."""
    decision = compute_deadlines(RECEIVED, ONE_MONTH)[K.DECISION_DEADLINE]
    due = Due(decision, ManualDate(D("2026-12-04"), "審査会の日程に合わせて前倒し"))
    assert decision.date == D("2026-11-11")
    assert due.status is ManualStatus.SUPERSEDED
    assert due.counts == D("2026-11-11") and due.days_left(TODAY) == -21
    assert due.days_left_text(TODAY) == "21日超過"
    assert due.explanation() == (
        "手動の期限 令和8年12月4日は法定の期限 令和8年11月11日(特定非営利活動促進法第12条第2項及び条例)"
        "より後のため、法定の期限によります"
    )
    assert due.date_text() == "令和8年11月11日(水)"
    assert due.manual_text() == "不採用 手動 令和8年12月4日(金)(法定の期限より後)"
    assert due.manual_details() == [
        "不採用 手動 令和8年12月4日(金)(法定の期限より後)",
        "理由: 審査会の日程に合わせて前倒し",
        due.explanation(),
    ]
    assert later_than_law(decision, D("2026-12-04"))


def test_an_earlier_manual_date_is_a_reminder_and_the_law_still_decides_the_days_left() -> None:
    """特定非営利活動促進法第12条第2項: with the Act's 2 months the decision is due 2026-12-11; the
    clerk's 12-04 is an earlier reminder, shown beside it, and the days left count to 12-11."""
    decision = compute_deadlines(RECEIVED, Settings())[K.DECISION_DEADLINE]
    due = Due(decision, ManualDate(D("2026-12-04"), "審査会"))
    assert decision.date == D("2026-12-11")
    assert due.status is ManualStatus.REMINDER
    assert due.counts == D("2026-12-11") and due.days_left_text(TODAY) == "あと9日"
    assert due.manual_text() == "手動 令和8年12月4日(金) 前倒しの目安"
    assert due.explanation() == ""
    assert due.summary() == "令和8年12月11日(金) [手動 令和8年12月4日(金) 前倒しの目安]"
    assert not later_than_law(decision, D("2026-12-11"))  # the law's own day is no later than itself
    assert later_than_law(decision, D("2026-12-12"))


def test_the_registration_notice_reminder_is_the_clerks_to_move() -> None:
    """特定非営利活動促進法第13条第2項: the 設立登記完了届 is due 「遅滞なく」, no date; the reminder date
    is the office's own, so a manual date replaces it, later or earlier."""
    facts = CaseFacts(registered_on=D("2026-10-01"))
    notice = compute_deadlines(facts, Settings())[K.REGISTRATION_NOTICE]
    assert K.REGISTRATION_NOTICE not in STATUTORY
    later = Due(notice, ManualDate(D("2027-01-15"), "法務局の証明書待ち"))
    assert later.status is ManualStatus.REPLACES and later.counts == D("2027-01-15")
    assert later.date_text() == "令和9年1月15日(金)(手動)"
    assert "当初の督促目安 令和8年11月30日(月)" in later.manual_text()
    assert not later_than_law(notice, D("2027-01-15"))


def test_without_a_manual_date_the_law_alone_reads() -> None:
    inspection = compute_deadlines(RECEIVED, Settings())[K.PUBLIC_INSPECTION_END]
    due = Due(inspection)
    assert (due.status, due.manual_text(), due.manual_details(), due.explanation()) == (None, "", [], "")
    assert due.summary() == due.date_text() == "令和8年10月11日(日) — 閉庁日のため実務上は10月9日(金)まで"


_LAW = Deadline(K.DECISION_DEADLINE, "認証・不認証の決定期限", D("2026-12-11"), D("2026-12-11"), "法")


@given(st.sampled_from(sorted(DeadlineKey)), st.integers(-400, 400))
def test_a_statutory_deadline_counts_to_the_law_whatever_the_manual_date(
    key: DeadlineKey, offset: int
) -> None:
    """For every deadline the law fixes, the day that counts is the law's, never the clerk's."""
    deadline = Deadline(key, "期限", _LAW.date, _LAW.date, "法")
    due = Due(deadline, ManualDate(_LAW.date + timedelta(days=offset), "理由"))
    if key in STATUTORY:
        assert due.counts == deadline.date
        assert (
            (due.status is ManualStatus.SUPERSEDED) == (offset > 0) == later_than_law(deadline, due.manual.on)
        )
    else:
        assert due.counts == due.manual.on and due.status is ManualStatus.REPLACES


# --- a deadline that does not move, on a closed day ----------------------------------------------


def test_a_decision_deadline_on_a_holiday_is_marked_with_the_last_open_day_before_it() -> None:
    """特定非営利活動促進法第12条第2項: the decision period does not move past closed days; on
    建国記念の日 2027-02-11 the office must decide by Wednesday 02-10 in practice."""
    # received 2026-11-27: 縦覧 ends 12-11; 2 months from 12-12 (counted) end on 2027-02-11.
    decision = compute_deadlines(CaseFacts(received_on=D("2026-11-27")), Settings())[K.DECISION_DEADLINE]
    assert decision.date == D("2027-02-11") and not decision.rolled
    assert (decision.last_open_day, decision.act_by) == (D("2027-02-10"), D("2027-02-10"))
    assert decision.closed_reason == "建国記念の日"
    assert decision.date_text() == "令和9年2月11日(木・建国記念の日) — 閉庁日のため実務上は2月10日(水)まで"
    due = Due(decision)
    assert due.counts == D("2027-02-10") and due.days_left(D("2027-02-10")) == 0


def test_a_weekend_names_only_the_weekday_and_year_end_crosses_the_year() -> None:
    sunday = compute_deadlines(CaseFacts(received_on=D("2026-10-01")), Settings())[K.PUBLIC_INSPECTION_END]
    assert sunday.date_text() == "令和8年10月15日(木)"  # an open day: nothing added
    saturday = compute_deadlines(CaseFacts(received_on=D("2026-10-03")), Settings())
    assert saturday[K.PUBLIC_INSPECTION_END].date_text() == (
        "令和8年10月17日(土) — 閉庁日のため実務上は10月16日(金)まで"
    )
    # 認証 2026-07-02: the 6 months of 13条3項 end 2027-01-02, in 年末年始; the last open day is in 2026
    grace = compute_deadlines(CaseFacts(certified_on=D("2026-07-02")), Settings())[K.REGISTRATION_GRACE_END]
    assert grace.last_open_day == D("2026-12-28")
    assert grace.date_text() == "令和9年1月2日(土・年末年始) — 閉庁日のため実務上は令和8年12月28日(月)まで"


def test_the_citys_own_closed_days_count_and_rolling_deadlines_are_not_marked() -> None:
    """地方自治法第4条の2第4項 moves the 補正 deadline forward; 縦覧 (10条2項) does not move, so a
    closed day of the city's 条例 gives it the last open day before it instead."""
    extra = Settings(extra_closed_days=frozenset({D("2026-10-15")}))
    found = compute_deadlines(CaseFacts(received_on=D("2026-10-01")), extra)
    inspection = found[K.PUBLIC_INSPECTION_END]
    assert (inspection.date, inspection.act_by, inspection.closed_reason) == (
        D("2026-10-15"),
        D("2026-10-14"),
        "条例で定める休日",
    )
    correction = found[K.CORRECTION_DEADLINE]
    assert correction.last_open_day is None and correction.act_by == correction.date


@pytest.mark.parametrize("rolls", [True, False])
def test_the_annual_report_is_marked_only_when_the_holiday_ordinance_does_not_move_it(rolls: bool) -> None:
    """特定非営利活動促進法第29条 and the 条例: 事業報告書等 are due within 3 months of the fiscal year's
    first day, for a year from 2025-03-01 by 2025-05-31, a Saturday: the 休日条例 moves it to 06-02, or,
    where it does not, the office's last open day before it is 05-30."""
    from npo_desk.domain.deadlines import annual_report_due

    due = annual_report_due(D("2025-03-01"), Settings(annual_report_rolls=rolls))
    assert due.date_text().startswith("令和7年")
    if rolls:
        assert (due.date, due.last_open_day) == (D("2025-06-02"), None)
    else:
        assert (due.date, due.act_by) == (D("2025-05-31"), D("2025-05-30"))


@given(st.dates(min_value=date(1999, 1, 1), max_value=date(2040, 12, 31)))
def test_previous_open_day_is_open_and_no_open_day_lies_between(d: date) -> None:
    closed = ClosedDays()
    before = closed.previous_open_day(d)
    assert before <= d and not closed.is_closed(before)
    assert all(closed.is_closed(before + timedelta(days=n)) for n in range(1, (d - before).days + 1))


@pytest.mark.parametrize(
    ("basis", "short"),
    [
        ("特定非営利活動促進法第12条第2項及び条例", "法12条2項・条例"),
        ("特定非営利活動促進法第10条第4項、地方自治法第4条の2第4項", "法10条4項・地方自治法4条の2第4項"),
        ("組合等登記令第2条第1項、行政機関の休日に関する法律第2条", "組合等登記令2条1項・行政機関休日法2条"),
        ("特定非営利活動促進法附則第3項", "法附則3項"),
    ],
)
def test_a_column_shows_the_basis_as_clerks_abbreviate_it(basis: str, short: str) -> None:
    """The dashboard and the case list show the basis without a hover (issue 8), short enough for a
    column; 「第4条の2第4項」 keeps the 第 that follows a branch number."""
    assert short_basis(basis) == short


def test_a_superseded_date_leads_with_its_verdict() -> None:
    """A narrow cell elides the middle: the 手動 text of a superseded date must begin with 「不採用」, so
    it can never be left reading 「…採用」 (特定非営利活動促進法第12条第2項: the law's date counts)."""
    deadline = compute_deadlines(RECEIVED, ONE_MONTH)[K.DECISION_DEADLINE]
    text = Due(deadline, ManualDate(D("2026-12-04"), "審査会")).manual_text()
    assert text.startswith("不採用")
