"""Procedures after 設立 (docs/legal-reference.md §13): each kind's deadlines across the law profiles.

Articles, read in the Act's text (e-Gov derived; as in force 2012-08 and 2025-06):
- 特定非営利活動促進法25条3項 (定款変更の認証), 25条5項 (10条2項〜4項 and 12条 apply to it;
  before 令和2年法律第72号 「10条2項及び3項並びに12条」), 25条6項 (届出, 遅滞なく),
  25条7項 (登記事項証明書, 遅滞なく; 平成23年法律第70号附則第5条第2項: for applications and notices
  from 2012-04-01).
- 34条3項・5項 (合併の認証; 10条 and 12条 apply), 35条1項・2項 (2 weeks from the 認証の通知),
  39条1項 (合併 takes effect by registration), 39条2項 (13条2項・3項 apply).
- 31条1項〜4項 (解散; 3号 needs the 所轄庁's 認定; 4項 届出 for 1・2・4・6号), 32条の3 (清算結了の届出).
- 43条1項 (取消し for 3 years of missing 事業報告書等), 44条1項 (認定), 51条1項 (5 years from the
  認定の日), 51条3項 (更新申請期間: 満了の日の6月前から3月前まで), 58条1項・60条 (特例認定, 3 years).
- 平成28年法律第70号附則第2条 and 令和2年法律第72号附則第2条: the new 10条 periods apply to 10条1項,
  25条3項 and 34条3項 applications made on or after the start date. 原始附則第3項: the 1999-09-30 decision
  date is for 10条1項 applications only.
- 組合等登記令3条1項 (変更の登記 2週間), 8条 (合併の登記, 2週間 from the end of the procedures
  needed for the merger), 24条 (from the arrival of the 認証書).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.articles_topics import ArticlesTopic, amendment_needs_certification
from npo_desk.domain.deadlines import (
    Deadline,
    DeadlineKey,
    application_deadlines,
    compute_deadlines,
    open_deadlines,
)
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.lifecycle import Stage, stage_of
from npo_desk.domain.procedure_stages import (
    PROCEDURE_STAGE_LABELS,
    RUNNING_STAGES,
    ProcedureStage,
    procedure_stage,
)
from npo_desk.domain.procedures import (
    KINDS,
    AuthorityChange,
    DissolutionGround,
    Milestone,
    ProcedureFacts,
    ProcedureKind,
    check_procedure,
    establishment,
    kind_label,
    open_procedure_deadlines,
    procedure_deadlines,
    procedure_profile,
    renewal_window,
    validity_end,
)
from npo_desk.domain.profiles import PROFILES, profile_for
from npo_desk.domain.settings import Settings

D = date.fromisoformat
K = DeadlineKey
M = Milestone
P = ProcedureKind
DEFAULT = Settings()
TODAY = D("2026-12-02")


def facts(kind: ProcedureKind, **dates: str) -> ProcedureFacts:
    return ProcedureFacts(kind, {Milestone(name): D(on) for name, on in dates.items()})


def dates(found: dict[DeadlineKey, Deadline]) -> dict[str, str]:
    return {k.value: d.date.isoformat() for k, d in found.items()}


# --- 設立認証 through the procedure API is compute_deadlines itself --------------------------------


def test_seed_flow_through_the_procedure_api() -> None:
    """10条2項 (縦覧 2か月, profile 2003-05-01) and 12条2項: 2008-10-15 → 2008-12-15, 2009-02-15."""
    case = CaseFacts(received_on=D("2008-10-15"))
    found = procedure_deadlines(establishment(case), DEFAULT)
    assert found == compute_deadlines(case, DEFAULT)
    assert found[K.PUBLIC_INSPECTION_END].date == D("2008-12-15")
    assert found[K.DECISION_DEADLINE].date == D("2009-02-15")
    assert K.CORRECTION_DEADLINE not in found  # no 補正 rule before 2012, none reaching 2008
    same_from_dates = procedure_deadlines(facts(P.ESTABLISHMENT, received="2008-10-15"), DEFAULT)
    assert same_from_dates == found


def test_seed_flow_to_the_end_is_unchanged() -> None:
    case = CaseFacts(
        received_on=D("2008-10-15"),
        certified_on=D("2009-01-20"),
        certificate_delivered_on=D("2009-01-22"),
        registered_on=D("2009-02-02"),
        fiscal_year_start=(4, 1),
    )
    procedure = establishment(case)
    assert procedure_deadlines(procedure, DEFAULT) == compute_deadlines(case, DEFAULT)
    assert open_procedure_deadlines(procedure, DEFAULT, TODAY) == open_deadlines(case, DEFAULT, TODAY)


_days = st.dates(min_value=date(1998, 12, 1), max_value=date(2030, 12, 31))


@given(_days, st.lists(st.integers(0, 400), min_size=4, max_size=4), st.booleans())
def test_establishment_is_compute_deadlines_for_any_facts(received: date, gaps: list[int], fy: bool) -> None:
    """The procedure API adds nothing to 設立: every fact pattern gives exactly compute_deadlines."""
    certified = received + timedelta(days=gaps[0])
    delivered = certified + timedelta(days=gaps[1])
    registered = delivered + timedelta(days=gaps[2])
    case = CaseFacts(
        received_on=received,
        certified_on=certified,
        certificate_delivered_on=delivered,
        registered_on=registered,
        registration_notice_on=registered + timedelta(days=gaps[3]),
        fiscal_year_start=(4, 1) if fy else None,
    )
    procedure = establishment(case)
    assert procedure_deadlines(procedure, DEFAULT) == compute_deadlines(case, DEFAULT)
    today = registered + timedelta(days=gaps[3])
    assert open_procedure_deadlines(procedure, DEFAULT, today) == open_deadlines(case, DEFAULT, today)


# --- 定款変更認証 (25条3項, 10条・12条 through 25条5項) ------------------------------------------


def test_articles_amendment_received_2021_06_09() -> None:
    """令和2年法律第72号 (profile 2021-06-09): 縦覧 2 weeks (10条2項), 補正 1 week (10条4項)."""
    found = procedure_deadlines(facts(P.ARTICLES_AMENDMENT, received="2021-06-09"), DEFAULT)
    assert dates(found) == {
        "public_inspection_end": "2021-06-23",
        "correction_deadline": "2021-06-16",
        "decision_deadline": "2021-08-23",
    }
    assert (
        found[K.PUBLIC_INSPECTION_END].basis == "特定非営利活動促進法第25条第5項において準用する第10条第2項"
    )
    assert found[K.CORRECTION_DEADLINE].basis.startswith(
        "特定非営利活動促進法第25条第5項において準用する第10条第4項"
    )
    assert found[K.DECISION_DEADLINE].basis == "特定非営利活動促進法第25条第5項において準用する第12条第2項"


def test_articles_amendment_received_2017_04_01() -> None:
    """平成28年法律第70号 (profile 2017-04-01): 縦覧 one month, 補正 2 weeks (10条3項)."""
    found = procedure_deadlines(facts(P.ARTICLES_AMENDMENT, received="2017-04-01"), DEFAULT)
    assert found[K.PUBLIC_INSPECTION_END].date == D("2017-05-01")
    assert found[K.CORRECTION_DEADLINE].unrolled == D("2017-04-15")  # a Saturday: rolls to Monday
    assert found[K.CORRECTION_DEADLINE].date == D("2017-04-17")
    assert "第10条第3項" in found[K.CORRECTION_DEADLINE].basis


def test_articles_amendment_one_day_earlier_is_the_previous_profile() -> None:
    """平成28年法律第70号附則第2条: an application received 2017-03-31 keeps 2 months and 1 month."""
    found = procedure_deadlines(facts(P.ARTICLES_AMENDMENT, received="2017-03-31"), DEFAULT)
    assert found[K.PUBLIC_INSPECTION_END].date == D("2017-05-31")
    assert found[K.CORRECTION_DEADLINE].unrolled == D("2017-04-30")


def test_articles_amendment_before_2012_has_no_correction() -> None:
    """10条3項 (補正) came with 平成23年法律第70号; 2008 applications had ended long before."""
    found = procedure_deadlines(facts(P.ARTICLES_AMENDMENT, received="2008-10-15"), DEFAULT)
    assert dates(found) == {"public_inspection_end": "2008-12-15", "decision_deadline": "2009-02-15"}


def test_transitional_decision_date_is_for_establishment_only() -> None:
    """原始附則第3項 reads 12条2項 for 「第十条第一項の認証の申請」 only: a 定款変更 of 1999-01 has none."""
    received = "1999-01-10"
    setup = compute_deadlines(CaseFacts(received_on=D(received)), DEFAULT)
    amendment = procedure_deadlines(facts(P.ARTICLES_AMENDMENT, received=received), DEFAULT)
    assert setup[K.DECISION_DEADLINE].date == D("1999-09-30")
    assert amendment[K.DECISION_DEADLINE].date == D("1999-05-10")


@given(st.dates(min_value=date(1999, 6, 1), max_value=date(2030, 12, 31)))
def test_amendment_and_merger_periods_are_establishments(received: date) -> None:
    """25条5項 and 34条5項 apply 10条・12条: the same dates as 設立 for the same receipt date, by the
    profile of that date (both 附則第2条 name 25条3項 and 34条3項 applications)."""
    setup = compute_deadlines(CaseFacts(received_on=received), DEFAULT)
    for kind, article in ((P.ARTICLES_AMENDMENT, "第25条第5項"), (P.MERGER, "第34条第5項")):
        found = procedure_deadlines(ProcedureFacts(kind, {M.RECEIVED: received}), DEFAULT)
        assert {k: d.date for k, d in found.items()} == {k: d.date for k, d in setup.items()}
        assert all(f"{article}において準用する" in d.basis for d in found.values())
        assert procedure_profile(ProcedureFacts(kind, {M.RECEIVED: received})) == profile_for(received)
    inspection = procedure_deadlines(ProcedureFacts(P.ARTICLES_AMENDMENT, {M.RECEIVED: received}), DEFAULT)
    assert (
        inspection[K.PUBLIC_INSPECTION_END].date
        == application_deadlines(received, profile_for(received), DEFAULT)[0].date
    )


def test_amendment_registration_and_certificate() -> None:
    """組合等登記令3条1項・24条: 変更の登記 within 2 weeks of the 認証書's arrival, past national closed
    days; then 25条7項's 登記事項証明書 「遅滞なく」 (the office's reminder, like 13条2項's)."""
    base = facts(
        P.ARTICLES_AMENDMENT,
        received="2025-03-03",
        certified="2025-04-18",
        certificate_delivered="2025-04-22",
    )
    assert K.AMENDMENT_REGISTRATION_DEADLINE not in procedure_deadlines(base, DEFAULT)  # no 登記事項 changed
    registered = replace(base, registered_change=True)
    deadline = procedure_deadlines(registered, DEFAULT)[K.AMENDMENT_REGISTRATION_DEADLINE]
    assert (deadline.unrolled, deadline.date, deadline.closed_reason) == (
        D("2025-05-06"),
        D("2025-05-07"),
        "振替休日",
    )
    assert deadline.basis.startswith("組合等登記令第3条第1項・第24条")
    done = replace(registered, dates={**registered.dates, M.REGISTERED: D("2025-05-01")})
    notice = procedure_deadlines(done, DEFAULT)[K.AMENDMENT_CERTIFICATE_NOTICE]
    assert notice.date == D("2025-05-01") + timedelta(days=DEFAULT.registration_notice_overdue_days)
    assert notice.basis == "特定非営利活動促進法第25条第7項"
    assert "遅滞なく" in notice.note
    assert [d.key for d in open_procedure_deadlines(done, DEFAULT, D("2025-05-02"))] == [
        K.AMENDMENT_CERTIFICATE_NOTICE
    ]
    filed = replace(done, dates={**done.dates, M.REGISTRATION_NOTICE: D("2025-05-12")})
    assert open_procedure_deadlines(filed, DEFAULT, D("2025-05-13")) == []


