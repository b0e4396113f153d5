"""Case store: SQLModel tables, sessions, queries, audit history, Alembic upgrades."""
