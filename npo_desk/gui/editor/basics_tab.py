"""基本情報: the corporation's names and contact, its purpose, fiscal year, law profile and clerk."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from npo_desk.domain import profiles
from npo_desk.domain.documents import TOPIC as DOCUMENTS_TOPIC
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.requirements import Severity
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.bindings import Binder
from npo_desk.gui.editor.session import EditorSession
from npo_desk.gui.forms import child, load_form
from npo_desk.store import Case


class BasicsTab(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        form = load_form("editor_basics", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.number_edit = child(form, QLineEdit, "caseNumberEdit")
        self.name_edit = child(form, QLineEdit, "nameEdit")
        self.fiscal_month = child(form, QSpinBox, "fiscalMonthSpin")
        self.fiscal_day = child(form, QSpinBox, "fiscalDaySpin")
        self.member_count = child(form, QSpinBox, "memberCountSpin")
        self.profile_combo = child(form, QComboBox, "lawProfileCombo")
        self.profile_reason = child(form, QLineEdit, "lawProfileReasonEdit")
        self.profile_note = child(form, QLabel, "lawProfileNote")
        self.clerk_combo = child(form, QComboBox, "clerkCombo")

        self.binder = binder = Binder(session)
        binder.line(self.number_edit, "number", self.tr("案件番号"))
        binder.line(self.name_edit, "name", self.tr("法人名"))
        binder.line(child(form, QLineEdit, "nameKanaEdit"), "name_kana", self.tr("フリガナ"))
        binder.line(child(form, QLineEdit, "representativeEdit"), "representative", self.tr("代表者"))
        binder.line(
            child(form, QLineEdit, "representativeKanaEdit"), "representative_kana", self.tr("代表者フリガナ")
        )
        binder.line(child(form, QLineEdit, "phoneEdit"), "phone", self.tr("電話番号"))
        binder.line(child(form, QLineEdit, "emailEdit"), "email", self.tr("メール"))
        binder.plain_text(child(form, QPlainTextEdit, "purposeEdit"), "purpose", self.tr("目的"))
        binder.optional_count(self.member_count, "member_count", self.tr("社員数"))
        binder.line(self.profile_reason, "law_profile_reason", self.tr("法令の版を選んだ理由"))
        binder.fiscal_year_start(self.fiscal_month, self.fiscal_day, self.tr("事業年度開始日"))
        binder.on_refresh(self._refresh_profile)
        binder.clerk(self.clerk_combo)
        binder.on_refresh(self._refresh_checks)
        self.checks = QLabel(form)
        self.checks.setWordWrap(True)
        self.checks.setObjectName("checksSummary")
        child(form, QVBoxLayout, "checksLayout").addWidget(self.checks)

        self.profile_combo.activated.connect(self._profile_chosen)
        session.changed.connect(binder.refresh)
        binder.refresh()

    # --- law profile -------------------------------------------------------------------------
    def _profile_chosen(self, index: int) -> None:
        profile_id = self.profile_combo.itemData(index)
        facts = self.session.derived.facts
        self.session.edit_facts(self.tr("法令の版"), _with_profile(facts, profile_id))

    def _refresh_profile(self, case: Case) -> None:
        automatic = profiles.resolve_profile(_with_profile(self.session.derived.facts, None))
        with QSignalBlocker(self.profile_combo):
            self.profile_combo.clear()
            self.profile_combo.addItem(self.tr("自動: {label}").format(label=automatic.label), None)
            for profile in reversed(profiles.PROFILES):
                self.profile_combo.addItem(profile.label, profile.id)
            self.profile_combo.setCurrentIndex(max(0, self.profile_combo.findData(case.law_profile_id)))
        manual = case.law_profile_id is not None
        self.profile_reason.setEnabled(manual)
        received = self.session.derived.facts.received_on
        if manual and not case.law_profile_reason.strip():
            note = self.tr("法令の版を手動で選んだ理由を入力してください(保存に必要です)。")
            styles.mark(self.profile_note, styles.ERROR)
        elif manual:
            note = self.tr("手動で選んだ版を適用しています。受理日による版: {label}").format(
                label=automatic.label
            )
            styles.mark(self.profile_note, styles.WARNING)
        elif received is None:
            note = self.tr("申請受理日が未入力のため、現行の版を仮に適用しています。")
            styles.mark(self.profile_note, styles.INFO)
        else:
            note = self.tr("申請受理日 {date} により判定しました。").format(date=format_wareki(received))
            styles.mark(self.profile_note, styles.INFO)
        self.profile_note.setText(note)

    # --- at a glance -------------------------------------------------------------------------
    def _refresh_checks(self, _case: Case) -> None:
        """The 所轄庁 and the requirement findings in one place, pointing to the tab that has the details."""
        derived = self.session.derived
        found = derived.jurisdiction
        lines = [
            self.tr("所轄庁: {verdict}").format(verdict=found.verdict.reason)
            if found.verdict
            else self.tr("所轄庁: 未判定 (「事務所」タブ)")
        ]
        requirements = [f for f in derived.findings if f.topic != DOCUMENTS_TOPIC]
        errors = sum(1 for f in requirements if f.severity == Severity.ERROR)
        warnings = len(requirements) - errors
        if errors or warnings:
            lines.append(
                self.tr("要件: 不備 {errors}件、注意 {warnings}件 (「社員・役員」「活動分野」タブ)").format(
                    errors=errors, warnings=warnings
                )
            )
        else:
            lines.append(self.tr("要件: 問題は見つかりません"))
        missing = len(derived.document_findings)
        if missing:
            lines.append(self.tr("書類: 未提出 {count}件 (「書類」タブ)").format(count=missing))
        self.checks.setText("\n".join(lines))
        not_ours = found.verdict is not None and not found.verdict.ours
        styles.mark(
            self.checks,
            styles.ERROR if errors or missing or not_ours else styles.WARNING if warnings else styles.OK,
        )


def _with_profile(facts: CaseFacts, profile_id: str | None) -> CaseFacts:
    return replace(facts, law_profile_id=profile_id)
