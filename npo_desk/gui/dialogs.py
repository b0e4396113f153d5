"""Small dialogs of the main window that need no Designer form: backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from npo_desk import store
from npo_desk.gui import clock
from npo_desk.gui.errors import reported


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def backup_database(parent: QWidget, st: store.Store) -> Path | None:
    """Ask where to put a copy of the database and write it; returns the file written, if any."""
    default = Path.home() / f"npo-desk-backup-{clock.now():%Y%m%d-%H%M}.db"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _tr("バックアップの保存先"),
        str(default),
        _tr("データベースファイル (*.db);;すべてのファイル (*)"),
    )
    if not chosen:
        return None
    written: Path | None = None
    with reported(parent):
        # The file dialog has already asked before replacing an existing file.
        written = store.backup_database(st, Path(chosen), overwrite=True)
    if written is not None:
        QMessageBox.information(
            parent, _tr("バックアップ"), _tr("バックアップを作成しました。\n{0}").format(written)
        )
    return written
