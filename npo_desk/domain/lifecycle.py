"""The stages of a 設立認証 case and the actions that move it on, with the dates they may carry."""

from __future__ import annotations

from enum import StrEnum


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
