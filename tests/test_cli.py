"""The command line reads the installation's saved settings, and never creates a database to do so."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from npo_desk import store
from npo_desk.cli import main
from npo_desk.domain.settings import DecisionPeriod, Settings
from tests.store.samples import sample_case


def _saved(tmp_path, **changes) -> str:
    path = tmp_path / "cases.db"
    st = store.open_store(str(path))
    try:
        store.save_settings(st, dataclasses.replace(Settings(), **changes), who="test")
    finally:
        st.close()
    return str(path)


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_deadlines_follow_the_saved_ordinance_period(tmp_path, capsys) -> None:
    db = _saved(tmp_path, decision_period=DecisionPeriod(months=1, days=None))
    assert main(["--db", db, "deadlines", "--received", "2025-04-07", "--json"]) == 0
    decision = _json(capsys)["deadlines"]["decision_deadline"]
    assert decision["date"] == "2025-05-21"
    assert decision["basis"].endswith("及び条例")


def test_without_a_database_the_law_defaults_apply_and_none_is_created(tmp_path, capsys) -> None:
    assert main(["deadlines", "--received", "2025-04-07", "--json"]) == 0
    assert _json(capsys)["deadlines"]["decision_deadline"]["date"] == "2025-06-21"
    assert not any(tmp_path.rglob("*.db"))


def test_jurisdiction_judges_for_the_saved_authority(tmp_path, capsys) -> None:
    db = _saved(tmp_path, home_authority="宮崎県")
    assert main(["--db", db, "jurisdiction", "--office", "宮崎県日南市中央通1-1", "--json"]) == 0
    verdict = _json(capsys)
    assert (verdict["authority"], verdict["ours"]) == ("宮崎県", True)


def test_a_named_database_that_does_not_exist_is_an_error(tmp_path, capsys) -> None:
    missing = tmp_path / "nothing.db"
    assert main(["--db", str(missing), "deadlines", "--received", "2025-04-07"]) == 2
    err = capsys.readouterr().err
    assert "nothing.db" in err and "ありません" in err and "Traceback" not in err
    assert not missing.exists()


def _one_line_error(capsys) -> str:
    """The error the command printed: exactly one line on stderr, no traceback."""
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("npo-desk: "), captured.err
    return lines[0]


@pytest.mark.parametrize(
    ("db", "fragment"),
    [
        ("foo://bar", "扱えないデータベースの種類"),
        ("mysql://u@localhost/x", "ドライバー (MySQLdb) がインストールされていません"),
        ("postgresql://[::1", "URL として読めません"),
        ("postgresql://u:secret@127.0.0.1:1/x", "接続できません"),  # nothing listens on port 1
    ],
)
def test_a_database_that_cannot_be_reached_is_one_line_and_exit_2(tmp_path, capsys, db, fragment) -> None:
    """The driver's several lines (psycopg: 「Connection refused」 then 「Is the server running…」)
    become one; an unknown dialect or a missing driver is a sentence, not a SQLAlchemy traceback."""
    assert main(["--db", db, "deadlines", "--received", "2025-04-07"]) == 2
    line = _one_line_error(capsys)
    assert fragment in line
    assert "secret" not in line


def test_a_receipt_date_too_far_ahead_to_count_from_is_one_line(capsys) -> None:
    assert main(["deadlines", "--received", "9999-12-17"]) == 2
    assert "9999-12-17" in _one_line_error(capsys)


def _filled(path: Path) -> None:
    st = store.open_store(str(path))
    try:
        for i in range(30):
            case = sample_case(notes="メモ" * 200 + str(i))
            store.create_case(st, case, who="田中", today=date(2026, 4, 7))
    finally:
        st.close()


def test_a_damaged_backup_is_one_line_and_does_not_advise_restoring_a_backup(tmp_path, capsys) -> None:
    db, backup = tmp_path / "cases.db", tmp_path / "backup.db"
    _filled(db)
    _filled(backup)
    with backup.open("r+b") as handle:  # scribble over a few b-tree pages: quick_check lists many
        handle.seek(4096 * 3)
        handle.write(b"\xde\xad\xbe\xef" * 4096)
    before = db.read_bytes()
    assert main(["--db", str(db), "restore", str(backup)]) == 2
    line = _one_line_error(capsys)
    assert "壊れています" in line and "backup.db" in line and "復元は行っていません" in line
    assert "バックアップから復元" not in line and "npo-desk restore" not in line
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("backup.db-*"))  # checked as it is: no -wal or -shm left beside it


@pytest.mark.parametrize("name", ["c%20d.db", "x?mode=ro.db", "y#z.db"])
def test_a_plain_path_is_a_path_not_a_url(tmp_path, monkeypatch, capsys, name) -> None:
    """Only text with 「://」 is a URL: 「c%20d.db」 is that file, not 「c d.db」; 「x?mode=ro.db」 is
    written to, as itself, not to 「x」 read-only."""
    monkeypatch.chdir(tmp_path)
    st = store.open_store(name)
    try:
        store.create_case(st, sample_case(), who="田中", today=date(2026, 4, 7))
    finally:
        st.close()
    assert sorted(p.name for p in tmp_path.glob("*.db")) == [name]
    assert main(["--db", name, "backup", "--out", "copy.db"]) == 0
    assert (tmp_path / "copy.db").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["report", "deadlines", "--out", "r.pdf", "--days", "99999999999999999999"], "--days"),
        (["report", "case-sheet", "--case", "R8-\udcff", "--out", "r.pdf"], "--case"),
        (["jurisdiction", "--office", "宮崎県日南市\udcff"], "--office"),
    ],
)
def test_arguments_found_by_the_fuzz_are_one_line(tmp_path, monkeypatch, capsys, args, fragment) -> None:
    """A huge day count overflowed the calendar; bytes that are not UTF-8 (a shell passes them as
    lone surrogates) reached SQLite. Both ended in a traceback."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "cases.db"
    _filled(db)
    assert main(["--db", str(db), *args]) == 2
    assert fragment in _one_line_error(capsys)


