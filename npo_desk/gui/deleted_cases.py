"""削除した案件: the soft-deleted cases, and bringing them back.

Deleting never destroys a case (the store keeps it and its history); this dialog is the way back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QPushButton, QWidget

from npo_desk import store
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.errors import reported
from npo_desk.gui.forms import child, load_into
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.user import current_user


class DeletedCasesDialog(QDialog):
    restored = Signal(int)  # case id, after it is back

    def __init__(self, st: store.Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("deleted_cases", self)
        install_help(self, HelpTopic.DELETED_CASES)
        self.store = st
        self.list = child(self, QListWidget, "deletedList")
        self.restore_button = child(self, QPushButton, "restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.list.itemSelectionChanged.connect(self._update_button)
        child(self, QDialogButtonBox, "buttonBox").rejected.connect(self.reject)
        with reported(self):
            for summary in store.list_cases(st, store.CaseQuery(deleted=True)):
                self._add(summary)
        self._update_button()

    def _add(self, summary: store.CaseSummary) -> None:
        when = summary.deleted_at.astimezone().date() if summary.deleted_at else None
        text = self.tr("{0}  {1}  (削除: {2})").format(
            summary.number, summary.name, format_wareki(when) if when else ""
        )
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, (summary.id, summary.version))
        self.list.addItem(item)

    def _update_button(self) -> None:
        self.restore_button.setEnabled(bool(self.list.selectedItems()))

    def restore_selected(self) -> None:
        for item in self.list.selectedItems():
            case_id, version = item.data(Qt.ItemDataRole.UserRole)
            done = False
            with reported(self):
                store.undelete_case(self.store, case_id, version=version, who=current_user())
                done = True
            if done:
                self.list.takeItem(self.list.row(item))
                self.restored.emit(case_id)
