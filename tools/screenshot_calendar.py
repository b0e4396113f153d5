"""Screenshots of ファイル → 期限をカレンダー形式 (.ics) で書き出す: the menu, the save dialog, the result
message, offscreen at 1366x768 with the demo caseload. The .ics written is parsed back and summarised.

Run: ``python tools/screenshot_calendar.py [OUT_DIR]`` (default: screenshots/ in the checkout). Look at
every PNG: the Japanese text must render in the bundled font.
"""

from __future__ import annotations

from icalendar import Calendar
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from shots import SIZE, WORK, demo_store, output_dir, save, settle

from npo_desk.gui.main_window import MainWindow


def main() -> None:
    out = output_dir()
    st = demo_store()
    window = MainWindow(st)
    window.resize(*SIZE)
    window.show()
    while window.loading:
        settle(50)

    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None
    file_menu.popup(window.mapToGlobal(QPoint(0, window.menuBar().height())))
    file_menu.setActiveAction(window.action("actionExportCalendar"))
    save(file_menu, out, "calendar-menu")
    file_menu.hide()

    target = WORK / "npo-desk-期限.ics"  # the folder: the name the dialog proposes is kept
    shown: list[QMessageBox] = []

    def answer_dialog() -> None:
        """Photograph Qt's own save dialog as the menu item opens it, then choose ``target``."""
        shown_now = QApplication.topLevelWidgets()
        dialog = next(w for w in shown_now if isinstance(w, QFileDialog) and w.isVisible())
        dialog.resize(900, 560)
        save(dialog, out, "calendar-save-dialog")
        dialog.selectFile(str(target))
        dialog.accept()

    def photograph_message() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        shown.append(box)
        save(box, out, "calendar-written")
        box.accept()

    QFileDialog.getSaveFileName = _widget_dialog  # type: ignore[method-assign]  # Qt's dialog, not the OS's
    QTimer.singleShot(600, answer_dialog)
    QTimer.singleShot(4000, photograph_message)
    window.action("actionExportCalendar").trigger()
    assert shown, "no message after writing"
    for written in WORK.glob("*.ics"):  # parsed back: what Outlook or Thunderbird would import
        events = Calendar.from_ical(written.read_bytes()).walk("VEVENT")
        print(written, f"{len(events)} events;", shown[0].text().splitlines()[0])
        for event in events[:3]:
            print(" ", event.decoded("DTSTART"), event["SUMMARY"], event["UID"])
    window.close()
    st.close()
    QApplication.processEvents()


def _widget_dialog(parent, caption, directory, filter_):
    dialog = QFileDialog(parent, caption, directory, filter_)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return (dialog.selectedFiles()[0], "") if dialog.exec() else ("", "")


if __name__ == "__main__":
    main()
