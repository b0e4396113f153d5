"""事業報告書等 of established NPOs: the received reports, and from when they are tracked.

``annual_report_filings`` holds one row per received report, keyed by the first day of the fiscal
year it covers; ``cases.annual_reports_tracked_from`` spares an imported NPO decades of phantom
overdue reports (NULL: tracked from 設立, which existing cases keep).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 11:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "annual_report_filings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("fiscal_year_start", sa.Date(), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_annual_report_filings_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_report_filings")),
        sa.UniqueConstraint("case_id", "fiscal_year_start", name="uq_annual_report_filings_case_id"),
    )
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("annual_reports_tracked_from", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("annual_reports_tracked_from")
    op.drop_table("annual_report_filings")
