"""CaseEditor: the top-level window in which the clerk edits one case.

The window wires tabs, stage actions, undo and saving around one ``EditorSession``. It has no rules
of its own: verdicts, deadlines, findings and allowed actions all come from the domain through the
session; saving goes through the store with the case's version, so an edit made elsewhere in the
meantime is refused with a Japanese dialog and the clerk's edits stay in the window.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QToolBar,
    QWidget,
)

from npo_desk import store as case_store
from npo_desk.domain.deadlines import SOON_DAYS, days_left_text
from npo_desk.domain.errors import InvalidInput, NpoDeskError
from npo_desk.domain.lifecycle import (
    ACTION_LABELS,
    STAGE_LABELS,
    Action,
    next_deadline,
    suggested_action_date,
)
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui import clock
from npo_desk.gui.editor import dialogs, styles
from npo_desk.gui.editor.activities_tab import ActivitiesTab
from npo_desk.gui.editor.annual_reports_tab import AnnualReportsTab
from npo_desk.gui.editor.basics_tab import BasicsTab
from npo_desk.gui.editor.bindings import WindowUndoKeys
from npo_desk.gui.editor.deadlines_tab import DeadlinesTab
from npo_desk.gui.editor.dialogs import DateDialog
from npo_desk.gui.editor.documents_tab import DocumentsTab
from npo_desk.gui.editor.history_tab import HistoryTab
from npo_desk.gui.editor.notes_tab import NotesTab
from npo_desk.gui.editor.officers_tab import OfficersTab, blank_officer_rows
from npo_desk.gui.editor.offices_tab import OfficesTab, not_ours_text
from npo_desk.gui.editor.session import EditorSession
from npo_desk.gui.errors import reported
from npo_desk.gui.forms import child, load_into
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.letter_actions import add_letter_menu
from npo_desk.gui.ui_state import restore_geometry, save_geometry
from npo_desk.gui.user import current_user
from npo_desk.store import Case, ConcurrentEditError, Store

# Toolbar order = the order of the procedure; 認証取消 is rare and grave: menu only.
TOOLBAR_ACTIONS = (
    Action.RECEIVE, Action.CERTIFY, Action.REFUSE, Action.DELIVER_CERTIFICATE,
    Action.REGISTER, Action.ACCEPT_NOTICE, Action.WITHDRAW,
)  # fmt: skip
MENU_ONLY_ACTIONS = (Action.REVOKE,)
GEOMETRY_KEY = "caseEditor"


def tidy(case: Case) -> Case:
    """The draft as it should be stored: no blank branch-office rows, no lone blank main office."""
    offices = tuple(o for i, o in enumerate(case.offices) if i == 0 or o.address.strip())
    if len(offices) == 1 and not offices[0].address.strip():
        offices = ()
    return case if offices == case.offices else replace(case, offices=offices)


class CaseEditor(QMainWindow):
    """One case in its own window; ``saved(case_id)`` after every successful save."""

    saved = Signal(int)

    def __init__(self, store: Store, case_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("case_editor", self)
        self.store = store
        settings = case_store.load_settings(store)
        case = case_store.get_case(store, case_id) if case_id is not None else Case(name="")
        self.session = EditorSession(case, settings, parent=self)
        self.undo_stack = self.session.undo_stack

        self.tabs = child(self, QTabWidget, "tabs")
        self.basics_tab = BasicsTab(self.session)
        self.offices_tab = OfficesTab(self.session)
        self.officers_tab = OfficersTab(self.session)
        self.activities_tab = ActivitiesTab(self.session)
        self.documents_tab = DocumentsTab(self.session)
        self.deadlines_tab = DeadlinesTab(self.session)
        self.annual_reports_tab = AnnualReportsTab(self.session)
        self.history_tab = HistoryTab()
        self.notes_tab = NotesTab(self.session)
        for widget, title in (
            (self.basics_tab, self.tr("基本情報")),
            (self.offices_tab, self.tr("事務所")),
            (self.officers_tab, self.tr("社員・役員")),
            (self.activities_tab, self.tr("活動分野")),
            (self.documents_tab, self.tr("書類")),
            (self.deadlines_tab, self.tr("経過と期限")),
            (self.annual_reports_tab, self.tr("事業報告書")),
            (self.history_tab, self.tr("履歴")),
            (self.notes_tab, self.tr("メモ")),
        ):
            self.tabs.addTab(widget, title)
        self.annual_reports_tab.attach(self.tabs)  # shown once the NPO is registered
        self.documents_tab.attach(self.tabs)  # shown for 設立・定款変更・合併 applications

        self.title_label = child(self, QLabel, "titleLabel")
        self.stage_label = child(self, QLabel, "stageLabel")
        self.next_label = child(self, QLabel, "nextDeadlineLabel")
        self.banner = child(self, QLabel, "bannerLabel")
        big = QFont(self.title_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.title_label.setFont(big)

        self._build_actions()
        self._help_topics: dict[QWidget, HelpTopic] = {
            self.basics_tab: HelpTopic.EDITOR_BASICS,
            self.offices_tab: HelpTopic.EDITOR_OFFICES,
            self.officers_tab: HelpTopic.EDITOR_OFFICERS,
            self.activities_tab: HelpTopic.EDITOR_ACTIVITIES,
            self.documents_tab: HelpTopic.EDITOR_DOCUMENTS,
            self.deadlines_tab: HelpTopic.EDITOR_DEADLINES,
            self.annual_reports_tab: HelpTopic.EDITOR_ANNUAL_REPORTS,
            self.history_tab: HelpTopic.EDITOR_HISTORY,
            self.notes_tab: HelpTopic.EDITOR_NOTES,
        }
        install_help(self, self.help_topic, child(self, QAction, "actionHelp"))  # ヘルプ → 使い方, F1
        self._undo_keys = WindowUndoKeys(self)
        self._watching_focus = False
        self.session.changed.connect(self._refresh)
        self.session.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.undo_stack.cleanChanged.connect(self._update_modified)
        self._day_timer = QTimer(self)
        self._day_timer.setSingleShot(True)
        self._day_timer.timeout.connect(self._new_day)
        self._day_timer.start(clock.msecs_until_tomorrow())

        self._load_history()
        self._refresh()
        self._update_modified()
        if not restore_geometry(GEOMETRY_KEY, self):
            self.resize(1240, 740)

    # --- actions -----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.save_action = child(self, QAction, "actionSave")
        self.save_action.triggered.connect(self.save)
        self.print_action = child(self, QAction, "actionPrintSheet")
        self.print_action.triggered.connect(self.print_case_sheet)
        close_action = child(self, QAction, "actionClose")
        close_action.triggered.connect(self.close)

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("元に戻す"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("やり直し"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu = child(self, QMenu, "menuEdit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        toolbar = child(self, QToolBar, "stageToolBar")
        stage_menu = child(self, QMenu, "menuStage")
        self.stage_actions: dict[Action, QAction] = {}
        for action in (*TOOLBAR_ACTIONS, *MENU_ONLY_ACTIONS):
            qaction = QAction(self.tr(ACTION_LABELS[action]) + "…", self)
            qaction.setObjectName(f"stage_{action.value}")
            qaction.triggered.connect(lambda _=False, a=action: self.take_action(a))
            stage_menu.addAction(qaction)
            if action in TOOLBAR_ACTIONS:
                toolbar.addAction(qaction)
            self.stage_actions[action] = qaction
        toolbar.addSeparator()
        # Toolbar twins of undo/redo with fixed labels (the menu's say what they undo, which would make
        # the toolbar jump about); the step's name is their tooltip. Shortcuts stay on the menu's.
        # Only Qt slots are connected (no lambdas): nothing runs in Python while the window is destroyed.
        stack = self.undo_stack
        for text, step, can_change, text_change in (
            (self.tr("元に戻す"), stack.undo, stack.canUndoChanged, stack.undoTextChanged),
            (self.tr("やり直し"), stack.redo, stack.canRedoChanged, stack.redoTextChanged),
        ):
            button = QAction(text, self)
            button.setEnabled(False)
            button.triggered.connect(step)
            can_change.connect(button.setEnabled)
            text_change.connect(button.setToolTip)
            toolbar.addAction(button)
        toolbar.addSeparator()
        toolbar.addAction(self.print_action)
        # ファイル → 文書を作成 ▸ (認証書, 通知, 督促), after 案件票を印刷
        file_menu = child(self, QMenu, "menuFile")
        entries = file_menu.actions()
        after_print = entries[entries.index(self.print_action) + 1 :]
        before = after_print[0] if after_print else None
        add_letter_menu(file_menu, self, self.store, self._letter_case_id, before)

    def help_topic(self) -> HelpTopic:
        """F1's section of the guide: the tab on show."""
        return self._help_topics.get(self.tabs.currentWidget(), HelpTopic.EDITOR)

    def take_action(self, action: Action) -> bool:
        """Ask for the date of ``action``, check it with the domain, record it (undoable)."""
        label = self.tr(ACTION_LABELS[action])
        verdict = self.session.derived.jurisdiction.verdict
        if action is Action.RECEIVE and verdict is not None and not verdict.ours:
            question = self.tr("{not_ours}({reason})\nそれでも当庁で申請受理を記録しますか?").format(
                not_ours=not_ours_text(verdict), reason=verdict.reason
            )
            if not dialogs.confirm(self, label, question):
                return False
        derived = self.session.derived
        answer = DateDialog.ask(
            self,
            label,
            self.tr("{label}の日付を入力してください。").format(label=label),
            suggested_action_date(derived.facts, derived.today),
        )
        if not isinstance(answer, date):
            return False
        try:
            self.session.apply_action(action, answer)
        except InvalidInput as err:  # TransitionRefused, or a date the law cannot take (before the Act)
            dialogs.report(self, err)
            return False
        recorded = self.tr("{label}を{date}で記録しました (保存するまで確定しません)。").format(
            label=label, date=format_wareki(answer)
        )
        self.statusBar().showMessage(" ".join(filter(None, (recorded, self.session.last_notice))), 15000)
        return True

    def reload_settings(self) -> None:
        """The installation settings changed (settings dialog): re-derive everything, keep the draft."""
        self.session.set_settings(case_store.load_settings(self.store))

    # --- saving ------------------------------------------------------------------------------
    def _missing(self) -> str | None:
        """What must be filled in before the case can be stored, as one Japanese sentence."""
        case = self.session.case
        if not case.name.strip():
            return self.tr("法人名を「基本情報」に入力してください。")
        if case.id is not None and not case.number.strip():
            return self.tr("案件番号を「基本情報」に入力してください (空欄にできるのは新規の案件だけです)。")
        if case.law_profile_id is not None and not case.law_profile_reason.strip():
            return self.tr("法令の版を手動で選んだ理由を「基本情報」に入力してください。")
        blank = blank_officer_rows(case)
        if blank:
            rows = "、".join(str(i) for i in blank)
            return self.tr(
                "「社員・役員」の{rows}行目の役員の氏名が空欄です。入力するか、その行を削除してください。"
            ).format(rows=rows)
        return None

    def save(self) -> bool:
        """Store the draft; False (with a dialog, edits kept) when it could not be stored."""
        self._commit_pending_edit()
        missing = self._missing()
        if missing is not None:
            dialogs.report(self, NpoDeskError(missing))
            return False
        case = tidy(self.session.case)
        try:
            if case.id is None:
                stored = case_store.create_case(self.store, case, who=current_user(), today=clock.today())
            else:
                stored = case_store.save_case(self.store, case, who=current_user())
        except ConcurrentEditError as err:
            if case.id is not None and dialogs.offer_rebase(self, err):
                self._rebase(case.id)
            return False
        except NpoDeskError as err:  # DuplicateCaseNumber, StoreBusy, DatabaseUnusable …
            dialogs.report(self, err)
            return False
        self.session.reset(stored)
        self._load_history()
        assert stored.id is not None
        self.saved.emit(stored.id)
        self.statusBar().showMessage(self.tr("保存しました。"), 5000)
        return True

    def _rebase(self, case_id: int) -> None:
        """Load the case as stored now and carry this window's unsaved edits over onto it."""
        if dialogs.rebase_onto_stored(self, self.store, self.session, case_id):
            self._load_history()

    def _load_history(self) -> None:
        case_id = self.session.case.id
        self.history_tab.show_entries(
            None if case_id is None else case_store.case_history(self.store, case_id)
        )

    def _saved_case_id(self, title: str, question: str) -> int | None:
        """The case's id once what is on screen is saved: a draft or unsaved edits are saved first if the
        clerk agrees (案件票 and letters show the stored case); None when not."""
        if self.session.case.id is None or not self.undo_stack.isClean():
            answer = QMessageBox.question(
                self, title, question, QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel
            )
            if answer != QMessageBox.StandardButton.Save or not self.save():
                return None
        return self.session.case.id

    def _letter_case_id(self) -> int | None:
        return self._saved_case_id(
            self.tr("文書を作成"), self.tr("文書は保存された内容で作成します。保存してから作成しますか?")
        )

    def print_case_sheet(self) -> None:
        case_id = self._saved_case_id(
            self.tr("案件票を印刷"), self.tr("案件票は保存された内容で印刷します。保存してから印刷しますか?")
        )
        if case_id is None:
            return
        # Loaded only when printing: the print machinery is heavy and the editor must open without it.
        report_actions = importlib.import_module("npo_desk.gui.report_actions")
        with reported(self):
            report_actions.print_case_sheet(self, self.store, case_id)

    # --- closing -----------------------------------------------------------------------------
    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """保存 / 破棄 / キャンセル for a window closed with unsaved edits."""
        return dialogs.ask_unsaved(self, self.session.case.name or self.tr("新規案件"))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._commit_pending_edit()
        if not self.undo_stack.isClean():
            choice = self.ask_unsaved()
            if choice == QMessageBox.StandardButton.Cancel or (
                choice == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        save_geometry(GEOMETRY_KEY, self)
        self._day_timer.stop()
        self._watch_focus(False)
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:
        self._watch_focus(True)
        super().showEvent(event)

    def _watch_focus(self, on: bool) -> None:
        """Follow the app's focus only while shown: a closed window must not hear about it."""
        app = QApplication.instance()
        if on == self._watching_focus or not isinstance(app, QApplication):
            return
        if on:
            app.focusChanged.connect(self._focus_changed)
        else:
            app.focusChanged.disconnect(self._focus_changed)
        self._watching_focus = on

    def _commit_pending_edit(self) -> None:
        """A table cell still being typed in (Ctrl+S or closing without leaving it) becomes an edit
        first: taking the focus away makes its delegate commit, so those keystrokes are not lost."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()

    # --- display -----------------------------------------------------------------------------
    def _update_modified(self) -> None:
        self.setWindowModified(not self.undo_stack.isClean())

    def _refresh(self) -> None:
        case = self.session.case
        derived = self.session.derived
        name = case.name.strip() or self.tr("(法人名未入力)")
        number = case.number or self.tr("新規")
        self.setWindowTitle(self.tr("{number} {name}[*] — 案件").format(number=number, name=name))
        self.title_label.setText(f"{number}　{name}")
        self.stage_label.setText(self.tr("段階: {stage}").format(stage=STAGE_LABELS[derived.stage]))
        upcoming = next_deadline(derived.facts, derived.settings, derived.today)
        if upcoming is None:
            self.next_label.setText("")
            styles.mark(self.next_label, styles.INFO)
        else:
            due = case.due(upcoming)  # the law's date counts; a manual date shows beside it
            left = due.days_left(derived.today)
            self.next_label.setText(
                self.tr("次の期限: {label} {date} ({when})").format(
                    label=upcoming.label, date=due.summary(), when=days_left_text(left)
                )
            )
            level = styles.ERROR if left <= 0 else styles.WARNING if left <= SOON_DAYS else styles.INFO
            styles.mark(self.next_label, level)
        verdict = derived.jurisdiction.verdict
        if case.deleted_at is not None:
            when = format_wareki(case.deleted_at.astimezone().date())
            self.banner.setText(self.tr("この案件は削除されています ({date})。").format(date=when))
            styles.mark(self.banner, styles.ERROR)
            self.banner.show()
        elif verdict is not None and not verdict.ours:
            self.banner.setText(f"{not_ours_text(verdict)}　({verdict.reason})")
            styles.mark(self.banner, styles.ERROR)
            self.banner.show()
        else:
            self.banner.hide()
        allowed = set(derived.allowed_actions)
        for action, qaction in self.stage_actions.items():
            qaction.setEnabled(action in allowed)

    def _new_day(self) -> None:
        self.session.refresh_today()
        self._day_timer.start(clock.msecs_until_tomorrow())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Text fields in this window hand Ctrl+Z to the window's undo stack (one history)."""
        if (
            new is not None
            and self.isAncestorOf(new)
            and isinstance(new, QLineEdit | QPlainTextEdit | QAbstractSpinBox)
        ):
            new.installEventFilter(self._undo_keys)


__all__ = ["CaseEditor"]
