"""The 法人 tab: every corporation, search as you type, a status filter, remembered columns."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView, QWidget

from npo_desk.domain.corporations import STATUS_LABELS, CorporationStatus
from npo_desk.gui.corporation_list_model import CorporationListModel, CorporationListRow
from npo_desk.gui.filtered_model import search_as_you_type
from npo_desk.gui.forms import child
from npo_desk.gui.table_model import CORPORATION_ID_ROLE, prepare_table_view
from npo_desk.gui.ui_state import save_header

# By logical column (CorporationListModel), fitting 1366 px; the last one (担当) stretches.
_WIDTHS = (230, 140, 105, 165, 190, 80, 180, 150, 70)
_STATE_KEY = "corporation_list"
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


class CorporationListPanel(QObject):
    open_corporation = Signal(int)

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.view = child(root, QTableView, "corporationView")
        self.search = child(root, QLineEdit, "corporationSearch")
        self.status_filter = child(root, QComboBox, "statusFilter")
        self.count = child(root, QLabel, "corporationCount")
        self.model = CorporationListModel(self)
        self.view.setModel(self.model)
        prepare_table_view(
            self.view, _WIDTHS, _STATE_KEY, CorporationListModel.NAME, Qt.SortOrder.AscendingOrder
        )
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
        self.debounce = search_as_you_type(self.search, self.model.set_search)
        self.status_filter.currentIndexChanged.connect(self._status_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.counts_changed.connect(self._update_count)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)

    def fill(self, rows: list[CorporationListRow]) -> Iterator[None]:
        """``set_rows`` a part at a time (``FilteredRowModel.fill``)."""
        return self.model.fill(rows)

    def set_rows(self, rows: list[CorporationListRow]) -> None:
        self.model.set_rows(rows)  # keeps the search, the filter and the sort order

    def choose_status(self, status: CorporationStatus) -> None:
        self.status_filter.setCurrentIndex(self.statuses[status])

    def _status_changed(self) -> None:
        self.model.set_shown(self.status_groups[self.status_filter.currentIndex()])

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_corporation(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return int(self.model.data(rows[0], CORPORATION_ID_ROLE)) if rows else None

    def save_state(self) -> None:
        save_header(_STATE_KEY, self.view.horizontalHeader())

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if shown == total:
            self.count.setText(self.tr("{0}件").format(total))
        else:
            self.count.setText(self.tr("{0}件 / 全{1}件").format(shown, total))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_corporation.emit(int(self.model.data(index, CORPORATION_ID_ROLE)))
