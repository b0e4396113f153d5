"""Revision 0005 turns every case of a filled 0004 database into a procedure of its own corporation,
losing nothing (issue 10, 3.).

The 0004 database is filled with today's cases: the demo's 設立 applications (offices, officers,
milestones, manual dates, 事業報告書等) plus edited (history) and deleted cases and a settings change,
written by the store, then copied row by row (the columns 0004 has, nothing else) into a database
Alembic built at 0004. After ``open_store`` upgrades it, every row of every old column is still
there, each case has a corporation made from it, and the store reads the cases exactly as before.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import Connection, MetaData, Table, select, text

import npo_desk.store as st
from npo_desk.domain.corporations import CorporationStatus
from npo_desk.store.database import alembic_config, make_engine, resolve_url
from npo_desk.store.demo import seed_demo
from npo_desk.store.models import metadata
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)
OLD = "0004"
# Every table of revision 0004, parents first.
TABLES = (
    "cases",
    "offices",
    "officers",
    "milestones",
    "deadline_overrides",
    "annual_report_filings",
    "history",
    "settings",
)


def _fill_source(path: Path) -> tuple[list[st.Case], dict[int, list[st.HistoryEntry]]]:
    """Today's kind of database, written by the store: the demo's applications and a few cases with
    a longer life (edited, a manual date changed, deleted, undeleted)."""
    store = st.open_store(str(path))
    try:
        demo = [case for case in seed_demo(store, TODAY) if case.kind is st.CaseKind.ESTABLISHMENT]
        edited = st.create_case(store, sample_case(), who="田中", today=TODAY)
        edited = st.save_case(
            store,
            replace(
                edited,
                notes="電話で補正の相談あり",
                deadline_overrides=(st.DeadlineOverride("decision_deadline", date(2026, 6, 5), "審査会"),),
            ),
            who="黒木",
        )
        gone = st.create_case(
            store, sample_case(name="取り下げ予定の会", clerk="日高"), who="日高", today=TODAY
        )
        st.delete_case(store, gone.id or 0, version=gone.version, who="日高")
        back = st.create_case(store, sample_case(name="一度削除した会"), who="田中", today=TODAY)
        back = st.delete_case(store, back.id or 0, version=back.version, who="田中")
        st.undelete_case(store, back.id or 0, version=back.version, who="田中")
        settings = st.load_settings(store)
        st.save_settings(store, replace(settings, clerks=("田中", "黒木")), who="田中")
        ids = [case.id or 0 for case in demo] + [edited.id or 0, gone.id or 0, back.id or 0]
        return st.get_cases(store, ids), {case_id: st.case_history(store, case_id) for case_id in ids}
    finally:
        store.close()


def _old_tables(conn: Connection) -> dict[str, Table]:
    """The tables as revision 0004 made them (reflected: no column of a later revision)."""
    reflected = MetaData()
    return {name: Table(name, reflected, autoload_with=conn) for name in TABLES}


def _utc(value: Any) -> Any:
    """SQLite hands back timestamps without their zone (written in UTC)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return value


def _rows(
    conn: Connection, columns: dict[str, list[str]], case_ids: set[int]
) -> dict[str, list[dict[str, Any]]]:
    """Every row of the old columns, typed by the models (dates as dates, JSON as lists), ordered by
    key; only rows of ``case_ids`` (and those of no case: the settings' history)."""
    found = {}
    for name, names in columns.items():
        table = metadata.tables[name]
        stmt = select(*(table.c[c] for c in names)).order_by(*table.primary_key.columns)
        if name == "history":  # a corporation's own history is no row of 0004's
            stmt = stmt.where(table.c.corporation_id.is_(None))
        rows = [{k: _utc(v) for k, v in row._mapping.items()} for row in conn.execute(stmt)]
        key = "id" if name == "cases" else "case_id"
        if name != "settings":
            rows = [r for r in rows if r[key] is None or r[key] in case_ids]
        found[name] = rows
    return found


