"""The 手続 tab of the procedure editor: number, clerk, the kind's choices and milestones, notes.

Which milestones and choices a kind has is the domain's (``procedures.KINDS``, ``articles_topics``);
this tab lays them out, writes every edit to the ``EditorSession`` draft (one undo step each) and
says at once what the domain would refuse (``check_procedure`` with today's date: a fact after today,
out of order, a decision within 縦覧), so the clerk sees it before saving.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from npo_desk.domain.articles_topics import (
    ARTICLES_TOPIC_LABELS,
    ArticlesTopic,
    amendment_needs_certification,
)
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.procedures import (
    AUTHORITY_CHANGE_LABELS,
    DISSOLUTION_GROUND_LABELS,
    KINDS,
    MERGER_ROLE_LABELS,
    AuthorityChange,
    DissolutionGround,
    MergerRole,
    Milestone,
    check_procedure,
    kind_label,
    milestone_label,
    procedure_profile,
)
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.date_field import DateField
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.bindings import Binder, WindowUndoKeys
from npo_desk.gui.editor.session import EditorSession
from npo_desk.store import STORE_MILESTONES, Case, CaseKind, MilestoneKind, procedure_facts, procedure_kind
from npo_desk.store import Milestone as StoredMilestone

E = TypeVar("E", bound=StrEnum)
_ORDER = {kind: index for index, kind in enumerate(MilestoneKind)}
# The kinds whose case records which items of the articles (11条1項各号) the change touches.
TOPIC_KINDS = frozenset({CaseKind.ARTICLES_AMENDMENT, CaseKind.ARTICLES_AMENDMENT_NOTICE})


def with_date(case: Case, kind: MilestoneKind, on: date | None) -> Case:
    """``case`` with the milestone ``kind`` on ``on`` (None: not happened); its note is kept."""
    old = case.milestone(kind)
    others = [m for m in case.milestones if m.kind is not kind]
    if on is not None:
        others.append(StoredMilestone(kind, on, old.note if old is not None else ""))
    others.sort(key=lambda m: (m.on, _ORDER[m.kind]))
    return replace(case, milestones=tuple(others))


def problem_of(case: Case, today: date) -> str | None:
    """What the domain refuses in the draft's facts today (its Japanese message), None when nothing."""
    try:
        check_procedure(procedure_facts(case), today)
    except InvalidInput as err:
        return str(err)
    return None


