"""Corporations (法人) and the procedures (手続) started for them.

A procedure is a case (``cases.py``: numbering, history, locking, manual dates, deletion serve every
kind); a corporation groups them. A new 設立 application makes its corporation in ``create_case``;
every later procedure starts here, from an existing corporation, through ``start_procedure``, which
refuses what the corporation's standing or the Act's dates do not allow. Standing is never stored:
``domain.corporations`` reads it from the procedures each time (docs/legal-reference.md §13.8).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from npo_desk.domain.articles_topics import OFFICE_TOPICS
from npo_desk.domain.corporate_number import normalize_corporate_number
from npo_desk.domain.corporations import (
    STATUS_LABELS,
    CorporationStatus,
    RevocationCandidate,
    Standing,
    corporation_standing,
)
from npo_desk.domain.corporations import revocation_candidates as domain_revocation_candidates
from npo_desk.domain.deadlines import Deadline
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.procedures import KINDS, ProcedureFacts
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki
from npo_desk.store import history
from npo_desk.store.articles import (
    ArticlesInForce,
    C,
    amendment_in_effect_on,
    articles_in_force,
    corporation_procedure_facts,
)
from npo_desk.store.bulk import fetched_in_parts, released
from npo_desk.store.cases import create_case
from npo_desk.store.database import Store
from npo_desk.store.deadline_cache import pending_deadlines
from npo_desk.store.errors import ConcurrentCorporationEdit
from npo_desk.store.mapping import (
    CHUNK,
    corporation_from_row,
    corporation_values,
    load_cases,
    normalize_search,
)
from npo_desk.store.models import CaseRow, CorporationRow, OfficeRow
from npo_desk.store.procedure_list import ProcedureSummary, procedure_summaries
from npo_desk.store.procedures import (
    corporation_row,
    establishment_case,
    procedures_of,
    running,
    standing_of,
)
from npo_desk.store.queries import OpenDeadline, first_of_each
from npo_desk.store.records import (
    CASE_KIND_LABELS,
    Case,
    CaseKind,
    Corporation,
    CorporationSummary,
    HistoryEntry,
    MilestoneKind,
    Office,
    Officer,
    RevocationSubject,
    procedure_facts,
    procedure_kind,
)
from npo_desk.store.validation import text_problem

_TEXTS = ("name", "name_kana", "representative", "notes")


def storable_corporation(corporation: Corporation) -> Corporation:
    """``corporation`` as it may be stored (法人番号 as 13 ASCII digits), or InvalidInput in Japanese.
    Public because every write path of a corporation's own fields goes through this one check
    (``create_corporation``, ``save_corporation`` and the importer's
    ``corporation_import.create_corporations``): one validation, whichever way a corporation comes in."""
    if not corporation.name.strip():
        raise InvalidInput("法人名が空です。法人名を入力してから保存してください。")
    for field in _TEXTS:
        problem = text_problem(field, getattr(corporation, field))
        if problem:
            raise InvalidInput(f"「{history.label_of(field)}」を保存できません。{problem}")
    number = corporation.corporate_number
    if number is not None and not number.strip():
        number = None
    if number is not None:
        number = normalize_corporate_number(number)
    return replace(corporation, corporate_number=number)


def _number_free(session: Session, number: str | None, corporation_id: int | None) -> None:
    """One 法人番号 names one corporation (the unique constraint would say so less clearly)."""
    if number is None:
        return
    other = session.scalars(
        select(CorporationRow).where(
            col(CorporationRow.corporate_number) == number, col(CorporationRow.id) != (corporation_id or 0)
        )
    ).first()
    if other is not None:
        raise InvalidInput(f"法人番号「{number}」は、既に法人「{other.name}」に登録されています。")


def create_corporation(store: Store, corporation: Corporation, *, who: str, today: date) -> Corporation:
    """Store a new corporation (an existing 法人 taken over from another ledger, with no procedure
    yet). A 設立 application does not come here: ``create_case`` makes its corporation. ``today`` is
    the day of the entry (a corporation holds no dated fact of its own: its procedures do)."""
    del today
    corporation = storable_corporation(corporation)
    now = store.now()
    with store.write() as session:
        _number_free(session, corporation.corporate_number, None)
        row = CorporationRow(**corporation_values(corporation), created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        assert row.id is not None
        history.record(session, None, now, who, "created", None, corporation.name, row.id)
        return corporation_from_row(row)


def save_corporation(store: Store, corporation: Corporation, *, who: str) -> Corporation:
    """Write the caller's edited ``corporation`` (its own fields), each change in its history.
    ConcurrentEditError (ConcurrentCorporationEdit) when it was saved elsewhere since it was read."""
    corporation_id = corporation.id
    if corporation_id is None:
        raise ValueError("save_corporation needs a stored corporation; use create_corporation")
    corporation = storable_corporation(corporation)
    now = store.now()
    try:
        with store.write() as session:
            row = corporation_row(session, corporation_id)
            if row.version != corporation.version:
                raise ConcurrentCorporationEdit(row.name)
            old = corporation_from_row(row)
            changes = [
                (name, getattr(old, name), getattr(corporation, name))
                for name in history.CORPORATION_FIELDS
                if getattr(old, name) != getattr(corporation, name)
            ]
            if not changes:
                return old
            _number_free(session, corporation.corporate_number, corporation.id)
            for name, _before, after in changes:
                setattr(row, name, after)
            row.updated_at = now
            session.flush()
            for name, before, after in changes:
                history.record(session, None, now, who, name, before or None, after or None, corporation.id)
            return corporation_from_row(row)
    except StaleDataError:
        raise ConcurrentCorporationEdit(corporation.name) from None


def get_corporation(store: Store, corporation_id: int) -> Corporation:
    """The corporation (also a deleted one: its ``deleted_at`` is set)."""
    with store.read() as session:
        return corporation_from_row(corporation_row(session, corporation_id))


def corporation_cases(store: Store, corporation_id: int) -> list[Case]:
    """The corporation's procedures (whole cases, deleted ones left out), oldest first."""
    with store.read() as session:
        corporation_row(session, corporation_id)
        stmt = (
            select(col(CaseRow.id))
            .where(col(CaseRow.corporation_id) == corporation_id, col(CaseRow.deleted_at).is_(None))
            .order_by(col(CaseRow.id))
        )
        ids = [int(case_id) for case_id in session.scalars(stmt) if case_id is not None]
        found = load_cases(session, ids)
    return [found[case_id] for case_id in ids]


