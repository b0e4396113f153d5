"""The stages of a 設立認証 case and the actions that move it on, with the dates they may carry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import Any

from npo_desk.domain.deadlines import (
    Deadline,
    DeadlineKey,
    check_countable,
    compute_deadlines,
    is_closed_case,
    open_deadlines,
    public_inspection_end,
)
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.profiles import resolve_profile
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki


class Stage(StrEnum):
    CONSULTATION = "consultation"
    PUBLIC_INSPECTION = "public_inspection"
    REVIEW = "review"
    CERTIFIED = "certified"
    AWAITING_REGISTRATION = "awaiting_registration"
    AWAITING_NOTICE = "awaiting_notice"
    ESTABLISHED = "established"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    REVOKED = "revoked"


STAGE_LABELS: dict[Stage, str] = {
    Stage.CONSULTATION: "相談",
    Stage.PUBLIC_INSPECTION: "縦覧中",
    Stage.REVIEW: "審査中",
    Stage.CERTIFIED: "認証・認証書未到達",
    Stage.AWAITING_REGISTRATION: "登記待ち",
    Stage.AWAITING_NOTICE: "完了届待ち",
    Stage.ESTABLISHED: "設立済",
    Stage.REFUSED: "不認証",
    Stage.WITHDRAWN: "取下げ",
    Stage.REVOKED: "認証取消",
}


# Stages where the 設立 procedure is over (established, or ended without an NPO); the others still run.
PROCEDURE_ENDED: frozenset[Stage] = frozenset(
    {Stage.ESTABLISHED, Stage.REFUSED, Stage.WITHDRAWN, Stage.REVOKED}
)
PROCEDURE_RUNNING: frozenset[Stage] = frozenset(Stage) - PROCEDURE_ENDED


class Action(StrEnum):
    RECEIVE = "receive"
    CERTIFY = "certify"
    REFUSE = "refuse"
    DELIVER_CERTIFICATE = "deliver_certificate"
    REGISTER = "register"
    ACCEPT_NOTICE = "accept_notice"
    WITHDRAW = "withdraw"
    REVOKE = "revoke"


ACTION_LABELS: dict[Action, str] = {
    Action.RECEIVE: "申請受理",
    Action.CERTIFY: "認証",
    Action.REFUSE: "不認証",
    Action.DELIVER_CERTIFICATE: "認証書到達",
    Action.REGISTER: "登記完了",
    Action.ACCEPT_NOTICE: "完了届受理",
    Action.WITHDRAW: "取下げ",
    Action.REVOKE: "認証取消",
}


class TransitionRefused(InvalidInput):
    """An action that the case's stage or dates do not allow; the message says why, in Japanese."""


# The fact each action records.
ACTION_FIELDS: dict[Action, str] = {
    Action.RECEIVE: "received_on",
    Action.CERTIFY: "certified_on",
    Action.REFUSE: "refused_on",
    Action.DELIVER_CERTIFICATE: "certificate_delivered_on",
    Action.REGISTER: "registered_on",
    Action.ACCEPT_NOTICE: "registration_notice_on",
    Action.WITHDRAW: "withdrawn_on",
    Action.REVOKE: "revoked_on",
}

# Every dated fact, with the name the clerk knows it by.
FACT_LABELS: dict[str, str] = {
    "consulted_on": "相談",
    "founding_meeting_on": "設立総会",
    "received_on": "申請受理",
    "correction_received_on": "補正受付",
    "certified_on": "認証",
    "refused_on": "不認証",
    "certificate_delivered_on": "認証書の到達",
    "registered_on": "設立の登記",
    "registration_notice_on": "設立登記完了届の受理",
    "withdrawn_on": "取下げ",
    "revoked_on": "認証の取消し",
}


# Facts that record what has happened at the office or the 法務局: none can be dated after today.
# 相談 and 設立総会 are left out: the clerk notes a booked consultation or a planned meeting ahead.
PAST_FACTS: tuple[str, ...] = (*ACTION_FIELDS.values(), "correction_received_on")


def check_not_in_future(name: str, on: date, today: date) -> None:
    """Refuse (TransitionRefused) a fact of ``PAST_FACTS`` dated after ``today``: it has not happened.

    A 認証 or 登記 typed a year ahead (2027 for 2026) would otherwise start the deadlines from a day
    that has not come, silently; refused here, the window, the importer and the CLI all say the same.
    """
    if name in PAST_FACTS and on > today:
        raise TransitionRefused(
            f"{FACT_LABELS[name]}の日付({format_wareki(on)})が今日({format_wareki(today)})より後です。"
            "まだ起きていないことは記録できません。日付を確かめてください。"
        )


def _fact(facts: CaseFacts, name: str) -> date | None:
    value = getattr(facts, name)
    assert value is None or isinstance(value, date)
    return value


