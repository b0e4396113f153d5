"""認証取消の候補 on paper: the corporations 43条1項 lets the 所轄庁 revoke, for the section chief's
review before any 聴聞. The lines are ``revocation_list.revocation_lines`` (the dashboard's and the
command line's); this module lays them out with the 期限一覧表's table (A4 landscape, bundled font
embedded, overdue shading for every line: each is years late).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QPagedPaintDevice, QPageLayout

from npo_desk import store as store_api
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki
from npo_desk.reports.layouts import authority_label
from npo_desk.reports.qt import a4_layout
from npo_desk.reports.revocation_list import CAUTION, TITLE, RevocationLine, revocation_lines
from npo_desk.reports.table import Column, Row, TableDocument, paint_table, save_table_pdf

ORIENTATION = QPageLayout.Orientation.Landscape


@dataclass(frozen=True)
class RevocationReport:
    authority: str
    as_of: date
    lines: list[RevocationLine]


def collect(st: store_api.Store, settings: Settings, as_of: date) -> RevocationReport:
    return RevocationReport(authority_label(settings), as_of, revocation_lines(st, settings, as_of))


COLUMNS = (
    Column("案件番号", 7),
    Column("法人名称", 20, max_lines=2),
    Column("法人番号", 11),
    Column("代表者", 11),
    Column("未提出の事業報告書等", 22, max_lines=3),
    Column("各年度の提出期限", 19, max_lines=6),
    Column("担当", 9),
)


def document(report: RevocationReport) -> TableDocument:
    as_of = format_wareki(report.as_of)
    rows = tuple(
        Row(
            (
                line.case_number,
                line.name,
                line.corporate_number,
                line.representative,
                line.years_text,
                "\n".join(
                    f"{label}分 {format_wareki(due)}"
                    for label, due in zip(line.year_labels, line.dues, strict=True)
                ),
                line.clerk,
            ),
            marked=True,
        )
        for line in report.lines
    )
    return TableDocument(
        title=TITLE,
        headings=(
            f"所轄庁: {report.authority}",
            f"{as_of}現在",
            f"3年以上にわたり事業報告書等の提出がない法人 {len(report.lines)}件"
            "（特定非営利活動促進法第43条第1項）",
        ),
        running_head=f"{TITLE}　{report.authority}　{as_of}現在",
        columns=COLUMNS,
        rows=rows,
        empty_text=f"{as_of}現在、3年以上にわたり事業報告書等の提出がない法人はありません。",
        note=CAUTION,
    )


def page_layout() -> QPageLayout:
    return a4_layout(ORIENTATION)


def paint_revocation_report(device: QPagedPaintDevice, report: RevocationReport) -> int:
    """Paint onto a printer, a PDF writer or the print preview's device; returns the page count."""
    return paint_table(device, document(report))


def save_pdf(report: RevocationReport, path: str) -> int:
    """The list as a PDF file with the bundled font embedded; returns the page count."""
    return save_table_pdf(path, page_layout(), f"{TITLE} {format_wareki(report.as_of)}現在", document(report))
