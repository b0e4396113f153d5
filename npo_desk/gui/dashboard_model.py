"""今日の期限: every open deadline of every case, overdue first (red), then within 7 days (amber).

The rows are plain values computed by the domain (``open_deadlines``); this module only decides how
they look and which of them are shown. The default order is by due date, which is exactly "overdue,
then soon, then later". The 担当 and 期限の範囲 filters live here, not in a proxy model: at 50,000
rows one pass in Python on a change beats a proxy calling ``filterAcceptsRow`` back per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from npo_desk.domain.deadlines import SOON_DAYS, days_left_text
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui import clock
from npo_desk.gui.case_list_model import natural_key
from npo_desk.gui.table_model import CASE_ID_ROLE, Column, RowTableModel
from npo_desk.store import OpenDeadline


class Urgency(IntEnum):
    OVERDUE = 0
    SOON = 1
    LATER = 2


def urgency_of(days_left: int) -> Urgency:
    if days_left < 0:
        return Urgency.OVERDUE
    return Urgency.SOON if days_left <= SOON_DAYS else Urgency.LATER


class Horizon(StrEnum):
    """How far ahead the dashboard looks (期限の範囲); the value is what QSettings remembers.

    Every established NPO always has a next 事業報告書等 deadline, up to a year away, so without a
    horizon a large authority's dashboard drowns today's work in next year's. Overdue deadlines are
    shown in every horizon: a horizon hides what can wait, never what is already late.
    """

    OVERDUE = "overdue"  # 期限超過のみ
    WEEK = "7"
    MONTH = "30"
    QUARTER = "90"
    ALL = "all"

    def admits(self, days_left: int) -> bool:
        if days_left < 0 or self is Horizon.ALL:
            return True
        return self is not Horizon.OVERDUE and days_left <= int(self.value)


DEFAULT_HORIZON = Horizon.QUARTER


# Pale backgrounds with dark text of the same hue: readable in print, for colour-blind clerks the
# 残り日数 text ("3日超過") says the same thing in words.
_COLOURS: dict[Urgency, tuple[QColor, QColor]] = {
    Urgency.OVERDUE: (QColor("#f9d6d5"), QColor("#8b1a1a")),
    Urgency.SOON: (QColor("#ffecb3"), QColor("#6d4c00")),
}


@dataclass(frozen=True)
class DeadlineRow:
    """One open deadline of one case, as shown on the dashboard."""

    case_id: int
    case_number: str
    case_name: str
    stage_label: str
    label: str  # 期限の種類, e.g. 「縦覧期間の末日」
    due: date  # the date that counts (rolled past closed days, or the clerk's override)
    basis: str  # 根拠条文
    unrolled: date | None = None  # the date before rolling, when it was rolled
    closed_reason: str = ""  # why ``unrolled`` was a closed day (「振替休日」)
    note: str = ""  # e.g. that the law fixes no date and this is only a reminder
    computed: date | None = None  # the legal date, when the clerk overrode it
    override_reason: str = ""
    clerk: str = ""  # 担当


def row_from_open_deadline(item: OpenDeadline, stage_label: str) -> DeadlineRow:
    """A dashboard row from the store's pending deadline; the clerk's override wins, the law's date shows."""
    deadline = item.deadline
    return DeadlineRow(
        case_id=item.case_id,
        case_number=item.case_number,
        case_name=item.case_name,
        stage_label=stage_label,
        label=deadline.label,
        due=item.effective_date,
        basis=deadline.basis,
        unrolled=deadline.unrolled if deadline.rolled and item.override is None else None,
        closed_reason=deadline.closed_reason or "",
        note=deadline.note,
        computed=deadline.date if item.override is not None else None,
        override_reason=item.override.reason if item.override is not None else "",
        clerk=item.clerk,
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardModel", text)


def tooltip_of(row: DeadlineRow) -> str:
    lines = [_tr("根拠: {0}").format(row.basis)]
    if row.unrolled is not None and row.unrolled != row.due:
        lines.append(
            _tr("本来の期限 {0} が{1}のため、{2} に繰り延べています。").format(
                format_wareki(row.unrolled, weekday=True),
                row.closed_reason or _tr("閉庁日"),
                format_wareki(row.due, weekday=True),
            )
        )
    if row.computed is not None:
        lines.append(
            _tr("手動で設定した期限です (法定の期限は {0})。理由: {1}").format(
                format_wareki(row.computed, weekday=True), row.override_reason
            )
        )
    if row.note:
        lines.append(row.note)
    return "\n".join(lines)


class DashboardModel(RowTableModel[DeadlineRow]):
    """The dashboard's rows for one ``today``; ``set_rows`` again when the data or the day changes."""

    DAYS_LEFT, DUE, NUMBER, NAME, KIND, STAGE, CLERK = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        self._today = clock.today()  # set_rows brings the day the rows were computed for
        columns = (
            Column[DeadlineRow](
                _tr("残り日数"), lambda r: days_left_text(self.days_left(r)), self.days_left, align_right=True
            ),
            Column[DeadlineRow](_tr("期限"), lambda r: format_wareki(r.due, weekday=True), lambda r: r.due),
            Column[DeadlineRow](
                _tr("案件番号"), lambda r: r.case_number, lambda r: natural_key(r.case_number)
            ),
            Column[DeadlineRow](_tr("法人名"), lambda r: r.case_name, lambda r: r.case_name),
            Column[DeadlineRow](_tr("期限の種類"), lambda r: r.label, lambda r: r.label),
            Column[DeadlineRow](_tr("段階"), lambda r: r.stage_label, lambda r: r.stage_label),
            Column[DeadlineRow](_tr("担当"), lambda r: r.clerk, lambda r: r.clerk or None),
        )
        super().__init__(columns, parent)
        self._sort_column = self.DUE
        self._all: list[DeadlineRow] = []
        self._clerk: str | None = None
        self._horizon = DEFAULT_HORIZON
        self._counts = dict.fromkeys(Urgency, 0)

    @property
    def today(self) -> date:
        return self._today

    def days_left(self, row: DeadlineRow) -> int:
        return (row.due - self._today).days

    def urgency(self, row: DeadlineRow) -> Urgency:
        return urgency_of(self.days_left(row))

    def set_rows(self, rows: list[DeadlineRow], today: date) -> None:
        self._today = today
        # Same-day deadlines: by case number, so the list does not shuffle between refreshes.
        self._all = sorted(rows, key=lambda r: (r.due, natural_key(r.case_number), r.label))
        self._filter()

    def replace_case(self, case_id: int, rows: list[DeadlineRow]) -> None:
        """The deadlines of one case after it was saved; the other cases' rows stay."""
        self.set_rows([r for r in self._all if r.case_id != case_id] + rows, self._today)

    def set_clerk(self, clerk: str | None) -> None:
        """Show only the deadlines of one 担当 (None: everyone's)."""
        self._clerk = clerk
        self._filter()

    @property
    def horizon(self) -> Horizon:
        return self._horizon

    def set_horizon(self, horizon: Horizon) -> None:
        """Show only deadlines due within ``horizon`` (and every overdue one)."""
        self._horizon = horizon
        self._filter()

    def clerks(self) -> list[str]:
        """The 担当 names that have open deadlines, for the filter."""
        return sorted({r.clerk for r in self._all if r.clerk})

    def _filter(self) -> None:
        """Show the chosen 担当's rows within the horizon; count all of that 担当's rows by urgency."""
        counts = dict.fromkeys(Urgency, 0)
        shown: list[DeadlineRow] = []
        for row in self._all:
            if self._clerk is not None and row.clerk != self._clerk:
                continue
            days = (row.due - self._today).days
            counts[urgency_of(days)] += 1
            if self._horizon.admits(days):
                shown.append(row)
        self._counts = counts
        self._replace_rows(self._sorted(shown))

    def counts(self) -> dict[Urgency, int]:
        """The chosen 担当's deadlines by urgency, shown or not: the horizon never hides the count."""
        return dict(self._counts)

    def total(self) -> int:
        """How many deadlines the chosen 担当 has, whatever the horizon shows."""
        return sum(self._counts.values())

    def row_data(self, row: DeadlineRow, column: int, role: int) -> Any:
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_of(row)
        colours = _COLOURS.get(self.urgency(row))
        if colours is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(colours[0])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(colours[1])
        return None
