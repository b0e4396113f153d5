"""Two-way glue between plain Qt widgets and the session's draft, without feedback loops.

User edits go to the session (one undo step per field, keystrokes merged); every ``changed`` of the
session writes the draft back into the widgets, touching only those that differ so the cursor of
the field being typed in stays where it is. Ctrl+Z inside a text field reaches the window's undo
stack instead of the field's private one (:class:`WindowUndoKeys`), so there is only one history.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSignalBlocker
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

from npo_desk.gui.editor.session import EditorSession
from npo_desk.store import Case

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class WindowUndoKeys(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z pass text widgets so the window's QActions handle them."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Returning True without accepting: the shortcut map then gives the key to the window's action.
        return (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(event.matches(key) for key in _UNDO_KEYS)
        )


class Binder:
    """Keeps a tab's simple widgets and the draft in step."""

    def __init__(self, session: EditorSession) -> None:
        self.session = session
        self._refreshers: list[Callable[[Case], None]] = []

    def refresh(self) -> None:
        case = self.session.case
        for refresh in self._refreshers:
            refresh(case)

    def on_refresh(self, refresh: Callable[[Case], None]) -> None:
        self._refreshers.append(refresh)

    def line(self, edit: QLineEdit, field: str, label: str) -> None:
        """A QLineEdit bound to a string field of the case."""

        def edited(text: str) -> None:
            self.session.edit(label, merge_key=field, **{field: text})

        def refresh(case: Case) -> None:
            value = getattr(case, field)
            if edit.text() != value:
                edit.setText(value)

        edit.textEdited.connect(edited)
        self.on_refresh(refresh)

    def plain_text(self, edit: QPlainTextEdit, field: str, label: str) -> None:
        """A QPlainTextEdit bound to a string field (programmatic updates are not edits)."""

        def edited() -> None:
            self.session.edit(label, merge_key=field, **{field: edit.toPlainText()})

        def refresh(case: Case) -> None:
            value = getattr(case, field)
            if edit.toPlainText() != value:
                with QSignalBlocker(edit):
                    edit.setPlainText(value)

        edit.textChanged.connect(edited)
        self.on_refresh(refresh)

    def fiscal_year_start(self, month: QSpinBox, day: QSpinBox, label: str) -> None:
        """Two spin boxes bound to ``fiscal_year_start`` (month 0 = 未定: None; the day kept within
        the month, 2月29日 allowed): the case editor's 基本情報 and a 定款変更 of 事業年度 use it."""

        def edited() -> None:
            chosen = month.value()
            value = None
            if chosen != 0:
                last = calendar.monthrange(2000, chosen)[1]  # a leap year: 2月29日 is a valid start
                value = (chosen, min(day.value(), last))
            self.session.edit(label, merge_key="fiscal_year_start", fiscal_year_start=value)

        def refresh(case: Case) -> None:
            shown_month, shown_day = case.fiscal_year_start or (0, 1)
            with QSignalBlocker(month), QSignalBlocker(day):
                month.setValue(shown_month)
                day.setMaximum(calendar.monthrange(2000, shown_month)[1] if shown_month else 31)
                day.setValue(shown_day)
            day.setEnabled(shown_month != 0)

        month.valueChanged.connect(edited)
        day.valueChanged.connect(edited)
        self.on_refresh(refresh)

    def optional_count(self, spin: QSpinBox, field: str, label: str) -> None:
        """A spin box whose minimum (shown as its special text, e.g. 未入力) means None."""

        def edited(value: int) -> None:
            self.session.edit(label, merge_key=field, **{field: None if value == spin.minimum() else value})

        def refresh(case: Case) -> None:
            value = getattr(case, field)
            shown = spin.minimum() if value is None else value
            if spin.value() != shown:
                with QSignalBlocker(spin):
                    spin.setValue(shown)

        spin.valueChanged.connect(edited)
        self.on_refresh(refresh)

    def clerk(self, combo: QComboBox) -> None:
        """The 担当 combo bound to ``clerk``: (未定) and the clerks of 設定, and a clerk who has since
        left when the record names one (so an old case or procedure still shows who handled it). The
        case editor's 基本情報 and the procedure editor's 手続 tab use it."""

        def chosen(index: int) -> None:
            self.session.edit(
                QCoreApplication.translate("Binder", "担当者"), clerk=combo.itemData(index) or ""
            )

        def refresh(case: Case) -> None:
            names = list(self.session.settings.clerks)
            if case.clerk and case.clerk not in names:
                names.append(case.clerk)
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(QCoreApplication.translate("Binder", "(未定)"), "")
                for name in names:
                    combo.addItem(name, name)
                combo.setCurrentIndex(max(0, combo.findData(case.clerk)))

        combo.activated.connect(chosen)
        self.on_refresh(refresh)
