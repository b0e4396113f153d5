"""The search index: the cases whose search text holds every word, found without reading every case.

Revision 0004 builds it. On SQLite it is ``cases_search``, an FTS5 trigram table over each case's
``search_text`` plus a closing line break (so every character of the text starts a trigram), kept by
triggers on ``cases``, with its vocabulary ``cases_search_terms``. A word of three characters or more
is the phrase of its trigrams. A shorter word (「日南」「森」, common in Japanese) is the OR of the
indexed trigrams that begin with it, read from the vocabulary in the same transaction; when too many
do, the word is tested with LIKE instead, on the rows the other words left. On PostgreSQL a pg_trgm
GIN index serves the LIKE itself. Whichever way, a case matches exactly when every word is a
substring of its search text (``tests/store/test_search_index.py`` checks this against Python).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, Integer, MetaData, Table, Text, false, select
from sqlmodel import col

from npo_desk.store.models import CaseRow

_TABLE = Table("cases_search", MetaData(), Column("rowid", Integer), Column("cases_search", Text))
_TERMS = "cases_search_terms"
# Beyond this many trigrams a word's OR costs more than LIKE over the rows (measured at 50,000 cases
# with benchmarks/bench_store.py: a one-character word such as 「森」 begins about 60).
_MOST_TERMS = 200

# What revision 0004 adds and the models do not describe: autogenerate leaves them alone.
_OUTSIDE_MODELS = {
    "table": frozenset(
        f"cases_search{suffix}"
        for suffix in ("", "_terms", "_data", "_idx", "_docsize", "_config", "_content")
    ),
    "index": frozenset({"ix_cases_search_text_trgm"}),
}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's ``include_object`` hook: skip the index's tables and trigram index (not in the models)."""
    return not (reflected and compare_to is None and name in _OUTSIDE_MODELS.get(type_, ()))


def like_pattern(word: str) -> str:
    """``%word%`` with LIKE's wildcards in the word escaped (ESCAPE '\\')."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def containing(connection: Connection, words: Sequence[str]) -> list[ColumnElement[bool]]:
    """Conditions on ``cases`` true exactly for the cases whose search text contains every one of
    ``words`` (already normalised, none empty)."""
    if connection.dialect.name != "sqlite" or not words or not _indexed(connection):
        return [_like(word) for word in words]
    phrases: list[str] = []
    likes: list[ColumnElement[bool]] = []
    for word in words:
        if len(word) >= 3:
            phrases.append(_phrase(word))
            continue
        terms = _terms_beginning(connection, word)
        if not terms:
            return [false()]
        if len(terms) > _MOST_TERMS:
            likes.append(_like(word))
        else:
            phrases.append("(" + " OR ".join(map(_phrase, terms)) + ")")
    if phrases:
        found = select(_TABLE.c.rowid).where(_TABLE.c.cases_search.op("MATCH")(" AND ".join(phrases)))
        likes.insert(0, col(CaseRow.id).in_(found))
    return likes


def _like(word: str) -> ColumnElement[bool]:
    return col(CaseRow.search_text).like(like_pattern(word), escape="\\")


def _phrase(text: str) -> str:
    """An FTS5 string: with the trigram tokenizer, a substring match of ``text`` (3+ characters)."""
    return '"' + text.replace('"', '""') + '"'


def _terms_beginning(connection: Connection, word: str) -> list[str]:
    """The indexed trigrams starting with ``word`` (1 or 2 characters), at most one over the limit."""
    rows = connection.exec_driver_sql(
        f"SELECT term FROM {_TERMS} WHERE term >= ? AND term <= ? LIMIT ?",
        (word, word + "\U0010ffff" * (3 - len(word)), _MOST_TERMS + 1),
    )
    return [term for (term,) in rows]


def _indexed(connection: Connection) -> bool:
    """False when revision 0004 could not build the index (an SQLite without FTS5 trigram)."""
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_TERMS,)
    )
    return found.first() is not None
