"""Corporations brought in whole from another ledger: the 内閣府 file or npo-desk's own ledger.

Each one is its 設立 case (the facts holder: offices, purpose, activity fields, the dated facts as the
file gives them), the corporation that case makes (with its 法人番号) and its later procedures (認定,
解散, 合併 …). All of them go in through the same checks and bulk inserts as ``create_cases``
(``cases.prepare_case``: ``validate_case``, and for the later kinds ``check_procedure``;
``cases.insert_prepared`` inside ``cases.write_new_cases``), in one transaction: every corporation of
the file or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from npo_desk.domain.errors import InvalidInput
from npo_desk.store.bulk import collector_paused
from npo_desk.store.cases import PreparedCase, insert_prepared, prepare_case, write_new_cases
from npo_desk.store.corporations import storable_corporation
from npo_desk.store.database import Store
from npo_desk.store.deadline_cache import keep_deadlines
from npo_desk.store.identity import duplicate_key, stored_keys
from npo_desk.store.mapping import CHUNK, PendingRows
from npo_desk.store.models import CaseRow, CorporationRow
from npo_desk.store.records import Case, CaseKind, Corporation
from npo_desk.store.settings_store import load_settings

# A later procedure is checked before its corporation exists: it names this one until then.
_NOT_YET = -1
_OWN = ("name", "name_kana", "representative", "corporate_number")


@dataclass(frozen=True)
class NewCorporation:
    """A corporation to bring in: its 設立 case, its own fields and its procedures after 設立."""

    application: Case  # a 設立 case without corporation_id: it makes the corporation
    # Its name, kana, representative (today's: renamed since its application, a new representative)
    # and 法人番号 (full width or hyphens accepted); None: the application's, without a 法人番号.
    corporation: Corporation | None = None
    procedures: tuple[Case, ...] = ()  # later kinds; their corporation_id is ignored


@collector_paused()  # thousands of records at once (store.bulk)
def create_corporations(
    store: Store, new: Sequence[NewCorporation], *, who: str, today: date, skip_stored: bool = False
) -> list[int | None]:
    """Store the corporations in one transaction, all or none; the id of each one's corporation.

    Everything is checked before the transaction, as ``create_cases`` does (the corporation's own
    fields as ``create_corporation`` checks them). A 法人番号 already stored
    (or twice in ``new``) is refused (InvalidInput naming it); with ``skip_stored`` a corporation
    whose 設立 case (``duplicate_key``) or 法人番号 is already stored is skipped (its id is None),
    checked inside the transaction like ``create_cases(skip_stored=True)``."""
    settings, rows, now = load_settings(store), PendingRows(store.engine.dialect), store.now()
    own = [_own(item) for item in new]
    numbers = [corporation.corporate_number if corporation is not None else None for corporation in own]
    seen: set[str] = set()
    for given in filter(None, numbers):
        if given in seen:
            raise InvalidInput(f"法人番号「{given}」が2つの法人にあります。")
        seen.add(given)
    applications: list[PreparedCase] = []
    later: list[list[PreparedCase]] = []
    for item, corporation in zip(new, own, strict=True):
        if item.application.kind is not CaseKind.ESTABLISHMENT or item.application.corporation_id is not None:
            raise ValueError("a corporation brought in is made by its 設立 case")
        prepared = prepare_case(item.application, today, settings, rows, now, who)
        assert prepared.corporation is not None
        values = prepared.corporation
        if corporation is not None:
            values = {**values, **rows.convert(CorporationRow, {n: getattr(corporation, n) for n in _OWN})}
        applications.append(replace(prepared, corporation=values))
        procedures = [replace(p, corporation_id=_NOT_YET) for p in item.procedures]
        later.append([prepare_case(p, today, settings, rows, now, who) for p in procedures])

    def insert(session: Session) -> list[int | None]:
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
        inserted = insert_prepared(session, [applications[i] for i in wanted], rows)
        corporations = _corporations_of_cases(session, [case_id for case_id, _number in inserted])
        found: list[int | None] = [None] * len(new)
        procedures: list[PreparedCase] = []
        for i, (case_id, _number) in zip(wanted, inserted, strict=True):
            corporation_id = corporations[case_id]
            found[i] = corporation_id
            procedures += [replace(p, case=replace(p.case, corporation_id=corporation_id)) for p in later[i]]
        insert_prepared(session, procedures, rows)
        return found

    explicit = next((item.application.number for item in new if item.application.number), "")
    created = write_new_cases(store, insert, explicit)
    keep_deadlines(store, settings, today, [cid for cid in created if cid is not None])
    return created


def _own(item: NewCorporation) -> Corporation | None:
    """The corporation's own fields as stored (the application's where blank), checked as
    ``create_corporation`` checks them (``storable_corporation``); None: all the application's."""
    corporation = item.corporation
    if corporation is None:
        return None
    application = item.application
    return storable_corporation(
        replace(
            corporation,
            name=corporation.name or application.name,
            name_kana=corporation.name_kana or application.name_kana,
            representative=corporation.representative or application.representative,
        )
    )


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
