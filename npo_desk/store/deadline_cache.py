"""Every corporation's open deadlines, kept in the database so the dashboard reads them instead of
working out 50,000 corporations' on every load (seconds; issue 11).

What is kept for a corporation is used only while it is what working it out would give:
- its procedures are as they were (``stamp``: the sum of its cases' versions, which every write of
  any of them raises, their number, and the corporation's own version);
- the rules and the settings are (``basis``: a digest of the domain's code and the settings);
- the day lies between ``since``, the day it was worked out, and ``through``, the day before the
  first date the rules compared that day with (``domain.settled``: 縦覧 ends, a 認定 expires …).
Anything else is worked out again from the procedures and kept for next time. The kept lines hold
the domain's ``Deadline`` and the stage; the case's number, name, clerk and manual date are read
from their own tables on every read, so a manual date or a rename shows at once whatever is kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, String, and_, cast, delete, func, insert, or_, select, true
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlmodel import col

import npo_desk
from npo_desk.domain.agenda import order_key
from npo_desk.domain.corporations import corporation_open_deadlines
from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.procedure_stages import stage_label
from npo_desk.domain.settings import Settings
from npo_desk.domain.settled import Settled, settled
from npo_desk.store.articles import corporation_procedure_facts
from npo_desk.store.bulk import collector_paused, fetched_in_parts
from npo_desk.store.database import Store
from npo_desk.store.errors import StoreError
from npo_desk.store.mapping import CASE_KINDS, CHUNK, override_from_row
from npo_desk.store.models import (
    CaseRow,
    CorporationRow,
    DeadlineLineRow,
    DeadlineOverrideRow,
    DeadlineSetRow,
)
from npo_desk.store.procedures import procedures_between, procedures_of
from npo_desk.store.queries import OpenDeadline
from npo_desk.store.records import Case, DeadlineOverride

_KEYS = {key.value: key for key in DeadlineKey}
_PART = 5_000  # corporations worked out and kept at a time after a bulk write
_WHOLE = 0.5  # above this share of corporations to work out, one read of every procedure is cheaper


@dataclass(frozen=True)
class _Line:
    """One open deadline of a corporation's procedure, as worked out: the case (as ``procedures_of``
    read it), the deadline, the procedure's stage that day."""

    case: Case
    deadline: Deadline
    stage: str


@collector_paused()  # tens of thousands of lines made at once (store.bulk)
def pending_deadlines(
    store: Store, settings: Settings, today: date, corporation_ids: Sequence[int] | None = None
) -> list[OpenDeadline]:
    """Every open deadline of every corporation not deleted (or of ``corporation_ids``), in the
    dashboard's order (``agenda.order_key``): the kept ones that still hold, the others worked out
    and kept. Keeping is left for a later read when another writer holds the database."""
    basis, day = rules_and_settings(settings), today.isoformat()
    with store.read() as session:
        # The stamps before the procedures: a write in between can only make more work.
        stale = _stale(session, corporation_ids, basis, day)
        worked = _work_out(session, list(stale), corporation_ids, settings, today)
        found = _read_kept(session, stale, corporation_ids)
        manual = _manual_dates(session, corporation_ids)
        gone = _gone(session) if corporation_ids is None else []
    lines = _open_kept(found, manual)
    lines += [
        _open_worked(corporation_id, line, manual)
        for corporation_id, result in worked.items()
        for line in result.value
    ]
    if any(one.keep for one in stale.values()) or gone:
        _keep(store, _to_keep(stale, worked), [*_replaced(stale), *gone], basis, today)
    return sorted(lines, key=order_key)


def keep_new_cases(store: Store, settings: Settings, today: date, numbers: Sequence[str]) -> None:
    """``keep_deadlines`` of the corporations of the cases just created in bulk (``create_cases``)."""
    corporations: set[int] = set()
    with store.read() as session:
        for where in _where(col(CaseRow.number), numbers):
            corporations.update(session.scalars(select(col(CaseRow.corporation_id)).where(where)))
    keep_deadlines(store, settings, today, sorted(corporations))


