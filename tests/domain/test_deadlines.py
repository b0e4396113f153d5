"""Deadlines of a 設立認証 case: docs/legal-reference.md §4 worked examples, rolling, profiles, settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.calendar import ClosedDays
from npo_desk.domain.deadlines import (
    Deadline,
    DeadlineKey,
    annual_report_due,
    check_ordinance_decision_period,
    compute_deadlines,
    days_left_text,
    open_deadlines,
)
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.profiles import resolve_profile
from npo_desk.domain.settings import DecisionPeriod, DecisionStart, Settings

D = date.fromisoformat
K = DeadlineKey
DEFAULT = Settings()


def dates(facts: CaseFacts, settings: Settings = DEFAULT) -> dict[str, str]:
    return {k.value: d.date.isoformat() for k, d in compute_deadlines(facts, settings).items()}


# --- docs/legal-reference.md §4 worked examples---------------------------------------------------


def test_worked_example_receipt_2025_04_07() -> None:
    found = compute_deadlines(CaseFacts(received_on=D("2025-04-07")), DEFAULT)
    assert found[K.PUBLIC_INSPECTION_END].date == D("2025-04-21")
    assert found[K.CORRECTION_DEADLINE].date == D("2025-04-14")
    assert found[K.DECISION_DEADLINE].date == D("2025-06-21")
    assert found[K.PUBLIC_INSPECTION_END].basis == "特定非営利活動促進法第10条第2項"
    assert found[K.DECISION_DEADLINE].basis == "特定非営利活動促進法第12条第2項"
    # 10条4項 since 令和2年法律第72号
    assert found[K.CORRECTION_DEADLINE].basis.startswith("特定非営利活動促進法第10条第4項")
    assert set(found) == {K.PUBLIC_INSPECTION_END, K.CORRECTION_DEADLINE, K.DECISION_DEADLINE}


def test_worked_example_decision_runs_to_month_end() -> None:
    # 縦覧 ending 2025-12-30: start 12-31, no 02-31, so the month's last day.
    # Profile 2012-04-01 (2 months 縦覧): receipt 2025-10-30 ends 縦覧 on 2025-12-30.
    facts = CaseFacts(received_on=D("2025-10-30"), law_profile_id="2012-04-01")
    found = compute_deadlines(facts, DEFAULT)
    assert found[K.PUBLIC_INSPECTION_END].date == D("2025-12-30")
    assert found[K.DECISION_DEADLINE].date == D("2026-02-28")
    # the same under the current profile: receipt 2025-12-16, 2 weeks of 縦覧 to 12-30 (年末年始: no roll)
    current = compute_deadlines(CaseFacts(received_on=D("2025-12-16")), DEFAULT)
    assert current[K.PUBLIC_INSPECTION_END].date == D("2025-12-30")
    assert not current[K.PUBLIC_INSPECTION_END].rolled
    assert current[K.DECISION_DEADLINE].date == D("2026-02-28")


def test_worked_example_registration_rolls_past_substitute_holiday() -> None:
    found = compute_deadlines(CaseFacts(certificate_delivered_on=D("2025-04-22")), DEFAULT)
    reg = found[K.REGISTRATION_DEADLINE]
    assert (reg.unrolled, reg.date, reg.rolled, reg.closed_reason) == (
        D("2025-05-06"), D("2025-05-07"), True, "振替休日",
    )
    assert reg.basis.startswith("組合等登記令第2条第1項")


def test_worked_example_registration_grace() -> None:
    found = compute_deadlines(CaseFacts(certified_on=D("2025-10-21")), DEFAULT)
    assert found[K.REGISTRATION_GRACE_END].date == D("2026-04-21")
    assert found[K.REGISTRATION_GRACE_END].basis == "特定非営利活動促進法第13条第3項"


def test_seed_scenario_nichinan_2008() -> None:
    facts = CaseFacts(received_on=D("2008-10-15"))
    assert resolve_profile(facts).id == "2003-05-01"
    assert dates(facts) == {"public_inspection_end": "2008-12-15", "decision_deadline": "2009-02-15"}


def test_decision_start_reading_is_consistent_with_both_examples() -> None:
    # "the day after 縦覧 ends, counted": 縦覧 to 04-21 -> 06-21; 縦覧 to 2008-12-15 -> 2009-02-15
    assert dates(CaseFacts(received_on=D("2025-04-07")))["decision_deadline"] == "2025-06-21"
    assert dates(CaseFacts(received_on=D("2008-10-15")))["decision_deadline"] == "2009-02-15"


def test_decision_start_not_counted_setting_ends_a_day_later() -> None:
    later = Settings(decision_start=DecisionStart.AFTER_INSPECTION_NOT_COUNTED)
    assert dates(CaseFacts(received_on=D("2025-04-07")), later)["decision_deadline"] == "2025-06-22"


# --- 条例 decision period ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "deadline", "basis"),
    [
        (DecisionPeriod(months=1), "2025-05-21", "特定非営利活動促進法第12条第2項及び条例"),
        (DecisionPeriod(months=None, days=30), "2025-05-21", "特定非営利活動促進法第12条第2項及び条例"),
        (DecisionPeriod(months=None, days=45), "2025-06-05", "特定非営利活動促進法第12条第2項及び条例"),
        (DecisionPeriod(months=2), "2025-06-21", "特定非営利活動促進法第12条第2項"),
        # a 条例 may only shorten: 3 months is ignored
        (DecisionPeriod(months=3), "2025-06-21", "特定非営利活動促進法第12条第2項"),
    ],
)
def test_ordinance_decision_period(period: DecisionPeriod, deadline: str, basis: str) -> None:
    found = compute_deadlines(CaseFacts(received_on=D("2025-04-07")), Settings(decision_period=period))
    assert found[K.DECISION_DEADLINE].date == D(deadline)
    assert found[K.DECISION_DEADLINE].basis == basis


def test_ordinance_cannot_shorten_before_2012() -> None:
    short = Settings(decision_period=DecisionPeriod(months=1))
    assert dates(CaseFacts(received_on=D("2008-10-15")), short)["decision_deadline"] == "2009-02-15"


@pytest.mark.parametrize(
    "period", [DecisionPeriod(months=None, days=None), DecisionPeriod(months=1, days=20)]
)
def test_ordinance_period_must_be_months_or_days(period: DecisionPeriod) -> None:
    with pytest.raises(InvalidInput, match="どちらか一方"):
        compute_deadlines(CaseFacts(received_on=D("2025-04-07")), Settings(decision_period=period))


@pytest.mark.parametrize(
    "period", [DecisionPeriod(months=2), DecisionPeriod(months=1), DecisionPeriod(months=None, days=62)]
)
def test_an_ordinance_period_within_the_act_is_accepted(period: DecisionPeriod) -> None:
    check_ordinance_decision_period(period)


@pytest.mark.parametrize(
    ("period", "match"),
    [
        (DecisionPeriod(months=3), "2か月以内 \\(日数なら62日以内\\)"),
        (DecisionPeriod(months=None, days=63), "2か月以内 \\(日数なら62日以内\\)"),
        (DecisionPeriod(months=1, days=20), "どちらか一方"),
    ],
)
def test_an_ordinance_period_beyond_the_act_is_refused(period: DecisionPeriod, match: str) -> None:
    with pytest.raises(InvalidInput, match=match):
        check_ordinance_decision_period(period)


# --- profile boundaries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # 附則第3項: applications of the first six months were to be decided within 10 months of 施行.
        ("1998-12-01", {"public_inspection_end": "1999-02-01", "decision_deadline": "1999-09-30"}),
        ("1999-05-31", {"public_inspection_end": "1999-07-31", "decision_deadline": "1999-09-30"}),
        ("1999-06-01", {"public_inspection_end": "1999-08-01", "decision_deadline": "1999-10-01"}),
        # Pending on 2012-04-01: 平成23年法律第70号's 補正 rule reaches it (no 経過措置 in its 附則).
        (
            "2012-03-31",
            {"public_inspection_end": "2012-05-31", "correction_deadline": "2012-05-01",
             "decision_deadline": "2012-07-31"},
        ),
        (
            "2012-04-01",
            {"public_inspection_end": "2012-06-01", "correction_deadline": "2012-05-01",
             "decision_deadline": "2012-08-01"},
        ),
        (
            "2017-03-31",
            {"public_inspection_end": "2017-05-31", "correction_deadline": "2017-05-01",
             "decision_deadline": "2017-07-31"},
        ),
        (
            "2017-04-01",
            {"public_inspection_end": "2017-05-01", "correction_deadline": "2017-04-17",
             "decision_deadline": "2017-07-01"},
        ),
        (
            "2021-06-08",
            {"public_inspection_end": "2021-07-08", "correction_deadline": "2021-06-22",
             "decision_deadline": "2021-09-08"},
        ),
        (
            "2021-06-09",
            {"public_inspection_end": "2021-06-23", "correction_deadline": "2021-06-16",
             "decision_deadline": "2021-08-23"},
        ),
    ],
)
def test_profile_boundaries(received: str, expected: dict[str, str]) -> None:
    assert dates(CaseFacts(received_on=D(received))) == expected


def test_correction_rolls_2012_and_2017() -> None:
    # 2012-03-31 has no 補正 (profile 2003-05-01). 2012-04-01 + 1 month = 05-01 (a Tuesday, open).
    # 2017-03-31 + 1 month = 04-30 (日曜日), then 05-01 open. 2017-04-01 + 2 weeks = 04-15 (土) -> 04-17.
    c2017 = compute_deadlines(CaseFacts(received_on=D("2017-03-31")), DEFAULT)[K.CORRECTION_DEADLINE]
    assert (c2017.unrolled, c2017.date, c2017.closed_reason) == (D("2017-04-30"), D("2017-05-01"), "日曜日")
    c = compute_deadlines(CaseFacts(received_on=D("2017-04-01")), DEFAULT)[K.CORRECTION_DEADLINE]
    assert (c.unrolled, c.date, c.closed_reason) == (D("2017-04-15"), D("2017-04-17"), "土曜日")


def test_explicit_profile_overrides_receipt_date() -> None:
    facts = CaseFacts(received_on=D("2021-06-09"), law_profile_id="2017-04-01")
    assert dates(facts)["public_inspection_end"] == "2021-07-09"


# --- rolling: which deadlines roll, which do not ------------------------------------------------


def test_inspection_and_decision_never_roll() -> None:
    # 受理 2025-04-19 (土): 縦覧 ends 05-03 (憲法記念日), decision 07-03; neither moves.
    found = compute_deadlines(CaseFacts(received_on=D("2025-04-19")), DEFAULT)
    assert found[K.PUBLIC_INSPECTION_END].date == D("2025-05-03")
    assert not found[K.PUBLIC_INSPECTION_END].rolled
    # 受理 2025-04-26: correction 05-03 rolls over Golden Week to 05-07
    found = compute_deadlines(CaseFacts(received_on=D("2025-04-26")), DEFAULT)
    corr = found[K.CORRECTION_DEADLINE]
    assert (corr.unrolled, corr.date, corr.closed_reason) == (D("2025-05-03"), D("2025-05-07"), "憲法記念日")


def test_decision_deadline_on_a_sunday_stays() -> None:
    # 縦覧 ends 2025-04-21 -> decision 2025-06-21, a Saturday: not moved
    found = compute_deadlines(CaseFacts(received_on=D("2025-04-07")), DEFAULT)
    assert D("2025-06-21").weekday() == 5
    assert not found[K.DECISION_DEADLINE].rolled


def test_year_end_rolls_correction_and_registration() -> None:
    # 受理 2025-12-22: 補正 ends 12-29 (年末年始) -> 2026-01-05
    corr = compute_deadlines(CaseFacts(received_on=D("2025-12-22")), DEFAULT)[K.CORRECTION_DEADLINE]
    assert (corr.unrolled, corr.date, corr.closed_reason) == (D("2025-12-29"), D("2026-01-05"), "年末年始")
    # 認証書 2025-12-17: 2 weeks end 12-31 -> 2026-01-05
    reg = compute_deadlines(CaseFacts(certificate_delivered_on=D("2025-12-17")), DEFAULT)
    assert reg[K.REGISTRATION_DEADLINE].date == D("2026-01-05")


def test_extra_closed_days_roll_local_but_not_national_deadlines() -> None:
    extra = Settings(extra_closed_days=frozenset({D("2025-08-14")}))
    # 受理 2025-08-07: 補正 ends 08-14, a city closed day -> 08-15
    corr = compute_deadlines(CaseFacts(received_on=D("2025-08-07")), extra)[K.CORRECTION_DEADLINE]
    assert (corr.date, corr.closed_reason) == (D("2025-08-15"), "条例で定める休日")
    # 認証書 2025-07-31: registration at the 法務局 on 08-14 stays (a national office)
    reg = compute_deadlines(CaseFacts(certificate_delivered_on=D("2025-07-31")), extra)
    assert not reg[K.REGISTRATION_DEADLINE].rolled


def test_golden_week_2019_registration() -> None:
    # 認証書 2019-04-13: 2 weeks end 04-27 (土); closed through 05-06 -> 05-07
    reg = compute_deadlines(CaseFacts(certificate_delivered_on=D("2019-04-13")), DEFAULT)
    assert reg[K.REGISTRATION_DEADLINE].date == D("2019-05-07")


def test_grace_end_never_rolls_and_handles_month_end() -> None:
    # 認証 2025-08-31: 起算日 09-01, 6 months -> 2026-02-28 (the day before 03-01), a Saturday
    grace = compute_deadlines(CaseFacts(certified_on=D("2025-08-31")), DEFAULT)[K.REGISTRATION_GRACE_END]
    assert grace.date == D("2026-02-28") and not grace.rolled
    # leap year: 認証 2023-08-30 -> 起算日 08-31, no 02-31 in 2024 -> 02-29
    leap = compute_deadlines(CaseFacts(certified_on=D("2023-08-30")), DEFAULT)[K.REGISTRATION_GRACE_END]
    assert leap.date == D("2024-02-29")


def test_leap_year_receipt() -> None:
    # 受理 2011-12-29 (profile 2003-05-01): 縦覧 to 2012-02-29, decision from 03-01 to 04-30
    assert dates(CaseFacts(received_on=D("2011-12-29"))) == {
        "public_inspection_end": "2012-02-29", "decision_deadline": "2012-04-30",
    }


# --- registration notice and annual report -----------------------------------------------------


def test_registration_notice_is_an_overdue_marker() -> None:
    settings = Settings(registration_notice_overdue_days=30)
    found = compute_deadlines(CaseFacts(registered_on=D("2025-05-01")), settings)
    notice = found[K.REGISTRATION_NOTICE]
    assert notice.date == notice.unrolled == D("2025-05-31")
    assert notice.basis == "特定非営利活動促進法第13条第2項"
    assert "遅滞なく" in notice.note


def test_registration_notice_days_must_be_positive() -> None:
    with pytest.raises(InvalidInput, match="1日以上"):
        settings = Settings(registration_notice_overdue_days=0)
        compute_deadlines(CaseFacts(registered_on=D("2025-05-01")), settings)


@pytest.mark.parametrize(
    ("fy_start", "settings", "due", "unrolled"),
    [
        ("2025-04-01", DEFAULT, "2025-06-30", "2025-06-30"),
        ("2026-04-01", DEFAULT, "2026-06-30", "2026-06-30"),
        ("2025-01-01", DEFAULT, "2025-03-31", "2025-03-31"),
        ("2028-04-01", DEFAULT, "2028-06-30", "2028-06-30"),  # Friday
        ("2024-04-01", DEFAULT, "2024-07-01", "2024-06-30"),  # Sunday -> Monday
        ("2024-04-01", Settings(annual_report_rolls=False), "2024-06-30", "2024-06-30"),
        ("2024-04-01", Settings(annual_report_months=2), "2024-05-31", "2024-05-31"),
        ("2025-10-01", DEFAULT, "2026-01-05", "2025-12-31"),  # 年末年始
    ],
)
def test_annual_report_due(fy_start: str, settings: Settings, due: str, unrolled: str) -> None:
    report = annual_report_due(D(fy_start), settings)
    assert (report.date, report.unrolled) == (D(due), D(unrolled))
    assert report.basis.startswith("特定非営利活動促進法第28条第1項、第29条及び条例")
    assert report.basis.endswith("(休日条例による期限の特例)") == settings.annual_report_rolls


def test_first_annual_report_after_registration() -> None:
    facts = CaseFacts(registered_on=D("2025-05-01"), fiscal_year_start=(4, 1))
    assert dates(facts)["annual_report_due"] == "2026-06-30"
    on_the_day = CaseFacts(registered_on=D("2025-04-01"), fiscal_year_start=(4, 1))
    assert dates(on_the_day)["annual_report_due"] == "2026-06-30"
    january = CaseFacts(registered_on=D("2025-05-01"), fiscal_year_start=(1, 1))
    assert dates(january)["annual_report_due"] == "2026-03-31"


def test_impossible_fiscal_year_start() -> None:
    with pytest.raises(InvalidInput, match="4月31日"):
        compute_deadlines(CaseFacts(registered_on=D("2025-05-01"), fiscal_year_start=(4, 31)), DEFAULT)


# --- open deadlines ------------------------------------------------------------------------------


def keys(found: list[Deadline]) -> list[str]:
    return [d.key.value for d in found]


RECEIVED = CaseFacts(received_on=D("2025-04-07"))


def test_open_during_inspection_sorted_by_date() -> None:
    assert keys(open_deadlines(RECEIVED, DEFAULT, D("2025-04-10"))) == [
        "correction_deadline", "public_inspection_end", "decision_deadline",
    ]


def test_runs_out_of_time_bound_deadlines() -> None:
    both = ["public_inspection_end", "decision_deadline"]
    assert keys(open_deadlines(RECEIVED, DEFAULT, D("2025-04-15"))) == both
    assert keys(open_deadlines(RECEIVED, DEFAULT, D("2025-04-21"))) == both
    assert keys(open_deadlines(RECEIVED, DEFAULT, D("2025-04-22"))) == ["decision_deadline"]
    # overdue stays open until decided
    assert keys(open_deadlines(RECEIVED, DEFAULT, D("2025-09-01"))) == ["decision_deadline"]


def test_decided_case_moves_on() -> None:
    certified = CaseFacts(received_on=D("2025-04-07"), certified_on=D("2025-05-20"))
    assert keys(open_deadlines(certified, DEFAULT, D("2025-05-21"))) == ["registration_grace_end"]
    delivered = CaseFacts(
        received_on=D("2025-04-07"), certified_on=D("2025-05-20"), certificate_delivered_on=D("2025-05-22")
    )
    assert keys(open_deadlines(delivered, DEFAULT, D("2025-05-23"))) == [
        "registration_deadline", "registration_grace_end",
    ]
    registered = CaseFacts(
        received_on=D("2025-04-07"), certified_on=D("2025-05-20"), certificate_delivered_on=D("2025-05-22"),
        registered_on=D("2025-05-30"), fiscal_year_start=(4, 1),
    )
    # the 完了届 is due first; the first 事業報告書等 (令和7年度分) follows in the next fiscal year
    after_registration = open_deadlines(registered, DEFAULT, D("2025-06-01"))
    assert keys(after_registration) == ["registration_notice", "annual_report_due"]
    noticed = CaseFacts(
        received_on=D("2025-04-07"), certified_on=D("2025-05-20"), certificate_delivered_on=D("2025-05-22"),
        registered_on=D("2025-05-30"), registration_notice_on=D("2025-06-10"),
    )
    assert open_deadlines(noticed, DEFAULT, D("2025-06-11")) == []


@pytest.mark.parametrize(
    "closing",
    [
        {"refused_on": D("2025-05-20")},
        {"withdrawn_on": D("2025-04-10")},
        {"certified_on": D("2025-05-20"), "revoked_on": D("2025-12-01")},
    ],
)
def test_closed_cases_have_nothing_open(closing: dict[str, date]) -> None:
    facts = CaseFacts(received_on=D("2025-04-07"), **closing)
    assert open_deadlines(facts, DEFAULT, D("2025-04-10")) == []


def test_nothing_known_nothing_due() -> None:
    assert compute_deadlines(CaseFacts(), DEFAULT) == {}
    assert open_deadlines(CaseFacts(consulted_on=D("2025-03-01")), DEFAULT, D("2025-04-01")) == []


def test_transitional_decision_cites_the_supplementary_provision() -> None:
    early = compute_deadlines(CaseFacts(received_on=D("1999-01-15")), DEFAULT)[K.DECISION_DEADLINE]
    later = compute_deadlines(CaseFacts(received_on=D("1999-06-15")), DEFAULT)[K.DECISION_DEADLINE]
    assert (early.date, early.basis) == (D("1999-09-30"), "特定非営利活動促進法附則第3項")
    assert (later.date, later.basis) == (D("1999-10-15"), "特定非営利活動促進法第12条第2項")


def test_roll_note_names_the_closed_day() -> None:
    found = compute_deadlines(CaseFacts(certificate_delivered_on=D("2025-04-22")), DEFAULT)
    assert found[K.REGISTRATION_DEADLINE].roll_note() == "5月6日(火)が振替休日のため繰延べ"
    inspection = compute_deadlines(RECEIVED, DEFAULT)[K.PUBLIC_INSPECTION_END]
    assert inspection.roll_note() == ""


# --- properties over every receipt date the Act has seen ---------------------------------------

receipts = st.dates(min_value=date(1998, 12, 1), max_value=date(2040, 12, 31))
NEVER_ROLL = {K.PUBLIC_INSPECTION_END, K.DECISION_DEADLINE, K.REGISTRATION_GRACE_END, K.REGISTRATION_NOTICE}


@given(receipts, st.integers(0, 200), st.integers(0, 30))
def test_deadline_properties(received: date, decided_after: int, delivered_after: int) -> None:
    certified = received + timedelta(days=decided_after)
    delivered = certified + timedelta(days=delivered_after)
    facts = CaseFacts(received_on=received, certified_on=certified, certificate_delivered_on=delivered)
    found = compute_deadlines(facts, DEFAULT)
    inspection = found[K.PUBLIC_INSPECTION_END].date
    assert received < inspection < found[K.DECISION_DEADLINE].date
    if K.CORRECTION_DEADLINE in found:
        assert received.year >= 2012
        assert received < found[K.CORRECTION_DEADLINE].unrolled < inspection
    else:
        assert received < date(2012, 4, 1)
    days = ClosedDays()
    for deadline in found.values():
        assert deadline.label and deadline.basis.startswith(("特定非営利活動促進法", "組合等登記令"))
        if deadline.key in NEVER_ROLL:
            assert not deadline.rolled
        else:
            assert not days.is_closed(deadline.date)
            assert timedelta(0) <= deadline.date - deadline.unrolled < timedelta(days=11)
            assert deadline.rolled == days.is_closed(deadline.unrolled)
            assert (deadline.closed_reason is not None) == deadline.rolled


def test_days_left_read_the_same_everywhere() -> None:
    assert [days_left_text(n) for n in (-3, -1, 0, 1, 5)] == [
        "3日超過",
        "1日超過",
        "本日が期限",
        "あと1日",
        "あと5日",
    ]


# --- where each version puts the 補正 rule (issue 8) and which applications it reaches (issue 12) ---


@pytest.mark.parametrize(
    ("received", "article"),
    [
        ("2012-04-01", "第10条第3項"),
        ("2017-04-01", "第10条第3項"),
        ("2021-06-08", "第10条第3項"),
        ("2021-06-09", "第10条第4項"),
        ("2025-04-07", "第10条第4項"),
    ],
)
def test_correction_basis_cites_the_paragraph_of_its_version(received: str, article: str) -> None:
    """特定非営利活動促進法第10条: 平成23年法律第70号 added the 補正 rule as 第3項; 令和2年法律第72号
    (in force 2021-06-09, applied to applications from that day by its 附則第2条) inserted the 公表 rule
    as 第3項, so the 補正 rule is 第10条第4項 for those applications."""
    found = compute_deadlines(CaseFacts(received_on=D(received)), DEFAULT)[K.CORRECTION_DEADLINE]
    assert found.basis == f"特定非営利活動促進法{article}、地方自治法第4条の2第4項"


@pytest.mark.parametrize(
    ("received", "unrolled", "due"),
    [
        ("2012-03-15", "2012-04-15", "2012-04-16"),  # 04-15 is a Sunday
        ("2012-03-01", "2012-04-01", "2012-04-02"),  # the month runs out on 施行日 itself (a Sunday)
        ("2012-02-29", None, None),  # ran out on 2012-03-31: no 補正 rule existed until then
        ("2008-10-15", None, None),
    ],
)
def test_the_2012_correction_rule_reaches_applications_pending_on_its_first_day(
    received: str, unrolled: str | None, due: str | None
) -> None:
    """平成23年法律第70号 (in force 2012-04-01) added 法第10条第3項 (補正 within one month of receipt); its
    附則第3条 keeps the old law only for the documents of 第10条第1項, so the new rule reaches an
    application received earlier and pending on 2012-04-01 while its month from receipt still runs.
    Before 2012-04-01 the Act had no 補正 rule: no deadline where the month ended before that day."""
    found = compute_deadlines(CaseFacts(received_on=D(received)), DEFAULT)
    assert resolve_profile(CaseFacts(received_on=D(received))).id == "2003-05-01"
    correction = found.get(K.CORRECTION_DEADLINE)
    if unrolled is None:
        assert correction is None
        return
    assert correction is not None
    assert (correction.unrolled, correction.date) == (D(unrolled), D(due))
    assert correction.basis == "特定非営利活動促進法第10条第3項、地方自治法第4条の2第4項"
    assert "平成24年4月1日施行" in correction.note and "経過措置なし" in correction.note


def test_later_amendments_do_not_reach_pending_applications() -> None:
    """平成28年法律第70号附則第2条 and 令和2年法律第72号附則第2条: the new 縦覧・補正 periods apply only to
    applications made on or after their 施行日 (「なお従前の例による」)."""
    pending_2017 = compute_deadlines(CaseFacts(received_on=D("2017-03-31")), DEFAULT)
    assert pending_2017[K.CORRECTION_DEADLINE].unrolled == D("2017-04-30")  # one month, not two weeks
    pending_2021 = compute_deadlines(CaseFacts(received_on=D("2021-06-08")), DEFAULT)
    assert pending_2021[K.CORRECTION_DEADLINE].unrolled == D("2021-06-22")  # two weeks, not one


@pytest.mark.parametrize("certified", ["1999-10-08", "2008-09-10", "2014-10-15", "2025-10-21"])
def test_registration_grace_cites_13_3_in_every_version(certified: str) -> None:
    """特定非営利活動促進法第13条第3項: the 所轄庁 may revoke a certification not registered within six
    months; the basis is the profile's datum (the same paragraph in every version found)."""
    facts = CaseFacts(received_on=D(certified) - timedelta(days=100), certified_on=D(certified))
    grace = compute_deadlines(facts, DEFAULT)[K.REGISTRATION_GRACE_END]
    assert grace.basis == f"特定非営利活動促進法{resolve_profile(facts).registration_grace_article}"
    assert grace.basis == "特定非営利活動促進法第13条第3項"
