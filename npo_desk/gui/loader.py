"""Reading every case for the lists (設立申請, 法人, 手続) and the dashboard, off the GUI thread.

With 50,000 cases a full reload (the store's list, the domain's stage and deadlines of each case)
takes seconds (benchmarks/bench_gui_models.py); done on the GUI thread it would freeze the window.
A daemon thread computes an immutable ``Snapshot`` and hands it back through a queued signal; the
window keeps showing the previous snapshot meanwhile. Requests during a load are merged into one
follow-up load, so the last snapshot applied is never older than the last request.

The dashboard's rows come first (``dashboard_loaded``), as soon as the store has worked out the
deadlines, and the lists after (``loaded``), from the same read of every procedure.

The worker thread and the GUI thread share one interpreter lock, and Python's cycle collector holds
it for a whole collection: during a load of 50,000 cases each full collection walked every record
read so far, 0.1-0.5 s during which the window could not even repaint (benchmarks/bench_gui_models.py).
The collector is paused for the load (the records hold no cycles; reference counting frees them),
and what the load leaves alive (the snapshot the models will show) is moved out of the collector's
sight with ``gc.freeze``: otherwise the first collections after the load, on whichever thread,
would walk those hundreds of thousands of rows again. A replaced snapshot is still freed by
reference counting; what the freeze keeps for good is the garbage with cycles alive at that moment
(about 50 objects per load, measured).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from npo_desk import store
from npo_desk.domain.settings import Settings
from npo_desk.gui.case_list_model import CaseListRow, row_from_summary
from npo_desk.gui.corporation_list_model import (
    CorporationListRow,
    application_outcomes,
    row_from_corporation,
)
from npo_desk.gui.dashboard_model import DeadlineRow, row_from_open_deadline
from npo_desk.gui.procedure_list_model import ProcedureListRow, row_from_procedure
from npo_desk.reports.revocation_list import RevocationLine, lines_of


@dataclass(frozen=True)
class DashboardSnapshot:
    """The dashboard's rows, known before the lists' (``BackgroundLoader.dashboard_loaded``)."""

    today: date
    settings: Settings
    deadlines: list[DeadlineRow]  # in the dashboard's order (``agenda.order_key``), as the store gives them


@dataclass(frozen=True)
class Snapshot:
    today: date
    settings: Settings
    cases: list[CaseListRow]
    deadlines: list[DeadlineRow]
    corporations: list[CorporationListRow] = field(default_factory=list)
    procedures: list[ProcedureListRow] = field(default_factory=list)
    revocations: list[RevocationLine] = field(default_factory=list)  # 認証取消の候補 (43条1項)


def load_snapshot(
    st: store.Store, today: date, dashboard_ready: Callable[[DashboardSnapshot], None] | None = None
) -> Snapshot:
    """Everything the main window shows, for ``today``; thread-safe (own sessions, pure domain).
    ``dashboard_ready`` gets the dashboard's rows as soon as they are known (the lists take longer)."""
    settings = store.load_settings(st)
    deadlines: list[DeadlineRow] = []

    def known(pending: list[store.OpenDeadline]) -> None:
        deadlines.extend(row_from_open_deadline(item) for item in pending)  # each with its stage
        if dashboard_ready is not None:
            dashboard_ready(DashboardSnapshot(today, settings, deadlines))

    # One read of every procedure for the deadlines, the candidates and the 法人 and 手続 lists.
    agenda = store.corporation_agenda(st, settings, today, lists=True, deadlines_known=known)
    pending = agenda.deadlines  # every kind, each with its stage
    first = store.first_of_each(pending, lambda line: line.case_id)
    applications = [s for s in store.list_cases(st) if s.kind is store.CaseKind.ESTABLISHMENT]
    cases = [row_from_summary(s, settings, today, first.get(s.id)) for s in applications]
    procedures = [row_from_procedure(p, today, settings) for p in agenda.procedures]
    outcomes = application_outcomes(procedures)
    corporations = [row_from_corporation(c, today, outcomes.get(c.id, "")) for c in agenda.corporations]
    revocations = lines_of(agenda.candidates)
    # The store's records, no longer needed, freed a part at a time (store.bulk), not in one C call
    # at the return while the window waits for the interpreter lock.
    store.released(applications, agenda.deadlines, agenda.corporations, agenda.procedures)
    return Snapshot(today, settings, cases, deadlines, corporations, procedures, revocations)


