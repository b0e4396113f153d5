"""Work over tens of thousands of records at once (an imported ledger, every open deadline of the
database): the cycle collector paused.

Python's cyclic garbage collector runs a full collection every so often, and each one walks every live
object. An import holds hundreds of thousands of them (rows read, cases, their column values) until it
is done, so the collections cost more the larger the file: a quarter of a 50,000-row import's time
(benchmarks/bench_import.py), a fifth of the dashboard's query at 20,000 (bench_due.py). The
records are frozen dataclasses, tuples and strings without cycles: reference counting frees them all
the same, and the collector runs again once the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block. Nested blocks, or a collector someone else
    paused, are left as they were (only the block that paused it starts it again)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# A C call that runs long holds the interpreter lock throughout: the window's thread, which shares it,
# cannot even repaint meanwhile. A background load of 50,000 cases fetched one result of 50,000 rows
# in 0.2 s and freed its records in 0.3 s in one go each (benchmarks/bench_gui_models.py); in parts,
# with Python running between them, the lock changes hands every few milliseconds.
PART = 2_000


def fetched_in_parts(result: Iterable[Any]) -> list[Any]:
    """Every row of ``result`` (a SQLAlchemy ``Result``), fetched ``PART`` rows at a time."""
    partitions = getattr(result, "partitions", None)
    if partitions is None:
        return list(result)
    return [row for part in partitions(PART) for row in part]


def released(*containers: list[Any] | dict[Any, Any]) -> None:
    """Empty big lists and dicts of records a part at a time (freeing tens of thousands of records
    at once is one long C call)."""
    for container in containers:
        if isinstance(container, dict):
            while container:
                container.popitem()
        else:
            while container:
                del container[-PART:]
