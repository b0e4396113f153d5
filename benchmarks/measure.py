"""Time and memory of one benchmark step, printed the same way by every benchmark.

Memory is the process's resident set (RSS), not Python's heap alone: Qt's and SQLite's C allocations
are what fill the clerk's machine. Peak is the most the process has held so far; the step's own
growth is the change in current RSS. Linux reads /proc; elsewhere only the peak is known.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_PAGE = resource.getpagesize()


def _kib_to_mb(value: int) -> float:
    # ru_maxrss is KiB on Linux and bytes on macOS.
    return value / 1e6 if sys.platform == "darwin" else value * 1024 / 1e6


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak RSS of this process (or, with RUSAGE_CHILDREN, of its largest finished child)."""
    return _kib_to_mb(resource.getrusage(who).ru_maxrss)


def current_mb() -> float | None:
    statm = Path("/proc/self/statm")
    if not statm.exists():
        return None
    return int(statm.read_text().split()[1]) * _PAGE / 1e6


def memory_note(before: float | None) -> str:
    after = current_mb()
    grown = f"{after - before:+8.1f} MB" if before is not None and after is not None else " " * 11
    return f"{grown}  peak {peak_mb():7.1f} MB"


def timed(label: str, action: Callable[[], T], *, repeat: int = 1, warm: bool = False) -> T:
    """Run ``action`` (once more first when ``warm``), print the best time of ``repeat`` and memory."""
    before = current_mb()
    result = action() if warm else None
    best = float("inf")
    for _ in range(max(1, repeat)):
        began = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - began)
    print(f"  {label:<52} {best:9.3f} s {memory_note(before)}")
    return result  # type: ignore[return-value]
