"""Every file npo-desk writes is its owner's alone (0600), every folder it creates 0700, under the
usual 022 umask: exports, PDF reports, logs, backups, the database and the copies kept beside it."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

import npo_desk.store as st
from npo_desk import paths
from npo_desk.cli import main
from npo_desk.store import sqlite_files
from tests.store.samples import sample_case

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX"),
    pytest.mark.usefixtures("loose_umask"),  # tests/conftest.py: every test here under umask 022
]

ESTABLISHED = (
    st.Milestone(st.MilestoneKind.RECEIVED, date(2025, 4, 7)),
    st.Milestone(st.MilestoneKind.CERTIFIED, date(2025, 6, 2)),
    st.Milestone(st.MilestoneKind.CERTIFICATE_DELIVERED, date(2025, 6, 4)),
    st.Milestone(st.MilestoneKind.REGISTERED, date(2025, 6, 10)),
)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cases.db"
    store = st.open_store(str(path))
    try:
        st.create_case(store, sample_case(milestones=ESTABLISHED), who="田中", today=date(2026, 4, 7))
    finally:
        store.close()
    return path


def test_the_data_folder_is_private_new_or_from_an_older_version(tmp_path: Path, monkeypatch) -> None:
    fresh = tmp_path / "fresh" / "npo-desk"
    monkeypatch.setenv("NPO_DESK_DATA_DIR", str(fresh))
    assert _mode(paths.user_data_dir()) == 0o700
    older = tmp_path / "older"
    older.mkdir(mode=0o755)
    monkeypatch.setenv("NPO_DESK_DATA_DIR", str(older))
    assert _mode(paths.user_data_dir()) == 0o700


def test_a_new_folder_for_the_database_is_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "cases.db"
    st.open_store(str(path)).close()
    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)


@pytest.mark.parametrize("name", ["cases.csv", "cases.xlsx", "statistics.csv"])
def test_exports_are_private(db: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    layout = "statistics" if name.startswith("statistics") else "ledger"
    assert main(["--db", str(db), "export", "--out", str(out), "--layout", layout]) == 0
    assert _mode(out) == 0o600


def test_an_export_over_a_world_readable_file_makes_it_private(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "cases.csv"
    out.write_text("old")
    out.chmod(0o644)
    assert main(["--db", str(db), "export", "--out", str(out), "--layout", "ledger"]) == 0
    assert _mode(out) == 0o600


def test_pdf_reports_are_private(db: Path, tmp_path: Path, qapp) -> None:
    report, sheet = tmp_path / "期限一覧表.pdf", tmp_path / "案件票.pdf"
    assert main(["--db", str(db), "report", "deadlines", "--out", str(report), "--days", "3650"]) == 0
    number = st.list_cases(st.open_store(str(db)))[0].number
    assert main(["--db", str(db), "report", "case-sheet", "--case", number, "--out", str(sheet)]) == 0
    assert report.read_bytes().startswith(b"%PDF") and sheet.read_bytes().startswith(b"%PDF")
    assert (_mode(report), _mode(sheet)) == (0o600, 0o600)


def test_the_logs_are_private_also_after_a_rotation(tmp_path: Path, monkeypatch) -> None:
    from npo_desk.gui import errors, process

    monkeypatch.setenv("NPO_DESK_DATA_DIR", str(tmp_path / "data"))
    process.configure_logging()
    handler = next(h for h in process.log.handlers if getattr(h, "npo_desk_session", False))
    try:
        process.log.info("起動しました")
        log = paths.user_data_dir() / process.LOG_NAME
        assert _mode(log) == 0o600
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.doRollover()
        process.log.info("ローテーションの後")
        assert {p.name: _mode(p) for p in log.parent.glob("npo-desk.log*")} == {
            "npo-desk.log": 0o600,
            "npo-desk.log.1": 0o600,
        }
    finally:
        process.log.removeHandler(handler)
        handler.close()
    try:
        raise RuntimeError("テスト")
    except RuntimeError as err:
        written = errors.write_log(type(err), err, err.__traceback__)
    assert written.name == "npo-desk-error.log" and _mode(written) == 0o600


def test_backups_and_the_copy_kept_before_a_restore_are_private(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    assert main(["--db", str(db), "backup", "--out", str(backup)]) == 0
    assert _mode(backup) == 0o600
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    kept = [p for p in tmp_path.glob("cases.*.before-restore.db*")]
    assert kept and all(_mode(p) == 0o600 for p in kept)


def test_the_wal_and_shm_kept_beside_a_damaged_database_are_private(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    st.backup_database(str(db), backup)
    for suffix in ("-wal", "-shm"):  # what a crashed session may leave beside a damaged file
        companion = db.with_name(db.name + suffix)
        companion.write_bytes(b"\x00" * 64)
        companion.chmod(0o644)
    db.write_bytes(b"\x00" * 100 + b"damaged")
    kept = st.backup.restore_database(str(db), backup)
    assert kept is not None
    copies = {p.name: _mode(p) for p in tmp_path.glob(kept.name + "*")}
    assert copies == {kept.name: 0o600, kept.name + "-wal": 0o600, kept.name + "-shm": 0o600}


def _interrupted_copy(source: Path, target: Path) -> dict[str, bytes]:
    """The files a backup killed halfway leaves (its partial copy and hot rollback journal)."""
    partial = target.with_name(target.name + ".partial")
    left: dict[str, bytes] = {}
    src, dst = sqlite3.connect(source), sqlite3.connect(partial)

    def snapshot(_status: int, remaining: int, _total: int) -> None:
        if remaining and not left:
            for path in target.parent.glob(partial.name + "*"):
                left[path.name] = path.read_bytes()

    try:
        src.backup(dst, pages=1, progress=snapshot)
    finally:
        src.close()
        dst.close()
    for path in target.parent.glob(partial.name + "*"):
        path.unlink()
    return left


def test_a_failed_backup_leaves_no_partial_file_or_journal(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "backup.db"
    out.parent.mkdir()
    left = _interrupted_copy(db, out)
    assert out.name + ".partial-journal" in left  # what a killed backup leaves: a hot journal
    for name, content in left.items():  # … found by the next backup
        (out.parent / name).write_bytes(content)
    assert main(["--db", str(db), "backup", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["backup.db"]
    sqlite_files.check_sqlite_file(out)

    real = sqlite3.connect

    class FullDisk(sqlite3.Connection):
        """The copy's connection on a disk that fills up while the copy leaves WAL mode: SQLite has
        written -wal and -shm beside it and cannot remove them (what a nearly full USB stick does)."""

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
            if sql.startswith("PRAGMA journal_mode"):
                partial = out.parent / "again.db.partial"
                for suffix in ("-wal", "-shm"):
                    partial.with_name(partial.name + suffix).write_bytes(b"\x00" * 32)
                raise sqlite3.OperationalError("disk I/O error")
            return super().execute(sql, *args)  # type: ignore[arg-type]

    def connect(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if os.fsdecode(target).endswith(".partial"):  # type: ignore[arg-type]
            kwargs["factory"] = FullDisk
        return real(target, *args, **kwargs)  # type: ignore[arg-type, call-overload, no-any-return]

    monkeypatch.setattr(sqlite3, "connect", connect)
    again = tmp_path / "out" / "again.db"
    assert main(["--db", str(db), "backup", "--out", str(again)]) == 2
    assert sorted(p.name for p in out.parent.iterdir()) == ["backup.db"]


def test_copies_keep_every_byte(tmp_path: Path) -> None:
    from npo_desk.private_files import copy_private

    source = tmp_path / "a.bin"
    source.write_bytes(bytes(range(256)) * 10)
    source.chmod(0o644)
    target = copy_private(source, tmp_path / "b.bin")
    assert target.read_bytes() == source.read_bytes() and _mode(target) == 0o600


def test_the_window_layout_file_is_private(tmp_path: Path, monkeypatch, qapp) -> None:
    from PySide6.QtWidgets import QWidget

    from npo_desk.gui import ui_state

    monkeypatch.setenv("NPO_DESK_DATA_DIR", str(tmp_path / "data"))
    widget = QWidget()
    ui_state.save_geometry("test", widget)
    assert _mode(paths.user_data_dir() / ui_state.INI_NAME) == 0o600


def test_the_lock_qt_takes_beside_the_settings_is_private(tmp_path: Path, monkeypatch, qapp) -> None:
    """Qt writes the settings under ``npo-desk.ini.lock`` (a QLockFile, created with 0666 less the
    umask and removed after the write): the app's process (``make_application``) makes it 0600."""
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QWidget

    from npo_desk.gui import ui_state
    from npo_desk.gui.app import make_application

    monkeypatch.setenv("NPO_DESK_DATA_DIR", str(tmp_path / "data"))
    make_application()
    ui_state.save_geometry("test", QWidget())
    ini = paths.user_data_dir() / ui_state.INI_NAME
    lock = QLockFile(f"{ini}.lock")  # the lock QSettings takes around each write (qsettings.cpp)
    assert lock.tryLock(0)
    try:
        modes = {p.name: _mode(p) for p in ini.parent.iterdir()}
    finally:
        lock.unlock()
    assert modes == {ui_state.INI_NAME: 0o600, f"{ui_state.INI_NAME}.lock": 0o600}


def test_a_program_the_window_starts_keeps_the_users_umask(monkeypatch, qapp) -> None:
    """A letter opened in Word or LibreOffice: what that program saves is the user's, under the
    umask the process started with (022 here), not the window's 077."""
    from npo_desk import private_files
    from npo_desk.gui.app import make_application

    monkeypatch.setattr(private_files, "_users_umask", [])

    def current() -> int:
        mask = os.umask(0)
        os.umask(mask)
        return mask

    make_application()
    assert current() == private_files.PRIVATE_UMASK
    with private_files.users_umask():
        assert current() == 0o022
    assert current() == private_files.PRIVATE_UMASK