def test_registration_certificate_rule_starts_2012_04_01() -> None:
    """平成23年法律第70号附則第5条第2項: 25条7項 reaches applications made from 2012-04-01."""
    old = facts(P.ARTICLES_AMENDMENT, received="2011-05-09", certified="2011-09-01", registered="2011-09-10")
    assert K.AMENDMENT_CERTIFICATE_NOTICE not in procedure_deadlines(old, DEFAULT)
    new = facts(P.ARTICLES_AMENDMENT, received="2012-04-02", certified="2012-08-01", registered="2012-08-10")
    assert K.AMENDMENT_CERTIFICATE_NOTICE in procedure_deadlines(new, DEFAULT)


def test_outgoing_amendment_is_decided_by_the_new_authority() -> None:
    """26条1項: the application goes through the old 所轄庁 to the new one, who decides it."""
    outgoing = replace(
        facts(P.ARTICLES_AMENDMENT, received="2025-04-07"), authority_change=AuthorityChange.OUTGOING
    )
    assert procedure_deadlines(outgoing, DEFAULT) == {}
    incoming = replace(outgoing, authority_change=AuthorityChange.INCOMING)
    assert procedure_deadlines(incoming, DEFAULT)[K.DECISION_DEADLINE].date == D("2025-06-21")


def test_amendment_deadlines_close_when_decided_or_refused() -> None:
    pending = facts(P.ARTICLES_AMENDMENT, received="2025-04-07")
    keys = [d.key for d in open_procedure_deadlines(pending, DEFAULT, D("2025-04-08"))]
    assert keys == [K.CORRECTION_DEADLINE, K.PUBLIC_INSPECTION_END, K.DECISION_DEADLINE]
    assert [d.key for d in open_procedure_deadlines(pending, DEFAULT, D("2025-05-01"))] == [
        K.DECISION_DEADLINE
    ]
    refused = facts(P.ARTICLES_AMENDMENT, received="2025-04-07", refused="2025-06-01")
    assert open_procedure_deadlines(refused, DEFAULT, D("2025-06-02")) == []


