"""ProcedureEditor: the window of one procedure after 設立 (定款変更, 届出, 合併, 解散, 認定 …).

設立認証 keeps its own editor (``editor.CaseEditor``); ``editor_for`` picks the right one for a case.
This window reuses the case editor's parts wherever they take a case of any kind: the draft and its
undo stack (``EditorSession``), the deadline rows with manual dates (``ProcedureDeadlinesTab`` over
``DeadlinesTab``), the history tab, the save/rebase/unsaved dialogs. Its own part is the 手続 tab
(``procedure_tab``); a 役員変更届 adds the case editor's officers tab (its 名簿 and findings), a
定款変更 of 事務所の所在地 its offices tab (the new offices, with the 所轄庁 they fall under), of
目的・事業年度 its ``AmendedArticlesTab``, of 活動分野 the case editor's activities tab.
Nothing is stored until 保存, and only what the domain accepts (``check_procedure`` with today's
date, then the store's own check).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from npo_desk import store as case_store
from npo_desk.domain.articles_topics import OFFICE_TOPICS, ArticlesTopic
from npo_desk.domain.deadlines import SOON_DAYS, days_left_text
from npo_desk.domain.errors import NpoDeskError
from npo_desk.domain.procedure_stages import PROCEDURE_STAGE_LABELS, procedure_stage
from npo_desk.domain.procedures import kind_label, open_procedure_deadlines, validity_end
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui import clock
from npo_desk.gui.amended_articles_tab import AmendedArticlesTab
from npo_desk.gui.editor import dialogs, styles
from npo_desk.gui.editor.activities_tab import ActivitiesTab
from npo_desk.gui.editor.deadlines_tab import DeadlinesTab
from npo_desk.gui.editor.history_tab import HistoryTab
from npo_desk.gui.editor.officers_tab import OfficersTab, blank_officer_rows
from npo_desk.gui.editor.offices_tab import OfficesTab
from npo_desk.gui.editor.session import EditorSession
from npo_desk.gui.forms import child, load_into
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.letter_actions import add_letter_menu
from npo_desk.gui.procedure_tab import ProcedureTab, problem_of
from npo_desk.gui.ui_state import restore_geometry, save_geometry
from npo_desk.gui.user import current_user
from npo_desk.store import (
    Case,
    CaseKind,
    ConcurrentEditError,
    Store,
    milestone_label_of,
    procedure_facts,
    procedure_kind,
)

GEOMETRY_KEY = "procedureEditor"


class ProcedureDeadlinesTab(DeadlinesTab):
    """期限: the procedure's deadlines (``procedure_deadlines`` of its kind) laid out by the case
    editor's own rows: the law's date, days left, closed days, the basis, a manual date beside it."""

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.timeline.hide()  # the 縦覧 → 審査 → 登記 picture is 設立's

    def refresh(self) -> None:
        case = self.session.case
        derived = self.session.derived
        key = (
            case.milestones,
            case.deadline_overrides,
            procedure_facts(case),
            derived.today,
            derived.settings,
        )
        if key == self._shown:
            return
        self._shown = key
        self._rebuild(case)

    def _rebuild(self, case: Case) -> None:
        body, grid, bold = self._new_grid()
        if case.milestones:
            self._heading(grid, body, bold, self.tr("記録した日付"))
        for milestone in case.milestones:  # what happened, then what it set running
            name = QLabel(milestone_label_of(case.kind, milestone.kind), body)
            name.setFont(bold)
            grid.addWidget(name, self._row, 0)
            value = QLabel(format_wareki(milestone.on, weekday=True), body)
            value.setObjectName(f"milestone_{milestone.kind.value}")
            grid.addWidget(value, self._row, 1)
            self._row += 1
        found = self.session.derived.procedure_deadlines
        if found:
            self._heading(grid, body, bold, self.tr("法令による期限"))
        for deadline in found.values():
            self._deadline_row(grid, body, deadline, case)
        if not found:
            empty = QLabel(
                self.tr(
                    "期限はまだありません。「手続」タブで受理などの日付を入力すると、法令による期限を表示します。"
                ),
                body,
            )
            empty.setObjectName("noDeadlines")
            empty.setWordWrap(True)
            styles.mark(empty, styles.INFO)
            grid.addWidget(empty, self._row, 0, 1, 5)
            self._row += 1
        self._show_grid(body, grid)

    def _heading(self, grid: QGridLayout, body: QWidget, bold: QFont, text: str) -> None:
        heading = QLabel(text, body)
        heading.setFont(bold)
        styles.mark(heading, styles.INFO)
        grid.addWidget(heading, self._row, 0, 1, 2)
        self._row += 1


class ProcedureEditor(QMainWindow):
    """One procedure in its own window; ``saved(case_id)`` after every successful save (the main
    window's editor registry adopts it like a ``CaseEditor``: ``saved``, ``close()``, ``reload_settings``)."""

    saved = Signal(int)

    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("procedure_editor", self)
        self.store = store
        case = case_store.get_case(store, case_id)
        if case.kind is CaseKind.ESTABLISHMENT:
            raise ValueError("設立認証は CaseEditor で開きます (editor_for)")
        corporation_name = case.name
        if case.corporation_id is not None:
            corporation_name = case_store.get_corporation(store, case.corporation_id).name
        self.session = EditorSession(case, case_store.load_settings(store), parent=self)
        self.undo_stack = self.session.undo_stack

        self.tabs = child(self, QTabWidget, "tabs")
        self.procedure_tab = ProcedureTab(
            self.session, corporation_name, current_expiry=self._current_expiry(store, case)
        )
        self.deadlines_tab = ProcedureDeadlinesTab(self.session)
        self.history_tab = HistoryTab()
        self.tabs.addTab(self.procedure_tab, self.tr("手続"))
        # A 役員変更届 carries the 役員名簿 after the change (23条; docs/legal-reference.md §13.4).
        self.officers_tab: OfficersTab | None = None
        if case.kind is CaseKind.OFFICER_CHANGE_NOTICE:
            self.officers_tab = OfficersTab(self.session, members=False)
            self.tabs.addTab(self.officers_tab, self.tr("役員"))
        # A 定款変更 of 事務所の所在地 carries the new offices (shown while that topic is chosen).
        self.offices_tab: OfficesTab | None = None
        if case.kind in (CaseKind.ARTICLES_AMENDMENT, CaseKind.ARTICLES_AMENDMENT_NOTICE):
            self.offices_tab = OfficesTab(self.session)
            self.tabs.addTab(self.offices_tab, self.tr("事務所"))
        # ... and of 目的・事業年度 (1号・10号) and 活動分野 (3号) the new ones (articles_in_force).
        self.articles_tab: AmendedArticlesTab | None = None
        self.activities_tab: ActivitiesTab | None = None
        if case.kind in (CaseKind.ARTICLES_AMENDMENT, CaseKind.ARTICLES_AMENDMENT_NOTICE):
            self.articles_tab = AmendedArticlesTab(self.session)
            self.tabs.addTab(self.articles_tab, self.tr("目的・事業年度"))
            self.activities_tab = ActivitiesTab(self.session)
            self.tabs.addTab(self.activities_tab, self.tr("活動分野"))
        self.tabs.addTab(self.deadlines_tab, self.tr("期限"))
        self.tabs.addTab(self.history_tab, self.tr("履歴"))

        self.title_label = child(self, QLabel, "titleLabel")
        self.stage_label = child(self, QLabel, "stageLabel")
        self.next_label = child(self, QLabel, "nextDeadlineLabel")
        self.banner = child(self, QLabel, "bannerLabel")
        big = QFont(self.title_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.title_label.setFont(big)
        self._build_actions()
        install_help(self, HelpTopic.PROCEDURE_EDITOR, child(self, QAction, "actionHelp"))

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
            self.resize(1100, 760)

    @staticmethod
    def _current_expiry(store: Store, case: Case) -> tuple[str, date] | None:
        """For a renewal (51条2項): the corporation's latest 認定 or renewal with a 有効期間 (its number
        and last day), whose end this renewal continues from; None for other kinds or when none."""
        if case.kind is not CaseKind.ACCREDITATION_RENEWAL or case.corporation_id is None:
            return None
        granted = [
            (end, other.number)
            for other in case_store.corporation_cases(store, case.corporation_id)
            if other.id != case.id
            and other.kind in (CaseKind.ACCREDITATION, CaseKind.ACCREDITATION_RENEWAL)
            and (end := validity_end(procedure_facts(other))) is not None
        ]
        if not granted:
            return None
        end, number = max(granted)
        return number, end

    def _build_actions(self) -> None:
        self.save_action = child(self, QAction, "actionSave")
        self.save_action.triggered.connect(self.save)
        close_action = child(self, QAction, "actionClose")
        close_action.triggered.connect(self.close)
        # ファイル → 文書を作成 ▸ (補正・認証書・通知 … as the letters know this kind), before 閉じる
        file_menu = child(self, QMenu, "menuFile")
        entries = file_menu.actions()
        before = entries[entries.index(close_action) - 1]  # the separator above 閉じる
        add_letter_menu(file_menu, self, self.store, self._letter_case_id, before)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("元に戻す"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("やり直し"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu = child(self, QMenu, "menuEdit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        toolbar = child(self, QToolBar, "toolBar")
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

    def _letter_case_id(self) -> int | None:
        """Letters show the stored procedure: unsaved edits are saved first if the clerk agrees."""
        if not self.undo_stack.isClean():
            answer = QMessageBox.question(
                self,
                self.tr("文書を作成"),
                self.tr("文書は保存された内容で作成します。保存してから作成しますか?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save or not self.save():
                return None
        return self.session.case.id

    def reload_settings(self) -> None:
        """The installation settings changed: re-derive the deadlines, keep the draft."""
        self.session.set_settings(case_store.load_settings(self.store))

    # --- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        """Store the draft; False (with a dialog, edits kept, nothing stored) when it cannot be."""
        self._commit_pending_edit()
        case = self.session.case
        if not case.number.strip():
            dialogs.report(self, NpoDeskError(self.tr("案件番号を入力してください。")))
            return False
        blank = blank_officer_rows(case)
        if blank:
            rows = "、".join(map(str, blank))
            message = self.tr(
                "「役員」の{rows}行目の役員の氏名が空欄です。入力するか、その行を削除してください。"
            )
            dialogs.report(self, NpoDeskError(message.format(rows=rows)))
            return False
        problem = problem_of(case, clock.today())  # a fact after today, out of order, within 縦覧 …
        if problem is not None:
            dialogs.report(self, NpoDeskError(problem + self.tr("(保存していません)")))
            return False
        try:
            stored = case_store.save_case(self.store, case, who=current_user())
        except ConcurrentEditError as err:
            if dialogs.offer_rebase(self, err):
                self._rebase()
            return False
        except NpoDeskError as err:  # InvalidInput, DuplicateCaseNumber, StoreBusy …
            dialogs.report(self, err)
            return False
        self.session.reset(stored)
        self._load_history()
        assert stored.id is not None
        self.saved.emit(stored.id)
        self.statusBar().showMessage(self.tr("保存しました。"), 5000)
        return True

    def _rebase(self) -> None:
        """Load the procedure as stored now and carry this window's unsaved edits over onto it."""
        case_id = self.session.case.id
        assert case_id is not None
        if dialogs.rebase_onto_stored(self, self.store, self.session, case_id):
            self._load_history()

    def _load_history(self) -> None:
        case = self.session.case
        if case.id is None:
            self.history_tab.show_entries(None)
            return
        # The store names the milestones by the case's kind (「変更の登記」, not 「設立登記」).
        self.history_tab.show_entries(case_store.case_history(self.store, case.id))

    # --- closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._commit_pending_edit()
        if not self.undo_stack.isClean():
            choice = dialogs.ask_unsaved(self, self._title())
            if choice == QMessageBox.StandardButton.Cancel or (
                choice == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        save_geometry(GEOMETRY_KEY, self)
        self._day_timer.stop()
        event.accept()

    def _commit_pending_edit(self) -> None:
        """A date or text still being typed becomes an edit first (leaving the field commits it)."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()

    # --- display -----------------------------------------------------------------------------
    def _title(self) -> str:
        case = self.session.case
        facts = procedure_facts(case)
        return f"{case.number}　{kind_label(procedure_kind(case.kind), facts.received_on)}　{case.name}"

    def _update_modified(self) -> None:
        self.setWindowModified(not self.undo_stack.isClean())

    def _refresh(self) -> None:
        case = self.session.case
        derived = self.session.derived
        facts = procedure_facts(case)
        if self.offices_tab is not None:
            moved = bool(OFFICE_TOPICS & set(case.articles_topics))
            self.tabs.setTabVisible(self.tabs.indexOf(self.offices_tab), moved)
        topics = set(case.articles_topics)
        if self.articles_tab is not None:
            shown = bool(topics & {ArticlesTopic.PURPOSE, ArticlesTopic.FISCAL_YEAR})
            self.tabs.setTabVisible(self.tabs.indexOf(self.articles_tab), shown)
        if self.activities_tab is not None:
            shown = ArticlesTopic.ACTIVITIES in topics
            self.tabs.setTabVisible(self.tabs.indexOf(self.activities_tab), shown)
        title = self._title()
        self.setWindowTitle(self.tr("{title}[*] — 手続").format(title=title))
        self.title_label.setText(title)
        stage = procedure_stage(facts, derived.today)
        self.stage_label.setText(self.tr("段階: {stage}").format(stage=PROCEDURE_STAGE_LABELS[stage]))
        pending = open_procedure_deadlines(facts, derived.settings, derived.today)
        if not pending:
            self.next_label.setText("")
            styles.mark(self.next_label, styles.INFO)
        else:
            due = case.due(pending[0])  # the law's date counts; a manual date shows beside it
            left = due.days_left(derived.today)
            self.next_label.setText(
                self.tr("次の期限: {label} {date} ({when})").format(
                    label=pending[0].label, date=due.summary(), when=days_left_text(left)
                )
            )
            level = styles.ERROR if left <= 0 else styles.WARNING if left <= SOON_DAYS else styles.INFO
            styles.mark(self.next_label, level)
        if case.deleted_at is not None:
            when = format_wareki(case.deleted_at.astimezone().date())
            self.banner.setText(self.tr("この手続は削除されています ({date})。").format(date=when))
            styles.mark(self.banner, styles.ERROR)
            self.banner.show()
        else:
            self.banner.hide()

    def _new_day(self) -> None:
        self.session.refresh_today()
        self._day_timer.start(clock.msecs_until_tomorrow())


def editor_for(store: Store, case_id: int, parent: QWidget | None = None) -> QMainWindow:
    """The editor window of a case: 設立認証 in the case editor, every later procedure in this one.
    Both have ``saved(int)``, ``close()`` asking about unsaved edits, and ``reload_settings()``."""
    case = case_store.get_case(store, case_id)
    if case.kind is CaseKind.ESTABLISHMENT:
        from npo_desk.gui.editor import CaseEditor

        return CaseEditor(store, case_id, parent)
    return ProcedureEditor(store, case_id, parent)


__all__ = ["ProcedureEditor", "editor_for"]