_pauses = 0  # the loads and the ``Steps`` under way that paused the collector
_pauses_lock = threading.Lock()


def pause_collector() -> bool:
    """One more pause of the cycle collector (a load, or its snapshot going into the models): both
    threads' pauses are counted, so the end of one does not start it during the other. False when
    someone else has paused it (``store.collector_paused``): theirs to start again."""
    global _pauses
    with _pauses_lock:
        if _pauses == 0 and not gc.isenabled():
            return False
        _pauses += 1
        gc.disable()
        return True


def resume_collector() -> None:
    """The end of a pause; the last one freezes what is alive (module docstring) and starts it again."""
    global _pauses
    with _pauses_lock:
        _pauses -= 1
        if _pauses == 0:
            gc.freeze()
            gc.enable()


class BackgroundLoader(QObject):
    dashboard_loaded = Signal(object)  # DashboardSnapshot, before ``loaded`` of the same load
    loaded = Signal(object)  # Snapshot
    failed = Signal(object)  # the exception, to be shown on the GUI thread
    # Emitted by the worker thread; delivered queued on the GUI thread, in the order emitted.
    _dashboard = Signal(object)
    _finished = Signal(object)

    def __init__(self, st: store.Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = st
        self._busy = False
        self._again: date | None = None
        self._dashboard.connect(self.dashboard_loaded)
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
        paused = pause_collector()  # see the module's docstring
        try:
            result: Snapshot | BaseException = load_snapshot(self._store, today, self._emit_dashboard)
        except Exception as err:  # handed to the GUI thread, which shows it
            result = err
        finally:
            if paused:
                resume_collector()
        with contextlib.suppress(RuntimeError):  # the window (and this object) closed during the load
            self._finished.emit(result)

    def _emit_dashboard(self, part: DashboardSnapshot) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed during the load
            self._dashboard.emit(part)

    def _on_finished(self, result: Snapshot | BaseException) -> None:
        self._busy = False
        again, self._again = self._again, None
        if again is not None:
            self.request(again)
        if isinstance(result, BaseException):
            self.failed.emit(result)
        else:
            self.loaded.emit(result)


class Steps(QObject):
    """Work on the GUI thread done one step per turn of the event loop, so that the window repaints
    and takes input between them. A step is a callable; one that returns an iterator (a model's
    ``fill``) goes on one ``next`` per turn. ``run`` again drops the steps not yet done: a newer
    snapshot replaces an older one whole in each model, never mixed with it.

    The cycle collector is paused until the last step, and what the steps leave alive (the models'
    rows) is frozen as the loader freezes its snapshot (module docstring): else the full collections
    that the lists' tens of thousands of new objects set off, on the GUI thread itself, walk them.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[Callable[[], object]] = []
        self._current: Iterator[object] | None = None
        self._paused = [False]  # by us: started again after the last step, or when this object goes
        paused = self._paused
        self.destroyed.connect(lambda: _restart(paused))  # a window closed during the steps
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    @property
    def busy(self) -> bool:
        return bool(self._pending) or self._current is not None

    def run(self, steps: list[Callable[[], object]]) -> None:
        self._pending, self._current = list(steps), None
        if not self._paused[0]:
            self._paused[0] = pause_collector()
        self._timer.start()

    def _next(self) -> None:
        current = self._current
        try:
            if current is not None:
                if next(current, _DONE) is _DONE and self._current is current:
                    self._current = None
            elif self._pending:
                result = self._pending.pop(0)()
                if isinstance(result, Iterator):
                    self._current = result
        except BaseException:
            if self._current is current:
                self._current = None  # a step that failed is not tried again; the others still run
            raise
        finally:
            if self.busy:
                self._timer.start()
            else:
                _restart(self._paused)


_DONE = object()


def _restart(paused: list[bool]) -> None:
    """End the pause ``Steps`` made, if it made one (``paused[0]``)."""
    if paused[0]:
        paused[0] = False
        resume_collector()
