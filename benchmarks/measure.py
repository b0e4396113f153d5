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


def run_child(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int, str, float]:
    """Run ``command``: (wall seconds, its own peak RSS in MB, exit status, what it printed, CPU
    seconds (user + system)).

    The peak is that child's alone (``wait4``), not the largest of every child so far. On a machine
    shared with other work the CPU time is the steadier figure; the wall time is what a clerk waits."""
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as out:
        began = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        printed = out.read().decode(errors="replace")
    return elapsed, _kib_to_mb(usage.ru_maxrss), child.returncode, printed, usage.ru_utime + usage.ru_stime
