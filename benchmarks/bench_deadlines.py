"""How long deadline work takes: ``npo-desk deadlines`` from the command line, beside its floor
(``python -c pass``: the interpreter's own start) measured in the same run, and the dashboard's
``open_deadlines`` over many cases.

Run: ``python benchmarks/bench_deadlines.py [N] [--npo-desk PATH] [--runs R]`` (PATH: an ``npo-desk``
executable, e.g. of a fresh ``pip install .``; default: this interpreter's ``-m npo_desk``). The
command line runs with an empty data folder (no database: the law's defaults), the way a script or a
colleague without the app's data calls it. Not a test (no timing assertions in tests/).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta

from measure import current_mb, memory_note, run_child

from npo_desk.domain.deadlines import open_deadlines
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.settings import Settings


def cases(n: int) -> list[CaseFacts]:
    """``n`` cases spread over 1998-12-01 .. 2040, at every stage from 縦覧 to 完了届待ち."""
    out = []
    for i in range(n):
        received = date(1998, 12, 1) + timedelta(days=(i * 37) % 15000)
        stage = i % 4
        out.append(
            CaseFacts(
                received_on=received,
                certified_on=received + timedelta(days=100) if stage >= 1 else None,
                certificate_delivered_on=received + timedelta(days=104) if stage >= 2 else None,
                registered_on=received + timedelta(days=115) if stage >= 3 else None,
            )
        )
    return out


JSON = "--json"


def command_line(exe: list[str], runs: int) -> None:
    """Median wall and CPU time of each command over ``runs`` alternating runs, beside the floor."""
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "NPO_DESK_DATA_DIR": data}
        env.pop("NPO_DESK_DB", None)
        commands = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "npo-desk --version": [*exe, "--version"],
            "npo-desk deadlines --received … --json": [*exe, "deadlines", "--received", "2026-04-01", JSON],
            "npo-desk deadlines --received … (table)": [*exe, "deadlines", "--received", "2026-05-01"],
        }
        wall: dict[str, list[float]] = {label: [] for label in commands}
        cpu: dict[str, list[float]] = {label: [] for label in commands}
        peak: dict[str, float] = dict.fromkeys(commands, 0.0)
        for _ in range(runs):  # alternating, so a burst of load on the machine hits every command alike
            for label, command in commands.items():
                elapsed, mb, status, printed, used = run_child(command, env)
                if status != 0:
                    sys.exit(f"{label}: exit {status}\n{printed}")
                wall[label].append(elapsed)
                cpu[label].append(used)
                peak[label] = max(peak[label], mb)
    floor = "python -c pass (floor)"
    base_wall, base_cpu = statistics.median(wall[floor]), statistics.median(cpu[floor])
    print(f"command line, median of {runs} runs (no database)          wall      CPU   peak   ratio (CPU)")
    for label in commands:
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        goal = "  goal <= 20x " + ("met" if w / base_wall <= 20 else "MISSED") if "--json" in label else ""
        print(
            f"  {label:<52} {w:7.3f} s {c:6.3f} s {peak[label]:5.0f} MB"
            f" {w / base_wall:5.1f}x ({c / base_cpu:4.1f}x){goal}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="cases for open_deadlines")
    parser.add_argument("--npo-desk", help="an npo-desk executable (default: this Python's -m npo_desk)")
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (the median is shown)")
    args = parser.parse_args()
    command_line([args.npo_desk] if args.npo_desk else [sys.executable, "-m", "npo_desk"], args.runs)
    n = args.n
    settings = Settings(extra_closed_days=frozenset({date(2025, 8, 14)}))
    facts = cases(n)
    today = date(2026, 4, 1)
    before = current_mb()
    began = time.perf_counter()
    total = sum(len(open_deadlines(f, settings, today)) for f in facts)
    elapsed = time.perf_counter() - began
    print(f"{n} cases, {total} open deadlines: {elapsed:.3f} s ({elapsed / n * 1e6:.0f} µs per case)")
    print(f"memory: {memory_note(before)}")


if __name__ == "__main__":
    main()