# --- 合併 (34条, 35条, 39条, 組合等登記令8条) -------------------------------------------------------


def test_merger_deadlines() -> None:
    merger = facts(
        P.MERGER,
        received="2025-04-07",
        certified="2025-06-02",
        certificate_delivered="2025-06-04",
        merger_procedures_done="2025-08-20",
    )
    found = procedure_deadlines(merger, DEFAULT)
    assert found[K.DECISION_DEADLINE].date == D("2025-06-21")
    assert found[K.DECISION_DEADLINE].basis == "特定非営利活動促進法第34条第5項において準用する第12条第2項"
    assert found[K.MERGER_CREDITOR_NOTICE].date == D("2025-06-18")  # 35条: 2 weeks from the notice
    assert found[K.MERGER_CREDITOR_NOTICE].basis == "特定非営利活動促進法第35条第1項・第2項"
    assert found[K.MERGER_REGISTRATION_DEADLINE].date == D("2025-09-03")  # 2 weeks from the procedures' end
    assert found[K.MERGER_REGISTRATION_DEADLINE].basis.startswith("組合等登記令第8条")
    grace = found[K.MERGER_REGISTRATION_GRACE_END]
    assert grace.date == D("2025-12-02")
    assert grace.basis == "特定非営利活動促進法第39条第2項において準用する第13条第3項"
    assert K.MERGER_REGISTRATION_NOTICE not in found
    registered = replace(merger, dates={**merger.dates, M.REGISTERED: D("2025-08-25")})
    notice = procedure_deadlines(registered, DEFAULT)[K.MERGER_REGISTRATION_NOTICE]
    assert notice.basis == "特定非営利活動促進法第39条第2項において準用する第13条第2項"
    pending = [d.key for d in open_procedure_deadlines(registered, DEFAULT, D("2025-08-26"))]
    assert pending == [K.MERGER_REGISTRATION_NOTICE]


