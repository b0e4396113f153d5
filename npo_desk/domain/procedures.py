"""The procedures (手続) of a corporation, as data: what each kind is, its dated facts, its deadlines.

A corporation (法人) lives through procedures: 設立認証 first, then 定款変更, 届出, 合併, 解散, 認定 …
Each procedure holds only what happened (``ProcedureFacts``: dated milestones and a few choices the
clerk makes); its deadlines are derived from those facts, the law profile of its own receipt date and
the settings, every time, with the building blocks of ``deadlines`` (one 縦覧/補正/決定 computation,
one period function, one closed-day rule). 設立認証 keeps its own fact record (``CaseFacts``) and its
behaviour: ``procedure_deadlines`` hands it to ``deadlines.compute_deadlines`` unchanged.
Where a procedure stands: ``procedure_stages``; which 定款変更 needs 認証: ``articles_topics``; a
corporation's standing from its procedures: ``corporations``. Sources: docs/legal-reference.md §13.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from npo_desk.domain.calendar import ClosedDays
from npo_desk.domain.deadlines import (
    _KEY_ORDER,
    ACT,
    LOCAL_ROLL,
    NATIONAL_ROLL,
    REGISTRATION_GRACE,
    REGISTRATION_PERIOD,
    Deadline,
    DeadlineKey,
    _deadline,
    _not_rolled,
    application_deadlines,
    check_countable_days,
    compute_deadlines,
    office_reminder,
    open_deadlines,
    public_inspection_end,
)
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.periods import Period, months_before, period_end
from npo_desk.domain.profiles import PROFILES, LawProfile, get_profile, profile_for
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki

# 平成23年法律第70号 (2012-04-01): 認定 and 仮認定 by the 所轄庁 (before, 認定 was the 国税庁長官's under
# 租税特別措置法), and 25条7項 (登記事項証明書) for applications and notices from that day (附則第5条第2項).
SHOKATSU_ACCREDITATION_FROM = date(2012, 4, 1)
# 平成28年法律第70号 (2017-04-01): 仮認定 renamed 特例認定 (附則第9条: a 仮認定 in force becomes one).
PROVISIONAL_RENAMED_ON = date(2017, 4, 1)

ACCREDITATION_VALIDITY = Period.months(60)  # 51条1項: 認定の日から起算して5年
PROVISIONAL_VALIDITY = Period.months(36)  # 60条: 特例認定の日から起算して3年
RENEWAL_WINDOW_OPENS = 6  # 51条3項: 満了の日の6月前から
RENEWAL_WINDOW_CLOSES = 3  # 同: 3月前まで
MERGER_NOTICE_PERIOD = Period.weeks(2)  # 35条1項・2項: 認証の通知のあった日から2週間以内


class ProcedureKind(StrEnum):
    ESTABLISHMENT = "establishment"  # 設立認証 (10条)
    ARTICLES_AMENDMENT = "articles_amendment"  # 定款変更認証 (25条3項)
    MERGER = "merger"  # 合併認証 (34条3項)
    OFFICER_CHANGE_NOTICE = "officer_change_notice"  # 役員の変更等の届出 (23条)
    ARTICLES_AMENDMENT_NOTICE = "articles_amendment_notice"  # 定款変更の届出 (25条6項)
    REGISTRATION_CERTIFICATE = "registration_certificate"  # 定款変更の登記事項証明書 (25条7項)
    ANNUAL_REPORT = "annual_report"  # 事業報告書等の提出 (29条)
    DISSOLUTION = "dissolution"  # 解散 (31条): 解散届 (4項) or the 所轄庁's 認定 (2項)
    LIQUIDATION_COMPLETED = "liquidation_completed"  # 清算結了の届出 (32条の3)
    REVOCATION = "revocation"  # 設立の認証の取消し (43条)
    ACCREDITATION = "accreditation"  # 認定 (44条)
    PROVISIONAL_ACCREDITATION = "provisional_accreditation"  # 特例認定 (58条; 仮認定 until 2017-03-31)
    ACCREDITATION_RENEWAL = "accreditation_renewal"  # 認定の有効期間の更新 (51条2項)


class Milestone(StrEnum):
    """A dated fact of a procedure. Which ones a kind uses: ``KindSpec.milestones``."""

    CONSULTED = "consulted"  # 相談
    FOUNDING_MEETING = "founding_meeting"  # 設立総会
    OCCURRED = "occurred"  # what a notification reports happened: 変更, 解散事由の発生 …
    RECEIVED = "received"  # 申請・届出の受理
    CORRECTION_RECEIVED = "correction_received"  # 補正受付
    CERTIFIED = "certified"  # 認証 / 認定 / 更新 (the decision granting it)
    REFUSED = "refused"  # 不認証 / 認定しない決定
    WITHDRAWN = "withdrawn"  # 取下げ
    CERTIFICATE_DELIVERED = "certificate_delivered"  # 認証書 (認証の通知) の到達
    MERGER_PROCEDURES_DONE = "merger_procedures_done"  # 合併に必要な手続の終了 (35条・36条の後)
    REGISTERED = "registered"  # 登記 (設立・変更・合併)
    REGISTRATION_NOTICE = "registration_notice"  # 登記完了届・登記事項証明書の受理
    DISSOLVED = "dissolved"  # 解散の日
    PREVIOUS_EXPIRY = "previous_expiry"  # 更新: 従前の有効期間の満了日
    REVOKED = "revoked"  # 取消し (設立の認証・認定)


MILESTONE_LABELS: dict[Milestone, str] = {
    Milestone.CONSULTED: "相談",
    Milestone.FOUNDING_MEETING: "設立総会",
    Milestone.OCCURRED: "届出事由の発生",
    Milestone.RECEIVED: "受理",
    Milestone.CORRECTION_RECEIVED: "補正受付",
    Milestone.CERTIFIED: "認証",
    Milestone.REFUSED: "不認証",
    Milestone.WITHDRAWN: "取下げ",
    Milestone.CERTIFICATE_DELIVERED: "認証書の到達",
    Milestone.MERGER_PROCEDURES_DONE: "合併に必要な手続の終了",
    Milestone.REGISTERED: "登記",
    Milestone.REGISTRATION_NOTICE: "登記完了の届出の受理",
    Milestone.DISSOLVED: "解散",
    Milestone.PREVIOUS_EXPIRY: "従前の有効期間の満了日",
    Milestone.REVOKED: "取消し",
}


class DissolutionGround(StrEnum):
    """31条1項各号: why the corporation dissolves."""

    RESOLUTION = "resolution"  # 1号 社員総会の決議
    ARTICLES_EVENT = "articles_event"  # 2号 定款で定めた解散事由の発生
    IMPOSSIBLE = "impossible"  # 3号 目的とする特定非営利活動に係る事業の成功の不能 (所轄庁の認定)
    NO_MEMBERS = "no_members"  # 4号 社員の欠亡
    MERGER = "merger"  # 5号 合併
    BANKRUPTCY = "bankruptcy"  # 6号 破産手続開始の決定
    REVOCATION = "revocation"  # 7号 43条の設立の認証の取消し


DISSOLUTION_GROUND_LABELS: dict[DissolutionGround, str] = {
    DissolutionGround.RESOLUTION: "社員総会の決議 (第31条第1項第1号)",
    DissolutionGround.ARTICLES_EVENT: "定款で定めた解散事由の発生 (第31条第1項第2号)",
    DissolutionGround.IMPOSSIBLE: "目的とする事業の成功の不能 (第31条第1項第3号、所轄庁の認定)",
    DissolutionGround.NO_MEMBERS: "社員の欠亡 (第31条第1項第4号)",
    DissolutionGround.MERGER: "合併 (第31条第1項第5号)",
    DissolutionGround.BANKRUPTCY: "破産手続開始の決定 (第31条第1項第6号)",
    DissolutionGround.REVOCATION: "設立の認証の取消し (第31条第1項第7号)",
}

# 31条4項: the 清算人 notifies 「遅滞なく」 a dissolution on these grounds (not 3号, 5号, 7号: the
# 所轄庁 decided those itself or learns them from its own 合併 or 取消し procedure).
NOTIFIED_GROUNDS: frozenset[DissolutionGround] = frozenset(
    {
        DissolutionGround.RESOLUTION,
        DissolutionGround.ARTICLES_EVENT,
        DissolutionGround.NO_MEMBERS,
        DissolutionGround.BANKRUPTCY,
    }
)


class AuthorityChange(StrEnum):
    """26条: a 定款変更 that moves the corporation to another 所轄庁 goes through the old one."""

    OUTGOING = "outgoing"  # we are the old 所轄庁: we forward it; once certified the corporation leaves
    INCOMING = "incoming"  # we are the new 所轄庁: we decide it; once certified the corporation is ours


class MergerRole(StrEnum):
    """This corporation's part in a 合併 (33条〜39条)."""

    SURVIVING = "surviving"  # 合併後存続する法人
    DISSOLVING = "dissolving"  # 合併によって消滅する法人 (解散: 31条1項5号)
    NEW = "new"  # 合併によって設立する法人


