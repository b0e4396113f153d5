"""First start on an empty database, and the app's start-up path (damaged database -> status 2)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from npo_desk import store as case_store
from npo_desk.domain.errors import NpoDeskError
from npo_desk.gui import app as gui_app
from npo_desk.gui import clock
from npo_desk.gui.first_start import FirstStartDialog, needs_first_start
from tests.gui.conftest import type_japanese


@pytest.fixture
def dialog(qtbot, store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 4, 10))
    d = FirstStartDialog(store)
    qtbot.addWidget(d)
    d.show()
    return d


def _press(qtbot, d: FirstStartDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(d.buttons.button(which), Qt.MouseButton.LeftButton)


def test_empty_database_needs_first_start_until_it_is_done(qtbot, dialog, store):
    assert needs_first_start(store)
    assert dialog.authority.text() == "宮崎県日南市"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "開始"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.result() == FirstStartDialog.DialogCode.Accepted
    assert not needs_first_start(store)
    assert case_store.list_cases(store) == []  # no demo unless asked for


def test_authority_and_demo_data(qtbot, dialog, store):
    dialog.authority.clear()
    type_japanese(dialog.authority, "神奈川県横浜市")
    assert "指定都市" in dialog.hint.text()
    dialog.demo.setChecked(True)
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert case_store.load_settings(store).home_authority == "神奈川県横浜市"
    assert len(case_store.list_cases(store)) >= 15


def test_unknown_authority_keeps_the_dialog_open(qtbot, dialog, store):
    dialog.authority.clear()
    type_japanese(dialog.authority, "架空県どこか市")
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible() and dialog.hint.text()
    assert needs_first_start(store)


def test_a_ledger_with_cases_skips_first_start(store):
    case_store.create_case(store, case_store.Case(name="既存の会"), who="t", today=date(2026, 4, 1))
    assert not needs_first_start(store)


def test_damaged_database_is_explained_and_exits_with_2(tmp_path, monkeypatch):
    broken = tmp_path / "broken.db"
    content = b"this is not a database" * 100
    broken.write_bytes(content)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr("sys.excepthook", __import__("sys").excepthook)  # run() installs its own hook
    assert gui_app.run(str(broken)) == 2
    assert shown and str(broken) in shown[0]
    assert broken.read_bytes() == content


def test_no_display_is_a_japanese_error_not_an_abort():
    with pytest.raises(NpoDeskError, match="ディスプレイ"):
        gui_app.check_display({}, "linux")
    gui_app.check_display({"DISPLAY": ":0"}, "linux")
    gui_app.check_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    gui_app.check_display({}, "win32")


def test_cli_without_display_exits_2_with_one_line(monkeypatch, capsys):
    from npo_desk.cli import main

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(gui_app.sys, "platform", "linux")
    assert main(["--db", "unused.db"]) == 2
    assert "ディスプレイ" in capsys.readouterr().err


def test_a_blank_authority_is_refused_as_in_the_settings(qtbot, dialog, store):
    dialog.authority.clear()
    assert "当庁の所在地を入力してください" in dialog.hint.text()
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible() and "当庁の所在地を入力してください" in dialog.hint.text()
    assert needs_first_start(store)
