"""The 今日の期限 tab: binds the dashboard model to its table, header line and double-click, and the
認証取消の候補 (43条1項) to the box under it (shown only when there are candidates)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QTableView, QWidget

from npo_desk.domain.agenda import Urgency
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.dashboard_model import DEFAULT_HORIZON, DashboardModel, DeadlineRow, Horizon
from npo_desk.gui.forms import child
from npo_desk.gui.revocation_model import RevocationModel
from npo_desk.gui.table_model import CASE_ID_ROLE, prepare_table_view
from npo_desk.gui.ui_state import save_header, ui_settings
from npo_desk.reports.revocation_list import CAUTION, RevocationLine

# By logical column (DashboardModel); shown in _ORDER, where the last one (担当) stretches.
_WIDTHS = (85, 215, 75, 170, 160, 80, 70, 160, 130, 100)  # the 10 fit 1366 px
_ORDER = (
    DashboardModel.DAYS_LEFT,
    DashboardModel.DUE,
    DashboardModel.NUMBER,
    DashboardModel.NAME,
    DashboardModel.PROCEDURE,
    DashboardModel.KIND,
    DashboardModel.BASIS,
    DashboardModel.MANUAL,
    DashboardModel.STAGE,
    DashboardModel.CLERK,
)
_STATE_KEY = "dashboard"
_REVOCATION_KEY = "dashboard_revocations"
_REVOCATION_WIDTHS = (85, 300, 360, 150, 100)


class DashboardPanel(QObject):
    """Shows ``DeadlineRow``s; ``open_case`` asks the window to open a case editor."""

    open_case = Signal(int)

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.view = child(root, QTableView, "dashboardView")
        self.summary = child(root, QLabel, "dashboardSummary")
        self.today_label = child(root, QLabel, "todayLabel")
        self.clerk_filter = child(root, QComboBox, "clerkFilter")
        self.clerk_filter.addItem(self.tr("全員"), None)
        self._wanted_clerk = ui_settings().value(f"{_STATE_KEY}/clerk") or None
        self.clerk_filter.currentIndexChanged.connect(self._clerk_changed)
        self.model = DashboardModel(self)
        self.horizon_filter = child(root, QComboBox, "horizonFilter")
        for horizon, label in (
            (Horizon.OVERDUE, self.tr("期限超過のみ")),
            (Horizon.WEEK, self.tr("7日以内")),
            (Horizon.MONTH, self.tr("30日以内")),
            (Horizon.QUARTER, self.tr("90日以内")),
            (Horizon.ALL, self.tr("すべて")),
        ):
            self.horizon_filter.addItem(label, horizon.value)
        self.horizon_filter.setCurrentIndex(self.horizon_filter.findData(_remembered_horizon().value))
        self.model.set_horizon(self.horizon())
        self.horizon_filter.currentIndexChanged.connect(self._horizon_changed)
        self.view.setModel(self.model)
        prepare_table_view(
            self.view, _WIDTHS, _STATE_KEY, DashboardModel.DUE, Qt.SortOrder.AscendingOrder, _ORDER
        )
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.revocation_box = child(root, QGroupBox, "revocationBox")
        child(root, QLabel, "revocationNote").setText(CAUTION)
        self.revocation_view = child(root, QTableView, "revocationView")
        self.revocations = RevocationModel(self)
        self.revocation_view.setModel(self.revocations)
        prepare_table_view(
            self.revocation_view,
            _REVOCATION_WIDTHS,
            _REVOCATION_KEY,
            RevocationModel.YEARS,
            Qt.SortOrder.AscendingOrder,
        )
        self.revocation_view.doubleClicked.connect(self._open_revocation)
        self.revocation_view.activated.connect(self._open_revocation)
        self.revocation_box.setVisible(False)

    def set_rows(self, rows: list[DeadlineRow], today: date, *, ordered: bool = False) -> None:
        """``ordered``: in ``agenda.order_key``'s order already (``DashboardModel.set_rows``)."""
        self.model.set_rows(rows, today, ordered=ordered)  # keeps the sort order the header asked for
        self._fill_clerks()
        self._update_labels(today)

    def set_revocations(self, lines: list[RevocationLine]) -> None:
        """The 認証取消の候補 of the day; the box shows only when there is one."""
        self.revocations.set_rows(lines)
        self._update_revocation_box()

    def show_corporation_revocation(self, corporation_id: int, lines: list[RevocationLine]) -> None:
        """One corporation's candidacy after a save in one of its procedures."""
        self.revocations.replace_corporation(corporation_id, lines)
        self._update_revocation_box()

    def _update_revocation_box(self) -> None:
        count = self.revocations.rowCount()
        self.revocation_box.setTitle(self.tr("認証取消の候補 (第43条第1項): {0}件").format(count))
        self.revocation_box.setVisible(count > 0)

    def _fill_clerks(self) -> None:
        """Offer the 担当 names that have deadlines; keep (or restore) the chosen one."""
        wanted = self.clerk_filter.currentData() or self._wanted_clerk
        self.clerk_filter.blockSignals(True)
        try:
            while self.clerk_filter.count() > 1:
                self.clerk_filter.removeItem(1)
            for name in self.model.clerks():
                self.clerk_filter.addItem(name, name)
            self.clerk_filter.setCurrentIndex(max(self.clerk_filter.findData(wanted), 0) if wanted else 0)
        finally:
            self.clerk_filter.blockSignals(False)
        self.model.set_clerk(self.clerk_filter.currentData())

    def _clerk_changed(self) -> None:
        self._wanted_clerk = self.clerk_filter.currentData()
        self.model.set_clerk(self._wanted_clerk)
        self._update_labels(self.model.today)

    def horizon(self) -> Horizon:
        return Horizon(self.horizon_filter.currentData())

    def _horizon_changed(self) -> None:
        self.model.set_horizon(self.horizon())
        self._update_labels(self.model.today)

    def show_case(self, case_id: int, rows: list[DeadlineRow]) -> None:
        """Replace the rows of one case (after a save in its editor)."""
        self.model.replace_case(case_id, rows)
        self._update_labels(self.model.today)

    def show_corporation(self, corporation_id: int, rows: list[DeadlineRow]) -> None:
        """Replace the rows of every procedure of one corporation (after a save in one of them)."""
        self.model.replace_corporation(corporation_id, rows)
        self._update_labels(self.model.today)

    def _update_labels(self, today: date) -> None:
        self.today_label.setText(self.tr("今日は {0}").format(format_wareki(today, weekday=True)))
        counts = self.model.counts()
        total = self.model.total()
        if not total:
            self.summary.setText(self.tr("未到来の期限はありません"))
        else:
            self.summary.setText(
                self.tr("期限切れ {0}件・7日以内 {1}件・表示 {2}件 / 全 {3}件").format(
                    f"{counts[Urgency.OVERDUE]:,}",
                    f"{counts[Urgency.SOON]:,}",
                    f"{self.model.rowCount():,}",
                    f"{total:,}",
                )
            )

    def selected_case(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return int(self.model.data(rows[0], CASE_ID_ROLE)) if rows else None

    def save_state(self) -> None:
        save_header(_STATE_KEY, self.view.horizontalHeader())
        save_header(_REVOCATION_KEY, self.revocation_view.horizontalHeader())
        settings = ui_settings()
        settings.setValue(f"{_STATE_KEY}/clerk", self.clerk_filter.currentData() or "")
        settings.setValue(f"{_STATE_KEY}/horizon", self.horizon().value)
        settings.sync()

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case.emit(int(self.model.data(index, CASE_ID_ROLE)))

    def _open_revocation(self, index: QModelIndex) -> None:
        """A candidate opens its 設立 case, where its 事業報告書等 are recorded."""
        if index.isValid():
            self.open_case.emit(int(self.revocations.data(index, CASE_ID_ROLE)))


def _remembered_horizon() -> Horizon:
    """The 期限の範囲 chosen last time; the default when none was saved or the INI was edited badly."""
    value = ui_settings().value(f"{_STATE_KEY}/horizon")
    try:
        return Horizon(str(value))
    except ValueError:
        return DEFAULT_HORIZON
