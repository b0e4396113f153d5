"""Rows to plain records and back. Only the store's services use this module."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Dialect, delete, func, insert, select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.documents import AttachmentRecord, AttachmentStatus
from npo_desk.domain.procedures import AuthorityChange, DissolutionGround, MergerRole
from npo_desk.store.articles import fiscal_year_changes
from npo_desk.store.models import (
    AnnualReportFilingRow,
    CaseDocumentRow,
    CaseRow,
    CorporationRow,
    DeadlineOverrideRow,
    MilestoneRow,
    OfficeRow,
    OfficerRow,
)
from npo_desk.store.records import (
    AnnualReportFiling,
    Case,
    CaseKind,
    Corporation,
    DeadlineOverride,
    Milestone,
    MilestoneKind,
    Office,
    OfficeKind,
    Officer,
)

# A stored kind by its value, without an enum lookup per row (the bulk reads).
CASE_KINDS: dict[str, CaseKind] = {kind.value: kind for kind in CaseKind}
MILESTONE_KINDS: dict[str, MilestoneKind] = {kind.value: kind for kind in MilestoneKind}


def override_from_row(row: Any) -> DeadlineOverride:
    """A manual date from its ``deadline_overrides`` row (an ORM object or a Core row alike)."""
    return DeadlineOverride(row.key, row.on, row.reason, row.set_by, aware(row.set_at))


# Scalar Case attributes stored 1:1 in a CaseRow column.
SCALAR_FIELDS = (
    "number",
    "kind",
    "name",
    "name_kana",
    "representative",
    "representative_kana",
    "phone",
    "email",
    "postal_code",
    "purpose",
    "member_count",
    "law_profile_id",
    "law_profile_reason",
    "notes",
    "clerk",
    "annual_reports_tracked_from",
    "corporation_id",
    "registered_change",
)
# The clerk's choices stored as their enumeration's value (NULL for None).
CHOICE_FIELDS = ("authority_change", "dissolution_ground", "merger_role")

_KATAKANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without a zone; they were written in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def normalize_search(text: str) -> str:
    """Width, case and kana insensitive, spaces ignored: 「ﾆﾁﾅﾝ」, 「にちなん」 and 「ニチナン」 all match."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_KATAKANA)
    return "".join(folded.split())


def search_text_of(case: Case) -> str:
    parts: Iterable[str] = (
        case.number,
        case.name,
        case.name_kana,
        case.representative,
        case.representative_kana,
        *(office.address for office in case.offices),
    )
    return "\n".join(normalize_search(part) for part in parts if part)


def case_from_rows(
    row: CaseRow,
    offices: Iterable[OfficeRow],
    officers: Iterable[OfficerRow],
    milestones: Iterable[MilestoneRow],
    overrides: Iterable[DeadlineOverrideRow],
    filings: Iterable[AnnualReportFilingRow],
    documents: Iterable[CaseDocumentRow] = (),
) -> Case:
    fy_start = None
    if row.fiscal_year_start_month is not None and row.fiscal_year_start_day is not None:
        fy_start = (row.fiscal_year_start_month, row.fiscal_year_start_day)
    assert row.id is not None
    return Case(
        id=row.id,
        number=row.number,
        kind=CaseKind(row.kind),
        name=row.name,
        name_kana=row.name_kana,
        representative=row.representative,
        representative_kana=row.representative_kana,
        phone=row.phone,
        email=row.email,
        postal_code=row.postal_code,
        purpose=row.purpose,
        activity_fields=tuple(row.activity_fields or ()),
        fiscal_year_start=fy_start,
        member_count=row.member_count,
        law_profile_id=row.law_profile_id,
        law_profile_reason=row.law_profile_reason,
        notes=row.notes,
        clerk=row.clerk,
        offices=tuple(
            Office(o.address, OfficeKind(o.kind), o.municipality_code, o.prefecture)
            for o in sorted(offices, key=lambda o: o.position)
        ),
        officers=tuple(
            Officer(o.name, o.role, o.kana, o.paid, o.relative_group, o.is_staff)
            for o in sorted(officers, key=lambda o: o.position)
        ),
        milestones=sort_milestones(Milestone(MilestoneKind(m.kind), m.on, m.note) for m in milestones),
        deadline_overrides=tuple(override_from_row(o) for o in sorted(overrides, key=lambda o: o.key)),
        annual_reports=sort_filings(
            AnnualReportFiling(f.fiscal_year_start, f.filed_on, f.note) for f in filings
        ),
        annual_reports_tracked_from=row.annual_reports_tracked_from,
        documents=sort_documents(
            AttachmentRecord(d.key, AttachmentStatus(d.status), d.on, d.note) for d in documents
        ),
        corporation_id=row.corporation_id,
        registered_change=bool(row.registered_change),
        authority_change=AuthorityChange(row.authority_change) if row.authority_change else None,
        dissolution_ground=DissolutionGround(row.dissolution_ground) if row.dissolution_ground else None,
        merger_role=MergerRole(row.merger_role) if row.merger_role else None,
        articles_topics=tuple(ArticlesTopic(t) for t in row.articles_topics or ()),
        version=row.version,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        deleted_at=aware(row.deleted_at),
    )


