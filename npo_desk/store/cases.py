"""Reading and writing cases. Every function opens and closes its own short transaction.

A save compares the ``version`` the caller read with the one in the database: if someone else
saved in between, nothing is written and ``ConcurrentEditError`` says so. Every change is
recorded field by field in the history in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from npo_desk.domain.errors import InvalidInput
from npo_desk.refdata import municipality_index
from npo_desk.store import history
from npo_desk.store.database import Store
from npo_desk.store.errors import CaseNotFound, ConcurrentEditError, DuplicateCaseNumber
from npo_desk.store.mapping import (
    PendingRows,
    load_case,
    load_cases,
    replace_children,
    scalar_values,
    sort_filings,
    sort_milestones,
    write_scalars,
)
from npo_desk.store.models import CaseRow, HistoryRow
from npo_desk.store.numbering import fiscal_year_of, format_case_number, parse_case_number
from npo_desk.store.records import Case, HistoryEntry
from npo_desk.store.settings_store import load_settings
from npo_desk.store.validation import validate_case

_T = TypeVar("_T")
_NUMBER_ATTEMPTS = 5  # concurrent creations on a server database may race for the same number


def get_case(store: Store, case_id: int) -> Case:
    """The whole case (also a deleted one: its ``deleted_at`` is set)."""
    with store.read() as session:
        return load_case(session, _row(session, case_id))


def get_cases(store: Store, case_ids: Sequence[int]) -> list[Case]:
    """Whole cases in the order of ``case_ids``, in a few queries: for exports of thousands."""
    with store.read() as session:
        found = load_cases(session, case_ids)
    missing = next((case_id for case_id in case_ids if case_id not in found), None)
    if missing is not None:
        raise CaseNotFound(missing)
    return [found[case_id] for case_id in case_ids]


def case_by_number(store: Store, number: str) -> Case | None:
    with store.read() as session:
        row = session.scalars(select(CaseRow).where(col(CaseRow.number) == number.strip())).first()
        return load_case(session, row) if row else None


def create_case(store: Store, case: Case, *, who: str, today: date) -> Case:
    """Store a new case; an empty ``number`` gets the next one of its fiscal year.

    The fiscal year is that of the case's earliest milestone (an imported old case keeps its own
    year), else of ``today``.
    """

    validate_case(case, load_settings(store))

    def insert() -> Case:
        pending = PendingRows()
        with store.write() as session:
            case_id, _number = _insert(session, case, who, today, store.now(), pending)
            pending.write(session)
            return load_case(session, _row(session, case_id))

    return _retrying_numbers(insert, case.number)


def create_cases(store: Store, cases: Sequence[Case], *, who: str, today: date) -> list[str]:
    """Many new cases in one transaction (an imported ledger): all of them or none; their numbers."""
    settings = load_settings(store)
    for case in cases:
        validate_case(case, settings)

    def insert() -> list[str]:
        now = store.now()
        serials: dict[int, int] = {}
        pending = PendingRows()
        with store.write() as session:
            numbers = [_insert(session, case, who, today, now, pending, serials)[1] for case in cases]
            pending.write(session)
            return numbers

    return _retrying_numbers(insert, next((c.number for c in cases if c.number), ""))


def _retrying_numbers(insert: Callable[[], _T], explicit: str) -> _T:
    """Two clerks creating cases at once on a server database may draw the same next number:
    the loser's transaction fails on the unique constraint and is simply run again."""
    for attempt in range(_NUMBER_ATTEMPTS):
        try:
            return insert()
        except IntegrityError:
            if explicit or attempt == _NUMBER_ATTEMPTS - 1:
                raise DuplicateCaseNumber(explicit or "?") from None
    raise AssertionError("unreachable")


def _sorted(case: Case) -> Case:
    """Milestones by date, filed annual reports by fiscal year: the order the store hands them out."""
    milestones, filings = sort_milestones(case.milestones), sort_filings(case.annual_reports)
    return replace(case, milestones=milestones, annual_reports=filings)


def _resolved(case: Case) -> Case:
    """Offices whose municipality is not known yet get it from the official list, when the address
    names one; an address that does not resolve is kept as typed, without a code.

    The code stored is today's: an address written with a former name (宮崎県南那珂郡南郷町) gets its
    successor's code (日南市 452041), so that offices group and filter by the municipalities that
    exist. What the office was on a past date is read again from the address text, which is kept as
    written (decide_authority resolves it as of the date asked about)."""
    if all(o.municipality_code or not o.address.strip() for o in case.offices):
        return case
    index = municipality_index()
    offices = []
    for office in case.offices:
        if office.municipality_code is None and office.address.strip():
            try:
                found = index.resolve(office.address)
            except InvalidInput:
                pass
            else:
                code = (found.ward or found.municipality).code
                office = replace(office, municipality_code=code, prefecture=found.municipality.prefecture)
        offices.append(office)
    return replace(case, offices=tuple(offices))