class ProcedureTab(QWidget):
    """Everything the clerk records about one procedure of a kind after 設立."""

    def __init__(
        self,
        session: EditorSession,
        corporation_name: str,
        parent: QWidget | None = None,
        *,
        current_expiry: tuple[str, date] | None = None,
    ) -> None:
        """``current_expiry``: for a renewal, the corporation's 認定 in force (its case number and the
        last day of its 有効期間), offered as the 従前の有効期間の満了日."""
        super().__init__(parent)
        self.session = session
        self.current_expiry = current_expiry
        case = session.case
        self.kind = case.kind
        self.spec = KINDS[procedure_kind(case.kind)]
        self._undo_keys = WindowUndoKeys(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        form = QFormLayout()
        layout.addLayout(form)
        self.number_edit = QLineEdit(body)
        self.number_edit.setObjectName("caseNumberEdit")
        self.number_edit.setMaximumWidth(200)
        form.addRow(self.tr("案件番号"), self.number_edit)
        self.kind_label = QLabel(body)
        self.kind_label.setObjectName("kindLabel")
        form.addRow(self.tr("手続の種類"), self.kind_label)
        corporation = QLabel(corporation_name, body)
        corporation.setObjectName("corporationLabel")
        corporation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("法人"), corporation)
        self.clerk_combo = QComboBox(body)
        self.clerk_combo.setObjectName("clerkCombo")
        self.clerk_combo.setMinimumWidth(200)
        self.clerk_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("担当"), self.clerk_combo)

        self.binder = binder = Binder(session)
        binder.line(self.number_edit, "number", self.tr("案件番号"))
        binder.on_refresh(self._refresh_kind)
        binder.clerk(self.clerk_combo)

        self._build_milestones(layout, body)  # the dates first: they are the clerk's everyday entry
        self._build_choices(layout, body)

        notes_box = QGroupBox(self.tr("メモ"), body)
        notes_layout = QVBoxLayout(notes_box)
        self.notes_edit = QPlainTextEdit(notes_box)
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setMinimumHeight(70)
        notes_layout.addWidget(self.notes_edit)
        binder.plain_text(self.notes_edit, "notes", self.tr("メモ"))
        layout.addWidget(notes_box)
        layout.addStretch(1)
        for widget in (self.number_edit, self.notes_edit):
            widget.installEventFilter(self._undo_keys)  # Ctrl+Z goes to the window's one history

        session.changed.connect(binder.refresh)
        binder.refresh()

    # --- kind --------------------------------------------------------------------------------
    def _refresh_kind(self, case: Case) -> None:
        facts = procedure_facts(case)
        label = kind_label(self.spec.kind, facts.received_on)
        text = self.tr("{label} (法第{article})").format(
            label=label, article=self.spec.article.removeprefix("第")
        )
        if self.spec.needs_certification and facts.received_on is not None:
            profile = procedure_profile(facts)
            text += self.tr("　適用する法令の版: {profile}").format(profile=profile.label)
        self.kind_label.setText(text)

    # --- choices -----------------------------------------------------------------------------
    def _build_choices(self, layout: QVBoxLayout, body: QWidget) -> None:
        self.registered_check: QCheckBox | None = None
        self.authority_combo: QComboBox | None = None
        self.ground_combo: QComboBox | None = None
        self.role_combo: QComboBox | None = None
        self.topic_checks: dict[ArticlesTopic, QCheckBox] = {}
        self.certification_label: QLabel | None = None
        kind = self.kind
        if kind not in TOPIC_KINDS and kind not in (CaseKind.DISSOLUTION, CaseKind.MERGER):
            return
        box = QGroupBox(self.tr("手続の内容"), body)
        box.setObjectName("choicesBox")
        form = QFormLayout(box)
        if kind is CaseKind.ARTICLES_AMENDMENT:
            self.registered_check = QCheckBox(
                self.tr("登記事項 (目的・名称・事務所など) の変更を伴う — 認証後に変更の登記が必要"), box
            )
            self.registered_check.setObjectName("registeredChangeCheck")
            self.registered_check.toggled.connect(self._registered_toggled)
            form.addRow(self.tr("登記"), self.registered_check)
            self.authority_combo = self._enum_combo(
                box, "authorityChangeCombo", self.tr("所轄庁の変更なし"), AUTHORITY_CHANGE_LABELS
            )
            self.authority_combo.activated.connect(
                lambda i: self._choice(self.tr("所轄庁の変更"), "authority_change", AuthorityChange, i)
            )
            form.addRow(self.tr("所轄庁の変更"), self.authority_combo)
        if kind in TOPIC_KINDS:
            topics = QWidget(box)
            grid = QGridLayout(topics)
            grid.setContentsMargins(0, 0, 0, 0)
            for index, topic in enumerate(ArticlesTopic):
                check = QCheckBox(self.tr(ARTICLES_TOPIC_LABELS[topic]), topics)
                check.setObjectName(f"topic_{topic.value}")
                check.toggled.connect(lambda _on, t=topic: self._topic_toggled(t))
                grid.addWidget(check, index // 2, index % 2)
                self.topic_checks[topic] = check
            form.addRow(self.tr("変更する定款の事項"), topics)
            self.certification_label = QLabel(box)
            self.certification_label.setObjectName("certificationLabel")
            self.certification_label.setWordWrap(True)
            form.addRow("", self.certification_label)
        if kind is CaseKind.DISSOLUTION:
            self.ground_combo = self._enum_combo(
                box, "dissolutionGroundCombo", self.tr("(未選択)"), DISSOLUTION_GROUND_LABELS
            )
            self.ground_combo.activated.connect(
                lambda i: self._choice(self.tr("解散の事由"), "dissolution_ground", DissolutionGround, i)
            )
            form.addRow(self.tr("解散の事由"), self.ground_combo)
        if kind is CaseKind.MERGER:
            self.role_combo = self._enum_combo(
                box, "mergerRoleCombo", self.tr("(未選択)"), MERGER_ROLE_LABELS
            )
            self.role_combo.activated.connect(
                lambda i: self._choice(self.tr("合併での立場"), "merger_role", MergerRole, i)
            )
            form.addRow(self.tr("合併での立場"), self.role_combo)
        layout.addWidget(box)
        self.binder.on_refresh(self._refresh_choices)

    def _enum_combo(self, parent: QWidget, name: str, none: str, labels: dict[E, str]) -> QComboBox:
        combo = QComboBox(parent)
        combo.setObjectName(name)
        combo.addItem(none, "")
        for value, label in labels.items():
            combo.addItem(self.tr(label), value.value)
        return combo

    def _choice(self, label: str, field: str, enum: type[StrEnum], index: int) -> None:
        combo = self.sender()
        value = combo.itemData(index) if isinstance(combo, QComboBox) else ""
        self.session.edit(label, **{field: enum(value) if value else None})

    def _registered_toggled(self, on: bool) -> None:
        self.session.edit(self.tr("登記事項の変更"), registered_change=on)

    def _topic_toggled(self, _topic: ArticlesTopic) -> None:
        chosen = tuple(t for t, check in self.topic_checks.items() if check.isChecked())
        self.session.edit(self.tr("変更する定款の事項"), articles_topics=chosen)

    def _refresh_choices(self, case: Case) -> None:
        if self.registered_check is not None:
            with QSignalBlocker(self.registered_check):
                self.registered_check.setChecked(case.registered_change)
        for combo, value in (
            (self.authority_combo, case.authority_change),
            (self.ground_combo, case.dissolution_ground),
            (self.role_combo, case.merger_role),
        ):
            if combo is not None:
                with QSignalBlocker(combo):
                    combo.setCurrentIndex(max(0, combo.findData(value.value if value else "")))
        for topic, check in self.topic_checks.items():
            with QSignalBlocker(check):
                check.setChecked(topic in case.articles_topics)
        if self.certification_label is not None:
            self._refresh_certification(case)

    def _refresh_certification(self, case: Case) -> None:
        """25条3項 or 6項: whether the chosen change needs 認証, by the day it is applied for."""
        assert self.certification_label is not None
        if not case.articles_topics:
            self.certification_label.setText(
                self.tr("変更する事項を選ぶと、認証が必要な変更か届出で足りる変更かを表示します。")
            )
            styles.mark(self.certification_label, styles.INFO)
            return
        on = case.date_of(MilestoneKind.RECEIVED) or self.session.derived.today
        certified = amendment_needs_certification(case.articles_topics, on)
        if certified:
            text = self.tr("認証が必要な定款変更です (法第25条第3項)。")
        else:
            text = self.tr("認証は不要で、届出で足りる定款変更です (法第25条第6項)。")
        fits = certified == (self.kind is CaseKind.ARTICLES_AMENDMENT)
        if not fits:
            text += (
                self.tr("この手続 (定款変更認証) ではなく、定款変更の届出として扱ってください。")
                if self.kind is CaseKind.ARTICLES_AMENDMENT
                else self.tr("この手続 (届出) ではなく、定款変更認証の申請として扱ってください。")
            )
        self.certification_label.setText(text)
        styles.mark(self.certification_label, styles.OK if fits else styles.WARNING)

    # --- milestones --------------------------------------------------------------------------
    def _build_milestones(self, layout: QVBoxLayout, body: QWidget) -> None:
        box = QGroupBox(self.tr("経過 (起きた日を入力、空欄は未了)"), body)
        box.setObjectName("milestonesBox")
        grid = QGridLayout(box)
        self.date_fields: dict[MilestoneKind, DateField] = {}
        for row, milestone in enumerate(self.spec.milestones):
            kind = STORE_MILESTONES[milestone]
            label = QLabel(self.tr(milestone_label(self.spec.kind, milestone)), box)
            field = DateField(box, optional=True)
            field.setObjectName(f"date_{kind.value}")
            label.setBuddy(field.edit)
            field.edit.installEventFilter(self._undo_keys)
            field.dateChanged.connect(lambda on, k=kind, m=milestone: self._date_changed(k, m, on))
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
            self.date_fields[kind] = field
        grid.setColumnStretch(1, 1)
        rows = len(self.spec.milestones)
        self.expiry_button: QPushButton | None = None
        if self.current_expiry is not None and MilestoneKind.PREVIOUS_EXPIRY in self.date_fields:
            number, expiry = self.current_expiry
            self.expiry_button = QPushButton(
                self.tr("{number} の認定の有効期間の満了日 {date} を入力").format(
                    number=number, date=format_wareki(expiry, weekday=True)
                ),
                box,
            )
            self.expiry_button.setObjectName("previousExpiryButton")
            self.expiry_button.clicked.connect(
                lambda: self.session.replace_case(
                    milestone_label(self.spec.kind, Milestone.PREVIOUS_EXPIRY),
                    with_date(self.session.case, MilestoneKind.PREVIOUS_EXPIRY, expiry),
                )
            )
            grid.addWidget(self.expiry_button, rows, 1, Qt.AlignmentFlag.AlignLeft)
            rows += 1
        self.problem_label = QLabel(box)
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setWordWrap(True)
        grid.addWidget(self.problem_label, rows, 0, 1, 2)
        layout.addWidget(box)
        self.binder.on_refresh(self._refresh_milestones)

    def _date_changed(self, kind: MilestoneKind, milestone: Milestone, on: date | None) -> None:
        label = milestone_label(self.spec.kind, milestone)
        self.session.replace_case(label, with_date(self.session.case, kind, on))

    def _refresh_milestones(self, case: Case) -> None:
        for kind, field in self.date_fields.items():
            on = case.date_of(kind)
            if field.error() is None and field.value() != on:  # a text being corrected stays
                with QSignalBlocker(field):
                    field.set_value(on)
        if self.expiry_button is not None:
            self.expiry_button.setVisible(case.date_of(MilestoneKind.PREVIOUS_EXPIRY) is None)
        problem = problem_of(case, self.session.derived.today)
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        if problem is not None:
            styles.mark(self.problem_label, styles.ERROR)


__all__ = ["ProcedureTab", "problem_of", "with_date"]