@collector_paused()  # the import's records and every new corporation's lines alive at once (store.bulk)
def keep_deadlines(store: Store, settings: Settings, today: date, corporation_ids: Sequence[int]) -> None:
    """Work out and keep the deadlines of corporations just written in bulk (an import): the window
    opened next reads them instead of working out thousands at its first load."""
    basis, day = rules_and_settings(settings), today.isoformat()
    chosen = sorted(set(corporation_ids))
    for first in range(0, len(chosen), _PART):  # a part at a time: the import's records are alive too
        part = chosen[first : first + _PART]
        with store.read() as session:
            stale = _stale(session, part, basis, day)
            read = procedures_between(session, part[0], part[-1])  # an import's ids follow each other
            worked = {cid: worked_out(read.get(cid, []), settings, today) for cid in stale}
        _keep(store, _to_keep(stale, worked), _replaced(stale), basis, today)


class _Stale(NamedTuple):
    stamp: str  # the corporation's stamp now
    keep: bool  # False: what is kept is for a later day of the same facts (leave it)
    kept: bool  # something is kept for it (to be replaced)


def _to_keep(
    stale: dict[int, _Stale], worked: dict[int, Settled[list[_Line]]]
) -> dict[int, tuple[str, Settled[list[_Line]]]]:
    return {cid: (stale[cid].stamp, result) for cid, result in worked.items() if stale[cid].keep}


def _replaced(stale: dict[int, _Stale]) -> list[int]:
    return [cid for cid, found in stale.items() if found.keep and found.kept]


