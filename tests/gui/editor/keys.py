"""Typing Japanese key by key: QTest.keyClicks only knows ASCII, so send key events carrying text.

Unlike tests/gui/conftest.py's ``type_japanese`` (one input-method commit), this delivers one
character per event, so every keystroke reaches the editor as it does while the clerk types.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into the focused ``widget`` one character at a time, as a keyboard would."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def retype(edit: QLineEdit, text: str) -> None:
    """Select everything in ``edit``, delete it and type ``text``."""
    edit.setFocus()
    edit.selectAll()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier))
    type_text(edit, text)
