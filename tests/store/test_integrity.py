"""Files the store must refuse without touching them, and files it must create private."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

import npo_desk.store as st
from npo_desk.cli import main
from npo_desk.store import DatabaseUnusable
from tests.store.samples import sample_case


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled_database(path: Path, cases: int = 30) -> None:
    store = st.open_store(str(path))
    for i in range(cases):
        st.create_case(store, sample_case(notes="メモ" * 200 + str(i)), who="田中", today=date(2026, 4, 7))
    store.close()


def _assert_refused(path: Path, *fragments: str) -> None:
    before = _digest(path)
    with pytest.raises(DatabaseUnusable) as caught:
        st.open_store(str(path))
    message = str(caught.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message
    assert _digest(path) == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("これは会議のメモです。\n" * 100, encoding="utf-8")
    _assert_refused(path, "npo-desk のデータベースではありません", "変更していません")


def test_a_damaged_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    _filled_database(path)
    with path.open("r+b") as handle:  # scribble over a few b-tree pages in the middle
        handle.seek(4096 * 3)
        handle.write(b"\xde\xad\xbe\xef" * 2048)
    _assert_refused(path, "壊れています", "npo-desk restore")


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    _filled_database(path, cases=1)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    _assert_refused(path, "新しいバージョンの npo-desk", "9999", "最新版")


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE addressbook (name TEXT)")
        conn.execute("INSERT INTO addressbook VALUES ('山田')")
    conn.close()
    _assert_refused(path, "別のアプリのデータ")


def test_a_newer_schema_on_postgresql_is_refused(pg_url: str) -> None:
    st.open_store(pg_url).close()
    engine = st.database.make_engine(st.database.resolve_url(pg_url), pool=False)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(DatabaseUnusable, match="新しいバージョン"):
        st.open_store(pg_url)


def test_an_unreachable_server_is_a_clear_message_without_the_password() -> None:
    with pytest.raises(DatabaseUnusable) as caught:
        st.open_store("postgresql://clerk:secret@127.0.0.1:1/npo")
    assert "接続できません" in str(caught.value) and "secret" not in str(caught.value)


def test_the_cli_reports_a_bad_file_in_one_japanese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"\x00garbage" * 50)
    assert main(["--db", str(path), "backup", "--out", str(tmp_path / "b.db")]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "b.db").exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_database_and_its_wal_files_are_private(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "cases.db"
    store = st.open_store(str(path))
    try:
        st.create_case(store, sample_case(), who="田中", today=date(2026, 4, 7))
        with store.read() as session:  # keep a reader open so -wal and -shm exist
            session.connection()
            files = [path, path.with_name("cases.db-wal"), path.with_name("cases.db-shm")]
            assert all(f.exists() for f in files)
            assert {f.name: f.stat().st_mode & 0o777 for f in files} == {f.name: 0o600 for f in files}
    finally:
        store.close()


def test_every_connection_uses_wal_and_enforces_foreign_keys(tmp_path: Path) -> None:
    store = st.open_store(str(tmp_path / "cases.db"))
    try:
        with store.read() as session:
            assert session.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


@pytest.mark.parametrize(
    ("driver_message", "error", "expected"),
    [
        ("database is locked", st.StoreBusy, "使用中"),
        ("database or disk is full", st.StoreError, "空き容量"),
        ("attempt to write a readonly database", st.StoreError, "読み取り専用"),
        ("database disk image is malformed", DatabaseUnusable, "npo-desk restore"),
        ("server closed the connection unexpectedly", st.StoreError, "接続を確認"),
    ],
)
def test_database_failures_during_an_operation_become_japanese_messages(
    tmp_path: Path, driver_message: str, error: type[Exception], expected: str
) -> None:
    from sqlalchemy.exc import OperationalError

    store = st.open_store(str(tmp_path / "cases.db"))
    try:
        with pytest.raises(error) as caught, store.write():
            raise OperationalError("UPDATE cases ...", {}, sqlite3.OperationalError(driver_message))
        assert expected in str(caught.value)
        assert "変更は保存されていません" in str(caught.value) or error is st.StoreBusy
    finally:
        store.close()


def test_a_server_user_without_rights_gets_told_so(pg_cluster: object, pg_url: str) -> None:
    engine = st.database.make_engine(st.database.resolve_url(pg_url), pool=False)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE ROLE clerk LOGIN")
        conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    engine.dispose()
    url = st.database.resolve_url(pg_url).set(username="clerk")
    try:
        with pytest.raises(DatabaseUnusable, match="権限"):
            st.open_store(url.render_as_string(hide_password=False))
    finally:
        engine = st.database.make_engine(st.database.resolve_url(pg_url), pool=False)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP ROLE clerk")
        engine.dispose()
