"""事業報告書: the established NPO's 事業報告書等 (29条), year by year, and their receipt.

The years, deadlines and statuses are the domain's (``annual_reports``); the tab lays them out in
和暦, newest first, records a receipt (or takes one back) as an undoable edit, lets the clerk say
from which fiscal year reports are tracked, and shows the 43条1項 warning when three or more
reports in a row are missing. The tab is shown once the NPO is registered (設立).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from npo_desk.domain.annual_reports import (
    STATUS_LABELS,
    TOPIC,
    AnnualReport,
    ReportStatus,
    annual_reports,
    revocation_finding,
)
from npo_desk.domain.deadlines import DeadlineKey, is_closed_case
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_fiscal_year, format_wareki
from npo_desk.gui.editor import dialogs, styles
from npo_desk.gui.editor.dialogs import CLEARED, DateDialog
from npo_desk.gui.editor.findings import FindingsList
from npo_desk.gui.editor.session import EditorSession
from npo_desk.store import AnnualReportFiling

COLUMNS = ("年度", "事業年度の期間", "提出期限", "受理日", "状況")
YEAR, PERIOD, DUE, FILED, STATUS = range(len(COLUMNS))
KEY = DeadlineKey.ANNUAL_REPORT_DUE.value
# Pale fills with dark text (as in ``styles``): the status is also written out, never colour alone.
_STATUS_FILL = {
    ReportStatus.OVERDUE: "#fde7e7",
    ReportStatus.FILED: "#e8f5e9",
}


class AnnualReportsTab(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._tabs: QTabWidget | None = None
        self.reports: list[AnnualReport] = []  # as shown, newest first
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        styles.mark(self.intro, styles.INFO)
        layout.addWidget(self.intro)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        styles.mark(self.message, styles.INFO)
        layout.addWidget(self.message)
        self.findings = FindingsList([TOPIC], parent=self)
        layout.addWidget(self.findings)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("annualReportsTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.record_receipt())
        layout.addWidget(self.table, 1)
        self.legend = QLabel(
            self.tr(
                "※ 期限の日が閉庁日のため、次の開庁日に繰り延べています (休日条例)。"
                "期限の欄にマウスを合わせると理由を表示します。"
            ),
            self,
        )
        styles.mark(self.legend, styles.INFO)
        layout.addWidget(self.legend)

        buttons = QHBoxLayout()
        self.record_button = QPushButton(self.tr("受理を記録..."), self)
        self.record_button.setToolTip(
            self.tr("選んだ年度の事業報告書等を受理した日を記録します (Enter、ダブルクリック)")
        )
        self.record_button.clicked.connect(self.record_receipt)
        self.undo_button = QPushButton(self.tr("受理の記録を取り消す"), self)
        self.undo_button.clicked.connect(self.remove_receipt)
        self.tracked_label = QLabel(self)
        self.tracked_button = QPushButton(self.tr("確認の起点..."), self)
        self.tracked_button.setToolTip(
            self.tr("これより前に始まる事業年度の事業報告書等は、提出の確認をしません (古い法人の取込みなど)")
        )
        self.tracked_button.clicked.connect(self.set_tracked_from)
        for widget in (self.record_button, self.undo_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.tracked_label)
        buttons.addWidget(self.tracked_button)
        layout.addLayout(buttons)

        session.changed.connect(self.refresh)
        self.refresh()

    def attach(self, tabs: QTabWidget) -> None:
        """Shown in ``tabs`` only while the NPO is registered (設立済): before that nothing is due."""
        self._tabs = tabs
        self._show_tab()

    # --- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        derived = self.session.derived
        facts, case = derived.facts, self.session.case
        months = derived.settings.annual_report_months
        self.intro.setText(
            self.tr(
                "事業報告書等 (事業報告書、活動計算書、貸借対照表、財産目録、役員名簿、社員名簿等) は、"
                "毎事業年度の初めから{months}か月以内に提出されます (法第29条、条例)。"
                "受理したら年度を選んで「受理を記録」を押してください。"
            ).format(months=months)
        )
        try:
            self.reports = list(reversed(annual_reports(facts, derived.settings, derived.today)))
            finding = revocation_finding(facts, derived.settings, derived.today)
            problem = ""
        except InvalidInput as err:  # e.g. a fiscal-year start being typed that does not exist
            self.reports, finding, problem = [], None, str(err)
        if problem:
            self.message.setText(problem)
        elif facts.registered_on is None:
            self.message.setText(self.tr("設立の登記の後に、事業報告書等の提出期限を表示します。"))
        elif facts.fiscal_year_start is None:
            self.message.setText(
                self.tr("基本情報で事業年度の開始日を入力すると、事業報告書等の提出期限を表示します。")
            )
        elif is_closed_case(facts):
            self.message.setText(self.tr("認証が取り消されているため、事業報告書等の提出期限はありません。"))
        else:
            self.message.setText("")
        self.message.setVisible(bool(self.message.text()))
        self.findings.show_findings([finding] if finding else [])
        self._fill_table(derived.today)
        self.legend.setVisible(any(r.due.rolled for r in self.reports))
        since = case.annual_reports_tracked_from
        self.tracked_label.setText(
            self.tr("確認の起点: {date}").format(date=format_wareki(since))
            if since
            else self.tr("確認の起点: 設立時")
        )
        self._update_buttons()
        self._show_tab()

    def _fill_table(self, today: date) -> None:
        selected = self.selected()
        keep = selected.year.start if selected else None
        self.table.setRowCount(len(self.reports))
        case = self.session.case
        registered = self.session.derived.facts.registered_on
        for row, report in enumerate(self.reports):
            year, status = report.year, report.status(today)
            filing = case.annual_report(year.start)
            first = self.tr(" (初年度)") if year.first_day == registered else ""
            due = report.due.date_text()  # on a closed day that does not move: with the last open day
            if report.due.rolled:
                due += self.tr(" ※")
            cells = (
                format_fiscal_year(year.start) + first,
                f"{format_wareki(year.first_day)} 〜 {format_wareki(year.last_day)}",
                due,
                format_wareki(filing.filed_on, weekday=True) if filing else "",
                self.tr(STATUS_LABELS[status]),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == DUE:
                    item.setToolTip(report.due.roll_note() or report.due.basis)
                if column == FILED and filing and filing.note:
                    item.setToolTip(filing.note)
                fill = _STATUS_FILL.get(status)
                if fill is not None:
                    item.setBackground(QBrush(QColor(fill)))
                    item.setForeground(
                        QBrush(QColor("#8b0000" if status is ReportStatus.OVERDUE else "#1d5e20"))
                    )
                self.table.setItem(row, column, item)
            if year.start == keep:
                self.table.selectRow(row)
        if self.table.currentRow() < 0 and self.reports:
            # the oldest missing report, else the newest year: what the clerk most likely records next
            missing = [r for r, rep in enumerate(self.reports) if rep.status(today) is ReportStatus.OVERDUE]
            self.table.selectRow(missing[-1] if missing else 0)

    def _update_buttons(self) -> None:
        report = self.selected()
        filed = report is not None and report.year.filed
        self.record_button.setEnabled(report is not None)
        self.record_button.setText(self.tr("受理日を訂正...") if filed else self.tr("受理を記録..."))
        self.undo_button.setEnabled(filed)
        self.tracked_button.setEnabled(self.session.derived.facts.registered_on is not None)

    def _show_tab(self) -> None:
        if self._tabs is not None:
            established = self.session.derived.facts.registered_on is not None
            self._tabs.setTabVisible(self._tabs.indexOf(self), established)

    def selected(self) -> AnnualReport | None:
        row = self.table.currentRow()
        return self.reports[row] if 0 <= row < len(self.reports) else None

    # --- editing -----------------------------------------------------------------------------
    def record_receipt(self) -> None:
        """Ask the receipt date of the selected year's report and record it (one undoable step)."""
        report = self.selected()
        if report is None:
            return
        year = report.year
        label = format_fiscal_year(year.start)
        filing = self.session.case.annual_report(year.start)
        answer = DateDialog.ask(
            self,
            self.tr("事業報告書等の受理 ({year}分)").format(year=label),
            self.tr("{year}分 ({first} 〜 {last}) の事業報告書等を受理した日を入力してください。").format(
                year=label, first=format_wareki(year.first_day), last=format_wareki(year.last_day)
            ),
            filing.filed_on if filing else self.session.derived.today,
        )
        if answer is None or answer == CLEARED or not isinstance(answer, date):
            return
        if answer <= year.last_day:
            dialogs.report(
                self,
                InvalidInput(
                    self.tr(
                        "{year}分の事業報告書等は、その事業年度が終わった後 ({after}以降) の日付で"
                        "受理を記録してください。"
                    ).format(year=label, after=format_wareki(year.next_start))
                ),
            )
            return
        new = AnnualReportFiling(year.start, answer, filing.note if filing else "")
        text = self.tr("事業報告書等 ({year}分) の受理").format(year=label)
        self._set_filing(year.start, new, text, report)

    def remove_receipt(self) -> None:
        report = self.selected()
        if report is None or self.session.case.annual_report(report.year.start) is None:
            return
        label = format_fiscal_year(report.year.start)
        self._set_filing(
            report.year.start, None, self.tr("事業報告書等 ({year}分) の受理の取消し").format(year=label)
        )

    def _set_filing(
        self, start: date, filing: AnnualReportFiling | None, text: str, received: AnnualReport | None = None
    ) -> None:
        """Replace the filing of one year. Receiving the report now due also ends a deadline set by hand
        for it (in the same step): it would otherwise be taken for the next year's deadline."""
        case = self.session.case
        others = tuple(f for f in case.annual_reports if f.fiscal_year_start != start)
        filings = tuple(sorted((*others, *((filing,) if filing else ())), key=lambda f: f.fiscal_year_start))
        overrides = case.deadline_overrides
        due_now = self.session.derived.deadlines.get(DeadlineKey.ANNUAL_REPORT_DUE)
        if received is not None and received.due == due_now and case.override(KEY) is not None:
            overrides = tuple(o for o in overrides if o.key != KEY)
        self.session.edit(text, annual_reports=filings, deadline_overrides=overrides)
        if overrides != case.deadline_overrides:
            self.session.notice.emit(self.tr("受理したため、この報告書の期限の手動設定を外しました。"))

    def set_tracked_from(self) -> None:
        """From which day fiscal years are tracked (cleared: from 設立)."""
        case = self.session.case
        derived = self.session.derived
        initial = case.annual_reports_tracked_from or derived.facts.registered_on or derived.today
        answer = DateDialog.ask(
            self,
            self.tr("事業報告書等の確認の起点"),
            self.tr(
                "この日より前に始まる事業年度の事業報告書等は、提出の確認をしません "
                "(紙で管理してきた古い法人など)。「日付を消す」で設立時からの確認に戻ります。"
            ),
            initial,
            clearable=case.annual_reports_tracked_from is not None,
        )
        if answer is None:
            return
        since = None if answer == CLEARED or not isinstance(answer, date) else answer
        self.session.edit(self.tr("事業報告書等の確認の起点"), annual_reports_tracked_from=since)


__all__ = ["COLUMNS", "AnnualReportsTab"]
