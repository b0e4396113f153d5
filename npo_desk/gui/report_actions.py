"""The GUI's doors to the reports: print preview of the 期限一覧表 and the 案件票, export, import.

Each entry point takes the parent window and the store (and a case id for the sheet), shows Qt's own
dialogs (print preview, file chooser, Japanese via qtbase_ja) and reports errors as Japanese dialogs
(``errors.reported``): nothing here leaves data half-written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtGui import QAction, QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from npo_desk import store as store_api
from npo_desk.domain.lifecycle import STAGE_LABELS, Stage
from npo_desk.gui import clock
from npo_desk.gui.date_field import DateField
from npo_desk.gui.errors import reported
from npo_desk.gui.forms import child, load_into
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.ui_state import ui_settings
from npo_desk.gui.user import current_user
from npo_desk.reports import case_sheet, deadline_report, revocation_report
from npo_desk.reports.calendar_file import write_calendar
from npo_desk.reports.due_list import load_due
from npo_desk.reports.exporting import ExportResult
from npo_desk.reports.exporting import export_cases as write_export
from npo_desk.reports.importer import LAYOUT_LABELS, ImportPlan, ImportRejected, apply_import, prepare_import
from npo_desk.reports.options import ENCODING_LABELS, EXPORT_LAYOUT_LABELS, ExportLayout, ExportOptions
from npo_desk.reports.publication import PublicationResult, publish

T = TypeVar("T")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportActions", text)


class _PreviewDialog(QPrintPreviewDialog):
    """Keeps its printer alive: Qt's dialog only points at it, and the printer of a returned dialog
    would otherwise be collected by Python under it."""

    def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
        super().__init__(printer, parent)
        self.kept_printer = printer


def preview_dialog(
    parent: QWidget | None, layout: QPageLayout, paint: Callable[[QPrinter], object], title: str
) -> QPrintPreviewDialog:
    """Qt's print preview, opened at the page's width: Qt's default (the whole page in view) showed
    the A4 sheet at 38–52%, too small to read on a 1366-pixel screen."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(layout)
    printer.setDocName(title)
    dialog = _PreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda device: paint(device))
    fit_width = dialog.findChild(QAction, "fitWidthAction")  # the toolbar's own button, kept in step
    if fit_width is not None:
        fit_width.trigger()
    else:  # a Qt without that name: the preview alone
        for widget in dialog.findChildren(QPrintPreviewWidget):
            widget.fitToWidth()
    return dialog


def _show_preview(
    parent: QWidget, layout: QPageLayout, paint: Callable[[QPrinter], object], title: str
) -> None:
    """The print preview: the clerk prints from there, to paper or to PDF."""
    dialog = preview_dialog(parent, layout, paint, title)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


