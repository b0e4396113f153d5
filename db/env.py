"""Alembic environment for npo-desk.

The app calls Alembic in code (``npo_desk.store.database``) and hands over an open connection in
``config.attributes["connection"]``. Developers may also run ``alembic`` from the repository root
(alembic.ini there); the database is then ``NPO_DESK_DB`` or the default file, as for the app.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from npo_desk.store.database import make_engine, resolve_url
from npo_desk.store.models import metadata
from npo_desk.store.search_index import include_object

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by rebuilding them
        compare_type=True,
        include_object=include_object,  # the search index of revision 0004 is not in the models
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    engine = make_engine(resolve_url(url), pool=False)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("npo-desk migrations run online only (they need the database's dialect).")
run_migrations_online()
