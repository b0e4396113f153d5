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
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select, true
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
from npo_desk.store.mapping import CHUNK, aware
from npo_desk.store.models import (
    CaseRow,
    CorporationRow,
    DeadlineLineRow,
    DeadlineOverrideRow,
    DeadlineSetRow,
)
from npo_desk.store.procedures import procedures_of
from npo_desk.store.queries import OpenDeadline
from npo_desk.store.records import Case, CaseKind, DeadlineOverride

_KEYS = {key.value: key for key in DeadlineKey}
_KINDS = {kind.value: kind for kind in CaseKind}
_WHOLE = 0.5  # above this share of corporations to work out, one read of every procedure is cheaper


@dataclass(frozen=True)
class _Line:
    """One open deadline of a corporation's procedure, as worked out: the case's id, the deadline,
    the procedure's stage that day."""

    case_id: int
    deadline: Deadline
    stage: str


@collector_paused()  # tens of thousands of lines made at once (store.bulk)
def pending_deadlines(
    store: Store, settings: Settings, today: date, corporation_ids: Sequence[int] | None = None
) -> list[OpenDeadline]:
    """Every open deadline of every corporation not deleted (or of ``corporation_ids``), in the
    dashboard's order (``agenda.order_key``): the kept ones that still hold, the others worked out
    and kept. Keeping is left for a later read when another writer holds the database."""
    basis = rules_and_settings(settings)
    with store.read() as session:
        stamps = _stamps(
            session, corporation_ids
        )  # before the procedures: a write in between only makes work
        kept = _kept(session, corporation_ids)
        holding = {cid for cid, stamp in stamps.items() if _holds(kept.get(cid), stamp, basis, today)}
        stale = [cid for cid in stamps if cid not in holding]
        worked = _work_out(session, stale, len(stamps), settings, today)
        found = _read_kept(session, holding, corporation_ids is None)
        manual = _manual_dates(session, corporation_ids)
        heads = _heads(session, [line.case_id for lines in worked.values() for line in lines.value])
    gone = [cid for cid in kept if cid not in stamps] if corporation_ids is None else []
    lines = [_open(row, manual) for row in found]
    lines += [
        _open_worked(corporation_id, line, heads[line.case_id], manual)
        for corporation_id, result in worked.items()
        for line in result.value
    ]
    if worked or gone:
        _keep(store, {cid: (stamps[cid], result) for cid, result in worked.items()}, gone, basis, today)
    return sorted(lines, key=order_key)


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
    for name in sorted(entry.name for entry in domain.iterdir() if entry.name.endswith(".py")):
        digest.update(name.encode())
        digest.update(domain.joinpath(name).read_bytes())
    return digest.hexdigest()


def _stamps(session: Session, corporation_ids: Sequence[int] | None) -> dict[int, str]:
    """Each corporation's stamp: the sum of its cases' versions (deleted ones too: deleting is a write),
    their number, the corporation's version. Not-deleted corporations, or ``corporation_ids``."""
    stmt = (
        select(
            col(CaseRow.corporation_id),
            func.sum(col(CaseRow.version)),
            func.count(col(CaseRow.id)),
            func.max(col(CorporationRow.version)),
        )
        .join(CorporationRow, col(CorporationRow.id) == col(CaseRow.corporation_id))
        .group_by(col(CaseRow.corporation_id))
    )
    found: dict[int, str] = {}
    for where in _where(
        col(CaseRow.corporation_id), corporation_ids, col(CorporationRow.deleted_at).is_(None)
    ):
        for cid, versions, count, own in session.execute(stmt.where(where)):
            found[cid] = f"{versions}:{count}:{own}"
    return found


def _where(
    column: Any, ids: Sequence[int] | None, otherwise: ColumnElement[bool] | None = None
) -> Iterable[ColumnElement[bool]]:
    """The conditions to run a query under: all (``otherwise``) or ``ids`` a chunk at a time."""
    if ids is None:
        yield otherwise if otherwise is not None else true()
        return
    chosen = sorted(set(ids))
    for first in range(0, len(chosen), CHUNK):
        yield column.in_(chosen[first : first + CHUNK])


@dataclass(frozen=True)
class _Kept:
    stamp: str
    basis: str
    since: str
    through: str | None


def _kept(session: Session, corporation_ids: Sequence[int] | None) -> dict[int, _Kept]:
    stmt = select(
        col(DeadlineSetRow.corporation_id),
        col(DeadlineSetRow.stamp),
        col(DeadlineSetRow.basis),
        col(DeadlineSetRow.since),
        col(DeadlineSetRow.through),
    )
    found: dict[int, _Kept] = {}
    for where in _where(col(DeadlineSetRow.corporation_id), corporation_ids):
        for cid, stamp, basis, since, through in session.execute(stmt.where(where)):
            found[cid] = _Kept(stamp, basis, since, through)
    return found


def _holds(kept: _Kept | None, stamp: str, basis: str, today: date) -> bool:
    if kept is None or kept.stamp != stamp or kept.basis != basis:
        return False
    day = today.isoformat()
    return kept.since <= day and (kept.through is None or day <= kept.through)


