"""Small modal dialogs of the editor: pick a date (with its 和暦 beside it), set a deadline by hand.

Each has a static ``ask`` the editor calls and tests replace; the dialogs themselves are also
driven directly in tests through their widgets.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from npo_desk.domain.deadlines import Deadline
from npo_desk.domain.due import STATUTORY, later_than_law
from npo_desk.domain.errors import NpoDeskError
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.date_field import DateField
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.session import EditorSession
from npo_desk.gui.errors import show_error
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.store import DeadlineOverride, Store, get_case


def report(parent: QWidget, err: Exception) -> None:
    """Show a refusal or store error as the app's Japanese dialog (one place, replaced in tests)."""
    show_error(parent, err)


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """A yes/no question whose safe answer (いいえ) is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def rebase_onto_stored(window: QMainWindow, store: Store, session: EditorSession, case_id: int) -> bool:
    """Load the case as stored now and carry ``window``'s unsaved edits over onto it, saying so in its
    status bar (the case editor and the procedure editor alike); False when it cannot: the case was
    deleted meanwhile, or the database is gone."""
    try:
        latest = get_case(store, case_id)
    except NpoDeskError as err:
        report(window, err)
        return False
    if latest.deleted_at is not None:
        report(
            window,
            NpoDeskError(
                QCoreApplication.translate(
                    "CaseEditor",
                    "この案件は別の画面で削除されたため、変更を反映できません。"
                    "この画面の変更は保存されていません(画面は開いたままです)。",
                )
            ),
        )
        return False
    conflicts = session.rebase(latest)
    message = QCoreApplication.translate(
        "CaseEditor", "最新の内容を読み込み、この画面での変更を反映しました。確認してから保存してください。"
    )
    if conflicts:
        message += QCoreApplication.translate(
            "CaseEditor", "別の画面でも変更されていた項目 (この画面の内容を優先): {fields}"
        ).format(fields="、".join(conflicts))
    window.statusBar().showMessage(message)
    return True


def offer_rebase(parent: QWidget, err: Exception) -> bool:
    """The case was saved elsewhere: offer to carry this window's edits over onto the latest content."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("CaseEditor", "他の画面で保存されています"))
    box.setText(str(err))
    box.setInformativeText(
        QCoreApplication.translate(
            "CaseEditor",
            "「最新の内容に反映」を選ぶと、保存されている最新の内容を読み込み、この画面で変更した項目だけを"
            "その上に重ねます(まだ保存はしません)。内容を確認してから保存してください。",
        )
    )
    rebase = box.addButton(
        QCoreApplication.translate("CaseEditor", "最新の内容に反映"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(rebase)
    try:
        box.exec()
        return box.clickedButton() is rebase
    finally:
        box.deleteLater()


def ask_unsaved(parent: QWidget, name: str) -> QMessageBox.StandardButton:
    """保存 / 破棄 / キャンセル for a window (case, procedure, corporation) closed with unsaved edits."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("CaseEditor", "保存されていない変更"),
        QCoreApplication.translate(
            "CaseEditor", "「{name}」には保存されていない変更があります。保存しますか?"
        ).format(name=name),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    try:
        return QMessageBox.StandardButton(box.exec())
    finally:
        box.deleteLater()


def confirm_later_than_law(parent: QWidget, deadline: Deadline, on: date) -> bool:
    """A date later than the law's for a statutory deadline: say what the law requires, and that the
    law's date will still count (domain.due), before the clerk sets it anyway. The default is いいえ."""
    tr = QCoreApplication.translate
    question = tr(
        "OverrideDialog",
        "{label}は、法律上 {law}までです(根拠: {basis})。\n\n"
        "手動の日付 {on} はそれより後のため、設定しても期限は法定の {law_short} のままです"
        "(残り日数・色分け・並び順も法定の期限によります)。手動の日付は「不採用」として並べて表示されます。\n\n"
        "この日付で設定しますか?",
    ).format(
        label=deadline.label,
        law=deadline.date_text(),
        basis=deadline.basis,
        on=format_wareki(on, weekday=True),
        law_short=format_wareki(deadline.date, weekday=True),
    )
    return confirm(parent, tr("OverrideDialog", "法定の期限より後の日付です"), question)


# Sentinel answers of DateDialog.ask besides a date: cancelled, or "no date" (clear the milestone).
CLEARED = "cleared"


class DateDialog(QDialog):
    """Asks for the date of a stage action or milestone; optionally offers to clear it."""

    def __init__(
        self,
        title: str,
        prompt: str,
        initial: date,
        *,
        clearable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        install_help(self, HelpTopic.STAGE_ACTIONS)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)  # room for the prompt on one or two lines and the 和暦 beside the date
        self.cleared = False
        layout = QVBoxLayout(self)
        message = QLabel(prompt, self)
        message.setWordWrap(True)
        layout.addWidget(message)
        self.field = DateField(self, initial=initial)
        layout.addWidget(self.field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        if clearable:
            self.clear_button = QPushButton(self.tr("日付を消す"), self)
            self.buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.DestructiveRole)
            self.clear_button.clicked.connect(self._clear)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _clear(self) -> None:
        self.cleared = True
        super().accept()

    def accept(self) -> None:
        if self.field.error() is not None:  # shown in red beside the field; the typed text stays
            self.field.setFocus()
            return
        super().accept()

    @staticmethod
    def ask(
        parent: QWidget, title: str, prompt: str, initial: date, *, clearable: bool = False
    ) -> date | str | None:
        """The chosen date, ``CLEARED``, or None when cancelled."""
        dialog = DateDialog(title, prompt, initial, clearable=clearable, parent=parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return CLEARED if dialog.cleared else dialog.field.day()
        finally:
            dialog.deleteLater()


class OverrideDialog(QDialog):
    """Sets a deadline by hand; the reason is required, the computed date stays visible beside it."""

    def __init__(
        self, deadline: Deadline, current: DeadlineOverride | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        install_help(self, HelpTopic.MANUAL_DATES)
        self.setWindowTitle(self.tr("期限を手動で設定"))
        self.setMinimumWidth(520)
        self.deadline = deadline
        layout = QVBoxLayout(self)
        computed = QLabel(
            self.tr("{label}: 法令による計算では {date} ({basis})").format(
                label=deadline.label, date=deadline.date_text(), basis=deadline.basis
            ),
            self,
        )
        computed.setWordWrap(True)
        layout.addWidget(computed)
        rule = QLabel(
            self.tr(
                "手動の日付は法定の期限に並べて示す前倒しの目安です。法定の期限より後の日付は採用されず、"
                "残り日数と色分けは法定の期限によります。"
            )
            if deadline.key in STATUTORY
            else self.tr("法定の期限はありません。手動の日付がそのまま督促の目安になります。"),
            self,
        )
        rule.setObjectName("manualRule")
        rule.setWordWrap(True)
        styles.mark(rule, styles.INFO)
        layout.addWidget(rule)
        self.field = DateField(self, initial=current.on if current else deadline.date)
        layout.addWidget(self.field)
        form = QFormLayout()
        self.reason = QLineEdit(current.reason if current else "", self)
        self.reason.setPlaceholderText(self.tr("例: 申請者の同意を得て補正期間を延長したため"))
        form.addRow(self.tr("理由 (必須)"), self.reason)
        layout.addLayout(form)
        self.hint = QLabel(self.tr("理由を入力すると設定できます。"), self)
        styles.mark(self.hint, styles.WARNING)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = bool(self.reason.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.hint.setVisible(not ok)

    def accept(self) -> None:
        if not self.reason.text().strip():
            return  # the OK button is disabled then; Enter in the field must not slip through either
        if self.field.error() is not None:  # not a day: shown in red beside the field
            self.field.setFocus()
            return
        on = self.field.value()
        later = on is not None and later_than_law(self.deadline, on)
        if later and on is not None and not confirm_later_than_law(self, self.deadline, on):
            return  # the clerk keeps the dialog open to pick an earlier date
        super().accept()

    def result_override(self) -> DeadlineOverride:
        return DeadlineOverride(
            key=self.deadline.key.value, on=self.field.day(), reason=self.reason.text().strip()
        )

    @staticmethod
    def ask(parent: QWidget, deadline: Deadline, current: DeadlineOverride | None) -> DeadlineOverride | None:
        dialog = OverrideDialog(deadline, current, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_override()
        finally:
            dialog.deleteLater()
