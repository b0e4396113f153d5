"""SQLite files on disk: private creation, checks before use, and consistent copies.

Everything here works on a path, before or beside SQLAlchemy, so that a bad file is diagnosed
without ever being opened for writing.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from npo_desk.private_files import create_private_file, make_private, private_dir
from npo_desk.store.errors import DatabaseUnusable

SQLITE_HEADER = b"SQLite format 3\x00"
# What SQLite writes beside a database: its mode is the database file's, so a private file has private ones.
COMPANIONS = ("-wal", "-shm", "-journal")


def create_private(path: Path) -> None:
    """Create an empty database file readable by the owner only (SQLite gives -wal/-shm the same
    mode), in a private folder when the folder is new."""
    try:
        if not path.parent.is_dir():
            private_dir(path.parent)
        create_private_file(path)
    except OSError as err:
        raise DatabaseUnusable(
            f"データベースファイル「{path}」を作成できません ({err.strerror})。"
            "書き込みできるフォルダーを --db で指定してください。"
        ) from None


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection. ``immutable``: for a file nothing else writes (a backup being checked):
    SQLite then leaves no -wal or -shm beside it, even when its header says WAL."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"file:{quote(os.fsencode(path))}?{flags}", uri=True)


def check_sqlite_file(path: Path, *, backup: bool = False) -> None:
    """Raise DatabaseUnusable unless ``path`` is a readable, undamaged SQLite file (reads only).

    ``backup``: the file is a backup about to be restored, so the advice is to choose another one,
    not to restore from a backup."""
    if path.is_dir():
        raise DatabaseUnusable(
            f"「{path}」はフォルダーです。データベースのファイル名を --db で指定してください。"
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as err:
        raise DatabaseUnusable(
            f"データベースファイル「{path}」を読み込めません ({err.strerror})。"
            "ファイルの権限を確認してください。"
        ) from None
    if header != SQLITE_HEADER and backup:
        raise DatabaseUnusable(
            f"「{path}」は npo-desk のデータベースではありません (SQLite 形式のファイルではありません)。"
            "復元は行っていません。正しいバックアップファイルを指定してください。"
        )
    if header != SQLITE_HEADER:
        raise DatabaseUnusable(
            f"「{path}」は npo-desk のデータベースではありません (SQLite 形式のファイルではありません)。"
            "ファイルは変更していません。"
            "正しいファイルを --db で指定するか、バックアップから復元してください。"
        )
    try:
        conn = connect_read_only(path, immutable=backup)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise _damaged(path, str(err), backup) from None
    if rows != [("ok",)]:
        more = f" ほか{len(rows) - 1}件" if len(rows) > 1 else ""
        raise _damaged(path, f"{rows[0][0]}{more}", backup)


def _damaged(path: Path, detail: str, backup: bool) -> DatabaseUnusable:
    """One line (SQLite's detail may span several), with the advice that fits the file."""
    detail = " ".join(detail.split())
    if len(detail) > 120:
        detail = detail[:119] + "…"
    if backup:
        return DatabaseUnusable(
            f"バックアップファイル「{path}」は壊れています ({detail})。復元は行っていません。"
            "別のバックアップファイルを指定してください。"
        )
    return DatabaseUnusable(
        f"データベースファイル「{path}」は壊れています ({detail})。ファイルは変更していません。"
        "「npo-desk restore バックアップファイル」でバックアップから復元してください。"
    )


def sibling_backup_path(path: Path, reason: str, now: datetime) -> Path:
    """``npo-desk.20261128-105312.before-upgrade.db`` next to ``npo-desk.db`` (never an existing name)."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.{stamp}.{reason}{path.suffix or '.db'}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{stamp}-{counter}.{reason}{path.suffix or '.db'}")
        counter += 1
    return candidate


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database (SQLite online backup API), written atomically, 0600.

    The copy is a single self-contained file (rollback journal, not WAL), so it can be mailed,
    archived or restored without its -wal companion.
    """
    partial = target.with_name(target.name + ".partial")
    _remove_with_companions(partial)
    create_private(partial)
    try:
        src = connect_read_only(source)
        try:
            dst = sqlite3.connect(os.fsencode(partial))  # bytes: also a name that is not UTF-8
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                dst.commit()
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except BaseException:
        _remove_with_companions(partial)  # a failed copy leaves nothing behind, not even its journal
        raise
    make_private(target)


def _remove_with_companions(path: Path) -> None:
    for name in (path.name, *(path.name + suffix for suffix in COMPANIONS)):
        path.with_name(name).unlink(missing_ok=True)


def restore_into(source: Path, target: Path) -> None:
    """Overwrite the live database ``target`` with ``source`` page by page (same inode, same mode)."""
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(os.fsencode(target), timeout=15)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
