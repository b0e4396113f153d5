"""Stages and transitions of a case: order of facts, 縦覧 before decision, certificate before registration."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.lifecycle import (
    ACTION_LABELS,
    STAGE_LABELS,
    Action,
    Stage,
    TransitionRefused,
    allowed_actions,
    apply_action,
    check_action,
    check_facts,
    check_not_in_future,
    next_deadline,
    stage_of,
    suggested_action_date,
)
from npo_desk.domain.settings import Settings

D = date.fromisoformat
S = Settings()
TODAY = D("2026-12-02")  # the examples are all in the past


def walk(*steps: tuple[Action, str], facts: CaseFacts | None = None) -> CaseFacts:
    facts = facts or CaseFacts(consulted_on=D("2025-03-01"))
    for action, on in steps:
        facts = apply_action(facts, action, D(on), S, today=TODAY)
    return facts


HAPPY = (
    (Action.RECEIVE, "2025-04-07"),
    (Action.CERTIFY, "2025-05-20"),
    (Action.DELIVER_CERTIFICATE, "2025-05-22"),
    (Action.REGISTER, "2025-05-30"),
    (Action.ACCEPT_NOTICE, "2025-06-10"),
)


def test_labels_are_complete() -> None:
    assert set(STAGE_LABELS) == set(Stage)
    assert set(ACTION_LABELS) == set(Action)
    assert STAGE_LABELS[Stage.PUBLIC_INSPECTION] == "縦覧中"
    assert ACTION_LABELS[Action.DELIVER_CERTIFICATE] == "認証書到達"


def test_happy_path_stages() -> None:
    facts = CaseFacts(consulted_on=D("2025-03-01"))
    assert stage_of(facts, S, D("2025-03-02")) is Stage.CONSULTATION
    expected = [Stage.PUBLIC_INSPECTION, Stage.CERTIFIED, Stage.AWAITING_REGISTRATION, Stage.AWAITING_NOTICE,
                Stage.ESTABLISHED]
    for (action, on), stage in zip(HAPPY, expected, strict=True):
        facts = apply_action(facts, action, D(on), S, today=TODAY)
        assert stage_of(facts, S, D(on)) is stage
    assert facts.registration_notice_on == D("2025-06-10")


def test_inspection_turns_into_review_by_the_calendar() -> None:
    facts = walk(HAPPY[0])
    assert stage_of(facts, S, D("2025-04-21")) is Stage.PUBLIC_INSPECTION
    assert stage_of(facts, S, D("2025-04-22")) is Stage.REVIEW


def test_allowed_actions_per_stage() -> None:
    assert allowed_actions(CaseFacts(), S) == [Action.RECEIVE, Action.WITHDRAW]
    assert allowed_actions(walk(*HAPPY[:1]), S) == [Action.CERTIFY, Action.REFUSE, Action.WITHDRAW]
    assert allowed_actions(walk(*HAPPY[:2]), S) == [Action.DELIVER_CERTIFICATE, Action.REVOKE]
    assert allowed_actions(walk(*HAPPY[:3]), S) == [Action.REGISTER, Action.REVOKE]
    assert allowed_actions(walk(*HAPPY[:4]), S) == [Action.ACCEPT_NOTICE, Action.REVOKE]
    assert allowed_actions(walk(*HAPPY), S) == [Action.REVOKE]
    assert allowed_actions(walk(HAPPY[0], (Action.REFUSE, "2025-05-01")), S) == []
    assert allowed_actions(walk(HAPPY[0], (Action.WITHDRAW, "2025-04-10")), S) == []


def test_no_decision_before_inspection_ends() -> None:
    facts = walk(HAPPY[0])
    for action in (Action.CERTIFY, Action.REFUSE):
        with pytest.raises(TransitionRefused, match="縦覧期間\\(令和7年4月21日まで\\)が終わる前"):
            check_action(facts, action, D("2025-04-21"), S, today=TODAY)
    check_action(facts, Action.CERTIFY, D("2025-04-22"), S, today=TODAY)


def test_no_registration_before_the_certificate_arrives() -> None:
    facts = walk(*HAPPY[:2])
    with pytest.raises(TransitionRefused, match="認証書が到達する前に設立の登記は記録できません"):
        check_action(facts, Action.REGISTER, D("2025-05-25"), S, today=TODAY)


def test_no_date_before_the_previous_fact() -> None:
    facts = walk(*HAPPY[:2])
    with pytest.raises(TransitionRefused, match="認証の日\\(令和7年5月20日\\)より前"):
        check_action(facts, Action.DELIVER_CERTIFICATE, D("2025-05-19"), S, today=TODAY)
    check_action(facts, Action.DELIVER_CERTIFICATE, D("2025-05-20"), S, today=TODAY)  # same day is fine
    with pytest.raises(TransitionRefused, match="相談の日"):
        check_action(CaseFacts(consulted_on=D("2025-03-01")), Action.RECEIVE, D("2025-02-28"), S, today=TODAY)


def test_receipt_before_the_act_is_refused() -> None:
    with pytest.raises(InvalidInput, match="施行日"):
        check_action(CaseFacts(), Action.RECEIVE, D("1998-11-30"), S, today=TODAY)


def test_withdrawal_while_pending_only() -> None:
    for today in ("2025-04-10", "2025-05-01"):  # during 縦覧 and during 審査
        facts = walk(HAPPY[0], (Action.WITHDRAW, today))
        assert stage_of(facts, S, D(today)) is Stage.WITHDRAWN
    with pytest.raises(TransitionRefused, match="決定の後は、申請を取り下げることはできません"):
        check_action(walk(*HAPPY[:2]), Action.WITHDRAW, D("2025-06-01"), S, today=TODAY)


def test_revocation_only_of_certified_cases() -> None:
    with pytest.raises(TransitionRefused, match="認証された案件にしか"):
        check_action(walk(HAPPY[0]), Action.REVOKE, D("2025-06-01"), S, today=TODAY)
    refused = walk(HAPPY[0], (Action.REFUSE, "2025-05-01"))
    with pytest.raises(TransitionRefused, match="不認証で終了しているため"):
        check_action(refused, Action.REVOKE, D("2025-06-01"), S, today=TODAY)


def test_revocation_for_not_registering_waits_six_months() -> None:
    certified = walk(*HAPPY[:2])  # 認証 2025-05-20: grace ends 2025-11-20
    with pytest.raises(TransitionRefused, match="第13条第3項"):
        check_action(certified, Action.REVOKE, D("2025-11-20"), S, today=TODAY)
    revoked = apply_action(certified, Action.REVOKE, D("2025-11-21"), S, today=TODAY)
    assert stage_of(revoked, S, D("2025-11-21")) is Stage.REVOKED
    established = walk(*HAPPY)  # after registration: 43条, no waiting period
    check_action(established, Action.REVOKE, D("2025-07-01"), S, today=TODAY)


def test_repeated_action_is_refused() -> None:
    with pytest.raises(TransitionRefused, match="申請受理は令和7年4月7日に記録済み"):
        check_action(walk(HAPPY[0]), Action.RECEIVE, D("2025-04-08"), S, today=TODAY)


def test_apply_leaves_the_input_untouched() -> None:
    facts = walk(HAPPY[0])
    after = apply_action(facts, Action.CERTIFY, D("2025-05-20"), S, today=TODAY)
    assert facts.certified_on is None and after.certified_on == D("2025-05-20")


def test_next_deadline() -> None:
    assert next_deadline(CaseFacts(), S, D("2025-04-01")) is None
    facts = walk(HAPPY[0])
    first = next_deadline(facts, S, D("2025-04-08"))
    assert first is not None and first.key is DeadlineKey.CORRECTION_DEADLINE
    overdue = next_deadline(facts, S, D("2025-07-01"))
    assert overdue is not None and overdue.key is DeadlineKey.DECISION_DEADLINE
    assert next_deadline(walk(*HAPPY), S, D("2025-07-01")) is None


def test_check_facts_accepts_a_consistent_case() -> None:
    check_facts(walk(*HAPPY), S)
    check_facts(CaseFacts(certificate_delivered_on=D("2025-04-22")), S)  # partial knowledge is fine


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        (CaseFacts(received_on=D("2025-04-07"), certified_on=D("2025-04-21")), "縦覧期間"),
        (CaseFacts(received_on=D("2025-04-07"), refused_on=D("2025-04-01")), "不認証の日"),
        (CaseFacts(certified_on=D("2025-05-01"), registered_on=D("2025-04-30")), "設立の登記の日"),
        (CaseFacts(certified_on=D("2025-05-01"), revoked_on=D("2025-04-30")), "認証の取消しの日"),
        (
            CaseFacts(received_on=D("2025-04-07"), certified_on=D("2025-05-01"), refused_on=D("2025-05-01")),
            "両方",
        ),
    ],
)
def test_check_facts_refuses_impossible_combinations(facts: CaseFacts, message: str) -> None:
    with pytest.raises(TransitionRefused, match=message):
        check_facts(facts, S)


@given(
    st.dates(min_value=date(1998, 12, 1), max_value=date(2040, 1, 1)),
    st.lists(st.tuples(st.sampled_from(list(Action)), st.integers(-5, 120)), max_size=12),
)
def test_any_accepted_sequence_leaves_consistent_facts(start: date, steps: list[tuple[Action, int]]) -> None:
    facts, on = CaseFacts(), start
    for action, gap in steps:
        on += timedelta(days=gap)
        try:
            after = apply_action(facts, action, on, S, today=on)
        except TransitionRefused:
            continue
        assert action in allowed_actions(facts, S)
        check_facts(after, S, today=on)
        stage = stage_of(after, S, on)
        if action in (Action.WITHDRAW, Action.REFUSE, Action.REVOKE):
            assert allowed_actions(after, S) == []
            assert stage in (Stage.WITHDRAWN, Stage.REFUSED, Stage.REVOKED)
        facts = after


@pytest.mark.parametrize(
    ("steps", "action", "label"),
    [
        (HAPPY[:1], Action.CERTIFY, "認証"),
        (HAPPY[:2], Action.DELIVER_CERTIFICATE, "認証書の到達"),
        (HAPPY[:3], Action.REGISTER, "設立の登記"),
        (HAPPY[:4], Action.ACCEPT_NOTICE, "設立登記完了届の受理"),
        (HAPPY[:1], Action.REFUSE, "不認証"),
        (HAPPY[:1], Action.WITHDRAW, "取下げ"),
        ((), Action.RECEIVE, "申請受理"),
    ],
)
def test_a_fact_dated_after_today_is_refused(
    steps: tuple[tuple[Action, str], ...], action: Action, label: str
) -> None:
    """認証 (特定非営利活動促進法第12条), the certificate's arrival (第13条第1項), 登記 and its 届出
    (第13条第2項), 不認証, 取下げ and 受理 are things that happened: a day after today is a typing
    mistake (2027 for 2026) that would start the statutory deadlines from a day still to come."""
    facts = walk(*steps)
    with pytest.raises(TransitionRefused, match=f"{label}の日付.*今日.令和8年12月2日.より後"):
        apply_action(facts, action, TODAY + timedelta(days=1), S, today=TODAY)
    apply_action(facts, action, TODAY, S, today=TODAY)  # today itself is not the future


def test_check_facts_refuses_future_facts_only_when_told_today() -> None:
    """Imported or typed all at once, the same rule: with ``today`` a future 登記 is refused; without it
    (the deadline calculator's hypothetical dates) only the order is checked."""
    planned = CaseFacts(
        received_on=D("2026-10-01"), certified_on=D("2026-11-20"), certificate_delivered_on=D("2026-11-25"),
        registered_on=D("2026-12-03"),
    )
    check_facts(planned, S)
    with pytest.raises(TransitionRefused, match="設立の登記の日付"):
        check_facts(planned, S, today=TODAY)
    check_facts(planned, S, today=D("2026-12-03"))


def test_planned_consultation_and_founding_meeting_may_lie_ahead() -> None:
    check_not_in_future("consulted_on", TODAY + timedelta(days=7), TODAY)
    check_not_in_future("founding_meeting_on", TODAY + timedelta(days=30), TODAY)
    with pytest.raises(TransitionRefused, match="補正受付"):
        check_not_in_future("correction_received_on", TODAY + timedelta(days=1), TODAY)


def test_a_stage_dialog_starts_at_today_or_the_latest_fact_when_later() -> None:
    assert suggested_action_date(CaseFacts(), TODAY) == TODAY
    assert suggested_action_date(walk(*HAPPY), TODAY) == TODAY  # all in the past
    ahead = CaseFacts(received_on=D("2026-12-10"))  # an old record typed a year ahead
    assert suggested_action_date(ahead, TODAY) == D("2026-12-10")


@given(
    st.dates(min_value=date(1998, 12, 1), max_value=date(2040, 1, 1)),
    st.sampled_from(["certificate_delivered_on", "registered_on", "registration_notice_on", "revoked_on"]),
    st.integers(1, 400),
)
def test_no_later_fact_precedes_the_receipt_even_with_steps_unknown(
    received: date, name: str, days: int
) -> None:
    """特定非営利活動促進法第10条第1項・第12条・第13条: 認証 follows the application, and the 認証書,
    the registration, its 完了届 and a revocation all follow the 認証; so none precedes the receipt,
    whether or not the dates between are known (the command line's --certificate-delivered)."""
    early = CaseFacts(received_on=received, **{name: received - timedelta(days=days)})  # type: ignore[arg-type]
    with pytest.raises(TransitionRefused, match="申請受理の日"):
        check_facts(early, S)
