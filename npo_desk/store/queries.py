"""The list, the search and the dashboard: queries over many cases, built for 50,000 of them.

They read with SQLAlchemy Core (no ORM objects per row) and fetch milestones in one query, so the
cost grows with the rows shown, not with the number of round trips.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, func, select, true
from sqlalchemy.orm import Session
from sqlmodel import col

from npo_desk.domain.agenda import order_key  # the dashboard's order (and npo-desk due's)
from npo_desk.domain.deadlines import Deadline, open_deadlines
from npo_desk.domain.due import Due
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.procedures import open_procedure_deadlines
from npo_desk.domain.settings import Settings
from npo_desk.store import search_index
from npo_desk.store.bulk import fetched_in_parts
from npo_desk.store.database import Store
from npo_desk.store.mapping import aware, normalize_search
from npo_desk.store.models import CaseRow, MilestoneRow, OfficeRow
from npo_desk.store.records import (
    CASE_FACT_MILESTONES,
    CASE_KIND_LABELS,
    Case,
    CaseKind,
    CaseSummary,
    DeadlineOverride,
    due_of,
    facts_of,
    procedure_facts,
)


@dataclass(frozen=True)
class CaseQuery:
    """What the case list asks for. ``text`` matches number, name, kana, representative and addresses;
    several words must all match."""

    text: str = ""
    fiscal_year: int | None = None
    deleted: bool = False  # True lists the deleted cases (the wastebasket) instead
    limit: int | None = None


@dataclass(frozen=True)
class OpenDeadline:
    """One line of the dashboard: a pending deadline of a case, with the clerk's override if any,
    and ``due``, the domain's judgement of the two (which date counts, and how both read)."""

    case_id: int
    case_number: str
    case_name: str
    clerk: str
    deadline: Deadline
    override: DeadlineOverride | None
    kind: CaseKind = CaseKind.ESTABLISHMENT  # the procedure the deadline belongs to
    corporation_id: int | None = None  # set by ``corporation_pending_deadlines``
    stage: str = ""  # the procedure's stage that day (「縦覧中」), set by ``corporation_pending_deadlines``
    due: Due = field(init=False, repr=False)

    @property
    def procedure(self) -> str:
        """The procedure's name (「定款変更認証」), so a list tells a 定款変更's 縦覧 from a 設立's."""
        return CASE_KIND_LABELS[self.kind]

    def __post_init__(self) -> None:
        object.__setattr__(self, "due", due_of(self.deadline, self.override))


def first_of_each(
    pending: Iterable[OpenDeadline], key: Callable[[OpenDeadline], int | None]
) -> dict[int, OpenDeadline]:
    """Each case's (or, by ``key``, each corporation's) first line of ``pending``, which is in the
    dashboard's order (``agenda.order_key``, as ``corporation_pending_deadlines`` gives it): its most
    urgent open deadline, for the lists' 次の期限 without working deadlines out twice."""
    first: dict[int, OpenDeadline] = {}
    for line in pending:
        if (found := key(line)) is not None:
            first.setdefault(found, line)
    return first


def _conditions(query: CaseQuery, session: Session) -> ColumnElement[bool]:
    """The query's filter; the words go through the search index (read in ``session``)."""
    deleted = col(CaseRow.deleted_at).is_not(None) if query.deleted else col(CaseRow.deleted_at).is_(None)
    parts: list[ColumnElement[bool]] = [deleted]
    if query.fiscal_year is not None:
        parts.append(col(CaseRow.fiscal_year) == query.fiscal_year)
    words = list(filter(None, map(normalize_search, query.text.split())))
    parts += search_index.containing(session.connection(), words).conditions(query.limit)
    return and_(true(), *parts)


