"""What the store hands out and takes back: frozen plain objects, never live ORM rows.

The GUI keeps a ``Case`` as long as it likes (no session stays open), edits it with
``dataclasses.replace`` and gives it back to ``save_case``; the ``version`` it carries is how the
store notices that someone else saved the case in the meantime.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.corporations import Standing
from npo_desk.domain.deadlines import Deadline
from npo_desk.domain.documents import AttachmentRecord
from npo_desk.domain.due import Due, ManualDate
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.procedures import (
    KINDS,
    AuthorityChange,
    DissolutionGround,
    MergerRole,
    ProcedureFacts,
    ProcedureKind,
    establishment,
    milestone_label,
)
from npo_desk.domain.procedures import Milestone as ProcedureMilestone
from npo_desk.domain.requirements import OfficerFacts, Role


class CaseKind(StrEnum):
    """A procedure (手続) kept as a case: every ``domain.procedures.ProcedureKind`` but 事業報告書等,
    which stay the filings of ``AnnualReportFiling``. The values are the domain's."""

    ESTABLISHMENT = "establishment"  # 設立認証
    ARTICLES_AMENDMENT = "articles_amendment"  # 定款変更認証
    MERGER = "merger"  # 合併認証
    OFFICER_CHANGE_NOTICE = "officer_change_notice"  # 役員の変更等の届出
    ARTICLES_AMENDMENT_NOTICE = "articles_amendment_notice"  # 定款変更の届出
    REGISTRATION_CERTIFICATE = "registration_certificate"  # 登記事項証明書の提出
    DISSOLUTION = "dissolution"  # 解散
    LIQUIDATION_COMPLETED = "liquidation_completed"  # 清算結了の届出
    REVOCATION = "revocation"  # 設立の認証の取消し
    ACCREDITATION = "accreditation"  # 認定
    PROVISIONAL_ACCREDITATION = "provisional_accreditation"  # 特例認定
    ACCREDITATION_RENEWAL = "accreditation_renewal"  # 認定の有効期間の更新


def procedure_kind(kind: CaseKind) -> ProcedureKind:
    """The domain's kind of a case's procedure (same value)."""
    return ProcedureKind(kind.value)


CASE_KIND_LABELS: dict[CaseKind, str] = {kind: KINDS[procedure_kind(kind)].label for kind in CaseKind}


class OfficeKind(StrEnum):
    MAIN = "main"  # 主たる事務所
    BRANCH = "branch"  # 従たる事務所


class MilestoneKind(StrEnum):
    """A dated fact; for 設立認証's facts the value is the matching ``CaseFacts`` field name."""

    CONSULTED = "consulted_on"
    FOUNDING_MEETING = "founding_meeting_on"
    RECEIVED = "received_on"
    CORRECTION_RECEIVED = "correction_received_on"
    CERTIFIED = "certified_on"
    REFUSED = "refused_on"
    CERTIFICATE_DELIVERED = "certificate_delivered_on"
    REGISTERED = "registered_on"
    REGISTRATION_NOTICE = "registration_notice_on"
    WITHDRAWN = "withdrawn_on"
    REVOKED = "revoked_on"
    # The procedures after 設立 (not in CaseFacts).
    OCCURRED = "occurred_on"
    MERGER_PROCEDURES_DONE = "merger_procedures_done_on"
    DISSOLVED = "dissolved_on"
    PREVIOUS_EXPIRY = "previous_expiry_on"


# The one mapping between the store's milestone kinds and the domain's (the value less 「_on」).
DOMAIN_MILESTONES: dict[MilestoneKind, ProcedureMilestone] = {
    kind: ProcedureMilestone(kind.value.removesuffix("_on")) for kind in MilestoneKind
}
STORE_MILESTONES: dict[ProcedureMilestone, MilestoneKind] = {d: k for k, d in DOMAIN_MILESTONES.items()}
# The kinds 設立認証 records in ``CaseFacts``.
CASE_FACT_MILESTONES: tuple[MilestoneKind, ...] = tuple(
    kind for kind in MilestoneKind if kind.value in {f.name for f in fields(CaseFacts)}
)


def milestone_label_of(kind: CaseKind, milestone: MilestoneKind) -> str:
    """The name of ``milestone`` in a case of ``kind`` (a 定款変更's 「変更の登記」, a 設立's
    「設立登記」): the domain's ``milestone_label``, for every view of a stored procedure."""
    return milestone_label(procedure_kind(kind), DOMAIN_MILESTONES[milestone])


