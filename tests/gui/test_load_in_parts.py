"""The window's load goes into its models a part at a time (``loader.Steps``, the models' ``fill``) so
that the GUI thread never stalls on 50,000 rows (issue 11): every row arrives, in the right order, the
clerk's sort and filters still apply, a newer load never mixes with an unfinished older one, and the
dashboard's rows come before the lists are filled. No timing here: benchmarks/bench_gui_models.py
measures it."""

from __future__ import annotations

import gc
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as strat
from PySide6.QtCore import Qt

from npo_desk import store as case_store
from npo_desk.domain.agenda import Urgency, of_clerk, order_key, urgency_of, within
from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.due import Due
from npo_desk.domain.procedure_stages import ProcedureStage
from npo_desk.gui import clock, filtered_model, table_model
from npo_desk.gui.dashboard_model import DashboardModel, DeadlineRow, Horizon
from npo_desk.gui.loader import Steps, pause_collector, resume_collector
from npo_desk.gui.main_window import MainWindow
from npo_desk.gui.procedure_list_model import ProcedureListModel, ProcedureListRow
from npo_desk.gui.table_model import SORT_ROLE
from npo_desk.store import CaseKind

TODAY = date(2026, 12, 2)
_STAGES = (ProcedureStage.REVIEW, ProcedureStage.DONE, ProcedureStage.PUBLIC_INSPECTION)


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of 3 rows, so that a handful of rows goes in over many turns."""
    monkeypatch.setattr(table_model, "PART", 3)
    monkeypatch.setattr(filtered_model, "PART", 3)


def _procedure(
    case_id: int, received_days: int, stage: ProcedureStage, name: str = "法人"
) -> ProcedureListRow:
    return ProcedureListRow(
        case_id=case_id,
        corporation_id=case_id,
        number=f"R8-{case_id:03d}",
        kind=CaseKind.ARTICLES_AMENDMENT,
        kind_text="定款変更認証",
        corporation_name=f"法人{case_id}",
        stage=stage,
        stage_text=stage.value,
        received_on=date(2026, 1, 1) + timedelta(days=received_days),
        next_due=None,
        next_text="",
        next_label="",
        next_basis="",
        clerk="",
    )


def _rows(count: int, offset: int = 0) -> list[ProcedureListRow]:
    return [_procedure(offset + n, (n * 37) % 50, _STAGES[n % 3]) for n in range(1, count + 1)]


def _ids(model: ProcedureListModel) -> list[int]:
    return [row.case_id for row in model.rows()]


def _received(model: ProcedureListModel) -> list[date]:
    return [
        model.data(model.index(r, ProcedureListModel.RECEIVED), SORT_ROLE) for r in range(model.rowCount())
    ]


def _finish(steps: Steps, qtbot) -> None:
    qtbot.waitUntil(lambda: not steps.busy)


def test_a_fill_in_parts_shows_every_row_sorted_and_filtered_as_set_rows_does(
    qtbot, small_parts, qtmodeltester
):
    rows = _rows(20)
    whole, parts = ProcedureListModel(), ProcedureListModel()
    for model in (whole, parts):
        model.set_show_finished(True)
        model.sort(ProcedureListModel.RECEIVED, Qt.SortOrder.DescendingOrder)
    whole.set_rows(rows)
    steps = Steps()
    steps.run([lambda: parts.fill(rows)])
    _finish(steps, qtbot)
    qtmodeltester.check(parts)
    assert _ids(parts) == _ids(whole) and len(_ids(parts)) == 20
    assert _received(parts) == sorted(_received(parts), reverse=True)
    parts.set_show_finished(False)  # the filters and the sort still work on what was filled
    assert {row.stage for row in parts.rows()} == {ProcedureStage.REVIEW, ProcedureStage.PUBLIC_INSPECTION}
    parts.sort(ProcedureListModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    assert _received(parts) == sorted(_received(parts))
    parts.set_search("R8-011")
    assert _ids(parts) == [11]


def test_the_rows_shown_change_once_at_the_end_of_a_fill(small_parts):
    model = ProcedureListModel()
    model.set_show_finished(True)
    model.sort(ProcedureListModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    model.set_rows(_rows(4))
    fill = model.fill(_rows(12, offset=100))
    resets = []
    model.modelReset.connect(lambda: resets.append(_ids(model)))
    next(fill)
    assert sorted(_ids(model)) == [1, 2, 3, 4]  # the old rows meanwhile
    for _ in fill:
        pass
    assert len(resets) == 1 and sorted(resets[0]) == list(range(101, 113))


def test_a_filter_chosen_during_a_fill_is_what_shows(small_parts):
    model = ProcedureListModel()  # running procedures only, at first
    model.sort(ProcedureListModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    fill = model.fill(_rows(15))
    for _ in range(7):  # the sort's 5 parts and 2, into the filter's
        next(fill)
    model.set_show_finished(True)  # the clerk ticks 終了した手続も表示 meanwhile
    for _ in fill:
        pass
    assert sorted(_ids(model)) == list(range(1, 16))


def test_a_newer_load_replaces_an_unfinished_one_whole(qtbot, small_parts):
    model = ProcedureListModel()
    model.set_show_finished(True)
    model.sort(ProcedureListModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    steps = Steps()
    old, new = _rows(12), _rows(9, offset=500)
    steps.run([lambda: model.fill(old)])
    for _ in range(3):  # the older fill under way (as the event loop would run it)
        steps._next()
    assert steps._current is not None and model.total() == 0
    shown: list[list[int]] = []
    model.modelReset.connect(lambda: shown.append(sorted(_ids(model))))
    steps.run([lambda: model.fill(new)])  # F5 meanwhile: its snapshot arrives
    _finish(steps, qtbot)
    assert shown == [list(range(501, 510))]  # the older load never showed, nor went on after
    assert sorted(_ids(model)) == list(range(501, 510))  # nothing of the older load
    assert model.total() == 9


def test_the_collector_runs_again_after_the_steps_and_after_a_failing_one(qtbot):
    steps = Steps()
    done = []

    def failing() -> None:
        raise RuntimeError("a step failed")

    assert gc.isenabled()
    steps.run([lambda: iter([None, None]), failing, lambda: done.append(1)])
    assert not gc.isenabled()  # paused while the models fill
    with qtbot.captureExceptions() as raised:
        _finish(steps, qtbot)
    assert [type(e[1]) for e in raised] == [RuntimeError]
    assert done == [1] and gc.isenabled()


def test_the_collector_runs_again_when_the_steps_go_unfinished(qtbot):
    """A window closed while its lists were still filling does not leave the collector paused."""
    steps = Steps()
    steps.run([lambda: iter([None] * 100)])
    assert not gc.isenabled()
    steps.deleteLater()
    qtbot.waitUntil(gc.isenabled)


def test_a_load_and_the_steps_pause_the_collector_together(qtbot):
    """The end of one pause (the loader's thread) does not start the collector during the other
    (the GUI thread's steps); a pause someone else made is left to them."""
    assert pause_collector() and pause_collector()
    resume_collector()
    assert not gc.isenabled()
    resume_collector()
    assert gc.isenabled()
    with case_store.collector_paused():
        assert pause_collector() is False
    assert gc.isenabled()


def _deadline_row(case_id: int, days: int, clerk: str) -> DeadlineRow:
    due = TODAY + timedelta(days=days)
    deadline = Deadline(DeadlineKey.PUBLIC_INSPECTION_END, "縦覧期間の末日", due, due, "第10条第2項")
    return DeadlineRow(case_id, f"R8-{case_id:03d}", f"法人{case_id}", "縦覧中", Due(deadline), clerk=clerk)


@given(
    days=strat.lists(strat.integers(-400, 400), max_size=40),
    clerks=strat.lists(strat.sampled_from(["", "田中", "黒木"]), min_size=40, max_size=40),
    horizon=strat.sampled_from(list(Horizon)),
    clerk=strat.sampled_from([None, "田中", "黒木"]),
)
def test_the_dashboards_filter_by_bisection_is_the_row_by_row_rule(days, clerks, horizon, clerk) -> None:
    """The dashboard cuts its ordered rows by bisection (urgency runs, the horizon's first part); it
    shows and counts what the domain's rule applied to each row would."""
    rows = [_deadline_row(n, d, clerks[n]) for n, d in enumerate(days)]
    model = DashboardModel()
    model.set_horizon(horizon)
    model.set_clerk(clerk)
    model.set_rows(rows, TODAY)
    mine = [r for r in sorted(rows, key=order_key) if of_clerk(r, clerk)]
    counts = dict.fromkeys(Urgency, 0)
    for row in mine:
        counts[urgency_of(row.due.days_left(TODAY))] += 1
    shown = [r for r in mine if within(r.due.days_left(TODAY), horizon.days)]
    assert model.rows() == shown
    assert model.counts() == counts
    ordered = DashboardModel()
    ordered.set_horizon(horizon)
    ordered.set_clerk(clerk)
    ordered.set_rows(sorted(rows, key=order_key), TODAY, ordered=True)
    assert ordered.rows() == shown
    ordered.sort(DashboardModel.NAME, Qt.SortOrder.AscendingOrder)  # another column sorts them
    assert ordered.rows() == sorted(shown, key=lambda r: r.case_name)


def test_the_dashboards_rows_come_before_the_lists_are_filled(qtbot, store, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    case_store.seed_demo(store, TODAY)
    seen: list[tuple[str, int, int]] = []

    def watch(w: MainWindow) -> None:  # from the first load on (refresh is __init__'s last call)
        for name, model in (
            ("dashboard", w.dashboard.model),
            ("設立申請", w.case_list.model),
            ("法人", w.corporation_list.model),
            ("手続", w.procedure_list.model),
        ):
            model.modelReset.connect(
                lambda n=name, m=model: seen.append((n, m.rowCount(), w.procedure_list.model.total()))
            )

    original = MainWindow.refresh
    monkeypatch.setattr(MainWindow, "refresh", lambda self: (watch(self), original(self)))
    w = MainWindow(store)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not w.loading)
    filled = [entry for entry in seen if entry[1] > 0]
    assert filled[0][0] == "dashboard"
    assert filled[0][2] == 0  # the 手続 list was still empty when the dashboard showed its rows
    assert {name for name, *_ in filled} == {"dashboard", "設立申請", "法人", "手続"}
    assert w.procedure_list.model.total() == len(case_store.list_procedures(store, w.settings, TODAY))
