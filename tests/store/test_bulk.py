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