# Each milestone by 設立認証's name (the names of a case whose kind is not known; any other kind's
# views take ``milestone_label_of``).
MILESTONE_LABELS: dict[MilestoneKind, str] = {
    kind: milestone_label_of(CaseKind.ESTABLISHMENT, kind) for kind in MilestoneKind
}

_CASE_FACT_KINDS = frozenset(CASE_FACT_MILESTONES)
# Each of them to its CaseFacts field (its value): an Enum's ``.value`` costs a descriptor call each time.
_CASE_FACT_FIELDS: dict[MilestoneKind, str] = {kind: kind.value for kind in CASE_FACT_MILESTONES}

# A case with one of these facts has finished its procedure: nothing in it is pending any more.
CLOSING_MILESTONES: frozenset[MilestoneKind] = frozenset(
    {
        MilestoneKind.REFUSED,
        MilestoneKind.REGISTRATION_NOTICE,
        MilestoneKind.WITHDRAWN,
        MilestoneKind.REVOKED,
    }
)


@dataclass(frozen=True)
class Office:
    address: str  # as typed by the clerk
    kind: OfficeKind = OfficeKind.MAIN
    municipality_code: str | None = None  # 全国地方公共団体コード, resolved by refdata
    prefecture: str | None = None


@dataclass(frozen=True)
class Officer:
    name: str
    role: str  # domain.requirements.Role value: "director" (理事) / "auditor" (監事)
    kana: str = ""
    paid: bool = False
    relative_group: str | None = None  # officers sharing a marker are spouses/relatives
    is_staff: bool = False

    def marks(self) -> tuple[str, ...]:
        """What the clerk notes beside the name: 報酬あり, 職員兼務, 親族グループA (history, 案件票)."""
        found = ("報酬あり" if self.paid else "", "職員兼務" if self.is_staff else "")
        group = f"親族グループ{self.relative_group}" if self.relative_group else ""
        return tuple(mark for mark in (*found, group) if mark)


@dataclass(frozen=True)
class Milestone:
    kind: MilestoneKind
    on: date
    note: str = ""


@dataclass(frozen=True)
class DeadlineOverride:
    """A deadline the clerk set by hand; shown beside the computed one, never replacing the law."""

    key: str  # domain.deadlines.DeadlineKey value
    on: date
    reason: str
    set_by: str = ""  # filled in by the store from ``who`` when empty
    set_at: datetime | None = None  # filled in by the store

    @property
    def manual(self) -> ManualDate:
        """The domain's view: a date and its reason, judged against the law by ``domain.due.Due``."""
        return ManualDate(self.on, self.reason)


def due_of(deadline: Deadline, override: DeadlineOverride | None) -> Due:
    """The deadline with the clerk's date beside it; the domain decides which one counts."""
    return Due(deadline, override.manual if override is not None else None)


@dataclass(frozen=True)
class AnnualReportFiling:
    """A received 事業報告書等 (29条). ``fiscal_year_start`` is the first day of the fiscal year it
    covers (the key; one filing per year), ``filed_on`` the day it was received."""

    fiscal_year_start: date
    filed_on: date
    note: str = ""


