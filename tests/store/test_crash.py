"""kill -9 of a writer in the middle of a save leaves the last committed state intact."""

from __future__ import annotations

import signal
from dataclasses import replace
from datetime import date

import pytest

import npo_desk.store as st
from tests.store.samples import sample_case
from tests.store.writer_child import kill as _kill
from tests.store.writer_child import start as _start

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
    pytest.mark.slow,  # each test starts a writer process
]


def _check_sqlite_integrity(db_url: str) -> None:
    if "://" not in db_url:
        import sqlite3

        with sqlite3.connect(db_url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()


def test_kill_inside_the_transaction_keeps_the_committed_case(db_url: str) -> None:
    store = st.open_store(db_url)
    committed = st.create_case(store, sample_case(), who="田中", today=date(2026, 4, 7))
    store.close()

    child = _start(db_url, committed.id or 0, "hang")
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "flushed", child.stderr.read() if child.stderr else ""
    _kill(child)

    _check_sqlite_integrity(db_url)
    store = st.open_store(db_url)
    try:
        after = st.get_case(store, committed.id or 0)
        assert after == committed
        assert [h.who for h in st.case_history(store, committed.id or 0)] == ["田中"]
        # the lock of the dead writer is gone: the next save goes through
        saved = st.save_case(store, replace(after, notes="再開後"), who="田中")
        assert saved.version == committed.version + 1
    finally:
        store.close()


def test_kill_during_a_stream_of_saves_keeps_a_consistent_committed_state(db_url: str) -> None:
    store = st.open_store(db_url)
    committed = st.create_case(store, sample_case(), who="田中", today=date(2026, 4, 7))
    store.close()

    child = _start(db_url, committed.id or 0, "loop")
    assert child.stdout is not None
    reported = [int(child.stdout.readline()) for _ in range(15)]
    _kill(child)

    _check_sqlite_integrity(db_url)
    store = st.open_store(db_url)
    try:
        after = st.get_case(store, committed.id or 0)
        assert after.version >= reported[-1]  # nothing reported as saved was lost
        assert after.notes == f"保存{after.version}回目"  # row and version from the same commit
        history = st.case_history(store, committed.id or 0)
        assert len(history) == after.version  # one history row per committed save, plus creation
        assert after.offices == committed.offices and after.officers == committed.officers
    finally:
        store.close()