def _build_old_database(db_url: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    url = resolve_url(db_url)
    if url.get_backend_name() == "sqlite":
        Path(url.database or "").touch()
    engine = make_engine(url, pool=False)
    try:
        with engine.begin() as conn:
            config = alembic_config(url)
            config.attributes["connection"] = conn
            command.upgrade(config, OLD)
            tables = _old_tables(conn)
            for name in TABLES:
                if rows[name]:
                    conn.execute(tables[name].insert(), rows[name])
            if conn.dialect.name == "postgresql":  # explicit ids: move the sequences past them
                for name in TABLES[:-1]:
                    moved = f"(SELECT coalesce(max(id), 0) + 1 FROM {name})"
                    conn.execute(text(f"SELECT setval('{name}_id_seq', {moved}, false)"))
    finally:
        engine.dispose()


def test_a_filled_0004_database_upgrades_every_case_into_a_corporation_losing_nothing(
    db_url: str, tmp_path: Path
) -> None:
    source = tmp_path / "today.db"
    cases, histories = _fill_source(source)
    case_ids = {case.id or 0 for case in cases}
    # The columns of 0004, read from a database Alembic builds at 0004.
    scratch = make_engine(resolve_url(str(tmp_path / "scratch.db")), pool=False)
    with scratch.begin() as conn:
        config = alembic_config(resolve_url(str(tmp_path / "scratch.db")))
        config.attributes["connection"] = conn
        command.upgrade(config, OLD)
        columns = {name: [c.name for c in table.columns] for name, table in _old_tables(conn).items()}
    scratch.dispose()
    assert "corporation_id" not in columns["cases"]
    source_engine = make_engine(resolve_url(str(source)), pool=False)
    with source_engine.connect() as conn:
        before = _rows(conn, columns, case_ids)
    source_engine.dispose()
    assert len(before["cases"]) == len(cases) >= 18
    assert all(before[name] for name in TABLES)  # every table holds something to lose

    _build_old_database(db_url, before)
    store = st.open_store(db_url)  # upgrades 0004 → head
    try:
        engine = make_engine(resolve_url(db_url), pool=False)
        with engine.connect() as conn:
            assert _rows(conn, columns, case_ids) == before
            corporations = {
                row.id: row._mapping
                for row in conn.execute(select(metadata.tables["corporations"]).order_by(text("id")))
            }
            links = dict(conn.execute(text("SELECT id, corporation_id FROM cases")).all())
        engine.dispose()

        # one corporation per case, made from it
        assert links == {case_id: case_id for case_id in case_ids}
        assert set(corporations) == case_ids
        for row in before["cases"]:
            corporation = corporations[row["id"]]
            assert corporation["name"] == row["name"]
            assert corporation["name_kana"] == row["name_kana"]
            assert corporation["representative"] == row["representative"]
            assert corporation["corporate_number"] is None and corporation["notes"] == ""
            assert corporation["version"] == 1
            for moment in ("created_at", "updated_at", "deleted_at"):
                assert _utc(corporation[moment]) == row[moment]

        # the store reads every case as it was, now with its corporation
        upgraded = st.get_cases(store, [case.id or 0 for case in cases])
        assert upgraded == [replace(case, corporation_id=case.id) for case in cases]
        assert {case_id: st.case_history(store, case_id) for case_id in histories} == histories
        assert any(len(entries) > 1 for entries in histories.values())
        assert st.load_settings(store).clerks == ("田中", "黒木")
        assert st.settings_history(store)[0].new is not None

        # each corporation stands where its application does; the deleted case's is deleted
        live = [case for case in cases if case.deleted_at is None]
        listed = {s.id: s for s in st.list_corporations(store, st.load_settings(store), TODAY)}
        assert set(listed) == {case.id for case in live}
        for case in live:
            registered = case.date_of(st.MilestoneKind.REGISTERED)
            status = listed[case.id or 0].standing.status
            assert (status is CorporationStatus.ESTABLISHED) == (
                registered is not None and case.date_of(st.MilestoneKind.REVOKED) is None
            ), case.name

        # the search index's triggers came back with the rebuilt table
        edited = next(case for case in upgraded if case.notes == "電話で補正の相談あり")
        assert [c.id for c in st.list_cases(store, st.CaseQuery(text="子ども未来"))]
        renamed = st.save_case(store, replace(edited, name="特定非営利活動法人 ぬくもり食堂の会"), who="田中")
        assert [c.id for c in st.list_cases(store, st.CaseQuery(text="ぬくもり食堂"))] == [renamed.id]
        # and a new application after the upgrade gets a new corporation of its own
        new = st.create_case(store, sample_case(name="移行後の新しい会"), who="田中", today=TODAY)
        assert new.corporation_id is not None and new.corporation_id not in case_ids
        assert st.get_corporation(store, new.corporation_id).name == "移行後の新しい会"
    finally:
        store.close()
