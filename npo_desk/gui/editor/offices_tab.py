"""事務所: the main and branch offices, with address completion and a live 所轄庁 verdict.

The verdict comes from ``domain.jurisdiction.decide_authority`` on every keystroke. An address the
municipality list cannot place shows the domain's own message (which names the bad part and
suggests a fix) under that field; nothing is refused and nothing crashes while the clerk types.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QStringListModel
from PySide6.QtWidgets import (
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from npo_desk.domain.jurisdiction import Verdict
from npo_desk.domain.municipalities import MunicipalityIndex
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.bindings import Binder
from npo_desk.gui.editor.session import EditorSession, Jurisdiction
from npo_desk.gui.forms import child, load_form
from npo_desk.store import Case, Office, OfficeKind


def tr(text: str) -> str:
    return QCoreApplication.translate("OfficesTab", text)


def not_ours_text(verdict: Verdict) -> str:
    """The plain sentence for a case that belongs elsewhere (the window's banner uses it too)."""
    return tr("この案件は当庁の所管ではありません。所轄庁は{authority}です。").format(
        authority=verdict.authority
    )


class AddressCompleter(QCompleter):
    """Offers full municipality names (宮崎県児湯郡高鍋町) for what has been typed so far."""

    def __init__(self, index: MunicipalityIndex, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._index = index
        self._model = QStringListModel(self)
        self.setModel(self._model)
        # The index already matched (also without the prefecture); Qt must not filter again.
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setMaxVisibleItems(12)
        edit.setCompleter(self)
        edit.textEdited.connect(self.update_for)

    def update_for(self, text: str) -> None:
        text = text.strip()
        names = self._index.complete(text) if text else []
        # Once the municipality is typed in full, the clerk is on the street part: stop suggesting.
        if names == [text]:
            names = []
        self._model.setStringList(names)
        if names and self.widget() is not None and self.widget().hasFocus():
            self.complete()


class AddressRow(QWidget):
    """One address field with its own completion and the message about it."""

    def __init__(self, index: MunicipalityIndex, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.completer = AddressCompleter(index, self.edit)
        self.remove_button = QToolButton(self)
        self.remove_button.setText(self.tr("削除"))
        self.remove_button.setToolTip(self.tr("この従たる事務所を削除します"))
        line.addWidget(self.edit)
        line.addWidget(self.remove_button)
        # The domain's sentence, or the municipality the address was read as (see show_address_state).
        self.message = QLabel(self)
        self.message.hide()
        layout.addLayout(line)
        layout.addWidget(self.message)


def show_address_state(label: QLabel, found: Jurisdiction, position: int) -> None:
    """Under an address: the domain's message (amber while still the start of a name, else red), or,
    once understood, which municipality it was read as, so the clerk can confirm it at a glance."""
    problem = found.office_problems.get(position)
    understood = found.resolved.get(position)
    # A problem may be long (a made-up ward lists the city's wards): it wraps, so none of it is cut off;
    # the one-line 「市区町村: …」 does not, so the form keeps its height.
    label.setWordWrap(problem is not None)
    if problem is not None:
        label.setText(problem)
        styles.mark(label, styles.WARNING if position in found.incomplete else styles.ERROR)
    elif understood is not None:
        label.setText(tr("市区町村: {name}").format(name=understood))
        styles.mark(label, styles.INFO)
    label.setVisible(problem is not None or understood is not None)


class OfficesTab(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        form = load_form("editor_offices", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.verdict_label = child(form, QLabel, "verdictLabel")
        self.verdict_detail = child(form, QLabel, "verdictDetail")
        self.main_edit = child(form, QLineEdit, "mainAddressEdit")
        self.main_message = child(form, QLabel, "mainAddressMessage")
        self.branches_layout = child(form, QVBoxLayout, "branchesLayout")
        self.branches_group = child(form, QGroupBox, "branchesGroup")
        self.add_branch_button = child(form, QPushButton, "addBranchButton")
        self.main_completer = AddressCompleter(session.index, self.main_edit)
        self.branch_rows: list[AddressRow] = []

        self.binder = Binder(session)
        self.binder.line(child(form, QLineEdit, "postalEdit"), "postal_code", self.tr("郵便番号"))
        self._bind_address(self.main_edit, 0)
        self.add_branch_button.clicked.connect(self._add_branch)
        self.binder.on_refresh(self._refresh)
        session.changed.connect(self.binder.refresh)
        self.binder.refresh()

    # --- edits -------------------------------------------------------------------------------
    def _bind_address(self, edit: QLineEdit, position: int) -> None:
        edit.textEdited.connect(lambda text: self._address_edited(position, text))
        completer = edit.completer()
        if completer is not None:
            completer.activated.connect(lambda text: self._address_edited(position, text))

    def _address_edited(self, position: int, text: str) -> None:
        offices = list(self.session.case.offices) or [Office("", OfficeKind.MAIN)]
        while len(offices) <= position:
            offices.append(Office("", OfficeKind.BRANCH))
        # The resolved code belongs to the old text; the store resolves the new one when saving.
        offices[position] = replace(offices[position], address=text, municipality_code=None, prefecture=None)
        label = self.tr("主たる事務所") if position == 0 else self.tr("従たる事務所")
        self.session.edit(label, merge_key=f"office:{position}", offices=tuple(offices))

    def _add_branch(self) -> None:
        offices = list(self.session.case.offices) or [Office("", OfficeKind.MAIN)]
        offices.append(Office("", OfficeKind.BRANCH))
        self.session.edit(self.tr("従たる事務所の追加"), offices=tuple(offices))
        self.branch_rows[-1].edit.setFocus()

    def _remove_branch(self, position: int) -> None:
        offices = list(self.session.case.offices)
        del offices[position]
        self.session.edit(self.tr("従たる事務所の削除"), offices=tuple(offices))

    # --- display -----------------------------------------------------------------------------
    def _sync_branch_rows(self, count: int) -> None:
        while len(self.branch_rows) > count:
            row = self.branch_rows.pop()
            self.branches_layout.removeWidget(row)
            row.deleteLater()
        while len(self.branch_rows) < count:
            position = len(self.branch_rows) + 1
            row = AddressRow(self.session.index, self.tr("従たる事務所の所在地"), self.branches_group)
            self._bind_address(row.edit, position)
            row.remove_button.clicked.connect(lambda _=False, p=position: self._remove_branch(p))
            self.branches_layout.addWidget(row)
            self.branch_rows.append(row)

    def _refresh(self, case: Case) -> None:
        offices = case.offices
        main = offices[0].address if offices else ""
        if self.main_edit.text() != main:
            self.main_edit.setText(main)
        self._sync_branch_rows(max(0, len(offices) - 1))
        for row, office in zip(self.branch_rows, offices[1:], strict=True):
            if row.edit.text() != office.address:
                row.edit.setText(office.address)

        found = self.session.derived.jurisdiction
        show_address_state(self.main_message, found, 0)
        for position, row in enumerate(self.branch_rows, 1):
            show_address_state(row.message, found, position)
        if found.verdict is None:
            self.verdict_label.setText(found.problem or "")
            styles.mark(self.verdict_label, styles.WARNING if found.office_problems else styles.INFO)
            self.verdict_detail.hide()
            return
        verdict = found.verdict
        self.verdict_label.setText(verdict.reason)  # 「日南市 (当市): すべての事務所が市内」
        if verdict.ours:
            styles.mark(self.verdict_label, styles.OK)
            self.verdict_detail.hide()
        else:
            styles.mark(self.verdict_label, styles.ERROR)
            self.verdict_detail.setText(not_ours_text(verdict))
            styles.mark(self.verdict_detail, styles.INFO)
            self.verdict_detail.show()