def test_merger_correction_follows_the_profile() -> None:
    """34条5項 applies all of 10条: 補正 1 month under the 2012 profile, 1 week from 2021-06-09."""
    old = procedure_deadlines(facts(P.MERGER, received="2013-02-28"), DEFAULT)
    new = procedure_deadlines(facts(P.MERGER, received="2021-06-09"), DEFAULT)
    # 民法143条: 起算日 03-01, 応当日 04-01, so 03-31 (not 03-28); a Sunday, so 04-01 applies.
    assert old[K.CORRECTION_DEADLINE].unrolled == D("2013-03-31")
    assert old[K.CORRECTION_DEADLINE].date == D("2013-04-01")
    assert new[K.CORRECTION_DEADLINE].unrolled == D("2021-06-16")


# --- 届出 and 解散 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "article"),
    [
        (P.OFFICER_CHANGE_NOTICE, "第23条第1項"),
        (P.ARTICLES_AMENDMENT_NOTICE, "第25条第6項"),
        (P.REGISTRATION_CERTIFICATE, "第25条第7項"),
    ],
)
def test_notifications_are_reminders_until_received(kind: ProcedureKind, article: str) -> None:
    """「遅滞なく」: no date in the law, the office's reminder (a setting) from the event."""
    notice = facts(kind, occurred="2026-09-01")
    (reminder,) = procedure_deadlines(notice, DEFAULT).values()
    assert reminder.key is K.NOTIFICATION_REMINDER
    assert reminder.basis == f"特定非営利活動促進法{article}"
    assert reminder.date == D("2026-09-01") + timedelta(days=DEFAULT.registration_notice_overdue_days)
    assert open_procedure_deadlines(notice, DEFAULT, TODAY) == [reminder]
    received = facts(kind, occurred="2026-09-01", received="2026-09-15")
    assert open_procedure_deadlines(received, DEFAULT, TODAY) == []