AUTHORITY_CHANGE_LABELS: dict[AuthorityChange, str] = {
    AuthorityChange.OUTGOING: "他の所轄庁へ移る (当庁を経由、第26条第1項)",
    AuthorityChange.INCOMING: "当庁へ移る (第26条第1項)",
}
MERGER_ROLE_LABELS: dict[MergerRole, str] = {
    MergerRole.SURVIVING: "合併後存続する法人",
    MergerRole.DISSOLVING: "合併によって消滅する法人",
    MergerRole.NEW: "合併によって設立する法人",
}


@dataclass(frozen=True)
class KindSpec:
    """What a kind of procedure is, for every view and the store: its name, its article, whether the
    所轄庁 must certify it (and so 縦覧/補正/決定 apply), and the milestones the clerk records, in order."""

    kind: ProcedureKind
    label: str
    article: str  # where the procedure lives in the Act
    milestones: tuple[Milestone, ...]
    # The article that applies 10条・12条 (縦覧, 補正, 決定) to it; "" for 設立 (10条 itself); None when
    # the procedure needs no 認証 under those articles.
    applies_certification: str | None = None
    available_from: date = PROFILES[0].effective_from  # the first day the Act knows the procedure

    @property
    def needs_certification(self) -> bool:
        return self.applies_certification is not None


