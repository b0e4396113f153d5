"""Opening a store: the URL, the engine with its per-connection pragmas, and the upgrade to head.

``open_store`` is the only way in. It never writes to a file it does not understand: a file that is
not a database, a damaged one and one from a newer npo-desk are refused with a Japanese message
before anything is opened for writing. An existing SQLite file that needs an upgrade is first copied
to a timestamped backup beside it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from npo_desk import paths
from npo_desk.store.errors import DatabaseUnusable, StoreBusy, StoreError
from npo_desk.store.sqlite_files import (
    check_sqlite_file,
    connect_read_only,
    copy_database,
    create_private,
    sibling_backup_path,
)

if TYPE_CHECKING:  # Alembic is imported only when a schema is created or upgraded (issue 11)
    from alembic.config import Config

_BEGIN_OPTION = "npo_desk_begin"
_BUSY_OPTION = "npo_desk_busy_ms"  # how long a transaction waits for another writer (SQLite)
_BUSY_MS = 15000
_UPGRADE_LOCK = 0x4E504F44  # "NPOD": serialises schema upgrades of one PostgreSQL database


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(eq=False)
class Store:
    """An open database. Cheap to share; every operation uses its own short session."""

    engine: Engine
    url: URL
    path: Path | None  # the SQLite file, None for a server database
    now: Callable[[], datetime] = field(default=_utc_now)

    @property
    def display_name(self) -> str:
        """The file path, or the server URL without its password: for titles and messages."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing is committed."""
        with Session(self.engine, expire_on_commit=False) as session, _translated_errors(self.display_name):
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session committed at the end, rolled back on any error.

        On SQLite it takes the write lock at the start (BEGIN IMMEDIATE), so two writers queue for
        ``busy_timeout`` instead of failing when a read lock would have to be upgraded.
        """
        with Session(self.engine, expire_on_commit=False) as session, _translated_errors(self.display_name):
            if self.is_sqlite:
                session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE"})
            yield session
            session.commit()

    @contextmanager
    def write_if_free(self) -> Iterator[Session]:
        """A write that gives up at once (StoreBusy) where another writer holds what it needs, instead
        of waiting: for work that may as well be left for later (``store.deadline_cache``)."""
        with Session(self.engine, expire_on_commit=False) as session, _translated_errors(self.display_name):
            if self.is_sqlite:
                session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE", _BUSY_OPTION: 0})
            elif self.url.get_backend_name() == "postgresql":
                session.execute(text("SET LOCAL lock_timeout = '250ms'"))
            yield session
            session.commit()

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _translated_errors(where: str) -> Iterator[None]:
    """Database failures become messages the clerk can act on; the transaction was rolled back."""
    try:
        yield
    except IntegrityError:
        raise  # a constraint the caller handles (e.g. a case number taken concurrently)
    except DBAPIError as err:
        detail = str(err.orig).strip().splitlines()[0] if str(err.orig).strip() else type(err.orig).__name__
        lowered = detail.lower()
        if "locked" in lowered or "busy" in lowered:
            raise StoreBusy() from None
        if "disk is full" in lowered or "no space" in lowered:
            raise StoreError(
                f"ディスクの空き容量が足りないため、「{where}」に保存できませんでした。変更は保存されていません。"
                "空き容量を確保してから、もう一度保存してください。"
            ) from None
        if "readonly" in lowered or "read-only" in lowered:
            raise StoreError(
                f"「{where}」は読み取り専用のため、保存できませんでした。変更は保存されていません。"
                "ファイルの権限を確認してください。"
            ) from None
        if "malformed" in lowered or "not a database" in lowered or "i/o error" in lowered:
            raise DatabaseUnusable(
                f"データベース「{where}」の読み書きに失敗しました ({detail})。変更は保存されていません。"
                "アプリを終了し、「npo-desk restore バックアップファイル」で"
                "バックアップから復元してください。"
            ) from None
        raise StoreError(
            f"データベース「{where}」とのやり取りに失敗しました ({detail})。変更は保存されていません。"
            "接続を確認して、もう一度操作してください。"
        ) from None


def resolve_url(db: str | None = None) -> URL:
    """``--db`` / ``NPO_DESK_DB`` / the default file as a URL; ``postgresql://`` means psycopg 3.

    Only text with ``://`` is a URL; a file path goes in as the database name as it is, so SQLAlchemy
    never reads its % or ? (URL.create, not a URL string). DatabaseUnusable for unreadable URL text.
    """
    target = paths.database_target(db)
    try:
        str(target).encode()
    except UnicodeEncodeError:  # bytes a shell passed that are not UTF-8: no driver takes such a name
        raise DatabaseUnusable(
            f"データベース「{os.fsencode(target).decode(errors='replace')}」の名前に読めない文字があります。"
            "文字化けしていない名前のファイルを --db で指定してください。"
        ) from None
    if isinstance(target, Path):
        return URL.create("sqlite", database=str(target))
    try:
        url = make_url(target)
    except (ArgumentError, ValueError):  # ValueError: e.g. a port that is not a number
        raise DatabaseUnusable(
            f"「{target}」はデータベースの URL として読めません。"
            "SQLite のファイル名か postgresql://ユーザー@サーバー/データベース名 を指定してください。"
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _check_driver(url: URL) -> None:
    """DatabaseUnusable, in one line, for a kind of database SQLAlchemy does not know (foo://) or
    whose Python driver is not installed (mysql:// without MySQLdb)."""
    where = url.render_as_string(hide_password=True)
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise DatabaseUnusable(
            f"「{where}」の「{url.drivername}」は npo-desk が扱えないデータベースの種類です。"
            "SQLite のファイル名か postgresql://ユーザー@サーバー/データベース名 を指定してください。"
        ) from None
    try:
        dialect.import_dbapi()
    except ImportError as err:
        driver = err.name or url.drivername
        raise DatabaseUnusable(
            f"「{where}」に接続するためのドライバー ({driver}) がインストールされていません。"
            "npo-desk が対応する SQLite か PostgreSQL を指定してください。"
        ) from None


def _sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def make_engine(url: URL, *, pool: bool = True) -> Engine:
    """An engine whose every SQLite connection runs in WAL mode with foreign keys enforced."""
    kwargs: dict[str, Any] = {} if pool else {"poolclass": NullPool}
    if url.get_backend_name() == "postgresql":
        # Dates travel as ISO text whatever the server or the clerk's role is configured with.
        options = {"options": "-c DateStyle=ISO,YMD -c TimeZone=UTC"}
        return create_engine(url, pool_pre_ping=True, connect_args=options, **kwargs)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_engine(url, connect_args={"timeout": 15}, **kwargs)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, see below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")  # a committed save survives a power cut too
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        options = conn.get_execution_options()
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(options.get(_BUSY_OPTION, _BUSY_MS))}")
        conn.exec_driver_sql(f"BEGIN {options.get(_BEGIN_OPTION, 'DEFERRED')}")

    return engine


_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=\n]*=(.*)$", re.MULTILINE)