@pytest.mark.parametrize("ground", list(DissolutionGround))
def test_dissolution_notice_only_for_31_1_1_2_4_6(ground: DissolutionGround) -> None:
    """31条4項: the 清算人 notifies dissolutions for 1号・2号・4号・6号; 3号 needs the 認定 (2項)."""
    dissolution = replace(facts(P.DISSOLUTION, dissolved="2026-10-01"), dissolution_ground=ground)
    found = procedure_deadlines(dissolution, DEFAULT)
    notified = ground in {
        DissolutionGround.RESOLUTION,
        DissolutionGround.ARTICLES_EVENT,
        DissolutionGround.NO_MEMBERS,
        DissolutionGround.BANKRUPTCY,
    }
    assert (K.NOTIFICATION_REMINDER in found) == notified
    if notified:
        assert found[K.NOTIFICATION_REMINDER].basis == "特定非営利活動促進法第31条第4項"


def test_procedures_without_periods() -> None:
    """32条の3 (清算結了の届出), 43条 (取消し) and 29条 (by fiscal year, annual_reports.py) have none."""
    for kind in (P.LIQUIDATION_COMPLETED, P.REVOCATION, P.ANNUAL_REPORT):
        assert (
            procedure_deadlines(
                facts(kind, **{m.value: "2026-10-01" for m in KINDS[kind].milestones}), DEFAULT
            )
            == {}
        )


# --- 認定・特例認定 (44条, 51条, 58条, 60条) --------------------------------------------------------


def test_accreditation_validity_and_renewal_window() -> None:
    """51条1項: 5 years from the 認定の日 (counted); 51条3項: renew 6 to 3 months before the expiry.
    東京都's example: validity 2012-09-16〜2017-09-15, 更新申請期間 2017-03-15〜2017-06-15."""
    tokyo = facts(P.ACCREDITATION, received="2012-05-01", certified="2012-09-16")
    assert validity_end(tokyo) == D("2017-09-15")
    assert renewal_window(D("2017-09-15")) == (D("2017-03-15"), D("2017-06-15"))
    found = procedure_deadlines(tokyo, DEFAULT)
    assert found[K.ACCREDITATION_EXPIRY].date == D("2017-09-15")
    assert found[K.ACCREDITATION_EXPIRY].basis == "特定非営利活動促進法第51条第1項"
    assert found[K.RENEWAL_APPLICATION_DEADLINE].date == D("2017-06-15")
    assert "平成29年3月15日から" in found[K.RENEWAL_APPLICATION_DEADLINE].note