_DECISION = (Milestone.RECEIVED, Milestone.CORRECTION_RECEIVED, Milestone.CERTIFIED, Milestone.REFUSED)
_NOTICE = (Milestone.OCCURRED, Milestone.RECEIVED)
_ACCREDITATION = (
    Milestone.RECEIVED,
    Milestone.CERTIFIED,
    Milestone.REFUSED,
    Milestone.WITHDRAWN,
    Milestone.REVOKED,
)

KINDS: dict[ProcedureKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            ProcedureKind.ESTABLISHMENT,
            "設立認証",
            "第10条第1項",
            (
                Milestone.CONSULTED,
                Milestone.FOUNDING_MEETING,
                *_DECISION,
                Milestone.WITHDRAWN,
                Milestone.CERTIFICATE_DELIVERED,
                Milestone.REGISTERED,
                Milestone.REGISTRATION_NOTICE,
                Milestone.REVOKED,
            ),
            applies_certification="",
        ),
        KindSpec(
            ProcedureKind.ARTICLES_AMENDMENT,
            "定款変更認証",
            "第25条第3項",
            (
                *_DECISION,
                Milestone.WITHDRAWN,
                Milestone.CERTIFICATE_DELIVERED,
                Milestone.REGISTERED,
                Milestone.REGISTRATION_NOTICE,
            ),
            applies_certification="第25条第5項",
        ),
        KindSpec(
            ProcedureKind.MERGER,
            "合併認証",
            "第34条第3項",
            (
                *_DECISION,
                Milestone.WITHDRAWN,
                Milestone.CERTIFICATE_DELIVERED,
                Milestone.MERGER_PROCEDURES_DONE,
                Milestone.REGISTERED,
                Milestone.REGISTRATION_NOTICE,
            ),
            applies_certification="第34条第5項",
        ),
        KindSpec(ProcedureKind.OFFICER_CHANGE_NOTICE, "役員の変更等の届出", "第23条第1項", _NOTICE),
        KindSpec(ProcedureKind.ARTICLES_AMENDMENT_NOTICE, "定款変更の届出", "第25条第6項", _NOTICE),
        KindSpec(
            ProcedureKind.REGISTRATION_CERTIFICATE,
            "定款変更の登記事項証明書の提出",
            "第25条第7項",
            _NOTICE,
            available_from=SHOKATSU_ACCREDITATION_FROM,
        ),
        KindSpec(ProcedureKind.ANNUAL_REPORT, "事業報告書等の提出", "第29条", (Milestone.RECEIVED,)),
        KindSpec(
            ProcedureKind.DISSOLUTION,
            "解散",
            "第31条",
            (
                Milestone.DISSOLVED,
                Milestone.RECEIVED,
                Milestone.CERTIFIED,
                Milestone.REFUSED,
                Milestone.WITHDRAWN,
            ),
        ),
        KindSpec(ProcedureKind.LIQUIDATION_COMPLETED, "清算結了の届出", "第32条の3", _NOTICE),
        KindSpec(ProcedureKind.REVOCATION, "設立の認証の取消し", "第43条", (Milestone.REVOKED,)),
        KindSpec(
            ProcedureKind.ACCREDITATION,
            "認定",
            "第44条第1項",
            _ACCREDITATION,
            available_from=SHOKATSU_ACCREDITATION_FROM,
        ),
        KindSpec(
            ProcedureKind.PROVISIONAL_ACCREDITATION,
            "特例認定",
            "第58条第1項",
            _ACCREDITATION,
            available_from=SHOKATSU_ACCREDITATION_FROM,
        ),
        KindSpec(
            ProcedureKind.ACCREDITATION_RENEWAL,
            "認定の有効期間の更新",
            "第51条第2項",
            (Milestone.PREVIOUS_EXPIRY, *_ACCREDITATION),
            available_from=SHOKATSU_ACCREDITATION_FROM,
        ),
    )
}


def kind_label(kind: ProcedureKind, on: date | None = None) -> str:
    """The kind's name as of ``on``: 58条's 特例認定 was 仮認定 until 2017-03-31 (平成28年法律第70号)."""
    if kind is ProcedureKind.PROVISIONAL_ACCREDITATION and on is not None and on < PROVISIONAL_RENAMED_ON:
        return "仮認定"
    return KINDS[kind].label


