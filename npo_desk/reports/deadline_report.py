"""期限一覧表: the open deadlines of every procedure (設立認証, 定款変更認証, 合併, 認定 …) as of a day,
for the desk and the section chief.

The lines are ``due_list.open_lines`` (the dashboard's query and rule: every overdue deadline, the others
due within N days) with the domain's texts (deadlines, stages, 和暦); this module only decides how they
read on paper. A4 landscape: nine columns with the procedure and the legal basis need the width.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout

from npo_desk import store as store_api
from npo_desk.domain.deadlines import days_left_text
from npo_desk.domain.due import Due
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki
from npo_desk.reports.due_list import open_lines
from npo_desk.reports.layouts import authority_label
from npo_desk.reports.qt import a4_layout
from npo_desk.reports.table import Column, Row, TableDocument, paint_table, save_table_pdf

TITLE = "期限一覧表"
DEFAULT_DAYS = 30
ORIENTATION = QPageLayout.Orientation.Landscape
_RIGHT = Qt.AlignmentFlag.AlignRight


@dataclass(frozen=True)
class DeadlineLine:
    case_number: str
    case_name: str
    procedure: str  # 「定款変更認証」
    stage: str  # 「審査中」
    due: Due  # the law's date, the clerk's date beside it, and which one counts (domain.due)
    days_left: int  # to the date that counts (never a manual date later than the law's); negative: overdue

    @property
    def kind(self) -> str:
        """「縦覧期間の末日」."""
        return self.due.deadline.label

    @property
    def basis(self) -> str:
        """「特定非営利活動促進法第10条第2項」."""
        return self.due.deadline.basis

    @property
    def on(self) -> date:
        """The date that counts: the law's (its last open day when closed), or the clerk's 督促目安."""
        return self.due.counts

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class DeadlineReport:
    authority: str
    as_of: date
    days: int
    lines: list[DeadlineLine]

    @property
    def overdue_count(self) -> int:
        return sum(line.overdue for line in self.lines)


def collect(st: store_api.Store, settings: Settings, as_of: date, days: int) -> DeadlineReport:
    """The open deadlines due on or before ``as_of + days``; overdue ones (earliest) come first."""
    if days < 0:
        raise InvalidInput("日数は0以上で指定してください。")
    lines = [
        DeadlineLine(
            case_number=item.case_number,
            case_name=item.case_name,
            procedure=item.procedure,
            stage=item.stage,
            due=item.due,
            days_left=item.due.days_left(as_of),
        )
        for item in open_lines(st, settings, as_of, days)
    ]
    return DeadlineReport(authority_label(settings), as_of, days, lines)


COLUMNS = (
    Column("案件番号", 7),
    Column("法人名称", 15, max_lines=2),
    Column("手続", 9, max_lines=2),  # 「定款変更認証」 beside 「設立認証」: whose 縦覧 it is
    Column("段階", 7, max_lines=2),
    Column("期限の種類", 14, max_lines=2),
    Column("期限", 15, max_lines=3),
    Column("残り日数", 8, _RIGHT),
    Column("手動", 19, max_lines=8),  # a superseded date says why at length
    Column("根拠", 17, max_lines=3),
)


def document(report: DeadlineReport) -> TableDocument:
    as_of = format_wareki(report.as_of)
    horizon = format_wareki(report.as_of + timedelta(days=report.days))
    rows = tuple(
        Row(
            (
                line.case_number,
                line.case_name,
                line.procedure,
                line.stage,
                line.kind,
                line.due.date_text(),
                days_left_text(line.days_left),
                "\n".join(line.due.manual_details()),
                line.basis,
            ),
            marked=line.overdue,
        )
        for line in report.lines
    )
    return TableDocument(
        title=TITLE,
        headings=(
            f"所轄庁: {report.authority}",
            f"{as_of}現在",
            f"{horizon}までの期限 {len(report.lines)}件（うち期限超過 {report.overdue_count}件）",
        ),
        running_head=f"{TITLE}　{report.authority}　{as_of}現在",
        columns=COLUMNS,
        rows=rows,
        empty_text=f"{horizon}までに期限を迎える案件はありません。",
        note=_note(report),
    )


def _note(report: DeadlineReport) -> str:
    """What the shading means, and (when a line has one) how a manual date is read."""
    parts = ["網掛け・赤字の行は期限を過ぎています（期限超過）。"] if report.overdue_count else []
    if any(line.due.manual is not None for line in report.lines):
        parts.append("手動の日付は法定の期限に並べて示すだけで、法定の期限より後のものは採用しません。")
    return "".join(parts)


def page_layout() -> QPageLayout:
    return a4_layout(ORIENTATION)


def paint_deadline_report(device: QPagedPaintDevice, report: DeadlineReport) -> int:
    """Paint onto a printer, a PDF writer or the print preview's device; returns the page count."""
    return paint_table(device, document(report))


def save_pdf(report: DeadlineReport, path: str) -> int:
    """The report as a PDF file with the bundled font embedded; returns the page count."""
    return save_table_pdf(path, page_layout(), f"{TITLE} {format_wareki(report.as_of)}現在", document(report))
