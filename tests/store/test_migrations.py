"""The schema comes only from Alembic: models and revisions agree, and upgrades lose no data."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

import npo_desk.store as st
from npo_desk.store.database import alembic_config, make_engine, resolve_url, schema_revisions
from npo_desk.store.models import metadata
from npo_desk.store.search_index import include_object

FIRST = "0001"


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def test_autogenerate_finds_no_difference_between_models_and_migrations(db_url: str) -> None:
    st.open_store(db_url).close()
    engine = make_engine(resolve_url(db_url), pool=False)
    try:
        with engine.connect() as conn:
            opts = {"compare_type": True, "include_object": include_object}  # as db/env.py
            context = MigrationContext.configure(conn, opts=opts)
            assert compare_metadata(context, metadata) == []
            assert set(context.get_current_heads()) == {_head()}
    finally:
        engine.dispose()


def test_there_is_one_line_of_revisions_starting_at_the_first() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(script.walk_revisions())
    assert len(script.get_heads()) == 1
    assert revisions[-1].revision == FIRST and revisions[-1].down_revision is None


def test_the_revisions_read_from_the_scripts_are_alembics() -> None:
    """open_store decides "up to date" without Alembic; its list must be Alembic's own."""
    script = ScriptDirectory.from_config(alembic_config())
    known, heads = schema_revisions()
    assert known == {rev.revision for rev in script.walk_revisions()}
    assert heads == set(script.get_heads())