# Where a kind calls a milestone by its own name (the Act's words for that procedure); every other
# milestone keeps its generic name (``MILESTONE_LABELS``).
_KIND_MILESTONE_LABELS: dict[tuple[ProcedureKind, Milestone], str] = {
    # 設立認証: the names the clerk's 設立 screens, history and files have always used.
    (ProcedureKind.ESTABLISHMENT, Milestone.RECEIVED): "申請受理",
    (ProcedureKind.ESTABLISHMENT, Milestone.CERTIFICATE_DELIVERED): "認証書到達",
    (ProcedureKind.ESTABLISHMENT, Milestone.REGISTERED): "設立登記",
    (ProcedureKind.ESTABLISHMENT, Milestone.REGISTRATION_NOTICE): "設立登記完了届受理",
    (ProcedureKind.ESTABLISHMENT, Milestone.REVOKED): "認証取消し",
    (ProcedureKind.ARTICLES_AMENDMENT, Milestone.REGISTERED): "変更の登記",
    (ProcedureKind.ARTICLES_AMENDMENT, Milestone.REGISTRATION_NOTICE): "登記事項証明書の受理",
    (ProcedureKind.MERGER, Milestone.REGISTERED): "合併の登記",
    (ProcedureKind.OFFICER_CHANGE_NOTICE, Milestone.OCCURRED): "役員の変更等の日",
    (ProcedureKind.OFFICER_CHANGE_NOTICE, Milestone.RECEIVED): "届出の受理",
    (ProcedureKind.ARTICLES_AMENDMENT_NOTICE, Milestone.OCCURRED): "定款の変更の日",
    (ProcedureKind.ARTICLES_AMENDMENT_NOTICE, Milestone.RECEIVED): "届出の受理",
    (ProcedureKind.REGISTRATION_CERTIFICATE, Milestone.OCCURRED): "変更の登記の日",
    (ProcedureKind.REGISTRATION_CERTIFICATE, Milestone.RECEIVED): "登記事項証明書の受理",
    (ProcedureKind.DISSOLUTION, Milestone.RECEIVED): "解散届・認定申請の受理",
    (ProcedureKind.DISSOLUTION, Milestone.CERTIFIED): "解散の認定 (第31条第2項)",
    (ProcedureKind.DISSOLUTION, Milestone.REFUSED): "認定しない決定",
    (ProcedureKind.LIQUIDATION_COMPLETED, Milestone.OCCURRED): "清算結了の日",
    (ProcedureKind.LIQUIDATION_COMPLETED, Milestone.RECEIVED): "届出の受理",
    (ProcedureKind.ACCREDITATION, Milestone.RECEIVED): "申請の受理",
    (ProcedureKind.ACCREDITATION, Milestone.CERTIFIED): "認定",
    (ProcedureKind.ACCREDITATION, Milestone.REFUSED): "認定しない決定",
    (ProcedureKind.PROVISIONAL_ACCREDITATION, Milestone.RECEIVED): "申請の受理",
    (ProcedureKind.PROVISIONAL_ACCREDITATION, Milestone.CERTIFIED): "特例認定",
    (ProcedureKind.PROVISIONAL_ACCREDITATION, Milestone.REFUSED): "特例認定しない決定",
    (ProcedureKind.ACCREDITATION_RENEWAL, Milestone.RECEIVED): "申請の受理",
    (ProcedureKind.ACCREDITATION_RENEWAL, Milestone.CERTIFIED): "更新",
    (ProcedureKind.ACCREDITATION_RENEWAL, Milestone.REFUSED): "更新しない決定",
}


def milestone_label(kind: ProcedureKind, milestone: Milestone) -> str:
    """The milestone's name in a procedure of ``kind`` (a 認定's CERTIFIED is 「認定」, a 定款変更's
    REGISTERED 「変更の登記」, a 設立's 「設立登記」): the one place every view (editors, timeline,
    history, 案件票, messages) takes a procedure's milestone names from."""
    return _KIND_MILESTONE_LABELS.get((kind, milestone), MILESTONE_LABELS[milestone])


@dataclass(frozen=True)
class ProcedureFacts:
    """What happened in one procedure: its kind, its dated milestones and the clerk's choices.

    ``case`` carries a 設立認証's facts in the record 設立 has always used (``CaseFacts``); the other
    kinds keep theirs in ``dates``. Nothing here is derived: deadlines come from ``procedure_deadlines``.
    """

    kind: ProcedureKind
    dates: Mapping[Milestone, date] = field(default_factory=dict)
    law_profile_id: str | None = None  # explicit override; None = chosen by the receipt date
    case: CaseFacts | None = None  # 設立認証 only
    # 定款変更: the change alters a 登記事項 (目的, 名称, 事務所 …): a 変更の登記 follows (組合等登記令3条).
    registered_change: bool = False
    authority_change: AuthorityChange | None = None  # 定款変更 moving the corporation (26条)
    dissolution_ground: DissolutionGround | None = None  # 解散 only
    merger_role: MergerRole | None = None  # 合併 only

    def on(self, milestone: Milestone) -> date | None:
        """The date of ``milestone``, None while it has not happened."""
        if self.case is not None:
            name = _CASE_FIELDS.get(milestone)
            value = getattr(self.case, name) if name is not None else None
            return value if isinstance(value, date) else None
        return self.dates.get(milestone)

    @property
    def received_on(self) -> date | None:
        return self.on(Milestone.RECEIVED)


