"""How long the dashboard's deadline work takes: ``open_deadlines`` over many cases.

Run: ``python benchmarks/bench_deadlines.py [N]``. Not a test (no timing assertions in tests/).
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta

from measure import current_mb, memory_note

from npo_desk.domain.deadlines import open_deadlines
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.settings import Settings


def cases(n: int) -> list[CaseFacts]:
    """``n`` cases spread over 1998-12-01 .. 2040, at every stage from 縦覧 to 完了届待ち."""
    out = []
    for i in range(n):
        received = date(1998, 12, 1) + timedelta(days=(i * 37) % 15000)
        stage = i % 4
        out.append(
            CaseFacts(
                received_on=received,
                certified_on=received + timedelta(days=100) if stage >= 1 else None,
                certificate_delivered_on=received + timedelta(days=104) if stage >= 2 else None,
                registered_on=received + timedelta(days=115) if stage >= 3 else None,
            )
        )
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    settings = Settings(extra_closed_days=frozenset({date(2025, 8, 14)}))
    facts = cases(n)
    today = date(2026, 4, 1)
    before = current_mb()
    began = time.perf_counter()
    total = sum(len(open_deadlines(f, settings, today)) for f in facts)
    elapsed = time.perf_counter() - began
    print(f"{n} cases, {total} open deadlines: {elapsed:.3f} s ({elapsed / n * 1e6:.0f} µs per case)")
    print(f"memory: {memory_note(before)}")


if __name__ == "__main__":
    main()
