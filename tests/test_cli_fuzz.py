"""The command line under random arguments: never a traceback, exit 0 or 2 only, a refusal is the
project's own ``npo-desk: …`` message, and a refused command leaves the database byte for byte as it
was (an error may not half-write; README: errors are one Japanese line with exit status 2)."""

from __future__ import annotations

import hashlib
import io
import re
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as strats

import npo_desk.store as st
from npo_desk.cli import main
from tests.store.samples import sample_case

COMMANDS = ["deadlines", "jurisdiction", "backup", "restore", "export", "import", "report"]
OPTIONS = [
    "--received",
    "--certified",
    "--certificate-delivered",
    "--registered",
    "--procedure",
    "--refused",
    "--merger-procedures-done",
    "--registered-change",
    "--authority-change",
    "--law",
    "--json",
    "--office",
    "--as-of",
    "--home",
    "--out",
    "--force",
    "--layout",
    "--encoding",
    "--stage",
    "--from",
    "--to",
    "--replace-unencodable",
    "--case",
    "--days",
    "--db",
]
VALUES = [
    "2025-04-07",
    "令和7年4月7日",
    "R7.4.7",
    "9999-12-17",
    "0001-01-01",
    "1998-11-30",
    "2025-02-30",
    "2021-06-09",
    "1999-01-01",
    "宮崎県日南市中央通1-1-1",
    "鹿児島県鹿児島市山下町11-1",
    "宮崎県",
    "ledger",
    "cabinet-office",
    "statistics",
    "cp932",
    "utf-8-sig",
    "review",
    "established",
    "R8-001",
    "R7-001",
    "30",
    "-1",
    "99999999999999999999",
    "deadlines",
    "case-sheet",
    "out.csv",
    "out.xlsx",
    "out.pdf",
    "out.txt",
    "backup.db",
    "ledger-in.csv",
    "broken.csv",
    "missing.csv",
    "cases.db",
    "foo://bar",
    "mysql://u@localhost/x",
    "c%20d.db",
    "x?mode=ro.db",
    "no-such-dir/out.csv",
    "",
    "--",
    "-",
]
# What a shell can pass: any text but NUL (argv strings end at it), and bytes that are not UTF-8,
# which Python hands over as lone surrogates (surrogateescape).
_raw = strats.binary(max_size=8).map(lambda raw: raw.replace(b"\x00", b"").decode("utf-8", "surrogateescape"))
_text = strats.text(strats.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
_value = strats.one_of(strats.sampled_from(VALUES), _text, _raw)
_token = strats.one_of(strats.sampled_from(OPTIONS), _value)


DATES = ["2025-04-07", "令和7年4月7日", "R7.4.7", "2025/6/10", "2026-11-30", "9999-12-17", "2025-02-30"]
OUTS = ["out.csv", "out.xlsx", "out.pdf", "out.txt", "backup.db", "new.db", "no-such-dir/out.csv", ""]
POOLS = {
    "--received": DATES,
    "--certified": DATES,
    "--certificate-delivered": DATES,
    "--registered": DATES,
    "--refused": DATES,
    "--merger-procedures-done": DATES,
    "--procedure": ["establishment", "articles-amendment", "merger", "dissolution"],
    "--authority-change": ["outgoing", "incoming", "elsewhere"],
    "--as-of": DATES,
    "--from": DATES,
    "--to": DATES,
    "--law": ["2021-06-09", "2012-04-01", "1998-12-01", "1999-01-01"],
    "--office": ["宮崎県日南市中央通1-1-1", "鹿児島県鹿児島市山下町11-1", "宮崎県", "東京都千代田区"],
    "--home": ["宮崎県日南市", "宮崎県", "横浜市", "どこか"],
    "--out": OUTS,
    "--layout": ["ledger", "cabinet-office", "statistics", "other"],
    "--encoding": ["cp932", "utf-8-sig", "latin-1"],
    "--stage": ["review", "established", "consultation", "nothing"],
    "--case": ["R8-001", "R7-001", "R7-002", "X"],
    "--days": ["30", "0", "-1", "99999999999999999999"],
    "file": ["ledger-in.csv", "broken.csv", "missing.csv", "backup.db", "cases.db", "out.csv", "."],
}


def _of(name: str) -> strats.SearchStrategy[str]:
    """A value for ``name``: mostly one that means something to it, sometimes anything."""
    return strats.one_of(strats.sampled_from(POOLS[name]), strats.sampled_from(POOLS[name]), _value)


def _option(name: str) -> strats.SearchStrategy[list[str]]:
    """``[name, value]`` or nothing."""
    return strats.one_of(strats.just([]), _of(name).map(lambda value: [name, value]))


def _flag(name: str) -> strats.SearchStrategy[list[str]]:
    return strats.sampled_from([[], [name]])


def _joined(*parts: strats.SearchStrategy[list[str]]) -> strats.SearchStrategy[list[str]]:
    return strats.tuples(*parts).map(lambda lists: [token for part in lists for token in part])


def _required(name: str) -> strats.SearchStrategy[list[str]]:
    return _of(name).map(lambda value: [name, value])


_file = _of("file").map(lambda value: [value])

# Each command with its own options and values, so that most lines get past argparse and into the
# command itself; then a random token may be dropped in anywhere.
_COMMAND_LINES: dict[str, strats.SearchStrategy[list[str]]] = {
    "deadlines": _joined(
        _option("--procedure"),
        _required("--received"),
        _option("--certified"),
        _option("--refused"),
        _option("--certificate-delivered"),
        _option("--merger-procedures-done"),
        _option("--registered"),
        _flag("--registered-change"),
        _option("--authority-change"),
        _option("--as-of"),
        _option("--law"),
        _flag("--json"),
    ),
    "jurisdiction": _joined(
        _required("--office"), _option("--office"), _option("--as-of"), _option("--home"), _flag("--json")
    ),
    "backup": _joined(_required("--out"), _flag("--force")),
    "restore": _file,
    "export": _joined(
        _required("--out"),
        _option("--layout"),
        _option("--encoding"),
        _option("--stage"),
        _option("--from"),
        _option("--to"),
        _flag("--replace-unencodable"),
    ),
    "import": _file,
    "report": strats.one_of(
        _joined(strats.just(["deadlines"]), _required("--out"), _option("--as-of"), _option("--days")),
        _joined(strats.just(["case-sheet"]), _required("--case"), _required("--out"), _option("--as-of")),
    ),
}


@strats.composite
def _argv(draw: strats.DrawFn) -> tuple[str, list[str], bool]:
    command = draw(strats.sampled_from(COMMANDS))
    rest = draw(_COMMAND_LINES[command])
    if draw(strats.booleans()) and draw(strats.booleans()):  # a quarter of the lines: one stray token
        rest.insert(draw(strats.integers(0, len(rest))), draw(_token))
    return command, rest, draw(strats.integers(0, 9)) > 0  # mostly on the prepared database


def _digest(path: Path) -> str:
    found = [p for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
    return hashlib.sha256(b"".join(p.read_bytes() for p in found)).hexdigest()


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a database of two cases, a ledger to import, a broken file and a backup."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "cases.db"
    store = st.open_store(str(db))
    try:
        st.create_case(store, sample_case(), who="田中", today=date(2026, 4, 7))
        st.create_case(store, sample_case(name="二つ目の会"), who="田中", today=date(2026, 4, 7))
    finally:
        store.close()
    assert main(["--db", str(db), "export", "--out", "ledger-in.csv", "--layout", "ledger"]) == 0
    st.backup_database(str(db), tmp_path / "backup.db")
    (tmp_path / "broken.csv").write_bytes(b"\xff\xfe\x00garbage,\n\x00\x01")
    return db


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=_argv())
def test_random_command_lines_never_crash_and_a_refusal_changes_nothing(
    desk: Path, qapp: object, argv: tuple[str, list[str], bool]
) -> None:
    command, rest, with_db = argv
    args = (["--db", str(desk)] if with_db else []) + [command, *rest]
    before = _digest(desk)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as done:  # argparse: --help, --version, usage errors
            code = done.code if isinstance(done.code, int) else 2
    message = err.getvalue()
    event(f"{command}: exit {code}")  # pytest --hypothesis-show-statistics: how far the fuzz got
    assert "Traceback" not in message, args
    assert code in (0, 2), (args, code, message)
    if code == 2:
        assert re.match(r"npo-desk(?: [\w-]+)*: ", message), (args, message)  # the subcommand's usage too
        assert _digest(desk) == before, args
