"""Screenshots of the main window and its dialogs, offscreen at 1366x768 with the demo caseload.

Run: ``python tools/screenshots.py [OUT_DIR]`` (default: screenshots/ in the checkout). Uses a
throw-away data folder and database, so it never touches the clerk's real data. Look at every PNG.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication
from shots import SIZE, WORK, demo_store, output_dir, save, settle

from npo_desk import store
from npo_desk.gui import clock
from npo_desk.gui.first_start import FirstStartDialog
from npo_desk.gui.main_window import MainWindow
from npo_desk.gui.settings_dialog import SettingsDialog


def main() -> None:
    out = output_dir()
    st = demo_store()
    empty = store.open_store(str(WORK / "empty.db"))
    first = FirstStartDialog(empty)
    first.demo.setChecked(True)
    first.show()
    save(first, out, "first-start")
    first.close()
    empty.close()

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
    window.case_list.search.returnPressed.emit()  # Enter: the search at once, not after the pause
    save(window, out, "main-case-list-search")

    dialog = SettingsDialog(st, window)
    dialog.delegated_edit.setText("宮崎県串間市")
    dialog.delegation_start.set_value(date(2005, 4, 1))  # an invented example date (assumption)
    dialog.add_delegated()
    dialog.closed_day_edit.set_value(date(clock.today().year, 8, 14))  # an example of a 条例 closed day
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
    QApplication.processEvents()


if __name__ == "__main__":
    main()
