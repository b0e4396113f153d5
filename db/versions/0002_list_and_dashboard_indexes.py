"""Indexes for the case list, search and the dashboard at national scale (50,000 cases).

``ix_cases_listing`` serves the list (newest fiscal year and number first) and the next case number;
``ix_milestones_kind_case`` lets the dashboard find the cases without a closing milestone;
``ix_history_case_at`` shows a case's history in order. Kept apart from 0001 (they came with the
50,000-case benchmark), which also exercises the upgrade path of a filled database from the start.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 11:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_cases_listing", "cases", ["fiscal_year", "serial"])
    op.create_index("ix_milestones_kind_case", "milestones", ["kind", "case_id"])
    op.create_index("ix_history_case_at", "history", ["case_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_history_case_at", table_name="history")
    op.drop_index("ix_milestones_kind_case", table_name="milestones")
    op.drop_index("ix_cases_listing", table_name="cases")
