"""The 手続 tab: procedures of every kind by stage, with kind and stage filters and 終了した手続も表示."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QTableView, QWidget

from npo_desk.domain.procedure_stages import PROCEDURE_STAGE_LABELS, RUNNING_STAGES, ProcedureStage
from npo_desk.gui.filtered_model import search_as_you_type
from npo_desk.gui.forms import child
from npo_desk.gui.procedure_list_model import ProcedureListModel, ProcedureListRow
from npo_desk.gui.table_model import CASE_ID_ROLE, CORPORATION_ID_ROLE, prepare_table_view
from npo_desk.gui.ui_state import save_header
from npo_desk.store import CASE_KIND_LABELS, CaseKind

# By logical column (ProcedureListModel), fitting 1366 px; the last one (担当) stretches.
_WIDTHS = (75, 130, 250, 125, 115, 290, 210, 90)
_STATE_KEY = "procedure_list"


class ProcedureListPanel(QObject):
    open_procedure = Signal(int)  # the case id

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.view = child(root, QTableView, "procedureView")
        self.search = child(root, QLineEdit, "procedureSearch")
        self.kind_filter = child(root, QComboBox, "kindFilter")
        self.stage_filter = child(root, QComboBox, "procedureStageFilter")
        self.show_finished = child(root, QCheckBox, "showFinished")
        self.count = child(root, QLabel, "procedureCount")
        self.model = ProcedureListModel(self)
        self.view.setModel(self.model)
        prepare_table_view(
            self.view, _WIDTHS, _STATE_KEY, ProcedureListModel.STAGE, Qt.SortOrder.AscendingOrder
        )
        self.kind_filter.addItem(self.tr("すべての手続"), None)
        for kind in CaseKind:
            self.kind_filter.addItem(self.tr(CASE_KIND_LABELS[kind]), kind.value)
        self._fill_stages()
        self.debounce = search_as_you_type(self.search, self.model.set_search)
        self.kind_filter.currentIndexChanged.connect(self._kind_changed)
        self.stage_filter.currentIndexChanged.connect(self._stage_changed)
        self.show_finished.toggled.connect(self._finished_toggled)
        self.model.modelReset.connect(self._update_count)
        self.model.counts_changed.connect(self._update_count)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)

    def fill(self, rows: list[ProcedureListRow]) -> Iterator[None]:
        """``set_rows`` a part at a time (``FilteredRowModel.fill``)."""
        return self.model.fill(rows)

    def set_rows(self, rows: list[ProcedureListRow]) -> None:
        self.model.set_rows(rows)  # keeps the search, the filters and the sort order

    def _fill_stages(self) -> None:
        """The stages on offer: the running ones, and the finished ones too when those are shown."""
        chosen = self.stage_filter.currentData()
        self.stage_filter.blockSignals(True)
        try:
            self.stage_filter.clear()
            self.stage_filter.addItem(self.tr("すべての段階"), None)
            for stage in ProcedureStage:
                if stage in RUNNING_STAGES or self.show_finished.isChecked():
                    self.stage_filter.addItem(self.tr(PROCEDURE_STAGE_LABELS[stage]), stage.value)
            self.stage_filter.setCurrentIndex(max(self.stage_filter.findData(chosen), 0) if chosen else 0)
        finally:
            self.stage_filter.blockSignals(False)
        self._stage_changed()

    def choose_kind(self, kind: CaseKind) -> None:
        self.kind_filter.setCurrentIndex(self.kind_filter.findData(kind.value))

    def choose_stage(self, stage: ProcedureStage) -> None:
        if stage not in RUNNING_STAGES:
            self.show_finished.setChecked(True)
        self.stage_filter.setCurrentIndex(self.stage_filter.findData(stage.value))

    def _kind_changed(self) -> None:
        value = self.kind_filter.currentData()
        self.model.set_kinds(frozenset({CaseKind(value)}) if value else None)

    def _stage_changed(self) -> None:
        value = self.stage_filter.currentData()
        self.model.set_stages(frozenset({ProcedureStage(value)}) if value else None)

    def _finished_toggled(self, shown: bool) -> None:
        self.model.set_show_finished(shown)
        self._fill_stages()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_case(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return int(self.model.data(rows[0], CASE_ID_ROLE)) if rows else None

    def selected_corporation(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return int(self.model.data(rows[0], CORPORATION_ID_ROLE)) if rows else None

    def save_state(self) -> None:
        save_header(_STATE_KEY, self.view.horizontalHeader())

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        running = self.model.running_count()
        if shown == running and not self.show_finished.isChecked():  # every running one, no other filter
            text = self.tr("進行中 {0}件 / 全{1}件").format(running, total)
        else:
            text = self.tr("表示 {0}件 (進行中 {1}件 / 全{2}件)").format(shown, running, total)
        self.count.setText(text)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_procedure.emit(int(self.model.data(index, CASE_ID_ROLE)))