def rules_and_settings(settings: Settings) -> str:
    """A digest of what the deadlines follow besides the facts: the domain's code (its sources, or
    the version where there are none, as in a frozen build) and every setting."""
    text = json.dumps(asdict(settings), default=_plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{_rules()}\n{text}".encode()).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(_plain(v), default=_plain, sort_keys=True) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return str(value)


@cache
def _rules() -> str:
    digest = hashlib.sha256(npo_desk.__version__.encode())
    domain = resources.files("npo_desk.domain")
    try:
        names = sorted(entry.name for entry in domain.iterdir() if entry.name.endswith(".py"))
        for name in names:
            digest.update(name.encode())
            digest.update(domain.joinpath(name).read_bytes())
    except (OSError, NotImplementedError):  # a frozen build may list no sources: its version decides
        return hashlib.sha256(npo_desk.__version__.encode()).hexdigest()
    return digest.hexdigest()


def _stale(
    session: Session, corporation_ids: Sequence[int] | None, basis: str, day: str
) -> dict[int, _Stale]:
    """The corporations (not deleted, or ``corporation_ids``) whose kept deadlines do not hold on
    ``day``, with their stamp (the sum of their cases' versions, deleted ones too: deleting is a
    write; their number; the corporation's version) and whether what they will be worked out to
    should be kept: not when what is kept is for a later day of the same facts (a look back,
    ``due --as-of``, leaves today's work alone). Worked out in SQL: only those come back."""
    stamp = (
        cast(func.sum(col(CaseRow.version)), String)
        + ":"
        + cast(func.count(col(CaseRow.id)), String)
        + ":"
        + cast(func.max(col(CorporationRow.version)), String)
    )
    kept = DeadlineSetRow
    found: dict[int, _Stale] = {}
    for where in _where(
        col(CaseRow.corporation_id), corporation_ids, col(CorporationRow.deleted_at).is_(None)
    ):
        stamps = (
            select(col(CaseRow.corporation_id).label("cid"), stamp.label("stamp"))
            .join(CorporationRow, col(CorporationRow.id) == col(CaseRow.corporation_id))
            .where(where)
            .group_by(col(CaseRow.corporation_id))
            .subquery()
        )
        later = and_(col(kept.stamp) == stamps.c.stamp, col(kept.basis) == basis, col(kept.since) > day)
        stmt = (
            select(stamps.c.cid, stamps.c.stamp, later, col(kept.corporation_id).is_not(None))
            .outerjoin(kept, col(kept.corporation_id) == stamps.c.cid)
            .where(
                or_(
                    col(kept.corporation_id).is_(None),
                    col(kept.stamp) != stamps.c.stamp,
                    col(kept.basis) != basis,
                    col(kept.since) > day,
                    col(kept.through) < day,  # NULL: no day ends it
                )
            )
        )
        rows = session.connection().execute(stmt)
        found.update((cid, _Stale(stamp, not bool(ahead), bool(had))) for cid, stamp, ahead, had in rows)
    return found


def _gone(session: Session) -> list[int]:
    """Corporations deleted since their deadlines were kept."""
    stmt = (
        select(col(DeadlineSetRow.corporation_id))
        .join(CorporationRow, col(CorporationRow.id) == col(DeadlineSetRow.corporation_id))
        .where(col(CorporationRow.deleted_at).is_not(None))
    )
    return list(session.scalars(stmt))


def _where(
    column: Any, ids: Sequence[Any] | None, otherwise: ColumnElement[bool] | None = None
) -> Iterable[ColumnElement[bool]]:
    """The conditions to run a query under: all (``otherwise``) or ``ids`` a chunk at a time."""
    if ids is None:
        yield otherwise if otherwise is not None else true()
        return
    chosen = sorted(set(ids))
    for first in range(0, len(chosen), CHUNK):
        yield column.in_(chosen[first : first + CHUNK])


def _work_out(
    session: Session,
    stale: list[int],
    corporation_ids: Sequence[int] | None,
    settings: Settings,
    today: date,
) -> dict[int, Settled[list[_Line]]]:
    """The open deadlines of the ``stale`` corporations, each with the last day it holds."""
    if not stale:
        return {}
    if corporation_ids is None and len(stale) > _WHOLE * _live_corporations(session):
        wanted = set(stale)
        procedures = {cid: cases for cid, cases in procedures_of(session).items() if cid in wanted}
    else:
        procedures = procedures_of(session, stale)
    found = {cid: worked_out(procedures.get(cid, []), settings, today) for cid in stale}
    return found


def _live_corporations(session: Session) -> int:
    stmt = select(func.count()).select_from(CorporationRow).where(col(CorporationRow.deleted_at).is_(None))
    return int(session.scalar(stmt) or 0)


def worked_out(cases: Sequence[Case], settings: Settings, today: date) -> Settled[list[_Line]]:
    """One corporation's open deadlines on ``today`` (``domain.corporations.corporation_open_deadlines``,
    each with its procedure's stage that day) and the last day they stay so, the cases unchanged."""
    facts = corporation_procedure_facts(cases)

    def lines(day: date) -> list[_Line]:
        stages: dict[int, str] = {}  # a procedure's stage, once however many deadlines it has open
        found = []
        for pending in corporation_open_deadlines(facts, settings, day):
            if pending.index not in stages:
                stages[pending.index] = stage_label(facts[pending.index], settings, day)
            found.append(_Line(cases[pending.index], pending.deadline, stages[pending.index]))
        return found

    return settled(lines, today)


def _read_kept(
    session: Session, stale: Mapping[int, object], corporation_ids: Sequence[int] | None
) -> list[Any]:
    """The kept lines of the corporations (not deleted, or ``corporation_ids``) but the ``stale``,
    with their cases' number, name, clerk and kind."""
    stmt = (
        select(
            col(DeadlineLineRow.corporation_id),
            col(DeadlineLineRow.case_id),
            col(DeadlineLineRow.key),
            col(DeadlineLineRow.deadline),
            col(DeadlineLineRow.stage),
            col(CaseRow.number),
            col(CaseRow.name),
            col(CaseRow.clerk),
            col(CaseRow.kind),
        )
        .join(CaseRow, col(CaseRow.id) == col(DeadlineLineRow.case_id))
        .join(CorporationRow, col(CorporationRow.id) == col(DeadlineLineRow.corporation_id))
    )
    found: list[Any] = []
    for where in _where(
        col(DeadlineLineRow.corporation_id), corporation_ids, col(CorporationRow.deleted_at).is_(None)
    ):
        rows = fetched_in_parts(session.connection().execute(stmt.where(where)))
        found += [row for row in rows if row.corporation_id not in stale] if stale else rows
    return found


def _manual_dates(
    session: Session, corporation_ids: Sequence[int] | None
) -> dict[tuple[int, str], DeadlineOverride]:
    stmt = select(DeadlineOverrideRow.__table__)  # type: ignore[attr-defined]
    if corporation_ids is not None:
        stmt = stmt.join(CaseRow, col(CaseRow.id) == col(DeadlineOverrideRow.case_id))
    found = {}
    for where in _where(col(CaseRow.corporation_id), corporation_ids):
        for row in session.connection().execute(stmt.where(where)):
            found[(row.case_id, row.key)] = override_from_row(row)
    return found


def _deadline(key: str, text: str) -> Deadline:
    label, on, unrolled, basis, closed_reason, note, last_open_day = json.loads(text)
    return Deadline(
        _KEYS[key],
        label,
        date.fromisoformat(on),
        date.fromisoformat(unrolled),
        basis,
        closed_reason,
        note,
        date.fromisoformat(last_open_day) if last_open_day else None,
    )


def _as_text(deadline: Deadline) -> str:
    last_open_day = deadline.last_open_day.isoformat() if deadline.last_open_day else None
    fields = (deadline.label, deadline.date.isoformat(), deadline.unrolled.isoformat(), deadline.basis)
    return json.dumps([*fields, deadline.closed_reason, deadline.note, last_open_day], ensure_ascii=False)


def _open_kept(rows: list[Any], manual: dict[tuple[int, str], DeadlineOverride]) -> list[OpenDeadline]:
    """The kept lines as the dashboard's; equal deadlines (a year's 事業報告書等 of every corporation
    with the same fiscal year) are one ``Deadline`` (it is immutable)."""
    shared: dict[tuple[str, str], Deadline] = {}
    found = []
    for corporation_id, case_id, key, text, stage, number, name, clerk, kind in rows:
        deadline = shared.get((key, text))
        if deadline is None:
            deadline = shared[(key, text)] = _deadline(key, text)
        found.append(
            OpenDeadline(
                case_id,
                number,
                name,
                clerk,
                deadline,
                manual.get((case_id, key)),
                kind=CASE_KINDS[kind],
                corporation_id=corporation_id,
                stage=stage,
            )
        )
    return found


def _open_worked(
    corporation_id: int, line: _Line, manual: dict[tuple[int, str], DeadlineOverride]
) -> OpenDeadline:
    case_id = line.case.id or 0
    return OpenDeadline(
        case_id,
        line.case.number,
        line.case.name,
        line.case.clerk,
        line.deadline,
        manual.get((case_id, line.deadline.key.value)),
        kind=line.case.kind,
        corporation_id=corporation_id,
        stage=line.stage,
    )


def _keep(
    store: Store,
    worked: dict[int, tuple[str, Settled[list[_Line]]]],
    replaced: list[int],
    basis: str,
    today: date,
) -> None:
    """Keep what was worked out (replacing what was kept for those corporations) and forget the
    corporations gone. Left for a later read if another writer holds the database."""
    since = today.isoformat()
    sets = [
        {
            "corporation_id": cid,
            "stamp": stamp,
            "basis": basis,
            "since": since,
            "through": result.through.isoformat() if result.through is not None else None,
        }
        for cid, (stamp, result) in worked.items()
    ]
    lines = [
        {
            "corporation_id": cid,
            "case_id": line.case.id,
            "key": line.deadline.key.value,
            "deadline": _as_text(line.deadline),
            "stage": line.stage,
        }
        for cid, (_stamp, result) in worked.items()
        for line in result.value
    ]
    replaced = sorted(set(replaced))
    try:
        with store.write_if_free() as session:
            for where in _where(col(DeadlineLineRow.corporation_id), replaced):
                session.execute(delete(DeadlineLineRow).where(where))
            for where in _where(col(DeadlineSetRow.corporation_id), replaced):
                session.execute(delete(DeadlineSetRow).where(where))
            connection = session.connection()  # Core executemany: no ORM bookkeeping per line
            if sets:
                connection.execute(insert(DeadlineSetRow), sets)
            if lines:
                connection.execute(insert(DeadlineLineRow), lines)
    except (StoreError, SQLAlchemyError):
        pass  # busy, read-only, or another clerk kept the same first: the next read works them out
