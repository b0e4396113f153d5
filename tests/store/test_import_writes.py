"""An import's write, on SQLite and PostgreSQL: text the database cannot hold is refused at the boundary
with the same words on both, two imports of one file at once create every case once, and the write
transaction is a fixed handful of statements however long the file (other clerks wait for it only
briefly; benchmarks/bench_import_lock.py measures how briefly)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import Session

import npo_desk.store as st
from npo_desk.domain.errors import InvalidInput
from npo_desk.reports.importer import ImportPlan, ImportRejected, apply_import, import_file, prepare_import
from npo_desk.reports.layouts import LEDGER_HEADER
from npo_desk.store import Milestone, MilestoneKind, Office, OfficeKind, Store
from tests.store.samples import sample_case

TODAY = date(2026, 12, 2)


def _ledger(tmp_path: Path, count: int, **changes: tuple[int, str, str]) -> Path:
    """``count`` rows; ``changes`` puts (row number, column, text) into a cell. UTF-8: NUL and all."""
    rows = []
    for number in range(2, count + 2):
        values = {
            "法人名称": f"ひなた会{number}",
            "申請受理日": f"2026/{number % 12 + 1:02d}/{number % 28 + 1:02d}",
            "主たる事務所の所在地": "宮崎県日南市中央通1丁目1-1",
        }
        if number % 12 + 1 >= 12:
            values["申請受理日"] = f"2025/{number % 12 + 1:02d}/{number % 28 + 1:02d}"
        for row, column, cell in changes.values():
            if row == number:
                values[column] = cell
        rows.append(",".join('"' + values.get(h, "").replace('"', '""') + '"' for h in LEDGER_HEADER))
    path = tmp_path / "ledger.csv"
    path.write_bytes(("\r\n".join([",".join(LEDGER_HEADER), *rows]) + "\r\n").encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("column", "text", "reason"),
    [
        ("法人名称", "ひなた\x00会", "制御文字（U+0000）が含まれています。"),
        ("法人名称", "ひなた\x1b会", "制御文字（U+001B）が含まれています。"),
        ("法人名称", "長" * 5000, "長すぎます（5,000文字あります。200文字までにしてください）。"),
        ("備考", "メモ\x00", "制御文字（U+0000）が含まれています。"),
        ("主たる事務所の所在地", "宮崎県日南市" + "一" * 300, "300文字までにしてください"),
        ("従たる事務所の所在地", "宮崎県日南市油津\x071-1", "制御文字（U+0007）が含まれています。"),
        ("代表者氏名", "日向\t花子", "タブ（U+0009）が含まれています。"),
    ],
)
def test_text_the_database_cannot_hold_is_refused_naming_row_and_column(
    store: Store, tmp_path: Path, column: str, text: str, reason: str
) -> None:
    """SQLite stored these as they were; PostgreSQL failed with a message that named no row and
    blamed the connection. Now both refuse the file before writing, with one message."""
    path = _ledger(tmp_path, 3, bad=(3, column, text))
    with pytest.raises(ImportRejected) as err:
        import_file(store, path, who="取込", today=TODAY)
    [error] = err.value.plan.errors
    assert (error.row, error.column) == (3, column)
    assert reason in error.reason
    assert "\x00" not in str(err.value)  # shown as ␀ in the one-line description
    assert st.list_cases(store) == []


def test_the_store_refuses_the_same_text_naming_the_field(store: Store) -> None:
    with pytest.raises(InvalidInput, match=r"「法人名」を保存できません。制御文字（U\+0000）"):
        st.create_case(store, sample_case(name="会\x00"), who="田中", today=TODAY)
    with pytest.raises(InvalidInput, match=r"「事務所」を保存できません。長すぎます（301文字あります"):
        st.create_case(
            store, sample_case(offices=(Office("宮" * 301, OfficeKind.MAIN),)), who="田中", today=TODAY
        )
    case = st.create_case(store, sample_case(notes="1行目\n\t2行目"), who="田中", today=TODAY)
    with pytest.raises(InvalidInput, match="「法人名」を保存できません。改行は入れられません"):
        st.save_case(store, replace(case, name="会\n2行目"), who="田中")
    with pytest.raises(InvalidInput, match="「メモ」を保存できません。制御文字（U\\+001F）"):
        st.save_case(store, replace(case, notes="\x1f"), who="田中")
    assert st.get_case(store, case.id or 0) == case


def _twice_at_once(first: Store, second: Store, path: Path) -> list[ImportPlan]:
    """Both plans are made before either import writes: each finds none of the file's cases stored."""
    plans = [prepare_import(first, path), prepare_import(second, path)]
    assert all(not plan.duplicates for plan in plans)
    done: list[ImportPlan] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run(where: Store, plan: ImportPlan) -> None:
        start.wait()
        try:
            done.append(apply_import(where, plan, who="取込", today=TODAY))
        except BaseException as err:  # reported to the test below
            errors.append(err)

    threads = [threading.Thread(target=run, args=pair) for pair in zip((first, second), plans, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return done


def test_two_imports_of_one_file_at_once_create_every_case_once(db_url: str, tmp_path: Path) -> None:
    """The duplicate check runs inside the write transaction, which case creation serialises: the
    second import finds the first's cases and reports its rows as already stored."""
    path = _ledger(tmp_path, 60)
    first, second = st.open_store(db_url), st.open_store(db_url)
    try:
        plans = _twice_at_once(first, second, path)
        stored = st.list_cases(first)
        assert len(stored) == 60 and len({s.name for s in stored}) == 60
        assert sorted(len(plan.cases) for plan in plans) == [0, 60]
        assert sorted(len(plan.duplicates) for plan in plans) == [0, 60]
    finally:
        first.close()
        second.close()


def test_a_case_the_clerk_created_after_the_plan_is_not_created_again(store: Store, tmp_path: Path) -> None:
    path = _ledger(tmp_path, 5)
    plan = prepare_import(store, path)
    row_4 = plan.cases[2]
    clerks = st.create_case(
        store, replace(sample_case(), name=row_4.name, milestones=row_4.milestones), who="田中", today=TODAY
    )
    done = apply_import(store, plan, who="取込", today=TODAY)
    same = [s for s in st.list_cases(store) if s.name == row_4.name]
    assert [s.id for s in same] == [clerks.id]
    assert done.rows == [2, 3, 5, 6]
    assert done.duplicates == [f"4行目 {row_4.name}: 同じ法人名称・申請受理日の案件が既にあります"]


def test_a_case_the_clerk_is_creating_while_the_import_writes_is_waited_for(
    pg_url: str, tmp_path: Path
) -> None:
    """PostgreSQL: the clerk's new case is inserted, not yet committed, when the import's write
    transaction begins. The import waits on the creation lock, then sees the committed case (READ
    COMMITTED) and skips its row. (SQLite's BEGIN IMMEDIATE queues every writer.)"""
    clerk_store, import_store = st.open_store(pg_url), st.open_store(pg_url)
    watcher = create_engine(pg_url)
    inserted, go = threading.Event(), threading.Event()
    clerk_threads: set[int] = set()
    plan = prepare_import(import_store, _ledger(tmp_path, 5))
    row_4 = plan.cases[2]
    done: list[ImportPlan] = []

    def hold(session: Session) -> None:  # the clerk's transaction: everything written, not committed
        if threading.get_ident() in clerk_threads:
            inserted.set()
            go.wait(60)

    def clerk() -> None:
        clerk_threads.add(threading.get_ident())
        new = replace(sample_case(), name=row_4.name, milestones=row_4.milestones)
        st.create_case(clerk_store, new, who="田中", today=TODAY)

    event.listen(Session, "before_commit", hold)
    try:
        clerk_thread = threading.Thread(target=clerk)
        clerk_thread.start()
        assert inserted.wait(60)
        importer = threading.Thread(
            target=lambda: done.append(apply_import(import_store, plan, who="取込", today=TODAY))
        )
        importer.start()
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        with watcher.connect() as conn:
            for _ in range(600):  # until the import waits for the clerk (bounded, if it never does)
                if conn.execute(text(waiting)).scalar() or not importer.is_alive():
                    break
                threading.Event().wait(0.05)
        go.set()
        clerk_thread.join(60)
        importer.join(60)
    finally:
        go.set()
        event.remove(Session, "before_commit", hold)
        watcher.dispose()
    try:
        same = [s for s in st.list_cases(import_store) if s.name == row_4.name]
        assert len(same) == 1
        assert [d for plan in done for d in plan.duplicates] == [
            f"4行目 {row_4.name}: 同じ法人名称・申請受理日の案件が既にあります"
        ]
    finally:
        clerk_store.close()
        import_store.close()


def test_the_import_transaction_does_not_grow_with_the_file(store: Store, tmp_path: Path) -> None:
    """Everything is read, checked and resolved before the write transaction, which then sends a
    fixed number of statements (it used to send one INSERT per case, and hold the lock ~30 s for
    20,000 rows). Counted, not timed."""
    counts = []
    for count in (120, 360):  # both above search_index._BULK: the same kind of write
        stored = len(st.list_cases(store))
        path = _ledger(tmp_path, count)
        plan = prepare_import(store, path)
        statements: list[str] = []

        def seen(conn, cursor, statement, parameters, context, executemany, statements=statements):  # type: ignore[no-untyped-def]
            statements.append(statement)

        event.listen(store.engine, "before_cursor_execute", seen)
        try:
            apply_import(
                store,
                replace(plan, cases=[replace(c, name=f"{c.name}/{count}") for c in plan.cases]),
                who="取込",
                today=TODAY,
            )
        finally:
            event.remove(store.engine, "before_cursor_execute", seen)
        counts.append(len(statements))
        assert len(st.list_cases(store)) == stored + count
    assert counts[0] == counts[1]


def test_numbers_continue_per_fiscal_year_in_one_import(store: Store) -> None:
    """Numbers are drawn inside the transaction, after the highest stored serial of each year."""
    this_year = (Milestone(MilestoneKind.RECEIVED, date(2026, 4, 7)),)
    last_year = (Milestone(MilestoneKind.RECEIVED, date(2025, 6, 1)),)
    st.create_case(store, sample_case(milestones=this_year), who="田中", today=TODAY)  # R8-001
    numbers = st.create_cases(
        store,
        [
            sample_case(name="会A", milestones=this_year),
            sample_case(name="会B", milestones=last_year),
            sample_case(name="会C", milestones=this_year),
        ],
        who="取込",
        today=TODAY,
    )
    assert numbers == ["R8-002", "R7-001", "R8-003"]
    found = st.list_cases(store, st.CaseQuery(text="R7-001"))
    assert [s.name for s in found] == ["会B"]  # the drawn number is searchable too


def test_cases_of_a_large_import_are_found_by_the_search_index(store: Store, tmp_path: Path) -> None:
    """On SQLite a large import fills the search index with one statement instead of its trigger's
    row-by-row inserts (store.search_index.bulk_insert): the cases are found all the same, and the
    trigger is back for the next case."""
    apply_import(store, prepare_import(store, _ledger(tmp_path, 150)), who="取込", today=TODAY)
    assert [s.name for s in st.list_cases(store, st.CaseQuery(text="ひなた会149"))] == ["ひなた会149"]
    assert len(st.list_cases(store, st.CaseQuery(text="ひなた会"))) == 150
    st.create_case(store, sample_case(name="索引の会"), who="田中", today=TODAY)
    assert [s.name for s in st.list_cases(store, st.CaseQuery(text="索引"))] == ["索引の会"]
    if store.is_sqlite:
        with store.read() as session:
            indexed = session.connection().exec_driver_sql("SELECT count(*) FROM cases_search").scalar()
            trigger = session.connection().exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'cases_search_insert'"
            )
            assert (indexed, trigger.scalar()) == (151, 1)
