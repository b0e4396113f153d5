"""The clerk's main window: 今日の期限, 設立申請, 法人 and 手続 tabs, menus, status bar, the case
editors, procedure editors and corporation windows it opens.

It holds no rules: rows come from the store's queries and the domain's verdicts; it only decides
when to reload (start, F5, every save in an editor, a new day) and where to show errors.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QTableView, QTabWidget, QWidget

from npo_desk import __version__, store
from npo_desk.domain.errors import NpoDeskError
from npo_desk.domain.settings import Settings
from npo_desk.gui import clock
from npo_desk.gui.case_list import CaseListPanel
from npo_desk.gui.case_list_model import row_from_summary
from npo_desk.gui.corporation_list import CorporationListPanel
from npo_desk.gui.corporation_list_model import application_outcomes, row_from_corporation
from npo_desk.gui.dashboard import DashboardPanel
from npo_desk.gui.dashboard_model import DeadlineRow, row_from_open_deadline
from npo_desk.gui.day_watcher import DayWatcher
from npo_desk.gui.errors import reported, show_error
from npo_desk.gui.forms import child, load_into
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.letter_actions import add_letter_menu
from npo_desk.gui.loader import BackgroundLoader, DashboardSnapshot, Snapshot, Steps
from npo_desk.gui.procedure_list import ProcedureListPanel
from npo_desk.gui.procedure_list_model import row_from_procedure
from npo_desk.gui.table_model import CASE_ID_ROLE, CORPORATION_ID_ROLE, freed_in_parts
from npo_desk.gui.ui_state import restore_geometry, save_geometry, ui_settings
from npo_desk.gui.user import current_user
from npo_desk.reports.revocation_list import revocation_lines

if TYPE_CHECKING:
    from npo_desk.gui.corporation_window import CorporationWindow
    from npo_desk.gui.editor import CaseEditor
    from npo_desk.gui.procedure_editor import ProcedureEditor

_STATE_KEY = "main_window"
REPORT_ACTIONS_MODULE = "npo_desk.gui.report_actions"


class MainWindow(QMainWindow):
    refreshed = Signal()  # after a full reload has been shown

    def __init__(self, st: store.Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("main_window", self)
        self.store = st
        self.settings = Settings()
        self.editors: dict[int, CaseEditor] = {}
        self.new_editors: list[CaseEditor] = []
        self.procedure_editors: dict[int, ProcedureEditor] = {}  # of the kinds after 設立, by case id
        self.corporation_windows: dict[int, CorporationWindow] = {}

        self.tabs = child(self, QTabWidget, "tabs")
        self.dashboard = DashboardPanel(child(self, QWidget, "dashboardTab"))
        self.case_list = CaseListPanel(child(self, QWidget, "caseListTab"))
        self.corporation_list = CorporationListPanel(child(self, QWidget, "corporationsTab"))
        self.procedure_list = ProcedureListPanel(child(self, QWidget, "proceduresTab"))
        self.dashboard.open_case.connect(self.open_procedure)
        self.case_list.open_case.connect(self.open_case)
        self.corporation_list.open_corporation.connect(self.open_corporation)
        self.procedure_list.open_procedure.connect(self.open_procedure)
        lists = (self.dashboard, self.case_list, self.corporation_list, self.procedure_list)
        for view in (panel.view for panel in lists):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._row_menu_at(v, pos))

        self.db_label = QLabel(self)
        self.authority_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.authority_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self.db_label.setText(self.tr("データベース: {0}").format(st.display_name))
        # Qt appends the application display name: 「ledger.db — NPO法人 設立認証 事務台帳」.
        self.setWindowTitle(st.path.name if st.path is not None else st.display_name)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.loader = BackgroundLoader(st, self)
        self.loader.dashboard_loaded.connect(self._dashboard_loaded)
        self.loader.loaded.connect(self._loaded)
        self._steps = Steps(self)  # a snapshot goes into the lists one list per turn of the event loop
        self._shown_deadlines: list[DeadlineRow] | None = None  # the dashboard's rows, as last given
        self._retired: list[list[DeadlineRow]] = []  # rows the dashboard showed, freed in parts (Steps)
        self.loader.failed.connect(self._load_failed)
        self.day_watcher = DayWatcher(self)
        self.day_watcher.day_changed.connect(self.refresh)
        self._connect_actions()

        if not restore_geometry(_STATE_KEY, self):
            self._default_size()
        tab = str(ui_settings().value(f"{_STATE_KEY}/tab", 0))
        self.tabs.setCurrentIndex(int(tab) if tab.isdigit() else 0)
        self.refresh()

    def _default_size(self) -> None:
        """First start: 1366x800 (the list's columns fit), but never larger than the screen."""
        screen = self.screen().availableGeometry()
        self.resize(min(1366, screen.width()), min(800, screen.height()))

    # --- wiring ----------------------------------------------------------------------------------
    def action(self, name: str) -> QAction:
        return child(self, QAction, name)

    def _connect_actions(self) -> None:
        connections: dict[str, Callable[[], Any]] = {
            "actionNewCase": self.new_case,
            "actionOpenCase": self.open_selected,
            "actionDeleteCase": self.delete_selected,
            "actionDeletedCases": self.show_deleted,
            "actionQuit": self.close,
            "actionFind": self.focus_search,
            "actionRefresh": self.refresh,
            "actionShowDashboard": lambda: self.tabs.setCurrentIndex(0),
            "actionShowCaseList": lambda: self.show_tab("caseListTab"),
            "actionShowCorporations": lambda: self.show_tab("corporationsTab"),
            "actionShowProcedures": lambda: self.show_tab("proceduresTab"),
            "actionOpenCorporation": self.open_selected_corporation,
            "actionSettings": self.open_settings,
            "actionBackup": self.backup,
            "actionAbout": self.about,
            "actionPrintDeadlines": lambda: self._report_action("print_deadline_report"),
            "actionPrintRevocationCandidates": lambda: self._report_action("print_revocation_report"),
            "actionExport": lambda: self._report_action("export_cases"),
            "actionPublish": lambda: self._report_action("publish_list"),
            "actionExportCalendar": lambda: self._report_action("export_calendar"),
            "actionImport": lambda: self._report_action("import_ledger"),
        }
        for name, slot in connections.items():
            self.action(name).triggered.connect(slot)
        install_help(self, self.help_topic, self.action("actionHelp"))  # ヘルプ → 使い方, F1
        # 編集 → 文書を作成 ▸ for the selected case, before 案件を削除
        delete = self.action("actionDeleteCase")
        add_letter_menu(child(self, QMenu, "menuEdit"), self, self.store, self.selected_case, delete)
        child(self, QMenu, "menuEdit").insertSeparator(delete)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(child(self, QWidget, name))

    def help_topic(self) -> HelpTopic:
        """F1's section of the guide: the tab on show."""
        topics = {
            "corporationsTab": HelpTopic.CORPORATION_LIST,
            "proceduresTab": HelpTopic.PROCEDURE_LIST,
            "caseListTab": HelpTopic.CASE_LIST,
        }
        return topics.get(self.tabs.currentWidget().objectName(), HelpTopic.DASHBOARD)

    # --- data ------------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """A load under way, or its snapshot still going into the lists."""
        return self.loader.busy or self._steps.busy

    def refresh(self) -> None:
        """Reload settings, the case list and the dashboard for today's date (in the background)."""
        self.statusBar().showMessage(self.tr("読み込み中…"))
        if self.case_list.model.total() == 0:  # the first load of a big ledger takes a while: say so
            self.dashboard.summary.setText(self.tr("読み込み中…"))
        self.loader.request(clock.today())

    def _dashboard_loaded(self, part: DashboardSnapshot) -> None:
        """The dashboard first: its rows are known seconds before the lists' at 50,000 cases. The rows
        it showed are let go of after the lists, a part per turn (50,000 at once: 50 ms, no repaint)."""
        self.settings = part.settings
        self._retired.append(self.dashboard.model.rows_before())
        self._shown_deadlines = part.deadlines
        self.dashboard.set_rows(part.deadlines, part.today, ordered=True)

    def _loaded(self, snapshot: Snapshot) -> None:
        """The lists, a part per turn of the event loop (``loader.Steps``); ``refreshed`` after them."""
        self.settings = snapshot.settings
        if self._shown_deadlines is not snapshot.deadlines:  # not yet shown by _dashboard_loaded
            self._dashboard_loaded(DashboardSnapshot(snapshot.today, snapshot.settings, snapshot.deadlines))
        self.authority_label.setText(self.tr("当庁: {0}").format(self.settings.home_authority))

        def revocations() -> None:
            self.dashboard.set_revocations(snapshot.revocations)
            if not snapshot.cases:
                hint = self.tr("案件はまだありません。新規案件 (Ctrl+N) から登録してください。")
                self.dashboard.summary.setText(hint)

        def done() -> None:
            if not self.loading:
                self.statusBar().clearMessage()
                self.refreshed.emit()

        self._steps.run(
            [
                revocations,
                lambda: self.case_list.fill(snapshot.cases),
                lambda: self.corporation_list.fill(snapshot.corporations),
                lambda: self.procedure_list.fill(snapshot.procedures),
                self._free_retired,
                done,
            ]
        )

    def _free_retired(self) -> Iterator[None]:
        while self._retired:
            yield from freed_in_parts(self._retired[-1])
            self._retired.pop()

    def _load_failed(self, err: BaseException) -> None:
        self.statusBar().clearMessage()
        if isinstance(err, NpoDeskError):
            show_error(self, err)
        else:
            raise err  # to the excepthook: logged, and a calm dialog

    def update_case(self, case_id: int) -> None:
        """Reload one saved case into the list and the dashboard (no full reload of 50,000 cases)."""
        today = self.dashboard.model.today
        if self.loading:
            self.refresh()  # the load under way may predate this save: one more follows it
        with reported(self):
            case = store.get_case(self.store, case_id)
            if case.corporation_id is not None:
                self._update_corporation(case.corporation_id, today)
            if case.deleted_at is not None:
                self.case_list.model.remove(case_id)
            elif case.kind is store.CaseKind.ESTABLISHMENT:  # the 設立申請 list's own row
                query = store.CaseQuery(text=case.number)
                found = [s for s in store.list_cases(self.store, query) if s.id == case_id]
                if not found:  # cannot happen for a saved, undeleted case; reload everything then
                    self.refresh()
                    return
                pending = store.case_pending_deadlines(case, self.settings, today)
                row = row_from_summary(found[0], self.settings, today, pending[0] if pending else None)
                self.case_list.model.upsert(row)
                self.case_list.refresh_years()

    def _update_corporation(self, corporation_id: int, today: date) -> None:
        """Reload one corporation's row in the 法人 list and its procedures in the 手続 list, and its
        window if open: a save in one procedure can change its corporation's standing and so the
        others' deadlines; a new name shows on every procedure's row."""
        settings, ids = self.settings, [corporation_id]
        window = self.corporation_windows.get(corporation_id)
        if window is not None:
            window.refresh()
        # The dashboard: every procedure's deadlines of the corporation (a 解散 ends the 事業報告書等
        # due on its 設立 case), each with its stage, and whether it is still a 43条1項 candidate.
        pending = store.corporation_pending_deadlines(self.store, settings, today, corporation_ids=ids)
        self.dashboard.show_corporation(corporation_id, [row_from_open_deadline(item) for item in pending])
        candidates = revocation_lines(self.store, settings, today, ids)
        self.dashboard.show_corporation_revocation(corporation_id, candidates)
        procedures = store.list_procedures(self.store, settings, today, corporation_ids=ids)
        rows = [row_from_procedure(p, today, settings) for p in procedures]
        self.procedure_list.model.replace_rows(lambda row: row.corporation_id == corporation_id, rows)
        outcome = application_outcomes(rows).get(corporation_id, "")
        corporations = store.list_corporations(self.store, settings, today, corporation_ids=ids)
        self.corporation_list.model.replace_rows(
            lambda row: row.corporation_id == corporation_id,
            [row_from_corporation(c, today, outcome) for c in corporations],
        )

    # --- editors ---------------------------------------------------------------------------------
    def _editor_class(self) -> type[CaseEditor]:
        from npo_desk.gui.editor import CaseEditor

        return CaseEditor

    def open_case(self, case_id: int) -> None:
        """Open (or raise the already open) editor of a case."""
        editor = self.editors.get(case_id)
        if editor is None:
            with reported(self):
                editor = self._editor_class()(self.store, case_id, self)
                self._adopt(editor)
                self.editors[case_id] = editor
        if editor is not None:
            editor.show()
            editor.raise_()
            editor.activateWindow()

    def open_procedure(self, case_id: int) -> None:
        """Open a procedure where it is edited: 設立 in the case editor, the later kinds in the
        procedure editor."""
        if case_id in self.editors:
            self.open_case(case_id)
            return
        with reported(self):
            case = store.get_case(self.store, case_id)
            if case.kind is store.CaseKind.ESTABLISHMENT:
                self.open_case(case_id)
                return
            editor = self.procedure_editors.get(case_id)
            if editor is None:
                from npo_desk.gui.procedure_editor import ProcedureEditor

                editor = ProcedureEditor(self.store, case_id, self)
                editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                editor.saved.connect(self.update_case)
                editor.destroyed.connect(lambda _=None, c=case_id: self.procedure_editors.pop(c, None))
                self.procedure_editors[case_id] = editor
            _bring_up(editor)

    def open_corporation(self, corporation_id: int) -> None:
        """Open (or raise the already open) window of a corporation: its facts and its procedures."""
        with reported(self):
            window = self.corporation_windows.get(corporation_id)
            if window is None:
                from npo_desk.gui.corporation_window import CorporationWindow

                window = CorporationWindow(self.store, corporation_id, self)
                window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                window.procedure_opened.connect(self.open_procedure)  # one editor per procedure, here
                window.procedure_started.connect(self.update_case)
                window.saved.connect(lambda c: self._update_corporation(c, self.dashboard.model.today))
                windows = self.corporation_windows
                window.destroyed.connect(lambda _=None, c=corporation_id: windows.pop(c, None))
                self.corporation_windows[corporation_id] = window
            _bring_up(window)

    def open_corporation_of(self, case_id: int) -> None:
        """「法人を開く」 on a procedure's row: the corporation it belongs to."""
        with reported(self):
            corporation_id = store.get_case(self.store, case_id).corporation_id
            if corporation_id is not None:
                self.open_corporation(corporation_id)

    def new_case(self) -> None:
        with reported(self):
            editor = self._editor_class()(self.store, None, self)
            self._adopt(editor)
            self.new_editors.append(editor)
            editor.show()

    def _adopt(self, editor: CaseEditor) -> None:
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(lambda case_id, e=editor: self._on_saved(e, case_id))
        editor.destroyed.connect(lambda _=None, e=editor: self._forget(e))

    def _on_saved(self, editor: CaseEditor, case_id: int) -> None:
        if editor in self.new_editors:  # a new case got its id: from now on it is "the editor of case N"
            self.new_editors.remove(editor)
            self.editors[case_id] = editor
        self.update_case(case_id)

    def _forget(self, editor: CaseEditor) -> None:
        self.editors = {k: e for k, e in self.editors.items() if e is not editor}
        self.new_editors = [e for e in self.new_editors if e is not editor]

    def selected_case(self) -> int | None:
        """The case (procedure) selected on the tab on show; none on the 法人 tab."""
        tab = self.tabs.currentWidget()
        if tab is child(self, QWidget, "corporationsTab"):
            return None
        if tab is child(self, QWidget, "proceduresTab"):
            return self.procedure_list.selected_case()
        panel = self.dashboard if self.tabs.currentIndex() == 0 else self.case_list
        return panel.selected_case()

    def open_selected(self) -> None:
        """編集 → 開く: the selected procedure, or on the 法人 tab the selected corporation."""
        if self.tabs.currentWidget() is child(self, QWidget, "corporationsTab"):
            self.open_selected_corporation()
            return
        case_id = self.selected_case()
        if case_id is not None:
            self.open_procedure(case_id)

    def open_selected_corporation(self) -> None:
        """編集 → 法人を開く: the selected corporation, or the corporation of the selected procedure."""
        if self.tabs.currentWidget() is child(self, QWidget, "corporationsTab"):
            corporation_id = self.corporation_list.selected_corporation()
            if corporation_id is not None:
                self.open_corporation(corporation_id)
            return
        case_id = self.selected_case()
        if case_id is not None:
            self.open_corporation_of(case_id)

    def _row_menu_at(self, view: QTableView, position: QPoint) -> None:
        index = view.indexAt(position)
        if not index.isValid():
            return
        view.selectRow(index.row())
        if view is self.corporation_list.view:
            menu = self.corporation_menu(int(view.model().data(index, CORPORATION_ID_ROLE)))
        else:
            menu = self.row_menu(int(view.model().data(index, CASE_ID_ROLE)))
        menu.exec(view.viewport().mapToGlobal(position))

    def corporation_menu(self, corporation_id: int) -> QMenu:
        """The right-click menu of a 法人 row."""
        menu = QMenu(self)
        menu.addAction(self.tr("法人を開く"), lambda: self.open_corporation(corporation_id))
        return menu

    def row_menu(self, case_id: int) -> QMenu:
        """The right-click menu of a procedure's row: open it, open its corporation, print its 案件票,
        write a letter, delete."""
        menu = QMenu(self)
        menu.addAction(self.action("actionOpenCase"))
        menu.addAction(self.tr("法人を開く"), lambda: self.open_corporation_of(case_id))
        menu.addAction(self.tr("案件票を印刷..."), lambda: self._report_action("print_case_sheet", case_id))
        add_letter_menu(menu, self, self.store, lambda: case_id)
        menu.addSeparator()
        menu.addAction(self.action("actionDeleteCase"))
        return menu

    def delete_selected(self) -> None:
        """Soft-delete the selected case after asking; its open editor is closed first."""
        case_id = self.selected_case()
        if case_id is None:
            return
        editor = self.editors.get(case_id)
        if editor is not None and not editor.close():
            return  # the clerk kept unsaved changes
        with reported(self):
            case = store.get_case(self.store, case_id)
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("案件の削除"), "", parent=self)
            box.setText(self.tr("案件「{0} {1}」を削除しますか?").format(case.number, case.name))
            box.setInformativeText(
                self.tr("削除した案件は、編集メニューの「削除した案件」から元に戻せます。")
            )
            delete = box.addButton(self.tr("削除"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not delete:
                return
            store.delete_case(self.store, case_id, version=case.version, who=current_user())
            self.update_case(case_id)
            self.statusBar().showMessage(self.tr("案件「{0}」を削除しました。").format(case.number), 10_000)

    def show_deleted(self) -> None:
        from npo_desk.gui.deleted_cases import DeletedCasesDialog

        dialog = DeletedCasesDialog(self.store, self)
        dialog.restored.connect(self.update_case)
        dialog.exec()

    def focus_search(self) -> None:
        """Ctrl+F: the search of the list on show (the 設立申請 list's from the dashboard)."""
        tab = self.tabs.currentWidget()
        if tab is child(self, QWidget, "corporationsTab"):
            self.corporation_list.focus_search()
        elif tab is child(self, QWidget, "proceduresTab"):
            self.procedure_list.focus_search()
        else:
            self.show_tab("caseListTab")
            self.case_list.focus_search()

    # --- menu actions ----------------------------------------------------------------------------
    def _report_action(self, name: str, *args: int) -> None:
        """Print / export / import live in the reports side (report_actions), imported on first use
        so that start-up does not load the PDF and spreadsheet machinery."""
        module = importlib.import_module(REPORT_ACTIONS_MODULE)
        with reported(self):
            getattr(module, name)(self, self.store, *args)
        if name == "import_ledger":
            self.refresh()

    def open_settings(self) -> None:
        from npo_desk.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.store, self)
        if dialog.exec():
            self.refresh()
            for editor in [*self.editors.values(), *self.new_editors]:
                editor.reload_settings()  # open drafts are kept, their deadlines re-derived
            for procedure_editor in self.procedure_editors.values():
                procedure_editor.reload_settings()

    def backup(self) -> None:
        from npo_desk.gui.dialogs import backup_database

        backup_database(self, self.store)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("バージョン情報"),
            self.tr(
                "npo-desk {0}\n\nNPO法人 設立認証事務の期限・所轄庁・要件を管理します。\n"
                "期限は特定非営利活動促進法と設定された条例に基づいて計算します。\n\n"
                "データベース: {1}\nフォント: IPAexゴシック (IPAフォントライセンス v1.0)"
            ).format(__version__, self.store.display_name),
        )

    # --- closing ---------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Close every editor first (each asks about unsaved changes); stay open if one is kept."""
        for editor in [*self.editors.values(), *self.new_editors, *self.procedure_editors.values()]:
            if not editor.close():
                event.ignore()
                return
        for window in list(self.corporation_windows.values()):
            if not window.close():
                event.ignore()
                return
        save_geometry(_STATE_KEY, self)
        self.dashboard.save_state()
        self.case_list.save_state()
        self.corporation_list.save_state()
        self.procedure_list.save_state()
        settings = ui_settings()
        settings.setValue(f"{_STATE_KEY}/tab", self.tabs.currentIndex())
        settings.sync()
        event.accept()


def _bring_up(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