# The 設立認証 milestones in ``CaseFacts``'s own field names.
_CASE_FIELDS: dict[Milestone, str] = {
    Milestone.CONSULTED: "consulted_on",
    Milestone.FOUNDING_MEETING: "founding_meeting_on",
    Milestone.RECEIVED: "received_on",
    Milestone.CORRECTION_RECEIVED: "correction_received_on",
    Milestone.CERTIFIED: "certified_on",
    Milestone.REFUSED: "refused_on",
    Milestone.WITHDRAWN: "withdrawn_on",
    Milestone.CERTIFICATE_DELIVERED: "certificate_delivered_on",
    Milestone.REGISTERED: "registered_on",
    Milestone.REGISTRATION_NOTICE: "registration_notice_on",
    Milestone.REVOKED: "revoked_on",
}


def establishment(case: CaseFacts) -> ProcedureFacts:
    """A 設立認証 procedure over an existing case's facts (what the store's migration makes of a case)."""
    return ProcedureFacts(ProcedureKind.ESTABLISHMENT, case=case, law_profile_id=case.law_profile_id)


def procedure_profile(facts: ProcedureFacts) -> LawProfile:
    """The law profile of the procedure: the override, else that of its receipt date, else the newest."""
    if facts.law_profile_id is not None:
        return get_profile(facts.law_profile_id)
    received = facts.received_on
    return profile_for(received) if received is not None else PROFILES[-1]


# Dates fixed in advance rather than events: a renewal is applied for 6 to 3 months before the previous
# validity ends (51条3項), so that end lies ahead when the application is recorded.
_KNOWN_AHEAD: frozenset[Milestone] = frozenset({Milestone.PREVIOUS_EXPIRY})


def check_procedure(facts: ProcedureFacts, today: date) -> None:
    """Refuse (InvalidInput, in Japanese) facts no procedure of the kind can have: a milestone the kind
    does not use, one dated after ``today`` (it has not happened; a renewal's previous expiry excepted,
    a date known ahead), a procedure the Act did not know on
    its date (認定 by the 所轄庁 before 2012-04-01), choices that do not fit the kind, and a decision,
    certificate or registration before what must precede it. One check for every write path.
    A 設立認証 carried as ``case`` is checked by ``lifecycle.check_facts``, as before."""
    spec = KINDS[facts.kind]
    if facts.case is not None and facts.kind is not ProcedureKind.ESTABLISHMENT:
        raise InvalidInput(f"{spec.label}の手続に設立認証の記録は持たせられません。")
    check_countable_days(facts.dates.values())
    for milestone, on in facts.dates.items() if facts.case is None else ():
        if milestone not in spec.milestones:
            raise InvalidInput(f"{spec.label}の手続に「{MILESTONE_LABELS[milestone]}」の日付はありません。")
        if on > today and milestone not in _KNOWN_AHEAD:
            name = milestone_label(facts.kind, milestone)
            raise InvalidInput(
                f"{name}の日付({format_wareki(on)})が今日({format_wareki(today)})"
                "より後です。まだ起きていないことは記録できません。"
            )
    first = min((d for m in spec.milestones if (d := facts.on(m)) is not None), default=None)
    if first is not None and first < spec.available_from:
        raise InvalidInput(
            f"{spec.label}は{format_wareki(spec.available_from)}からの手続です"
            f"(平成23年法律第70号)。{format_wareki(first)}の日付は記録できません。"
        )
    if facts.dissolution_ground is not None and facts.kind is not ProcedureKind.DISSOLUTION:
        raise InvalidInput("解散の事由は、解散の手続にだけ指定できます。")
    if facts.merger_role is not None and facts.kind is not ProcedureKind.MERGER:
        raise InvalidInput("合併での立場は、合併の手続にだけ指定できます。")
    amendment_only = facts.registered_change or facts.authority_change is not None
    if amendment_only and facts.kind is not ProcedureKind.ARTICLES_AMENDMENT:
        raise InvalidInput("登記事項の変更と所轄庁の変更は、定款変更認証の手続にだけ指定できます。")
    for before, after in _ORDER:
        start, end = facts.on(before), facts.on(after)
        if start is not None and end is not None and end < start:
            raise InvalidInput(
                f"{milestone_label(facts.kind, after)}({format_wareki(end)})が"
                f"{milestone_label(facts.kind, before)}({format_wareki(start)})より前になっています。"
            )
    if facts.case is None and spec.needs_certification:
        _check_decided_after_inspection(facts)


# Facts of an application for 認証 that only its 認証 or 不認証 makes possible.
_AFTER_DECISION = (
    Milestone.CERTIFIED,
    Milestone.REFUSED,
    Milestone.CERTIFICATE_DELIVERED,
    Milestone.MERGER_PROCEDURES_DONE,
    Milestone.REGISTERED,
    Milestone.REGISTRATION_NOTICE,
)


