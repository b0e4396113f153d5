"""Where a procedure stands: one grouping for every kind, for the 手続 list (open procedures by stage).

設立認証 keeps its finer stages (``lifecycle.stage_of``); this grouping agrees with them on 縦覧中 and
審査中 (docs/legal-reference.md §13.1).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from npo_desk.domain.deadlines import public_inspection_end
from npo_desk.domain.lifecycle import STAGE_LABELS, stage_of
from npo_desk.domain.procedures import (
    NOTIFIED_GROUNDS,
    AuthorityChange,
    DissolutionGround,
    Milestone,
    ProcedureFacts,
    ProcedureKind,
    procedure_profile,
    validity_end,
)
from npo_desk.domain.settings import Settings


class ProcedureStage(StrEnum):
    PREPARING = "preparing"  # 相談中・届出待ち: nothing received yet
    PUBLIC_INSPECTION = "public_inspection"  # 縦覧中
    REVIEW = "review"  # 審査中 (after 縦覧; or a 認定, 3号の解散, 取消し being considered)
    AWAITING_REGISTRATION = "awaiting_registration"  # 認証済・登記待ち
    AWAITING_NOTICE = "awaiting_notice"  # 登記済・届出待ち
    IN_FORCE = "in_force"  # 認定・特例認定の有効期間中
    DONE = "done"  # 完了
    EXPIRED = "expired"  # 有効期間満了
    REFUSED = "refused"  # 不認証・認定しない
    WITHDRAWN = "withdrawn"  # 取下げ
    REVOKED = "revoked"  # 取消し


PROCEDURE_STAGE_LABELS: dict[ProcedureStage, str] = {
    ProcedureStage.PREPARING: "受付前",
    ProcedureStage.PUBLIC_INSPECTION: "縦覧中",
    ProcedureStage.REVIEW: "審査中",
    ProcedureStage.AWAITING_REGISTRATION: "登記待ち",
    ProcedureStage.AWAITING_NOTICE: "届出待ち",
    ProcedureStage.IN_FORCE: "有効期間中",
    ProcedureStage.DONE: "完了",
    ProcedureStage.EXPIRED: "有効期間満了",
    ProcedureStage.REFUSED: "不認証",
    ProcedureStage.WITHDRAWN: "取下げ",
    ProcedureStage.REVOKED: "取消し",
}

# Stages in which the office still has something to do or wait for: the 手続 list's open procedures.
RUNNING_STAGES: frozenset[ProcedureStage] = frozenset(
    {
        ProcedureStage.PREPARING,
        ProcedureStage.PUBLIC_INSPECTION,
        ProcedureStage.REVIEW,
        ProcedureStage.AWAITING_REGISTRATION,
        ProcedureStage.AWAITING_NOTICE,
    }
)


def procedure_stage(facts: ProcedureFacts, today: date) -> ProcedureStage:
    """Where the procedure stands on ``today`` (縦覧中 turns into 審査中 by the calendar). 設立認証 has
    its own finer stages (``lifecycle.stage_of``); this is the common grouping for every kind."""
    on = facts.on
    if facts.kind is not ProcedureKind.REVOCATION and on(Milestone.REVOKED) is not None:
        return ProcedureStage.REVOKED
    if on(Milestone.WITHDRAWN) is not None:
        return ProcedureStage.WITHDRAWN
    if on(Milestone.REFUSED) is not None:
        return ProcedureStage.REFUSED
    kind, received, certified = facts.kind, on(Milestone.RECEIVED), on(Milestone.CERTIFIED)
    if kind in (ProcedureKind.ESTABLISHMENT, ProcedureKind.ARTICLES_AMENDMENT, ProcedureKind.MERGER):
        return _certified_stage(facts, today)
    if kind in (
        ProcedureKind.ACCREDITATION,
        ProcedureKind.PROVISIONAL_ACCREDITATION,
        ProcedureKind.ACCREDITATION_RENEWAL,
    ):
        end = validity_end(facts)
        if end is not None:
            return ProcedureStage.IN_FORCE if today <= end else ProcedureStage.EXPIRED
        return ProcedureStage.REVIEW if received is not None else ProcedureStage.PREPARING
    if kind is ProcedureKind.REVOCATION:
        return ProcedureStage.DONE if on(Milestone.REVOKED) is not None else ProcedureStage.REVIEW
    if kind is ProcedureKind.DISSOLUTION and facts.dissolution_ground is DissolutionGround.IMPOSSIBLE:
        if certified is not None:
            return ProcedureStage.DONE
        return ProcedureStage.REVIEW if received is not None else ProcedureStage.PREPARING
    if kind is ProcedureKind.DISSOLUTION and facts.dissolution_ground not in NOTIFIED_GROUNDS:
        return ProcedureStage.DONE if on(Milestone.DISSOLVED) is not None else ProcedureStage.PREPARING
    return ProcedureStage.DONE if received is not None else ProcedureStage.PREPARING  # 届出


def stage_label(facts: ProcedureFacts, settings: Settings, today: date) -> str:
    """The stage as a list shows it beside a deadline: 設立認証 in its finer stages
    (``lifecycle.stage_of``, as the case list shows them), every other kind in the common grouping."""
    if facts.kind is ProcedureKind.ESTABLISHMENT and facts.case is not None:
        return STAGE_LABELS[stage_of(facts.case, settings, today)]
    return PROCEDURE_STAGE_LABELS[procedure_stage(facts, today)]


def _certified_stage(facts: ProcedureFacts, today: date) -> ProcedureStage:
    """設立・定款変更・合併: 縦覧 → 審査 → (登記 → 届出) → 完了."""
    on = facts.on
    received = on(Milestone.RECEIVED)
    if on(Milestone.CERTIFIED) is None:
        if received is None:
            return ProcedureStage.PREPARING
        if today <= public_inspection_end(received, procedure_profile(facts)):
            return ProcedureStage.PUBLIC_INSPECTION
        return ProcedureStage.REVIEW
    registers = facts.kind is not ProcedureKind.ARTICLES_AMENDMENT or facts.registered_change
    if facts.authority_change is AuthorityChange.OUTGOING or not registers:
        return ProcedureStage.DONE
    if on(Milestone.REGISTERED) is None:
        return ProcedureStage.AWAITING_REGISTRATION
    if on(Milestone.REGISTRATION_NOTICE) is None:
        return ProcedureStage.AWAITING_NOTICE
    return ProcedureStage.DONE
