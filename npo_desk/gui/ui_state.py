"""Where the GUI remembers window geometry and column layouts: an INI file in the data folder.

An INI file (not the registry / plist) keeps every test isolated in its own ``NPO_DESK_DATA_DIR`` and
lets an administrator copy a clerk's layout. The path is read from ``paths`` on every call, because
the data folder can change between tests within one process.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QWidget

from npo_desk import paths
from npo_desk.private_files import create_private_file

INI_NAME = "npo-desk.ini"


def configure_qsettings() -> None:
    """Make a plain ``QSettings()`` (as other modules may use) land in the same data folder."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.user_data_dir()))


def ui_settings() -> QSettings:
    """The GUI's settings file, ``<data folder>/npo-desk.ini``: created 0600 first, Qt then keeps the
    mode when it rewrites it (it remembers which cases' columns the clerk looks at)."""
    path = paths.user_data_dir() / INI_NAME
    with contextlib.suppress(OSError):  # an unwritable folder: Qt keeps the settings in memory, as before
        create_private_file(path)
    return QSettings(str(path), QSettings.Format.IniFormat)


def save_geometry(key: str, widget: QWidget) -> None:
    settings = ui_settings()
    settings.setValue(f"{key}/geometry", widget.saveGeometry())
    settings.sync()


def restore_geometry(key: str, widget: QWidget) -> bool:
    """Restore a saved window geometry; ``False`` when there is none (first start)."""
    value = ui_settings().value(f"{key}/geometry")
    return isinstance(value, QByteArray) and widget.restoreGeometry(value)


def save_header(key: str, header: QHeaderView) -> None:
    settings = ui_settings()
    settings.setValue(f"{key}/header", header.saveState())
    settings.sync()


def restore_header(key: str, header: QHeaderView) -> bool:
    """Restore column widths, order and sort indicator of a table header."""
    value = ui_settings().value(f"{key}/header")
    return isinstance(value, QByteArray) and header.restoreState(value)