def stage_of(facts: CaseFacts, settings: Settings, today: date) -> Stage:
    """The stage the facts put the case in on ``today`` (縦覧中 turns into 審査中 by the calendar)."""
    if facts.revoked_on is not None:
        return Stage.REVOKED
    if facts.withdrawn_on is not None:
        return Stage.WITHDRAWN
    if facts.refused_on is not None:
        return Stage.REFUSED
    if facts.registration_notice_on is not None:
        return Stage.ESTABLISHED
    if facts.registered_on is not None:
        return Stage.AWAITING_NOTICE
    if facts.certificate_delivered_on is not None:
        return Stage.AWAITING_REGISTRATION
    if facts.certified_on is not None:
        return Stage.CERTIFIED
    if facts.received_on is not None:
        inspection_end = public_inspection_end(facts.received_on, resolve_profile(facts))
        return Stage.PUBLIC_INSPECTION if today <= inspection_end else Stage.REVIEW
    return Stage.CONSULTATION


def allowed_actions(facts: CaseFacts, settings: Settings) -> list[Action]:
    """The actions the case's facts allow next, whatever their date (``check_action`` checks dates).

    取下げ is the applicant's: possible until the application is decided (and, to close a consultation
    that never became an application, before it). 認証取消し needs a certification: before registration
    under 13条3項, after it under 43条.
    """
    if is_closed_case(facts):
        return []
    if facts.registration_notice_on is not None:
        return [Action.REVOKE]
    if facts.registered_on is not None:
        return [Action.ACCEPT_NOTICE, Action.REVOKE]
    if facts.certificate_delivered_on is not None:
        return [Action.REGISTER, Action.REVOKE]
    if facts.certified_on is not None:
        return [Action.DELIVER_CERTIFICATE, Action.REVOKE]
    if facts.received_on is not None:
        return [Action.CERTIFY, Action.REFUSE, Action.WITHDRAW]
    return [Action.RECEIVE, Action.WITHDRAW]


def _why_not(facts: CaseFacts, action: Action) -> str:
    """Why ``action`` is not among the allowed ones, as the clerk would be told."""
    label = ACTION_LABELS[action]
    if is_closed_case(facts):
        stage = (
            Stage.REVOKED if facts.revoked_on else Stage.WITHDRAWN if facts.withdrawn_on else Stage.REFUSED
        )
        return f"この案件は{STAGE_LABELS[stage]}で終了しているため、{label}は記録できません。"
    done = _fact(facts, ACTION_FIELDS[action])
    if done is not None:
        return f"{label}は{format_wareki(done)}に記録済みです。"
    needs: dict[Action, tuple[str, str]] = {
        Action.CERTIFY: ("received_on", "申請を受理する前に認証はできません。"),
        Action.REFUSE: ("received_on", "申請を受理する前に不認証の決定はできません。"),
        Action.DELIVER_CERTIFICATE: ("certified_on", "認証する前に認証書の到達は記録できません。"),
        Action.REGISTER: ("certificate_delivered_on", "認証書が到達する前に設立の登記は記録できません。"),
        Action.ACCEPT_NOTICE: ("registered_on", "設立の登記の前に設立登記完了届は受理できません。"),
        Action.REVOKE: ("certified_on", "認証の取消しは、認証された案件にしかできません。"),
    }
    if action in needs:
        field, message = needs[action]
        if _fact(facts, field) is None:
            return message
    if action is Action.WITHDRAW:
        return "認証・不認証の決定の後は、申請を取り下げることはできません。"
    if action in (Action.CERTIFY, Action.REFUSE):
        return "この申請は既に決定済みです。"
    return f"この案件の現在の段階では{label}は記録できません。"


def _latest_fact(facts: CaseFacts) -> tuple[str, date] | None:
    dated = [(name, d) for name in FACT_LABELS if (d := _fact(facts, name)) is not None]
    return max(dated, key=lambda item: item[1]) if dated else None


def suggested_action_date(facts: CaseFacts, today: date) -> date:
    """The day a stage action's date starts at: today, or the latest recorded fact when that is later
    (an old record dated ahead), never before it, since ``check_action`` would refuse an earlier one."""
    latest = _latest_fact(facts)
    return max(today, latest[1]) if latest is not None else today


def check_action(facts: CaseFacts, action: Action, on: date, settings: Settings, *, today: date) -> None:
    """Refuse (TransitionRefused) an action the stage or its date ``on`` does not allow.

    A date may not be after ``today`` nor precede any fact already recorded; a decision must wait
    until 縦覧 has ended; a revocation of an unregistered certification must wait until the 6 months
    of 13条3項 have passed.
    """
    if action not in allowed_actions(facts, settings):
        raise TransitionRefused(_why_not(facts, action))
    check_not_in_future(ACTION_FIELDS[action], on, today)
    label = ACTION_LABELS[action]
    latest = _latest_fact(facts)
    if latest is not None and on < latest[1]:
        name, when = latest
        raise TransitionRefused(
            f"{label}の日付({format_wareki(on)})は、{FACT_LABELS[name]}の日({format_wareki(when)})より"
            "前にはできません。"
        )
    if action is Action.RECEIVE:
        resolve_profile(replace(facts, received_on=on))  # refuses a date before the Act
        return
    if action in (Action.CERTIFY, Action.REFUSE):
        assert facts.received_on is not None  # allowed_actions requires it
        inspection_end = public_inspection_end(facts.received_on, resolve_profile(facts))
        if on <= inspection_end:
            raise TransitionRefused(
                f"縦覧期間({format_wareki(inspection_end)}まで)が終わる前に、{label}の決定はできません。"
            )
    if action is Action.REVOKE and facts.registered_on is None:
        grace_end = compute_deadlines(facts, settings)[DeadlineKey.REGISTRATION_GRACE_END].date
        if on <= grace_end:
            raise TransitionRefused(
                f"設立の登記がないことによる認証の取消しは、認証から6か月({format_wareki(grace_end)}まで)を"
                "経過した後でなければできません(特定非営利活動促進法第13条第3項)。"
            )


