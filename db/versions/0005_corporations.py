"""Corporations (法人) above their procedures: every case becomes a procedure of one corporation.

``corporations`` is new; ``cases`` gains ``corporation_id`` (NOT NULL) and the clerk's choices of the
procedures after 設立 (``registered_change``, ``authority_change``, ``dissolution_ground``,
``merger_role``, ``articles_topics``); ``history`` gains ``corporation_id`` for changes of a
corporation's own fields. Every existing case gets its own corporation, with the case's id, name,
kana, representative, timestamps and deletion (a deleted 設立 application's group is deleted with it).

SQLite rebuilds ``cases`` to make the new column NOT NULL with its foreign key, which drops the search
index's triggers of revision 0004: they are created again here, as 0004 wrote them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Revision 0004's triggers, as it wrote them (a revision is a snapshot: no import from another one).
_ROW = "{0}.search_text || char(10)"
_TRIGGERS = (
    "CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN "
    f"INSERT INTO cases_search(rowid, search_text) VALUES (new.id, {_ROW.format('new')}); END",
    "CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN "
    "INSERT INTO cases_search(cases_search, rowid, search_text) "
    f"VALUES ('delete', old.id, {_ROW.format('old')}); END",
    "CREATE TRIGGER cases_search_update AFTER UPDATE OF id, search_text ON cases BEGIN "
    "INSERT INTO cases_search(cases_search, rowid, search_text) "
    f"VALUES ('delete', old.id, {_ROW.format('old')}); "
    f"INSERT INTO cases_search(rowid, search_text) VALUES (new.id, {_ROW.format('new')}); END",
)


def _restore_search_triggers() -> None:
    """After SQLite rebuilt ``cases``: the rows kept their ids, so the index is right; only its
    triggers went with the old table. Nothing to do where 0004 found no FTS5."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'cases_search'").first() is None:
        return
    for name in ("cases_search_insert", "cases_search_delete", "cases_search_update"):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for statement in _TRIGGERS:
        bind.exec_driver_sql(statement)


def upgrade() -> None:
    op.create_table(
        "corporations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_kana", sa.String(length=200), nullable=False),
        sa.Column("representative", sa.String(length=100), nullable=False),
        sa.Column("corporate_number", sa.String(length=13), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corporations")),
        sa.UniqueConstraint("corporate_number", name="uq_corporations_corporate_number"),
    )
    # Plain added columns first (no table rebuild on SQLite); defaults for the rows already there.
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("corporation_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("registered_change", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("authority_change", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("dissolution_ground", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("merger_role", sa.String(length=10), nullable=True))
        batch.add_column(
            sa.Column("articles_topics", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    # One corporation per case, with the case's id: a plain INSERT … SELECT on either backend.
    op.execute(
        "INSERT INTO corporations (id, name, name_kana, representative, corporate_number, notes,"
        " created_at, updated_at, deleted_at, version)"
        " SELECT id, name, name_kana, representative, NULL, '', created_at, updated_at, deleted_at, 1"
        " FROM cases"
    )
    op.execute("UPDATE cases SET corporation_id = id")
    if op.get_bind().dialect.name == "postgresql":  # explicit ids: move the sequence past them
        op.execute(
            "SELECT setval(pg_get_serial_sequence('corporations', 'id'),"
            " coalesce((SELECT max(id) FROM corporations), 0) + 1, false)"
        )
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("corporation_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("registered_change", existing_type=sa.Boolean(), server_default=None)
        batch.alter_column("articles_topics", existing_type=sa.JSON(), server_default=None)
        batch.create_foreign_key(
            op.f("fk_cases_corporation_id_corporations"), "corporations", ["corporation_id"], ["id"]
        )
        batch.create_index(op.f("ix_cases_corporation_id"), ["corporation_id"], unique=False)
    _restore_search_triggers()
    with op.batch_alter_table("history") as batch:
        batch.add_column(sa.Column("corporation_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_history_corporation_id_corporations"),
            "corporations",
            ["corporation_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(op.f("ix_history_corporation_id"), ["corporation_id"], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM history WHERE corporation_id IS NOT NULL")
    with op.batch_alter_table("history") as batch:
        batch.drop_index(op.f("ix_history_corporation_id"))
        batch.drop_constraint(op.f("fk_history_corporation_id_corporations"), type_="foreignkey")
        batch.drop_column("corporation_id")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index(op.f("ix_cases_corporation_id"))
        batch.drop_constraint(op.f("fk_cases_corporation_id_corporations"), type_="foreignkey")
        for name in (
            "articles_topics",
            "merger_role",
            "dissolution_ground",
            "authority_change",
            "registered_change",
            "corporation_id",
        ):
            batch.drop_column(name)
    _restore_search_triggers()
    op.drop_table("corporations")
