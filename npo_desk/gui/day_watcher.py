"""Notice when the date changes while the app stays open, so 残り日数 and 縦覧中/審査中 stay true.

A timer is armed to fire just after the next midnight (``clock.msecs_until_tomorrow``). A sleeping
laptop fires it late, which is fine: on every timeout, and whenever the app becomes active again, the
watcher compares ``clock.today()`` with the day it last saw and emits ``day_changed`` only on a change.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from npo_desk.gui import clock


class DayWatcher(QObject):
    day_changed = Signal(object)  # the new date

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._day = clock.today()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_state)
        self._arm()

    @property
    def day(self) -> date:
        return self._day

    def _arm(self) -> None:
        self.timer.start(clock.msecs_until_tomorrow())

    def _on_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def check(self) -> None:
        """Emit ``day_changed`` if the date moved on since the last look; re-arm for the next midnight."""
        today = clock.today()
        if today != self._day:
            self._day = today
            self.day_changed.emit(today)
        self._arm()
