"""The real program in a subprocess: killed with SIGKILL while open, restarted, nothing committed lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from npo_desk import store as case_store
from npo_desk.gui.process import LOG_NAME

SHOWN = "メインウィンドウを表示しました。"


def _command(db: Path) -> list[str]:
    script = Path(sys.executable).with_name("npo-desk")
    return (
        [str(script), "--db", str(db)]
        if script.exists()
        else [sys.executable, "-m", "npo_desk", "--db", str(db)]
    )


def _start(db: Path, data: Path, output: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NPO_DESK_DATA_DIR=str(data))
    env.pop("NPO_DESK_DB", None)
    with output.open("ab") as sink:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(_command(db), env=env, stdout=sink, stderr=subprocess.STDOUT)


def _wait_until_shown(process: subprocess.Popen[bytes], log: Path, times: int) -> None:
    """Poll the session log until the window was shown ``times`` times (a readiness wait, not a timing)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if log.exists() and log.read_text(encoding="utf-8").count(SHOWN) >= times:
            return
        if process.poll() is not None:
            pytest.fail(f"npo-desk ended early with status {process.returncode}")
        time.sleep(0.2)
    process.kill()
    pytest.fail("npo-desk did not show its window")


def _case(name: str, received: date) -> case_store.Case:
    return case_store.Case(
        name=name,
        offices=(case_store.Office("宮崎県日南市中央通1-1"),),
        milestones=(case_store.Milestone(case_store.MilestoneKind.RECEIVED, received),),
    )


@pytest.mark.slow
def test_kill_9_while_open_and_restart_loses_nothing_committed(tmp_path):
    db, data = tmp_path / "ledger.db", tmp_path / "data"
    st = case_store.open_store(str(db))
    case_store.create_case(st, _case("さくら会", date(2026, 4, 1)), who="test", today=date(2026, 4, 1))
    st.close()

    output = tmp_path / "output.txt"
    first = _start(db, data, output)
    _wait_until_shown(first, data / LOG_NAME, 1)
    # A colleague saves while this clerk's window is open; then the machine "crashes".
    other = case_store.open_store(str(db))
    case_store.create_case(
        other, _case("ひなたの森", date(2026, 4, 2)), who="colleague", today=date(2026, 4, 2)
    )
    other.close()
    first.send_signal(signal.SIGKILL)
    assert first.wait(30) == -signal.SIGKILL

    second = _start(db, data, output)
    _wait_until_shown(second, data / LOG_NAME, 2)
    second.send_signal(signal.SIGTERM)  # closes the window the normal way
    assert second.wait(60) == 0
    assert "geometry" in (data / "npo-desk.ini").read_text(encoding="utf-8")  # the window really closed
    assert "Traceback" not in output.read_text(encoding="utf-8", errors="replace")

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    st = case_store.open_store(str(db))
    try:
        assert sorted(c.name for c in case_store.list_cases(st)) == ["さくら会", "ひなたの森"]
    finally:
        st.close()
