"""``npo-desk due`` on a large database against ``npo-desk --version`` (issue 11.3: at most 4×).

Run: ``python benchmarks/bench_due.py [--cases 20000] [--runs 7]``. The database is built once through
the store's validated write API (``create_cases``, as the window and the importer write) from
bench_store's realistic caseload, and kept in the temp folder for the next run. Each command runs as the
clerk's scheduled task would, a fresh process of the installed ``npo-desk``; medians of ``--runs``.
Not a test (no timing assertions in tests/).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_store import realistic_cases
from measure import peak_mb

from npo_desk import store as st

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


def median_seconds(command: list[str], runs: int) -> tuple[float, float]:
    """Median and best wall time of ``command`` in a fresh process (output discarded), and its exit."""
    times = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - began)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    db = str(database(args.cases))
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
    lines = subprocess.run(
        [CLI, "--db", db, "due", *as_of, "--json"], check=True, capture_output=True, text=True
    ).stdout.count('"number"')
    print(f"{args.cases:,} cases, {lines:,} open deadlines; medians of {args.runs} runs (best in brackets)")
    medians = {}
    for label, command in commands.items():
        medians[label], best = median_seconds(command, args.runs)
        print(f"  {label:<34} {medians[label]:7.3f} s ({best:.3f})")
    version = medians["npo-desk --version"]
    for label in [k for k in commands if k.startswith("npo-desk due")]:
        print(f"  {label:<34} {medians[label] / version:6.1f}× --version (goal ≤ 4×)")
    print(f"  peak RSS of the largest child: {peak_mb(__import__('resource').RUSAGE_CHILDREN):.1f} MB")


if __name__ == "__main__":
    main()
