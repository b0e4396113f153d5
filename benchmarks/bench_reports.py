"""Import, export and the printed report on a large database, through the real command line.

Not a test: it prints timings. Run: ``python benchmarks/bench_reports.py [N] [--npo-desk PATH]``
(default 50,000 cases; PATH is an ``npo-desk`` executable, e.g. of a fresh ``pip install .`` in its own
venv; default: this interpreter's ``-m npo_desk``). It

1. writes a ledger CSV (cp932) of N synthetic cases with consistent histories in every stage and
   under every law profile,
2. imports it into an empty database (``npo-desk import``; this also builds the database),
3. exports the ledger (CSV, both encodings), the 60-column file (CSV and XLSX with the 統計 sheet)
   and the statistics,
4. prints the 期限一覧表 to PDF (``report deadlines``),
5. imports the ledger again: every row is a duplicate (the all-or-nothing check on a full database).
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from measure import peak_mb

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
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - began
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
    largest = peak_mb(resource.RUSAGE_CHILDREN)  # the largest command run so far
    print(
        f"  {label:<44} {elapsed:8.1f} s  {status}  largest child {largest:6.1f} MB"
        f"  {done.stdout.strip()[:90]}"
    )
    if done.returncode not in (0,) and "duplicate" not in label:
        print(done.stderr[-2000:], file=sys.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", nargs="?", type=int, default=50_000)
    parser.add_argument("--npo-desk", help="an npo-desk executable (default: this Python's -m npo_desk)")
    parser.add_argument("--keep", help="folder for the files (default: a new temp folder)")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="npo-bench-reports-"))
    work.mkdir(parents=True, exist_ok=True)
    exe = [args.npo_desk] if args.npo_desk else [sys.executable, "-m", "npo_desk"]
    env = {**os.environ, "NPO_DESK_DATA_DIR": str(work / "data")}
    db = work / "bench.db"
    db.unlink(missing_ok=True)
    ledger = work / "ledger-in.csv"
    began = time.perf_counter()
    with ledger.open("w", encoding="cp932", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(LEDGER_HEADER)
        writer.writerows(ledger_rows(args.n))
    print(f"{args.n} cases, files in {work} (ledger written in {time.perf_counter() - began:.1f} s)")
    base = [*exe, "--db", str(db)]
    run("import ledger (empty database)", [*base, "import", str(ledger)], env)
    run(
        "export ledger CSV cp932",
        [*base, "export", "--out", str(work / "ledger.csv"), "--layout", "ledger"],
        env,
    )
    run(
        "export ledger CSV utf-8-sig",
        [
            *base,
            "export",
            "--out",
            str(work / "ledger-utf8.csv"),
            "--layout",
            "ledger",
            "--encoding",
            "utf-8-sig",
        ],
        env,
    )
    run("export 60 columns CSV", [*base, "export", "--out", str(work / "cabinet.csv")], env)
    run("export 60 columns XLSX (+統計 sheet)", [*base, "export", "--out", str(work / "cabinet.xlsx")], env)
    run(
        "export statistics CSV",
        [*base, "export", "--out", str(work / "stats.csv"), "--layout", "statistics"],
        env,
    )
    run(
        "report deadlines PDF (30 days)",
        [
            *base,
            "report",
            "deadlines",
            "--out",
            str(work / "deadlines.pdf"),
            "--as-of",
            AS_OF.isoformat(),
            "--days",
            "30",
        ],
        env,
    )
    run("import again (all duplicates)", [*base, "import", str(ledger)], env)


if __name__ == "__main__":
    main()
