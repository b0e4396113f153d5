"""認証取消の候補 under the dashboard's deadlines: corporations with 3 or more years of 事業報告書等
missing in a row (43条1項), the missing fiscal years in 和暦.

The rows are ``reports.revocation_list.RevocationLine`` (the command line's and the printed list's);
this module only shows them. Few rows at any authority, so a plain model suffices.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from npo_desk.domain.wareki import format_wareki
from npo_desk.gui.table_model import CASE_ID_ROLE, CORPORATION_ID_ROLE, Column, RowTableModel
from npo_desk.reports.revocation_list import CAUTION, RevocationLine


def _tr(text: str) -> str:
    return QCoreApplication.translate("RevocationModel", text)


class RevocationModel(RowTableModel[RevocationLine]):
    """The candidates, longest run of missing reports first; ``CASE_ID_ROLE`` is the 設立 case."""

    NUMBER, NAME, YEARS, FIRST_DUE, CLERK = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        columns = (
            Column[RevocationLine](_tr("案件番号"), lambda r: r.case_number, lambda r: r.case_number),
            Column[RevocationLine](_tr("法人名"), lambda r: r.name, lambda r: r.name),
            Column[RevocationLine](
                _tr("未提出の事業報告書等"), lambda r: r.years_text, lambda r: -len(r.years)
            ),
            Column[RevocationLine](
                _tr("最初の提出期限"), lambda r: format_wareki(r.first_due), lambda r: r.first_due
            ),
            Column[RevocationLine](_tr("担当"), lambda r: r.clerk, lambda r: r.clerk or None),
        )
        super().__init__(columns, parent)

    def set_rows(self, rows: list[RevocationLine]) -> None:
        self._replace_rows(self._sorted(list(rows)))

    def replace_corporation(self, corporation_id: int, rows: list[RevocationLine]) -> None:
        """One corporation's line after a save (a late report recorded ends its candidacy)."""
        self.set_rows([r for r in self.rows() if r.corporation_id != corporation_id] + rows)

    def row_data(self, row: RevocationLine, column: int, role: int) -> Any:
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == CORPORATION_ID_ROLE:
            return row.corporation_id
        if role == Qt.ItemDataRole.ToolTipRole:
            dues = [
                _tr("{0}分: 提出期限 {1}").format(label, format_wareki(due, weekday=True))
                for label, due in zip(row.year_labels, row.dues, strict=True)
            ]
            return "\n".join([*dues, CAUTION])
        return None
