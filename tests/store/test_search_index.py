"""The search index (revision 0004) finds exactly what a substring test on the normalised text finds,
follows every write, and is filled when an existing database is upgraded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from sqlalchemy import select, text
from sqlmodel import col

import npo_desk.store as st
from npo_desk.store import CaseQuery, Milestone, MilestoneKind, Office, Store, search_index
from npo_desk.store.database import alembic_config, make_engine, resolve_url
from npo_desk.store.models import CaseRow
from tests.store.samples import sample_case
from tests.store.test_migrations import FIRST, _insert_first_revision_rows

TODAY = date(2026, 4, 7)


def _add(store: Store, name: str, address: str, **changes: object) -> st.Case:
    case = sample_case(
        name=name,
        offices=(Office(address),),
        milestones=(Milestone(MilestoneKind.RECEIVED, TODAY),),
        **changes,
    )
    return st.create_case(store, case, who="田中", today=TODAY)


def _numbers(store: Store, query: CaseQuery) -> list[str]:
    return [summary.number for summary in st.list_cases(store, query)]


@pytest.fixture
def three(store: Store) -> Store:
    _add(store, "日南福祉ネット", "宮崎県日南市油津1丁目2番3号", name_kana="ニチナンフクシネット")
    _add(
        store,
        "田中こども食堂",
        "宮崎県宮崎市橘通東1丁目",
        name_kana="タナカコドモショクドウ",
        representative="田中 一郎",
        representative_kana="タナカ イチロウ",
    )
    # created in one batch: the importer's executemany path
    st.create_cases(
        store,
        [
            sample_case(
                name="森の会",
                name_kana="モリノカイ",
                offices=(Office("宮崎県串間市大字本城"),),
                milestones=(Milestone(MilestoneKind.RECEIVED, TODAY),),
            )
        ],
        who="田中",
        today=TODAY,
    )
    return store


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("日南", ["R8-001"]),  # two characters: through the trigrams the word begins
        ("福祉", ["R8-001"]),
        ("田中", ["R8-002"]),  # the representative, not the clerk (田中 on every case)
        ("森", ["R8-003"]),  # one character
        ("串間市大字", ["R8-003"]),  # address, long word: a trigram phrase
        ("たなか いちろう", ["R8-002"]),  # kana, two words
        ("ﾓﾘﾉｶｲ", ["R8-003"]),  # half-width kana of the name's kana
        ("r8-002", ["R8-002"]),  # the case number
        ("Ｒ８－００", ["R8-003", "R8-002", "R8-001"]),
        ("日南 森", []),  # every word must match
        ("ネット", ["R8-001"]),
        ("宮崎県", ["R8-003", "R8-002", "R8-001"]),
        ("こ宮", []),  # never across the end of one field (みちこ) and the next (宮崎県…)
        ('"', []),  # FTS5 syntax in a word is taken literally
        ("本城*", []),
    ],
)
def test_search_by_short_and_long_words_kana_address_and_number(
    three: Store, words: str, expected: list[str]
) -> None:
    assert _numbers(three, CaseQuery(text=words)) == expected


def test_a_word_too_common_for_the_index_is_matched_with_like(
    three: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "_MOST_TERMS", 1)
    assert _numbers(three, CaseQuery(text="宮 日南")) == ["R8-001"]
    assert _numbers(three, CaseQuery(text="宮 森")) == ["R8-003"]  # LIKE and the index together
    assert _numbers(three, CaseQuery(text="ゑ")) == []


def test_the_index_follows_saves_deletes_and_undeletes(three: Store) -> None:
    case = st.case_by_number(three, "R8-001")
    assert case is not None
    saved = st.save_case(
        three, replace(case, name="飫肥城下町保存会", offices=(Office("宮崎県日南市飫肥"),)), who="田中"
    )
    assert _numbers(three, CaseQuery(text="飫肥")) == ["R8-001"]
    assert _numbers(three, CaseQuery(text="城下町")) == ["R8-001"]
    assert _numbers(three, CaseQuery(text="油津")) == []
    assert _numbers(three, CaseQuery(text="福祉")) == []
    deleted = st.delete_case(three, saved.id or 0, version=saved.version, who="田中")
    assert _numbers(three, CaseQuery(text="飫肥")) == []
    assert _numbers(three, CaseQuery(text="飫肥", deleted=True)) == ["R8-001"]
    st.undelete_case(three, deleted.id or 0, version=deleted.version, who="田中")
    assert _numbers(three, CaseQuery(text="飫肥")) == ["R8-001"]
    assert _numbers(three, CaseQuery(text="飫肥", deleted=True)) == []


def test_year_filter_and_limit_apply_to_a_search(three: Store) -> None:
    earlier = (Milestone(MilestoneKind.RECEIVED, date(2025, 5, 1)),)
    st.create_case(three, sample_case(name="日南文化協会", milestones=earlier), who="田中", today=TODAY)
    assert _numbers(three, CaseQuery(text="日南")) == ["R8-001", "R7-001"]
    assert _numbers(three, CaseQuery(text="日南", fiscal_year=2025)) == ["R7-001"]
    assert _numbers(three, CaseQuery(text="日南", limit=1)) == ["R8-001"]
    assert [s.main_address for s in st.list_cases(three, CaseQuery(text="日南", limit=1))] == [
        "宮崎県日南市油津1丁目2番3号"
    ]


def test_the_database_has_the_index(store: Store) -> None:
    """The tests above pass on a plain LIKE too: this one fails if revision 0004 built nothing."""
    with store.read() as session:
        conn = session.connection()
        if conn.dialect.name == "sqlite":
            names = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
            assert {"cases_search", "cases_search_terms", "cases_search_insert"} <= names
            assert {"cases_search_update", "cases_search_delete"} <= names
        else:
            found = conn.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_cases_search_text_bigrams'"
            ).scalar()
            assert found is not None and "gin (npo_desk_bigrams" in found
            # and a search is answered from it (the planner told to avoid a full scan if it can)
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            stmt = select(col(CaseRow.id)).where(*search_index.containing(conn, ["日南"]).conditions())
            compiled = stmt.compile(conn)
            plan = " ".join(
                row[0] for row in conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params)
            )
            assert "ix_cases_search_text_bigrams" in plan


def test_a_row_removed_from_cases_leaves_the_index(tmp_path: Path) -> None:
    """Nothing in the app deletes a case row today; the trigger keeps the index right if it ever does."""
    store = st.open_store(str(tmp_path / "cases.db"))
    try:
        case = _add(store, "日南福祉ネット", "宮崎県日南市油津")
        with store.write() as session:
            session.connection().exec_driver_sql("DELETE FROM cases WHERE id = ?", (case.id,))
            found = session.connection().exec_driver_sql(
                "SELECT count(*) FROM cases_search WHERE cases_search MATCH '\"日南福\"'"
            )
            assert found.scalar() == 0
    finally:
        store.close()


def test_upgrading_a_filled_database_fills_the_index(db_url: str) -> None:
    url = resolve_url(db_url)
    if url.get_backend_name() == "sqlite":
        Path(url.database or "").touch()
    engine = make_engine(url, pool=False)
    try:
        with engine.begin() as conn:
            config = alembic_config(url)
            config.attributes["connection"] = conn
            command.upgrade(config, FIRST)
            _insert_first_revision_rows(conn)  # search_text 「r7-001\nあぶらつ」
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT setval('cases_id_seq', (SELECT max(id) FROM cases))"))
    finally:
        engine.dispose()
    store = st.open_store(db_url)
    try:
        assert _numbers(store, CaseQuery(text="あぶ")) == ["R7-001"]
        assert _numbers(store, CaseQuery(text="ｱﾌﾞﾗﾂ")) == ["R7-001"]
        assert _numbers(store, CaseQuery(text="R7-001")) == ["R7-001"]
        assert _numbers(store, CaseQuery(text="ぶらつ あぶら")) == ["R7-001"]
        assert _numbers(store, CaseQuery(text="001", deleted=True)) == []  # R7-002's text was empty
    finally:
        store.close()


# Few letters, so that words often match; with LIKE's and FTS5's special characters among them.
_LETTERS = '日南あアｱaA1１-%_\\"*()'
_words = hs.text(alphabet=_LETTERS, min_size=1, max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=hs.lists(hs.text(alphabet=_LETTERS + " ", min_size=1, max_size=12).filter(str.strip), max_size=4),
    queries=hs.lists(hs.lists(_words, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4),
    most_terms=hs.sampled_from([1, 200]),
    walk=hs.sampled_from([0, 1000]),
    limit=hs.integers(min_value=1, max_value=3),
)
def test_the_indexed_search_finds_what_a_substring_test_finds(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    names: list[str],
    queries: list[str],
    most_terms: int,
    walk: int,
    limit: int,
) -> None:
    # both the index and LIKE for short words; a cut list both sorting the matches and walking the list
    monkeypatch.setattr(search_index, "_MOST_TERMS", most_terms)
    monkeypatch.setattr(search_index, "_WALK", walk)
    if names:
        cases = [sample_case(name=name, name_kana="", offices=(Office(f"{name}市"),)) for name in names]
        st.create_cases(store, cases, who="田中", today=TODAY)
    with store.read() as session:
        stored = list(session.connection().execute(text("SELECT id, search_text FROM cases")))
    for query in queries:
        words = [w for w in map(st.normalize_search, query.split()) if w]
        expected = {case_id for case_id, searched in stored if all(w in searched for w in words)}
        found = [s.id for s in st.list_cases(store, CaseQuery(text=query))]
        assert set(found) == expected, query
        assert [s.id for s in st.list_cases(store, CaseQuery(text=query, limit=limit))] == found[:limit]
