"""期限一覧表: the open deadlines of every case as of a day, for the desk and the section chief.

The lines come from the store's dashboard query and the domain (deadlines, stages, 和暦); this module
only chooses which lines (due within N days, overdue ones always) and how they read on paper.
A4 landscape: seven columns with the legal basis need the width.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout

from npo_desk import store as store_api
from npo_desk.domain.deadlines import days_left_text
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.lifecycle import STAGE_LABELS, stage_of
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki
from npo_desk.reports.layouts import authority_label
from npo_desk.reports.qt import a4_layout, pdf_writer
from npo_desk.reports.table import Column, Row, TableDocument, paint_table

TITLE = "期限一覧表"
DEFAULT_DAYS = 30
ORIENTATION = QPageLayout.Orientation.Landscape
_RIGHT = Qt.AlignmentFlag.AlignRight


@dataclass(frozen=True)
class DeadlineLine:
    case_number: str
    case_name: str
    stage: str  # 「審査中」
    kind: str  # 「縦覧期間の末日」
    on: date  # the date to act by (the clerk's override when set)
    days_left: int  # negative: overdue
    basis: str  # 「特定非営利活動促進法第10条第2項」
    override_reason: str = ""  # the clerk set this date by hand, and why

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
    horizon = as_of + timedelta(days=days)
    pending = [d for d in store_api.pending_deadlines(st, settings, as_of) if d.effective_date <= horizon]
    facts = {s.id: s.facts for s in store_api.list_cases(st, store_api.CaseQuery())} if pending else {}
    lines = [
        DeadlineLine(
            case_number=item.case_number,
            case_name=item.case_name,
            stage=STAGE_LABELS[stage_of(facts[item.case_id], settings, as_of)]
            if item.case_id in facts
            else "",
            kind=item.deadline.label,
            on=item.effective_date,
            days_left=(item.effective_date - as_of).days,
            basis=item.deadline.basis,
            override_reason=item.override.reason if item.override else "",
        )
        for item in pending
    ]
    lines.sort(key=lambda line: (line.on, line.case_number))
    return DeadlineReport(authority_label(settings), as_of, days, lines)


COLUMNS = (
    Column("案件番号", 7),
    Column("法人名称", 24, max_lines=2),
    Column("段階", 8),
    Column("期限の種類", 17, max_lines=2),
    Column("期限", 14),
    Column("残り日数", 9, _RIGHT),
    Column("根拠", 25, max_lines=3),
)


def document(report: DeadlineReport) -> TableDocument:
    as_of = format_wareki(report.as_of)
    horizon = format_wareki(report.as_of + timedelta(days=report.days))
    rows = tuple(
        Row(
            (
                line.case_number,
                line.case_name,
                line.stage,
                line.kind + ("（手動設定）" if line.override_reason else ""),
                format_wareki(line.on, weekday=True),
                days_left_text(line.days_left),
                line.basis + (f"\n手動設定の理由: {line.override_reason}" if line.override_reason else ""),
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
        note="網掛け・赤字の行は期限を過ぎています（期限超過）。" if report.overdue_count else "",
    )


def page_layout() -> QPageLayout:
    return a4_layout(ORIENTATION)


def paint_deadline_report(device: QPagedPaintDevice, report: DeadlineReport) -> int:
    """Paint onto a printer, a PDF writer or the print preview's device; returns the page count."""
    return paint_table(device, document(report))


def save_pdf(report: DeadlineReport, path: str) -> int:
    """The report as a PDF file with the bundled font embedded; returns the page count."""
    writer = pdf_writer(path, page_layout(), f"{TITLE} {format_wareki(report.as_of)}現在")
    try:
        return paint_deadline_report(writer, report)
    finally:
        del writer  # QPdfWriter finishes the file when it is destroyed
