"""What the clerk chooses for an export. Light on purpose: the CLI builds its parser from it
without loading the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from npo_desk.domain.lifecycle import Stage


class ExportLayout(StrEnum):
    CABINET_OFFICE = "cabinet-office"
    LEDGER = "ledger"
    STATISTICS = "statistics"


EXPORT_LAYOUT_LABELS = {
    ExportLayout.CABINET_OFFICE: "内閣府形式（60列・1法人1行）",
    ExportLayout.LEDGER: "台帳形式（設立の案件と手続）",
    ExportLayout.STATISTICS: "統計（所轄庁別の件数）",
}
ENCODING_LABELS = {"cp932": "Shift_JIS（cp932・Excel 標準）", "utf-8-sig": "UTF-8（BOM付き）"}


@dataclass(frozen=True)
class ExportOptions:
    layout: ExportLayout = ExportLayout.CABINET_OFFICE
    encoding: str = "cp932"  # CSV only
    stage: Stage | None = None
    date_from: date | None = None
    date_to: date | None = None
    replace_unencodable: bool = False
