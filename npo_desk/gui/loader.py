"""Reading every case for the lists (設立申請, 法人, 手続) and the dashboard, off the GUI thread.

With 50,000 cases a full reload (the store's list, the domain's stage and deadlines of each case)
takes seconds (benchmarks/bench_gui_models.py); done on the GUI thread it would freeze the window.
A daemon thread computes an immutable ``Snapshot`` and hands it back through a queued signal; the
window keeps showing the previous snapshot meanwhile. Requests during a load are merged into one
follow-up load, so the last snapshot applied is never older than the last request.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, Signal

from npo_desk import store
from npo_desk.domain.settings import Settings
from npo_desk.gui.case_list_model import CaseListRow, first_pending, row_from_summary
from npo_desk.gui.corporation_list_model import (
    CorporationListRow,
    application_outcomes,
    row_from_corporation,
)
from npo_desk.gui.dashboard_model import DeadlineRow, row_from_open_deadline
from npo_desk.gui.procedure_list_model import ProcedureListRow, row_from_procedure
from npo_desk.reports.revocation_list import RevocationLine, lines_of


@dataclass(frozen=True)
class Snapshot:
    today: date
    settings: Settings
    cases: list[CaseListRow]
    deadlines: list[DeadlineRow]
    corporations: list[CorporationListRow] = field(default_factory=list)
    procedures: list[ProcedureListRow] = field(default_factory=list)
    revocations: list[RevocationLine] = field(default_factory=list)  # 認証取消の候補 (43条1項)


def load_snapshot(st: store.Store, today: date) -> Snapshot:
    """Everything the main window shows, for ``today``; thread-safe (own sessions, pure domain)."""
    settings = store.load_settings(st)
    # One read of every procedure for the deadlines, the candidates and the 法人 and 手続 lists.
    agenda = store.corporation_agenda(st, settings, today, lists=True)
    pending = agenda.deadlines  # every kind, each with its stage
    first = first_pending(pending)
    applications = [s for s in store.list_cases(st) if s.kind is store.CaseKind.ESTABLISHMENT]
    cases = [row_from_summary(s, settings, today, first.get(s.id)) for s in applications]
    procedures = [row_from_procedure(p, today, settings) for p in agenda.procedures]
    outcomes = application_outcomes(procedures)
    corporations = [row_from_corporation(c, today, outcomes.get(c.id, "")) for c in agenda.corporations]
    deadlines = [row_from_open_deadline(item) for item in pending]  # each with its stage from the store
    revocations = lines_of(agenda.candidates)
    return Snapshot(today, settings, cases, deadlines, corporations, procedures, revocations)


class BackgroundLoader(QObject):
    loaded = Signal(object)  # Snapshot
    failed = Signal(object)  # the exception, to be shown on the GUI thread
    _finished = Signal(object)  # emitted by the worker thread; delivered queued on the GUI thread

    def __init__(self, st: store.Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = st
        self._busy = False
        self._again: date | None = None
        self._finished.connect(self._on_finished)

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, today: date) -> None:
        """Load for ``today``; during a load, one more load follows it."""
        if self._busy:
            self._again = today
            return
        self._busy = True
        threading.Thread(target=self._work, args=(today,), name="npo-desk-loader", daemon=True).start()

    def _work(self, today: date) -> None:
        try:
            result: Snapshot | BaseException = load_snapshot(self._store, today)
        except Exception as err:  # handed to the GUI thread, which shows it
            result = err
        with contextlib.suppress(RuntimeError):  # the window (and this object) closed during the load
            self._finished.emit(result)

    def _on_finished(self, result: Snapshot | BaseException) -> None:
        self._busy = False
        again, self._again = self._again, None
        if again is not None:
            self.request(again)
        if isinstance(result, BaseException):
            self.failed.emit(result)
        else:
            self.loaded.emit(result)
