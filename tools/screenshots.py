"""Screenshots of the main window and its dialogs, offscreen at 1366x768 with the demo caseload.

Run: ``python tools/screenshots.py [OUT_DIR]`` (default: screenshots/ in the checkout). Uses a
throw-away data folder and database, so it never touches the clerk's real data. Look at every PNG.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NPO_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="npo-shots-")

from PySide6.QtCore import QDate, QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from npo_desk import store
from npo_desk.gui import clock
from npo_desk.gui.app import make_application
from npo_desk.gui.first_start import FirstStartDialog
from npo_desk.gui.main_window import MainWindow
from npo_desk.gui.settings_dialog import SettingsDialog
from npo_desk.store.demo import seed_demo

SIZE = (1366, 768)


def settle(ms: int = 150) -> None:
    """Let layouts, the background load and deferred paints finish."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    work = Path(os.environ["NPO_DESK_DATA_DIR"])

    empty = store.open_store(str(work / "empty.db"))
    first = FirstStartDialog(empty)
    first.demo.setChecked(True)
    first.show()
    save(first, out, "first-start")
    first.close()
    empty.close()

    st = store.open_store(str(work / "demo.db"))
    seed_demo(st, clock.today())
    window = MainWindow(st)
    window.resize(*SIZE)
    window.show()
    while window.loading:
        settle(50)
    window.tabs.setCurrentIndex(0)
    save(window, out, "main-dashboard")
    window.tabs.setCurrentIndex(1)
    save(window, out, "main-case-list")
    window.case_list.search.setText("日南")
    window.case_list.apply_search()
    save(window, out, "main-case-list-search")

    dialog = SettingsDialog(st, window)
    dialog.delegated_edit.setText("宮崎県串間市")
    dialog.add_delegated()
    dialog.closed_day_edit.setDate(QDate(clock.today().year, 8, 14))  # an example of a 条例 closed day
    dialog.add_closed_day()
    dialog.clerks.setPlainText("田中 恵子\n黒木 翔太\n日高 真理")
    dialog.show()
    for index, name in enumerate(("authority", "periods", "closed-days", "clerks")):
        dialog.tabs.setCurrentIndex(index)
        save(dialog, out, f"settings-{name}")
    dialog.close()

    from npo_desk.gui.deleted_cases import DeletedCasesDialog
    from npo_desk.gui.user import current_user

    mistaken = store.list_cases(st)[0]
    store.delete_case(st, mistaken.id, version=mistaken.version, who=current_user())
    deleted = DeletedCasesDialog(st, window)
    deleted.show()
    save(deleted, out, "deleted-cases")
    deleted.close()
    window.close()
    st.close()
    app.processEvents()


if __name__ == "__main__":
    main()