# The steps of the procedure: each fact may not precede the one it follows.
_FACT_STEPS: tuple[tuple[str, str], ...] = (
    ("received_on", "correction_received_on"),
    ("received_on", "certified_on"),
    ("received_on", "refused_on"),
    ("received_on", "withdrawn_on"),
    ("certified_on", "certificate_delivered_on"),
    ("certificate_delivered_on", "registered_on"),
    ("registered_on", "registration_notice_on"),
    ("certified_on", "revoked_on"),
)


def _order_pairs(steps: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Every (earlier, later) pair the steps imply, the direct ones first: a certificate cannot arrive
    before the application was received even when the 認証 date in between is not known."""
    pairs = list(steps)
    changed = True
    while changed:
        changed = False
        for first, second in list(pairs):
            for third, fourth in list(pairs):
                if second == third and (first, fourth) not in pairs:
                    pairs.append((first, fourth))
                    changed = True
    return tuple(pairs)


# The order facts must follow: each later fact may not precede any earlier one on its chain.
_FACT_ORDER: tuple[tuple[str, str], ...] = _order_pairs(_FACT_STEPS)

# Facts that only a 認証 makes possible, so none can fall within 縦覧 (the 認証 must wait for its end).
_AFTER_CERTIFICATION: tuple[str, ...] = tuple(
    later for earlier, later in _FACT_ORDER if earlier == "certified_on"
)


def check_facts(facts: CaseFacts, settings: Settings, *, today: date | None = None) -> None:
    """Refuse (TransitionRefused) facts that cannot all be true: dates out of order, a decision
    before 縦覧 ended, or both 認証 and 不認証, and (given ``today``) a fact that has not happened yet.
    For facts entered or imported all at once, where ``check_action`` checks one step at a time.
    Without ``today`` the dates may be hypothetical (the deadline calculator's 「認証したら?」)."""
    check_countable(facts)
    # Read once as a mapping: an import checks every row, twice (its own culprit search, the store).
    values: dict[str, Any] = vars(facts)
    if today is not None:
        for name in PAST_FACTS:
            if (on := values[name]) is not None:
                check_not_in_future(name, on, today)
    for earlier, later in _FACT_ORDER:
        first, second = values[earlier], values[later]
        if first is not None and second is not None and second < first:
            raise TransitionRefused(
                f"{FACT_LABELS[later]}の日({format_wareki(second)})が{FACT_LABELS[earlier]}の日"
                f"({format_wareki(first)})より前になっています。"
            )
    if facts.certified_on is not None and facts.refused_on is not None:
        raise TransitionRefused("認証と不認証の両方の日付があります。どちらか一方だけを入力してください。")
    if facts.received_on is None:
        return
    inspection_end = public_inspection_end(facts.received_on, resolve_profile(facts))
    decided = facts.certified_on or facts.refused_on
    if decided is not None and decided <= inspection_end:
        raise TransitionRefused(
            f"認証・不認証の日({format_wareki(decided)})が縦覧期間({format_wareki(inspection_end)}まで)"
            "の終わる前になっています。"
        )
    for name in _AFTER_CERTIFICATION:  # the 認証 they follow (10条2項, 12条) is not known
        on = values[name]
        if on is not None and on <= inspection_end:
            raise TransitionRefused(
                f"{FACT_LABELS[name]}の日({format_wareki(on)})が縦覧期間({format_wareki(inspection_end)}まで)"
                "の終わる前になっています。認証は縦覧期間の後にしかできません。"
            )


def apply_action(facts: CaseFacts, action: Action, on: date, settings: Settings, *, today: date) -> CaseFacts:
    """The facts after ``action`` on ``on``; the input is left untouched (TransitionRefused if refused)."""
    check_action(facts, action, on, settings, today=today)
    change: dict[str, Any] = {ACTION_FIELDS[action]: on}
    return replace(facts, **change)


def next_deadline(facts: CaseFacts, settings: Settings, today: date) -> Deadline | None:
    """The most urgent pending deadline: the earliest, so an overdue one comes first."""
    pending = open_deadlines(facts, settings, today)
    return pending[0] if pending else None
