"""手続一覧: the procedures of every kind by stage (running ones by default), filtered as typed.

Rows come from ``store.list_procedures``; the stage is ``domain.procedure_stages.procedure_stage`` for
``today``, the next deadline the corporation's own (``corporation_open_deadlines``) with the clerk's
manual date judged by ``domain.due``. Sorting by 段階 groups the stages in the order a procedure goes
through them, the most urgent first within each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from npo_desk.domain.agenda import Urgency, natural_key, urgency_of
from npo_desk.domain.procedure_stages import (
    PROCEDURE_STAGE_LABELS,
    RUNNING_STAGES,
    ProcedureStage,
    procedure_stage,
    stage_label,
)
from npo_desk.domain.procedures import kind_label
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.dashboard_model import urgency_brush
from npo_desk.gui.filtered_model import FilteredRowModel
from npo_desk.gui.table_model import CASE_ID_ROLE, CORPORATION_ID_ROLE, Column
from npo_desk.store import CaseKind, ProcedureSummary, procedure_kind
from npo_desk.store import normalize_search as fold

_STAGE_ORDER = {stage: number for number, stage in enumerate(ProcedureStage)}
_KIND_ORDER = {kind: number for number, kind in enumerate(CaseKind)}


@dataclass(frozen=True, slots=True)
class ProcedureListRow:
    case_id: int
    corporation_id: int
    number: str
    kind: CaseKind
    kind_text: str  # as named on its receipt date (仮認定 before 2017-04-01)
    corporation_name: str
    stage: ProcedureStage  # the common grouping: filters and order
    stage_text: str  # as the other lists say it (設立認証 in its finer stages: 「完了届待ち」)
    received_on: date | None
    next_due: date | None  # the day that counts (``Due.counts``): the sort key
    next_text: str  # how it reads (``Due.summary``)
    next_label: str
    next_basis: str
    clerk: str
    urgency: Urgency | None = None  # of the next deadline on the day the rows were made (red, amber)
    search_text: str = field(init=False, repr=False, compare=False)
    number_key: tuple[Any, ...] = field(init=False, repr=False, compare=False)
    running: bool = field(init=False, repr=False, compare=False)  # in RUNNING_STAGES

    def __post_init__(self) -> None:
        parts = (self.number, self.kind_text, self.corporation_name, self.clerk)
        object.__setattr__(self, "search_text", "\n".join(fold(part) for part in parts))
        object.__setattr__(self, "number_key", natural_key(self.number))
        object.__setattr__(self, "running", self.stage in RUNNING_STAGES)


def row_from_procedure(
    summary: ProcedureSummary, today: date, settings: Settings | None = None
) -> ProcedureListRow:
    """The list's view of a procedure for ``today``; with ``settings``, a 設立認証's stage reads as the
    設立申請 list and the dashboard say it (``procedure_stages.stage_label``)."""
    facts = summary.facts
    received = facts.received_on
    upcoming = summary.next_deadline
    stage = procedure_stage(facts, today)
    return ProcedureListRow(
        case_id=summary.id,
        corporation_id=summary.corporation_id,
        number=summary.number,
        kind=summary.kind,
        kind_text=kind_label(procedure_kind(summary.kind), received),
        corporation_name=summary.corporation_name,
        stage=stage,
        stage_text=stage_label(facts, settings, today) if settings else PROCEDURE_STAGE_LABELS[stage],
        received_on=received,
        next_due=upcoming.due.counts if upcoming else None,
        next_text=upcoming.due.summary() if upcoming else "",
        next_label=upcoming.deadline.label if upcoming else "",
        next_basis=upcoming.deadline.basis if upcoming else "",
        clerk=summary.clerk,
        urgency=urgency_of(upcoming.due.days_left(today)) if upcoming else None,
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProcedureListModel", text)


def _by_stage(row: ProcedureListRow) -> tuple[Any, ...]:
    """A procedure's stage in the order procedures go through them; the most urgent first in each."""
    return (_STAGE_ORDER[row.stage], row.next_due is None, row.next_due or date.min, row.number_key)


class ProcedureListModel(FilteredRowModel[ProcedureListRow]):
    """Every procedure; running ones only unless ``set_show_finished``; kind, stage and search narrow."""

    NUMBER, KIND, NAME, STAGE, RECEIVED, NEXT_DUE, NEXT_LABEL, CLERK = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        columns = (
            Column[ProcedureListRow](_tr("案件番号"), lambda r: r.number, lambda r: r.number_key),
            Column[ProcedureListRow](
                _tr("手続"), lambda r: r.kind_text, lambda r: (_KIND_ORDER[r.kind], r.kind_text)
            ),
            Column[ProcedureListRow](
                _tr("法人名"), lambda r: r.corporation_name, lambda r: fold(r.corporation_name)
            ),
            Column[ProcedureListRow](_tr("段階"), lambda r: r.stage_text, _by_stage),
            Column[ProcedureListRow](
                _tr("受理日"),
                lambda r: format_wareki(r.received_on) if r.received_on else "",
                lambda r: r.received_on,
            ),
            Column[ProcedureListRow](
                _tr("次の期限"),
                lambda r: r.next_text or (format_wareki(r.next_due) if r.next_due else ""),
                lambda r: r.next_due,
            ),
            Column[ProcedureListRow](
                _tr("期限の種類"), lambda r: r.next_label, lambda r: r.next_label or None
            ),
            Column[ProcedureListRow](_tr("担当"), lambda r: r.clerk, lambda r: r.clerk or None),
        )
        super().__init__(columns, lambda r: r.case_id, lambda r: r.search_text, parent)
        self._kinds: frozenset[CaseKind] | None = None
        self._stages: frozenset[ProcedureStage] | None = None
        self._finished = False

    # --- filters ---------------------------------------------------------------------------------
    def set_kinds(self, kinds: frozenset[CaseKind] | None) -> None:
        if kinds != self._kinds:
            self._kinds = kinds
            self.refilter()

    def set_stages(self, stages: frozenset[ProcedureStage] | None) -> None:
        if stages != self._stages:
            self._stages = stages
            self.refilter()

    def set_show_finished(self, shown: bool) -> None:
        """Also show procedures no longer running (完了, 不認証, 取下げ, 有効期間中 …)."""
        if shown != self._finished:
            self._finished = shown
            self.refilter()

    def filtering(self) -> bool:
        return not self._finished or self._kinds is not None or self._stages is not None

    def accepts_row(self, row: ProcedureListRow) -> bool:
        if not self._finished and not row.running:
            return False
        if self._kinds is not None and row.kind not in self._kinds:
            return False
        return self._stages is None or row.stage in self._stages

    def running_count(self) -> int:
        return sum(row.running for row in self._all)

    # --- roles -----------------------------------------------------------------------------------
    def row_data(self, row: ProcedureListRow, column: int, role: int) -> Any:
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == CORPORATION_ID_ROLE:
            return row.corporation_id
        if column == self.NEXT_DUE and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return urgency_brush(row.urgency, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME:
                return row.corporation_name
            if column == self.STAGE and row.stage_text != PROCEDURE_STAGE_LABELS[row.stage]:
                return _tr("{0} (段階の絞り込みでは「{1}」)").format(
                    row.stage_text, PROCEDURE_STAGE_LABELS[row.stage]
                )
            if column in (self.NEXT_DUE, self.NEXT_LABEL) and row.next_due is not None:
                return f"{row.next_text} {row.next_label}\n{row.next_basis}"
        return None
