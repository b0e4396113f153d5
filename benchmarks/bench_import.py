"""``npo-desk import`` of a large ledger beside its floor, measured in turn in the same run (issue 11).

Not a test: it prints timings. Run: ``python benchmarks/bench_import.py [N] [--runs 5] [--profile]``
(default 50,000 rows; ``--npo-desk PATH`` for an installed executable). It

1. writes a ledger CSV (cp932) of N cases (``bench_reports.ledger_rows``),
2. runs, ``--runs`` times and in turn, the whole command ``npo-desk import`` into a new SQLite file
   (a fresh process: its wall and CPU seconds, its own peak memory) and the floor
   (``bench_import_lock.floor_seconds``: the csv module and one sqlite3 executemany into a bare
   table), and prints the medians and their ratio against issue 11's goal (at most 5×),
3. with ``--profile``: imports once more in this process under cProfile and prints the top lines
   (cumulative and own time), which say what bounds the rest.

With ``--db postgresql+psycopg://USER@HOST:PORT/postgres`` (a server's maintenance database) each run
imports into a new database made there for it, and the floor is the same csv reading with one
``psycopg`` executemany into a bare table of a new database on the same server.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_import_lock import floor_seconds
from bench_reports import ledger_rows
from bench_store import server_database
from measure import run_child

from npo_desk.reports.layouts import LEDGER_HEADER

GOAL = 5.0


def write_ledger(path: Path, n: int) -> None:
    with path.open("w", encoding="cp932", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(LEDGER_HEADER)
        writer.writerows(ledger_rows(n))


def fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def server_floor_seconds(ledger: Path, server: str) -> float:
    """csv.reader + one psycopg executemany of every row into a bare table on the server."""
    import psycopg

    url = server_database(server, "npo_bench_import_floor").replace("+psycopg", "")
    began = time.perf_counter()
    with ledger.open(encoding="cp932", newline="") as f:
        rows = list(csv.reader(f))[1:]
    columns = ", ".join(f"c{i} TEXT" for i in range(len(LEDGER_HEADER)))
    marks = ", ".join(["%s"] * len(LEDGER_HEADER))
    names = ", ".join(f"c{i}" for i in range(len(LEDGER_HEADER)))
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(f"CREATE TABLE ledger (id SERIAL PRIMARY KEY, {columns})")
        cursor.executemany(f"INSERT INTO ledger ({names}) VALUES ({marks})", rows)
    return time.perf_counter() - began


def profile(ledger: Path, db: Path, lines: int) -> None:
    """One import in this process under cProfile: the top ``lines`` by cumulative and by own time."""
    from npo_desk import store
    from npo_desk.reports.importer import import_file

    st = store.open_store(str(fresh(db)))
    profiler = cProfile.Profile()
    profiler.enable()
    import_file(st, ledger, who="benchmark", today=date.today())
    profiler.disable()
    st.close()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(lines)
        print(out.getvalue().split("\n\n", 1)[-1].rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", nargs="?", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each (medians are shown)")
    parser.add_argument("--npo-desk", help="an npo-desk executable (default: this Python's -m npo_desk)")
    parser.add_argument("--keep", help="folder for the files (default: a new temp folder)")
    parser.add_argument("--profile", action="store_true", help="also profile one import in this process")
    parser.add_argument("--lines", type=int, default=25, help="profile lines shown per order")
    parser.add_argument("--db", help="a PostgreSQL server's maintenance database URL (default: SQLite files)")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="npo-bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    ledger = work / f"ledger-{args.n}.csv"
    if not ledger.exists():
        write_ledger(ledger, args.n)
    exe = [args.npo_desk] if args.npo_desk else [sys.executable, "-m", "npo_desk"]
    env = {**os.environ, "NPO_DESK_DATA_DIR": str(work / "data")}
    db = work / "imported.db"
    walls: list[float] = []
    cpus: list[float] = []
    peaks: list[float] = []
    floors: list[float] = []
    print(f"{args.n:,} rows, {os.cpu_count()} CPUs, files in {work}")
    for run in range(args.runs):
        if args.db:
            floors.append(server_floor_seconds(ledger, args.db))
            target = server_database(args.db, "npo_bench_import")
        else:
            floors.append(floor_seconds(ledger, work))
            target = str(fresh(db))
        command = [*exe, "--db", target, "import", str(ledger)]
        wall, peak, status, printed, cpu = run_child(command, env)
        if status != 0:
            sys.exit(f"npo-desk import: exit {status}\n{printed[-2000:]}")
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
        shown = f"import {wall:6.2f} s (CPU {cpu:6.2f} s, {peak:5.0f} MB)  floor {floors[-1]:5.2f} s"
        print(f"  run {run + 1}: {shown}")
    wall, cpu, floor = statistics.median(walls), statistics.median(cpus), statistics.median(floors)
    ratio = wall / floor
    print(
        f"  median: npo-desk import {wall:.2f} s (CPU {cpu:.2f} s, peak {max(peaks):.0f} MB),"
        f" floor (csv + one executemany) {floor:.2f} s, ratio {ratio:.1f}x"
        f" (CPU {cpu / floor:.1f}x), goal <= {GOAL:g}x {'met' if ratio <= GOAL else 'MISSED'}"
    )
    if args.profile:
        profile(ledger, work / "profiled.db", args.lines)


if __name__ == "__main__":
    main()
