"""Backup and restore of an SQLite database file, safe to run while the app has it open.

Both go through SQLite's online backup API, so a copy is consistent even mid-write. A restore checks
the file first and keeps the database it replaces as a timestamped backup beside it. PostgreSQL
databases are backed up with the server's own tools (pg_dump / pg_restore).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from npo_desk.private_files import copy_private
from npo_desk.store.database import Store, open_store, resolve_url, schema_revisions
from npo_desk.store.errors import DatabaseUnusable, StoreError
from npo_desk.store.sqlite_files import (
    check_sqlite_file,
    connect_read_only,
    copy_database,
    restore_into,
    sibling_backup_path,
)


def _sqlite_file(db: Store | str | None, action: str) -> Path:
    if isinstance(db, Store):
        path = db.path
        url = db.url
    else:
        url = resolve_url(db)
        path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    if path is None:
        tool = "pg_dump" if action == "バックアップ" else "pg_restore"
        raise StoreError(
            f"PostgreSQL などのサーバーのデータベース ({url.render_as_string(hide_password=True)})"
            f" の{action}にはサーバー側のツール ({tool}) を使ってください。"
            f"npo-desk の{action}は SQLite のファイルが対象です。"
        )
    return path


def backup_database(db: Store | str | None, out: Path, *, overwrite: bool = False) -> Path:
    """Write a consistent copy of the database to ``out`` (0600); returns the absolute path written."""
    source = _sqlite_file(db, "バックアップ")
    target = out.expanduser().resolve()
    if not source.exists() or source.stat().st_size == 0:
        raise StoreError(
            f"データベースファイル「{source}」がありません。--db でバックアップ元を指定してください。"
        )
    if target == source.resolve():
        raise StoreError("バックアップ先がデータベースファイル自身です。別のファイル名を指定してください。")
    if target.exists() and not overwrite:
        raise StoreError(
            f"「{target}」は既に存在します。別のファイル名を指定するか、上書きを指定 (--force) してください。"
        )
    if not target.parent.is_dir():
        raise StoreError(f"フォルダー「{target.parent}」がありません。保存先のフォルダーを確認してください。")
    check_sqlite_file(source)
    try:
        copy_database(source, target)
    except (OSError, sqlite3.Error) as err:
        raise StoreError(
            f"バックアップ「{target}」を書き込めませんでした ({err})。保存先を確認してください。"
        ) from None
    check_sqlite_file(target)
    return target


def check_backup_file(source: Path) -> None:
    """Refuse anything but an undamaged npo-desk database this version can read."""
    if not source.is_file():
        raise StoreError(f"バックアップファイル「{source}」が見つかりません。ファイル名を確認してください。")
    check_sqlite_file(source, backup=True)
    known, _heads = schema_revisions()
    conn = connect_read_only(source, immutable=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revisions = (
            {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
            if "alembic_version" in tables
            else set()
        )
    finally:
        conn.close()
    if not revisions or "cases" not in tables:
        raise DatabaseUnusable(
            f"「{source}」は npo-desk のバックアップではありません。復元は行っていません。"
            "正しいファイルを指定してください。"
        )
    if revisions - known:
        raise DatabaseUnusable(
            f"「{source}」は新しいバージョンの npo-desk で作られたバックアップです。復元は行っていません。"
            "npo-desk を最新版に更新してから復元してください。"
        )


def restore_database(db: str | None, source: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the database with the backup ``source``; returns where the replaced one was kept
    (None when there was no database yet).

    Close every open ``Store`` on the database first and open it again afterwards.
    """
    target = _sqlite_file(db, "復元")
    source = source.expanduser().resolve()
    if source == target.resolve():
        raise StoreError(
            "復元するファイルが現在のデータベースそのものです。バックアップファイルを指定してください。"
        )
    check_backup_file(source)
    kept: Path | None = None
    if not target.exists() or target.stat().st_size == 0:
        _replace_file(source, target)
    else:
        kept = sibling_backup_path(target, "before-restore", now or datetime.now(UTC).astimezone())
        try:
            check_sqlite_file(target)
        except DatabaseUnusable:  # a damaged database is what one restores over: keep its bytes as they are
            _keep_raw(target, kept)
            _replace_file(source, target)
        else:
            copy_database(target, kept)
            restore_into(source, target)
    open_store(str(target)).close()  # upgrades an older backup to this version's schema
    return kept


def _keep_raw(target: Path, kept: Path) -> None:
    """The damaged database's bytes as they are, -wal/-shm too, all private like the database."""
    copy_private(target, kept)
    for suffix in ("-wal", "-shm"):
        companion = target.with_name(target.name + suffix)
        if companion.exists():
            copy_private(companion, kept.with_name(kept.name + suffix))


def _replace_file(source: Path, target: Path) -> None:
    """Put a copy of ``source`` in place of a missing or unusable ``target`` (and its stale WAL)."""
    fresh = target.with_name(target.name + ".restoring")
    copy_database(source, fresh)
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    fresh.replace(target)