def corporation_history(store: Store, corporation_id: int) -> list[HistoryEntry]:
    """Every recorded change of the corporation's own fields (its name history: field "name"),
    newest first. Its procedures keep their own (``case_history``)."""
    with store.read() as session:
        corporation_row(session, corporation_id)
        return history.entries(session, None, corporation_id)


def list_corporations(
    store: Store,
    settings: Settings,
    today: date,
    *,
    text: str = "",
    corporation_ids: Sequence[int] | None = None,
) -> list[CorporationSummary]:
    """Every corporation not deleted, matching every word of ``text`` in its name, kana,
    representative or 法人番号, newest first; its standing, open procedures and next deadline read
    from all its procedures. A few queries, whatever the number of corporations. ``corporation_ids``
    narrows it to those (the window reloads one corporation's row after a save)."""
    words = list(filter(None, map(normalize_search, text.split())))
    chosen: ColumnElement[bool] = col(CorporationRow.deleted_at).is_(None)
    if corporation_ids is not None:
        chosen = and_(chosen, col(CorporationRow.id).in_(list(corporation_ids)))
    pending = pending_deadlines(store, settings, today, corporation_ids)
    with store.read() as session:
        heads, addresses = _heads_and_addresses(session, chosen, corporation_ids)
        procedures = procedures_of(session, corporation_ids)
    facts = _facts(procedures)
    return _summaries(heads, procedures, facts, _first_deadlines(pending), addresses, today, words)


def _facts(procedures: dict[int, list[Case]]) -> dict[int, list[ProcedureFacts]]:
    """Each corporation's ``corporation_procedure_facts``, once for every list made from one read."""
    return {cid: corporation_procedure_facts(cases) for cid, cases in procedures.items()}


def _first_deadlines(pending: Sequence[OpenDeadline]) -> dict[int, Deadline]:
    """Each corporation's first open deadline in the dashboard's order (``pending`` is in it)."""
    first = first_of_each(pending, lambda line: line.corporation_id)
    return {corporation_id: line.deadline for corporation_id, line in first.items()}