def _insert(
    session: Session,
    case: Case,
    who: str,
    today: date,
    now: datetime,
    pending: PendingRows,
    serials: dict[int, int] | None = None,
) -> tuple[int, str]:
    """Insert one case (already validated), returning its id and number; ``serials`` caches the last
    serial per fiscal year within one transaction."""
    case = _resolved(_sorted(case))
    basis = case.milestones[0].on if case.milestones else today
    if case.number:
        fiscal_year, serial = parse_case_number(case.number) or (fiscal_year_of(basis), 0)
        if serials is not None and fiscal_year in serials:
            serials[fiscal_year] = max(serials[fiscal_year], serial)
        if session.scalars(select(col(CaseRow.id)).where(col(CaseRow.number) == case.number)).first():
            raise DuplicateCaseNumber(case.number)
        number = case.number
    else:
        fiscal_year = fiscal_year_of(basis)
        serial = (
            serials[fiscal_year] + 1
            if serials and fiscal_year in serials
            else _next_serial(session, fiscal_year)
        )
        if serials is not None:
            serials[fiscal_year] = serial
        number = format_case_number(fiscal_year, serial)
    new = replace(case, number=number)
    # A plain INSERT … RETURNING: building an ORM object per case costs more than the insert itself.
    values = {
        **scalar_values(new),
        "fiscal_year": fiscal_year,
        "serial": serial,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }
    inserted = session.execute(insert(CaseRow).values(values).returning(col(CaseRow.id))).scalar_one()
    assert inserted is not None
    case_id = int(inserted)
    replace_children(session, case_id, None, new, now, who, pending)
    pending.add(HistoryRow, history.row(case_id, now, who, "created", None, number))
    return case_id, number


def _next_serial(session: Session, fiscal_year: int) -> int:
    highest = session.scalar(
        select(func.max(col(CaseRow.serial))).where(col(CaseRow.fiscal_year) == fiscal_year)
    )
    return (highest or 0) + 1


def save_case(store: Store, case: Case, *, who: str) -> Case:
    """Write the caller's edited ``case``; returns it as stored (new ``version``, ``updated_at``).

    Raises ConcurrentEditError when the case was saved or deleted elsewhere since it was read.
    """
    case_id = case.id
    if case_id is None:
        raise ValueError("save_case needs a stored case; use create_case for a new one")
    validate_case(case, load_settings(store))
    case = _resolved(_sorted(case))
    now = store.now()
    try:
        with store.write() as session:
            row = _row(session, case_id)
            if row.version != case.version:
                raise ConcurrentEditError(row.number)
            old = load_case(session, row)
            changes = list(history.diff(old, case))
            if not changes:
                return old
            if case.number != old.number:
                _check_number_free(session, case.number, case_id)
                row.fiscal_year, row.serial = parse_case_number(case.number) or (row.fiscal_year, 0)
            write_scalars(row, case)
            row.updated_at = now
            replace_children(session, case_id, old, case, now, who)
            for field, before, after in changes:
                history.record(session, case_id, now, who, field, before, after)
            session.flush()
            return load_case(session, row)
    except StaleDataError:
        raise ConcurrentEditError(case.number) from None


def _check_number_free(session: Session, number: str, case_id: int) -> None:
    other = session.scalars(
        select(col(CaseRow.id)).where(col(CaseRow.number) == number, col(CaseRow.id) != case_id)
    ).first()
    if other is not None or not number.strip():
        raise DuplicateCaseNumber(number)


def delete_case(store: Store, case_id: int, *, version: int, who: str) -> Case:
    """Soft delete: the case disappears from lists but stays in the database and its history.

    Returns the deleted case; its ``version`` is what ``undelete_case`` needs for an undo."""
    return _set_deleted(store, case_id, version, who, deleting=True)


def undelete_case(store: Store, case_id: int, *, version: int, who: str) -> Case:
    """Bring a soft-deleted case back (the GUI's undo of a delete)."""
    return _set_deleted(store, case_id, version, who, deleting=False)


def _set_deleted(store: Store, case_id: int, version: int, who: str, *, deleting: bool) -> Case:
    now = store.now()
    number = str(case_id)
    try:
        with store.write() as session:
            row = _row(session, case_id)
            number = row.number
            if row.version != version:
                raise ConcurrentEditError(number)
            before = row.deleted_at.isoformat(timespec="seconds") if row.deleted_at else None
            if deleting == (row.deleted_at is not None):
                return load_case(session, row)
            row.deleted_at = now if deleting else None
            row.updated_at = now
            session.flush()
            after = now.isoformat(timespec="seconds") if deleting else None
            history.record(session, case_id, now, who, "deleted", before, after)
            return load_case(session, row)
    except StaleDataError:
        raise ConcurrentEditError(number) from None


def case_history(store: Store, case_id: int) -> list[HistoryEntry]:
    """Every recorded change of the case, newest first."""
    with store.read() as session:
        _row(session, case_id)
        return history.entries(session, case_id)


def _row(session: Session, case_id: int) -> CaseRow:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise CaseNotFound(case_id)
    return row
