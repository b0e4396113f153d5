"""The 手続 list: every procedure of every corporation, with what the list shows of it, in one pass.

The main window shows procedures of all kinds by stage. Reading whole cases (offices, officers …)
for that would be slow; ``procedures.procedures_of`` reads light ones in a fixed number of queries,
and each procedure's next deadline comes from its corporation's open deadlines
(``domain.corporations.corporation_open_deadlines``), so the list agrees with the dashboard: a 認定's
renewal is not asked of a dissolved corporation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlmodel import col

from npo_desk.domain.agenda import order_key
from npo_desk.domain.corporations import corporation_open_deadlines
from npo_desk.domain.procedures import ProcedureFacts
from npo_desk.domain.settings import Settings
from npo_desk.store.articles import corporation_procedure_facts
from npo_desk.store.database import Store
from npo_desk.store.models import CorporationRow
from npo_desk.store.procedures import procedures_of
from npo_desk.store.queries import OpenDeadline, first_of_each
from npo_desk.store.records import Case, CaseKind


@dataclass(frozen=True)
class ProcedureSummary:
    """One row of the 手続 list: a procedure (a case of any kind), its corporation's name today, its
    facts (``records.procedure_facts``) and its most urgent open deadline (None: nothing open)."""

    id: int
    corporation_id: int
    corporation_name: str
    number: str
    kind: CaseKind
    facts: ProcedureFacts
    next_deadline: OpenDeadline | None
    clerk: str
    version: int


def list_procedures(
    store: Store,
    settings: Settings,
    today: date,
    *,
    corporation_ids: Sequence[int] | None = None,
    pending: Iterable[OpenDeadline] | None = None,
) -> list[ProcedureSummary]:
    """Every procedure not deleted of every corporation not deleted (or of ``corporation_ids``: after a
    save the window reloads that corporation's alone), oldest first. A fixed number of queries.

    ``pending``: the open deadlines ``corporations.corporation_pending_deadlines`` already gave for the
    same day (the window's load reads both); each procedure's next one is then taken from there
    instead of being worked out a second time."""
    chosen: ColumnElement[bool] = (
        col(CorporationRow.deleted_at).is_(None)
        if corporation_ids is None
        else col(CorporationRow.id).in_(list(corporation_ids))
    )
    with store.read() as session:
        procedures = procedures_of(session, corporation_ids)
        heads = session.connection().execute(
            select(col(CorporationRow.id), col(CorporationRow.name)).where(chosen)
        )
        names = {int(corporation_id or 0): str(name) for corporation_id, name in heads}
    return procedure_summaries(procedures, names, settings, today, pending)


def procedure_summaries(
    procedures: Mapping[int, list[Case]],
    names: Mapping[int, str],
    settings: Settings,
    today: date,
    pending: Iterable[OpenDeadline] | None = None,
    facts_of: Mapping[int, list[ProcedureFacts]] | None = None,
) -> list[ProcedureSummary]:
    """``list_procedures``' rows from procedures already read (``procedures.procedures_of``) and the
    corporations' names: ``corporations.corporation_agenda`` builds them from its one read (and
    gives the facts it worked out for its other lists, ``facts_of``)."""
    given = first_of_each(pending, _case_of) if pending is not None else None
    found: list[ProcedureSummary] = []
    for corporation_id, cases in procedures.items():
        facts = facts_of[corporation_id] if facts_of is not None else corporation_procedure_facts(cases)
        first = given
        if first is None:
            first = first_of_each(sorted(_open(cases, facts, settings, today), key=order_key), _case_of)
        for index, case in enumerate(cases):
            assert case.id is not None
            found.append(
                ProcedureSummary(
                    id=case.id,
                    corporation_id=corporation_id,
                    corporation_name=names.get(corporation_id, case.name),
                    number=case.number,
                    kind=case.kind,
                    facts=facts[index],
                    next_deadline=first.get(case.id),
                    clerk=case.clerk,
                    version=case.version,
                )
            )
    return sorted(found, key=lambda summary: summary.id)


def _open(
    cases: list[Case], facts: list[ProcedureFacts], settings: Settings, today: date
) -> list[OpenDeadline]:
    """One corporation's open deadlines, each naming its procedure (as corporation_pending_deadlines)."""
    found: list[OpenDeadline] = []
    for pending in corporation_open_deadlines(facts, settings, today):
        case = cases[pending.index]
        assert case.id is not None
        found.append(
            OpenDeadline(
                case.id,
                case.number,
                case.name,
                case.clerk,
                pending.deadline,
                case.override(pending.deadline.key.value),
                kind=case.kind,
                corporation_id=case.corporation_id,
            )
        )
    return found


def _case_of(line: OpenDeadline) -> int:
    return line.case_id
