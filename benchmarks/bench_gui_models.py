"""How the GUI's list and dashboard behave with 50,000 cases. Not a test: it prints timings.

Run: ``python benchmarks/bench_gui_models.py [N] [--window] [--db SERVER_URL]`` (default 50,000). It
measures

1. the table models alone over synthetic rows: loading, one keystroke of search, a stage filter, sorting
   every column; and, for comparison, the same keystroke through a ``QSortFilterProxyModel``;
2. the real path on a database of N cases (the demo caseload copied N/19 times through the store's
   checked ``create_cases``, built once and kept: an SQLite file in the temp folder, or with ``--db
   postgresql+psycopg://USER@HOST:PORT/postgres`` a database ``npo_desk_bench_N_corporations`` on that
   server): ``list_cases``, the rows for the list, ``corporation_pending_deadlines``, the window's first
   load and F5 (the first rows of 今日の期限, the longest GUI stall) and the whole process, each beside
   the same window on the demo's 19 cases on the same backend.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NPO_DESK_DATA_DIR", tempfile.mkdtemp(prefix="npo-bench-"))

from bench_store import kept_database, server_database
from measure import peak_mb, run_child, timed
from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt

from npo_desk import store
from npo_desk.domain.lifecycle import Stage
from npo_desk.gui.app import make_application
from npo_desk.gui.case_list_model import CaseListModel, CaseListRow, row_from_summary
from npo_desk.gui.table_model import SORT_ROLE

TODAY = date(2026, 4, 10)


def synthetic_rows(n: int) -> list[CaseListRow]:
    stages = list(Stage)
    return [
        CaseListRow(
            case_id=i,
            number=f"R{i % 8 + 1}-{i:05d}",
            name=f"特定非営利活動法人 まちづくり{i}の会",
            kana=f"マチヅクリ{i}ノカイ",
            representative=f"日南 太郎{i % 997}",
            address=f"宮崎県日南市中央通{i % 50}-{i % 7}",
            stage=stages[i % len(stages)],
            received_on=date(2000, 1, 1) + timedelta(days=i % 9000),
            next_due=date(2026, 1, 1) + timedelta(days=i % 400) if i % 3 else None,
            next_label="認証・不認証の決定期限" if i % 3 else "",
            fiscal_year=2000 + i % 27,
            clerk=("田中", "黒木", "日高")[i % 3],
        )
        for i in range(n)
    ]


def bench_models(n: int) -> None:
    print(f"Table models, {n} synthetic rows")
    rows = synthetic_rows(n)
    model = CaseListModel()
    timed("set_rows (load)", lambda: model.set_rows(rows))
    for typed in ("ま", "まち", "まちづくり1", "まちづくり12"):
        timed(f"search keystroke {typed!r}", partial(model.set_search, typed))
    timed("search cleared", lambda: model.set_search(""))
    timed("stage filter 審査中", lambda: model.set_stages(frozenset({Stage.REVIEW})))
    timed("stage filter off", lambda: model.set_stages(None))
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        timed(f"sort by {header}", partial(model.sort, column, Qt.SortOrder.AscendingOrder))

    print("  -- for comparison: QSortFilterProxyModel over the same model --")
    plain = CaseListModel()
    plain.set_rows(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(plain)
    proxy.setFilterKeyColumn(-1)

    def proxy_filter() -> None:
        proxy.setFilterRegularExpression(QRegularExpression("まちづくり12"))
        proxy.rowCount()  # the proxy filters lazily, on first access

    timed("proxy keystroke 'まちづくり12' (all columns)", proxy_filter)
    proxy.setFilterRegularExpression(QRegularExpression(""))
    proxy.setSortRole(SORT_ROLE)
    timed("proxy sort by 申請受理日 (SORT_ROLE)", lambda: proxy.sort(CaseListModel.RECEIVED))


def build_database(n: int, server: str | None = None) -> str:
    """The demo caseload, its 設立 applications copied until there are ``n`` cases (numbers made unique),
    each copy a new corporation (as an imported ledger's rows are): every copy goes through
    ``store.create_cases``, the checked write path of the window and the importer. Built once and kept
    (``bench_store.kept_database``), on ``server`` when given. Returns its path or URL."""
    return kept_database(f"npo-desk-bench-{n}-corporations", partial(_copies_of_demo, n), server)


def _copies_of_demo(n: int, st: store.Store) -> None:
    from npo_desk.store.demo import seed_demo

    demo = [c for c in seed_demo(st, TODAY) if c.kind is store.CaseKind.ESTABLISHMENT]
    for k in range(1, n // len(demo)):
        copies = [
            replace(
                c,
                id=None,
                corporation_id=None,
                number=f"{c.number}-{k + 1}",
                version=0,
                created_at=None,
                updated_at=None,
            )
            for c in demo
        ]
        store.create_cases(st, copies, who="benchmark", today=TODAY)


def demo_database(server: str | None = None) -> str:
    """The floor's database, made anew: the demo's 19 cases, in a temp SQLite file or, with ``server``,
    in a new database on that server. Returns its path or URL."""
    from npo_desk.store.demo import seed_demo

    if server is None:
        db = str(Path(tempfile.mkdtemp(prefix="npo-bench-floor-")) / "demo.db")
    else:
        db = server_database(server, "npo_desk_bench_window_demo")
    seeded = store.open_store(db)
    try:
        seed_demo(seeded, TODAY)
    finally:
        seeded.close()
    return db


def wait_for_load(window: object, label: str) -> tuple[float, float | None, int]:
    """Run the event loop until the load is shown; report how long, when the dashboard's first rows
    were there and the longest GUI stall (a 10 ms timer on the GUI thread: the longest gap between
    its ticks, the last one up to ``refreshed`` included). Returns (total ms, first rows ms, stall)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    loop = QEventLoop()
    clock, gaps, last = QElapsedTimer(), [0], [0]
    first: list[float] = []
    clock.start()

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    def finished() -> None:
        tick()  # the step that emitted ``refreshed`` counts too
        loop.quit()

    model = window.dashboard.model  # type: ignore[attr-defined]

    def rows_shown() -> None:
        if not first and model.rowCount() > 0:
            first.append(clock.elapsed())

    window.refreshed.connect(finished)  # type: ignore[attr-defined]
    model.modelReset.connect(rows_shown)
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    ticker.start()
    loop.exec()
    ticker.stop()
    window.refreshed.disconnect(finished)  # type: ignore[attr-defined]
    model.modelReset.disconnect(rows_shown)
    shown = f"{first[0]:7.0f} ms" if first else "      -   "
    print(
        f"  {label:<48} {clock.elapsed():9.1f} ms  (dashboard rows at {shown}, "
        f"longest GUI stall {max(gaps)} ms)"
    )
    return clock.elapsed(), first[0] if first else None, max(gaps)


def window_process(db: str) -> tuple[float, float]:
    """A whole process, as the clerk starts it: Python, imports, the window shown and filled, quit.
    Returns (wall seconds, peak MB)."""
    wall, peak, status, printed, _cpu = run_child(
        [sys.executable, __file__, "--child", db], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    )
    if status != 0:
        raise SystemExit(printed)
    # The child's own high-water mark: ru_maxrss of a forked child starts from this process's.
    own = [line.split()[1] for line in printed.splitlines() if line.startswith("VmHWM-MB")]
    return wall, float(own[-1]) if own else peak


def child(path: str) -> None:
    """``--child DB``: show the window on DB, wait until it is filled, quit."""
    from PySide6.QtCore import QEventLoop

    from npo_desk.gui.main_window import MainWindow

    st = store.open_store(path)
    window = MainWindow(st)
    window.show()
    loop = QEventLoop()
    window.refreshed.connect(loop.quit)
    loop.exec()
    window.close()
    st.close()
    status = Path("/proc/self/status")
    if status.exists():
        peak = next(line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:"))
        print(f"VmHWM-MB {int(peak) / 1000:.0f}")


def window_floor(demo: str) -> float:
    """The floor of the window's load: the same window, shown and filled, on the demo's 19 cases."""
    from npo_desk.gui.main_window import MainWindow

    st = store.open_store(demo)
    try:
        window = MainWindow(st)
        window.show()
        total, _first, _stall = wait_for_load(window, "floor: the same window, 19 demo cases")
        window.close()
        return total
    finally:
        st.close()


def bench_database(n: int, server: str | None = None) -> None:
    db = build_database(n, server)
    demo = demo_database(server)
    st = store.open_store(db)
    try:
        settings = store.load_settings(st)
        summaries: list[store.CaseSummary] = []
        count = len(store.list_cases(st, store.CaseQuery(limit=None)))
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"Real database, {count} cases ({st.display_name}); load average {load}")
        timed("store.list_cases (all)", lambda: summaries.extend(store.list_cases(st)))
        pending: list[store.OpenDeadline] = []
        timed(
            "store.corporation_pending_deadlines (dashboard)",
            lambda: pending.extend(store.corporation_pending_deadlines(st, settings, TODAY)),
        )
        timed(
            "store.corporation_agenda(lists=True) (法人, 手続)",
            lambda: store.corporation_agenda(st, settings, TODAY, lists=True),
        )
        first = store.first_of_each(pending, lambda line: line.case_id)
        timed(
            "rows for the list (stage + next deadline)",
            lambda: [row_from_summary(s, settings, TODAY, first.get(s.id)) for s in summaries],
        )
        # The window counts from the clock's day, the data from TODAY: as a clerk's daily use leaves
        # the database, the deadlines are read (and kept, store.deadline_cache) the day before the start.
        # On a database last read months earlier, the first load works again every corporation whose
        # dates passed meanwhile (shown by the first line below when the clock is far from TODAY).
        yesterday = date.today() - timedelta(days=1)
        timed(
            "deadlines read the day before (kept; a clerk's daily use)",
            lambda: store.corporation_pending_deadlines(st, settings, yesterday),
        )
        from npo_desk.gui.main_window import MainWindow

        window = MainWindow(st)
        window.show()
        total, first, stall = wait_for_load(window, "first load in the background, window shown")
        window.refresh()
        wait_for_load(window, "F5 reload in the background")
        floor = window_floor(demo)
        walls = [window_process(db) for _ in range(3)]
        floors = [window_process(demo) for _ in range(3)]
        wall, peak = sorted(walls)[1]
        floor_wall, floor_peak = sorted(floors)[1]
        print(
            f"  whole process (start, window filled, quit; median of 3): {wall:.2f} s, {peak:.0f} MB "
            f"beside the 19-case demo {floor_wall:.2f} s, {floor_peak:.0f} MB ({wall / floor_wall:.1f}x)"
        )
        print(
            f"  window filled: {total / 1000:.2f} s beside the same window on the 19-case demo "
            f"{floor / 1000:.2f} s ({total / floor:.1f}x); dashboard rows after "
            f"{(first or 0) / 1000:.2f} s; longest GUI stall {stall} ms; peak {peak_mb():.0f} MB"
        )
        # A case whose number is not a prefix of others (the copies are numbered R8-001-2, R8-001-3, ...).
        unique = max(summaries, key=lambda s: (len(s.number), s.number))
        timed(f"one saved case updated in place ({unique.number})", lambda: window.update_case(unique.id))
        window.close()
    finally:
        st.close()


def main() -> None:
    """``bench_gui_models.py [N] [--window] [--db SERVER_URL]``: ``--window`` measures the real
    database's window alone; ``--db`` puts the databases on that PostgreSQL server."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=50_000)
    parser.add_argument("--window", action="store_true", help="the real database's window alone")
    parser.add_argument("--db", help="a PostgreSQL server's URL, e.g. of its maintenance database")
    parser.add_argument("--child", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    make_application()
    if args.child:
        child(args.child)
        return
    if not args.window:
        bench_models(args.n)
    bench_database(args.n, args.db)


if __name__ == "__main__":
    main()
