"""The search index: the cases whose search text holds every word, found without reading every case.

Revision 0004 builds it. On SQLite it is ``cases_search``, an FTS5 trigram table over each case's
``search_text`` plus a closing line break (so every character of the text starts a trigram), kept by
triggers on ``cases``, with its vocabulary ``cases_search_terms``. A word of three characters or more
is the phrase of its trigrams. A shorter word (「日南」「森」, common in Japanese) is the OR of the
indexed trigrams that begin with it, read from the vocabulary in the same transaction; when too many
do, the word is tested with LIKE instead, on the rows the other words left. The vocabulary's counts
also say about how many cases match: a list cut at a limit then either sorts the few matches or, for
many, walks the list's order and stops at the limit. On PostgreSQL a GIN index over each text's
two-character pieces finds the texts holding every piece of the words, and LIKE keeps those holding
the words (why not pg_trgm: db/versions/0004). Whichever way, a case matches exactly when every word
is a substring of its search text (``tests/store/test_search_index.py`` checks this against Python).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    cast,
    false,
    func,
    select,
)
from sqlmodel import col

from npo_desk.store.models import CaseRow

_TABLE = Table("cases_search", MetaData(), Column("rowid", Integer), Column("cases_search", Text))
_TERMS = "cases_search_terms"
# Beyond this many trigrams a word's OR costs more than LIKE over the rows (measured at 50,000 cases
# with benchmarks/bench_store.py: a one-character word such as 「森」 begins about 60).
_MOST_TERMS = 200
# A search cut at ``limit`` walks the list's order when more than this many times ``limit`` cases
# may match (measured at 50,000: 「子育て」, 3,825 matches, 1 ms walking and 6 to 20 ms sorting; a
# rare word is the reverse).
_WALK = 5

# What revision 0004 adds and the models do not describe: autogenerate leaves them alone.
_OUTSIDE_MODELS = {
    "table": frozenset(
        f"cases_search{suffix}"
        for suffix in ("", "_terms", "_data", "_idx", "_docsize", "_config", "_content")
    ),
    "index": frozenset({"ix_cases_search_text_bigrams"}),
}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's ``include_object`` hook: skip the index's tables and trigram index (not in the models)."""
    return not (reflected and compare_to is None and name in _OUTSIDE_MODELS.get(type_, ()))


