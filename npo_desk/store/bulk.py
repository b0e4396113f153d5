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
from collections.abc import Iterator
from contextlib import contextmanager


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
