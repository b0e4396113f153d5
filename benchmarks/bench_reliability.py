"""Reliability figures: what a database keeps through kill -9, racing saves, killed and concurrent imports.

    python benchmarks/bench_reliability.py                        # SQLite file in a temp dir
    python benchmarks/bench_reliability.py --db postgresql+psycopg://user@host/empty_db
    python benchmarks/bench_reliability.py --trials 50 --rows 5000

The tests check each situation once (tests/store/test_crash.py); this script repeats them with random
timing and counts the outcomes, for the README. Every trial uses its own case or its own file names,
so all of them can share one database (also a server database). The writer processes are
tests/store/writer_child.py's (``start``, ``kill``); an import is ``npo-desk import`` in a child.

1. kill -9 during a stream of saves: nothing reported as saved is lost, the row, its version and its
   history come from the same commit; SQLite's integrity_check stays ``ok``.
2. kill -9 inside a save's transaction (flushed, not committed): the case is as it was committed.
3. two clerks save the same version at once: exactly one save wins, the other is told so
   (ConcurrentEditError); never both, never a lost update.
4. kill -9 during an import: all rows or none (never part of the file); a second run imports them.
5. the same file imported twice at the same time: every row once, no duplicates.

Not a test: it prints counts and makes no assertion; "problem" columns should read 0.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bench_reports import ledger_rows

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.store.writer_child: the crash tests' writer, not a copy

import npo_desk.store as st  # noqa: E402
from npo_desk.reports.layouts import LEDGER_HEADER  # noqa: E402
from tests.store.samples import sample_case  # noqa: E402
from tests.store.writer_child import kill, start  # noqa: E402

TODAY = date(2026, 4, 7)


@dataclass
class Tally:
    """Outcomes of one kind of trial; ``problems`` are the ones that must never happen."""

    label: str
    trials: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        seen = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
        bad = ", ".join(f"{k} {v}" for k, v in sorted(self.problems.items())) or "none"
        return f"  {self.label:<44} {self.trials:4d} trials  {seen:<46} problems: {bad}"


def _integrity(db: str) -> bool:
    """SQLite's own check of the file; a server database checks itself."""
    if "://" in db:
        return True
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    return ok


def _new_case(db: str, name: str) -> st.Case:
    store = st.open_store(db)
    try:
        return st.create_case(store, sample_case(name=name), who="bench", today=TODAY)
    finally:
        store.close()


def kill_during_saves(db: str, trials: int, rng: random.Random) -> Tally:
    tally = Tally("kill -9 during a stream of saves")
    for trial in range(trials):
        case = _new_case(db, f"保存中断{trial}")
        child = start(db, case.id or 0, "loop")
        assert child.stdout is not None
        reported = [int(child.stdout.readline()) for _ in range(rng.randint(1, 25))]
        time.sleep(rng.random() * 0.05)  # somewhere inside the next save, or between two
        kill(child)
        tally.trials += 1
        if not _integrity(db):
            tally.problems["integrity"] += 1
        store = st.open_store(db)
        try:
            after = st.get_case(store, case.id or 0)
            history = st.case_history(store, case.id or 0)
        finally:
            store.close()
        if after.version < reported[-1]:
            tally.problems["lost saves"] += 1
        else:
            tally.outcomes["every reported save kept"] += 1
        if after.notes != f"保存{after.version}回目" or len(history) != after.version:
            tally.problems["row, version and history disagree"] += 1
    return tally


def kill_inside_a_save(db: str, trials: int) -> Tally:
    tally = Tally("kill -9 inside a save's transaction")
    for trial in range(trials):
        committed = _new_case(db, f"未確定{trial}")
        child = start(db, committed.id or 0, "hang")
        assert child.stdout is not None
        if child.stdout.readline().strip() != "flushed":
            tally.problems["writer failed"] += 1
            kill(child)
            continue
        kill(child)
        tally.trials += 1
        if not _integrity(db):
            tally.problems["integrity"] += 1
        store = st.open_store(db)
        try:
            kept = st.get_case(store, committed.id or 0) == committed
        finally:
            store.close()
        tally.outcomes["committed state kept" if kept else "changed"] += 1
        if not kept:
            tally.problems["uncommitted change visible"] += 1
    return tally


