"""What an export reads: every case in the store as a light record, streamed in batches.

An export of 50,000 cases needs their names, addresses, dates, activity fields and 事業報告書等, never
their officers, deadline overrides or history; building whole ``Case`` objects through the ORM for it
cost most of a minute and hundreds of MB (issue 11). This reads the needed columns with Core selects
(a server-side cursor on PostgreSQL), one batch of cases at a time, so memory stays flat however
many cases there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select
from sqlmodel import col

from npo_desk.domain.facts import CaseFacts
from npo_desk.store.database import Store
from npo_desk.store.mapping import CHUNK
from npo_desk.store.models import AnnualReportFilingRow, CaseRow, MilestoneRow, OfficeRow
from npo_desk.store.records import AnnualReportFiling, MilestoneKind, case_facts


@dataclass(frozen=True, slots=True)
class ExportCase:
    """A case as the export layouts read it (``Case`` less officers, overrides, contact details and
    bookkeeping). ``addresses`` are the offices' in order: the first is the main office."""

    id: int
    number: str
    name: str
    name_kana: str
    representative: str
    representative_kana: str
    postal_code: str
    purpose: str
    activity_fields: tuple[int, ...]  # numbers in the case's law profile numbering
    fiscal_year_start: tuple[int, int] | None
    law_profile_id: str | None
    notes: str
    annual_reports_tracked_from: date | None
    addresses: tuple[str, ...]
    dates: Mapping[MilestoneKind, date]
    annual_reports: tuple[AnnualReportFiling, ...]  # sorted by fiscal year

    def date_of(self, kind: MilestoneKind) -> date | None:
        """The day of that milestone, None while it has not happened."""
        return self.dates.get(kind)

    @property
    def main_address(self) -> str:
        return self.addresses[0] if self.addresses else ""

    def facts(self) -> CaseFacts:
        """The domain's view, as ``facts_of`` gives it for a whole ``Case``."""
        return case_facts(
            self.dates.items(),
            self.law_profile_id,
            self.fiscal_year_start,
            self.annual_reports,
            self.annual_reports_tracked_from,
        )


_KINDS = {kind.value: kind for kind in MilestoneKind}


def export_rows(store: Store, *, batch: int = CHUNK) -> Generator[ExportCase, None, None]:
    """Every case not in the wastebasket, oldest number first (fiscal year, serial), ``batch`` at a
    time: the caller writes each one before the next batch is read. A caller that may stop early
    closes the iterator (``contextlib.closing``), which ends the read at once."""
    heads = (
        select(
            col(CaseRow.id),
            col(CaseRow.number),
            col(CaseRow.name),
            col(CaseRow.name_kana),
            col(CaseRow.representative),
            col(CaseRow.representative_kana),
            col(CaseRow.postal_code),
            col(CaseRow.purpose),
            col(CaseRow.activity_fields),
            col(CaseRow.fiscal_year_start_month),
            col(CaseRow.fiscal_year_start_day),
            col(CaseRow.law_profile_id),
            col(CaseRow.notes),
            col(CaseRow.annual_reports_tracked_from),
        )
        .where(col(CaseRow.deleted_at).is_(None))
        .order_by(col(CaseRow.fiscal_year), col(CaseRow.serial), col(CaseRow.id))
    )
    with store.read() as session:
        connection = session.connection()
        result = connection.execution_options(yield_per=batch).execute(heads)
        try:
            for rows in result.partitions():
                parts = _parts(connection, [row[0] for row in rows])
                for row in rows:
                    yield _record(row, *parts)
        finally:
            result.close()  # also when the caller stops early: a server-side cursor is released


_Parts = tuple[
    dict[int, list[str]], dict[int, dict[MilestoneKind, date]], dict[int, list[AnnualReportFiling]]
]


def _parts(connection: Connection, ids: list[int | None]) -> _Parts:
    """Addresses (in office order), milestone dates and filings (by fiscal year) of the cases ``ids``."""
    addresses: dict[int, list[str]] = defaultdict(list)
    offices = (
        select(col(OfficeRow.case_id), col(OfficeRow.address))
        .where(col(OfficeRow.case_id).in_(ids))
        .order_by(col(OfficeRow.case_id), col(OfficeRow.position))
    )
    for case_id, address in connection.execute(offices):
        addresses[case_id].append(address)
    dates: dict[int, dict[MilestoneKind, date]] = defaultdict(dict)
    milestones = select(col(MilestoneRow.case_id), col(MilestoneRow.kind), col(MilestoneRow.on)).where(
        col(MilestoneRow.case_id).in_(ids)
    )
    for case_id, kind, on in connection.execute(milestones):
        dates[case_id][_KINDS[kind]] = on
    filings: dict[int, list[AnnualReportFiling]] = defaultdict(list)
    filed = AnnualReportFilingRow
    received = (
        select(col(filed.case_id), col(filed.fiscal_year_start), col(filed.filed_on), col(filed.note))
        .where(col(filed.case_id).in_(ids))
        .order_by(col(filed.case_id), col(filed.fiscal_year_start))
    )
    for case_id, start, filed_on, note in connection.execute(received):
        filings[case_id].append(AnnualReportFiling(start, filed_on, note))
    return addresses, dates, filings


def _record(
    row: Any,
    addresses: dict[int, list[str]],
    dates: dict[int, dict[MilestoneKind, date]],
    filings: dict[int, list[AnnualReportFiling]],
) -> ExportCase:
    case_id, number, name, kana, rep, rep_kana, postal, purpose, fields, month, day, *rest = row
    profile, notes, tracked = rest
    return ExportCase(
        id=case_id,
        number=number,
        name=name,
        name_kana=kana,
        representative=rep,
        representative_kana=rep_kana,
        postal_code=postal,
        purpose=purpose,
        activity_fields=tuple(fields or ()),
        fiscal_year_start=(month, day) if month is not None and day is not None else None,
        law_profile_id=profile,
        notes=notes,
        annual_reports_tracked_from=tracked,
        addresses=tuple(addresses.get(case_id, ())),
        dates=dates.get(case_id, {}),
        annual_reports=tuple(filings.get(case_id, ())),
    )
