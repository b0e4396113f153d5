"""What every screenshot script shares: an offscreen Qt on a throw-away data folder, the demo
caseload, 1366x768 windows, and PNGs written to screenshots/ (or the folder given on the command line).

Importing this module sets the environment, so import it before the application is created.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NPO_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="npo-shots-")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from npo_desk import store
from npo_desk.gui import clock
from npo_desk.gui.app import make_application
from npo_desk.gui.editor import CaseEditor

SIZE = (1366, 768)
WORK = Path(os.environ["NPO_DESK_DATA_DIR"])


def output_dir() -> Path:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out


def settle(ms: int = 150) -> None:
    """Let layouts, the background load and deferred paints finish."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def demo_store() -> store.Store:
    """The application, and a fresh database holding the demo caseload."""
    make_application()
    st = store.open_store(str(WORK / "demo.db"))
    store.seed_demo(st, clock.today())
    return st


def save(widget: QWidget, out: Path, name: str, *, wait_ms: int = 150) -> Path:
    settle(wait_ms)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def open_case(st: store.Store, number: str | None) -> CaseEditor:
    """An editor on the case ``number`` (None: a new case), shown at the screenshot size."""
    case_id = None
    if number is not None:
        found = store.case_by_number(st, number)
        assert found is not None and found.id is not None, number
        case_id = found.id
    editor = CaseEditor(st, case_id)
    editor.resize(*SIZE)
    editor.show()
    return editor


def close_quietly(editor: CaseEditor) -> None:
    editor.undo_stack.setClean()  # screenshots only: never ask, never save
    editor.close()