@dataclass(frozen=True)
class Case:
    name: str
    kind: CaseKind = CaseKind.ESTABLISHMENT
    number: str = ""  # 「R8-003」; assigned by create_case when empty
    name_kana: str = ""
    representative: str = ""
    representative_kana: str = ""
    phone: str = ""
    email: str = ""
    postal_code: str = ""
    purpose: str = ""
    activity_fields: tuple[int, ...] = ()  # numbers in the case's law profile numbering
    fiscal_year_start: tuple[int, int] | None = None  # (month, day)
    member_count: int | None = None
    law_profile_id: str | None = None  # explicit override; None = chosen by the receipt date
    law_profile_reason: str = ""
    notes: str = ""
    clerk: str = ""
    offices: tuple[Office, ...] = ()  # offices[0] is the main office
    officers: tuple[Officer, ...] = ()
    milestones: tuple[Milestone, ...] = ()  # at most one per kind, sorted by date
    deadline_overrides: tuple[DeadlineOverride, ...] = ()
    annual_reports: tuple[AnnualReportFiling, ...] = ()  # sorted by fiscal year
    annual_reports_tracked_from: date | None = None  # earlier fiscal years' reports are not tracked
    # Not a column: the corporation's 定款変更 of 事業年度 in effect, filled when a 設立 case is loaded
    # (store.articles.fiscal_year_changes), so every view of it counts the fiscal years in force.
    fiscal_year_changes: tuple[tuple[date, tuple[int, int]], ...] = ()
    # The attached documents the clerk has marked (domain.documents; absent = 未提出), sorted by key.
    documents: tuple[AttachmentRecord, ...] = ()
    # The corporation the procedure belongs to; None for a new 設立 application (create_case makes it).
    corporation_id: int | None = None
    # The clerk's choices of the procedures after 設立 (domain.procedures.ProcedureFacts).
    registered_change: bool = False  # 定款変更: a 登記事項 changes, a 変更の登記 follows
    authority_change: AuthorityChange | None = None  # 定款変更 moving the corporation (26条)
    dissolution_ground: DissolutionGround | None = None  # 解散 (31条1項各号)
    merger_role: MergerRole | None = None  # 合併
    articles_topics: tuple[ArticlesTopic, ...] = ()  # 定款変更: what it changes (11条1項各号)
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    def milestone(self, kind: MilestoneKind) -> Milestone | None:
        return next((m for m in self.milestones if m.kind == kind), None)

    def date_of(self, kind: MilestoneKind) -> date | None:
        """The day of that milestone, None while it has not happened."""
        milestone = self.milestone(kind)
        return milestone.on if milestone else None

    def override(self, key: str) -> DeadlineOverride | None:
        return next((o for o in self.deadline_overrides if o.key == key), None)

    def due(self, deadline: Deadline) -> Due:
        """``deadline`` with this case's manual date for it, if any (``domain.due``)."""
        return due_of(deadline, self.override(deadline.key.value))

    def annual_report(self, fiscal_year_start: date) -> AnnualReportFiling | None:
        return next((f for f in self.annual_reports if f.fiscal_year_start == fiscal_year_start), None)

    @property
    def main_address(self) -> str:
        return self.offices[0].address if self.offices else ""


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case list: enough to show, sort and filter without loading the whole case."""

    id: int
    number: str
    kind: CaseKind
    name: str
    name_kana: str
    representative: str
    main_address: str
    clerk: str
    fiscal_year: int
    facts: CaseFacts
    version: int
    updated_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    field: str  # stable key, e.g. "name", "milestone:received_on", "offices"
    label: str  # Japanese, e.g. "法人名", "申請受理"
    old: str | None
    new: str | None


def facts_of(case: Case) -> CaseFacts:
    """The domain's view of a case: its dated facts, profile override, fiscal-year start and the
    事業報告書等 on record."""
    facts = case_facts(
        ((m.kind, m.on) for m in case.milestones),
        case.law_profile_id,
        case.fiscal_year_start,
        case.annual_reports,
        case.annual_reports_tracked_from,
    )
    if case.fiscal_year_changes:
        facts = replace(facts, fiscal_year_changes=case.fiscal_year_changes)
    return facts


def case_facts(
    dates: Iterable[tuple[MilestoneKind, date]],
    law_profile_id: str | None,
    fiscal_year_start: tuple[int, int] | None,
    annual_reports: Iterable[AnnualReportFiling],
    annual_reports_tracked_from: date | None,
) -> CaseFacts:
    """``CaseFacts`` from a case's parts: one mapping for a whole ``Case`` and an export's record.
    Milestones of the procedures after 設立 are not 設立's facts and are left out."""
    fields = _CASE_FACT_FIELDS
    on: dict[str, Any] = {fields[kind]: day for kind, day in dates if kind in fields}
    return CaseFacts(
        **on,
        law_profile_id=law_profile_id,
        fiscal_year_start=fiscal_year_start,
        annual_reports_filed=frozenset(f.fiscal_year_start for f in annual_reports),
        annual_reports_tracked_from=annual_reports_tracked_from,
    )


def officer_facts(officers: tuple[Officer, ...]) -> list[OfficerFacts]:
    """The domain's view of the officers, for ``check_requirements`` (editor and 案件票 alike).

    A blank relative marker means none; an officer whose stored role is not a ``Role`` (a database
    edited by hand) is left out rather than breaking the check for the whole case.
    """
    roles = {str(r) for r in Role}
    return [
        OfficerFacts(
            name=o.name,
            role=Role(o.role),
            paid=o.paid,
            relative_group=(o.relative_group or "").strip() or None,
            is_staff=o.is_staff,
            kana=o.kana,
        )
        for o in officers
        if o.role in roles
    ]


