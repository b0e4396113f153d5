"""``store.collector_paused``: the cycle collector is off during bulk work and back on after it, as
it was, however the block ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from npo_desk.store import collector_paused


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_running_again_after_nested_blocks_and_an_error() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block did not start it again
        raise RuntimeError
    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused() -> None:
    gc.disable()

    @collector_paused()
    def work() -> bool:
        return gc.isenabled()

    assert work() is False
    assert not gc.isenabled()


def test_fetched_in_parts_gives_every_row_in_order(store) -> None:  # type: ignore[no-untyped-def]
    """A result bigger than a part comes whole and in its order (the parts only let the window's
    thread in between them)."""
    from sqlalchemy import text

    from npo_desk.store.bulk import PART, fetched_in_parts

    count = PART * 2 + 7
    with store.read() as session:
        query = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) SELECT i FROM n"
        )
        rows = fetched_in_parts(session.connection().execute(text(query), {"count": count}))
    assert [row[0] for row in rows] == list(range(1, count + 1))
    assert fetched_in_parts([(1,), (2,)]) == [(1,), (2,)]  # a plain iterable as it is


def test_released_empties_lists_and_dicts_of_any_size() -> None:
    from npo_desk.store import released
    from npo_desk.store.bulk import PART

    items, table, small = list(range(PART * 3 + 1)), {n: [n] for n in range(PART + 5)}, [1]
    released(items, table, small, [])
    assert items == [] and table == {} and small == []
