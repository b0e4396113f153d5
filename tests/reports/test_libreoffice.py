"""A real spreadsheet reads what we write: LibreOffice converts our CSV/XLSX and we read its output back.

Skipped where LibreOffice is not installed; CI installs it (.ci/run).
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from npo_desk import store
from npo_desk.reports.exporting import export_cases
from npo_desk.reports.importer import import_file
from npo_desk.reports.options import ExportLayout, ExportOptions

from .conftest import LONG_NAME, TODAY

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")]
# LibreOffice's numbers for the CSV filter's character set (rtl_TextEncoding)
CHARSETS = {"cp932": "60", "utf-8-sig": "76"}


def _convert(source: Path, target_format: str, outdir: Path, infilter: str | None = None) -> Path:
    command = [SOFFICE, f"-env:UserInstallation=file://{outdir / 'profile'}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_format, "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    suffix = target_format.split(":")[0]
    converted = outdir / f"{source.stem}.{suffix}"
    assert converted.exists(), f"LibreOffice wrote no {converted.name}"
    return converted


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig"])
def test_libreoffice_reads_our_csv_in_both_encodings(sample_store, empty_store, tmp_path, encoding):
    source = tmp_path / f"ledger-{encoding}.csv"
    export_cases(sample_store, source, ExportOptions(ExportLayout.LEDGER, encoding=encoding), TODAY)
    converted = _convert(source, "xlsx", tmp_path / "out", f"CSV:44,34,{CHARSETS[encoding]},1")
    rows = list(openpyxl.load_workbook(converted).active.iter_rows(values_only=True))
    by_name = {row[0]: row for row in rows[1:]}
    assert LONG_NAME in by_name and "飫肥 太郎" in by_name["日南子育てネット"]
    assert by_name["日南子育てネット"][9] == "2025/04/07"  # 申請受理日 survives as written
    # and what LibreOffice saved imports back into npo-desk as the same cases
    plan = import_file(empty_store, converted, who="テスト", today=TODAY)
    assert not plan.errors
    assert sorted(s.name for s in store.list_cases(empty_store)) == sorted(
        s.name for s in store.list_cases(sample_store)
    )


def test_libreoffice_reads_our_xlsx_dates_and_text(sample_store, tmp_path):
    source = tmp_path / "cabinet.xlsx"
    export_cases(sample_store, source, ExportOptions(ExportLayout.CABINET_OFFICE), TODAY)
    converted = _convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "out")
    with converted.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "法人名称" and rows[0][59] == "条例個別指定：有効期限（条例個別指定：取消日)"
    row = next(r for r in rows if r[0] == "日南子育てネット")
    assert row[9:11] == ["2025/05/30", "2025/06/10"]  # real date cells, shown yyyy/mm/dd
    assert row[12] == "保健、医療又は福祉の増進を図る活動" and row[24] == "子どもの健全育成を図る活動"
    assert row[53:55] == ["04/01", "03/31"]


def test_libreoffice_reads_the_corporations_national_file_and_the_ledgers_procedures(empty_store, tmp_path):
    """The demo's 内閣府 file (認定 columns of the accredited 法人, 51条1項) read by LibreOffice, and its
    ledger with the 手続 sheet saved again by LibreOffice imports back with every procedure."""
    from datetime import date as _date

    today = _date(2026, 12, 2)
    demo = store.open_store(str(tmp_path / "demo.db"))
    store.seed_demo(demo, today)
    source = tmp_path / "cabinet-demo.xlsx"
    export_cases(demo, source, ExportOptions(ExportLayout.CABINET_OFFICE), today)
    converted = _convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "out")
    with converted.open(encoding="utf-8", newline="") as f:
        reader = list(csv.reader(f))
    header, *rows = reader
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    accredited = by_name["特定非営利活動法人 飫肥城下町保存会"]
    assert accredited["認定（認定・特例認定１）"] == "認定"
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", accredited["認定（認定満了日）"])  # a date cell, yyyy/mm/dd
    dissolved = by_name["特定非営利活動法人 にちなん福祉ネットワーク"]
    assert dissolved["解散情報"].endswith("解散（社員総会の決議）")
    ledger = tmp_path / "ledger-demo.xlsx"
    export_cases(demo, ledger, ExportOptions(ExportLayout.LEDGER), today)
    saved = _convert(ledger, "xlsx", tmp_path / "saved")
    assert openpyxl.load_workbook(saved).sheetnames == ["台帳", "手続", "統計"]
    plan = import_file(empty_store, saved, who="テスト", today=today)
    assert not plan.errors and sum(len(p) for p in plan.procedures) == 7
    demo.close()