def _heads_and_addresses(
    session: Session, chosen: ColumnElement[bool], corporation_ids: Sequence[int] | None = None
) -> tuple[list[Any], dict[int, str]]:
    """The chosen corporations' rows, newest first, and the main office address of every live case
    (of ``corporation_ids``' cases alone when given: one corporation's row after a save)."""
    cases: ColumnElement[bool] = col(CaseRow.deleted_at).is_(None)
    if corporation_ids is not None:
        cases = and_(cases, col(CaseRow.corporation_id).in_(list(corporation_ids)))
    connection = session.connection()
    heads = fetched_in_parts(  # not in one C call: the window's thread waits for none (store.bulk)
        connection.execute(select(CorporationRow).where(chosen).order_by(col(CorporationRow.id).desc()))
    )
    addresses = dict(
        fetched_in_parts(
            connection.execute(
                select(col(OfficeRow.case_id), col(OfficeRow.address)).where(
                    col(OfficeRow.position) == 0,
                    col(OfficeRow.case_id).in_(select(col(CaseRow.id)).where(cases)),
                )
            )
        )
    )
    return list(heads), addresses


def _summaries(
    heads: list[Any],
    procedures: dict[int, list[Case]],
    facts_of: dict[int, list[ProcedureFacts]],
    first_deadlines: dict[int, Deadline],
    addresses: dict[int, str],
    today: date,
    words: list[str],
) -> list[CorporationSummary]:
    """``list_corporations``' rows from what it (or ``corporation_agenda``) read; the next deadline
    is the first of the corporation's lines on the dashboard (``store.deadline_cache``)."""
    found: list[CorporationSummary] = []
    for head in heads:
        if words:
            searched = normalize_search("".join((head.name, head.name_kana, head.representative)))
            searched += head.corporate_number or ""
            if not all(word in searched for word in words):
                continue
        cases = procedures.get(head.id, [])
        facts = facts_of.get(head.id, [])
        found.append(
            CorporationSummary(
                id=head.id,
                name=head.name,
                name_kana=head.name_kana,
                corporate_number=head.corporate_number,
                standing=corporation_standing(facts),
                main_address=_main_address(cases, addresses),
                open_procedures=running(facts, today),
                next_deadline=first_deadlines.get(head.id),
                clerk=next((case.clerk for case in reversed(cases) if case.clerk), ""),
                version=head.version,
            )
        )
    return found


def _main_address(cases: list[Case], addresses: dict[int, str]) -> str:
    """The main office of ``offices_in_force`` (``cases`` are light: ``addresses`` says which hold one)."""
    source = offices_in_force(cases, lambda case: case.id in addresses)
    return addresses[source.id] if source is not None and source.id is not None else ""


# What a corporation must be for a procedure to start (everything else: an established 法人).
_ALLOWED_AFTER_END: dict[CorporationStatus, frozenset[CaseKind]] = {
    # 解散 → 清算 (31条〜32条の3): only the 清算結了 remains to be notified.
    CorporationStatus.DISSOLVED: frozenset({CaseKind.LIQUIDATION_COMPLETED}),
    # 43条の取消し → 解散 (31条1項7号) → 清算結了.
    CorporationStatus.REVOKED: frozenset({CaseKind.DISSOLUTION, CaseKind.LIQUIDATION_COMPLETED}),
}


def start_refusals(store: Store, corporation_id: int, today: date) -> dict[CaseKind, str | None]:
    """For every kind, why ``start_procedure`` would refuse it for the corporation on ``today`` (its
    Japanese message), or None when it would start: the corporation window's 「手続を開始」 menu greys
    out the refused kinds and says why, with the very rule that refuses them."""
    corporation = get_corporation(store, corporation_id)
    with store.read() as session:
        cases = procedures_of(session, [corporation_id]).get(corporation_id, [])
    standing = standing_of(cases)
    return {kind: _refusal(corporation, standing, kind, today) for kind in CaseKind}


