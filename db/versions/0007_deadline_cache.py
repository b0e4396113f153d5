"""Open deadlines kept per corporation (store.deadline_cache), so the dashboard need not work out
every corporation's deadlines on every read.

``deadline_sets`` says from what and until when a corporation's kept deadlines hold; ``deadline_lines``
holds them. Both start empty: the first read works every corporation out and keeps the result.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 17:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deadline_sets",
        sa.Column("corporation_id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.String(length=80), nullable=False),
        sa.Column("basis", sa.String(length=64), nullable=False),
        sa.Column("since", sa.String(length=10), nullable=False),
        sa.Column("through", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["corporation_id"],
            ["corporations.id"],
            name=op.f("fk_deadline_sets_corporation_id_corporations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("corporation_id", name=op.f("pk_deadline_sets")),
    )
    op.create_table(
        "deadline_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("corporation_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("deadline", sa.String(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_deadline_lines_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["corporation_id"],
            ["corporations.id"],
            name=op.f("fk_deadline_lines_corporation_id_corporations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_lines")),
    )
    op.create_index(op.f("ix_deadline_lines_corporation_id"), "deadline_lines", ["corporation_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_deadline_lines_corporation_id"), table_name="deadline_lines")
    op.drop_table("deadline_lines")
    op.drop_table("deadline_sets")