def test_renewal_window_ending_on_a_closed_day_rolls() -> None:
    """An application's time limit set by the Act moves past the office's closed days
    (地方自治法4条の2第4項): 認定 2022-04-01 → expiry 2027-03-31 → window closes 2026-12-31 (年末年始)."""
    found = procedure_deadlines(facts(P.ACCREDITATION, certified="2022-04-01"), DEFAULT)
    assert found[K.ACCREDITATION_EXPIRY].date == D("2027-03-31")
    renewal = found[K.RENEWAL_APPLICATION_DEADLINE]
    assert (renewal.unrolled, renewal.date) == (D("2026-12-31"), D("2027-01-04"))
    assert renewal.basis == "特定非営利活動促進法第51条第3項、地方自治法第4条の2第4項"


def test_renewed_validity_runs_from_the_day_after_the_previous_expiry() -> None:
    """51条1項括弧書: a renewed 認定 runs 5 years from the day after the previous expiry."""
    renewal = facts(
        P.ACCREDITATION_RENEWAL, previous_expiry="2017-09-15", received="2017-05-01", certified="2017-08-01"
    )
    assert validity_end(renewal) == D("2022-09-15")
    assert K.RENEWAL_APPLICATION_DEADLINE in procedure_deadlines(renewal, DEFAULT)


def test_provisional_accreditation_is_three_years_and_never_renewed() -> None:
    """60条: 3 years from the 特例認定の日; 61条1号: it lapses (no renewal). Named 仮認定 until 2017-03-31."""
    found = procedure_deadlines(facts(P.PROVISIONAL_ACCREDITATION, certified="2016-07-01"), DEFAULT)
    assert dates(found) == {"accreditation_expiry": "2019-06-30"}
    assert found[K.ACCREDITATION_EXPIRY].basis == "特定非営利活動促進法第60条"
    assert found[K.ACCREDITATION_EXPIRY].label == "仮認定の有効期間の満了日"
    assert kind_label(P.PROVISIONAL_ACCREDITATION, D("2017-04-01")) == "特例認定"


@given(st.dates(min_value=date(2012, 4, 1), max_value=date(2090, 12, 31)))
def test_renewal_window_is_three_months_ending_three_months_before_expiry(accredited: date) -> None:
    procedure = ProcedureFacts(P.ACCREDITATION, {M.CERTIFIED: accredited})
    expiry = validity_end(procedure)
    assert expiry is not None
    if (accredited.month, accredited.day) == (2, 29):  # 143条2項ただし書: no 2月29日 five years on
        assert expiry == date(accredited.year + 5, 2, 28)
    else:  # 「認定の日から起算して」: the day before the same date five years on
        assert expiry == accredited.replace(year=accredited.year + 5) - timedelta(days=1)
    opens, closes = renewal_window(expiry)
    assert 89 <= (expiry - closes).days <= 92
    assert 89 <= (closes - opens).days <= 92
    deadline = procedure_deadlines(procedure, DEFAULT)[K.RENEWAL_APPLICATION_DEADLINE]
    assert closes == deadline.unrolled <= deadline.date < expiry


# --- checks ------------------------------------------------------------------------------------------


def test_check_refuses_what_cannot_have_happened() -> None:
    with pytest.raises(InvalidInput, match="まだ起きていない"):
        check_procedure(facts(P.ARTICLES_AMENDMENT, received="2026-12-03"), TODAY)
    with pytest.raises(InvalidInput, match="平成23年法律第70号"):
        check_procedure(facts(P.ACCREDITATION, received="2011-05-01"), TODAY)
    with pytest.raises(InvalidInput, match="より前"):
        check_procedure(facts(P.MERGER, received="2025-04-07", certified="2025-04-01"), TODAY)
    with pytest.raises(InvalidInput, match="合併に必要な手続の終了"):
        check_procedure(facts(P.ARTICLES_AMENDMENT, merger_procedures_done="2025-04-01"), TODAY)
    with pytest.raises(InvalidInput, match="解散の事由"):
        check_procedure(replace(facts(P.MERGER), dissolution_ground=DissolutionGround.MERGER), TODAY)
    check_procedure(facts(P.MERGER, received="2025-04-07", certified="2025-06-02"), TODAY)


