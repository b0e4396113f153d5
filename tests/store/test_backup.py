"""`npo-desk backup` and `npo-desk restore`: consistent copies, checks first, nothing lost."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

import npo_desk.store as st
from npo_desk.cli import main
from npo_desk.store import DatabaseUnusable, StoreError
from npo_desk.store.backup import backup_database, restore_database
from tests.store.samples import sample_case

TODAY = date(2026, 4, 7)


def _db_with(path: Path, *names: str) -> None:
    store = st.open_store(str(path))
    for name in names:
        st.create_case(store, sample_case(name=name), who="田中", today=TODAY)
    store.close()


def _names(path: Path) -> list[str]:
    store = st.open_store(str(path))
    try:
        return sorted(summary.name for summary in st.list_cases(store))
    finally:
        store.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_of_an_open_database_is_a_private_self_contained_copy(tmp_path: Path) -> None:
    db, out = tmp_path / "cases.db", tmp_path / "backup.db"
    store = st.open_store(str(db))
    try:
        st.create_case(store, sample_case(name="バックアップ対象"), who="田中", today=TODAY)
        with store.read() as session:  # the app is running and reading while the clerk backs up
            session.connection()
            assert backup_database(store, out) == out
    finally:
        store.close()
    assert not out.with_name("backup.db-wal").exists()
    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("SELECT name FROM cases").fetchall() == [("バックアップ対象",)]
    conn.close()
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    assert _names(out) == ["バックアップ対象"]


def test_cli_backup_refuses_to_overwrite_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "cases.db", tmp_path / "backup.db"
    _db_with(db, "一件目")
    out.write_text("前のバックアップ", encoding="utf-8")

    assert main(["--db", str(db), "backup", "--out", str(out)]) == 2
    assert "既に存在します" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "前のバックアップ"

    assert main(["--db", str(db), "backup", "--out", str(out), "--force"]) == 0
    assert f"バックアップを作成しました: {out}" in capsys.readouterr().out
    assert _names(out) == ["一件目"]


def test_backup_of_a_server_database_points_to_pg_dump(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    st.open_store(pg_url).close()
    assert main(["--db", pg_url, "backup", "--out", str(tmp_path / "b.db")]) == 2
    err = capsys.readouterr().err
    assert "pg_dump" in err and "Traceback" not in err
    assert not (tmp_path / "b.db").exists()


def test_restore_replaces_the_database_and_keeps_the_old_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "cases.db", tmp_path / "backup.db"
    _db_with(db, "残す案件")
    assert main(["--db", str(db), "backup", "--out", str(out)]) == 0
    _db_with(db, "後から追加した案件")

    assert main(["--db", str(db), "restore", str(out)]) == 0

    printed = capsys.readouterr().out
    assert _names(db) == ["残す案件"]
    kept = list(tmp_path.glob("cases.*.before-restore.db"))
    assert len(kept) == 1 and str(kept[0]) in printed
    assert _names(kept[0]) == ["後から追加した案件", "残す案件"]
    if os.name == "posix":
        assert kept[0].stat().st_mode & 0o777 == 0o600 and db.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database at all" * 20, "npo-desk のデータベースではありません"),
        (None, "見つかりません"),
    ],
)
def test_restore_checks_the_file_first_and_touches_nothing(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    db, bad = tmp_path / "cases.db", tmp_path / "bad.db"
    _db_with(db, "現在の案件")
    if content is not None:
        bad.write_bytes(content)
    before = _digest(db)
    with pytest.raises(StoreError, match=message):
        restore_database(str(db), bad)
    assert _digest(db) == before
    assert list(tmp_path.glob("*.before-restore.db")) == []


def test_restore_refuses_a_foreign_or_newer_database(tmp_path: Path) -> None:
    db, other, newer = tmp_path / "cases.db", tmp_path / "other.db", tmp_path / "newer.db"
    _db_with(db, "現在の案件")
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    _db_with(newer, "未来の案件")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()

    with pytest.raises(DatabaseUnusable, match="バックアップではありません"):
        restore_database(str(db), other)
    with pytest.raises(DatabaseUnusable, match="新しいバージョン"):
        restore_database(str(db), newer)
    assert _names(db) == ["現在の案件"]


def test_restore_over_a_damaged_database_keeps_its_bytes(tmp_path: Path) -> None:
    db, out = tmp_path / "cases.db", tmp_path / "backup.db"
    _db_with(db, "無事な案件")
    backup_database(str(db), out)
    db.write_bytes(b"\x00" * 100 + b"damaged")
    damaged = _digest(db)

    kept = restore_database(str(db), out)

    assert kept is not None and _digest(kept) == damaged
    assert _names(db) == ["無事な案件"]


def test_restore_into_a_missing_database_creates_it(tmp_path: Path) -> None:
    out = tmp_path / "backup.db"
    _db_with(out, "持ち込んだ案件")
    target = tmp_path / "new" / "cases.db"
    target.parent.mkdir()
    assert restore_database(str(target), out) is None
    assert _names(target) == ["持ち込んだ案件"]


def test_restore_of_a_server_database_is_refused(pg_url: str, tmp_path: Path) -> None:
    out = tmp_path / "backup.db"
    _db_with(out, "案件")
    with pytest.raises(StoreError, match="pg_restore"):
        restore_database(pg_url, out)
