"""The user guide: F1 in each window opens its section, and every section the code opens exists."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from npo_desk import paths
from npo_desk.gui import clock
from npo_desk.gui.deleted_cases import DeletedCasesDialog
from npo_desk.gui.help import HelpTopic, HelpWindow, show_help
from npo_desk.gui.main_window import MainWindow
from npo_desk.gui.report_actions import DeadlineReportDialog, ExportDialog
from npo_desk.gui.settings_dialog import SettingsDialog

TODAY = date(2026, 4, 10)
SOURCE = Path(__file__).resolve().parents[2] / "npo_desk"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def help_of(widget: QWidget) -> HelpWindow | None:
    """The help window opened from ``widget``'s window (it belongs to the outermost one)."""
    window = widget.window()
    while (above := window.parentWidget()) is not None:
        window = above.window()
    return window.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)


def heading_on_top(help_window: HelpWindow) -> str:
    """The text of the block at the top of the visible part of the guide."""
    return help_window.browser.cursorForPosition(QPoint(8, 8)).block().text().strip()


def heading_in_view(help_window: HelpWindow, title: str) -> bool:
    """Whether the heading ``title`` is inside the visible part of the guide (a section near the end
    cannot scroll to the very top)."""
    browser = help_window.browser
    document = browser.document()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and block.text().strip() == title:
            top = (
                document.documentLayout().blockBoundingRect(block).top() - browser.verticalScrollBar().value()
            )
            return 0 <= top < browser.viewport().height()
        block = block.next()
    raise AssertionError(f"no heading {title} in the guide")


@pytest.fixture
def guide(qtbot) -> HelpWindow:
    window = HelpWindow()
    qtbot.addWidget(window)
    return window


def test_every_topic_the_code_opens_is_an_anchor_of_the_guide(guide):
    anchors = guide.anchors
    missing = [topic.value for topic in HelpTopic if topic.value not in anchors]
    assert not missing, f"guide.html lacks <a name> for {missing}"
    # The code names topics only through HelpTopic members; each one it uses must be one of them.
    pattern = re.compile(r"HelpTopic\.([A-Z_]+)")
    used = {name for path in SOURCE.rglob("*.py") for name in pattern.findall(path.read_text())}
    assert used, "no window declares a help topic"
    assert used <= set(HelpTopic.__members__), used - set(HelpTopic.__members__)


def test_contents_list_every_section_of_the_guide_and_lead_to_it(guide, qtbot):
    guide.show()
    titles = [guide.contents.topLevelItem(i).text(0) for i in range(guide.contents.topLevelItemCount())]
    assert "今日の期限" in titles and "期限の意味と根拠" in titles and "バックアップと復元" in titles
    backup = guide.contents.findItems("バックアップと復元", Qt.MatchFlag.MatchExactly)[0]
    guide.contents.itemClicked.emit(backup, 0)
    assert heading_on_top(guide) == "バックアップと復元"


def test_search_finds_text_and_says_when_it_does_not(guide):
    guide.search.setText("地方自治法4条の2第4項")
    assert guide.find_next()
    assert guide.browser.textCursor().selectedText() == "地方自治法4条の2第4項"
    guide.search.setText("存在しない語句")
    assert not guide.find_next()
    assert guide.search_status.text() == "見つかりません"


@pytest.fixture
def window(qtbot, store):
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: not w.loading)
    return w


def test_f1_in_the_main_window_opens_the_guide_at_the_dashboard(window, qtbot):
    window.tabs.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shown = help_of(window)
    assert shown is not None and shown.isVisible()
    assert shown.current_topic is HelpTopic.DASHBOARD
    assert heading_on_top(shown) == "今日の期限"
    assert shown.contents.currentItem().text(0) == "今日の期限"


def test_f1_follows_the_main_windows_tab_and_reuses_one_help_window(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    first = help_of(window)
    window.tabs.setCurrentIndex(1)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert help_of(window) is first
    assert first is not None and first.current_topic is HelpTopic.CASE_LIST
    assert heading_on_top(first) == "設立申請"
    window.show_tab("proceduresTab")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert first.current_topic is HelpTopic.PROCEDURE_LIST
    assert heading_on_top(first) == "手続"


def test_help_menu_opens_the_guide(window):
    window.action("actionHelp").trigger()
    shown = help_of(window)
    assert shown is not None and shown.current_topic is HelpTopic.DASHBOARD


def test_f1_in_the_settings_dialog_opens_the_section_of_its_tab(window, qtbot):
    dialog = SettingsDialog(window.store, window)
    dialog.tabs.setCurrentIndex(SettingsDialog.CLOSED_DAYS_TAB)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_F1)
    shown = help_of(dialog)
    assert shown is not None and shown.current_topic is HelpTopic.SETTINGS_CLOSED_DAYS
    assert heading_in_view(shown, "閉庁日")
    assert not heading_in_view(shown, "今日の期限")
    dialog.reject()


def test_help_opened_from_a_modal_dialog_belongs_to_it_so_it_is_not_blocked(window, qtbot):
    dialog = SettingsDialog(window.store, window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = show_help(dialog, HelpTopic.SETTINGS)
    assert shown.parentWidget() is dialog
    dialog.reject()


def test_the_guide_file_is_a_resource_of_the_package_data():
    assert paths.HELP_FILE.is_file()
    assert paths.HELP_FILE.parent.parent == paths.RESOURCES_DIR


@pytest.mark.parametrize(
    ("make", "topic"),
    [
        (ExportDialog, HelpTopic.EXPORT),
        (DeadlineReportDialog, HelpTopic.PRINTING),
        (lambda w: DeletedCasesDialog(w.store, w), HelpTopic.DELETED_CASES),
    ],
    ids=["export", "deadline-report", "deleted-cases"],
)
def test_f1_in_each_dialog_opens_its_section(window, qtbot, make, topic):
    dialog = make(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    shown = help_of(dialog)
    assert shown is not None and shown.current_topic is topic
    assert heading_in_view(shown, shown.contents.currentItem().text(0))
    dialog.reject()