def _check_decided_after_inspection(facts: ProcedureFacts) -> None:
    """12条2項 (applied by 25条5項 and 34条5項): the decision is made after the 縦覧 of 10条2項, and it
    is either 認証 or 不認証; so nothing that follows it can fall within 縦覧 (as ``lifecycle.check_facts``
    refuses for 設立)."""
    if facts.on(Milestone.CERTIFIED) is not None and facts.on(Milestone.REFUSED) is not None:
        raise InvalidInput("認証と不認証の両方の日付があります。どちらか一方だけを入力してください。")
    received = facts.received_on
    if received is None:
        return
    inspection_end = public_inspection_end(received, procedure_profile(facts))
    for milestone in _AFTER_DECISION:
        on = facts.on(milestone)
        if on is not None and on <= inspection_end:
            raise InvalidInput(
                f"{milestone_label(facts.kind, milestone)}の日付({format_wareki(on)})が縦覧期間"
                f"({format_wareki(inspection_end)}まで)の終わる前になっています。"
                "認証・不認証は縦覧期間の後にしかできません。"
            )


# Pairs (earlier, later) every kind keeps in order, where both are known.
_ORDER: tuple[tuple[Milestone, Milestone], ...] = (
    (Milestone.RECEIVED, Milestone.CERTIFIED),
    (Milestone.RECEIVED, Milestone.REFUSED),
    (Milestone.RECEIVED, Milestone.CORRECTION_RECEIVED),
    (Milestone.CERTIFIED, Milestone.CERTIFICATE_DELIVERED),
    (Milestone.CERTIFICATE_DELIVERED, Milestone.MERGER_PROCEDURES_DONE),
    (Milestone.CERTIFIED, Milestone.REGISTERED),
    (Milestone.CERTIFICATE_DELIVERED, Milestone.REGISTERED),
    (Milestone.MERGER_PROCEDURES_DONE, Milestone.REGISTERED),
    (Milestone.REGISTERED, Milestone.REGISTRATION_NOTICE),
    (Milestone.OCCURRED, Milestone.RECEIVED),
    (Milestone.DISSOLVED, Milestone.RECEIVED),
    (Milestone.CERTIFIED, Milestone.REVOKED),
)


def is_decided(facts: ProcedureFacts) -> bool:
    """Granted, refused or withdrawn: the application's 縦覧, 補正 and decision are over."""
    return any(facts.on(m) is not None for m in (Milestone.CERTIFIED, Milestone.REFUSED, Milestone.WITHDRAWN))


def is_ended_without_effect(facts: ProcedureFacts) -> bool:
    """不認証, 取下げ or 取消し: nothing of the procedure is pending any more."""
    return any(facts.on(m) is not None for m in (Milestone.REFUSED, Milestone.WITHDRAWN, Milestone.REVOKED))


# --- deadlines per kind ------------------------------------------------------------------------------


def _application(facts: ProcedureFacts, settings: Settings) -> list[Deadline]:
    received = facts.received_on
    spec = KINDS[facts.kind]
    if received is None or spec.applies_certification is None:
        return []
    return application_deadlines(
        received, procedure_profile(facts), settings, applied_by=spec.applies_certification
    )


def _articles_amendment(facts: ProcedureFacts, settings: Settings) -> list[Deadline]:
    """25条3項・5項, 26条, 25条7項 and 組合等登記令3条1項・24条."""
    if facts.authority_change is AuthorityChange.OUTGOING:
        return []  # 26条1項: the new 所轄庁 decides; the old one only forwards the application
    found = _application(facts, settings)
    delivered, registered = facts.on(Milestone.CERTIFICATE_DELIVERED), facts.on(Milestone.REGISTERED)
    if facts.registered_change and delivered is not None:
        end = period_end(delivered, REGISTRATION_PERIOD)
        basis = f"組合等登記令第3条第1項・第24条、{NATIONAL_ROLL}"
        found.append(_deadline(DeadlineKey.AMENDMENT_REGISTRATION_DEADLINE, end, basis, ClosedDays()))
    received = facts.received_on
    if registered is not None and (received is None or received >= SHOKATSU_ACCREDITATION_FROM):
        basis = f"{ACT}第25条第7項"
        found.append(office_reminder(DeadlineKey.AMENDMENT_CERTIFICATE_NOTICE, registered, basis, settings))
    return found


def _merger(facts: ProcedureFacts, settings: Settings) -> list[Deadline]:
    """34条3項・5項, 35条, 39条 and 組合等登記令8条."""
    found = _application(facts, settings)
    local = ClosedDays(settings.extra_closed_days)
    certified, delivered = facts.on(Milestone.CERTIFIED), facts.on(Milestone.CERTIFICATE_DELIVERED)
    done, registered = facts.on(Milestone.MERGER_PROCEDURES_DONE), facts.on(Milestone.REGISTERED)
    if delivered is not None:
        end = period_end(delivered, MERGER_NOTICE_PERIOD)
        notice = _deadline(DeadlineKey.MERGER_CREDITOR_NOTICE, end, f"{ACT}第35条第1項・第2項")
        note = "法人が行う貸借対照表・財産目録の作成と債権者への公告・催告 (異議の期間は2か月以上)"
        found.append(replace(notice, note=note))
    if done is not None:
        start = max(done, delivered) if delivered is not None else done
        end = period_end(start, REGISTRATION_PERIOD)
        basis = f"組合等登記令第8条、{NATIONAL_ROLL}"
        found.append(_deadline(DeadlineKey.MERGER_REGISTRATION_DEADLINE, end, basis, ClosedDays()))
    if certified is not None:
        end = period_end(certified, REGISTRATION_GRACE)
        basis = f"{ACT}第39条第2項において準用する第13条第3項"
        grace = _deadline(DeadlineKey.MERGER_REGISTRATION_GRACE_END, end, basis)
        grace = replace(grace, note="過ぎても合併の登記がなければ、合併の認証を取り消すことができる")
        found.append(_not_rolled(grace, local))
    if registered is not None:
        basis = f"{ACT}第39条第2項において準用する第13条第2項"
        found.append(office_reminder(DeadlineKey.MERGER_REGISTRATION_NOTICE, registered, basis, settings))
    return found