_KIND_ORDER = {kind: index for index, kind in enumerate(MilestoneKind)}


def sort_milestones(milestones: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return tuple(sorted(milestones, key=lambda m: (m.on, _KIND_ORDER[m.kind])))


def sort_filings(filings: Iterable[AnnualReportFiling]) -> tuple[AnnualReportFiling, ...]:
    return tuple(sorted(filings, key=lambda f: f.fiscal_year_start))


def sort_documents(records: Iterable[AttachmentRecord]) -> tuple[AttachmentRecord, ...]:
    return tuple(sorted(records, key=lambda r: r.key))


_CHILDREN: tuple[Any, ...] = (
    OfficeRow,
    OfficerRow,
    MilestoneRow,
    DeadlineOverrideRow,
    AnnualReportFilingRow,
    CaseDocumentRow,
)


def load_cases(session: Session, case_ids: Sequence[int]) -> dict[int, Case]:
    """Whole cases by id in one query per table (for exports and reports over many cases)."""
    found: dict[int, Case] = {}
    for first in range(0, len(case_ids), CHUNK):
        chunk = list(case_ids[first : first + CHUNK])
        children: dict[type, dict[int, list[Any]]] = {model: defaultdict(list) for model in _CHILDREN}
        for model in _CHILDREN:
            for child in session.scalars(select(model).where(model.case_id.in_(chunk))):
                children[model][child.case_id].append(child)
        for row in session.scalars(select(CaseRow).where(col(CaseRow.id).in_(chunk))):
            assert row.id is not None
            found[row.id] = case_from_rows(row, *(children[model][row.id] for model in _CHILDREN))
    return _following_fiscal_years(session, found)


CHUNK = 500  # ids per IN (...) list: well below every backend's parameter limit


def load_case(session: Session, row: CaseRow) -> Case:
    case_id = row.id

    def children(model: type) -> list:  # type: ignore[type-arg]
        return list(session.scalars(select(model).where(model.case_id == case_id)))  # type: ignore[attr-defined]

    case = case_from_rows(row, *(children(model) for model in _CHILDREN))
    return _following_fiscal_years(session, {case_id or 0: case})[case_id or 0]


# The procedures that may change the 事業年度 (11条1項10号): a 定款変更, certified or notified.
_FISCAL_YEAR_KINDS = (CaseKind.ARTICLES_AMENDMENT.value, CaseKind.ARTICLES_AMENDMENT_NOTICE.value)


def _following_fiscal_years(session: Session, found: dict[int, Case]) -> dict[int, Case]:
    """``found`` with each 設立 case's ``fiscal_year_changes``: its corporation's 定款変更 of 事業年度 in
    effect, so the case's 事業報告書等 follow the fiscal years in force wherever it is read (the editor,
    letters, reports) as on the dashboard (docs/legal-reference.md §4.7). One query per chunk."""
    founding = {
        case.corporation_id: case_id
        for case_id, case in found.items()
        if case.kind is CaseKind.ESTABLISHMENT and case.corporation_id is not None
    }
    corporations = list(founding)
    amendments: dict[int, list[Case]] = defaultdict(list)
    for first in range(0, len(corporations), CHUNK):
        ids = list(
            session.scalars(
                select(col(CaseRow.id)).where(
                    col(CaseRow.corporation_id).in_(corporations[first : first + CHUNK]),
                    col(CaseRow.kind).in_(_FISCAL_YEAR_KINDS),
                    col(CaseRow.deleted_at).is_(None),
                )
            )
        )
        for amendment in load_cases(session, [i for i in ids if i is not None]).values():
            if amendment.corporation_id is not None:
                amendments[amendment.corporation_id].append(amendment)
    for corporation_id, procedures in amendments.items():
        changes = fiscal_year_changes(procedures)
        if changes:
            case_id = founding[corporation_id]
            found[case_id] = replace(found[case_id], fiscal_year_changes=changes)
    return found


def scalar_values(case: Case) -> dict[str, Any]:
    """The case's own columns (everything but numbering, timestamps and version)."""
    values = {name: getattr(case, name) for name in SCALAR_FIELDS}
    values["kind"] = case.kind.value
    values["activity_fields"] = list(case.activity_fields)
    values["fiscal_year_start_month"], values["fiscal_year_start_day"] = case.fiscal_year_start or (
        None,
        None,
    )
    for name in CHOICE_FIELDS:
        choice = getattr(case, name)
        values[name] = choice.value if choice is not None else None
    values["articles_topics"] = [topic.value for topic in case.articles_topics]
    values["search_text"] = search_text_of(case)
    return values


def corporation_values(source: Case | Corporation) -> dict[str, Any]:
    """A corporation's own columns (but timestamps): of a ``Corporation``, or the ones a new 設立
    application gives the corporation it makes (its name, kana and representative)."""
    values: dict[str, Any] = {
        "name": source.name,
        "name_kana": source.name_kana,
        "representative": source.representative,
    }
    if isinstance(source, Corporation):
        values |= {"corporate_number": source.corporate_number, "notes": source.notes}
    else:
        values |= {"corporate_number": None, "notes": "", "deleted_at": None, "version": 1}
    return values


def corporation_from_row(row: CorporationRow) -> Corporation:
    assert row.id is not None
    return Corporation(
        id=row.id,
        name=row.name,
        name_kana=row.name_kana,
        representative=row.representative,
        corporate_number=row.corporate_number,
        notes=row.notes,
        version=row.version,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        deleted_at=aware(row.deleted_at),
    )


def reserve_corporation_ids(session: Session, count: int) -> list[int]:
    """``count`` new corporation ids, for rows inserted with one executemany: PostgreSQL draws them
    from the table's sequence; SQLite continues after the highest (its write lock, taken at BEGIN
    IMMEDIATE, keeps any other writer out until the commit)."""
    if count <= 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        stmt = text(
            "SELECT nextval(pg_get_serial_sequence('corporations', 'id')) FROM generate_series(1, :count)"
        )
        return [int(value) for value in connection.execute(stmt, {"count": count}).scalars()]
    highest = connection.execute(select(func.max(col(CorporationRow.id)))).scalar() or 0
    return list(range(highest + 1, highest + 1 + count))


def write_scalars(row: CaseRow, case: Case) -> None:
    for name, value in scalar_values(case).items():
        setattr(row, name, value)


class PendingRows:
    """Child and history rows gathered over one or many cases, then written with one executemany per
    table: an imported ledger of thousands of cases costs a handful of statements, not thousands.

    Values are turned into what the database driver takes (SQLAlchemy's own type processing: dates
    and timestamps as text on SQLite, JSON) when they are added, and the rows go to the driver as
    they are: the caller can ``convert`` rows before its write transaction, which then only sends
    them (SQLAlchemy's per-row work cost seconds of write lock for a 20,000-row import).
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.rows: dict[tuple[Any, tuple[str, ...]], list[tuple[Any, ...]]] = defaultdict(list)
        # (table, its columns in a row's order) -> (position, bind processor) of each column the
        # driver does not take as it is (dates, timestamps, JSON on SQLite): a few of them
        self._processors: dict[tuple[Any, tuple[str, ...]], tuple[tuple[int, Any], ...]] = {}

    def convert(self, model: Any, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` with the driver's values."""
        names, values = self.convert_values(model, row)
        return dict(zip(names, values, strict=True))

    def convert_values(self, model: Any, row: dict[str, Any]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """(columns, the driver's values) of ``row``: ``convert`` without a dictionary made."""
        names = tuple(row)
        processors = self._processors.get((model, names))
        if processors is None:  # once per table and set of columns: rows of a bulk write look alike
            found = ((i, self._processor(model, name)) for i, name in enumerate(names))
            processors = tuple((i, process) for i, process in found if process is not None)
            self._processors[(model, names)] = processors
        values = list(row.values())
        for i, process in processors:
            if values[i] is not None:
                values[i] = process(values[i])
        return names, tuple(values)

    def _processor(self, model: Any, name: str) -> Any:
        column_type = model.__table__.c[name].type.dialect_impl(self.dialect)
        return column_type.bind_processor(self.dialect)

    def add(self, model: Any, row: dict[str, Any]) -> None:
        self.add_values(model, *self.convert_values(model, row))

    def add_values(self, model: Any, columns: tuple[str, ...], values: tuple[Any, ...]) -> None:
        """One row of converted ``values`` for ``columns`` (the cheapest way in: no dictionary)."""
        self.rows[(model, columns)].append(values)

    def write(self, session: Session) -> None:
        """Send the rows gathered so far (and forget them, also when the transaction fails)."""
        connection = session.connection()
        try:
            for (model, columns), rows in self.rows.items():
                compiled = insert(model).compile(dialect=self.dialect, column_keys=list(columns))
                if not self.dialect.positional:  # PostgreSQL: %(name)s placeholders
                    connection.exec_driver_sql(
                        str(compiled), [dict(zip(columns, row, strict=True)) for row in rows]
                    )
                    continue
                order = list(compiled.positiontup or [])  # SQLite: ? placeholders, in the table's order
                if order != list(columns):
                    values = itemgetter(*(columns.index(name) for name in order))
                    rows = [values(row) for row in rows]
                connection.exec_driver_sql(str(compiled), rows)
        finally:
            self.rows.clear()


def replace_children(
    session: Session,
    case_id: int,
    old: Case | None,
    new: Case,
    at: datetime,
    who: str,
    pending: PendingRows | None = None,
) -> None:
    """Rewrite the child rows whose collection changed (few rows per case: delete, then insert).

    With ``pending`` the inserts are only gathered (the caller writes them); otherwise written now.
    """
    own = pending if pending is not None else PendingRows(session.get_bind().dialect)
    for model, rows in _changed_children(old, new, at, who):
        if old is not None:
            session.execute(delete(model).where(model.case_id == case_id))
        for row in rows:
            own.add(model, {"case_id": case_id, **row})
    if pending is None:
        own.write(session)


def new_children(case: Case, at: datetime, who: str) -> list[tuple[Any, dict[str, Any]]]:
    """(table, row without ``case_id``) of every child row of a new case: built before a write
    transaction, which then only adds the id."""
    return [(model, row) for model, rows in _changed_children(None, case, at, who) for row in rows]


def _changed_children(
    old: Case | None, new: Case, at: datetime, who: str
) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    if old is None or old.offices != new.offices:
        yield (
            OfficeRow,
            [
                {
                    "position": i,
                    "kind": o.kind.value,
                    "address": o.address,
                    "municipality_code": o.municipality_code,
                    "prefecture": o.prefecture,
                }
                for i, o in enumerate(new.offices)
            ],
        )
    if old is None or old.officers != new.officers:
        yield (
            OfficerRow,
            [
                {
                    "position": i,
                    "name": o.name,
                    "kana": o.kana,
                    "role": str(o.role),
                    "paid": o.paid,
                    "relative_group": o.relative_group or None,
                    "is_staff": o.is_staff,
                }
                for i, o in enumerate(new.officers)
            ],
        )
    if old is None or old.milestones != new.milestones:
        yield MilestoneRow, [{"kind": m.kind.value, "on": m.on, "note": m.note} for m in new.milestones]
    if old is None or old.deadline_overrides != new.deadline_overrides:
        # An override keeps who set it and when, until its date or reason changes.
        previous = {(o.key, o.on, o.reason): o for o in old.deadline_overrides} if old else {}
        rows = []
        for o in new.deadline_overrides:
            kept = previous.get((o.key, o.on, o.reason))
            rows.append(
                {
                    "key": o.key,
                    "on": o.on,
                    "reason": o.reason,
                    "set_by": kept.set_by if kept else who,
                    "set_at": kept.set_at if kept and kept.set_at else at,
                }
            )
        yield DeadlineOverrideRow, rows
    if old is None or old.annual_reports != new.annual_reports:
        yield (
            AnnualReportFilingRow,
            [
                {"fiscal_year_start": f.fiscal_year_start, "filed_on": f.filed_on, "note": f.note}
                for f in new.annual_reports
            ],
        )
    if old is None or old.documents != new.documents:
        yield (
            CaseDocumentRow,
            [{"key": d.key, "status": d.status.value, "on": d.on, "note": d.note} for d in new.documents],
        )
