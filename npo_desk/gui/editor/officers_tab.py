"""社員・役員: member count and the officers table, with live requirement findings beside them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from npo_desk.gui.editor.bindings import Binder
from npo_desk.gui.editor.findings import FindingsList
from npo_desk.gui.editor.officers_model import KANA, NAME, RELATIVES, ROLE, OfficersModel, RoleDelegate
from npo_desk.gui.editor.session import EditorSession
from npo_desk.gui.forms import child, load_form
from npo_desk.store import Case


def blank_officer_rows(case: Case) -> list[int]:
    """The rows (1-based, as the clerk counts them) whose officer has no name yet: neither editor
    stores an officer nobody could identify."""
    return [i + 1 for i, officer in enumerate(case.officers) if not officer.name.strip()]


class OfficersTab(QWidget):
    """The officers (and, for an application, the members) of the draft, with the domain's findings.

    ``members=False``: the 役員名簿 alone, as a 役員変更届 carries it (23条); the officers' findings
    still show, the Act asking them of the corporation at all times (2条2項1号ロ, 15条, 19条, 21条)."""

    def __init__(
        self, session: EditorSession, parent: QWidget | None = None, *, members: bool = True
    ) -> None:
        super().__init__(parent)
        self.session = session
        form = load_form("editor_officers", self)
        child(form, QGroupBox, "membersGroup").setVisible(members)
        if not members:  # the corporation's officers at any time: not the 12条1項 criteria of 設立
            title = child(form, QLabel, "findingsTitle")
            title.setText(self.tr("役員の要件の確認 (法第2条第2項第1号ロ・第15条・第19条・第21条)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.member_count = child(form, QSpinBox, "memberCountSpin")
        self.table = child(form, QTableView, "officersTable")
        self.add_button = child(form, QPushButton, "addOfficerButton")
        self.remove_button = child(form, QPushButton, "removeOfficerButton")
        self.up_button = child(form, QPushButton, "moveUpButton")
        self.down_button = child(form, QPushButton, "moveDownButton")

        self.model = OfficersModel(session)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ROLE, RoleDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (NAME, KANA):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RELATIVES, QHeaderView.ResizeMode.ResizeToContents)

        self.member_findings = FindingsList({"members"}, parent=form)
        child(form, QVBoxLayout, "memberFindings").addWidget(self.member_findings)
        self.officer_findings = FindingsList(
            {"officers"}, self.tr("役員の要件を満たしています。"), parent=form
        )
        child(form, QVBoxLayout, "officerFindings").addWidget(self.officer_findings)

        self.binder = Binder(session)
        self.binder.optional_count(self.member_count, "member_count", self.tr("社員数"))
        self.binder.on_refresh(lambda _case: self._show_findings())
        # Type straight into a cell (as in a spreadsheet); Delete removes the selected officers.
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.DoubleClicked
            | triggers.EditKeyPressed
            | triggers.AnyKeyPressed
            | triggers.SelectedClicked
        )
        remove_action = QAction(self.tr("選択した役員を削除"), self.table)
        remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_action.triggered.connect(self._remove)
        self.table.addAction(remove_action)
        self.add_button.clicked.connect(self._add)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        session.changed.connect(self.binder.refresh)
        self.binder.refresh()
        self._update_buttons()

    def _show_findings(self) -> None:
        findings = self.session.derived.findings
        self.member_findings.show_findings(findings)
        self.officer_findings.show_findings(findings)

    def _add(self) -> None:
        row = self.model.add_officer()
        index = self.model.index(row, NAME)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def _remove(self) -> None:
        self.model.remove_officers(self._selected_rows())
        self._update_buttons()

    def _move(self, delta: int) -> None:
        rows = self._selected_rows()
        if len(rows) != 1:
            return
        target = self.model.move_officer(rows[0], delta)
        self.table.selectRow(target)
        self._update_buttons()

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def _update_buttons(self) -> None:
        rows = self._selected_rows()
        self.remove_button.setEnabled(bool(rows))
        single = rows[0] if len(rows) == 1 else None
        self.up_button.setEnabled(single is not None and single > 0)
        self.down_button.setEnabled(single is not None and single < self.model.rowCount() - 1)