@pytest.mark.parametrize("kind", [P.ARTICLES_AMENDMENT, P.MERGER])
def test_check_refuses_a_decision_within_inspection(kind: ProcedureKind) -> None:
    """特定非営利活動促進法第12条第2項 (applied by 第25条第5項・第34条第5項): 認証 or 不認証 follows the
    縦覧 of 第10条第2項, and is one of the two. Received 2021-06-09, 縦覧 runs to 06-23 (2 weeks from
    06-10, 民法140条・143条2項): a decision, or what only a decision allows, on 06-23 is refused,
    on 06-24 accepted; 認証 and 不認証 together are refused."""
    for milestone in ("certified", "refused", "certificate_delivered", "registered", "registration_notice"):
        with pytest.raises(InvalidInput, match="縦覧期間"):
            check_procedure(facts(kind, received="2021-06-09", **{milestone: "2021-06-23"}), TODAY)
        check_procedure(facts(kind, received="2021-06-09", **{milestone: "2021-06-24"}), TODAY)
    with pytest.raises(InvalidInput, match="両方"):
        both = facts(kind, received="2021-06-09", certified="2021-07-01", refused="2021-07-02")
        check_procedure(both, TODAY)
    check_procedure(facts(kind, received="2021-06-09", withdrawn="2021-06-10"), TODAY)  # 取下げ: any day
    # 2017-04-01's version: 縦覧 one month, to 05-01.
    with pytest.raises(InvalidInput, match="縦覧期間"):
        check_procedure(facts(kind, received="2017-04-01", certified="2017-05-01"), TODAY)


def test_check_refuses_a_date_no_period_can_be_counted_from() -> None:
    """A typo such as 9999-12-17 is one sentence, not an overflow in the period arithmetic, even when
    ``today`` is as far (the store checks imports with ``date.max``)."""
    with pytest.raises(InvalidInput, match="遠い将来"):
        check_procedure(facts(P.MERGER, received="9999-12-17"), date.max)


def test_every_kind_is_described() -> None:
    assert set(KINDS) == set(ProcedureKind)
    certified = {k for k, spec in KINDS.items() if spec.needs_certification}
    assert certified == {P.ESTABLISHMENT, P.ARTICLES_AMENDMENT, P.MERGER}
    assert all(spec.label and spec.article.startswith("第") for spec in KINDS.values())
    assert PROFILES[-1].id == "2021-06-09"


# --- stages ------------------------------------------------------------------------------------------


def test_amendment_stages_follow_the_calendar_and_the_facts() -> None:
    """縦覧 for the profile's length (25条5項 → 10条2項), then 審査, then 登記 and 25条7項's 証明書."""
    received = facts(P.ARTICLES_AMENDMENT, received="2026-11-20")
    assert procedure_stage(received, D("2026-12-04")) is ProcedureStage.PUBLIC_INSPECTION  # 2 weeks to 12-04
    assert procedure_stage(received, D("2026-12-05")) is ProcedureStage.REVIEW
    certified = replace(
        facts(P.ARTICLES_AMENDMENT, received="2026-06-01", certified="2026-07-20"), registered_change=True
    )
    assert procedure_stage(certified, TODAY) is ProcedureStage.AWAITING_REGISTRATION
    assert procedure_stage(replace(certified, registered_change=False), TODAY) is ProcedureStage.DONE
    registered = replace(certified, dates={**certified.dates, M.REGISTERED: D("2026-08-01")})
    assert procedure_stage(registered, TODAY) is ProcedureStage.AWAITING_NOTICE
    assert (
        procedure_stage(replace(registered, authority_change=AuthorityChange.OUTGOING), TODAY)
        is ProcedureStage.DONE
    )
    assert (
        procedure_stage(facts(P.MERGER, received="2026-01-05", refused="2026-03-01"), TODAY)
        is ProcedureStage.REFUSED
    )