class DeadlineReportDialog(QDialog):
    """基準日 and how many days ahead, before the preview (the day count is remembered)."""

    SETTINGS_KEY = "reports/deadline_days"

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        load_into("deadline_report_dialog", self)
        install_help(self, HelpTopic.PRINTING)
        self.as_of = child(self, DateField, "asOfEdit")
        self.days = child(self, QSpinBox, "daysSpin")
        self.as_of.set_value(clock.today())
        remembered = str(ui_settings().value(self.SETTINGS_KEY, deadline_report.DEFAULT_DAYS))
        self.days.setValue(int(remembered) if remembered.isdigit() else deadline_report.DEFAULT_DAYS)
        buttons = child(self, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        if self.as_of.error() is not None:  # not a day: said in red beside the field
            self.as_of.setFocus()
            return
        ui_settings().setValue(self.SETTINGS_KEY, self.days.value())
        super().accept()


def print_deadline_report(parent: QWidget, store: store_api.Store) -> None:
    """Ctrl+P: the 期限一覧表 in print preview (A4 landscape)."""
    dialog = DeadlineReportDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    as_of, days = dialog.as_of.day(), dialog.days.value()
    with reported(parent):
        report = _in_background(
            parent,
            _tr("期限を集めています…"),
            lambda: deadline_report.collect(store, store_api.load_settings(store), as_of, days),
        )
        _show_preview(
            parent,
            deadline_report.page_layout(),
            lambda device: deadline_report.paint_deadline_report(device, report),
            _tr("期限一覧表"),
        )


def print_revocation_report(parent: QWidget, store: store_api.Store) -> None:
    """ファイル → 認証取消の候補を印刷: the candidates of 43条1項 as of today in print preview."""
    as_of = clock.today()
    with reported(parent):
        report = _in_background(
            parent,
            _tr("認証取消の候補を集めています…"),
            lambda: revocation_report.collect(store, store_api.load_settings(store), as_of),
        )
        _show_preview(
            parent,
            revocation_report.page_layout(),
            lambda device: revocation_report.paint_revocation_report(device, report),
            _tr("認証取消の候補"),
        )


def print_case_sheet(parent: QWidget, store: store_api.Store, case_id: int) -> None:
    """The 案件票 of one case in print preview (A4 portrait, one page)."""
    with reported(parent):
        sheet = case_sheet.collect(store, case_id, clock.today())
        _show_preview(
            parent,
            case_sheet.page_layout(),
            lambda device: case_sheet.paint_case_sheet(device, sheet),
            _tr("案件票 {0}").format(sheet.number),
        )


class ExportDialog(QDialog):
    """The export's options: the same as ``npo-desk export`` (the last choices are remembered)."""

    SETTINGS_GROUP = "reports/export"

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        load_into("export_dialog", self)
        install_help(self, HelpTopic.EXPORT)
        self.layout_box = child(self, QComboBox, "layoutBox")
        self.format_box = child(self, QComboBox, "formatBox")
        self.encoding_box = child(self, QComboBox, "encodingBox")
        self.stage_box = child(self, QComboBox, "stageBox")
        self.use_range = child(self, QCheckBox, "rangeCheck")
        self.date_from = child(self, DateField, "fromEdit")
        self.date_to = child(self, DateField, "toEdit")
        self.replace_box = child(self, QCheckBox, "replaceCheck")
        for layout, label in EXPORT_LAYOUT_LABELS.items():
            self.layout_box.addItem(label, layout.value)
        self.format_box.addItem(_tr("Excel（.xlsx・統計シート付き）"), ".xlsx")
        self.format_box.addItem(_tr("CSV（.csv）"), ".csv")
        for encoding, label in ENCODING_LABELS.items():
            self.encoding_box.addItem(label, encoding)
        self.stage_box.addItem(_tr("すべての段階"), "")
        for stage, label in STAGE_LABELS.items():
            self.stage_box.addItem(label, stage.value)
        today = clock.today()
        fiscal_start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
        self.date_from.set_value(fiscal_start)
        self.date_to.set_value(today)
        self._restore()
        buttons = child(self, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.format_box.currentIndexChanged.connect(self._sync)
        self.layout_box.currentIndexChanged.connect(self._sync)
        self.use_range.toggled.connect(self._sync)
        self._sync()

    def _combos(self) -> dict[str, QComboBox]:
        return {"layout": self.layout_box, "format": self.format_box, "encoding": self.encoding_box}

    def _restore(self) -> None:
        settings = ui_settings()
        for key, box in self._combos().items():
            index = box.findData(settings.value(f"{self.SETTINGS_GROUP}/{key}", box.currentData()))
            if index >= 0:
                box.setCurrentIndex(index)

    def accept(self) -> None:
        if self.use_range.isChecked():
            for field in (self.date_from, self.date_to):
                if field.error() is not None:  # not a day: said in red beside the field
                    field.setFocus()
                    return
        settings = ui_settings()
        for key, box in self._combos().items():
            settings.setValue(f"{self.SETTINGS_GROUP}/{key}", box.currentData())
        super().accept()

    def _sync(self) -> None:
        self.encoding_box.setEnabled(self.format_box.currentData() == ".csv")
        statistics = self.layout_box.currentData() == ExportLayout.STATISTICS.value
        self.stage_box.setEnabled(not statistics)
        if statistics:
            self.stage_box.setCurrentIndex(0)
        self.date_from.setEnabled(self.use_range.isChecked())
        self.date_to.setEnabled(self.use_range.isChecked())

    def options(self) -> ExportOptions:
        stage = self.stage_box.currentData()
        ranged = self.use_range.isChecked()
        return ExportOptions(
            layout=ExportLayout(self.layout_box.currentData()),
            encoding=self.encoding_box.currentData(),
            stage=Stage(stage) if stage else None,
            date_from=self.date_from.day() if ranged else None,
            date_to=self.date_to.day() if ranged else None,
            replace_unencodable=self.replace_box.isChecked(),
        )

    def suffix(self) -> str:
        return str(self.format_box.currentData())


def export_cases(parent: QWidget, store: store_api.Store) -> ExportResult | None:
    """Ask for the options and the file, write it, and say what was written (and replaced)."""
    dialog = ExportDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    options, suffix = dialog.options(), dialog.suffix()
    default = Path.home() / f"npo-desk-{options.layout.value}-{clock.today():%Y%m%d}{suffix}"
    kind = _tr("Excel ファイル (*.xlsx)") if suffix == ".xlsx" else _tr("CSV ファイル (*.csv)")
    chosen, _filter = QFileDialog.getSaveFileName(parent, _tr("書き出し先"), str(default), kind)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    result: ExportResult | None = None
    today = clock.today()
    with reported(parent):
        result = _in_background(
            parent, _tr("書き出しています…"), lambda: write_export(store, path, options, today)
        )
    if result is None:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _tr("書き出し"),
        _tr("{0}\n{1}").format(result.describe(), result.path),
        parent=parent,
    )
    if result.replacements:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setInformativeText(
            _tr("表せない文字 {0} 件を〓に置き換えました。詳細をご確認ください。").format(
                len(result.replacements)
            )
        )
        box.setDetailedText("\n".join(r.describe() for r in result.replacements))
    box.exec()
    return result


def _in_background(parent: QWidget, label: str, work: Callable[[], T]) -> T:
    """Run ``work`` (store and file work only, no Qt) off the GUI thread behind a busy dialog.

    50,000 cases take tens of seconds to export or import: the window keeps repainting meanwhile.
    The dialog has no cancel button: an import is one transaction and an export writes beside its
    target, so there is nothing useful to stop half-way. Errors are re-raised here, on the GUI thread.
    """
    values: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            values.append(work())
        except BaseException as err:  # handed over to the GUI thread below
            errors.append(err)

    thread = threading.Thread(target=run, name="npo-desk-report", daemon=True)
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        thread.start()
        timer.start()
        loop.exec()
    finally:
        timer.stop()
        progress.close()
        QApplication.restoreOverrideCursor()
    if errors:
        raise errors[0]
    return values[0]


def import_ledger(parent: QWidget, store: store_api.Store) -> ImportPlan | None:
    """Choose a ledger (or the national file), check it all, confirm, then import it all or nothing."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _tr("取り込むファイル"),
        str(Path.home()),
        _tr("台帳・内閣府データ (*.csv *.xlsx);;すべてのファイル (*)"),
    )
    if not chosen:
        return None
    with reported(parent):
        try:
            today = clock.today()
            plan = _in_background(
                parent,
                _tr("ファイルを確認しています…"),
                lambda: prepare_import(store, Path(chosen), today=today),
            )
        except ImportRejected as rejected:
            _import_rejected(parent, rejected)
            return None
        if plan.cases and not _confirm_import(parent, plan):
            return None
        who = current_user()
        checked = plan
        plan = _in_background(
            parent, _tr("取り込んでいます…"), lambda: apply_import(store, checked, who=who, today=today)
        )
        _import_done(parent, plan)
        return plan
    return None


def _notes(plan: ImportPlan) -> str:
    return "\n".join([*plan.warnings, *plan.duplicates])


def _confirm_import(parent: QWidget, plan: ImportPlan) -> bool:
    """Say what the file holds before anything is stored; the clerk may still cancel."""
    text = _tr("{0}（{1}）の {2}を取り込みます。よろしいですか。").format(
        LAYOUT_LABELS[plan.layout], plan.source, plan.count_text()
    )
    box = QMessageBox(QMessageBox.Icon.Question, _tr("取り込みの確認"), text, parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    if plan.duplicates or plan.warnings:
        box.setInformativeText(
            _tr("既にある {0} 件は取り込みません。注意 {1} 件は「詳細を表示」でご確認ください。").format(
                len(plan.duplicates), len(plan.warnings)
            )
        )
        box.setDetailedText(_notes(plan))
    return box.exec() == QMessageBox.StandardButton.Ok


def _import_done(parent: QWidget, plan: ImportPlan) -> None:
    text = _tr("{0}（{1}）から {2}を取り込みました。").format(
        LAYOUT_LABELS[plan.layout], plan.source, plan.count_text()
    )
    box = QMessageBox(QMessageBox.Icon.Information, _tr("取り込み"), text, parent=parent)
    if plan.duplicates:
        box.setInformativeText(_tr("既にある {0} 件は取り込みませんでした。").format(len(plan.duplicates)))
    if plan.duplicates or plan.warnings:
        box.setDetailedText(_notes(plan))
    box.exec()


class ImportProblemsDialog(QDialog):
    """Every bad row of a rejected import in a sortable table the clerk can copy into a spreadsheet."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None) -> None:
        super().__init__(parent)
        load_into("import_problems_dialog", self)
        install_help(self, HelpTopic.IMPORT)
        self.plan = plan
        child(self, QLabel, "summaryLabel").setText(
            _tr(
                "ファイルに誤りが {0} 件あるため、何も取り込みませんでした。"
                "次の行を元のファイルで直してから、もう一度取り込んでください。"
            ).format(len(plan.errors))
        )
        self.table = child(self, QTableWidget, "problemsTable")
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(plan.errors))
        for row, error in enumerate(plan.errors):
            number = QTableWidgetItem()
            number.setData(Qt.ItemDataRole.DisplayRole, error.row)  # sorts as a number
            self.table.setItem(row, 0, number)
            for column, text in enumerate((error.column, error.value, error.reason), 1):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 220))
        self.table.resizeRowsToContents()
        child(self, QPushButton, "copyButton").clicked.connect(self.copy)
        buttons = child(self, QDialogButtonBox, "buttonBox")
        buttons.rejected.connect(self.reject)

    def tsv(self) -> str:
        """The list as tab-separated lines with a header, for pasting into Excel."""
        lines = ["\t".join((_tr("行"), _tr("列"), _tr("値"), _tr("理由")))]
        lines += [
            "\t".join((str(e.row), e.column, e.value.replace("\t", " "), e.reason)) for e in self.plan.errors
        ]
        return "\n".join(lines)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.tsv())


