"""Exports on a large database, through the real command line, each beside its floor.

Not a test: it prints timings. Run: ``python benchmarks/bench_reports.py [N] [--npo-desk PATH]``
(default 50,000 cases; PATH is an ``npo-desk`` executable, e.g. of a fresh ``pip install .`` in its own
venv; default: this interpreter's ``-m npo_desk``). It

1. seeds N realistic cases through the store's checked API (``create_cases``, the cases of
   ``bench_store.realistic_cases``: every municipality, 1999..today, officers included), or uses
   ``--db`` as it is,
2. times each export (median of ``--repeat`` runs, the child's own peak memory) beside its floor
   measured in the same run: ``export_floor.py``, plain ``sqlite3`` + ``csv.writer`` doing the same
   reading and writing, and prints the ratio against issue 11's goal,
3. with ``--with-import``: writes a ledger CSV (cp932) of N synthetic cases, imports it into an empty
   database and once more (every row a duplicate), and prints the 期限一覧表 PDF.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from measure import run_child

from npo_desk.reports.layouts import LEDGER_HEADER

AS_OF = date(2026, 11, 28)


def _d(day: date | None) -> str:
    return f"{day:%Y/%m/%d}" if day else ""


def ledger_rows(n: int) -> list[list[str]]:
    """N cases: consultation, received, certified, registered, established, refused, withdrawn."""
    first = date(2000, 1, 3)
    span = (date(2026, 7, 1) - first).days  # the latest 認証・登記 (received + 95 days) lies before today
    rows: list[list[str]] = []
    for i in range(n):
        received = first + timedelta(days=(i * 7919) % span)
        consulted = received - timedelta(days=40)
        kind = i % 7
        dates: dict[str, date | None] = dict.fromkeys(LEDGER_HEADER[7:16])
        dates["相談日"] = consulted
        if kind != 0:
            dates["申請受理日"] = received
        if kind in (2, 3, 4):
            certified = received + timedelta(days=75)  # after 縦覧 under every profile
            dates["認証日"] = certified
            dates["認証書到達日"] = certified + timedelta(days=3)
            if kind in (3, 4):
                dates["登記日"] = certified + timedelta(days=10)
            if kind == 4:
                dates["登記完了届受理日"] = certified + timedelta(days=20)
        elif kind == 5:
            dates["不認証日"] = received + timedelta(days=80)
        elif kind == 6:
            dates["取下げ日"] = received + timedelta(days=5)
        rows.append(
            [
                f"特定非営利活動法人 まちづくり{i}の会",
                f"マチヅクリ{i}ノカイ",
                f"日南 太郎{i % 997}",
                f"宮崎県日南市中央通{i % 50 + 1}丁目{i % 7 + 1}-1",
                f"宮崎県日南市油津{i % 9 + 1}丁目1-1" if i % 5 == 0 else "",
                ",".join(str(n) for n in sorted({i % 12 + 1, (i // 12) % 12 + 1})),
                "04/01" if i % 3 else "01/01",
                *(_d(dates[column]) for column in LEDGER_HEADER[7:16]),
                "ベンチマーク用" if i % 11 == 0 else "",
            ]
        )
    return rows


def run(label: str, command: list[str], env: dict[str, str]) -> float:
    elapsed, peak, status, printed, _cpu = run_child(command, env)
    state = "ok" if status == 0 else f"exit {status}"
    print(f"  {label:<44} {elapsed:8.1f} s  {state}  {peak:6.1f} MB  {printed.strip()[:90]}")
    if status != 0 and "duplicate" not in label:
        print(printed[-2000:], file=sys.stderr)
    return elapsed


def median_run(command: list[str], env: dict[str, str], repeat: int) -> tuple[float, float, float]:
    """(median wall seconds, median CPU seconds, largest peak MB) of ``repeat`` runs; stops the
    benchmark on a failure."""
    times: list[float] = []
    cpus: list[float] = []
    peaks: list[float] = []
    for _ in range(repeat):
        elapsed, peak, status, printed, cpu = run_child(command, env)
        if status != 0:
            sys.exit(f"{' '.join(command)}: exit {status}\n{printed[-2000:]}")
        times.append(elapsed)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(times), statistics.median(cpus), max(peaks)


def seed(db: Path, n: int) -> None:
    """N realistic cases through ``create_cases`` (the checks every write path goes through)."""
    from bench_store import realistic_cases

    import npo_desk.store as st

    store = st.open_store(str(db))
    began = time.perf_counter()
    cases = list(realistic_cases(n, AS_OF))
    for first in range(0, n, 5_000):
        st.create_cases(store, cases[first : first + 5_000], who="benchmark", today=AS_OF)
    store.close()
    elapsed = time.perf_counter() - began
    print(f"  seeded {n:,} cases (create_cases, 5,000 per transaction) in {elapsed:.1f} s")


# (label, npo-desk export arguments, floor layout or None, goal as a ratio to the floor)
UTF8 = ["--encoding", "utf-8-sig"]
EXPORTS = (
    ("export ledger CSV (cp932)", ["--layout", "ledger", "--out", "ledger.csv"], "ledger", 3.0),
    ("export 内閣府 60 columns CSV", ["--out", "cabinet.csv"], "cabinet-office", 3.0),
    ("export ledger CSV (utf-8-sig)", ["--layout", "ledger", *UTF8, "--out", "u.csv"], None, 0.0),
    ("export 60 columns XLSX (+統計)", ["--out", "cabinet.xlsx"], None, 0),
    ("export statistics CSV", ["--layout", "statistics", "--out", "stats.csv"], None, 0),
)


def exports(exe: list[str], db: str, work: Path, env: dict[str, str], repeat: int, only_goals: bool) -> None:
    floor_script = str(Path(__file__).with_name("export_floor.py"))
    heads = f"{'npo-desk wall/CPU, peak':>28} {'floor wall/CPU, peak':>28}"
    print(f"  {'measure':<32} {heads}  ratio (CPU)  goal")
    for label, arguments, floor_layout, goal in EXPORTS:
        if only_goals and floor_layout is None:
            continue
        out = [str(work / a) if a.endswith((".csv", ".xlsx")) else a for a in arguments]
        mine = median_run([*exe, "--db", str(db), "export", *out], env, repeat)
        shown = f"{mine[0]:7.2f} s {mine[1]:7.2f} s {mine[2]:5.0f} MB"
        if floor_layout is None:
            print(f"  {label:<32} {shown}")
            continue
        floor_out = str(work / f"floor-{floor_layout}.csv")
        floor = median_run([sys.executable, floor_script, floor_layout, str(db), floor_out], env, repeat)
        ratio, cpu_ratio = mine[0] / floor[0], mine[1] / floor[1]
        print(
            f"  {label:<32} {shown} {floor[0]:7.2f} s {floor[1]:7.2f} s {floor[2]:5.0f} MB"
            f" {ratio:5.1f}x ({cpu_ratio:4.1f}x)  <= {goal:g}x {'met' if ratio <= goal else 'MISSED'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", nargs="?", type=int, default=50_000)
    parser.add_argument("--npo-desk", help="an npo-desk executable (default: this Python's -m npo_desk)")
    parser.add_argument("--keep", help="folder for the files (default: a new temp folder)")
    parser.add_argument(
        "--db", help="an SQLite file (seeded with N cases when it does not exist yet) or a filled DB's URL"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (the median is shown)")
    parser.add_argument("--with-import", action="store_true", help="also time import and the PDF report")
    parser.add_argument("--only-goals", action="store_true", help="only the exports that have a floor")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="npo-bench-reports-"))
    work.mkdir(parents=True, exist_ok=True)
    exe = [args.npo_desk] if args.npo_desk else [sys.executable, "-m", "npo_desk"]
    env = {**os.environ, "NPO_DESK_DATA_DIR": str(work / "data")}
    db = args.db or str(work / "bench.db")
    print(f"{args.n:,} cases, files in {work}, database {db}, {os.cpu_count()} CPUs")
    if "://" not in db and not Path(db).exists():
        seed(Path(db), args.n)
    exports(exe, db, work, env, args.repeat, args.only_goals)
    if args.with_import:
        import_and_report(exe, work, env, args.n)


def import_and_report(exe: list[str], work: Path, env: dict[str, str], n: int) -> None:
    db = work / "imported.db"
    db.unlink(missing_ok=True)
    ledger = work / "ledger-in.csv"
    with ledger.open("w", encoding="cp932", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(LEDGER_HEADER)
        writer.writerows(ledger_rows(n))
    base = [*exe, "--db", str(db)]
    run("import ledger (empty database)", [*base, "import", str(ledger)], env)
    pdf = str(work / "deadlines.pdf")
    run(
        "report deadlines PDF (30 days)",
        [*base, "report", "deadlines", "--out", pdf, "--as-of", AS_OF.isoformat(), "--days", "30"],
        env,
    )
    run("import again (all duplicates)", [*base, "import", str(ledger)], env)


if __name__ == "__main__":
    main()
