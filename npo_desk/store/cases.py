"""Reading and writing cases. Every function opens and closes its own short transaction.

A save compares the ``version`` the caller read with the one in the database: if someone else
saved in between, nothing is written and ``ConcurrentEditError`` says so. Every change is
recorded field by field in the history in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from npo_desk.domain.documents import says_something
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.municipalities import ResolvedAddress
from npo_desk.domain.settings import Settings
from npo_desk.refdata import municipality_index
from npo_desk.store import history, search_index
from npo_desk.store.bulk import collector_paused
from npo_desk.store.database import Store
from npo_desk.store.deadline_cache import keep_new_cases
from npo_desk.store.errors import CaseNotFound, ConcurrentEditError, CorporationNotFound, DuplicateCaseNumber
from npo_desk.store.identity import duplicate_key, stored_keys
from npo_desk.store.mapping import (
    CHUNK,
    PendingRows,
    corporation_values,
    load_case,
    load_cases,
    new_children,
    normalize_search,
    replace_children,
    reserve_corporation_ids,
    scalar_values,
    sort_documents,
    sort_filings,
    sort_milestones,
    write_scalars,
)
from npo_desk.store.models import CaseRow, CorporationRow, HistoryRow
from npo_desk.store.numbering import fiscal_year_of, format_case_number, parse_case_number
from npo_desk.store.procedures import follow_application, mirror_deletion
from npo_desk.store.records import CASE_KIND_LABELS, Case, CaseKind, HistoryEntry, Office
from npo_desk.store.settings_store import load_settings
from npo_desk.store.validation import validate_case

_T = TypeVar("_T")
_NUMBER_ATTEMPTS = 5  # concurrent creations on a server database may race for the same number
_CREATION_LOCK = 0x4E504F43  # "NPOC": serialises the transactions that create cases on PostgreSQL


def get_case(store: Store, case_id: int) -> Case:
    """The whole case (also a deleted one: its ``deleted_at`` is set)."""
    with store.read() as session:
        return load_case(session, _row(session, case_id))


def get_cases(store: Store, case_ids: Sequence[int]) -> list[Case]:
    """Whole cases in the order of ``case_ids``, in a few queries (an export reads ``export_rows``)."""
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
    rows = PendingRows(store.engine.dialect)
    new = prepare_case(case, today, load_settings(store), rows, store.now(), who)

    def insert(session: Session) -> Case:
        [(case_id, _number)] = insert_prepared(session, [new], rows)
        return load_case(session, _row(session, case_id))

    return write_new_cases(store, insert, case.number)


def create_cases(
    store: Store, cases: Sequence[Case], *, who: str, today: date, skip_stored: bool = False
) -> list[str | None]:
    """Many new cases in one transaction (an imported ledger): all of them or none; their numbers.

    Everything but the numbering is done before the transaction (checks, municipalities, column
    values), which then writes each table with a few multi-row statements: other clerks' saves wait
    for it about a second for 20,000 cases, not half a minute (benchmarks/bench_import_lock.py).

    With ``skip_stored`` a case whose ``duplicate_key`` is already stored is not created and its
    number is None. That check runs inside the transaction, under the lock every case creation takes,
    so a case another import or a clerk stored since the caller looked is seen, never created twice.
    """
    settings, rows, now = load_settings(store), PendingRows(store.engine.dialect), store.now()
    with collector_paused():  # thousands of records at once (store.bulk)
        prepared = [prepare_case(case, today, settings, rows, now, who) for case in cases]

    def insert(session: Session) -> list[str | None]:
        wanted = range(len(prepared))
        if skip_stored:
            stored = stored_keys(session)
            wanted = [i for i in wanted if duplicate_key(prepared[i].case) not in stored]  # type: ignore[assignment]
        inserted = insert_prepared(session, [prepared[i] for i in wanted], rows)
        numbers: list[str | None] = [None] * len(prepared)
        for i, (_case_id, number) in zip(wanted, inserted, strict=True):
            numbers[i] = number
        return numbers

    with collector_paused():
        numbers = write_new_cases(store, insert, next((c.number for c in cases if c.number), ""))
    keep_new_cases(store, settings, today, [number for number in numbers if number is not None])
    return numbers


def write_new_cases(store: Store, insert: Callable[[Session], _T], explicit: str) -> _T:
    """Run ``insert`` (which inserts cases with ``insert_prepared``) in one write transaction that holds
    the lock every case creation takes, and run it again when another creation drew the same number.

    Public for the store's other bulk writers (``corporation_import``): a case is created only through
    here, so what ``insert`` reads (duplicates, the last number of a year) stays true until it commits.
    ``explicit``: a number the caller gave (a clash with it is not retried but refused)."""

    def attempt() -> _T:
        with store.write() as session:
            _lock_creation(session)
            return insert(session)

    return _retrying_numbers(attempt, explicit)


def _lock_creation(session: Session) -> None:
    """Wait for any other transaction creating cases, so what this one reads (the duplicates, the
    last number of a year) stays true until it commits. SQLite's BEGIN IMMEDIATE (Store.write)
    already serialises every writer; PostgreSQL takes a transaction-level advisory lock, released
    at commit or rollback."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CREATION_LOCK})


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
    """Milestones by date, filed annual reports by fiscal year, documents by key (a missing one without
    a note is nothing recorded: dropped): the order and form the store hands them out."""
    milestones, filings = sort_milestones(case.milestones), sort_filings(case.annual_reports)
    documents = sort_documents(d for d in case.documents if says_something(d))
    if (milestones, filings, documents) == (case.milestones, case.annual_reports, case.documents):
        return case  # already so (an imported row): no copy of the case
    return replace(case, milestones=milestones, annual_reports=filings, documents=documents)


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
                office = place_office(office, found)
        offices.append(office)
    return replace(case, offices=tuple(offices))