def with_facts(case: Case, facts: CaseFacts) -> Case:
    """``case`` with its milestones set from ``facts`` (e.g. after ``lifecycle.apply_action``).

    Notes of milestones whose date is unchanged are kept; a removed fact removes its milestone.
    """
    kept = {m.kind: m for m in case.milestones}
    milestones = [m for m in case.milestones if m.kind not in _CASE_FACT_KINDS]
    for kind in CASE_FACT_MILESTONES:
        on = getattr(facts, kind.value)
        if on is None:
            continue
        old = kept.get(kind)
        if old is None or old.on != on:
            old = Milestone(kind, on, old.note if old else "")
        milestones.append(old)
    order = list(MilestoneKind)
    milestones.sort(key=lambda m: (m.on, order.index(m.kind)))
    return replace(
        case,
        milestones=tuple(milestones),
        law_profile_id=facts.law_profile_id,
        fiscal_year_start=facts.fiscal_year_start,
    )


def procedure_facts(case: Case) -> ProcedureFacts:
    """The domain's view of a case as a procedure: a 設立認証 is ``establishment(facts_of(case))``
    (its behaviour unchanged); every other kind its milestones as the domain's, its profile override
    and the clerk's choices."""
    choices = ProcedureChoices(
        case.registered_change,
        case.authority_change,
        case.dissolution_ground,
        case.merger_role,
        case.articles_topics,
    )
    dates = ((m.kind, m.on) for m in case.milestones)
    return kind_facts(case.kind, dates, case.law_profile_id, choices, lambda: facts_of(case))


@dataclass(frozen=True, slots=True)
class ProcedureChoices:
    """The clerk's choices of a procedure after 設立 (``Case``'s fields of the same names)."""

    registered_change: bool = False
    authority_change: AuthorityChange | None = None
    dissolution_ground: DissolutionGround | None = None
    merger_role: MergerRole | None = None
    articles_topics: tuple[ArticlesTopic, ...] = ()


def kind_facts(
    kind: CaseKind,
    dates: Iterable[tuple[MilestoneKind, date]],
    law_profile_id: str | None,
    choices: ProcedureChoices,
    establishment_facts: Callable[[], CaseFacts],
) -> ProcedureFacts:
    """``procedure_facts`` from a procedure's parts: one mapping for a whole ``Case`` and an export's
    light record (``establishment_facts`` gives a 設立認証's ``CaseFacts``)."""
    if kind is CaseKind.ESTABLISHMENT:
        return establishment(establishment_facts())
    return ProcedureFacts(
        procedure_kind(kind),
        {DOMAIN_MILESTONES[milestone]: on for milestone, on in dates},
        law_profile_id=law_profile_id,
        registered_change=choices.registered_change,
        authority_change=choices.authority_change,
        dissolution_ground=choices.dissolution_ground,
        merger_role=choices.merger_role,
    )


@dataclass(frozen=True)
class Corporation:
    """A 法人, or a group whose 設立 application has not (yet) made it one: the unit above its
    procedures (cases). Its standing is not stored: ``domain.corporations.corporation_standing``
    reads it from the procedures every time."""

    name: str
    name_kana: str = ""
    representative: str = ""
    corporate_number: str | None = None  # 法人番号: 13 ASCII digits, check digit verified
    notes: str = ""
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class CorporationSummary:
    """One row of the 法人 list."""

    id: int
    name: str
    name_kana: str
    corporate_number: str | None
    standing: Standing
    main_address: str  # of its 設立 case, else of its latest procedure with offices
    open_procedures: int  # procedures (cases) not deleted whose deadlines are not all met
    next_deadline: Deadline | None  # the earliest open deadline of all its procedures
    clerk: str  # of its latest procedure with a clerk
    version: int


@dataclass(frozen=True)
class RevocationSubject:
    """Who a revocation candidate (43条1項) is: the corporation, and its 設立 case, where its
    事業報告書等 are recorded (the clerk opens it to record a late report, or to start the 取消し)."""

    corporation: Corporation
    case_id: int
    case_number: str
    clerk: str