# Notifications whose duty runs 「遅滞なく」 from the event (the basis, and what the event is called).
_NOTIFICATION_DUTY: dict[ProcedureKind, tuple[str, str]] = {
    ProcedureKind.OFFICER_CHANGE_NOTICE: ("第23条第1項", "変更"),
    ProcedureKind.ARTICLES_AMENDMENT_NOTICE: ("第25条第6項", "定款の変更"),
    ProcedureKind.REGISTRATION_CERTIFICATE: ("第25条第7項", "登記"),
}


def _notification(facts: ProcedureFacts, settings: Settings) -> list[Deadline]:
    occurred = facts.on(Milestone.OCCURRED)
    duty = _NOTIFICATION_DUTY.get(facts.kind)
    if occurred is None or duty is None:
        return []
    article, event = duty
    return [
        office_reminder(
            DeadlineKey.NOTIFICATION_REMINDER, occurred, f"{ACT}{article}", settings, since_what=event
        )
    ]


def _dissolution(facts: ProcedureFacts, settings: Settings) -> list[Deadline]:
    """31条4項: the 解散届 「遅滞なく」 for 1号・2号・4号・6号. 3号's 認定 (31条2項) has no period in
    the Act (the office's 標準処理期間, 行政手続法6条, is its own); 5号・7号 need no 届出."""
    dissolved = facts.on(Milestone.DISSOLVED)
    if dissolved is None or facts.dissolution_ground not in NOTIFIED_GROUNDS:
        return []
    basis = f"{ACT}第31条第4項"
    return [office_reminder(DeadlineKey.NOTIFICATION_REMINDER, dissolved, basis, settings, since_what="解散")]


def validity_end(facts: ProcedureFacts) -> date | None:
    """The last day of a granted 認定 (5 years from the 認定の日, 51条1項), of its renewal (5 years from
    the day after the previous expiry, same), or of a 特例認定 (3 years, 60条); counted from that first
    day itself (「起算して」). None until granted."""
    granted = facts.on(Milestone.CERTIFIED)
    if granted is None:
        return None
    if facts.kind is ProcedureKind.ACCREDITATION:
        return period_end(granted, ACCREDITATION_VALIDITY, first_day_counted=True)
    if facts.kind is ProcedureKind.PROVISIONAL_ACCREDITATION:
        return period_end(granted, PROVISIONAL_VALIDITY, first_day_counted=True)
    if facts.kind is ProcedureKind.ACCREDITATION_RENEWAL:
        previous = facts.on(Milestone.PREVIOUS_EXPIRY)
        if previous is None:
            return None
        return period_end(previous + timedelta(days=1), ACCREDITATION_VALIDITY, first_day_counted=True)
    return None


def renewal_window(expiry: date) -> tuple[date, date]:
    """51条3項: 「有効期間の満了の日の六月前から三月前までの間」, both ends included
    (docs/legal-reference.md §13.6: 東京都's example 2017-09-15 → 2017-03-15〜2017-06-15)."""
    return months_before(expiry, RENEWAL_WINDOW_OPENS), months_before(expiry, RENEWAL_WINDOW_CLOSES)


def _accreditation(facts: ProcedureFacts, settings: Settings) -> list[Deadline]:
    """51条 (認定 and its renewal) and 60条 (特例認定, which is never renewed: 61条1号)."""
    end = validity_end(facts)
    if end is None:
        return []
    local = ClosedDays(settings.extra_closed_days)
    article = "第60条" if facts.kind is ProcedureKind.PROVISIONAL_ACCREDITATION else "第51条第1項"
    expiry = _deadline(DeadlineKey.ACCREDITATION_EXPIRY, end, f"{ACT}{article}")
    found = [
        _not_rolled(
            replace(
                expiry, label=f"{kind_label(facts.kind, facts.on(Milestone.CERTIFIED))}の有効期間の満了日"
            ),
            local,
        )
    ]
    if facts.kind is ProcedureKind.PROVISIONAL_ACCREDITATION:
        return found
    opens, closes = renewal_window(end)
    basis = f"{ACT}第51条第3項、{LOCAL_ROLL}"
    renewal = _deadline(DeadlineKey.RENEWAL_APPLICATION_DEADLINE, closes, basis, local)
    note = f"更新申請期間は{format_wareki(opens)}から (満了日の6か月前から3か月前まで)"
    found.append(replace(renewal, note=note))
    return found


