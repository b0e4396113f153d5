"""法人一覧: every corporation with its standing, open procedures and next deadline, filtered as typed.

Rows come from ``store.list_corporations`` (standing and deadlines from the domain, read over all of a
corporation's procedures); dates show in 和暦 and sort as dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from npo_desk.domain.agenda import Urgency, urgency_of
from npo_desk.domain.corporations import STATUS_LABELS, CorporationStatus
from npo_desk.domain.procedure_stages import PROCEDURE_STAGE_LABELS, ProcedureStage
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.dashboard_model import urgency_brush
from npo_desk.gui.filtered_model import FilteredRowModel
from npo_desk.gui.procedure_list_model import ProcedureListRow
from npo_desk.gui.table_model import CORPORATION_ID_ROLE, Column
from npo_desk.store import CaseKind, CorporationSummary
from npo_desk.store import normalize_search as fold

_STATUS_ORDER = {status: number for number, status in enumerate(CorporationStatus)}
_UNSUCCESSFUL = frozenset({ProcedureStage.REFUSED, ProcedureStage.WITHDRAWN, ProcedureStage.REVOKED})


@dataclass(frozen=True, slots=True)
class CorporationListRow:
    corporation_id: int
    name: str
    kana: str
    corporate_number: str
    status: CorporationStatus
    since: date | None  # when it came to stand so (its registration, its dissolution …)
    reason: str  # 「設立の登記 (平成11年10月20日)」
    address: str
    open_procedures: int
    next_due: date | None  # the day the law's next deadline is acted on by (``Deadline.act_by``)
    next_text: str  # how that deadline reads (``Deadline.date_text``)
    next_label: str
    next_basis: str
    clerk: str
    urgency: Urgency | None = None  # of the next deadline on the day the rows were made (red, amber)
    # How a group that never became a 法人 ended its 設立 application (「不認証」「取下げ」); "" otherwise.
    outcome: str = ""
    search_text: str = field(init=False, repr=False, compare=False)
    name_key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = (self.name, self.kana, self.corporate_number, self.address, self.clerk)
        object.__setattr__(self, "search_text", "\n".join(fold(part) for part in parts))
        object.__setattr__(self, "name_key", fold(self.kana) or fold(self.name))

    @property
    def never_registered(self) -> bool:
        """A group whose 設立 application ended without a 法人 (不認証, 取下げ, 取消し before 登記)."""
        return self.status is CorporationStatus.APPLYING and bool(self.outcome)

    @property
    def status_text(self) -> str:
        """「設立済 (平成11年10月20日)」; 申請中 alone (no date makes it so); 「不認証・未設立」 for a group
        whose application ended (the domain still calls it 申請中: it never became a 法人)."""
        if self.never_registered:
            return _tr("{0}・未設立").format(self.outcome)
        label = STATUS_LABELS[self.status]
        return f"{label} ({format_wareki(self.since)})" if self.since is not None else label


def application_outcomes(procedures: Iterable[ProcedureListRow]) -> dict[int, str]:
    """Per corporation, the stage its 設立 application ended in without a 法人 (不認証, 取下げ, 取消し),
    read from the 手続 list's rows (the 法人 list shows it instead of a bare 申請中)."""
    return {
        row.corporation_id: PROCEDURE_STAGE_LABELS[row.stage]
        for row in procedures
        if row.kind is CaseKind.ESTABLISHMENT and row.stage in _UNSUCCESSFUL
    }


def row_from_corporation(summary: CorporationSummary, today: date, outcome: str = "") -> CorporationListRow:
    """The list's view of a corporation; ``outcome`` from ``application_outcomes``."""
    deadline = summary.next_deadline
    return CorporationListRow(
        corporation_id=summary.id,
        name=summary.name,
        kana=summary.name_kana,
        corporate_number=summary.corporate_number or "",
        status=summary.standing.status,
        since=summary.standing.since,
        reason=summary.standing.reason,
        address=summary.main_address,
        open_procedures=summary.open_procedures,
        next_due=deadline.act_by if deadline is not None else None,
        next_text=deadline.date_text() if deadline is not None else "",
        next_label=deadline.label if deadline is not None else "",
        next_basis=deadline.basis if deadline is not None else "",
        clerk=summary.clerk,
        urgency=urgency_of((deadline.act_by - today).days) if deadline is not None else None,
        outcome=outcome,
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("CorporationListModel", text)


class CorporationListModel(FilteredRowModel[CorporationListRow]):
    """Every corporation; ``set_search``/``set_statuses`` narrow what is shown."""

    NAME, KANA, NUMBER, STATUS, ADDRESS, OPEN, NEXT_DUE, NEXT_LABEL, CLERK = range(9)

    def __init__(self, parent: QObject | None = None) -> None:
        columns = (
            Column[CorporationListRow](_tr("名称"), lambda r: r.name, lambda r: r.name_key),
            Column[CorporationListRow](_tr("フリガナ"), lambda r: r.kana, lambda r: r.kana or None),
            Column[CorporationListRow](
                _tr("法人番号"), lambda r: r.corporate_number, lambda r: r.corporate_number or None
            ),
            Column[CorporationListRow](
                _tr("状態"),
                lambda r: r.status_text,
                lambda r: (_STATUS_ORDER[r.status], r.never_registered, r.since or date.min),
            ),
            Column[CorporationListRow](_tr("主たる事務所"), lambda r: r.address, lambda r: r.address or None),
            Column[CorporationListRow](
                _tr("進行中の手続"),
                lambda r: _tr("{0}件").format(r.open_procedures) if r.open_procedures else "",
                lambda r: r.open_procedures,
                align_right=True,
            ),
            Column[CorporationListRow](_tr("次の期限"), lambda r: r.next_text, lambda r: r.next_due),
            Column[CorporationListRow](
                _tr("期限の種類"), lambda r: r.next_label, lambda r: r.next_label or None
            ),
            Column[CorporationListRow](_tr("担当"), lambda r: r.clerk, lambda r: r.clerk or None),
        )
        super().__init__(columns, lambda r: r.corporation_id, lambda r: r.search_text, parent)
        self._shown: Callable[[CorporationListRow], bool] | None = None

    def set_shown(self, shown: Callable[[CorporationListRow], bool] | None) -> None:
        """Show only the corporations ``shown`` accepts (None: all): the 状態 filter."""
        if shown is not self._shown:
            self._shown = shown
            self.refilter()

    def accepts_row(self, row: CorporationListRow) -> bool:
        return self._shown is None or self._shown(row)

    def filtering(self) -> bool:
        return self._shown is not None

    def row_data(self, row: CorporationListRow, column: int, role: int) -> Any:
        if role == CORPORATION_ID_ROLE:
            return row.corporation_id
        if column == self.NEXT_DUE and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return urgency_brush(row.urgency, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME:
                return f"{row.name}\n{row.kana}" if row.kana else row.name
            if column == self.STATUS:
                if row.never_registered:
                    return _tr("設立の申請は{0}で終わり、法人にはなっていません").format(row.outcome)
                return row.reason or _tr("設立の登記がまだありません")
            if column == self.ADDRESS:
                return row.address or None
            if column in (self.NEXT_DUE, self.NEXT_LABEL) and row.next_due is not None:
                return f"{row.next_text} {row.next_label}\n{row.next_basis}"
        return None