def place_office(office: Office, found: ResolvedAddress) -> Office:
    """``office`` with the municipality its address resolved to (``found``): today's code, the ward's
    in a designated city. The importer places the offices it resolves for its warnings with this, so
    the store does not resolve them again (``_resolved`` leaves an office with a code as it is)."""
    code = (found.ward or found.municipality).code
    return replace(office, municipality_code=code, prefecture=found.municipality.prefecture)


@dataclass(frozen=True)
class PreparedCase:
    """A case made ready before the write transaction (``prepare_case``): checked, in the store's
    order, municipalities resolved, its fiscal year and column values known. The transaction only
    numbers and inserts it (``insert_prepared``)."""

    case: Case
    fiscal_year: int
    serial: int  # of an explicit number (0 if it does not parse); drawn in the transaction otherwise
    values: dict[str, Any]  # the driver's values (PendingRows.convert) of its columns but the number's
    # (table, columns, driver's values) of each child row and of the history's 「登録」, all without the
    # case id (the first column) and the history's new value (the last): only known in the transaction
    children: list[tuple[Any, tuple[str, ...], tuple[Any, ...]]]
    created: tuple[tuple[str, ...], tuple[Any, ...]]
    # The driver's values of the corporation a new 設立 application makes (None: it has one already).
    corporation: dict[str, Any] | None


def prepare_case(
    case: Case, today: date, settings: Settings, rows: PendingRows, now: datetime, who: str
) -> PreparedCase:
    """``case`` checked (``validate_case``, and that a later kind names its corporation) and made ready
    to insert, outside any transaction: the work a bulk creation does before it takes the lock.
    Public for the store's bulk writers (``create_cases``, ``corporation_import``), so that every
    case they create passes the same checks; ``rows`` converts the values for its database."""
    validate_case(case, settings, today=today)
    if case.corporation_id is None and case.kind is not CaseKind.ESTABLISHMENT:
        raise InvalidInput(
            f"{CASE_KIND_LABELS[case.kind]}の手続は、既にある法人について始めます。法人を指定してください。"
        )
    case = _resolved(_sorted(case))
    basis = case.milestones[0].on if case.milestones else today
    explicit = parse_case_number(case.number) if case.number else None
    fiscal_year, serial = explicit or (fiscal_year_of(basis), 0)
    values = {**scalar_values(case), "created_at": now, "updated_at": now, "version": 1}
    corporation = None
    if case.corporation_id is None:
        corporation = rows.convert(
            CorporationRow, {**corporation_values(case), "created_at": now, "updated_at": now}
        )
    return PreparedCase(
        case,
        fiscal_year,
        serial,
        rows.convert(CaseRow, values),
        [(model, *_without_case_id(rows, model, row)) for model, row in new_children(case, now, who)],
        _without_case_id(rows, HistoryRow, history.row(None, now, who, "created", None, None)),
        corporation,
    )


def _without_case_id(
    rows: PendingRows, model: Any, row: dict[str, Any]
) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """(columns, the driver's values) of ``row``: case_id first in the columns, left out of the values."""
    if "case_id" in row:  # the history's row; a child row (new_children) has none
        row = {name: value for name, value in row.items() if name != "case_id"}
    columns, values = rows.convert_values(model, row)
    return ("case_id", *columns), values