def list_cases(store: Store, query: CaseQuery = CaseQuery()) -> list[CaseSummary]:
    """Cases matching ``query``, newest fiscal year and number first."""
    main_address = (
        select(col(OfficeRow.address))
        .where(col(OfficeRow.case_id) == col(CaseRow.id), col(OfficeRow.position) == 0)
        .correlate(CaseRow)
        .scalar_subquery()
    )
    stmt = select(
        col(CaseRow.id),
        col(CaseRow.number),
        col(CaseRow.kind),
        col(CaseRow.name),
        col(CaseRow.name_kana),
        col(CaseRow.representative),
        col(CaseRow.clerk),
        col(CaseRow.fiscal_year),
        col(CaseRow.law_profile_id),
        col(CaseRow.fiscal_year_start_month),
        col(CaseRow.fiscal_year_start_day),
        col(CaseRow.version),
        col(CaseRow.updated_at),
        col(CaseRow.deleted_at),
        main_address.label("main_address"),
    )
    order = (col(CaseRow.fiscal_year).desc(), col(CaseRow.serial).desc(), col(CaseRow.id).desc())
    with store.read() as session:
        matching = _conditions(query, session)
        if query.limit is not None:  # choose the rows first: the address is then read for those alone
            chosen = (
                select(col(CaseRow.id)).where(matching).order_by(*order).limit(query.limit).correlate(None)
            )
            matching = col(CaseRow.id).in_(chosen)
        stmt = stmt.where(matching).order_by(*order)
        rows: list[Any] = fetched_in_parts(session.connection().execute(stmt))  # Core rows, in parts
        ids = [row.id for row in rows]
        dates = _milestone_dates(session, ids, None if query.limit is not None else query)
    no_dates: dict[str, Any] = {}
    return [
        CaseSummary(
            id=case_id,
            number=number,
            kind=_KINDS[kind],
            name=name,
            name_kana=name_kana,
            representative=representative,
            main_address=address or "",
            clerk=clerk,
            fiscal_year=fiscal_year,
            facts=CaseFacts(
                **dates.get(case_id, no_dates),
                law_profile_id=profile,
                fiscal_year_start=(month, day) if month is not None and day is not None else None,
            ),
            version=version,
            updated_at=aware(updated_at) or updated_at,
            deleted_at=aware(deleted_at),
        )
        for (
            case_id,
            number,
            kind,
            name,
            name_kana,
            representative,
            clerk,
            fiscal_year,
            profile,
            month,
            day,
            version,
            updated_at,
            deleted_at,
            address,
        ) in rows
    ]


def _milestone_dates(session: Session, ids: list[int], query: CaseQuery | None) -> dict[int, dict[str, Any]]:
    """Milestone dates per case: by the query's own filter for a full list, by id for a short one."""
    found: dict[int, dict[str, Any]] = {}  # CaseFacts field -> date
    if not ids:
        return found
    # One row per case ("received_on=2025-04-07;certified_on=…"): far fewer rows to fetch than one per
    # milestone, which is what makes the full list of 50,000 cases fast enough.
    on = col(MilestoneRow.on)  # as ISO text whatever the server's DateStyle
    postgres = session.get_bind().dialect.name == "postgresql"
    iso = func.to_char(on, "YYYY-MM-DD") if postgres else cast(on, String)
    packed = func.aggregate_strings(col(MilestoneRow.kind) + "=" + iso, ";")
    stmt = select(col(MilestoneRow.case_id), packed).group_by(col(MilestoneRow.case_id))
    if query is None:
        stmt = stmt.where(col(MilestoneRow.case_id).in_(ids))
    else:
        matching = select(col(CaseRow.id)).where(_conditions(query, session))
        stmt = stmt.where(col(MilestoneRow.case_id).in_(matching))
    parse = date.fromisoformat
    for case_id, text in session.connection().execute(stmt).all():
        found[case_id] = {
            kind: parse(on)
            for kind, on in (item.split("=") for item in text.split(";"))
            if kind in _FACT_NAMES
        }
    return found


_KINDS = {kind.value: kind for kind in CaseKind}
# The milestones a summary's CaseFacts holds (設立's; the later procedures' own are left out).
_FACT_NAMES = frozenset(
    kind.value for kind in CASE_FACT_MILESTONES
)  # a dict lookup is ten times faster than CaseKind(value)


def fiscal_years(store: Store) -> list[int]:
    """The fiscal years that have cases, newest first: the list's year filter offers these."""
    with store.read() as session:
        stmt = (
            select(col(CaseRow.fiscal_year))
            .where(col(CaseRow.deleted_at).is_(None))
            .distinct()
            .order_by(col(CaseRow.fiscal_year).desc())
        )
        return list(session.scalars(stmt))


def case_pending_deadlines(case: Case, settings: Settings, today: date) -> list[OpenDeadline]:
    """One case's lines of ``corporations.corporation_pending_deadlines`` (but the stage), in the same
    order (after a save the GUI updates that case's rows without reloading every case)."""
    assert case.id is not None
    if case.kind is CaseKind.ESTABLISHMENT:
        pending = open_deadlines(facts_of(case), settings, today)
    else:  # the procedure alone (its corporation's standing is corporation_pending_deadlines' to weigh)
        pending = open_procedure_deadlines(procedure_facts(case), settings, today)
    found = [
        OpenDeadline(
            case.id,
            case.number,
            case.name,
            case.clerk,
            d,
            case.override(d.key),
            kind=case.kind,
            corporation_id=case.corporation_id,
        )
        for d in pending
    ]
    return sorted(found, key=order_key)
