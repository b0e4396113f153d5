"""ファイル → 期限をカレンダー形式 (.ics) で書き出す: the menu item, its file dialog, message and errors."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog, QMessageBox

from npo_desk.gui import clock, report_actions
from npo_desk.gui.main_window import MainWindow
from npo_desk.reports.due_list import load_due

from .conftest import TODAY


@pytest.fixture
def boxes(monkeypatch) -> list[QMessageBox]:
    """Message boxes (the result and error dialogs) are recorded instead of shown."""
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return shown


@pytest.fixture
def window(qtbot, sample_store, boxes):
    main = MainWindow(sample_store)
    qtbot.addWidget(main)
    qtbot.waitUntil(lambda: not main.loading, timeout=10_000)
    return main


def _answer(monkeypatch, chosen: str) -> list[tuple]:
    asked: list[tuple] = []

    def save_file_name(*args, **kwargs):
        asked.append(args)
        return chosen, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file_name)
    return asked


def test_the_menu_item_writes_every_open_deadline_to_the_chosen_file(
    window, sample_store, boxes, monkeypatch, tmp_path
):
    asked = _answer(monkeypatch, str(tmp_path / "期限"))
    action = window.action("actionExportCalendar")
    assert action.text() == "期限をカレンダー形式 (.ics) で書き出す(&C)..."
    assert action in window.menuBar().actions()[0].menu().actions()  # in the ファイル menu
    action.trigger()
    (args,) = asked
    assert args[1] == "カレンダーファイルの保存先" and args[2].endswith(f"{TODAY:%Y%m%d}.ics")
    written = tmp_path / "期限.ics"  # the suffix is added
    events = Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    _settings, lines = load_due(sample_store, TODAY)
    assert [str(e["SUMMARY"]).split()[0] for e in events] == [item.case_number for item in lines]
    assert "ひなた子ども食堂" in "".join(str(e["SUMMARY"]) for e in events)
    assert f"{len(lines)} 件の期限を書き出しました" in boxes[-1].text() and str(written) in boxes[-1].text()


def test_cancelling_writes_nothing(window, sample_store, boxes, monkeypatch, tmp_path):
    _answer(monkeypatch, "")
    assert report_actions.export_calendar(window, sample_store) is None
    assert not boxes and not list(tmp_path.glob("*.ics"))


def test_a_folder_that_cannot_be_written_is_a_japanese_dialog(
    window, sample_store, boxes, monkeypatch, tmp_path
):
    _answer(monkeypatch, str(tmp_path / "ない" / "期限.ics"))
    window.action("actionExportCalendar").trigger()
    (box,) = boxes
    assert box.icon() is QMessageBox.Icon.Critical or box.icon() is QMessageBox.Icon.Warning
    assert "書き込めませんでした" in box.text() and "Traceback" not in box.text()
    assert not (tmp_path / "ない").exists()