def insert_prepared(
    session: Session, new: Sequence[PreparedCase], rows: PendingRows
) -> list[tuple[int, str]]:
    """Number and insert ``new`` in order, returning (id, number) of each: one executemany INSERT per
    table of values converted before the transaction, however many cases. Call it inside
    ``write_new_cases`` (the creation lock: the numbers drawn stay free until the commit)."""
    if not new:
        return []
    numbered = _numbers(session, new)
    corporations = _corporations_of(session, new, rows)
    before = session.scalar(select(func.max(col(CaseRow.id)))) or 0
    for item, (number, fiscal_year, serial), corporation_id in zip(new, numbered, corporations, strict=True):
        searched = (
            item.values["search_text"]
            if item.case.number
            else "\n".join(filter(None, (normalize_search(number), item.values["search_text"])))
        )
        drawn = {
            "number": number,
            "search_text": searched,
            "fiscal_year": fiscal_year,
            "serial": serial,
            "corporation_id": corporation_id,
        }
        case_row = {**item.values, **drawn}  # text and integers: the driver takes them as they are
        rows.add_values(CaseRow, tuple(case_row), tuple(case_row.values()))
    with search_index.bulk_insert(session.connection(), len(new)):
        rows.write(session)
    ids = _ids_of(session, before, [number for number, _year, _serial in numbered])
    for case_id, item, (number, _year, _serial) in zip(ids, new, numbered, strict=True):
        for model, columns, values in item.children:
            rows.add_values(model, columns, (case_id, *values))
        columns, values = item.created
        rows.add_values(HistoryRow, columns, (case_id, *values[:-1], number))
    rows.write(session)
    return [(case_id, number) for case_id, (number, _year, _serial) in zip(ids, numbered, strict=True)]


def _corporations_of(session: Session, new: Sequence[PreparedCase], rows: PendingRows) -> list[int]:
    """The corporation id of each new case: the one it names (which must exist), or that of the
    corporation a new 設立 application makes, inserted here with one executemany for all of them."""
    named = sorted({item.case.corporation_id for item in new if item.case.corporation_id is not None})
    for first in range(0, len(named), CHUNK):
        chunk = named[first : first + CHUNK]
        stmt = select(col(CorporationRow.id)).where(col(CorporationRow.id).in_(chunk))
        found = set(session.connection().execute(stmt).scalars())
        missing = next((corporation_id for corporation_id in chunk if corporation_id not in found), None)
        if missing is not None:
            raise CorporationNotFound(missing)
    fresh = iter(reserve_corporation_ids(session, sum(item.corporation is not None for item in new)))
    ids: list[int] = []
    for item in new:
        if item.corporation is None:
            ids.append(item.case.corporation_id or 0)
            continue
        corporation_id = next(fresh)
        columns = ("id", *item.corporation)
        rows.add_values(CorporationRow, columns, (corporation_id, *item.corporation.values()))
        ids.append(corporation_id)
    rows.write(session)
    return ids


def _ids_of(session: Session, before: int, numbers: list[str]) -> list[int]:
    """The ids of the cases just inserted (all above ``before``, the highest id when the transaction
    began), by their unique numbers: one query, where INSERT … RETURNING in parameter order would
    cost SQLite one statement per row."""
    stmt = select(col(CaseRow.number), col(CaseRow.id)).where(col(CaseRow.id) > before)
    found = {number: int(case_id or 0) for number, case_id in session.connection().execute(stmt)}
    return [found[number] for number in numbers]


def _numbers(session: Session, new: Sequence[PreparedCase]) -> list[tuple[str, int, int]]:
    """(number, fiscal year, serial) of each new case: an explicit number must be free, an empty one
    gets the next serial of its fiscal year (after any explicit one earlier in ``new``)."""
    explicit = [item.case.number for item in new if item.case.number]
    for first in range(0, len(explicit), CHUNK):
        chunk = explicit[first : first + CHUNK]
        taken = session.scalars(select(col(CaseRow.number)).where(col(CaseRow.number).in_(chunk))).first()
        if taken is not None:
            raise DuplicateCaseNumber(taken)
    years = {item.fiscal_year for item in new if not item.case.number}
    last: dict[int, int] = {}
    if years:
        highest = (
            select(col(CaseRow.fiscal_year), func.max(col(CaseRow.serial)))
            .where(col(CaseRow.fiscal_year).in_(sorted(years)))
            .group_by(col(CaseRow.fiscal_year))
        )
        last = {year: serial or 0 for year, serial in session.execute(highest)}
    numbered: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for item in new:
        year, serial = item.fiscal_year, item.serial
        if item.case.number:
            number = item.case.number
            if year in years:
                last[year] = max(last.get(year, 0), serial)
        else:
            serial = last.get(year, 0) + 1
            last[year] = serial
            number = format_case_number(year, serial)
        if number in seen:
            raise DuplicateCaseNumber(number)
        seen.add(number)
        numbered.append((number, year, serial))
    return numbered


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
            if case.corporation_id is None:  # a record made before corporations: keep the stored one
                case = replace(case, corporation_id=row.corporation_id)
            elif case.corporation_id != row.corporation_id:
                raise InvalidInput("手続を別の法人に移すことはできません。")
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
            follow_application(session, case, now, who)
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
            mirror_deletion(session, row.corporation_id, now, who)
            return load_case(session, row)
    except StaleDataError:
        raise ConcurrentEditError(number) from None


def case_history(store: Store, case_id: int) -> list[HistoryEntry]:
    """Every recorded change of the case, newest first; its milestones by its kind's names."""
    with store.read() as session:
        row = _row(session, case_id)
        return history.entries(session, case_id, case_kind=CaseKind(row.kind))


def _row(session: Session, case_id: int) -> CaseRow:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise CaseNotFound(case_id)
    return row
