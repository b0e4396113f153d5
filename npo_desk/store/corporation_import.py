"""Corporations brought in whole from another ledger: the 内閣府 file or npo-desk's own ledger.

Each one is its 設立 case (the facts holder: offices, purpose, activity fields, the dated facts as the
file gives them), the corporation that case makes (with its 法人番号) and its later procedures (認定,
解散, 合併 …). All of them go in through the same checks and bulk inserts as ``create_cases``
(``cases._prepared``: ``validate_case``, and for the later kinds ``check_procedure``), in one
transaction: every corporation of the file or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from npo_desk.domain.corporate_number import normalize_corporate_number
from npo_desk.domain.errors import InvalidInput
from npo_desk.store.cases import _insert_all, _lock_creation, _NewCase, _prepared, _retrying_numbers
from npo_desk.store.database import Store
from npo_desk.store.identity import duplicate_key, stored_keys
from npo_desk.store.mapping import CHUNK, PendingRows
from npo_desk.store.models import CaseRow, CorporationRow
from npo_desk.store.records import Case, CaseKind
from npo_desk.store.settings_store import load_settings

# A later procedure is checked before its corporation exists: it names this one until then.
_NOT_YET = -1


@dataclass(frozen=True)
class NewCorporation:
    """A corporation to bring in: its 設立 case, its 法人番号 and its procedures after 設立."""

    application: Case  # a 設立 case without corporation_id: it makes the corporation
    corporate_number: str | None = None  # full width or hyphens accepted; blank: none
    procedures: tuple[Case, ...] = ()  # later kinds; their corporation_id is ignored


def create_corporations(
    store: Store, new: Sequence[NewCorporation], *, who: str, today: date, skip_stored: bool = False
) -> list[int | None]:
    """Store the corporations in one transaction, all or none; the id of each one's corporation.

    Everything is checked before the transaction, as ``create_cases`` does. A 法人番号 already stored
    (or twice in ``new``) is refused (InvalidInput naming it); with ``skip_stored`` a corporation
    whose 設立 case (``duplicate_key``) or 法人番号 is already stored is skipped (its id is None),
    checked inside the transaction like ``create_cases(skip_stored=True)``."""
    settings, rows, now = load_settings(store), PendingRows(store.engine.dialect), store.now()
    numbers = [_number(item.corporate_number) for item in new]
    seen: set[str] = set()
    for given in filter(None, numbers):
        if given in seen:
            raise InvalidInput(f"法人番号「{given}」が2つの法人にあります。")
        seen.add(given)
    applications: list[_NewCase] = []
    later: list[list[_NewCase]] = []
    for item, number in zip(new, numbers, strict=True):
        if item.application.kind is not CaseKind.ESTABLISHMENT or item.application.corporation_id is not None:
            raise ValueError("a corporation brought in is made by its 設立 case")
        prepared = _prepared(item.application, today, settings, rows, now, who)
        assert prepared.corporation is not None
        corporation = {**prepared.corporation, "corporate_number": number}
        applications.append(replace(prepared, corporation=corporation))
        procedures = [replace(p, corporation_id=_NOT_YET) for p in item.procedures]
        later.append([_prepared(p, today, settings, rows, now, who) for p in procedures])

    def insert() -> list[int | None]:
        with store.write() as session:
            _lock_creation(session)
            wanted = list(range(len(new)))
            taken = _stored_numbers(session, [n for n in numbers if n is not None])
            if skip_stored:
                stored = stored_keys(session)
                wanted = [
                    i
                    for i in wanted
                    if duplicate_key(applications[i].case) not in stored and numbers[i] not in taken
                ]
            elif taken:
                raise InvalidInput(f"法人番号「{min(taken)}」は、既に登録されている法人のものです。")
            inserted = _insert_all(session, [applications[i] for i in wanted], rows)
            corporations = _corporations_of_cases(session, [case_id for case_id, _number in inserted])
            found: list[int | None] = [None] * len(new)
            procedures: list[_NewCase] = []
            for i, (case_id, _number) in zip(wanted, inserted, strict=True):
                corporation_id = corporations[case_id]
                found[i] = corporation_id
                procedures += [
                    replace(p, case=replace(p.case, corporation_id=corporation_id)) for p in later[i]
                ]
            _insert_all(session, procedures, rows)
            return found

    explicit = next((item.application.number for item in new if item.application.number), "")
    return _retrying_numbers(insert, explicit)


def _number(text: str | None) -> str | None:
    """The 法人番号 as stored (13 ASCII digits, check digit verified), None for blank."""
    if text is None or not text.strip():
        return None
    return normalize_corporate_number(text)


def _stored_numbers(session: Session, numbers: list[str]) -> set[str]:
    """Those of ``numbers`` some stored corporation (also a deleted one) already has."""
    found: set[str] = set()
    for first in range(0, len(numbers), CHUNK):
        chunk = numbers[first : first + CHUNK]
        stmt = select(col(CorporationRow.corporate_number)).where(
            col(CorporationRow.corporate_number).in_(chunk)
        )
        found |= {number for number in session.connection().execute(stmt).scalars() if number}
    return found


def _corporations_of_cases(session: Session, case_ids: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for first in range(0, len(case_ids), CHUNK):
        chunk = case_ids[first : first + CHUNK]
        stmt = select(col(CaseRow.id), col(CaseRow.corporation_id)).where(col(CaseRow.id).in_(chunk))
        found |= {int(case_id or 0): int(corporation or 0) for case_id, corporation in session.execute(stmt)}
    return found


def stored_corporate_numbers(store: Store) -> set[str]:
    """Every 法人番号 stored (also a deleted corporation's: the number stays taken), for planning an
    import before anything is written."""
    with store.read() as session:
        stmt = select(col(CorporationRow.corporate_number)).where(
            col(CorporationRow.corporate_number).is_not(None)
        )
        return {number for number in session.execute(stmt).scalars() if number}