def test_stages_of_the_other_kinds() -> None:
    assert (
        procedure_stage(facts(P.OFFICER_CHANGE_NOTICE, occurred="2026-11-01"), TODAY)
        is ProcedureStage.PREPARING
    )
    done = facts(P.OFFICER_CHANGE_NOTICE, occurred="2026-11-01", received="2026-11-10")
    assert procedure_stage(done, TODAY) is ProcedureStage.DONE
    accredited = facts(P.ACCREDITATION, received="2021-10-01", certified="2022-04-01")
    assert procedure_stage(accredited, TODAY) is ProcedureStage.IN_FORCE
    assert procedure_stage(accredited, D("2027-04-01")) is ProcedureStage.EXPIRED  # 51条1項: to 2027-03-31
    asked = replace(
        facts(P.DISSOLUTION, received="2026-10-01"), dissolution_ground=DissolutionGround.IMPOSSIBLE
    )
    assert procedure_stage(asked, TODAY) is ProcedureStage.REVIEW  # 31条2項: the 所轄庁's 認定 pending
    assert procedure_stage(facts(P.REVOCATION), TODAY) is ProcedureStage.REVIEW
    assert procedure_stage(facts(P.REVOCATION, revoked="2026-11-30"), TODAY) is ProcedureStage.DONE
    assert {ProcedureStage.PUBLIC_INSPECTION, ProcedureStage.REVIEW} <= RUNNING_STAGES
    assert set(PROCEDURE_STAGE_LABELS) == set(ProcedureStage)


@given(_days, st.integers(0, 200))
def test_establishment_stage_agrees_with_lifecycle(received: date, later: int) -> None:
    """The common grouping of a 設立認証 matches its own stages: 縦覧中 and 審査中 on the same days."""
    case = CaseFacts(received_on=received)
    today = received + timedelta(days=later)
    own = stage_of(case, DEFAULT, today)
    common = procedure_stage(establishment(case), today)
    assert (own is Stage.PUBLIC_INSPECTION) == (common is ProcedureStage.PUBLIC_INSPECTION)
    assert (own is Stage.REVIEW) == (common is ProcedureStage.REVIEW)


# --- 25条3項: which 定款変更 needs 認証 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("topics", "certified"),
    [
        ({ArticlesTopic.PURPOSE}, True),  # 1号
        ({ArticlesTopic.OFFICE}, False),  # 4号, same 所轄庁
        ({ArticlesTopic.OFFICE_NEW_AUTHORITY}, True),  # 4号 (所轄庁の変更を伴うもの)
        ({ArticlesTopic.OFFICER_COUNT}, False),  # 6号 (役員の定数に係るものを除く)
        ({ArticlesTopic.OFFICERS}, True),
        ({ArticlesTopic.ASSETS, ArticlesTopic.ACCOUNTING, ArticlesTopic.FISCAL_YEAR}, False),  # 8〜10号
        ({ArticlesTopic.DISSOLUTION}, False),
        ({ArticlesTopic.RESIDUAL_ASSETS}, True),  # 12号 (残余財産の帰属すべき者に係るもの)
        ({ArticlesTopic.PUBLIC_NOTICE, ArticlesTopic.NAME}, True),  # one certified topic is enough
    ],
)
def test_which_amendment_needs_certification_from_2012(topics: set[ArticlesTopic], certified: bool) -> None:
    """25条3項 as amended by 平成23年法律第70号 (附則第5条第1項: applications from 2012-04-01)."""
    assert amendment_needs_certification(topics, D("2012-04-01")) is certified


def test_before_2012_only_minor_changes_were_notified() -> None:
    """Before 2012-04-01 all changes but 4号 (same 所轄庁), 8号 and 14号 needed 認証 (practice guides)."""
    assert amendment_needs_certification({ArticlesTopic.FISCAL_YEAR}, D("2012-03-31"))
    assert not amendment_needs_certification({ArticlesTopic.ASSETS, ArticlesTopic.OFFICE}, D("2012-03-31"))
    with pytest.raises(InvalidInput, match="選んでください"):
        amendment_needs_certification(set(), D("2026-12-02"))