def like_pattern(word: str) -> str:
    """``%word%`` with LIKE's wildcards in the word escaped (ESCAPE '\\')."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Found:
    """What the index made of the words: LIKE conditions, the ids the FTS5 index matched (None
    when it was not used), and about how many cases those are (from the index's vocabulary)."""

    likes: list[ColumnElement[bool]]
    ids: Select[Any] | None = None
    expected: float = 0.0

    def conditions(self, limit: int | None = None) -> list[ColumnElement[bool]]:
        """Conditions on ``cases`` for a list sorted in the list's order and cut at ``limit``."""
        if self.ids is None:
            return self.likes
        if limit is not None and self.expected > _WALK * limit:
            # Many matches, few wanted: ``id + 0`` is not the primary key, so SQLite walks the list's
            # order (ix_cases_listing) and stops at ``limit`` instead of sorting every match.
            return [(col(CaseRow.id) + 0).in_(self.ids), *self.likes]
        return [col(CaseRow.id).in_(self.ids), *self.likes]


def containing(connection: Connection, words: Sequence[str]) -> Found:
    """The cases whose search text contains every one of ``words`` (normalised, none empty)."""
    if connection.dialect.name == "postgresql" and words:
        return Found([_like(word) for word in words] + _holding_bigrams(words))
    if connection.dialect.name != "sqlite" or not words or not _indexed(connection):
        return Found([_like(word) for word in words])
    phrases: list[str] = []
    likes: list[ColumnElement[bool]] = []
    cases = connection.exec_driver_sql("SELECT max(id) FROM cases").scalar() or 1
    expected = float(cases)  # words taken as independent: each keeps its share of the cases
    for word in words:
        if len(word) >= 3:
            grams = {word[i : i + 3] for i in range(len(word) - 2)}
            counts = _counts(connection, "term IN (" + ", ".join("?" * len(grams)) + ")", tuple(grams), None)
            if len(counts) < len(grams):  # a trigram no case has
                return Found([false()])
            phrases.append(_phrase(word))
            expected *= _share(word, counts, cases)
            continue
        upper = word + "\U0010ffff" * (3 - len(word))
        counts = _counts(connection, "term >= ? AND term <= ?", (word, upper), _MOST_TERMS + 1)
        if not counts:
            return Found([false()])
        if len(counts) > _MOST_TERMS:
            likes.append(_like(word))
        else:
            phrases.append("(" + " OR ".join(map(_phrase, counts)) + ")")
            expected *= sum(counts.values()) / cases
    if not phrases:
        return Found(likes)
    ids = select(_TABLE.c.rowid).where(_TABLE.c.cases_search.op("MATCH")(" AND ".join(phrases)))
    return Found(likes, ids, expected)


def _share(word: str, counts: dict[str, int], cases: int) -> float:
    """About which share of the cases contain ``word`` (3+ characters): its trigrams that do not
    overlap taken as independent, and never more than its rarest trigram has."""
    apart = {word[i : i + 3] for i in range(0, len(word) - 2, 3)} | {word[-3:]}
    share = 1.0
    for gram in apart:
        share *= counts[gram] / cases
    return min(share, min(counts.values()) / cases)


def _holding_bigrams(words: Sequence[str]) -> list[ColumnElement[bool]]:
    """PostgreSQL: the texts holding every two-character piece of the words (a superset the LIKEs
    narrow), in the form of ix_cases_search_text_bigrams so that the index serves it."""
    pieces = sorted({word[i : i + 2] for word in words for i in range(len(word) - 1)})
    if not pieces:  # one-character words only: LIKE alone
        return []
    from sqlalchemy.dialects import postgresql  # here: an SQLite command need not load the dialect

    held = func.npo_desk_bigrams(col(CaseRow.search_text))
    return [held.op("@>")(cast(postgresql.array(pieces), postgresql.ARRAY(Text)))]


def _like(word: str) -> ColumnElement[bool]:
    return col(CaseRow.search_text).like(like_pattern(word), escape="\\")


def _phrase(text: str) -> str:
    """An FTS5 string: with the trigram tokenizer, a substring match of ``text`` (3+ characters)."""
    return '"' + text.replace('"', '""') + '"'


def _counts(connection: Connection, where: str, args: tuple[str, ...], limit: int | None) -> dict[str, int]:
    """Indexed trigrams and in how many cases each occurs, from the vocabulary."""
    cut = f" LIMIT {limit}" if limit is not None else ""
    rows = connection.exec_driver_sql(f"SELECT term, doc FROM {_TERMS} WHERE {where}{cut}", args)
    return {term: doc for term, doc in rows}


def _indexed(connection: Connection) -> bool:
    """False when revision 0004 could not build the index (an SQLite without FTS5 trigram)."""
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_TERMS,)
    )
    return found.first() is not None


_INSERT_TRIGGER = "cases_search_insert"
_BULK = 100  # below this many new cases the trigger's row-by-row inserts cost less than the swap


@contextmanager
def bulk_insert(connection: Connection, new_rows: int) -> Iterator[None]:
    """Around an INSERT of ``new_rows`` cases in one write transaction: on SQLite the index gets them
    with one INSERT … SELECT afterwards instead of the trigger's one insert per row, about five times
    faster (20,000 cases: 0.6 s instead of 2.9 s of write lock other clerks wait for). The trigger is
    dropped and created again from its own stored text inside the transaction, so no other
    connection ever sees it missing, and a rollback restores it."""
    stored = None
    if connection.dialect.name == "sqlite" and new_rows >= _BULK:
        stored = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_INSERT_TRIGGER,)
        ).scalar()
    if stored is None:
        yield
        return
    before = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM cases").scalar()
    connection.exec_driver_sql(f"DROP TRIGGER {_INSERT_TRIGGER}")
    yield
    # the row revision 0004 indexes: the search text and a closing line break
    connection.exec_driver_sql(
        "INSERT INTO cases_search(rowid, search_text) SELECT id, search_text || char(10) FROM cases"
        " WHERE id > ?",
        (before,),
    )
    connection.exec_driver_sql(stored)