def _refusal(corporation: Corporation, standing: Standing, kind: CaseKind, today: date) -> str | None:
    """Why a procedure of ``kind`` cannot start for ``corporation`` (standing ``standing``) on
    ``today``; None when it can (``start_procedure`` says which rules)."""
    if corporation.deleted_at is not None:
        return f"法人「{corporation.name}」は削除されています。元に戻してから手続を始めてください。"
    label = CASE_KIND_LABELS[kind]
    spec = KINDS[procedure_kind(kind)]
    if today < spec.available_from:
        return (
            f"{label}は{format_wareki(spec.available_from)}からの手続です。"
            f"{format_wareki(today)}には始められません。"
        )
    status = standing.status
    if kind is CaseKind.ESTABLISHMENT:
        if standing.is_corporation:
            already = f"「{corporation.name}」は既に法人です ({standing.reason})。"
            return already + "設立認証の手続は始められません。"
    elif status is CorporationStatus.APPLYING:
        return (
            f"「{corporation.name}」はまだ法人ではありません (設立の登記がありません)。"
            f"{label}の手続は、設立の登記の後に始められます。"
        )
    elif status is not CorporationStatus.ESTABLISHED and kind not in _ALLOWED_AFTER_END.get(status, ()):
        return (
            f"「{corporation.name}」は{STATUS_LABELS[status]}です ({standing.reason})。"
            f"{label}の手続は始められません。"
        )
    return None


def start_procedure(
    store: Store, corporation_id: int, kind: CaseKind, *, who: str, today: date, clerk: str = ""
) -> Case:
    """A new procedure of ``kind`` for the corporation, named after it, with its offices and contact
    details from its latest procedure holding offices (a 役員変更届 also with ``current_officers``),
    and no fact yet.

    Refused (InvalidInput, in Japanese): a 設立 for a group that is already a 法人; any other kind for
    a group that is not (yet) one (13条1項: the 法人 comes into being by its registration); a kind the
    corporation's end no longer allows (after 解散 or 取消し only the 清算 follows; after 清算結了 or a
    移管 to another 所轄庁 nothing); a kind the Act did not know on ``today`` (``KindSpec.available_from``).
    """
    corporation = get_corporation(store, corporation_id)
    with store.read() as session:
        cases = procedures_of(session, [corporation_id]).get(corporation_id, [])
    refusal = _refusal(corporation, standing_of(cases), kind, today)
    if refusal is not None:
        raise InvalidInput(refusal)
    # A letter of this procedure goes where the corporation is; the clerk corrects it in the
    # procedure when it has moved.
    whole = corporation_cases(store, corporation_id)
    new = Case(
        name=corporation.name,
        name_kana=corporation.name_kana,
        representative=corporation.representative,
        kind=kind,
        corporation_id=corporation_id,
        clerk=clerk,
        # A 役員変更届 carries the new 役員名簿 (23条): the clerk edits the difference from today's.
        officers=_current_officers(whole) if kind is CaseKind.OFFICER_CHANGE_NOTICE else (),
        **_contact(corporation, whole),
    )
    return create_case(store, new, who=who, today=today)


def current_officers(store: Store, corporation_id: int) -> tuple[Officer, ...]:
    """The corporation's officers now: the 役員名簿 of its latest 役員の変更等の届出 received (23条;
    by 受理 date, then the later case) that holds officers, else its 設立 application's (10条1項2号イ).
    docs/legal-reference.md §13.4."""
    return _current_officers(corporation_cases(store, corporation_id))


def officers_in_force(cases: Sequence[Case]) -> Case | None:
    """The procedure whose 役員名簿 is the corporation's now, among its live procedures ``cases``
    (``current_officers``' rule): the corporation window names it beside the list."""
    notices = [
        (received, case.id or 0, case)
        for case in cases
        if case.kind is CaseKind.OFFICER_CHANGE_NOTICE
        and case.officers
        and (received := procedure_facts(case).received_on) is not None
    ]
    if notices:
        return max(notices, key=lambda notice: notice[:2])[2]
    return establishment_case(cases)


def _current_officers(cases: Sequence[Case]) -> tuple[Officer, ...]:
    """``current_officers`` of the corporation whose live procedures are ``cases``."""
    source = officers_in_force(cases)
    return source.officers if source is not None else ()


def _contact(corporation: Corporation, cases: Sequence[Case]) -> dict[str, Any]:
    """Where the corporation is and how to reach it (``cases`` oldest first): its offices in force
    and their postal code (``offices_in_force``); phone, email, and the representative's kana while
    its representative is still the corporation's, from its latest procedure holding offices;
    nothing when no procedure has offices."""
    latest = next((case for case in reversed(cases) if case.offices), None)
    where = offices_in_force(cases)
    if latest is None or where is None:
        return {}
    same = latest.representative == corporation.representative
    return {
        "representative_kana": latest.representative_kana if same else "",
        "postal_code": where.postal_code,
        "phone": latest.phone,
        "email": latest.email,
        "offices": where.offices,
    }


