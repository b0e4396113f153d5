"""F1 in the case editor opens the guide at the section of the tab on show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from npo_desk.gui.help import HelpTopic, HelpWindow


def _press_f1(qtbot, editor) -> HelpWindow:
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    qtbot.keyClick(editor.tabs.currentWidget(), Qt.Key.Key_F1)
    shown = editor.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
    assert shown is not None and shown.isVisible()
    return shown


def test_f1_on_the_deadlines_tab_opens_its_section(qtbot, open_editor):
    editor = open_editor(None)
    editor.tabs.setCurrentWidget(editor.deadlines_tab)
    shown = _press_f1(qtbot, editor)
    assert shown.current_topic is HelpTopic.EDITOR_DEADLINES
    top = shown.browser.cursorForPosition(shown.browser.viewport().rect().topLeft())
    assert top.block().text() == "経過と期限"
    assert shown.contents.currentItem().text(0) == "経過と期限"


def test_f1_follows_the_editors_tab(qtbot, open_editor):
    editor = open_editor(None)
    editor.tabs.setCurrentWidget(editor.officers_tab)
    assert _press_f1(qtbot, editor).current_topic is HelpTopic.EDITOR_OFFICERS
    editor.tabs.setCurrentWidget(editor.basics_tab)
    assert _press_f1(qtbot, editor).current_topic is HelpTopic.EDITOR_BASICS