def save_races(db: str, trials: int) -> Tally:
    tally = Tally("two saves of one version at once")
    for trial in range(trials):
        case = _new_case(db, f"競合{trial}")
        children = [start(db, case.id or 0, "race", label) for label in ("A", "B")]
        for child in children:
            assert child.stdout is not None
            child.stdout.readline()  # ready: both have read version 1
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        results = []
        for child in children:
            out, _err = child.communicate(timeout=120)
            results.append(out.strip())
        tally.trials += 1
        outcome = zip(("A", "B"), results, strict=True)
        saved = [label for label, result in outcome if result.startswith("saved")]
        store = st.open_store(db)
        try:
            after = st.get_case(store, case.id or 0)
        finally:
            store.close()
        tally.outcomes["one saved, one told" if len(saved) == 1 else f"{len(saved)} saved"] += 1
        if len(saved) != 1 or after.notes != saved[0] or after.version != 2:
            tally.problems["lost update or no save"] += 1
    return tally


def _ledger(path: Path, prefix: str, rows: int) -> Path:
    with path.open("w", encoding="cp932", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(LEDGER_HEADER)
        writer.writerows([f"{prefix}{row[0]}", *row[1:]] for row in ledger_rows(rows))
    return path


def _import(db: str, ledger: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "npo_desk", "--db", db, "import", str(ledger)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _count(db: str, prefix: str) -> int:
    store = st.open_store(db)
    try:
        return sum(1 for s in st.list_cases(store) if s.name.startswith(prefix))
    finally:
        store.close()


def killed_imports(
    db: str, trials: int, rows: int, work: Path, env: dict[str, str], rng: random.Random
) -> Tally:
    tally = Tally(f"kill -9 during an import of {rows:,} rows")
    began = time.perf_counter()
    calibration = _import(db, _ledger(work / "calibrate.csv", "較正", rows), env)
    calibration.communicate(timeout=600)
    duration = time.perf_counter() - began  # how long one import takes here: kills fall within it
    for trial in range(trials):
        prefix = f"中断{trial}-"
        ledger = _ledger(work / f"killed{trial}.csv", prefix, rows)
        child = _import(db, ledger, env)
        time.sleep(rng.uniform(0.05, duration))
        finished = child.poll() is not None
        if finished:
            child.communicate()
        else:
            child.kill()
            child.communicate(timeout=60)
        tally.trials += 1
        found = _count(db, prefix)
        what = "all" if found == rows else "none" if found == 0 else "part"
        tally.outcomes[f"{what} ({'finished' if finished else 'killed'})"] += 1
        if what == "part":
            tally.problems["part of the file stored"] += 1
        if not _integrity(db):
            tally.problems["integrity"] += 1
        again = _import(db, ledger, env)
        again.communicate(timeout=600)
        if _count(db, prefix) != rows:
            tally.problems["second run incomplete or duplicated"] += 1
    return tally


def concurrent_imports(db: str, trials: int, rows: int, work: Path, env: dict[str, str]) -> Tally:
    tally = Tally(f"the same {rows:,}-row file imported twice at once")
    for trial in range(trials):
        prefix = f"同時{trial}-"
        ledger = _ledger(work / f"twice{trial}.csv", prefix, rows)
        children = [_import(db, ledger, env) for _ in range(2)]
        codes = []
        for child in children:
            child.communicate(timeout=600)
            codes.append(child.returncode)
        tally.trials += 1
        found = _count(db, prefix)
        tally.outcomes[f"exit {'/'.join(map(str, sorted(codes)))}"] += 1
        if found != rows:
            tally.problems["duplicates" if found > rows else "missing"] += 1
        if not _integrity(db):
            tally.problems["integrity"] += 1
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty database (file or SQLAlchemy URL); default: a temp file")
    parser.add_argument("--trials", type=int, default=20, help="trials of each kind of save (default 20)")
    parser.add_argument("--import-trials", type=int, default=8, help="trials of each kind of import")
    parser.add_argument("--rows", type=int, default=2_000, help="rows of each imported file")
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="npo-bench-reliability-") as tmp:
        work = Path(tmp)
        db = args.db or str(work / "reliability.db")
        env = {**os.environ, "NPO_DESK_DATA_DIR": str(work / "data"), "PYTHONPATH": str(REPO)}
        st.open_store(db).close()
        where = "PostgreSQL" if "postgresql" in db else "SQLite"
        print(f"reliability on {where} ({db}), seed {args.seed}")
        began = time.perf_counter()
        tallies = [
            kill_during_saves(db, args.trials, rng),
            kill_inside_a_save(db, args.trials),
            save_races(db, args.trials),
            killed_imports(db, args.import_trials, args.rows, work, env, rng),
            concurrent_imports(db, args.import_trials, args.rows, work, env),
        ]
        for tally in tallies:
            print(tally.line())
        print(f"  ({time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