def _holds_offices(case: Any) -> bool:
    return bool(case.offices)


def offices_in_force(cases: Sequence[C], holds_offices: Callable[[C], bool] = _holds_offices) -> C | None:
    """The procedure whose offices are the corporation's now, among its live procedures ``cases``
    (oldest first): its latest 定款変更 of 事務所の所在地 in effect that holds offices (by the day it
    took effect, then the later case), else its 設立 application, else (a 法人 taken over without
    offices on its 設立 case) its latest procedure holding any. ``holds_offices``: for light cases."""
    moves = [
        (on, case.id or 0, case)
        for case in cases
        if OFFICE_TOPICS & set(case.articles_topics)
        and holds_offices(case)
        # a 定款変更 of 事務所の所在地 (11条1項4号) moves the offices when it takes effect
        and (on := amendment_in_effect_on(case)) is not None
    ]
    if moves:
        return max(moves, key=lambda move: move[:2])[2]
    first = establishment_case(cases)
    if first is not None and holds_offices(first):
        return first
    return next((case for case in reversed(cases) if holds_offices(case)), None)


def current_offices(store: Store, corporation_id: int) -> tuple[Office, ...]:
    """The corporation's offices now (``offices_in_force``); () when no procedure has any."""
    source = offices_in_force(corporation_cases(store, corporation_id))
    return source.offices if source is not None else ()


def current_articles(store: Store, corporation_id: int) -> ArticlesInForce[Case]:
    """The corporation's 目的, 特定非営利活動の種類 and 事業年度 now (``articles_in_force``)."""
    return articles_in_force(corporation_cases(store, corporation_id))


def corporation_letter_case(store: Store, corporation_id: int) -> Case:
    """The case a letter to the corporation as a whole is made from (``domain.letters.
    CORPORATION_LETTERS``: the 督促 of its 事業報告書等, the 取消し of its 設立の認証): its 設立 case,
    which holds its filings, 認証 and 登記, addressed as the corporation is now (its own name and
    representative, the offices of its latest procedure holding any), with the 取消日 of a 取消し
    recorded as a procedure of its own (43条) when the 設立 case has none. Not stored: a letter only.

    InvalidInput when the corporation has no 設立 case (nothing to remind it of, nor to revoke)."""
    corporation = get_corporation(store, corporation_id)
    cases = corporation_cases(store, corporation_id)
    first = establishment_case(cases)
    if first is None:
        raise InvalidInput(
            f"法人「{corporation.name}」には設立認証の案件がありません。事業報告書等の督促と認証取消しの"
            "通知は、事業報告書等の受理を記録する設立認証の案件から作成します。"
        )
    milestones = first.milestones
    if first.milestone(MilestoneKind.REVOKED) is None:
        revoked = [
            milestone
            for case in cases
            if case.kind is CaseKind.REVOCATION
            for milestone in case.milestones
            if milestone.kind is MilestoneKind.REVOKED
        ]
        milestones = (*milestones, *revoked[-1:])
    return replace(
        first,
        name=corporation.name,
        name_kana=corporation.name_kana,
        representative=corporation.representative,
        milestones=milestones,
        **_contact(corporation, cases),
    )


def corporation_by_number(store: Store, corporate_number: str) -> Corporation | None:
    """The corporation (not deleted) with the 法人番号 ``corporate_number`` as a clerk types it
    (full width, hyphens); InvalidInput when it is no 法人番号 (``normalize_corporate_number``)."""
    number = normalize_corporate_number(corporate_number)
    with store.read() as session:
        row = session.scalars(
            select(CorporationRow).where(
                col(CorporationRow.corporate_number) == number, col(CorporationRow.deleted_at).is_(None)
            )
        ).first()
        return corporation_from_row(row) if row is not None else None


def corporation_pending_deadlines(
    store: Store, settings: Settings, today: date, *, corporation_ids: Sequence[int] | None = None
) -> list[OpenDeadline]:
    """Every open deadline of every procedure of every corporation not deleted (or of
    ``corporation_ids``: the corporation window's own), each naming its case (id, number, name,
    kind, clerk, its stage that day) and carrying the case's manual date for it (``records.due_of``),
    in the dashboard's order (``agenda.order_key``). From ``domain.corporations.corporation_open_deadlines``:
    a 認定's expiry and renewal and the 事業報告書等 only while the corporation is established.
    Kept in the database while they hold (``store.deadline_cache``)."""
    return pending_deadlines(store, settings, today, corporation_ids)