def test_a_backup_may_have_a_file_name_that_is_not_utf8(tmp_path, capsys) -> None:
    db = tmp_path / "cases.db"
    _filled(db)
    out = tmp_path / "バックアップ\udcff.db"  # what a shell passes for a Shift_JIS-named file
    assert main(["--db", str(db), "backup", "--out", str(out)]) == 0
    assert main(["--db", str(db), "restore", str(out)]) == 0
    assert main(["--db", str(out), "export", "--out", str(tmp_path / "x.csv")]) == 2
    assert "読めない文字" in _one_line_error(capsys)


_HEAVY = ("sqlalchemy", "alembic", "sqlmodel", "PySide6", "openpyxl", "holidays.countries")
_LOADED = """
import json, sys
from npo_desk.cli import main
status = main(sys.argv[1:])
heavy = {heavy!r}
found = {{m for m in sys.modules for h in heavy if m == h or m.startswith(h + ".")}}
print(json.dumps([status, sorted(found)]))
"""


def _modules_after(args: list[str]) -> tuple[int, list[str], str]:
    """(exit status, heavy modules loaded, what was printed before) of ``main(args)`` in a fresh Python."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADED.format(heavy=_HEAVY), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    *printed, last = done.stdout.splitlines()
    status, loaded = json.loads(last)
    return status, loaded, "\n".join(printed)


@pytest.mark.parametrize(
    "args",
    [
        ["deadlines", "--received", "2025-04-07", "--json"],
        ["deadlines", "--received", "2025-05-03"],  # a closed day: the holiday table is read
        ["deadlines", "--procedure", "articles-amendment", "--received", "2021-06-09", "--json"],
        ["jurisdiction", "--office", "宮崎県日南市中央通1丁目1-1", "--as-of", "2026-04-01"],
    ],
)
def test_without_a_database_the_calculations_load_no_store_qt_or_spreadsheet(args: list[str]) -> None:
    """Issue 11.4: the command line starts fast; a calculation with no database loads neither the store
    (SQLAlchemy, Alembic, SQLModel) nor Qt nor openpyxl, nor the holiday tables of other countries."""
    status, loaded, printed = _modules_after(args)
    assert status == 0 and printed
    assert loaded == []


def test_with_a_database_the_settings_are_read_through_the_store(tmp_path) -> None:
    """The other side of the test above: the saved settings need the store, loaded only then."""
    db = _saved(tmp_path, decision_period=DecisionPeriod(months=1, days=None))
    status, loaded, printed = _modules_after(["--db", db, "deadlines", "--received", "2025-04-07", "--json"])
    assert status == 0 and json.loads(printed)["deadlines"]["decision_deadline"]["date"] == "2025-05-21"
    assert "sqlalchemy" in loaded and "PySide6" not in loaded


def test_version_is_printed_on_stdout(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith("npo-desk ")


def test_a_reader_that_stops_reading_is_not_an_error() -> None:
    """`npo-desk deadlines … | head -1`: the pipe closes before we write; no traceback, no
    「Exception ignored」 line, and the status a program stopped by SIGPIPE has."""
    child = subprocess.Popen(
        [sys.executable, "-m", "npo_desk.cli", "deadlines", "--received", "2026-11-16"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before the child has started writing
    with child.stderr:
        stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == 128 + 13
    assert stderr == ""
