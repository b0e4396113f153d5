"""A corporation's procedures read in bulk, and what the store keeps in step with them.

The 法人 list, the deadlines of every kind and the revocation candidates all need every procedure of
many corporations at once: ``procedures_of`` reads them in a handful of queries (cases, milestones,
filings, overrides), as light ``Case`` records holding what ``records.procedure_facts`` and the
deadlines need (no offices, officers or free text). ``follow_application`` and ``mirror_deletion``
are the two places where a case's write also changes its corporation, in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session
from sqlmodel import col

from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.corporations import CorporationStatus, Standing, corporation_standing
from npo_desk.domain.procedure_stages import RUNNING_STAGES, procedure_stage
from npo_desk.domain.procedures import AuthorityChange, DissolutionGround, MergerRole, ProcedureFacts
from npo_desk.store import history
from npo_desk.store.articles import C
from npo_desk.store.errors import CorporationNotFound
from npo_desk.store.mapping import CASE_KINDS, CHUNK, MILESTONE_KINDS, override_from_row
from npo_desk.store.models import (
    AnnualReportFilingRow,
    CaseRow,
    CorporationRow,
    DeadlineOverrideRow,
    MilestoneRow,
)
from npo_desk.store.records import (
    AnnualReportFiling,
    Case,
    CaseKind,
    DeadlineOverride,
    Milestone,
    MilestoneKind,
    procedure_facts,
)

_ORDER = {kind: index for index, kind in enumerate(MilestoneKind)}


def procedures_of(session: Session, corporation_ids: Sequence[int] | None = None) -> dict[int, list[Case]]:
    """The procedures (cases not deleted) of the given corporations, or of every corporation not
    deleted, oldest first (by id), as light records: kind, number, name, clerk, dated facts, profile,
    fiscal year, choices, filed 事業報告書等 and manual dates (no offices, officers or notes)."""
    if corporation_ids is None:
        return _procedures(session, col(CorporationRow.deleted_at).is_(None))
    found: dict[int, list[Case]] = {}
    ids = sorted(set(corporation_ids))
    for first in range(0, len(ids), CHUNK):
        found |= _procedures(session, col(CaseRow.corporation_id).in_(ids[first : first + CHUNK]))
    return found


def procedures_between(session: Session, first: int, last: int) -> dict[int, list[Case]]:
    """``procedures_of`` the corporations whose ids lie from ``first`` to ``last``: the corporations
    an import just created (consecutive ids) in four statements, not 500 ids at a time."""
    return _procedures(session, col(CaseRow.corporation_id).between(first, last))


def _procedures(session: Session, corporations: ColumnElement[bool]) -> dict[int, list[Case]]:
    connection = session.connection()  # Core rows: no ORM bookkeeping over thousands of cases
    live = and_(true(), col(CaseRow.deleted_at).is_(None), corporations)
    chosen = (
        select(col(CaseRow.id))
        .join(CorporationRow, col(CorporationRow.id) == col(CaseRow.corporation_id))
        .where(live)
    )
    dates: dict[int, list[Milestone]] = defaultdict(list)
    for case_id, kind, on in connection.execute(
        select(col(MilestoneRow.case_id), col(MilestoneRow.kind), col(MilestoneRow.on)).where(
            col(MilestoneRow.case_id).in_(chosen)
        )
    ):
        dates[case_id].append(Milestone(MILESTONE_KINDS[kind], on))
    filed: dict[int, list[AnnualReportFiling]] = defaultdict(list)
    for case_id, year, on in connection.execute(
        select(
            col(AnnualReportFilingRow.case_id),
            col(AnnualReportFilingRow.fiscal_year_start),
            col(AnnualReportFilingRow.filed_on),
        ).where(col(AnnualReportFilingRow.case_id).in_(chosen))
    ):
        filed[case_id].append(AnnualReportFiling(year, on))
    manual: dict[int, list[DeadlineOverride]] = defaultdict(list)
    for row in connection.execute(
        select(DeadlineOverrideRow).where(col(DeadlineOverrideRow.case_id).in_(chosen))
    ):
        manual[row.case_id].append(override_from_row(row))
    heads = connection.execute(
        select(
            col(CaseRow.id),
            col(CaseRow.corporation_id),
            col(CaseRow.number),
            col(CaseRow.kind),
            col(CaseRow.name),
            col(CaseRow.clerk),
            col(CaseRow.law_profile_id),
            col(CaseRow.fiscal_year_start_month),
            col(CaseRow.fiscal_year_start_day),
            col(CaseRow.annual_reports_tracked_from),
            col(CaseRow.registered_change),
            col(CaseRow.authority_change),
            col(CaseRow.dissolution_ground),
            col(CaseRow.merger_role),
            col(CaseRow.articles_topics),
            col(CaseRow.version),
        )
        .where(col(CaseRow.id).in_(chosen))
        .order_by(col(CaseRow.id))
    )
    found: dict[int, list[Case]] = defaultdict(list)
    for head in heads:
        found[head.corporation_id].append(_light_case(head, dates, filed, manual))
    return dict(found)


def _light_case(
    head: Any,
    dates: dict[int, list[Milestone]],
    filed: dict[int, list[AnnualReportFiling]],
    manual: dict[int, list[DeadlineOverride]],
) -> Case:
    month, day = head.fiscal_year_start_month, head.fiscal_year_start_day
    return Case(
        id=head.id,
        corporation_id=head.corporation_id,
        number=head.number,
        kind=CASE_KINDS[head.kind],
        name=head.name,
        clerk=head.clerk,
        law_profile_id=head.law_profile_id,
        fiscal_year_start=(month, day) if month is not None and day is not None else None,
        annual_reports_tracked_from=head.annual_reports_tracked_from,
        registered_change=bool(head.registered_change),
        authority_change=AuthorityChange(head.authority_change) if head.authority_change else None,
        dissolution_ground=DissolutionGround(head.dissolution_ground) if head.dissolution_ground else None,
        merger_role=MergerRole(head.merger_role) if head.merger_role else None,
        articles_topics=tuple(ArticlesTopic(t) for t in head.articles_topics or ()),
        milestones=tuple(sorted(dates.get(head.id, ()), key=lambda m: (m.on, _ORDER[m.kind]))),
        annual_reports=tuple(sorted(filed.get(head.id, ()), key=lambda f: f.fiscal_year_start)),
        deadline_overrides=tuple(sorted(manual.get(head.id, ()), key=lambda o: o.key)),
        version=head.version,
    )


def standing_of(cases: Iterable[Case]) -> Standing:
    """The corporation's standing from its procedures (``domain.corporations``)."""
    return corporation_standing([procedure_facts(case) for case in cases])


