"""When a new case is one already stored: the same name and the same receipt date.

An import skips such a row instead of creating the case twice. The check runs once when the file is
planned (to tell the clerk before anything is stored) and again inside the write transaction that
inserts the cases (``create_cases(..., skip_stored=True)``), where no other import or clerk can create
a case in between: SQLite's BEGIN IMMEDIATE and PostgreSQL's creation lock serialise case creation.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from npo_desk.store.database import Store
from npo_desk.store.models import CaseRow, MilestoneRow
from npo_desk.store.records import Case, CaseKind, MilestoneKind

CaseKey = tuple[str, date | None]
_KEY_DATES = (MilestoneKind.RECEIVED, MilestoneKind.CERTIFIED)


def case_key(name: str, received: date | None) -> CaseKey:
    """The name without width or spacing differences, and the receipt date."""
    return unicodedata.normalize("NFKC", name).replace(" ", "").replace("\u3000", ""), received


def duplicate_key(case: Case) -> CaseKey:
    """Same name and receipt date = the same case (the national file has no receipt date: 認証日)."""
    received = case.milestone(MilestoneKind.RECEIVED) or case.milestone(MilestoneKind.CERTIFIED)
    return case_key(case.name, received.on if received else None)


def stored_keys(session: Session) -> set[CaseKey]:
    """The key of every 設立 case not deleted, in one query (50,000 cases: a fraction of a second): an
    imported row is an application; a later procedure bearing its corporation's name is none."""
    stmt = (
        select(col(CaseRow.id), col(CaseRow.name), col(MilestoneRow.kind), col(MilestoneRow.on))
        .select_from(CaseRow)
        .outerjoin(
            MilestoneRow,
            and_(
                col(MilestoneRow.case_id) == col(CaseRow.id),
                col(MilestoneRow.kind).in_([kind.value for kind in _KEY_DATES]),
            ),
        )
        .where(col(CaseRow.deleted_at).is_(None), col(CaseRow.kind) == CaseKind.ESTABLISHMENT.value)
    )
    names: dict[int | None, str] = {}
    dates: dict[int | None, dict[str, date]] = {}
    for case_id, name, kind, on in session.connection().execute(stmt):
        names[case_id] = name
        if kind is not None:
            dates.setdefault(case_id, {})[kind] = on
    received, certified = (kind.value for kind in _KEY_DATES)
    keys: set[CaseKey] = set()
    for case_id, name in names.items():
        found = dates.get(case_id, {})
        keys.add(case_key(name, found.get(received) or found.get(certified)))
    return keys


def stored_case_keys(store: Store) -> set[CaseKey]:
    """``stored_keys`` of the database, for planning an import before anything is written."""
    with store.read() as session:
        return stored_keys(session)
