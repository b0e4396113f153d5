"""経過と期限: each milestone with the deadlines derived from it, and the timeline picture.

Dates are the domain's (``compute_deadlines``, ``open_deadlines``, ``due.Due``); the tab only lays
them out in 和暦 with the weekday and the legal basis, says when a deadline was moved past closed days
or falls on one, and lets the clerk set a date by hand with a required reason, shown beside the law's
date: an earlier reminder, or superseded (and saying why) when later than the law's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from npo_desk.domain.deadlines import SOON_DAYS, Deadline, DeadlineKey, days_left_text
from npo_desk.domain.due import Due, ManualStatus
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.lifecycle import ACTION_FIELDS, ACTION_LABELS, Action, check_not_in_future
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.editor import dialogs, styles
from npo_desk.gui.editor.dialogs import DateDialog, OverrideDialog
from npo_desk.gui.editor.session import EditorSession
from npo_desk.gui.editor.timeline import TimelineWidget
from npo_desk.store import Case, Milestone, MilestoneKind, milestone_label_of

M = MilestoneKind
K = DeadlineKey
MILESTONE_ORDER = (
    M.CONSULTED, M.FOUNDING_MEETING, M.RECEIVED, M.CORRECTION_RECEIVED, M.CERTIFIED, M.REFUSED,
    M.CERTIFICATE_DELIVERED, M.REGISTERED, M.REGISTRATION_NOTICE, M.WITHDRAWN, M.REVOKED,
)  # fmt: skip
# Dates the clerk enters directly; the others are set by stage actions (which check their order).
EDITABLE = frozenset({M.CONSULTED, M.FOUNDING_MEETING, M.CORRECTION_RECEIVED})
# Exceptional endings: listed only once they happened.
HIDDEN_WHEN_EMPTY = frozenset({M.REFUSED, M.WITHDRAWN, M.REVOKED})
DERIVED_FROM: dict[MilestoneKind, tuple[DeadlineKey, ...]] = {
    M.RECEIVED: (K.PUBLIC_INSPECTION_END, K.CORRECTION_DEADLINE, K.DECISION_DEADLINE),
    M.CERTIFIED: (K.REGISTRATION_GRACE_END,),
    M.CERTIFICATE_DELIVERED: (K.REGISTRATION_DEADLINE,),
    M.REGISTERED: (K.REGISTRATION_NOTICE,),
}


class DeadlinesTab(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        self.timeline = TimelineWidget(self)
        layout.addWidget(self.timeline)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        layout.addWidget(self.scroll_area, 1)
        self.body: QWidget | None = None
        self._shown: tuple[object, ...] | None = None
        session.changed.connect(self.refresh)
        self.refresh()

    # --- building ----------------------------------------------------------------------------
    def refresh(self) -> None:
        case = self.session.case
        derived = self.session.derived
        key = (
            case.milestones,
            case.deadline_overrides,
            case.fiscal_year_start,
            case.law_profile_id,
            derived.today,
            derived.settings,  # the 条例's decision period, closed days … change deadlines too
        )
        if key == self._shown:
            return
        self._shown = key
        self.timeline.set_case(derived.facts, derived.deadlines, derived.today, case.due)
        self._rebuild(case)

    def _new_grid(self) -> tuple[QWidget, QGridLayout, QFont]:
        """An empty body with the column headers; rows follow from ``self._row``."""
        body = QWidget(self.scroll_area)
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        bold = QFont(self.font())
        bold.setBold(True)
        for column, title in enumerate(
            (self.tr("経過・期限"), self.tr("日付"), self.tr("状況"), self.tr("手動設定"), "")
        ):
            header = QLabel(title, body)
            header.setFont(bold)
            grid.addWidget(header, 0, column)
        self._row = 1
        return body, grid, bold

    def _show_grid(self, body: QWidget, grid: QGridLayout) -> None:
        """Put the built body in place of the previous one."""
        grid.setColumnMinimumWidth(1, 230)  # a closed day's 「…実務上は10月9日(金)まで」 on two lines
        grid.setColumnMinimumWidth(2, 190)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(self._row, 1)
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll_area.setWidget(body)
        self.body = body

    def _rebuild(self, case: Case) -> None:
        body, grid, bold = self._new_grid()
        derived = self.session.derived
        all_deadlines = derived.deadlines
        shown: set[DeadlineKey] = set()
        for kind in MILESTONE_ORDER:
            milestone = case.milestone(kind)
            if milestone is None and kind in HIDDEN_WHEN_EMPTY:
                continue
            self._milestone_row(grid, body, kind, milestone, bold)
            for key in DERIVED_FROM.get(kind, ()):
                if key in all_deadlines:
                    self._deadline_row(grid, body, all_deadlines[key], case)
                    shown.add(key)
        rest = [d for k, d in all_deadlines.items() if k not in shown]
        if rest:
            label = QLabel(self.tr("その他の期限"), body)
            label.setFont(bold)
            grid.addWidget(label, self._row, 0)
            self._row += 1
            for deadline in sorted(rest, key=lambda d: d.date):
                self._deadline_row(grid, body, deadline, case)
        self._show_grid(body, grid)

    def _milestone_row(
        self, grid: QGridLayout, body: QWidget, kind: MilestoneKind, milestone: Milestone | None, bold: QFont
    ) -> None:
        on = milestone.on if milestone else None
        name = QLabel(self.tr(milestone_label_of(self.session.case.kind, kind)), body)
        name.setFont(bold)
        grid.addWidget(name, self._row, 0)
        value = QLabel(format_wareki(on, weekday=True) if on else "—", body)
        value.setObjectName(f"milestone_{kind.value}")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(value, self._row, 1)
        if milestone is not None and milestone.note:  # e.g. 「窓口相談」, recorded with the date
            note = QLabel(milestone.note, body)
            note.setObjectName(f"note_{kind.value}")
            note.setWordWrap(True)
            grid.addWidget(note, self._row, 2, 1, 2)
        if kind in EDITABLE:
            button = QPushButton(self.tr("日付を入力…") if on is None else self.tr("日付を変更…"), body)
            button.setObjectName(f"edit_{kind.value}")
            button.clicked.connect(lambda _=False, k=kind: self.edit_milestone(k))
            grid.addWidget(button, self._row, 4)
        elif on is None:
            hint = QLabel(self.tr("上の段階操作ボタンで記録します"), body)
            styles.mark(hint, styles.INFO)
            grid.addWidget(hint, self._row, 2)
        elif (last := self.session.last_action()) is not None and ACTION_FIELDS[last] == kind.value:
            button = QPushButton(self.tr("訂正…"), body)
            button.setObjectName(f"correct_{kind.value}")
            button.setToolTip(self.tr("最後に記録した段階の日付を訂正するか、記録を取り消します"))
            button.clicked.connect(lambda _=False, a=last: self.correct_action(a))
            grid.addWidget(button, self._row, 4)
        self._row += 1

    def _deadline_row(self, grid: QGridLayout, body: QWidget, deadline: Deadline, case: Case) -> None:
        due = case.due(deadline)
        name = QLabel("　→ " + deadline.label, body)
        grid.addWidget(name, self._row, 0)
        value = QLabel(due.date_text(), body)  # the law's date, and the last open day when it is closed
        value.setObjectName(f"deadline_{deadline.key.value}")
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(value, self._row, 1)
        status = self._status(due)
        if status is not None:
            grid.addWidget(status, self._row, 2)
        override = case.override(deadline.key.value)
        if override is not None:
            text = QLabel("\n".join(due.manual_details()), body)
            text.setObjectName(f"override_{deadline.key.value}")
            text.setWordWrap(True)
            superseded = due.status is ManualStatus.SUPERSEDED
            styles.mark(text, styles.ERROR if superseded else styles.WARNING)
            grid.addWidget(text, self._row, 3)
        buttons = QWidget(body)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        set_button = QPushButton(self.tr("手動で設定…") if override is None else self.tr("変更…"), buttons)
        set_button.setObjectName(f"set_override_{deadline.key.value}")
        set_button.clicked.connect(lambda _=False, d=deadline: self.edit_override(d))
        row.addWidget(set_button)
        if override is not None:
            clear_button = QPushButton(self.tr("解除"), buttons)
            clear_button.setObjectName(f"clear_override_{deadline.key.value}")
            clear_button.clicked.connect(lambda _=False, k=deadline.key: self.clear_override(k))
            row.addWidget(clear_button)
        grid.addWidget(buttons, self._row, 4)
        self._row += 1
        basis = QLabel(self.tr("　　根拠: {basis}").format(basis=deadline.basis), body)  # seen, not hovered
        basis.setObjectName(f"basis_{deadline.key.value}")
        basis.setWordWrap(True)
        styles.mark(basis, styles.INFO)
        grid.addWidget(basis, self._row, 0, 1, 2)
        self._row += 1

    def _status(self, due: Due) -> QLabel | None:
        """Days left / overdue for a pending deadline (counted to the date that counts, never to a
        later manual date), and the roll-over note."""
        deadline = due.deadline
        derived = self.session.derived
        pending = derived.open_deadline_keys
        parts: list[str] = []
        level = styles.INFO
        if deadline.key in pending:
            left = due.days_left(derived.today)
            parts.append(days_left_text(left))
            level = styles.ERROR if left <= 0 else styles.WARNING if left <= SOON_DAYS else styles.INFO
        if deadline.rolled:  # the domain says from which day, and why: 「(5月6日(火)が振替休日のため繰延べ)」
            parts.append(f"({deadline.roll_note()})")
        if deadline.note:  # e.g. 「遅滞なく」: no fixed date in the law, only a reminder
            parts.append(deadline.note)
        if not parts:
            return None
        label = QLabel("\n".join(parts))  # days left first, the roll-over or reminder note below
        label.setObjectName(f"status_{deadline.key.value}")
        label.setWordWrap(True)
        styles.mark(label, level)
        return label

    # --- edits -------------------------------------------------------------------------------
    def edit_milestone(self, kind: MilestoneKind) -> None:
        case = self.session.case
        current = case.milestone(kind)
        label = self.tr(milestone_label_of(case.kind, kind))
        answer = DateDialog.ask(
            self,
            self.tr("{label}の日付").format(label=label),
            self.tr("{label}の日付を入力してください。").format(label=label),
            current.on if current else self.session.derived.today,
            clearable=current is not None,
        )
        if answer is None:
            return
        on = answer if isinstance(answer, date) else None  # CLEARED removes the date
        if on is not None:
            try:  # 補正受付 has happened when recorded; a planned 相談 or 設立総会 may lie ahead
                check_not_in_future(kind.value, on, self.session.derived.today)
            except InvalidInput as err:
                dialogs.report(self, err)
                return
        change: dict[str, Any] = {kind.value: on}
        new_facts = replace(self.session.derived.facts, **change)
        self.session.edit_facts(label, new_facts)

    def correct_action(self, action: Action) -> None:
        label = self.tr(ACTION_LABELS[action])
        current = getattr(self.session.derived.facts, ACTION_FIELDS[action])
        answer = DateDialog.ask(
            self,
            self.tr("{label}の訂正").format(label=label),
            self.tr("{label}の正しい日付を入力してください。「日付を消す」で記録を取り消します。").format(
                label=label
            ),
            current,
            clearable=True,
        )
        if answer is None:
            return
        try:
            self.session.correct_action(action, answer if isinstance(answer, date) else None)
        except InvalidInput as err:  # TransitionRefused, or a date the law cannot take (before the Act)
            dialogs.report(self, err)

    def edit_override(self, deadline: Deadline) -> None:
        override = OverrideDialog.ask(self, deadline, self.session.case.override(deadline.key.value))
        if override is None:
            return
        others = tuple(o for o in self.session.case.deadline_overrides if o.key != override.key)
        self.session.edit(
            self.tr("{label}を手動で設定").format(label=deadline.label),
            deadline_overrides=(*others, override),
        )

    def clear_override(self, key: DeadlineKey) -> None:
        others = tuple(o for o in self.session.case.deadline_overrides if o.key != key.value)
        self.session.edit(self.tr("期限の手動設定を解除"), deadline_overrides=others)
