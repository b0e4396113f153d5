"""Errors reach the clerk as Japanese dialogs; unexpected ones are logged, never shown as a traceback."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from npo_desk.domain.errors import InvalidInput
from npo_desk.gui import errors
from npo_desk.store.errors import ConcurrentEditError


@pytest.fixture
def shown(monkeypatch):
    """Every message box that would be executed, instead of blocking the test."""
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


def test_store_error_is_shown_with_its_japanese_message(qtbot, shown):
    with errors.reported(None):
        raise ConcurrentEditError("R8-003")
    assert len(shown) == 1
    assert shown[0].windowTitle() == "他の画面で保存されています"
    assert "R8-003" in shown[0].text()
    assert "Traceback" not in shown[0].text() + shown[0].informativeText()


def test_unexpected_error_is_logged_and_shown_without_traceback(qtbot, shown, monkeypatch):
    hook = errors._Hook()
    monkeypatch.setattr(sys, "excepthook", hook)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        hook(*sys.exc_info())
    assert len(shown) == 1
    text = shown[0].text() + shown[0].informativeText()
    assert "予期しないエラー" in text and "Traceback" not in text and "ZeroDivisionError" not in text
    log = errors.log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in log and "Traceback" in log
    assert str(errors.log_path()) in text


def test_hook_shows_user_errors_without_logging(qtbot, shown):
    hook = errors._Hook()
    err = InvalidInput("日付を確認してください。")
    hook(InvalidInput, err, None)
    assert shown[0].text() == "日付を確認してください。"
    assert not errors.log_path().exists()