def _open_in_fresh_process(db_url: str) -> bool:
    """Open the store in a new interpreter; whether that imported Alembic."""
    child = (
        "import sys, npo_desk.store as st\n"
        "st.open_store(sys.argv[1]).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", child, db_url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def _revision(db_url: str) -> set[str]:
    engine = make_engine(resolve_url(db_url), pool=False)
    try:
        with engine.connect() as conn:
            return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    finally:
        engine.dispose()


def test_only_a_new_or_older_database_loads_alembic(db_url: str) -> None:
    """Issue 11: Alembic costs most of a short command's start-up; an up-to-date database skips it."""
    assert _open_in_fresh_process(db_url)  # new: created by Alembic
    assert _revision(db_url) == {_head()}
    assert not _open_in_fresh_process(db_url)  # up to date: plain SQL only
    engine = make_engine(resolve_url(db_url), pool=False)
    with engine.begin() as conn:
        config = alembic_config(resolve_url(db_url))
        config.attributes["connection"] = conn
        command.downgrade(config, FIRST)
    engine.dispose()
    assert _open_in_fresh_process(db_url)  # older: upgraded as before
    assert _revision(db_url) == {_head()}


# Rows written with plain SQL against the schema of the first revision, so this test keeps working
# (and keeps checking these rows survive) whatever later revisions change.
_FIRST_REVISION_ROWS: dict[str, list[dict[str, Any]]] = {
    "cases": [
        {
            "id": 1,
            "number": "R7-001",
            "fiscal_year": 2025,
            "serial": 1,
            "kind": "establishment",
            "name": "特定非営利活動法人 油津まちづくり会",
            "name_kana": "アブラツマチヅクリカイ",
            "representative": "日高 一郎",
            "representative_kana": "ヒダカ イチロウ",
            "phone": "0987-22-0001",
            "email": "a@example.jp",
            "postal_code": "887-0001",
            "purpose": "まちづくりの推進",
            "activity_fields": "[3, 16]",
            "fiscal_year_start_month": 4,
            "fiscal_year_start_day": 1,
            "member_count": 12,
            "law_profile_id": None,
            "law_profile_reason": "",
            "notes": "移行前のメモ",
            "clerk": "田中",
            "search_text": "r7-001\nあぶらつ",
            "created_at": "2025-06-02 00:00:00",
            "updated_at": "2025-06-03 00:00:00",
            "deleted_at": None,
            "version": 3,
        },
        {
            "id": 2,
            "number": "R7-002",
            "fiscal_year": 2025,
            "serial": 2,
            "kind": "establishment",
            "name": "削除済みの案件",
            "name_kana": "",
            "representative": "",
            "representative_kana": "",
            "phone": "",
            "email": "",
            "postal_code": "",
            "purpose": "",
            "activity_fields": "[]",
            "fiscal_year_start_month": None,
            "fiscal_year_start_day": None,
            "member_count": None,
            "law_profile_id": "2017-04-01",
            "law_profile_reason": "郵送の消印で判断",
            "notes": "",
            "clerk": "",
            "search_text": "",
            "created_at": "2025-07-01 00:00:00",
            "updated_at": "2025-07-02 00:00:00",
            "deleted_at": "2025-07-02 00:00:00",
            "version": 2,
        },
    ],
    "offices": [
        {
            "id": 1,
            "case_id": 1,
            "position": 0,
            "kind": "main",
            "address": "宮崎県日南市油津1丁目1番1号",
            "municipality_code": "452041",
            "prefecture": "宮崎県",
        },
    ],
    "officers": [
        {
            "id": 1,
            "case_id": 1,
            "position": 0,
            "name": "日高 一郎",
            "kana": "ヒダカ イチロウ",
            "role": "director",
            "paid": True,
            "relative_group": "A",
            "is_staff": False,
        },
    ],
    "milestones": [
        {"id": 1, "case_id": 1, "kind": "received_on", "on": "2025-06-02", "note": "窓口"},
        {"id": 2, "case_id": 1, "kind": "certified_on", "on": "2025-07-30", "note": ""},
    ],
    "deadline_overrides": [
        {
            "id": 1,
            "case_id": 1,
            "key": "decision_deadline",
            "on": "2025-08-01",
            "reason": "審査会",
            "set_by": "田中",
            "set_at": "2025-06-05 00:00:00",
        },
    ],
    "history": [
        {
            "id": 1,
            "case_id": 1,
            "at": "2025-06-02 00:00:00",
            "who": "田中",
            "field": "created",
            "old": None,
            "new": "R7-001",
        },
        {
            "id": 2,
            "case_id": None,
            "at": "2025-06-02 00:00:00",
            "who": "田中",
            "field": "settings:clerks",
            "old": "[]",
            "new": '["田中"]',
        },
    ],
    "settings": [{"key": "clerks", "value": '["田中"]'}],
}


def _dump(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every column of the first revision, every row, as comparable text."""
    dumped = {}
    for table, rows in _FIRST_REVISION_ROWS.items():
        columns = ", ".join(f'"{c}"' for c in rows[0])
        result = conn.execute(text(f"SELECT {columns} FROM {table} ORDER BY 1"))
        dumped[table] = [tuple(str(v) if v is not None else None for v in row) for row in result]
    return dumped


def _insert_first_revision_rows(conn: Any) -> None:
    for table, rows in _FIRST_REVISION_ROWS.items():
        for row in rows:
            columns = ", ".join(f'"{c}"' for c in row)
            values = ", ".join(f":{c}" for c in row)
            conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)


def test_a_filled_database_of_the_first_revision_upgrades_losing_nothing(db_url: str) -> None:
    url = resolve_url(db_url)
    if url.get_backend_name() == "sqlite":
        Path(url.database or "").touch()
    engine = make_engine(url, pool=False)
    try:
        with engine.begin() as conn:
            config = alembic_config(url)
            config.attributes["connection"] = conn
            command.upgrade(config, FIRST)
            _insert_first_revision_rows(conn)
            if conn.dialect.name == "postgresql":  # explicit ids: move the sequences past them
                for table in ("cases", "offices", "officers", "milestones", "deadline_overrides", "history"):
                    conn.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
        with engine.connect() as conn:
            before = _dump(conn)
    finally:
        engine.dispose()

    store = st.open_store(db_url)  # upgrades to head
    try:
        engine = make_engine(url, pool=False)
        with engine.connect() as conn:
            assert _dump(conn) == before
            assert MigrationContext.configure(conn).get_current_heads() == (_head(),)
            assert "ix_cases_listing" in {ix["name"] for ix in inspect(conn).get_indexes("cases")}
        engine.dispose()
        # and the store reads the old rows as cases
        case = st.get_case(store, 1)
        assert case.notes == "移行前のメモ" and case.version == 3
        assert case.milestone(st.MilestoneKind.RECEIVED) is not None
        assert [c.number for c in st.list_cases(store)] == ["R7-001"]
        assert st.load_settings(store).clerks == ("田中",)
        assert st.list_cases(store, st.CaseQuery(deleted=True))[0].number == "R7-002"
        saved = st.save_case(store, replace(case, notes="移行後"), who="佐藤")
        assert saved.version == 4 and st.case_history(store, 1)[0].old == "移行前のメモ"
    finally:
        store.close()


def test_an_sqlite_file_is_copied_before_it_is_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    db.touch()
    url = resolve_url(str(db))
    engine = make_engine(url, pool=False)
    with engine.begin() as conn:
        config = alembic_config(url)
        config.attributes["connection"] = conn
        command.upgrade(config, FIRST)
        _insert_first_revision_rows(conn)
    engine.dispose()

    st.open_store(str(db)).close()

    backups = list(tmp_path.glob("cases.*.before-upgrade.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(FIRST,)]
        assert conn.execute("SELECT notes FROM cases WHERE id = 1").fetchall() == [("移行前のメモ",)]
    assert backups[0].stat().st_mode & 0o777 == 0o600
    # a second start finds nothing to upgrade and makes no further copy
    st.open_store(str(db)).close()
    assert len(list(tmp_path.glob("cases.*.before-upgrade.db"))) == 1


def test_a_new_database_gets_no_upgrade_backup(tmp_path: Path) -> None:
    st.open_store(str(tmp_path / "new.db")).close()
    assert [p.name for p in tmp_path.iterdir() if "before-upgrade" in p.name] == []


def test_two_copies_of_the_app_starting_at_once_both_open_the_new_database(db_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def start(_: int) -> str:
        store = st.open_store(db_url)
        try:
            return store.display_name
        finally:
            store.close()

    with ThreadPoolExecutor(max_workers=3) as pool:
        assert len(list(pool.map(start, range(3)))) == 3
    store = st.open_store(db_url)
    try:
        with store.read() as session:
            heads = MigrationContext.configure(session.connection()).get_current_heads()
        assert heads == (_head(),)
    finally:
        store.close()
