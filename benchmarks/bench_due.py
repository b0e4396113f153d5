"""``npo-desk due`` on a large database against ``npo-desk --version`` (issue 11.3: at most 4×).

Run: ``python benchmarks/bench_due.py [--cases 20000] [--runs 7] [--db URL]``. Then the dashboard's query
in this process beside its floor (the same facts fetched with plain ``sqlite3``, or on PostgreSQL with
the driver's own cursor). Without ``--db`` (a database already filled, e.g. by ``bench_store.py --db
URL``) the database is built once through the store's validated write API (``create_cases``, as the
window and the importer write) from bench_store's realistic caseload, and kept in the temp folder for
the next run. Each command runs as the clerk's scheduled task would, a fresh process of the installed
``npo-desk``; medians of ``--runs``.
Not a test (no timing assertions in tests/).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_store import realistic_cases
from measure import peak_mb, run_child
from sqlalchemy import delete

from npo_desk import store as st
from npo_desk.store.models import DeadlineLineRow, DeadlineSetRow

TODAY = date(2026, 12, 2)
CLI = str(Path(sys.executable).with_name("npo-desk"))


def database(n: int) -> Path:
    """The benchmark's database of ``n`` cases (built once; only a complete one is reused)."""
    final = Path(tempfile.gettempdir()) / f"npo-desk-bench-due-{n}.db"
    if final.exists():
        return final
    partial = final.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    store = st.open_store(str(partial))
    began = time.perf_counter()
    try:
        cases = list(realistic_cases(n, TODAY))
        for first in range(0, n, 5_000):
            st.create_cases(store, cases[first : first + 5_000], who="benchmark", today=TODAY)
    finally:
        store.close()
    partial.rename(final)
    print(f"built {final} ({n:,} cases) in {time.perf_counter() - began:.1f} s")
    return final


def median_seconds(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median and best wall time, and median CPU seconds, of ``command`` in a fresh process (output
    discarded). On a machine shared with other work the CPU time is the steadier figure."""
    times, cpus = [], []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(runs):
        elapsed, _peak, status, printed, cpu = run_child(command, env)
        if status != 0:
            sys.exit(f"{' '.join(command)}: exit {status}\n{printed[-2000:]}")
        times.append(elapsed)
        cpus.append(cpu)
    return statistics.median(times), min(times), statistics.median(cpus)


# The facts the dashboard's query reads (procedures_of), fetched raw: the floor of that query.
_LIVE = (
    "SELECT c.id FROM cases c JOIN corporations k ON k.id = c.corporation_id"
    " WHERE c.deleted_at IS NULL AND k.deleted_at IS NULL"
)
FLOOR_QUERIES = (
    f'SELECT case_id, kind, "on" FROM milestones WHERE case_id IN ({_LIVE})',
    f"SELECT case_id, fiscal_year_start, filed_on FROM annual_report_filings WHERE case_id IN ({_LIVE})",
    f"SELECT * FROM deadline_overrides WHERE case_id IN ({_LIVE})",
    "SELECT id, corporation_id, number, kind, name, clerk, law_profile_id, fiscal_year_start_month,"
    " fiscal_year_start_day, annual_reports_tracked_from, registered_change, authority_change,"
    " dissolution_ground, merger_role, articles_topics, version"
    f" FROM cases WHERE id IN ({_LIVE}) ORDER BY id",
)


def forget(store: st.Store) -> None:
    """Drop the deadlines the store keeps (store.deadline_cache): the next read works them all out."""
    with store.write() as session:
        session.execute(delete(DeadlineLineRow))
        session.execute(delete(DeadlineSetRow))


def dashboard_query(db: str, runs: int) -> None:
    """The dashboard's data (``corporation_pending_deadlines``: every open deadline of every procedure)
    beside its floor, the raw fetch of the same facts (``sqlite3``, or the driver's cursor on
    PostgreSQL), in turn in this process; medians."""
    import sqlite3

    store = st.open_store(db, create=False)

    def fetch() -> int:
        if store.is_sqlite:
            with sqlite3.connect(db) as conn:
                return sum(len(conn.execute(sql).fetchall()) for sql in FLOOR_QUERIES)
        raw = store.engine.raw_connection()
        try:
            cursor = raw.cursor()
            found = 0
            for sql in FLOOR_QUERIES:
                cursor.execute(sql)
                found += len(cursor.fetchall())
            return found
        finally:
            raw.close()

    settings = st.load_settings(store)
    mine: list[float] = []
    floor: list[float] = []
    lines = 0
    try:
        forget(store)
        began = time.perf_counter()
        st.corporation_pending_deadlines(store, settings, TODAY)
        afresh = time.perf_counter() - began
        for _ in range(runs):
            began = time.perf_counter()
            rows = fetch()
            floor.append(time.perf_counter() - began)
            began = time.perf_counter()
            lines = len(st.corporation_pending_deadlines(store, settings, TODAY))
            mine.append(time.perf_counter() - began)
    finally:
        store.close()
    m, f = statistics.median(mine), statistics.median(floor)
    print(f"  dashboard query, nothing kept (works every corporation out and keeps it) {afresh:7.3f} s")
    print(f"  dashboard query (corporation_pending_deadlines, {lines:,} lines, kept) {m:7.3f} s")
    print(f"  floor: raw fetch of the same facts ({rows:,} rows)          {f:7.3f} s  ratio {m / f:5.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", help="a filled database (file or SQLAlchemy URL) instead of the built one")
    args = parser.parse_args()
    db = args.db or str(database(args.cases))
    as_of = ["--as-of", TODAY.isoformat()]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "npo-desk --version": [CLI, "--version"],
        "npo-desk due --json": [CLI, "--db", db, "due", *as_of, "--json"],
        "npo-desk due (table)": [CLI, "--db", db, "due", *as_of],
        "npo-desk due --days 30 --json": [CLI, "--db", db, "due", *as_of, "--days", "30", "--json"],
        "npo-desk due --ics": [
            CLI,
            "--db",
            db,
            "due",
            *as_of,
            "--ics",
            str(Path(tempfile.gettempdir()) / "due.ics"),
        ],
    }
    store = st.open_store(db, create=False)
    try:
        forget(store)
    finally:
        store.close()
    elapsed, _peak, status, printed, cpu = run_child(
        [CLI, "--db", db, "due", *as_of, "--json"], dict(os.environ)
    )
    if status != 0:
        sys.exit(printed[-2000:])
    lines = printed.count('"number"')
    print(f"  npo-desk due --json, nothing kept (works out and keeps) {elapsed:7.3f} s, CPU {cpu:.3f} s")
    where = db if args.db else f"{args.cases:,} cases"
    print(f"{where}, {lines:,} open deadlines; medians of {args.runs} runs (best in brackets)")
    medians, cpus = {}, {}
    for label, command in commands.items():
        medians[label], best, cpus[label] = median_seconds(command, args.runs)
        print(f"  {label:<34} {medians[label]:7.3f} s ({best:.3f}), CPU {cpus[label]:.3f} s")
    version, version_cpu = medians["npo-desk --version"], cpus["npo-desk --version"]
    for label in [k for k in commands if k.startswith("npo-desk due")]:
        ratio, cpu_ratio = medians[label] / version, cpus[label] / version_cpu
        print(f"  {label:<34} {ratio:6.1f}× --version (CPU {cpu_ratio:.1f}×; goal ≤ 4×)")
    print(f"  peak RSS of the largest child: {peak_mb(__import__('resource').RUSAGE_CHILDREN):.1f} MB")
    dashboard_query(db, args.runs)


if __name__ == "__main__":
    main()
