"""A writer process for the crash tests and benchmarks/bench_reliability.py: saves a case, either
hanging inside the transaction (``hang``), in an endless loop (``loop``), so the caller can kill it
with SIGKILL mid-save, or once when told to on stdin (``race``: two of them save the same version).

``start`` and ``kill`` are the parent's side, shared by the tests and the benchmark.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

import npo_desk.store as st

REPO = Path(__file__).resolve().parents[2]


def start(db_url: str, case_id: int, mode: str, *extra: str) -> subprocess.Popen[str]:
    """This file as a child process on ``db_url``; its stdout reports each step, one per line."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, __file__, db_url, str(case_id), mode, *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def kill(child: subprocess.Popen[str]) -> None:
    """SIGKILL, as a power cut or the task manager would: no handler, no cleanup runs."""
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    for stream in (child.stdin, child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def main() -> None:
    url, case_id, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    store = st.open_store(url)
    case = st.get_case(store, case_id)
    if mode == "hang":

        @event.listens_for(Session, "before_commit")
        def _hang(session: Session) -> None:  # everything is flushed, nothing committed yet
            print("flushed", flush=True)
            time.sleep(300)

        st.save_case(store, replace(case, notes="未確定の変更", member_count=99, offices=()), who="kill")
        return
    if mode == "race":  # read, say so, wait for the word, save: two of these race for one version
        label = sys.argv[4]
        print("ready", flush=True)
        sys.stdin.readline()
        try:
            saved = st.save_case(store, replace(case, notes=label), who=label)
        except st.ConcurrentEditError:
            print("conflict", flush=True)
        else:
            print(f"saved {saved.version}", flush=True)
        return
    while True:
        case = st.save_case(store, replace(case, notes=f"保存{case.version + 1}回目"), who="loop")
        print(case.version, flush=True)


if __name__ == "__main__":
    main()
