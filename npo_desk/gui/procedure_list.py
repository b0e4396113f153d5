"""The 手続 tab: procedures of every kind by stage, with kind and stage filters and 終了した手続も表示."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from npo_desk.domain.procedure_stages import PROCEDURE_STAGE_LABELS, RUNNING_STAGES, ProcedureStage
from npo_desk.gui.forms import child
from npo_desk.gui.list_panel import ListPanel
from npo_desk.gui.procedure_list_model import ProcedureListModel, ProcedureListRow
from npo_desk.gui.table_model import CASE_ID_ROLE, CORPORATION_ID_ROLE
from npo_desk.store import CASE_KIND_LABELS, CaseKind

# By logical column (ProcedureListModel), fitting 1366 px; the last one (担当) stretches.
_WIDTHS = (75, 130, 250, 125, 115, 290, 210, 90)
_BY_STAGE = (ProcedureListModel.STAGE, Qt.SortOrder.AscendingOrder)


class ProcedureListPanel(ListPanel[ProcedureListModel, ProcedureListRow]):
    open_procedure = Signal(int)  # the case id

    def __init__(self, root: QWidget) -> None:
        widgets = ("procedureView", "procedureSearch", "procedureCount")
        model = ProcedureListModel
        super().__init__(root, model, widgets, "procedure_list", _WIDTHS, _BY_STAGE, CASE_ID_ROLE)
        self.kind_filter = child(root, QComboBox, "kindFilter")
        self.stage_filter = child(root, QComboBox, "procedureStageFilter")
        self.show_finished = child(root, QCheckBox, "showFinished")
        self.kind_filter.addItem(self.tr("すべての手続"), None)
        for kind in CaseKind:
            self.kind_filter.addItem(self.tr(CASE_KIND_LABELS[kind]), kind.value)
        self._fill_stages()
        self.kind_filter.currentIndexChanged.connect(self._kind_changed)
        self.stage_filter.currentIndexChanged.connect(self._stage_changed)
        self.show_finished.toggled.connect(self._finished_toggled)

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

    def selected_case(self) -> int | None:
        return self._selected(CASE_ID_ROLE)

    def selected_corporation(self) -> int | None:
        return self._selected(CORPORATION_ID_ROLE)

    def _update_count(self) -> None:
        """Unlike the other lists, says how many are running: unticked 終了した手続も表示 shows only those."""
        shown, total = self.model.rowCount(), self.model.total()
        running = self.model.running_count()
        if shown == running and not self.show_finished.isChecked():  # every running one, no other filter
            text = self.tr("進行中 {0}件 / 全{1}件").format(running, total)
        else:
            text = self.tr("表示 {0}件 (進行中 {1}件 / 全{2}件)").format(shown, running, total)
        self.count.setText(text)

    def _open_row(self, row_id: int) -> None:
        self.open_procedure.emit(row_id)
