"""Load Qt Designer forms from ``ui/`` at run time, so layouts stay editable in Designer.

One loader for every window and dialog: a missing or broken form is a packaging bug, reported with
the file name instead of a ``None`` that fails later somewhere unrelated.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from npo_desk import paths

T = TypeVar("T", bound=QObject)


class _IntoLoader(QUiLoader):
    """A loader that builds the form's top-level widget *as* an existing instance (uic.loadUi style).

    That lets ``MainWindow(QMainWindow)`` or ``SettingsDialog(QDialog)`` subclasses keep their own
    methods and event handlers while the layout, menus and shortcuts stay in Designer.
    """

    def __init__(self, base: QWidget) -> None:
        super().__init__(base)
        self._base = base

    def createWidget(self, class_name: str, parent: QWidget | None = None, name: str = "") -> QWidget:
        if parent is None:
            return self._base
        return super().createWidget(class_name, parent, name)


def _load(name: str, loader: QUiLoader, parent: QWidget | None) -> QWidget:
    # The app's own widgets promoted in the forms' <customwidgets>; imported here, not at the top,
    # because they in turn use forms through the editor package.
    from npo_desk.gui.date_field import DateField

    loader.registerCustomWidget(DateField)
    file_name = name if name.endswith(".ui") else f"{name}.ui"
    path = paths.UI_DIR / file_name
    ui_file = QFile(str(path))
    if not ui_file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"画面定義ファイル {path} を開けません: {ui_file.errorString()}")
    try:
        widget = loader.load(ui_file, parent)
    finally:
        ui_file.close()
    if widget is None:
        raise RuntimeError(f"画面定義ファイル {path} を読み込めません: {loader.errorString()}")
    return widget


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of ``ui/<name>.ui`` (``name`` with or without ``.ui``) under ``parent``."""
    return _load(name, QUiLoader(), parent)


def load_into(name: str, base: QWidget) -> QWidget:
    """Build ``ui/<name>.ui`` into ``base`` itself; the form's root class must match ``base``'s base class."""
    return _load(name, _IntoLoader(base), None)


def child(root: QObject, kind: type[T], name: str) -> T:
    """The named child of a loaded form, typed; a renamed widget fails loudly at construction time."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"画面定義に {kind.__name__} '{name}' がありません。")
    return found
