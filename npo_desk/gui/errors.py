"""Errors on screen: a Japanese dialog for the clerk, the traceback in a log file for the maintainer.

Store and domain errors (``NpoDeskError``) carry a final Japanese sentence and are shown as they are.
Anything else is a bug: the clerk gets a calm dialog naming the log file, never a traceback, and the
app keeps running (nothing half-saved: the store writes in one transaction or not at all).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from npo_desk import paths
from npo_desk.domain.errors import NpoDeskError
from npo_desk.private_files import create_private_file
from npo_desk.store import ConcurrentEditError, DatabaseUnusable, StoreBusy

LOG_NAME = "npo-desk-error.log"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def log_path() -> Path:
    return paths.user_data_dir() / LOG_NAME


def write_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    """Append the traceback with a timestamp to the log file in the data folder; returns its path."""
    path = create_private_file(log_path())  # a traceback may quote a case's data
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    with path.open("a", encoding="utf-8") as log:
        log.write(f"==== {datetime.now().isoformat(timespec='seconds')} ====\n{text}\n")
    return path


def _title_of(err: NpoDeskError) -> str:
    if isinstance(err, ConcurrentEditError):
        return _tr("他の画面で保存されています")
    if isinstance(err, DatabaseUnusable):
        return _tr("データベースを開けません")
    if isinstance(err, StoreBusy):
        return _tr("データベースが使用中です")
    return _tr("入力を確認してください")


def message_box(parent: QWidget | None, err: BaseException, log: Path | None = None) -> QMessageBox:
    """The dialog for ``err`` (not yet shown): tests inspect it, ``show_error`` executes it."""
    box = QMessageBox(parent)
    if isinstance(err, NpoDeskError):
        box.setIcon(
            QMessageBox.Icon.Critical if isinstance(err, DatabaseUnusable) else QMessageBox.Icon.Warning
        )
        box.setWindowTitle(_title_of(err))
        box.setText(str(err))
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_tr("予期しないエラー"))
        box.setText(
            _tr(
                "予期しないエラーのため、この操作を完了できませんでした。保存済みのデータは変更されていません。"
            )
        )
        if log is not None:
            box.setInformativeText(
                _tr("詳しい記録を次のファイルに保存しました。システム担当者にお知らせください。\n{0}").format(
                    log
                )
            )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_error(parent: QWidget | None, err: BaseException) -> None:
    """Show ``err`` to the clerk (unexpected errors are logged first)."""
    log = None if isinstance(err, NpoDeskError) else write_log(type(err), err, err.__traceback__)
    message_box(parent, err, log).exec()


@contextmanager
def reported(parent: QWidget | None) -> Iterator[None]:
    """Run a user action; an ``NpoDeskError`` becomes a dialog instead of propagating."""
    try:
        yield
    except NpoDeskError as err:
        show_error(parent, err)


class _Hook:
    """sys.excepthook for the GUI: exceptions escaping Qt slots end here instead of killing the app."""

    def __init__(self) -> None:
        self._showing = False

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log = None if isinstance(exc, NpoDeskError) else write_log(exc_type, exc, tb)
        if self._showing or QApplication.instance() is None:
            return  # an error while the dialog is open is logged, not stacked on the screen
        self._showing = True
        try:
            message_box(QApplication.activeWindow(), exc, log).exec()
        finally:
            self._showing = False


def install_excepthook() -> None:
    sys.excepthook = _Hook()
