"""Screenshots of the user guide as F1 opens it: from the main window's two tabs, from the case
editor's 経過と期限 tab and from the settings dialog, offscreen at 1366x768 with the demo caseload.

Run: ``python tools/screenshot_help.py [OUT_DIR]`` (default: screenshots/ in the checkout). Look at
every PNG: the Japanese text must render in the bundled font.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget
from shots import SIZE, close_quietly, demo_store, open_case, output_dir, save, settle

from npo_desk import store
from npo_desk.gui.help import HelpWindow, show_help
from npo_desk.gui.main_window import MainWindow
from npo_desk.gui.settings_dialog import SettingsDialog


def _help_of(owner: QWidget) -> HelpWindow:
    found = owner.findChild(HelpWindow)
    assert found is not None, "F1 opened no guide"
    found.resize(*SIZE)
    assert found.current_topic is not None
    found.show_topic(found.current_topic)  # the new width reflows the text: scroll to the section again
    return found


def main() -> None:
    out = output_dir()
    st = demo_store()
    window = MainWindow(st)
    window.resize(*SIZE)
    window.show()
    while window.loading:
        settle(50)
    for index, name in ((0, "dashboard"), (1, "case-list")):
        window.tabs.setCurrentIndex(index)
        window.action("actionHelp").trigger()  # what F1 does in the main window
        save(_help_of(window), out, f"help-{name}")

    number = store.list_cases(st)[0].number
    editor = open_case(st, number)
    editor.tabs.setCurrentWidget(editor.deadlines_tab)
    editor.findChild(QAction, "actionHelp").trigger()  # ヘルプ → 使い方, F1
    save(_help_of(editor), out, "help-editor-deadlines")
    close_quietly(editor)

    dialog = SettingsDialog(st, window)
    dialog.tabs.setCurrentIndex(SettingsDialog.CLOSED_DAYS_TAB)
    dialog.show()
    show_help(dialog, dialog.help_topic())  # what F1 does in the dialog
    save(_help_of(window), out, "help-settings-closed-days")
    dialog.close()
    window.close()
    st.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
