"""The clerk's path through a corporation's 定款変更, on a real X window.

First start with the demo; the 法人 tab; a corporation's window; 「手続を開始」 → 定款変更認証
(two clicks); 受理 typed and saved; 今日の期限; 認証・認証書の到達 and the 登記 box, saved;
今日の期限; the 手続 tab; the corporation's timeline. The application runs on the xcb platform,
driven through its widgets with mouse clicks and keys, and the X screen is grabbed after each
step. Run it with the Python of a fresh non-editable install, then look at every PNG (and print
the 期限一覧表 of the data folder it names with ``npo-desk report deadlines``):

    xvfb-run -a -s "-screen 0 1600x1000x24" VENV/bin/python tools/handcheck_corporation.py OUT
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["NPO_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="npo-hand-")
os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
n = 0


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shot(name: str) -> None:
    global n
    settle()
    n += 1
    path = OUT / f"{n:02d}-{name}.png"
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print(path, flush=True)


def top(cls_name: str) -> QWidget:
    for w in QApplication.topLevelWidgets():
        if type(w).__name__ == cls_name and w.isVisible():
            return w
    raise SystemExit(f"no visible {cls_name}")


def main() -> None:
    import npo_desk
    from npo_desk import store
    from npo_desk.gui.app import make_application
    from npo_desk.gui.first_start import FirstStartDialog
    from npo_desk.gui.main_window import MainWindow

    print("npo_desk from", npo_desk.__file__, flush=True)
    print("data", os.environ["NPO_DESK_DATA_DIR"], flush=True)
    app = make_application()
    st = store.open_store(None)
    first = FirstStartDialog(st)
    first.show()
    first.authority.clear()
    first.authority.insert("宮崎県日南市")  # what an IME commit does (QTest types ASCII only)
    settle()
    QTest.mouseClick(first.demo, Qt.MouseButton.LeftButton, pos=QPoint(8, first.demo.height() // 2))
    assert first.demo.isChecked(), "the demo box did not take the click"
    shot("first-start")
    QTest.mouseClick(first.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # 開始
    settle()
    assert not first.isVisible(), "the first-start dialog stayed open"

    window = MainWindow(st)
    window.resize(1560, 940)
    window.move(10, 10)
    window.show()
    while window.loading:
        settle(100)
    shot("dashboard")
    window.show_tab("corporationsTab")
    shot("corporations")

    panel = window.corporation_list
    model = panel.view.model()
    target = None
    for row in range(model.rowCount()):
        text = model.index(row, 0).data()
        if text == "特定非営利活動法人 にちなん国際交流協会":
            target = row
    if target is None:
        names = [model.index(r, 0).data() for r in range(model.rowCount())]
        raise SystemExit(f"corporation not found among {names}")
    rect = panel.view.visualRect(model.index(target, 0))
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(800)
    corp = top("CorporationWindow")
    corp.move(40, 40)
    shot("corporation-window")

    # Click 1: 「手続を開始」; click 2: 定款変更認証.
    from npo_desk.store import CaseKind

    QTimer.singleShot(700, lambda: shot("start-menu"))
    QTimer.singleShot(
        1500, lambda: _click_action(corp.start_menu, corp.start_actions[CaseKind.ARTICLES_AMENDMENT])
    )
    QTest.mouseClick(corp.start_button, Qt.MouseButton.LeftButton)
    settle(1500)
    editor = top("ProcedureEditor")
    editor.move(80, 60)
    shot("procedure-editor-new")

    tab = editor.procedure_tab
    from npo_desk.store import MilestoneKind

    def type_date(kind: MilestoneKind, text: str) -> None:
        field = tab.date_fields[kind]
        target = field.edit
        target.setFocus()
        QTest.keyClicks(target, text)
        QTest.keyClick(target, Qt.Key.Key_Return)
        settle(200)

    type_date(MilestoneKind.RECEIVED, "R8.10.26")
    shot("received-typed")
    editor.save_action.trigger()  # what ファイル → 保存 / Ctrl+S run
    settle(800)
    editor.tabs.setCurrentWidget(editor.deadlines_tab)
    shot("deadlines-after-receipt")
    settle(500)
    window.raise_()
    window.activateWindow()
    window.show_tab("dashboardTab")
    shot("dashboard-after-receipt")

    editor.raise_()
    editor.activateWindow()
    editor.tabs.setCurrentWidget(editor.procedure_tab)
    settle()
    type_date(MilestoneKind.CERTIFIED, "R8.12.1")
    type_date(MilestoneKind.CERTIFICATE_DELIVERED, "R8.12.2")
    if not tab.registered_check.isChecked():
        QTest.mouseClick(
            tab.registered_check, Qt.MouseButton.LeftButton, pos=QPoint(8, tab.registered_check.height() // 2)
        )
    assert tab.registered_check.isChecked(), "登記 box did not take the click"
    shot("certified-typed")
    editor.save_action.trigger()
    settle(800)
    editor.tabs.setCurrentWidget(editor.deadlines_tab)
    shot("deadlines-after-certification")
    window.raise_()
    window.show_tab("dashboardTab")
    shot("dashboard-after-certification")
    window.show_tab("proceduresTab")
    shot("procedures")
    corp.raise_()
    shot("corporation-window-after")
    app.processEvents()


def _click_action(menu: QMenu, action: object) -> None:
    rect = menu.actionGeometry(action)  # type: ignore[arg-type]
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=rect.center())


if __name__ == "__main__":
    main()