def revocation_candidates(
    store: Store, settings: Settings, today: date, *, corporation_ids: Sequence[int] | None = None
) -> list[RevocationCandidate[RevocationSubject]]:
    """Established corporations whose 事業報告書等 are 3 years or more overdue in a row (43条1項),
    longest run first (``domain.corporations.revocation_candidates``). The reports are those filed
    on the corporation's 設立 case, which each candidate names (``RevocationSubject``). Of every
    corporation not deleted, or of ``corporation_ids`` (the window after a save in one of them)."""
    with store.read() as session:
        procedures = procedures_of(session, corporation_ids)
    return _candidates(store, procedures, _facts(procedures), settings, today)


def _candidates(
    store: Store,
    procedures: dict[int, list[Case]],
    facts_of: dict[int, list[ProcedureFacts]],
    settings: Settings,
    today: date,
) -> list[RevocationCandidate[RevocationSubject]]:
    """The candidates among ``procedures`` (every corporation not deleted); only theirs of the
    corporations' own rows are read (a few, where 20,000 would cost a second)."""
    judged = []
    for corporation_id, cases in procedures.items():
        index = next((i for i, case in enumerate(cases) if case.kind is CaseKind.ESTABLISHMENT), None)
        if index is not None:
            facts = facts_of[corporation_id]
            founding = facts[index].case
            assert founding is not None  # corporation_procedure_facts: a 設立's are founding_facts
            judged.append(((corporation_id, cases[index]), corporation_standing(facts), founding))
    found = domain_revocation_candidates(judged, settings, today)
    ids = sorted({candidate.key[0] for candidate in found})
    corporations: dict[int, Corporation] = {}
    with store.read() as session:
        for chunk in range(0, len(ids), CHUNK):
            stmt = select(CorporationRow).where(col(CorporationRow.id).in_(ids[chunk : chunk + CHUNK]))
            corporations |= {row.id: corporation_from_row(row) for row in session.scalars(stmt) if row.id}
    return [
        RevocationCandidate(
            RevocationSubject(corporations[corporation_id], first.id or 0, first.number, first.clerk),
            candidate.missing,
        )
        for candidate in found
        for corporation_id, first in [candidate.key]
    ]


@dataclass(frozen=True)
class Agenda:
    """The dashboard's two lists, from one read of every procedure (and, asked for, the 法人 and
    手続 lists from the same read)."""

    deadlines: list[OpenDeadline]  # ``corporation_pending_deadlines``
    candidates: list[RevocationCandidate[RevocationSubject]]  # ``revocation_candidates``
    corporations: list[CorporationSummary] = dataclasses.field(default_factory=list)  # ``list_corporations``
    procedures: list[ProcedureSummary] = dataclasses.field(default_factory=list)  # ``list_procedures``


def corporation_agenda(
    store: Store,
    settings: Settings,
    today: date,
    *,
    lists: bool = False,
    deadlines_known: Callable[[list[OpenDeadline]], None] | None = None,
) -> Agenda:
    """``corporation_pending_deadlines`` and ``revocation_candidates`` of every corporation at once:
    the window's reload reads every procedure once for both (each is a second or more at 20,000).
    ``lists``: also ``list_corporations`` and ``list_procedures`` (the window's 法人 and 手続 tabs)
    from the same read, in the same transaction (``npo-desk due`` does not pay for them).
    ``deadlines_known`` is handed the deadlines as soon as they are worked out, before the rest: the
    window shows its dashboard while the lists are still being made (gui.loader)."""
    deadlines = pending_deadlines(store, settings, today)
    if deadlines_known is not None:
        deadlines_known(deadlines)
    with store.read() as session:
        procedures = procedures_of(session)
        if lists:
            heads, addresses = _heads_and_addresses(session, col(CorporationRow.deleted_at).is_(None))
    facts = _facts(procedures)
    agenda = Agenda(deadlines, _candidates(store, procedures, facts, settings, today))
    if not lists:
        return agenda
    names = {head.id: head.name for head in heads}
    first = _first_deadlines(deadlines)
    agenda = replace(
        agenda,
        corporations=_summaries(heads, procedures, facts, first, addresses, today, []),
        procedures=procedure_summaries(procedures, names, settings, today, deadlines, facts),
    )
    released(procedures, heads, addresses)  # a part at a time (store.bulk)
    return agenda
