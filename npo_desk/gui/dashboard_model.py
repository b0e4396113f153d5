"""今日の期限: every open deadline of every procedure of every corporation (設立認証, 定款変更認証, 合併,
認定 …), overdue first (red), then within 7 days (amber).

The rows are plain values computed by the domain (the store's ``corporation_pending_deadlines``); this
module only decides how they look and which of them are shown. The 手続 column names the procedure, so
a 定款変更's 縦覧 is never taken for a 設立's. The default order is by due date, which is exactly "overdue,
then soon, then later". The 担当 and 期限の範囲 filters run here, not in a proxy model: at 50,000
rows one pass in Python on a change beats a proxy calling ``filterAcceptsRow`` back per row. Their rule
(and the order) is ``domain.agenda``'s, the one ``npo-desk due`` and the calendar file use.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from npo_desk.domain.agenda import Urgency, natural_key, of_clerk, order_key, urgency_of, within
from npo_desk.domain.deadlines import short_basis
from npo_desk.domain.due import Due
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui import clock
from npo_desk.gui.table_model import CASE_ID_ROLE, Column, RowTableModel
from npo_desk.store import CASE_KIND_LABELS, CaseKind, OpenDeadline


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

    @property
    def days(self) -> int | None:
        """The horizon in days for ``agenda.within``: -1 shows the overdue alone, None everything."""
        if self is Horizon.ALL:
            return None
        return -1 if self is Horizon.OVERDUE else int(self.value)

    def admits(self, days_left: int) -> bool:
        return within(days_left, self.days)


DEFAULT_HORIZON = Horizon.QUARTER


# Pale backgrounds with dark text of the same hue: readable in print, for colour-blind clerks the
# 残り日数 text ("3日超過") says the same thing in words.
_COLOURS: dict[Urgency, tuple[QColor, QColor]] = {
    Urgency.OVERDUE: (QColor("#f9d6d5"), QColor("#8b1a1a")),
    Urgency.SOON: (QColor("#ffecb3"), QColor("#6d4c00")),
}


def urgency_brush(urgency: Urgency | None, role: int) -> QBrush | None:
    """The dashboard's background or text colour of ``urgency`` for ``role`` (None: the default)."""
    colours = _COLOURS.get(urgency) if urgency is not None else None
    if colours is None:
        return None
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(colours[0])
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(colours[1])
    return None


@dataclass(frozen=True)
class DeadlineRow:
    """One open deadline of one case, as shown on the dashboard: the domain's ``Due`` (the law's date,
    the clerk's date beside it, which one counts) and the case it belongs to."""

    case_id: int
    case_number: str
    case_name: str
    stage_label: str
    due: Due
    clerk: str = ""  # 担当
    kind: CaseKind = CaseKind.ESTABLISHMENT  # the procedure the deadline belongs to
    corporation_id: int | None = None

    @property
    def procedure(self) -> str:
        """手続, e.g. 「定款変更認証」."""
        return CASE_KIND_LABELS[self.kind]

    @property
    def label(self) -> str:
        """期限の種類, e.g. 「縦覧期間の末日」."""
        return self.due.deadline.label

    @property
    def counts(self) -> date:
        """The day days left and colours count to (never a manual date later than the law's)."""
        return self.due.counts


def row_from_open_deadline(item: OpenDeadline) -> DeadlineRow:
    """A dashboard row from the store's pending deadline (its procedure's stage included)."""
    return DeadlineRow(
        case_id=item.case_id,
        case_number=item.case_number,
        case_name=item.case_name,
        stage_label=item.stage,
        due=item.due,
        clerk=item.clerk,
        kind=item.kind,
        corporation_id=item.corporation_id,
    )


def _manual_on(row: DeadlineRow) -> date | None:
    return row.due.manual.on if row.due.manual is not None else None


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardModel", text)


def tooltip_of(row: DeadlineRow) -> str:
    """Everything about the row's date at length: basis, roll-over, closed day, the manual date."""
    deadline = row.due.deadline
    lines = [
        f"{row.procedure} {deadline.label}",
        _tr("根拠: {0}").format(deadline.basis),
        row.due.date_text(),
    ]
    if deadline.rolled:
        lines.append(
            _tr("本来の期限 {0} が{1}のため、{2} に繰り延べています。").format(
                format_wareki(deadline.unrolled, weekday=True),
                deadline.closed_reason or _tr("閉庁日"),
                format_wareki(deadline.date, weekday=True),
            )
        )
    lines.extend(row.due.manual_details())
    if deadline.note:
        lines.append(deadline.note)
    return "\n".join(lines)


