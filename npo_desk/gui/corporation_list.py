"""The 法人 tab: every corporation, search as you type, a status filter, remembered columns."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from npo_desk.domain.corporations import STATUS_LABELS, CorporationStatus
from npo_desk.gui.corporation_list_model import CorporationListModel, CorporationListRow
from npo_desk.gui.forms import child
from npo_desk.gui.list_panel import ListPanel
from npo_desk.gui.table_model import CORPORATION_ID_ROLE

# By logical column (CorporationListModel), fitting 1366 px; the last one (担当) stretches.
_WIDTHS = (230, 140, 105, 165, 190, 80, 180, 150, 70)
_BY_NAME = (CorporationListModel.NAME, Qt.SortOrder.AscendingOrder)
APPLYING = CorporationStatus.APPLYING
_ENDED = frozenset(
    {
        CorporationStatus.DISSOLVED,
        CorporationStatus.LIQUIDATED,
        CorporationStatus.REVOKED,
        CorporationStatus.TRANSFERRED,
    }
)
Shown = Callable[[CorporationListRow], bool]


def _of_status(status: CorporationStatus) -> Shown:
    if status is CorporationStatus.APPLYING:  # still applying: not the groups whose application ended
        return lambda row: row.status is status and not row.never_registered
    return lambda row: row.status is status


class CorporationListPanel(ListPanel[CorporationListModel, CorporationListRow]):
    open_corporation = Signal(int)

    def __init__(self, root: QWidget) -> None:
        widgets = ("corporationView", "corporationSearch", "corporationCount")
        model = CorporationListModel
        super().__init__(root, model, widgets, "corporation_list", _WIDTHS, _BY_NAME, CORPORATION_ID_ROLE)
        self.status_filter = child(root, QComboBox, "statusFilter")
        self.status_groups: list[Shown | None] = []
        self.statuses: dict[CorporationStatus, int] = {}  # the filter's entry of each status
        for text, shown in (
            (self.tr("すべての法人・申請"), None),
            (self.tr("法人 (設立済・解散・清算結了・取消し・移管)"), lambda row: row.status is not APPLYING),
            (self.tr("解散・清算結了・取消し・移管"), lambda row: row.status in _ENDED),
            (self.tr("設立に至らなかった申請 (不認証・取下げ・取消し)"), lambda row: row.never_registered),
        ):
            self.status_filter.addItem(text)
            self.status_groups.append(shown)
        self.status_filter.insertSeparator(self.status_filter.count())
        self.status_groups.append(None)  # the separator's slot
        for status in CorporationStatus:
            self.statuses[status] = self.status_filter.count()
            self.status_filter.addItem(self.tr(STATUS_LABELS[status]))
            self.status_groups.append(_of_status(status))
        self.status_filter.currentIndexChanged.connect(self._status_changed)

    def choose_status(self, status: CorporationStatus) -> None:
        self.status_filter.setCurrentIndex(self.statuses[status])

    def _status_changed(self) -> None:
        self.model.set_shown(self.status_groups[self.status_filter.currentIndex()])

    def selected_corporation(self) -> int | None:
        return self._selected(CORPORATION_ID_ROLE)

    def _open_row(self, row_id: int) -> None:
        self.open_corporation.emit(row_id)