def _import_rejected(parent: QWidget, rejected: ImportRejected) -> None:
    ImportProblemsDialog(rejected.plan, parent).exec()


PUBLISH_DIR_KEY = "reports/publish_dir"


def publish_list(parent: QWidget, store: store_api.Store) -> PublicationResult | None:
    """ファイル → 公表用の一覧を書き出す: which applications (those the Act keeps until decided and
    the older ones in 縦覧, or every one not yet decided), then a folder; npo-kohyo.html and .csv are
    written there (same as ``npo-desk publish``; domain.publication.on_publication_list decides)."""
    in_inspection, all_pending = (
        _tr("決定前の申請（令和3年6月8日以前の受理は縦覧期間中のものだけ）"),
        _tr("決定前の申請をすべて載せる（令和3年6月8日以前の受理も縦覧期間を過ぎて）"),
    )
    chosen, ok = QInputDialog.getItem(
        parent,
        _tr("公表用の一覧"),
        _tr(
            "一覧に載せる申請（法第10条第2項の公表。令和3年6月9日以後の受理は同条第3項により"
            "認証・不認証の決定まで載せます）:"
        ),
        [in_inspection, all_pending],
        0,
        False,
    )
    if not ok:
        return None
    remembered = str(ui_settings().value(PUBLISH_DIR_KEY, str(Path.home())))
    folder = QFileDialog.getExistingDirectory(parent, _tr("公表用の一覧の保存先フォルダー"), remembered)
    if not folder:
        return None
    ui_settings().setValue(PUBLISH_DIR_KEY, folder)
    today = clock.today()
    result: PublicationResult | None = None
    with reported(parent):
        result = _in_background(
            parent,
            _tr("書き出しています…"),
            lambda: publish(store, Path(folder), today, all_pending=chosen == all_pending),
        )
    if result is None:
        return None
    QMessageBox(
        QMessageBox.Icon.Information,
        _tr("公表用の一覧"),
        _tr(
            "{0} 件の申請を書き出しました（同じ名前のファイルは置き換えました）。\n{1}\n{2}\n\n"
            "ファイルは作成した人だけが読める設定です。ウェブサイトの掲載担当へ渡してください。"
        ).format(result.count, result.html_path, result.csv_path),
        parent=parent,
    ).exec()
    return result


