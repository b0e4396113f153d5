"""How long another clerk's save waits while a large ledger is imported (issue 9, point 5).

Not a test: it prints timings. Run: ``python benchmarks/bench_import_lock.py [N] [--db URL]``
(default 20,000 rows into a new SQLite file; ``--db postgresql+psycopg://…`` for an empty server
database). It

1. writes a ledger CSV (cp932) of N cases (``bench_reports.ledger_rows``),
2. stores one case of "another clerk",
3. runs ``npo-desk import`` in a child process while this process saves the clerk's case every
   50 ms, and prints how long each save took: the longest is how long the import's write
   transaction held the clerk up (goal: under 2 s; it was about 30 s, and a save after 15 s failed),
4. prints the import's time beside a floor: the same file read with the csv module and written
   with one sqlite3 executemany into a bare table, in this run, on this machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from bench_reports import ledger_rows

from npo_desk import store
from npo_desk.reports.layouts import LEDGER_HEADER
from npo_desk.store import Case, Milestone, MilestoneKind


def floor_seconds(ledger: Path, work: Path) -> float:
    """csv.reader + one executemany of every row into a table with the ledger's columns."""
    target = work / "floor.db"
    target.unlink(missing_ok=True)
    began = time.perf_counter()
    with ledger.open(encoding="cp932", newline="") as f:
        rows = list(csv.reader(f))[1:]
    conn = sqlite3.connect(target)
    columns = ", ".join(f"c{i} TEXT" for i in range(len(LEDGER_HEADER)))
    conn.execute(f"CREATE TABLE ledger (id INTEGER PRIMARY KEY, {columns})")
    marks = ", ".join("?" * len(LEDGER_HEADER))
    names = ", ".join(f"c{i}" for i in range(len(LEDGER_HEADER)))
    with conn:
        conn.executemany(f"INSERT INTO ledger ({names}) VALUES ({marks})", rows)
    conn.close()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", nargs="?", type=int, default=20_000)
    parser.add_argument("--db", help="database URL or file (default: a new SQLite file)")
    parser.add_argument("--keep", help="folder for the files (default: a new temp folder)")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="npo-bench-lock-"))
    work.mkdir(parents=True, exist_ok=True)
    db = args.db or str(work / "bench.db")
    if not args.db:
        Path(db).unlink(missing_ok=True)
    ledger = work / "ledger.csv"
    with ledger.open("w", encoding="cp932", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(LEDGER_HEADER)
        writer.writerows(ledger_rows(args.n))

    st = store.open_store(db)
    received = (Milestone(MilestoneKind.RECEIVED, date(2026, 4, 7)),)
    clerk = store.create_case(
        st, Case(name="別の職員の案件", milestones=received), who="職員", today=date.today()
    )

    env = {**os.environ, "NPO_DESK_DATA_DIR": str(work / "data")}
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "npo_desk", "--db", db, "import", str(ledger)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    waits: list[float] = []
    refused = 0
    while child.poll() is None:
        save_began = time.perf_counter()
        try:
            clerk = store.save_case(st, replace(clerk, notes=f"保存{len(waits)}"), who="職員")
        except store.StoreError:
            refused += 1
        waits.append(time.perf_counter() - save_began)
        time.sleep(0.05)
    imported = time.perf_counter() - began
    out, err = child.communicate()
    st.close()
    if child.returncode != 0:
        print(err, file=sys.stderr)
        raise SystemExit(f"import failed (exit {child.returncode})")
    floor = floor_seconds(ledger, work)
    print(f"{args.n:,} rows into {'SQLite' if not args.db or '://' not in db else db.split(':')[0]}")
    print(f"  {out.strip()}")
    print(f"  import (npo-desk import, whole process)  {imported:8.1f} s")
    print(f"  floor (csv.reader + sqlite3 executemany)  {floor:8.2f} s")
    print(
        f"  the other clerk's saves during the import: {len(waits)}, refused {refused},"
        f" median {statistics.median(waits) * 1000:.0f} ms, longest wait {max(waits):.2f} s"
    )


if __name__ == "__main__":
    main()
