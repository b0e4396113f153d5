"""Screenshot of the editor's 事業報告書 tab, offscreen at 1366x768 with the demo caseload.

Run: ``python tools/screenshot_annual_reports.py [OUT_DIR]`` (default: screenshots/ in the checkout).
Shows 北郷里山の会, whose last three reports are missing (the 43条1項 warning); writes
editor_annual_reports.png, and main_dashboard_annual_reports.png (the dashboard with the reports due).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NPO_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="npo-annual-shots-")

from PySide6.QtCore import QEventLoop, QTimer

from npo_desk import store
from npo_desk.gui import clock
from npo_desk.gui.app import make_application
from npo_desk.gui.editor import CaseEditor
from npo_desk.store.demo import seed_demo

SIZE = (1366, 768)


def settle(ms: int = 200) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    make_application()
    st = store.open_store(str(Path(os.environ["NPO_DESK_DATA_DIR"]) / "demo.db"))
    seed_demo(st, clock.today())
    found = store.case_by_number(st, "H26-001")
    assert found is not None and found.id is not None
    editor = CaseEditor(st, found.id)
    editor.resize(*SIZE)
    editor.show()
    editor.tabs.setCurrentWidget(editor.annual_reports_tab)
    settle()
    path = out / "editor_annual_reports.png"
    editor.grab().save(str(path))
    print(path)
    editor.undo_stack.setClean()
    editor.close()

    from npo_desk.gui.main_window import MainWindow

    window = MainWindow(st)
    window.resize(*SIZE)
    window.show()
    settle(400)
    path = out / "main_dashboard_annual_reports.png"
    window.grab().save(str(path))
    print(path)
    window.close()
    st.close()


if __name__ == "__main__":
    main()
