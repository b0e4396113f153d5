"""A corporation (法人) as the sum of its procedures: where it stands, what is pending, whether 43条1項
lets the 所轄庁 revoke it. Pure functions over ``ProcedureFacts``: the store keeps the procedures, this
module reads them (docs/legal-reference.md §13.8).

A group whose 設立 application never led to a 設立の登記 (pending, 不認証, 取下げ, or revoked under
13条3項 before registering) is not a 法人 (13条1項: it comes into being by registration): it stays a
設立 application, status 申請中, whatever happened to that application.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from npo_desk.domain.annual_reports import REVOCATION_YEARS, AnnualReport, missing_streak
from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.procedures import (
    AuthorityChange,
    DissolutionGround,
    MergerRole,
    Milestone,
    ProcedureFacts,
    ProcedureKind,
    open_procedure_deadlines,
    validity_end,
)
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki


class CorporationStatus(StrEnum):
    APPLYING = "applying"  # 申請中: no 設立の登記 (yet, or ever)
    ESTABLISHED = "established"  # 設立済
    DISSOLVED = "dissolved"  # 解散 (清算中, or merged away)
    LIQUIDATED = "liquidated"  # 清算結了
    REVOKED = "revoked"  # 認証取消 (43条; then 解散 by 31条1項7号 and 清算)
    TRANSFERRED = "transferred"  # 所轄庁変更で移管 (26条: another 所轄庁 now supervises it)


STATUS_LABELS: dict[CorporationStatus, str] = {
    CorporationStatus.APPLYING: "申請中",
    CorporationStatus.ESTABLISHED: "設立済",
    CorporationStatus.DISSOLVED: "解散",
    CorporationStatus.LIQUIDATED: "清算結了",
    CorporationStatus.REVOKED: "認証取消",
    CorporationStatus.TRANSFERRED: "所轄庁変更で移管",
}

# On one day, the later stage of a corporation's end wins (a 取消し and its 清算結了 the same day …).
_RANK: dict[CorporationStatus, int] = {
    CorporationStatus.APPLYING: 0,
    CorporationStatus.ESTABLISHED: 1,
    CorporationStatus.TRANSFERRED: 2,
    CorporationStatus.DISSOLVED: 3,
    CorporationStatus.REVOKED: 4,
    CorporationStatus.LIQUIDATED: 5,
}


@dataclass(frozen=True)
class Standing:
    """Where a corporation stands, since when and because of what (「設立の登記 (令和3年4月1日)」)."""

    status: CorporationStatus
    since: date | None = None
    reason: str = ""

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_corporation(self) -> bool:
        """Registered at some point: a 法人, whatever became of it since (13条1項)."""
        return self.status is not CorporationStatus.APPLYING


def _events(procedure: ProcedureFacts) -> Iterable[tuple[date, CorporationStatus, str]]:
    """The changes of standing one procedure brings about, with their dates."""
    on = procedure.on
    kind = procedure.kind
    if kind is ProcedureKind.ESTABLISHMENT:
        registered, revoked = on(Milestone.REGISTERED), on(Milestone.REVOKED)
        if registered is not None:
            yield registered, CorporationStatus.ESTABLISHED, "設立の登記"
            if revoked is not None:  # after registration a 取消し is 43条's (before it, 13条3項's)
                yield revoked, CorporationStatus.REVOKED, "設立の認証の取消し (第43条)"
    elif kind is ProcedureKind.MERGER:
        registered = on(Milestone.REGISTERED)
        if registered is not None and procedure.merger_role is MergerRole.DISSOLVING:
            yield registered, CorporationStatus.DISSOLVED, "合併による解散 (第31条第1項第5号、第39条第1項)"
        if registered is not None and procedure.merger_role is MergerRole.NEW:
            yield registered, CorporationStatus.ESTABLISHED, "合併による設立の登記 (第39条第1項)"
    elif kind is ProcedureKind.DISSOLUTION:
        ground = procedure.dissolution_ground
        # 31条2項: a dissolution for 3号 takes effect only with the 所轄庁's 認定.
        day = on(Milestone.CERTIFIED) if ground is DissolutionGround.IMPOSSIBLE else on(Milestone.DISSOLVED)
        if day is not None and ground is DissolutionGround.REVOCATION:
            yield day, CorporationStatus.REVOKED, "設立の認証の取消しによる解散 (第31条第1項第7号)"
        elif day is not None:
            yield day, CorporationStatus.DISSOLVED, "解散"
    elif kind is ProcedureKind.LIQUIDATION_COMPLETED:
        day = on(Milestone.OCCURRED) or on(Milestone.RECEIVED)
        if day is not None:
            yield day, CorporationStatus.LIQUIDATED, "清算結了 (第32条の3)"
    elif kind is ProcedureKind.REVOCATION:
        revoked = on(Milestone.REVOKED)
        if revoked is not None:
            yield revoked, CorporationStatus.REVOKED, "設立の認証の取消し (第43条)"
    elif kind is ProcedureKind.ARTICLES_AMENDMENT:
        certified = on(Milestone.CERTIFIED)
        if certified is not None and procedure.authority_change is AuthorityChange.OUTGOING:
            yield certified, CorporationStatus.TRANSFERRED, "所轄庁の変更を伴う定款変更の認証 (第26条)"
        if certified is not None and procedure.authority_change is AuthorityChange.INCOMING:
            yield certified, CorporationStatus.ESTABLISHED, "所轄庁の変更による移管 (第26条第3項)"


def corporation_standing(procedures: Iterable[ProcedureFacts]) -> Standing:
    """The corporation's standing from all its procedures' facts: the latest change wins (on one day,
    the later stage of an ending). No change at all: a 設立 application (申請中)."""
    events = [event for procedure in procedures for event in _events(procedure)]
    if not events:
        return Standing(CorporationStatus.APPLYING)
    day, status, reason = max(events, key=lambda e: (e[0], _RANK[e[1]]))
    return Standing(status, day, f"{reason} ({format_wareki(day)})")


def revocation_day(procedures: Iterable[ProcedureFacts]) -> date | None:
    """The day the corporation's 設立の認証 was revoked (43条; its 解散 by 31条1項7号), None if never:
    the same events ``corporation_standing`` reads."""
    days = [
        day
        for procedure in procedures
        for day, status, _reason in _events(procedure)
        if status is CorporationStatus.REVOKED
    ]
    return min(days, default=None)


def dissolution_of(procedures: Iterable[ProcedureFacts]) -> tuple[date, DissolutionGround | None] | None:
    """When and on which ground of 31条1項 the corporation dissolved (None: the 解散 procedure does not
    say), or None while it has not: a 解散 (3号 on the 所轄庁's 認定, 31条2項), a 合併 that dissolved
    it (5号) or the 取消し of its 認証 (7号), whichever came first. For the 内閣府 file's 解散情報 and the
    statistics' 解散数 (docs/legal-reference.md §10)."""
    found: list[tuple[date, DissolutionGround | None]] = []
    for procedure in procedures:
        for day, status, _reason in _events(procedure):
            if status is CorporationStatus.REVOKED:
                found.append((day, DissolutionGround.REVOCATION))
            elif status is CorporationStatus.DISSOLVED and procedure.kind is ProcedureKind.MERGER:
                found.append((day, DissolutionGround.MERGER))
            elif status is CorporationStatus.DISSOLVED:
                found.append((day, procedure.dissolution_ground))
    return min(found, key=lambda event: event[0], default=None)


@dataclass(frozen=True)
class PendingDeadline:
    """An open deadline of one of the corporation's procedures: ``index`` is the procedure's position
    in the sequence given, so the caller maps it back to its own record."""

    index: int
    kind: ProcedureKind
    deadline: Deadline


# Deadlines that only an existing, supervised 法人 has: a 認定 lapses with the corporation's end
# (57条1項3号・61条3号), a transferred one is another 所轄庁's to watch, and npo-desk stops asking for
# 事業報告書等 once the corporation is dissolved (docs/legal-reference.md §13.8, an interpretation).
_ONLY_WHILE_ESTABLISHED = frozenset(
    {
        DeadlineKey.ACCREDITATION_EXPIRY,
        DeadlineKey.RENEWAL_APPLICATION_DEADLINE,
        DeadlineKey.ANNUAL_REPORT_DUE,
    }
)


def corporation_open_deadlines(
    procedures: Sequence[ProcedureFacts], settings: Settings, today: date
) -> list[PendingDeadline]:
    """Every open deadline of every procedure of one corporation, earliest first (``Deadline.act_by``).

    A 認定's renewal window closes once a renewal of it (a 更新 procedure whose previous expiry is that
    認定's last day) has been received.
    """
    standing = corporation_standing(procedures)
    renewed = {
        expiry
        for p in procedures
        if p.kind is ProcedureKind.ACCREDITATION_RENEWAL and p.on(Milestone.RECEIVED) is not None
        if (expiry := p.on(Milestone.PREVIOUS_EXPIRY)) is not None
    }
    found: list[PendingDeadline] = []
    for index, procedure in enumerate(procedures):
        applied = validity_end(procedure) in renewed
        for deadline in open_procedure_deadlines(procedure, settings, today, renewal_applied=applied):
            if (
                deadline.key in _ONLY_WHILE_ESTABLISHED
                and standing.status is not CorporationStatus.ESTABLISHED
            ):
                continue
            found.append(PendingDeadline(index, procedure.kind, deadline))
    return sorted(found, key=lambda p: (p.deadline.act_by, p.index))


K = TypeVar("K")


@dataclass(frozen=True)
class RevocationCandidate(Generic[K]):
    """A corporation 43条1項 lets the 所轄庁 revoke: its 事業報告書等 missing 3 years or more in a row.
    A candidate only: revocation is discretionary and needs a 聴聞 first."""

    key: K
    missing: tuple[AnnualReport, ...]  # the run of overdue reports, oldest first


def revocation_candidates(
    corporations: Iterable[tuple[K, Standing, CaseFacts]], settings: Settings, today: date
) -> list[RevocationCandidate[K]]:
    """Established corporations with ``REVOCATION_YEARS`` (3) or more consecutive 事業報告書等 overdue on
    ``today`` (43条1項), longest run first. The years come from ``annual_reports.missing_streak``, the
    same count as the case's own finding; a corporation dissolved, revoked or transferred is no candidate."""
    found: list[RevocationCandidate[K]] = []
    for key, standing, reports in corporations:
        if standing.status is not CorporationStatus.ESTABLISHED:
            continue
        streak = missing_streak(reports, settings, today)
        if len(streak) >= REVOCATION_YEARS:
            found.append(RevocationCandidate(key, tuple(streak)))
    return sorted(found, key=lambda c: -len(c.missing))
