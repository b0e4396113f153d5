"""A search index over ``cases.search_text``, so a search reads the matching cases, not all 50,000.

SQLite: ``cases_search``, a contentless FTS5 table with the trigram tokenizer (SQLite 3.34 or later),
case-sensitive because the text is already folded by ``normalize_search``; each row is the case's
search text plus a closing line break, so that every character of the text starts a trigram (a
two-character word is then found through the trigrams it begins). Triggers on ``cases`` keep it in
step with every write path (the window, the importer's executemany, deletions). ``cases_search_terms``
is its vocabulary. ``npo_desk.store.search_index`` reads both.

A later revision that rebuilds ``cases`` with ``batch_alter_table`` drops these triggers with the old
table and must create them again (``tests/store/test_search_index.py`` notices).

PostgreSQL: a GIN index over the text's two-character pieces (``npo_desk_bigrams``), which serves
words of two characters and more, where pg_trgm's trigram index serves no word shorter than three
characters (「日南」 took a 75 ms scan at 50,000 cases, 0.3 ms with this index), needs the right to
create an extension, and indexes no Japanese at all in a database whose LC_CTYPE is C. The store keeps
the LIKE beside it, so the index only narrows. Without FTS5 trigram in SQLite the search keeps
scanning with LIKE (same results, slower) and a warning is logged.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 12:30:00
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import DBAPIError

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("npo_desk")

# The indexed text of a row: its search text and a line break (which no search word contains).
_ROW = "{0}.search_text || char(10)"

_SQLITE = (
    "CREATE VIRTUAL TABLE cases_search USING fts5("
    "search_text, content='', tokenize='trigram case_sensitive 1')",
    "CREATE VIRTUAL TABLE cases_search_terms USING fts5vocab(cases_search, 'row')",
    "CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN "
    f"INSERT INTO cases_search(rowid, search_text) VALUES (new.id, {_ROW.format('new')}); END",
    "CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN "
    "INSERT INTO cases_search(cases_search, rowid, search_text) "
    f"VALUES ('delete', old.id, {_ROW.format('old')}); END",
    "CREATE TRIGGER cases_search_update AFTER UPDATE OF id, search_text ON cases BEGIN "
    "INSERT INTO cases_search(cases_search, rowid, search_text) "
    f"VALUES ('delete', old.id, {_ROW.format('old')}); "
    f"INSERT INTO cases_search(rowid, search_text) VALUES (new.id, {_ROW.format('new')}); END",
    f"INSERT INTO cases_search(rowid, search_text) SELECT id, {_ROW.format('cases')} FROM cases",
)


# The distinct two-character pieces of a text: a GIN index over them finds the texts holding every
# piece of a word, a superset that LIKE then narrows to the texts holding the word itself.
_BIGRAMS = """
CREATE FUNCTION npo_desk_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, length(t) - 1) AS i $$
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        try:
            with bind.begin_nested():
                for statement in _SQLITE:
                    bind.exec_driver_sql(statement)
        except DBAPIError as err:  # an SQLite older than 3.34 or built without FTS5
            log.warning("検索索引を作成できません (%s)。検索は索引なしで行います。", err.orig)
        return
    bind.exec_driver_sql(_BIGRAMS)
    op.create_index(
        "ix_cases_search_text_bigrams",
        "cases",
        [sa.text("npo_desk_bigrams(search_text)")],
        postgresql_using="gin",
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("cases_search_update", "cases_search_delete", "cases_search_insert"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS cases_search_terms")
        bind.exec_driver_sql("DROP TABLE IF EXISTS cases_search")
        return
    op.execute("DROP INDEX IF EXISTS ix_cases_search_text_bigrams")
    op.execute("DROP FUNCTION IF EXISTS npo_desk_bigrams(text)")