@cache
def schema_revisions() -> tuple[frozenset[str], frozenset[str]]:
    """(every known revision, the head revisions), read from the ``revision = "..."`` and
    ``down_revision = ...`` lines of db/versions.

    Importing Alembic and loading its scripts costs most of a short command's start-up, and an
    up-to-date database needs neither; the scripts stay the one truth (a test compares this with
    Alembic's own ScriptDirectory).
    """
    known: set[str] = set()
    parents: set[str] = set()
    for script in (paths.MIGRATIONS_DIR / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
            quoted = set(re.findall(r"[\"']([^\"']+)[\"']", value))
            (known if name == "revision" else parents).update(quoted)
    return frozenset(known), frozenset(known - parents)


def alembic_config(url: URL | None = None) -> Config:
    """Alembic's configuration, built in code: no alembic.ini is needed at run time."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def open_store(
    db: str | None = None, *, now: Callable[[], datetime] = _utc_now, create: bool = True
) -> Store:
    """Open (creating or upgrading as needed) the database named by ``db``, NPO_DESK_DB or the default.

    ``create=False`` is for commands that only read or add to existing cases (report, export): a
    mistyped path must be an error, not a new empty database and an empty report.
    """
    url = resolve_url(db)
    _check_driver(url)
    path = _sqlite_path(url)
    if path is not None:
        if path.exists() and path.stat().st_size > 0:
            check_sqlite_file(path)
        elif not create:
            raise DatabaseUnusable(
                f"データベースファイル「{path}」がありません。--db で既存のデータベースを指定してください。"
            )
        else:
            create_private(path)
    try:
        _upgrade(url, path, now)
        engine = make_engine(url)
    except (DBAPIError, sqlite3.Error, OSError) as err:  # OSError: e.g. no room for the pre-upgrade copy
        raise _unusable(url, path, err) from None
    return Store(engine=engine, url=url, path=path, now=now)


def _unusable(url: URL, path: Path | None, err: Exception) -> DatabaseUnusable:
    detail = " ".join(str(getattr(err, "orig", err)).split())  # one line: the driver's may have several
    if path is not None:
        return DatabaseUnusable(
            f"データベースファイル「{path}」を開けません ({detail})。ファイルは変更していません。"
            "ほかのプログラムが使用していないか確認し、解決しない場合はバックアップから復元してください。"
        )
    where = url.render_as_string(hide_password=True)
    if not isinstance(err, OperationalError):  # connected, but e.g. not allowed to create the tables
        return DatabaseUnusable(
            f"データベース「{where}」を準備できませんでした ({detail or type(err).__name__})。"
            "データベースのユーザーにテーブルを作成・変更する権限があるかを確認してください。"
        )
    return DatabaseUnusable(
        f"データベース「{where}」に接続できません ({detail})。"
        "サーバーが起動しているか、接続先・ユーザー名・パスワードが正しいかを確認してください。"
    )


def _schema_state(url: URL, path: Path | None) -> tuple[set[str], set[str]]:
    """(Alembic revisions, other tables) of the database; an SQLite file is only read, never written."""
    if path is not None:
        conn = connect_read_only(path)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            current: set[str] = set()
            if "alembic_version" in tables:
                current = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
        finally:
            conn.close()
        return current, tables - {"alembic_version"}
    engine = make_engine(url, pool=False)
    try:
        with engine.connect() as sa_conn:
            tables = set(inspect(sa_conn).get_table_names())
            current = set()
            if "alembic_version" in tables:
                current = {row[0] for row in sa_conn.execute(text("SELECT version_num FROM alembic_version"))}
            return current, tables - {"alembic_version"}
    finally:
        engine.dispose()


def _upgrade(url: URL, path: Path | None, now: Callable[[], datetime]) -> None:
    known, heads = schema_revisions()
    current, tables = _schema_state(url, path)
    if current and current == heads:
        return  # up to date: Alembic is not even imported
    from alembic import command

    where = f"「{path}」" if path else f"「{url.render_as_string(hide_password=True)}」"
    engine = make_engine(url, pool=False)
    try:
        if not current and tables:
            raise DatabaseUnusable(
                f"{where}は npo-desk のデータベースではありません (別のアプリのデータが入っています)。"
                "変更せずに終了しました。npo-desk 用の新しいファイルを --db で指定してください。"
            )
        if current - known:
            raise DatabaseUnusable(
                f"{where}は新しいバージョンの npo-desk で更新されています"
                f" (スキーマ {', '.join(sorted(current))})。このバージョンでは開けません。"
                "ファイルは変更していません。npo-desk を最新版に更新してください。"
            )
        if current == heads:
            return
        if current and path is not None:
            copy_database(path, sibling_backup_path(path, "before-upgrade", now().astimezone()))
        with engine.connect() as conn:
            if path is not None:
                # Table rebuilds during a migration must not cascade into child rows. The pragma only
                # works outside a transaction, hence on the driver connection before BEGIN.
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
                # Two copies of the app starting at once: the second waits for the first's upgrade,
                # then finds the schema at head (Alembic reads the version inside the transaction).
                conn = conn.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_UPGRADE_LOCK})")
                config = alembic_config(url)
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if path is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DatabaseUnusable(
                        f"{where}の更新中に参照の不整合が見つかりました。ファイルは更新前のままです。"
                    )
    finally:
        engine.dispose()
