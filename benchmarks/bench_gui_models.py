"""How the GUI's list and dashboard behave with 50,000 cases. Not a test: it prints timings.

Run: ``python benchmarks/bench_gui_models.py [N]`` (default 50,000). It measures

1. the table models alone over synthetic rows: loading, one keystroke of search, a stage filter, sorting
   every column; and, for comparison, the same keystroke through a ``QSortFilterProxyModel``;
2. the real path on a SQLite database of N cases (the demo caseload copied N/19 times, built once and
   kept in the temp folder): ``list_cases``, the rows for the list, ``pending_deadlines``, and a full
   ``MainWindow.refresh()``.
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

from measure import timed
from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt

from npo_desk import store
from npo_desk.domain.lifecycle import Stage
from npo_desk.gui.app import make_application
from npo_desk.gui.case_list_model import CaseListModel, CaseListRow, first_pending, row_from_summary
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


def build_database(n: int) -> Path:
    """The demo caseload, its 設立 applications copied until there are ``n`` cases (numbers made unique),
    each copy a new corporation (as an imported ledger's rows are): every copy goes through
    ``store.create_cases``, the checked write path of the window and the importer."""
    final = Path(tempfile.gettempdir()) / f"npo-desk-bench-{n}-corporations.db"
    if final.exists():
        return final
    path = final.with_suffix(".partial.db")
    path.unlink(missing_ok=True)
    st = store.open_store(str(path))
    try:
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
    finally:
        st.close()
    path.rename(final)  # only a complete database is reused by the next run
    return final


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


def bench_database(n: int) -> None:
    path = build_database(n)
    st = store.open_store(str(path))
    try:
        settings = store.load_settings(st)
        summaries: list[store.CaseSummary] = []
        print(f"Real database, {len(store.list_cases(st, store.CaseQuery(limit=None)))} cases ({path})")
        timed("store.list_cases (all)", lambda: summaries.extend(store.list_cases(st)))
        pending: list[store.OpenDeadline] = []
        timed(
            "store.pending_deadlines (dashboard)",
            lambda: pending.extend(store.pending_deadlines(st, settings, TODAY)),
        )
        timed(
            "store.corporation_agenda(lists=True) (法人, 手続)",
            lambda: store.corporation_agenda(st, settings, TODAY, lists=True),
        )
        first = first_pending(pending)
        timed(
            "rows for the list (stage + next deadline)",
            lambda: [row_from_summary(s, settings, TODAY, first.get(s.id)) for s in summaries],
        )
        from npo_desk.gui.main_window import MainWindow

        window = MainWindow(st)
        window.show()
        wait_for_load(window, "first load in the background, window shown")
        window.refresh()
        wait_for_load(window, "F5 reload in the background")
        # A case whose number is not a prefix of others (the copies are numbered R8-001-2, R8-001-3, ...).
        unique = max(summaries, key=lambda s: (len(s.number), s.number))
        timed(f"one saved case updated in place ({unique.number})", lambda: window.update_case(unique.id))
        window.close()
    finally:
        st.close()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    make_application()
    bench_models(n)
    bench_database(n)


if __name__ == "__main__":
    main()