def establishment_case(cases: Sequence[C]) -> C | None:
    """The corporation's 設立 application (its first, should there be several)."""
    return next((case for case in cases if case.kind is CaseKind.ESTABLISHMENT), None)


def corporation_row(session: Session, corporation_id: int) -> CorporationRow:
    row = session.get(CorporationRow, corporation_id)
    if row is None:
        raise CorporationNotFound(corporation_id)
    return row


# The fields a 設立 application shares with its corporation while the group is still applying.
_FOLLOWED = ("name", "name_kana", "representative")


def follow_application(session: Session, case: Case, now: datetime, who: str) -> None:
    """A 設立 case's name, kana and representative become its corporation's while the corporation is
    still 申請中 (the group is called what its application says until it is registered); each change
    goes to the corporation's history. The case is already written in ``session``."""
    if case.kind is not CaseKind.ESTABLISHMENT or case.corporation_id is None:
        return
    row = corporation_row(session, case.corporation_id)
    changed = [(name, getattr(row, name), getattr(case, name)) for name in _FOLLOWED]
    changed = [(name, before, after) for name, before, after in changed if before != after]
    if not changed:
        return
    cases = procedures_of(session, [case.corporation_id]).get(case.corporation_id, [])
    if standing_of(cases).status is not CorporationStatus.APPLYING:
        return
    for name, _before, after in changed:
        setattr(row, name, after)
    row.updated_at = now
    session.flush()  # one UPDATE, one step of the corporation's version
    for name, before, after in changed:
        history.record(session, None, now, who, name, before or None, after or None, row.id)


def mirror_deletion(session: Session, corporation_id: int, now: datetime, who: str) -> None:
    """Deleting a corporation's last procedure deletes the corporation (a deleted 設立 application
    takes its group with it); bringing a procedure back brings the corporation back. The case's
    deletion is already written in ``session``."""
    row = corporation_row(session, corporation_id)
    live = session.scalars(
        select(col(CaseRow.id)).where(
            col(CaseRow.corporation_id) == corporation_id, col(CaseRow.deleted_at).is_(None)
        )
    ).first()
    deleted = live is None
    if deleted == (row.deleted_at is not None):
        return
    before = row.deleted_at.isoformat(timespec="seconds") if row.deleted_at else None
    row.deleted_at = now if deleted else None
    row.updated_at = now
    session.flush()
    after = now.isoformat(timespec="seconds") if deleted else None
    history.record(session, None, now, who, "deleted", before, after, corporation_id)


def running(procedures: Iterable[ProcedureFacts], today: date) -> int:
    """How many of the procedures are still running (``procedure_stages.RUNNING_STAGES``)."""
    return sum(procedure_stage(facts, today) in RUNNING_STAGES for facts in procedures)
