"""Reading a CSV or XLSX file into a header and rows of text, whatever Excel or the portal wrote.

CSV: UTF-8 with or without BOM, else cp932 (Shift_JIS as Windows writes it); the first one that
decodes the whole file wins, so a file is never read half in one encoding. XLSX: the first sheet,
date cells as YYYY/MM/DD text (the validator parses every date the same way, whatever its source).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from npo_desk.domain.errors import NpoDeskError


@dataclass(frozen=True)
class RawTable:
    header: list[str]
    rows: list[list[str]]  # rows[i] is file line/row number i + 2 (the header is row 1)
    source: str  # "CSV (cp932)", "Excel" ... for messages


def read_table(path: Path, recognised: Callable[[list[str]], bool] = lambda header: True) -> RawTable:
    """The file's header and data rows; NpoDeskError when it cannot be read as a table.

    In a workbook, the first sheet whose header ``recognised`` accepts is read (a clerk's ledger is not
    always the first sheet); when none is, the first sheet, so the caller can say what is wrong with it.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path, recognised)
        if suffix in (".csv", ".txt"):
            return _read_csv(path.read_bytes())
    except OSError as err:
        raise NpoDeskError(f"ファイル「{path}」を開けませんでした（{err.strerror or err}）。") from None
    raise NpoDeskError(
        f"ファイル「{path.name}」は取り込めません。CSV（.csv）または Excel（.xlsx）を選んでください。"
    )


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM付き)"
    for encoding, label in (("utf-8", "UTF-8"), ("cp932", "Shift_JIS (cp932)")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    raise NpoDeskError(
        "ファイルの文字コードを判別できませんでした。UTF-8 または Shift_JIS（cp932）で保存し直してください。"
    )


def _read_csv(data: bytes) -> RawTable:
    try:
        text, label = _decode(data)
    except UnicodeDecodeError:
        raise NpoDeskError(
            "BOM 付き UTF-8 のはずのファイルに、UTF-8 として読めない部分があります。"
        ) from None
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise NpoDeskError(f"CSV として読めませんでした（{err}）。") from None
    return _table(records, f"CSV・{label}")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%Y/%m/%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, recognised: Callable[[list[str]], bool]) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises zipfile, KeyError, ValueError ... on a damaged file
        raise NpoDeskError(
            f"Excel ファイル「{path.name}」を読めませんでした（{type(err).__name__}）。"
        ) from None
    try:
        tables = []
        for sheet in workbook.worksheets:
            records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            if any(any(cell.strip() for cell in record) for record in records):
                table = _table(records, f"Excel・シート「{sheet.title}」")
                if recognised(table.header):
                    return table
                tables.append(table)
    finally:
        workbook.close()
    if not tables:
        raise NpoDeskError("ファイルが空です。見出し行のある表を選んでください。")
    return tables[0]


def _table(records: list[list[str]], source: str) -> RawTable:
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()
    if not records:
        raise NpoDeskError("ファイルが空です。見出し行のある表を選んでください。")
    header = [cell.strip().lstrip("\ufeff") for cell in records[0]]
    while header and not header[-1]:
        header.pop()
    rows = [row + [""] * (len(header) - len(row)) for row in records[1:]]
    return RawTable(header, rows, source)
