"""The 設立申請 tab (formerly 案件一覧): search as you type (debounced), stage and fiscal-year filters,
remembered columns. Procedures after 設立 are in the 手続 tab (procedure_list.py)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from npo_desk.domain.lifecycle import PROCEDURE_ENDED, PROCEDURE_RUNNING, STAGE_LABELS, Stage
from npo_desk.gui.case_list_model import CaseListModel, CaseListRow, fiscal_year_label
from npo_desk.gui.forms import child
from npo_desk.gui.list_panel import ListPanel
from npo_desk.gui.table_model import CASE_ID_ROLE

# By logical column (CaseListModel); shown in _ORDER, fitting 1366 px, where the last one (担当) stretches.
_WIDTHS = (72, 190, 92, 150, 120, 112, 200, 176, 84, 90, 130)
_ORDER = (
    CaseListModel.NUMBER,
    CaseListModel.NAME,
    CaseListModel.REPRESENTATIVE,
    CaseListModel.ADDRESS,
    CaseListModel.STAGE,
    CaseListModel.RECEIVED,
    CaseListModel.NEXT_DUE,
    CaseListModel.NEXT_LABEL,
    CaseListModel.BASIS,
    CaseListModel.YEAR,
    CaseListModel.CLERK,
)
_NEWEST_FIRST = (CaseListModel.NUMBER, Qt.SortOrder.DescendingOrder)


class CaseListPanel(ListPanel[CaseListModel, CaseListRow]):
    open_case = Signal(int)

    def __init__(self, root: QWidget) -> None:
        widgets = ("caseView", "searchEdit", "caseCount")
        super().__init__(
            root, CaseListModel, widgets, "case_list", _WIDTHS, _NEWEST_FIRST, CASE_ID_ROLE, _ORDER
        )
        self.stage_filter = child(root, QComboBox, "stageFilter")
        self.year_filter = child(root, QComboBox, "yearFilter")
        self.stage_groups: list[frozenset[Stage] | None] = [None, PROCEDURE_RUNNING, PROCEDURE_ENDED]
        self.stage_filter.addItem(self.tr("すべての段階"))
        tip = Qt.ItemDataRole.ToolTipRole
        self.stage_filter.addItem(self.tr("手続中の案件"))
        self.stage_filter.setItemData(1, self.tr("相談から完了届待ちまで"), tip)
        self.stage_filter.addItem(self.tr("終了した案件"))
        self.stage_filter.setItemData(2, self.tr("設立済・不認証・取下げ・認証取消"), tip)
        self.stage_filter.insertSeparator(self.stage_filter.count())
        self.stage_groups.append(None)  # the separator's slot
        for stage in Stage:
            self.stage_filter.addItem(self.tr(STAGE_LABELS[stage]))
            self.stage_groups.append(frozenset({stage}))
        self.year_filter.addItem(self.tr("すべての年度"), None)

        self.stage_filter.currentIndexChanged.connect(self._stage_changed)
        self.year_filter.currentIndexChanged.connect(self._year_changed)

    def fill(self, rows: list[CaseListRow]) -> Iterator[None]:
        """``set_rows`` a part at a time (``CaseListModel.fill``), then the years the cases have."""
        yield from super().fill(rows)
        self._fill_years()

    def refresh_years(self) -> None:
        """After one case changed: its fiscal year may be new to the filter."""
        offered = [self.year_filter.itemData(i) for i in range(1, self.year_filter.count())]
        if self.model.fiscal_years() != offered:
            self._fill_years()

    def _fill_years(self) -> None:
        """Offer the fiscal years that have cases; keep the chosen one if it still exists."""
        chosen = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        try:
            while self.year_filter.count() > 1:
                self.year_filter.removeItem(1)
            for year in self.model.fiscal_years():
                self.year_filter.addItem(fiscal_year_label(year), year)
            index = self.year_filter.findData(chosen) if chosen is not None else 0
            self.year_filter.setCurrentIndex(max(index, 0))
        finally:
            self.year_filter.blockSignals(False)
        self.model.set_year(self.year_filter.currentData())

    def selected_case(self) -> int | None:
        return self._selected(CASE_ID_ROLE)

    def _stage_changed(self) -> None:
        self.model.set_stages(self.stage_groups[self.stage_filter.currentIndex()])

    def choose_stage(self, stage: Stage) -> None:
        self.stage_filter.setCurrentIndex(self.stage_groups.index(frozenset({stage})))

    def _year_changed(self) -> None:
        self.model.set_year(self.year_filter.currentData())

    def _open_row(self, row_id: int) -> None:
        self.open_case.emit(row_id)
