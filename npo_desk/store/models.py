"""The tables. Only the store imports these; the GUI and the CLI see the plain objects of ``records``.

The schema comes from Alembic revisions in ``db/`` alone; ``tests/store/test_migrations.py`` checks
that these classes and the revisions agree. Enumerations are stored as short strings (not native
enums) so a new value never needs a type migration on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, DateTime, Index, Integer, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

# Stable constraint names: Alembic can then drop or alter them on every backend.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

# The optimistic-locking counter. SQLAlchemy adds ``AND version = :old`` to every UPDATE of a case and
# raises StaleDataError when no row matched, i.e. when someone else saved in between.
_case_version = Column("version", Integer, nullable=False)
_corporation_version = Column("version", Integer, nullable=False)


class CorporationRow(SQLModel, table=True):
    """A 法人 (or a group applying to become one): the unit above its procedures, the ``cases``."""

    __tablename__ = "corporations"
    # NULLs never collide in a unique constraint (SQLite and PostgreSQL alike): many without a 法人番号.
    __table_args__ = (UniqueConstraint("corporate_number", name="uq_corporations_corporate_number"),)
    __mapper_args__ = {"version_id_col": _corporation_version}

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    name_kana: str = Field(default="", max_length=200)
    representative: str = Field(default="", max_length=100)
    corporate_number: str | None = Field(default=None, max_length=13)  # 法人番号, 13 ASCII digits
    notes: str = Field(default="")
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    updated_at: datetime = Field(sa_type=DateTime(timezone=True))
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    version: int = Field(default=1, sa_column=_corporation_version)


class CaseRow(SQLModel, table=True):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("number", name="uq_cases_number"),
        Index("ix_cases_listing", "fiscal_year", "serial"),
    )
    __mapper_args__ = {"version_id_col": _case_version}

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20)  # 「R8-003」
    fiscal_year: int  # 西暦 of the fiscal year the number belongs to (April start)
    serial: int  # the 003 of R8-003
    kind: str = Field(max_length=30)  # CaseKind
    corporation_id: int = Field(foreign_key="corporations.id", index=True)
    name: str = Field(max_length=200)
    name_kana: str = Field(default="", max_length=200)
    representative: str = Field(default="", max_length=100)
    representative_kana: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)
    postal_code: str = Field(default="", max_length=10)
    purpose: str = Field(default="")
    activity_fields: list[int] = Field(default_factory=list, sa_type=JSON)
    fiscal_year_start_month: int | None = None
    fiscal_year_start_day: int | None = None
    member_count: int | None = None
    law_profile_id: str | None = Field(default=None, max_length=20)
    law_profile_reason: str = Field(default="")
    notes: str = Field(default="")
    clerk: str = Field(default="", max_length=100)
    # 事業報告書等 covering fiscal years that start before this are not tracked (None: from 設立)
    annual_reports_tracked_from: date | None = None
    # The clerk's choices of the procedures after 設立 (domain.procedures.ProcedureFacts).
    registered_change: bool = False  # 定款変更: a 登記事項 changes
    authority_change: str | None = Field(default=None, max_length=10)  # AuthorityChange
    dissolution_ground: str | None = Field(default=None, max_length=20)  # DissolutionGround
    merger_role: str | None = Field(default=None, max_length=10)  # MergerRole
    articles_topics: list[str] = Field(default_factory=list, sa_type=JSON)  # ArticlesTopic values
    # Normalised name, kana, representative, number and addresses: one column to scan for search.
    search_text: str = Field(default="")
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    updated_at: datetime = Field(sa_type=DateTime(timezone=True))
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    version: int = Field(default=1, sa_column=_case_version)


class OfficeRow(SQLModel, table=True):
    __tablename__ = "offices"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    position: int  # 0 is the main office (主たる事務所)
    kind: str = Field(max_length=10)  # OfficeKind
    address: str = Field(max_length=300)  # as typed
    municipality_code: str | None = Field(default=None, max_length=6)
    prefecture: str | None = Field(default=None, max_length=10)


class OfficerRow(SQLModel, table=True):
    __tablename__ = "officers"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    position: int
    name: str = Field(max_length=100)
    kana: str = Field(default="", max_length=100)
    role: str = Field(max_length=10)  # domain Role value
    paid: bool = False
    relative_group: str | None = Field(default=None, max_length=20)
    is_staff: bool = False


class MilestoneRow(SQLModel, table=True):
    __tablename__ = "milestones"
    __table_args__ = (
        UniqueConstraint("case_id", "kind", name="uq_milestones_case_id"),
        # The dashboard looks for cases *without* a closing milestone: kind first.
        Index("ix_milestones_kind_case", "kind", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    kind: str = Field(max_length=40)  # MilestoneKind
    on: date
    note: str = Field(default="")


class DeadlineOverrideRow(SQLModel, table=True):
    __tablename__ = "deadline_overrides"
    __table_args__ = (UniqueConstraint("case_id", "key", name="uq_deadline_overrides_case_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    key: str = Field(max_length=40)  # domain DeadlineKey value
    on: date
    reason: str
    set_by: str = Field(max_length=100)
    set_at: datetime = Field(sa_type=DateTime(timezone=True))


class AnnualReportFilingRow(SQLModel, table=True):
    """A received 事業報告書等 (29条), keyed by the first day of the fiscal year it covers."""

    __tablename__ = "annual_report_filings"
    __table_args__ = (
        UniqueConstraint("case_id", "fiscal_year_start", name="uq_annual_report_filings_case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    fiscal_year_start: date
    filed_on: date
    note: str = Field(default="")


class CaseDocumentRow(SQLModel, table=True):
    """What the clerk recorded for one attached document of an application (domain.documents):
    received, missing or corrected, with its day. A document with no row is missing."""

    __tablename__ = "case_documents"
    __table_args__ = (UniqueConstraint("case_id", "key", name="uq_case_documents_case_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    key: str = Field(max_length=40)  # documents.Attachment.key
    status: str = Field(max_length=20)  # documents.AttachmentStatus
    on: date | None = None  # received or corrected on
    note: str = Field(default="")


class DeadlineSetRow(SQLModel, table=True):
    """The open deadlines kept for one corporation (``store.deadline_cache``): worked out from its
    procedures as ``stamp`` found them, under the rules and settings named by ``basis``, on the day
    ``since``, and holding through ``through`` (ISO dates; NULL: until the facts change). A mismatch on
    any, or a day outside the two, means work it out again."""

    __tablename__ = "deadline_sets"

    corporation_id: int = Field(primary_key=True, foreign_key="corporations.id", ondelete="CASCADE")
    stamp: str = Field(max_length=80)
    basis: str = Field(max_length=64)
    since: str = Field(max_length=10)
    through: str | None = Field(default=None, max_length=10)


class DeadlineLineRow(SQLModel, table=True):
    """One kept open deadline: the domain's ``Deadline`` and its procedure's stage. The case's
    number, name, clerk and manual date are read from their own tables."""

    __tablename__ = "deadline_lines"

    id: int | None = Field(default=None, primary_key=True)
    corporation_id: int = Field(foreign_key="corporations.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    key: str = Field(max_length=40)  # domain DeadlineKey value
    # The rest of the domain's ``Deadline`` as one JSON array (label, date, unrolled, basis,
    # closed_reason, note, last_open_day): thousands of lines share a few hundred, read once each.
    deadline: str
    stage: str = Field(default="")


class HistoryRow(SQLModel, table=True):
    """One changed field: of a case, of a corporation's own fields (``corporation_id``), or of the
    installation settings (both None)."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_case_at", "case_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id", ondelete="CASCADE")
    corporation_id: int | None = Field(
        default=None, foreign_key="corporations.id", ondelete="CASCADE", index=True
    )
    at: datetime = Field(sa_type=DateTime(timezone=True))
    who: str = Field(max_length=100)
    field: str = Field(max_length=80)
    old: str | None = None
    new: str | None = None


class SettingRow(SQLModel, table=True):
    __tablename__ = "settings"

    key: str = Field(primary_key=True, max_length=60)
    value: object = Field(sa_type=JSON)
