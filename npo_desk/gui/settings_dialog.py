"""設定: the installation settings the deadlines and the 所轄庁 verdicts depend on.

The dialog edits a copy of the stored ``Settings`` and writes it back in one ``save_settings`` call
(the store records every changed field in the history). Input it cannot accept is named in Japanese
under the tabs; the dialog stays open and nothing is written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from npo_desk import refdata, store
from npo_desk.domain.calendar import ClosedDays
from npo_desk.domain.deadlines import ORDINANCE_DECISION_MAX_DAYS, check_ordinance_decision_period
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.letters import authority_name_of, check_number_format, document_number, head_title
from npo_desk.domain.municipalities import Municipality, MunicipalityIndex
from npo_desk.domain.settings import (
    DELEGATION_POSSIBLE_FROM,
    DecisionPeriod,
    DecisionStart,
    Delegation,
    Settings,
    check_delegation,
)
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui import clock
from npo_desk.gui.date_field import DateField
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.offices_tab import AddressCompleter
from npo_desk.gui.errors import reported
from npo_desk.gui.forms import child, load_into
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.user import current_user

_KIND_LABELS = {
    "prefecture": "都道府県",
    "designated_city": "指定都市",
    "city": "市",
    "special_ward": "特別区",
    "town": "町",
    "village": "村",
}


class SettingsInvalid(InvalidInput):
    """A value the dialog refuses; ``tab`` and ``widget`` say where the clerk must look."""

    def __init__(self, message: str, tab: int, widget: QWidget) -> None:
        super().__init__(message)
        self.tab = tab
        self.widget = widget


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def resolve_home_authority(index: MunicipalityIndex, text: str) -> Municipality:
    """当庁 as typed by the clerk (here and at first start); InvalidInput in Japanese otherwise."""
    if not text.strip():
        raise InvalidInput(_tr("当庁の所在地を入力してください (例: 宮崎県日南市)。"))
    found = index.resolve_authority(text)
    if found.kind == "ward":
        raise InvalidInput(_tr("区は所轄庁になりません。指定都市の名前を入力してください。"))
    return found


def describe_authority(found: Municipality) -> str:
    """「宮崎県日南市 (市): 事務処理特例条例により…」: what the chosen authority is responsible for."""
    kind = _tr(_KIND_LABELS.get(found.kind, found.kind))
    if found.kind == "prefecture":
        role = _tr("県内に主たる事務所がある法人 (指定都市・権限移譲市町村を除く) の所轄庁です")
    elif found.kind == "designated_city":
        role = _tr("市内にのみ事務所がある法人の所轄庁です (法第9条第2項)")
    else:
        role = _tr("事務処理特例条例により、市町村内にのみ事務所がある法人の所轄庁の事務を行います")
    return f"{found.full_name} ({kind}): {role}"


class SettingsDialog(QDialog):
    AUTHORITY_TAB, PERIODS_TAB, CLOSED_DAYS_TAB, CLERKS_TAB, LETTERS_TAB = range(5)

    # F1's section of the guide for each tab, in the tabs' order (AUTHORITY_TAB …).
    HELP_TOPICS = (
        HelpTopic.SETTINGS_AUTHORITY,
        HelpTopic.SETTINGS_DEADLINES,
        HelpTopic.SETTINGS_CLOSED_DAYS,
        HelpTopic.SETTINGS_CLERKS,
        HelpTopic.SETTINGS_LETTERS,
    )

    def __init__(self, st: store.Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("settings_dialog", self)
        self.store = st
        self.index = refdata.municipality_index()
        self.tabs = child(self, QTabWidget, "tabs")
        install_help(self, self.help_topic)
        self.authority = child(self, QLineEdit, "authorityEdit")
        self.authority_hint = child(self, QLabel, "authorityHint")
        self.delegated = child(self, QListWidget, "delegatedList")
        self.delegated_edit = child(self, QLineEdit, "delegatedEdit")
        self.delegation_start = child(self, DateField, "delegationStartEdit")
        # The end is optional (blank while the municipality still holds the powers): made here, as a
        # form cannot pass ``optional``, and put after its label in the form's row.
        self.delegation_end = DateField(self, optional=True)
        self.delegation_end.setObjectName("delegationEndEdit")
        row = self.findChild(QHBoxLayout, "delegationPeriodRow")
        assert row is not None, "ui/settings_dialog.ui lost delegationPeriodRow"
        row.insertWidget(row.indexOf(child(self, QLabel, "delegationEndLabel")) + 1, self.delegation_end)
        self.decision_amount = child(self, QSpinBox, "decisionAmount")
        self.decision_unit = child(self, QComboBox, "decisionUnit")
        self.decision_start = child(self, QComboBox, "decisionStart")
        self.notice_days = child(self, QSpinBox, "noticeOverdueDays")
        self.annual_months = child(self, QSpinBox, "annualMonths")
        self.annual_rolls = child(self, QCheckBox, "annualRolls")
        self.closed_days = child(self, QListWidget, "closedDaysList")
        self.closed_day_edit = child(self, DateField, "closedDayEdit")
        self.clerks = child(self, QPlainTextEdit, "clerksEdit")
        self.authority_name = child(self, QLineEdit, "authorityNameEdit")
        self.head_name = child(self, QLineEdit, "headNameEdit")
        self.number_format = child(self, QLineEdit, "numberFormatEdit")
        self.letter_preview = child(self, QLabel, "letterPreview")
        self.contact = child(self, QPlainTextEdit, "contactEdit")
        self.template_folder = child(self, QLineEdit, "templateFolderEdit")
        self.error = child(self, QLabel, "errorLabel")
        self.buttons = child(self, QDialogButtonBox, "buttonBox")

        self.decision_amount.setMaximum(ORDINANCE_DECISION_MAX_DAYS + 60)  # allow typing, refuse on OK
        self.decision_unit.addItem(self.tr("か月"), "months")
        self.decision_unit.addItem(self.tr("日"), "days")
        self.decision_start.addItem(
            self.tr("縦覧期間満了の翌日から起算する (翌日を1日目に数える)"),
            DecisionStart.AFTER_INSPECTION_COUNTED.value,
        )
        self.decision_start.addItem(
            self.tr("縦覧期間満了の翌日は算入しない (初日不算入)"),
            DecisionStart.AFTER_INSPECTION_NOT_COUNTED.value,
        )
        AddressCompleter(self.index, self.authority)
        AddressCompleter(self.index, self.delegated_edit)
        today = clock.today()
        self.closed_day_edit.set_value(today)
        # No range on the field: an earlier start is refused by the domain, which names the law.
        self.delegation_start.set_value(DELEGATION_POSSIBLE_FROM)
        self.error.hide()

        self.authority.textChanged.connect(self._authority_changed)
        child(self, QPushButton, "delegatedAdd").clicked.connect(self.add_delegated)
        child(self, QPushButton, "delegatedRemove").clicked.connect(self.remove_delegated)
        self.delegated_edit.returnPressed.connect(self.add_delegated)
        child(self, QPushButton, "delegatedUpdate").clicked.connect(self.update_delegation)
        self.delegated.currentItemChanged.connect(self._delegation_selected)
        child(self, QPushButton, "closedDayAdd").clicked.connect(self.add_closed_day)
        child(self, QPushButton, "closedDayRemove").clicked.connect(self.remove_closed_days)
        for edit in (self.authority, self.authority_name, self.head_name, self.number_format):
            edit.textChanged.connect(self._letters_changed)
        child(self, QPushButton, "templateFolderBrowse").clicked.connect(self.choose_template_folder)
        child(self, QPushButton, "copyTemplatesButton").clicked.connect(self.copy_templates)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.original = store.load_settings(st)
        self._show(self.original)

    # --- showing ---------------------------------------------------------------------------------
    def help_topic(self) -> HelpTopic:
        """F1's section of the guide: the tab on show."""
        index = self.tabs.currentIndex()
        return self.HELP_TOPICS[index] if 0 <= index < len(self.HELP_TOPICS) else HelpTopic.SETTINGS

    def _show(self, settings: Settings) -> None:
        self.authority.setText(settings.home_authority)
        self.delegated.clear()
        for delegation in sorted(settings.delegated_municipalities, key=lambda d: (d.code, d.start)):
            self._add_item(self.delegated, self._delegation_text(delegation), delegation)
        period = settings.decision_period
        unit = "days" if period.days is not None else "months"
        self.decision_unit.setCurrentIndex(self.decision_unit.findData(unit))
        self.decision_amount.setValue(period.days if period.days is not None else period.months or 2)
        self.decision_start.setCurrentIndex(self.decision_start.findData(settings.decision_start.value))
        self.notice_days.setValue(settings.registration_notice_overdue_days)
        self.annual_months.setValue(settings.annual_report_months)
        self.annual_rolls.setChecked(settings.annual_report_rolls)
        self.closed_days.clear()
        for day in sorted(settings.extra_closed_days):
            self._add_closed_item(day)
        self.clerks.setPlainText("\n".join(settings.clerks))
        self.authority_name.setText(settings.authority_name)
        self.head_name.setText(settings.head_name)
        self.number_format.setText(settings.document_number_format)
        self.contact.setPlainText(settings.letter_contact)
        self.template_folder.setText(settings.template_folder)
        self._letters_changed()

    @staticmethod
    def _add_item(widget: QListWidget, text: str, data: object) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        widget.addItem(item)

    def _delegation_text(self, delegation: Delegation) -> str:
        """「宮崎県串間市 (平成17年4月1日から)」: the municipality and the days it holds the powers."""
        try:
            name = self.index.by_code(delegation.code).full_name
        except InvalidInput:
            name = self.tr("不明なコード {0}").format(delegation.code)
        return f"{name} ({delegation.period_text()})"

    def _add_closed_item(self, day: date) -> None:
        """Insert ``day`` in date order (the list shows 和暦, which does not sort as text)."""
        item = QListWidgetItem(format_wareki(day, weekday=True))
        item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
        self.closed_days.insertItem(sum(1 for other in self._closed_day_values() if other < day), item)

    def _show_error(self, message: str | None) -> None:
        self.error.setVisible(message is not None)
        if message is not None:
            self.error.setText(message)
            styles.mark(self.error, styles.ERROR)

    def _authority_changed(self, text: str) -> None:
        try:
            found = resolve_home_authority(self.index, text)
        except InvalidInput as err:
            self.authority_hint.setText(str(err))
            styles.mark(self.authority_hint, styles.ERROR)
            return
        self.authority_hint.setText(describe_authority(found))
        styles.mark(self.authority_hint, styles.INFO)

    def _letters_changed(self) -> None:
        """The sender and a 文書番号 as the letters will print them, or what is wrong with the pattern."""
        derived = authority_name_of(self.authority.text())
        self.authority_name.setPlaceholderText(self.tr("空欄なら「{0}」").format(derived))
        name = self.authority_name.text().strip() or derived
        head = self.head_name.text().strip() or self.tr("(首長名が未入力です。文書を作成できません)")
        try:
            number = document_number(self.number_format.text(), "123", clock.today())
        except InvalidInput as err:
            self.letter_preview.setText(str(err))
            styles.mark(self.letter_preview, styles.ERROR)
            return
        self.letter_preview.setText(
            self.tr("差出人: {0}\u3000{1}\n文書番号の例: {2}").format(head_title(name), head, number)
        )
        styles.mark(self.letter_preview, styles.INFO)

    def choose_template_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("テンプレートのフォルダー"), self.template_folder.text().strip()
        )
        if chosen:
            self.template_folder.setText(chosen)

    def copy_templates(self) -> None:
        """Put the shipped templates in the folder for the clerk to edit; files already there stay."""
        from pathlib import Path

        from npo_desk.reports.letters import copy_templates

        folder = self.template_folder.text().strip()
        if not folder:
            self._show_error(
                self.tr("コピー先のテンプレートのフォルダーを入力するか、「参照...」で選んでください。")
            )
            return
        copied: list[Path] | None = None
        with reported(self):
            copied = copy_templates(Path(folder).expanduser())
        if copied is None:
            return
        self._show_error(None)
        self.error.setText(
            self.tr("{0} 件のテンプレートをコピーしました (既にあるファイルはそのままです): {1}").format(
                len(copied), folder
            )
        )
        styles.mark(self.error, styles.INFO)
        self.error.show()

    # --- editing lists ---------------------------------------------------------------------------
    def _delegations(self) -> list[Delegation]:
        found = [self.delegated.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.delegated.count())]
        return [d for d in found if isinstance(d, Delegation)]

    def _typed_delegation(self, code: str) -> Delegation:
        """The delegation of ``code`` with the dates typed; InvalidInput when the law does not allow them."""
        end_error = self.delegation_end.error()
        if end_error is not None:
            raise InvalidInput(end_error)
        delegation = Delegation(code, self.delegation_start.day(), self.delegation_end.value())
        check_delegation(delegation)
        return delegation

    def _delegation_selected(self, current: QListWidgetItem | None) -> None:
        """Show the chosen municipality's dates, to be changed with 「期間を変更」."""
        delegation = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if isinstance(delegation, Delegation):
            self.delegation_start.set_value(delegation.start)
            self.delegation_end.set_value(delegation.end)

    def update_delegation(self) -> None:
        item = self.delegated.currentItem()
        old = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if item is None or not isinstance(old, Delegation):
            self._show_error(self.tr("期間を変更する市町村を一覧から選んでください。"))
            return
        try:
            delegation = self._typed_delegation(old.code)
        except InvalidInput as err:
            self._show_error(str(err))
            return
        item.setData(Qt.ItemDataRole.UserRole, delegation)
        item.setText(self._delegation_text(delegation))
        self._show_error(None)

    def add_delegated(self) -> None:
        text = self.delegated_edit.text()
        try:
            found = self.index.resolve_authority(text) if text.strip() else None
            if found is None:
                raise InvalidInput(self.tr("追加する市町村名を入力してください。"))
            if found.kind in ("prefecture", "designated_city", "ward"):
                raise InvalidInput(
                    self.tr(
                        "{0}は市町村への権限移譲の対象ではありません (都道府県・指定都市・区は除きます)。"
                    ).format(found.full_name)
                )
            home = resolve_home_authority(self.index, self.authority.text())
            if found.prefecture != home.prefecture:
                raise InvalidInput(
                    self.tr(
                        "{0}は当庁と別の都道府県です。権限移譲は同じ都道府県の条例によるものだけです。"
                    ).format(found.full_name)
                )
            if any(d.code == found.code for d in self._delegations()):
                raise InvalidInput(
                    self.tr("{0}は登録済みです。期間は一覧で選んで「期間を変更」で直します。").format(
                        found.full_name
                    )
                )
            delegation = self._typed_delegation(found.code)
        except InvalidInput as err:
            self._show_error(str(err))
            return
        self._add_item(self.delegated, self._delegation_text(delegation), delegation)
        self.delegated_edit.clear()
        self._show_error(None)

    def remove_delegated(self) -> None:
        for item in self.delegated.selectedItems():
            self.delegated.takeItem(self.delegated.row(item))

    def _closed_day_values(self) -> list[date]:
        return [
            date.fromisoformat(str(self.closed_days.item(i).data(Qt.ItemDataRole.UserRole)))
            for i in range(self.closed_days.count())
        ]

    def add_closed_day(self) -> None:
        try:
            day = self.closed_day_edit.day()
        except InvalidInput as err:  # e.g. 2027-02-30: said beside the field and under the tabs
            self._show_error(str(err))
            self.closed_day_edit.setFocus()
            return
        if day in self._closed_day_values():
            self._show_error(self.tr("{0} は既に登録されています。").format(format_wareki(day, weekday=True)))
            return
        reason = ClosedDays().reason(day)
        if reason is not None:
            self._show_error(
                self.tr("{0} は{1}のため、登録しなくても閉庁日です。").format(
                    format_wareki(day, weekday=True), reason
                )
            )
            return
        self._add_closed_item(day)
        self._show_error(None)

    def remove_closed_days(self) -> None:
        for item in self.closed_days.selectedItems():
            self.closed_days.takeItem(self.closed_days.row(item))

    # --- saving ----------------------------------------------------------------------------------
    def collect(self) -> Settings:
        """The settings as entered; ``SettingsInvalid`` names the first problem."""
        try:
            home = resolve_home_authority(self.index, self.authority.text())
        except InvalidInput as err:
            raise SettingsInvalid(str(err), self.AUTHORITY_TAB, self.authority) from None
        unit = str(self.decision_unit.currentData())
        amount = self.decision_amount.value()
        period = (
            DecisionPeriod(months=amount, days=None) if unit == "months" else DecisionPeriod(None, amount)
        )
        try:
            check_ordinance_decision_period(period)
        except InvalidInput as err:
            raise SettingsInvalid(str(err), self.PERIODS_TAB, self.decision_amount) from None
        clerks = tuple(
            dict.fromkeys(line.strip() for line in self.clerks.toPlainText().splitlines() if line.strip())
        )
        number_format = self.number_format.text().strip()
        try:
            check_number_format(number_format)
        except InvalidInput as err:
            raise SettingsInvalid(str(err), self.LETTERS_TAB, self.number_format) from None
        return replace(
            self.original,
            home_authority=home.full_name,
            delegated_municipalities=frozenset(self._delegations()),
            decision_period=period,
            decision_start=DecisionStart(str(self.decision_start.currentData())),
            extra_closed_days=frozenset(self._closed_day_values()),
            registration_notice_overdue_days=self.notice_days.value(),
            annual_report_months=self.annual_months.value(),
            annual_report_rolls=self.annual_rolls.isChecked(),
            clerks=clerks,
            authority_name=self.authority_name.text().strip(),
            head_name=self.head_name.text().strip(),
            document_number_format=number_format,
            letter_contact=self.contact.toPlainText().strip(),
            template_folder=self.template_folder.text().strip(),
        )

    def accept(self) -> None:
        try:
            settings = self.collect()
        except SettingsInvalid as err:
            self._show_error(str(err))
            self.tabs.setCurrentIndex(err.tab)
            err.widget.setFocus()
            return
        saved = False
        with reported(self):
            store.save_settings(self.store, settings, who=current_user())
            saved = True
        if saved:
            super().accept()
