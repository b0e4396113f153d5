"""CorporationWindow: one 法人 — its own facts, the timeline of all its procedures, its open deadlines,
its name history, and 「手続を開始」.

The facts (名称・フリガナ・代表者・法人番号・備考) are the corporation's own and are saved with
``store.save_corporation`` (its version guards against another clerk's save). Everything else is read:
the standing and the main office from ``store.list_corporations`` (one row), the procedures with their
facts and next deadline from ``store.list_procedures``, the open deadlines of all of them from
``store.corporation_pending_deadlines`` (the dashboard's own rows and colours), the name history from
``store.corporation_history``. Which procedures may start is ``store.start_refusals``: the rule that
``start_procedure`` applies, so a greyed-out kind says exactly why. ファイル → 文書を作成 makes the
letters to the corporation as a whole (事業報告書等の督促, 認証取消しの通知) from its 設立 case
(``store.corporation_letter_case``), so the clerk need not look for that case.

Interface for the main window: ``procedure_opened(case_id)`` asks for a procedure to be opened in an
editor; with nothing connected the window opens it itself (``procedure_editor.editor_for``).
``procedure_started(case_id)`` after a new procedure was stored; ``saved(corporation_id)`` after the
corporation's own facts were saved. ``refresh()`` re-reads everything but the facts being edited.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import SIGNAL, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from npo_desk import store as case_store
from npo_desk.domain.corporations import CorporationStatus
from npo_desk.domain.errors import NpoDeskError
from npo_desk.domain.letters import CORPORATION_LETTERS
from npo_desk.domain.procedure_stages import PROCEDURE_STAGE_LABELS, RUNNING_STAGES, procedure_stage
from npo_desk.domain.procedures import KINDS, kind_label, milestone_label, validity_end
from npo_desk.domain.requirements import ROLE_LABELS
from npo_desk.domain.wareki import format_wareki
from npo_desk.gui import clock
from npo_desk.gui.corporation_list_model import application_outcomes, row_from_corporation
from npo_desk.gui.dashboard_model import DashboardModel, DeadlineRow, Horizon, row_from_open_deadline
from npo_desk.gui.day_watcher import DayWatcher
from npo_desk.gui.editor import dialogs, styles
from npo_desk.gui.editor.history_tab import HistoryTab
from npo_desk.gui.editor.rebase import merge
from npo_desk.gui.errors import reported
from npo_desk.gui.forms import child, load_into
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.letter_actions import add_letter_menu, create_corporation_letter
from npo_desk.gui.procedure_list_model import row_from_procedure
from npo_desk.gui.table_model import CASE_ID_ROLE
from npo_desk.gui.ui_state import restore_geometry, save_geometry
from npo_desk.gui.user import current_user
from npo_desk.store import (
    Case,
    CaseKind,
    ConcurrentEditError,
    Corporation,
    CorporationSummary,
    ProcedureSummary,
    Store,
    procedure_facts,
    procedure_kind,
)

GEOMETRY_KEY = "corporationWindow"
# The order of the 「手続を開始」 menu: the everyday notifications first, then applications, the end.
START_ORDER = (
    CaseKind.OFFICER_CHANGE_NOTICE,
    CaseKind.ARTICLES_AMENDMENT_NOTICE,
    CaseKind.REGISTRATION_CERTIFICATE,
    CaseKind.ARTICLES_AMENDMENT,
    CaseKind.MERGER,
    CaseKind.ACCREDITATION,
    CaseKind.PROVISIONAL_ACCREDITATION,
    CaseKind.ACCREDITATION_RENEWAL,
    CaseKind.DISSOLUTION,
    CaseKind.LIQUIDATION_COMPLETED,
    CaseKind.REVOCATION,
    CaseKind.ESTABLISHMENT,
)
_FIELDS = ("name", "name_kana", "representative", "corporate_number", "notes")


def procedure_title(summary: ProcedureSummary) -> str:
    """「定款変更認証」, 「仮認定」 for a 58条 application received before 2017-04-01."""
    return kind_label(procedure_kind(summary.kind), summary.facts.received_on)


class CorporationWindow(QMainWindow):
    """One corporation in its own window."""

    saved = Signal(int)  # corporation id, after its own facts were stored
    procedure_opened = Signal(int)  # case id the clerk wants to see in its editor
    procedure_started = Signal(int)  # case id of a procedure just created

    # Columns of the procedures tree.
    NUMBER, KIND, STAGE, DATES, NEXT, CLERK = range(6)

    def __init__(self, store: Store, corporation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("corporation_window", self)
        self.store = store
        self.corporation_id = corporation_id
        self.settings = case_store.load_settings(store)
        self.corporation = case_store.get_corporation(store, corporation_id)
        self.draft = self.corporation
        self.editors: dict[int, QMainWindow] = {}  # editors this window opened itself
        self.clerk = ""  # the 担当 of its latest procedure: the new procedure's, until changed there

        self.title_label = child(self, QLabel, "titleLabel")
        self.standing_label = child(self, QLabel, "standingLabel")
        self.banner = child(self, QLabel, "bannerLabel")
        self.status_label = child(self, QLabel, "statusLabel")
        self.address_label = child(self, QLabel, "addressLabel")
        big = QFont(self.title_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.title_label.setFont(big)
        self.edits: dict[str, QLineEdit] = {
            "name": child(self, QLineEdit, "nameEdit"),
            "name_kana": child(self, QLineEdit, "nameKanaEdit"),
            "representative": child(self, QLineEdit, "representativeEdit"),
            "corporate_number": child(self, QLineEdit, "corporateNumberEdit"),
            "notes": child(self, QLineEdit, "notesEdit"),
        }
        for field, edit in self.edits.items():
            edit.textEdited.connect(lambda text, f=field: self._edited(f, text))

        self.tabs = child(self, QTabWidget, "tabs")
        self.procedures = self._procedures_tree()
        self.deadlines_model = DashboardModel(self)
        self.deadlines_model.set_horizon(Horizon.ALL)
        self.deadlines_view = self._deadlines_view()
        self.history_tab = HistoryTab()
        self.officers_view = self._officers_view()
        self.articles_view = self._articles_view()
        self.tabs.addTab(self.procedures, self.tr("手続の経過"))
        self.tabs.addTab(self.deadlines_view, self.tr("期限"))
        self.tabs.addTab(self.officers_view, self.tr("役員"))
        self.tabs.addTab(self.articles_view, self.tr("定款 (目的・事業年度)"))
        self.tabs.addTab(self.history_tab, self.tr("名称等の履歴"))

        self._build_actions()
        self.day_watcher = DayWatcher(self)  # 縦覧中 turns into 審査中, days left count down
        self.day_watcher.day_changed.connect(lambda _day: self.refresh())
        install_help(self, HelpTopic.CORPORATION, child(self, QAction, "actionHelp"))
        self._show_facts(self.corporation)
        self.refresh()
        if not restore_geometry(GEOMETRY_KEY, self):
            self.resize(1180, 760)
        self.procedures.setFocus()  # reading first: a stray key must not edit the name

    # --- building ----------------------------------------------------------------------------
    def _procedures_tree(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("proceduresTree")
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.setHeaderLabels(
            [
                self.tr("案件番号"),
                self.tr("手続"),
                self.tr("段階"),
                self.tr("日付"),
                self.tr("次の期限"),
                self.tr("担当"),
            ]
        )
        header = tree.header()
        for column in (self.NUMBER, self.KIND, self.STAGE, self.DATES, self.CLERK):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.NEXT, QHeaderView.ResizeMode.Stretch)
        tree.itemActivated.connect(lambda item, _column: self._open_item(item))
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._procedure_menu)
        return tree

    def _deadlines_view(self) -> QWidget:
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        self.deadlines_note = QLabel(holder)
        self.deadlines_note.setWordWrap(True)
        layout.addWidget(self.deadlines_note)
        view = QTableView(holder)
        view.setObjectName("deadlinesView")
        view.setModel(self.deadlines_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setColumnHidden(DashboardModel.NAME, True)  # it is this corporation's name on every row
        header = view.horizontalHeader()
        header.moveSection(
            header.visualIndex(DashboardModel.PROCEDURE), header.visualIndex(DashboardModel.KIND)
        )
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DashboardModel.BASIS, QHeaderView.ResizeMode.Stretch)
        view.doubleClicked.connect(
            lambda index: self.open_procedure(int(self.deadlines_model.data(index, CASE_ID_ROLE)))
        )
        layout.addWidget(view, 1)
        self.deadlines_table = view
        return holder

    def _officers_view(self) -> QWidget:
        """役員: the corporation's 役員名簿 now (``store.officers_in_force``), read only; the clerk
        changes it through a 役員変更届 (23条), whose 名簿 replaces it once received."""
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        self.officers_note = QLabel(holder)
        self.officers_note.setObjectName("officersNote")
        self.officers_note.setWordWrap(True)
        layout.addWidget(self.officers_note)
        table = QTableWidget(0, 4, holder)
        table.setObjectName("officersTable")
        table.setHorizontalHeaderLabels(
            [self.tr("氏名"), self.tr("フリガナ"), self.tr("役職"), self.tr("備考")]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(table, 1)
        self.officers_table = table
        return holder

    def _show_officers(self) -> None:
        source = case_store.officers_in_force(case_store.corporation_cases(self.store, self.corporation_id))
        officers = source.officers if source is not None else ()
        self.officers_table.setRowCount(len(officers))
        for row, officer in enumerate(officers):
            texts = (
                officer.name,
                officer.kana,
                ROLE_LABELS.get(officer.role, officer.role),
                "、".join(officer.marks()),
            )
            for column, text in enumerate(texts):
                self.officers_table.setItem(row, column, QTableWidgetItem(text))
        if source is None or not officers:
            self.officers_note.setText(
                self.tr("役員名簿がありません (設立認証の申請にも役員変更届にも役員がありません)。")
            )
            return
        received = procedure_facts(source).received_on
        self.officers_note.setText(
            self.tr("{number} {kind} ({received}受理) の役員名簿です。変更は役員変更届で記録します。").format(
                number=source.number,
                kind=kind_label(procedure_kind(source.kind), received),
                received=format_wareki(received) if received else self.tr("受理日未入力"),
            )
        )

    def _articles_view(self) -> QWidget:
        """定款: the corporation's 目的 and 事業年度 in force (``store.articles_in_force``), read only;
        a 定款変更 changes them once certified (25条3項) or notified (25条6項)."""
        holder = QWidget(self)
        form = QFormLayout(holder)
        self.purpose_label = QLabel(holder)
        self.purpose_label.setObjectName("purposeLabel")
        self.fiscal_year_label = QLabel(holder)
        self.fiscal_year_label.setObjectName("fiscalYearLabel")
        for label in (self.purpose_label, self.fiscal_year_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("目的"), self.purpose_label)
        form.addRow(self.tr("事業年度"), self.fiscal_year_label)
        return holder

    def _show_articles(self) -> None:
        articles = case_store.articles_in_force(case_store.corporation_cases(self.store, self.corporation_id))
        self.purpose_label.setText(
            self._from_case(articles.purpose or self.tr("(未登録)"), articles.purpose_case)
        )
        start = articles.fiscal_year_start
        if start is None:
            year = self.tr("(未登録)")
        else:
            end = date(2001, *start) - timedelta(days=1)  # 2001: no 02/29 for a 03/01 start
            year = self.tr("{m}月{d}日から{next}{em}月{ed}日まで").format(
                m=start[0],
                d=start[1],
                next="" if start == (1, 1) else self.tr("翌年"),
                em=end.month,
                ed=end.day,
            )
        self.fiscal_year_label.setText(self._from_case(year, articles.fiscal_year_case))

    def _from_case(self, text: str, source: Case | None) -> str:
        """``text`` and the procedure it is from (the 設立 application or the 定款変更 in effect)."""
        if source is None:
            return text
        return self.tr("{text}\n({number} {kind} による)").format(
            text=text, number=source.number, kind=case_store.CASE_KIND_LABELS[source.kind]
        )

    def _build_actions(self) -> None:
        self.save_action = child(self, QAction, "actionSave")
        self.save_action.triggered.connect(self.save)
        child(self, QAction, "actionReload").triggered.connect(self.refresh)
        close_action = child(self, QAction, "actionClose")
        close_action.triggered.connect(self.close)
        # ファイル → 文書を作成 ▸ the letters to the corporation as a whole (督促, 取消し), made from its
        # 設立 case where its 事業報告書等 are filed; before the separator above 閉じる.
        file_menu = child(self, QMenu, "menuFile")
        entries = file_menu.actions()
        self.letters_menu = add_letter_menu(
            file_menu,
            self,
            self.store,
            self._letter_corporation_id,
            entries[entries.index(close_action) - 1],
            kinds=CORPORATION_LETTERS,
            make=create_corporation_letter,
        )
        self.open_action = child(self, QAction, "actionOpenProcedure")
        self.open_action.triggered.connect(self._open_selected)
        self.start_menu = QMenu(self.tr("手続を開始"), self)
        self.start_menu.setObjectName("startMenu")
        self.start_menu.aboutToShow.connect(self._fill_start_menu)
        self.start_button = QToolButton(self)
        self.start_button.setObjectName("startButton")
        self.start_button.setText(self.tr("手続を開始"))
        self.start_button.setToolTip(self.tr("この法人の新しい手続 (届出・申請など) を始めます"))
        self.start_button.setMenu(self.start_menu)
        self.start_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.start_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.start_button.setArrowType(Qt.ArrowType.DownArrow)  # a clear ▼ beside the words
        self.start_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        toolbar = child(self, QToolBar, "toolBar")
        toolbar.addWidget(self.start_button)
        toolbar.addSeparator()
        toolbar.addAction(self.open_action)
        menu = child(self, QMenu, "menuProcedure")
        menu.insertMenu(self.open_action, self.start_menu)
        self._fill_start_menu()

    def _fill_start_menu(self) -> None:
        """Each kind as an action; those ``start_procedure`` would refuse today greyed out, the reason
        as their tooltip (shown on hover, the menu says so)."""
        self.start_menu.clear()
        self.start_menu.setToolTipsVisible(True)
        try:
            refusals = case_store.start_refusals(self.store, self.corporation_id, clock.today())
        except NpoDeskError as err:
            refusals = dict.fromkeys(CaseKind, str(err))
        self.start_actions: dict[CaseKind, QAction] = {}
        for kind in START_ORDER:
            spec = KINDS[procedure_kind(kind)]
            action = self.start_menu.addAction(
                self.tr("{label} (法{article})").format(label=spec.label, article=spec.article)
            )
            action.setObjectName(f"start_{kind.value}")
            refusal = refusals.get(kind)
            action.setEnabled(refusal is None)
            if refusal is not None:
                action.setToolTip(refusal)
            action.triggered.connect(lambda _=False, k=kind: self.start(k))
            self.start_actions[kind] = action

    # --- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the corporation's standing, procedures, deadlines and history (not its facts being
        edited here)."""
        today = clock.today()
        with reported(self):
            latest = case_store.get_corporation(self.store, self.corporation_id)
            if self.draft == self.corporation:  # nothing typed here: show what is stored now
                self.corporation = self.draft = latest
                self._show_facts(latest)
            else:
                self.corporation = replace(self.corporation, deleted_at=latest.deleted_at)
            rows = case_store.list_corporations(
                self.store, self.settings, today, corporation_ids=[self.corporation_id]
            )
            summary = rows[0] if rows else None
            self.clerk = summary.clerk if summary is not None else ""  # a new procedure's 担当
            procedures = case_store.list_procedures(
                self.store, self.settings, today, corporation_ids=[self.corporation_id]
            )
            self._show_standing(summary, procedures, today)
            self.address_label.setText((summary.main_address if summary else "") or self.tr("(未登録)"))
            self._show_procedures(procedures, today)
            pending = case_store.corporation_pending_deadlines(
                self.store, self.settings, today, corporation_ids=[self.corporation_id]
            )
            self.deadlines_model.set_rows([row_from_open_deadline(item) for item in pending], today)
            self._show_deadline_note(self.deadlines_model.rows())
            self.history_tab.show_entries(case_store.corporation_history(self.store, self.corporation_id))
            self._show_officers()
            self._show_articles()
            self._fill_start_menu()
        self._update_title()

    def _show_standing(
        self, summary: CorporationSummary | None, procedures: list[ProcedureSummary], today: date
    ) -> None:
        """As the 法人 list says it (「設立済 (平成11年10月20日)」, 「不認証・未設立」), with the reason."""
        if summary is None:  # deleted (its last procedure was deleted)
            self.standing_label.setText(self.tr("削除済み"))
            self.status_label.setText(self.tr("この法人は削除されています"))
            return
        outcome = application_outcomes([row_from_procedure(p, today) for p in procedures])
        row = row_from_corporation(summary, today, outcome.get(self.corporation_id, ""))
        self.standing_label.setText(row.status_text)
        standing = summary.standing
        text = standing.label + (f" — {standing.reason}" if standing.reason else "")
        if row.never_registered:
            text = self.tr("{status} — 設立の申請が{outcome}で終わり、法人になっていません").format(
                status=row.status_text, outcome=row.outcome
            )
        elif standing.status is CorporationStatus.APPLYING:
            text += self.tr(" (名称・フリガナ・代表者は、設立の申請の内容に合わせて変わります)")
        self.status_label.setText(text)

    def _show_deadline_note(self, rows: list[DeadlineRow]) -> None:
        if rows:
            text = self.tr("この法人のすべての手続の、まだ済んでいない期限です ({count}件)。").format(
                count=len(rows)
            )
        else:
            text = self.tr("この法人に、まだ済んでいない期限はありません。")
        self.deadlines_note.setText(text)

    def _show_procedures(self, procedures: list[ProcedureSummary], today: date) -> None:
        """Oldest first (the life of the corporation from its 設立); each with its dates below it."""
        tree = self.procedures
        tree.clear()
        for summary in procedures:
            stage = procedure_stage(summary.facts, today)
            spec = KINDS[procedure_kind(summary.kind)]
            dates = [(m, on) for m in spec.milestones if (on := summary.facts.on(m)) is not None]
            latest = max(dates, key=lambda pair: pair[1], default=None)
            next_text = ""
            if summary.next_deadline is not None:
                due = summary.next_deadline.due
                next_text = f"{summary.next_deadline.deadline.label} {due.summary()}"
            item = QTreeWidgetItem(
                [
                    summary.number,
                    procedure_title(summary),
                    PROCEDURE_STAGE_LABELS[stage],
                    (
                        f"{milestone_label(spec.kind, latest[0])} {format_wareki(latest[1])}"
                        if latest is not None
                        else self.tr("(日付なし)")
                    ),
                    next_text,
                    summary.clerk,
                ]
            )
            item.setData(0, CASE_ID_ROLE, summary.id)
            if stage in RUNNING_STAGES:
                bold = QFont(tree.font())
                bold.setBold(True)
                item.setFont(self.STAGE, bold)
            if summary.next_deadline is not None:
                item.setToolTip(self.NEXT, summary.next_deadline.deadline.basis)
            steps = [(milestone_label(spec.kind, milestone), on) for milestone, on in dates]
            end = validity_end(summary.facts)  # a 認定's 有効期間 (51条1項, 60条): when it lapses
            if end is not None:
                steps.append((self.tr("有効期間の満了日"), end))
            for label, on in steps:
                step = QTreeWidgetItem(["", "　" + label, "", format_wareki(on, weekday=True)])
                step.setData(0, CASE_ID_ROLE, summary.id)
                item.addChild(step)
            tree.addTopLevelItem(item)
            item.setExpanded(stage in RUNNING_STAGES)
        if not procedures:
            tree.addTopLevelItem(QTreeWidgetItem(["", self.tr("手続はありません")]))

    # --- facts -------------------------------------------------------------------------------
    def _show_facts(self, corporation: Corporation) -> None:
        for field, edit in self.edits.items():
            value = getattr(corporation, field) or ""
            if edit.text() != value:
                edit.setText(value)
        self._update_title()

    def _edited(self, field: str, text: str) -> None:
        changes: dict[str, Any] = {field: text}
        if field == "corporate_number" and not text.strip():
            changes[field] = None
        self.draft = replace(self.draft, **changes)
        self._update_title()

    def _update_title(self) -> None:
        name = self.draft.name.strip() or self.tr("(名称未入力)")
        self.title_label.setText(name)
        self.setWindowTitle(self.tr("{name}[*] — 法人").format(name=name))
        self.setWindowModified(self.modified)
        if self.corporation.deleted_at is not None:
            when = format_wareki(self.corporation.deleted_at.astimezone().date())
            self.banner.setText(self.tr("この法人は削除されています ({date})。").format(date=when))
            styles.mark(self.banner, styles.ERROR)
            self.banner.show()
        else:
            self.banner.hide()

    @property
    def modified(self) -> bool:
        return self.draft != self.corporation

    def save(self) -> bool:
        """Store the corporation's own facts; False (dialog, edits kept, nothing stored) otherwise."""
        if not self.modified:
            return True
        try:
            stored = case_store.save_corporation(self.store, self.draft, who=current_user())
        except ConcurrentEditError as err:
            if dialogs.offer_rebase(self, err):
                self._rebase()
            return False
        except NpoDeskError as err:  # InvalidInput (法人番号, empty name …), StoreBusy …
            dialogs.report(self, err)
            return False
        self.corporation = self.draft = stored
        self._show_facts(stored)
        self.history_tab.show_entries(case_store.corporation_history(self.store, self.corporation_id))
        self.saved.emit(self.corporation_id)
        self.statusBar().showMessage(self.tr("保存しました。"), 5000)
        return True

    def _letter_corporation_id(self) -> int | None:
        """Letters are addressed with the stored name and representative: unsaved facts are saved
        first if the clerk agrees."""
        if self.modified:
            answer = QMessageBox.question(
                self,
                self.tr("文書を作成"),
                self.tr("文書は保存された法人名・代表者で作成します。保存してから作成しますか?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save or not self.save():
                return None
        return self.corporation_id

    def _rebase(self) -> None:
        """Load the corporation as stored now and keep this window's edited fields on top of it."""
        try:
            latest = case_store.get_corporation(self.store, self.corporation_id)
        except NpoDeskError as err:
            dialogs.report(self, err)
            return
        merged, conflicts = merge(self.corporation, self.draft, latest)
        self.corporation, self.draft = latest, merged
        self._show_facts(merged)
        message = self.tr(
            "最新の内容を読み込み、この画面での変更を反映しました。確認してから保存してください。"
        )
        if conflicts:
            message += self.tr("別の画面でも変更されていた項目 (この画面の内容を優先): {fields}").format(
                fields="、".join(conflicts)
            )
        self.statusBar().showMessage(message)

    # --- procedures --------------------------------------------------------------------------
    def start(self, kind: CaseKind) -> int | None:
        """Start a procedure of ``kind`` (the store refuses what the law does not allow) and open it."""
        try:
            case = case_store.start_procedure(
                self.store,
                self.corporation_id,
                kind,
                who=current_user(),
                today=clock.today(),
                clerk=self.clerk,
            )
        except NpoDeskError as err:
            dialogs.report(self, err)
            return None
        assert case.id is not None
        self.refresh()
        self.procedure_started.emit(case.id)
        self.statusBar().showMessage(
            self.tr("{label}の手続 {number} を始めました。").format(
                label=KINDS[procedure_kind(kind)].label, number=case.number
            ),
            10000,
        )
        self.open_procedure(case.id)
        return case.id

    def open_procedure(self, case_id: int) -> None:
        """Hand the procedure to whoever opens editors (the main window), or open it here."""
        if self.receivers(SIGNAL("procedure_opened(int)")) > 0:
            self.procedure_opened.emit(case_id)
            return
        editor = self.editors.get(case_id)
        if editor is None:
            from npo_desk.gui.procedure_editor import editor_for

            with reported(self):
                editor = editor_for(self.store, case_id, self)
                editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                editor.saved.connect(lambda _id: self.refresh())  # type: ignore[attr-defined]
                editor.destroyed.connect(lambda _=None, c=case_id: self.editors.pop(c, None))
                self.editors[case_id] = editor
        if editor is not None:
            editor.show()
            editor.raise_()
            editor.activateWindow()

    def _open_item(self, item: QTreeWidgetItem) -> None:
        case_id = item.data(0, CASE_ID_ROLE)
        if case_id is not None:
            self.open_procedure(int(case_id))

    def _open_selected(self) -> None:
        item = self.procedures.currentItem()
        if item is not None:
            self._open_item(item)

    def _procedure_menu(self, position: QPoint) -> None:
        item = self.procedures.itemAt(position)
        if item is None or item.data(0, CASE_ID_ROLE) is None:
            return
        self.procedures.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.exec(self.procedures.viewport().mapToGlobal(position))

    # --- closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for editor in list(self.editors.values()):
            if not editor.close():
                event.ignore()
                return
        if self.modified:
            choice = dialogs.ask_unsaved(self, self.draft.name or self.corporation.name)
            if choice == QMessageBox.StandardButton.Cancel or (
                choice == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        save_geometry(GEOMETRY_KEY, self)
        event.accept()


__all__ = ["CorporationWindow"]
