"""Case store: SQLModel tables, sessions, queries, audit history, Alembic upgrades.

The GUI and the CLI use only the names below. Each call runs its own short transaction and returns
plain frozen objects (``records``), never live ORM rows, so no session outlives an operation.
"""

from npo_desk.store.backup import backup_database
from npo_desk.store.cases import (
    case_by_number,
    case_history,
    create_case,
    create_cases,
    delete_case,
    get_case,
    get_cases,
    save_case,
    undelete_case,
)
from npo_desk.store.database import Store, open_store
from npo_desk.store.demo import seed_demo
from npo_desk.store.errors import (
    CaseNotFound,
    ConcurrentEditError,
    DatabaseUnusable,
    DuplicateCaseNumber,
    StoreBusy,
    StoreError,
)
from npo_desk.store.export_rows import ExportCase, export_rows
from npo_desk.store.history import label_of
from npo_desk.store.identity import duplicate_key, stored_case_keys
from npo_desk.store.mapping import normalize_search
from npo_desk.store.numbering import fiscal_year_of, format_case_number
from npo_desk.store.queries import (
    CaseQuery,
    OpenDeadline,
    case_pending_deadlines,
    fiscal_years,
    list_cases,
    pending_deadlines,
)
from npo_desk.store.records import (
    CASE_KIND_LABELS,
    CLOSING_MILESTONES,
    MILESTONE_LABELS,
    AnnualReportFiling,
    Case,
    CaseKind,
    CaseSummary,
    DeadlineOverride,
    HistoryEntry,
    Milestone,
    MilestoneKind,
    Office,
    OfficeKind,
    Officer,
    due_of,
    facts_of,
    officer_facts,
    with_facts,
)
from npo_desk.store.settings_store import load_settings, save_settings, settings_history
from npo_desk.store.validation import check_offices, text_problem

__all__ = [
    "CASE_KIND_LABELS",
    "CLOSING_MILESTONES",
    "MILESTONE_LABELS",
    "AnnualReportFiling",
    "Case",
    "CaseKind",
    "CaseNotFound",
    "CaseQuery",
    "CaseSummary",
    "ConcurrentEditError",
    "DatabaseUnusable",
    "DeadlineOverride",
    "DuplicateCaseNumber",
    "ExportCase",
    "HistoryEntry",
    "Milestone",
    "MilestoneKind",
    "Office",
    "OfficeKind",
    "Officer",
    "OpenDeadline",
    "Store",
    "StoreBusy",
    "StoreError",
    "backup_database",
    "case_by_number",
    "case_history",
    "case_pending_deadlines",
    "check_offices",
    "create_case",
    "create_cases",
    "delete_case",
    "due_of",
    "duplicate_key",
    "export_rows",
    "facts_of",
    "fiscal_year_of",
    "fiscal_years",
    "format_case_number",
    "get_case",
    "get_cases",
    "label_of",
    "list_cases",
    "load_settings",
    "normalize_search",
    "officer_facts",
    "open_store",
    "pending_deadlines",
    "save_case",
    "save_settings",
    "seed_demo",
    "settings_history",
    "stored_case_keys",
    "text_problem",
    "undelete_case",
    "with_facts",
]