class DashboardModel(RowTableModel[DeadlineRow]):
    """The dashboard's rows for one ``today``; ``set_rows`` again when the data or the day changes."""

    # 手動, 根拠 and 手続 came last, so a header layout the clerk saved before keeps its columns.
    DAYS_LEFT, DUE, NUMBER, NAME, KIND, STAGE, CLERK, MANUAL, BASIS, PROCEDURE = range(10)

    def __init__(self, parent: QObject | None = None) -> None:
        self._today = clock.today()  # set_rows brings the day the rows were computed for
        columns = (
            Column[DeadlineRow](
                _tr("残り日数"), lambda r: r.due.days_left_text(self._today), self.days_left, align_right=True
            ),
            Column[DeadlineRow](_tr("期限"), lambda r: r.due.date_text(), lambda r: r.counts),
            Column[DeadlineRow](
                _tr("案件番号"), lambda r: r.case_number, lambda r: natural_key(r.case_number)
            ),
            Column[DeadlineRow](_tr("法人名"), lambda r: r.case_name, lambda r: r.case_name),
            Column[DeadlineRow](_tr("期限の種類"), lambda r: r.label, lambda r: r.label),
            Column[DeadlineRow](_tr("段階"), lambda r: r.stage_label, lambda r: r.stage_label),
            Column[DeadlineRow](_tr("担当"), lambda r: r.clerk, lambda r: r.clerk or None),
            Column[DeadlineRow](_tr("手動"), lambda r: r.due.manual_text(), _manual_on),
            Column[DeadlineRow](
                _tr("根拠"), lambda r: short_basis(r.due.deadline.basis), lambda r: r.due.deadline.basis
            ),
            Column[DeadlineRow](_tr("手続"), lambda r: r.procedure, lambda r: r.procedure),
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
        return row.due.days_left(self._today)

    def urgency(self, row: DeadlineRow) -> Urgency:
        return urgency_of(self.days_left(row))

    def set_rows(self, rows: list[DeadlineRow], today: date, *, ordered: bool = False) -> None:
        """``ordered``: ``rows`` already come in ``agenda.order_key``'s order, as the store gives them
        (the key reads every case number: 0.1 s at 50,000 rows, not spent on the GUI thread twice)."""
        self._today = today
        # Same-day deadlines: by case number, so the list does not shuffle between refreshes.
        self._all = list(rows) if ordered else sorted(rows, key=order_key)  # as ``npo-desk due``
        self._filter()

    def rows_before(self) -> list[DeadlineRow]:
        """The rows held now, which the next ``set_rows`` lets go of: the caller that keeps them frees
        them later a part at a time (``table_model.freed_in_parts``), not all at once on the GUI thread."""
        return self._all

    def replace_case(self, case_id: int, rows: list[DeadlineRow]) -> None:
        """The deadlines of one case after it was saved; the other cases' rows stay."""
        self.set_rows([r for r in self._all if r.case_id != case_id] + rows, self._today)

    def replace_corporation(self, corporation_id: int, rows: list[DeadlineRow]) -> None:
        """The deadlines of every procedure of one corporation after one of them was saved: a 解散 or
        a 合併 ends the corporation's 事業報告書等 and 認定 deadlines, which live on other cases."""
        kept = [r for r in self._all if r.corporation_id != corporation_id]
        self.set_rows(kept + rows, self._today)

    def set_clerk(self, clerk: str | None) -> None:
        """Show only the deadlines of one 担当 (None: everyone's)."""
        if clerk != self._clerk:  # the same again (the filter's list refilled) changes nothing
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
        """Show the chosen 担当's rows within the horizon; count all of that 担当's rows by urgency.

        The rows are in ``order_key``'s order, the day that counts first, so the days left only grow
        down the list: the horizon keeps a first part of it and each urgency is one run, found by
        bisection (a few dozen rows looked at, not 50,000 on the GUI thread at every load)."""
        clerk, today, horizon = self._clerk, self._today, self._horizon.days
        rows = self._all if clerk is None else [row for row in self._all if of_clerk(row, clerk)]

        def days(position: int) -> int:
            return rows[position].due.days_left(today)

        counts = dict.fromkeys(Urgency, 0)
        start = 0
        while start < len(rows):  # urgency_of is a step function of the days left
            urgency = urgency_of(days(start))
            end = bisect_left(range(len(rows)), True, start, key=lambda p: urgency_of(days(p)) != urgency)
            counts[urgency] += end - start
            start = end
        shown = rows[: bisect_left(range(len(rows)), True, key=lambda p: not within(days(p), horizon))]
        self._counts = counts
        ascending = self._sort_order == Qt.SortOrder.AscendingOrder
        if ascending and self._sort_column in (self.DUE, self.DAYS_LEFT):
            self._replace_rows(shown)  # already in that order (a stable sort would keep it)
        else:
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