def _work_out(
    session: Session, stale: list[int], known: int, settings: Settings, today: date
) -> dict[int, Settled[list[_Line]]]:
    """The open deadlines of the ``stale`` corporations, each with the last day it holds."""
    if not stale:
        return {}
    if len(stale) > _WHOLE * known:
        wanted = set(stale)
        procedures = {cid: cases for cid, cases in procedures_of(session).items() if cid in wanted}
    else:
        procedures = procedures_of(session, stale)
    found = {cid: worked_out(procedures.get(cid, []), settings, today) for cid in stale}
    return found


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
            case_id = cases[pending.index].id
            assert case_id is not None
            found.append(_Line(case_id, pending.deadline, stages[pending.index]))
        return found

    return settled(lines, today)


def _read_kept(session: Session, holding: set[int], everything: bool) -> list[Any]:
    """The kept lines of the ``holding`` corporations, with their cases' number, name, clerk, kind."""
    if not holding:
        return []
    stmt = select(
        col(DeadlineLineRow.corporation_id),
        col(DeadlineLineRow.case_id),
        col(DeadlineLineRow.key),
        col(DeadlineLineRow.label),
        col(DeadlineLineRow.on),
        col(DeadlineLineRow.unrolled),
        col(DeadlineLineRow.basis),
        col(DeadlineLineRow.closed_reason),
        col(DeadlineLineRow.note),
        col(DeadlineLineRow.last_open_day),
        col(DeadlineLineRow.stage),
        col(CaseRow.number),
        col(CaseRow.name),
        col(CaseRow.clerk),
        col(CaseRow.kind),
    ).join(CaseRow, col(CaseRow.id) == col(DeadlineLineRow.case_id))
    connection = session.connection()
    if everything:  # one pass, the few not holding dropped here
        rows = fetched_in_parts(connection.execute(stmt))
        return [row for row in rows if row.corporation_id in holding]
    found: list[Any] = []
    for where in _where(col(DeadlineLineRow.corporation_id), sorted(holding)):
        found += connection.execute(stmt.where(where)).all()
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
            found[(row.case_id, row.key)] = DeadlineOverride(
                row.key, row.on, row.reason, row.set_by, aware(row.set_at)
            )
    return found


@dataclass(frozen=True)
class _Head:
    number: str
    name: str
    clerk: str
    kind: CaseKind


def _heads(session: Session, case_ids: list[int]) -> dict[int, _Head]:
    """Number, name, clerk and kind of the worked-out lines' cases, read in the same transaction."""
    stmt = select(
        col(CaseRow.id),
        col(CaseRow.number),
        col(CaseRow.name),
        col(CaseRow.clerk),
        col(CaseRow.kind),
    )
    found: dict[int, _Head] = {}
    for where in _where(col(CaseRow.id), case_ids):
        for row in session.connection().execute(stmt.where(where)):
            found[row.id] = _Head(row.number, row.name, row.clerk, _KINDS[row.kind])
    return found


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _open(row: Any, manual: dict[tuple[int, str], DeadlineOverride]) -> OpenDeadline:
    deadline = Deadline(
        _KEYS[row.key],
        row.label,
        date.fromisoformat(row.on),
        date.fromisoformat(row.unrolled),
        row.basis,
        row.closed_reason,
        row.note,
        _day(row.last_open_day),
    )
    return OpenDeadline(
        row.case_id,
        row.number,
        row.name,
        row.clerk,
        deadline,
        manual.get((row.case_id, row.key)),
        kind=_KINDS[row.kind],
        corporation_id=row.corporation_id,
        stage=row.stage,
    )


def _open_worked(
    corporation_id: int, line: _Line, head: _Head, manual: dict[tuple[int, str], DeadlineOverride]
) -> OpenDeadline:
    return OpenDeadline(
        line.case_id,
        head.number,
        head.name,
        head.clerk,
        line.deadline,
        manual.get((line.case_id, line.deadline.key.value)),
        kind=head.kind,
        corporation_id=corporation_id,
        stage=line.stage,
    )


def _keep(
    store: Store,
    worked: dict[int, tuple[str, Settled[list[_Line]]]],
    gone: list[int],
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
            "case_id": line.case_id,
            "key": line.deadline.key.value,
            "label": line.deadline.label,
            "on": line.deadline.date.isoformat(),
            "unrolled": line.deadline.unrolled.isoformat(),
            "basis": line.deadline.basis,
            "closed_reason": line.deadline.closed_reason,
            "note": line.deadline.note,
            "last_open_day": line.deadline.last_open_day.isoformat() if line.deadline.last_open_day else None,
            "stage": line.stage,
        }
        for cid, (_stamp, result) in worked.items()
        for line in result.value
    ]
    replaced = sorted({*worked, *gone})
    try:
        with store.write_if_free() as session:
            for where in _where(col(DeadlineLineRow.corporation_id), replaced):
                session.execute(delete(DeadlineLineRow).where(where))
            for where in _where(col(DeadlineSetRow.corporation_id), replaced):
                session.execute(delete(DeadlineSetRow).where(where))
            if sets:
                session.execute(insert(DeadlineSetRow), sets)
            if lines:
                session.execute(insert(DeadlineLineRow), lines)
    except (StoreError, SQLAlchemyError):
        pass  # busy, read-only, or another clerk kept the same first: the next read works them out