_BY_KIND: dict[ProcedureKind, Callable[[ProcedureFacts, Settings], list[Deadline]]] = {
    ProcedureKind.ARTICLES_AMENDMENT: _articles_amendment,
    ProcedureKind.MERGER: _merger,
    ProcedureKind.OFFICER_CHANGE_NOTICE: _notification,
    ProcedureKind.ARTICLES_AMENDMENT_NOTICE: _notification,
    ProcedureKind.REGISTRATION_CERTIFICATE: _notification,
    ProcedureKind.DISSOLUTION: _dissolution,
    ProcedureKind.ACCREDITATION: _accreditation,
    ProcedureKind.PROVISIONAL_ACCREDITATION: _accreditation,
    ProcedureKind.ACCREDITATION_RENEWAL: _accreditation,
}


def procedure_deadlines(facts: ProcedureFacts, settings: Settings) -> dict[DeadlineKey, Deadline]:
    """Every deadline the procedure's known facts determine, in DeadlineKey order.

    設立認証 is ``deadlines.compute_deadlines`` itself. 事業報告書等 (29条) are due by fiscal year, not
    by procedure (``annual_reports``); 清算結了の届出 and 取消し have no period in the Act.
    """
    if facts.kind is ProcedureKind.ESTABLISHMENT:
        return compute_deadlines(_case(facts), settings)
    by_kind = _BY_KIND.get(facts.kind)
    found = by_kind(facts, settings) if by_kind is not None else []
    return {d.key: d for d in sorted(found, key=lambda d: _KEY_ORDER[d.key])}


def _case(facts: ProcedureFacts) -> CaseFacts:
    if facts.case is not None:
        return facts.case
    values = {name: facts.dates[m] for m, name in _CASE_FIELDS.items() if m in facts.dates}
    return CaseFacts(law_profile_id=facts.law_profile_id, **values)  # type: ignore[arg-type]


# When each deadline of the procedures after 設立 stops being pending (設立's own: deadlines._STILL_OPEN).
_STILL_OPEN: dict[DeadlineKey, Callable[[ProcedureFacts, Deadline, date], bool]] = {
    DeadlineKey.PUBLIC_INSPECTION_END: lambda f, d, today: not is_decided(f) and today <= d.date,
    DeadlineKey.CORRECTION_DEADLINE: lambda f, d, today: not is_decided(f) and today <= d.date,
    DeadlineKey.DECISION_DEADLINE: lambda f, d, today: not is_decided(f),
    DeadlineKey.AMENDMENT_REGISTRATION_DEADLINE: lambda f, d, today: f.on(Milestone.REGISTERED) is None,
    DeadlineKey.AMENDMENT_CERTIFICATE_NOTICE: lambda f, d, today: f.on(Milestone.REGISTRATION_NOTICE) is None,
    DeadlineKey.MERGER_CREDITOR_NOTICE: lambda f, d, today: (
        f.on(Milestone.MERGER_PROCEDURES_DONE) is None
        and f.on(Milestone.REGISTERED) is None
        and today <= d.date
    ),
    DeadlineKey.MERGER_REGISTRATION_DEADLINE: lambda f, d, today: f.on(Milestone.REGISTERED) is None,
    DeadlineKey.MERGER_REGISTRATION_GRACE_END: lambda f, d, today: f.on(Milestone.REGISTERED) is None,
    DeadlineKey.MERGER_REGISTRATION_NOTICE: lambda f, d, today: f.on(Milestone.REGISTRATION_NOTICE) is None,
    DeadlineKey.NOTIFICATION_REMINDER: lambda f, d, today: f.on(Milestone.RECEIVED) is None,
    DeadlineKey.ACCREDITATION_EXPIRY: lambda f, d, today: today <= d.date,
    DeadlineKey.RENEWAL_APPLICATION_DEADLINE: lambda f, d, today: today <= d.date,
}


def open_procedure_deadlines(
    facts: ProcedureFacts, settings: Settings, today: date, *, renewal_applied: bool = False
) -> list[Deadline]:
    """The procedure's deadlines still pending on ``today``, earliest (by ``act_by``) first.

    ``renewal_applied``: a renewal of this 認定 has been applied for (a later procedure), so its
    renewal window is met; the store knows, the single procedure does not.
    """
    if facts.kind is ProcedureKind.ESTABLISHMENT:
        return open_deadlines(_case(facts), settings, today)
    if is_ended_without_effect(facts):
        return []
    pending = [
        d
        for d in procedure_deadlines(facts, settings).values()
        if _STILL_OPEN[d.key](facts, d, today)
        and not (renewal_applied and d.key is DeadlineKey.RENEWAL_APPLICATION_DEADLINE)
    ]
    return sorted(pending, key=lambda d: (d.act_by, _KEY_ORDER[d.key]))