CALENDAR_DIR_KEY = "reports/calendar_dir"


def export_calendar(parent: QWidget, store: store_api.Store) -> Path | None:
    """ファイル → 期限をカレンダー形式 (.ics) で書き出す: every open deadline (the dashboard's, without its
    horizon or 担当 filter), as ``npo-desk due --ics`` writes them, for Outlook or Thunderbird."""
    today = clock.today()
    folder = Path(str(ui_settings().value(CALENDAR_DIR_KEY, str(Path.home()))))
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _tr("カレンダーファイルの保存先"),
        str(folder / f"npo-desk-期限-{today:%Y%m%d}.ics"),
        _tr("iCalendar ファイル (*.ics)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".ics":
        path = path.with_name(path.name + ".ics")
    ui_settings().setValue(CALENDAR_DIR_KEY, str(path.parent))

    def write() -> int:
        settings, lines = load_due(store, today)
        write_calendar(path, lines, settings, today)
        return len(lines)

    count: int | None = None
    with reported(parent):
        count = _in_background(parent, _tr("書き出しています…"), write)
    if count is None:
        return None
    QMessageBox(
        QMessageBox.Icon.Information,
        _tr("カレンダー形式で書き出し"),
        _tr(
            "{0} 件の期限を書き出しました。\n{1}\n\n"
            "Outlook や Thunderbird で読み込めます。新しいファイルを読み込み直すと、同じ期限の予定は"
            "更新されます（重複しません）。済んだ期限は新しいファイルに入らないため、カレンダーに残った"
            "予定は手で削除してください。"
        ).format(count, path),
        parent=parent,
    ).exec()
    return path
