"""Reading files the way clerks have them: cp932 from Excel, UTF-8 with or without BOM, XLSX."""

from __future__ import annotations

import pytest

from npo_desk.domain.errors import NpoDeskError
from npo_desk.reports.tables_in import read_table


@pytest.mark.parametrize(
    ("encoding", "source"),
    [("cp932", "CSV・Shift_JIS (cp932)"), ("utf-8", "CSV・UTF-8"), ("utf-8-sig", "CSV・UTF-8 (BOM付き)")],
)
def test_csv_encoding_is_detected(tmp_path, encoding, source):
    path = tmp_path / "a.csv"
    path.write_bytes('法人名称,備考\r\n髙﨑の会,"改行\n入り"\r\n\r\n'.encode(encoding))
    table = read_table(path)
    assert table.header == ["法人名称", "備考"]
    assert table.rows == [["髙﨑の会", "改行\n入り"]]
    assert table.source == source


def test_bytes_that_are_neither_utf8_nor_cp932_are_refused(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"\x81\x7f\xff\xfe,\x80")
    with pytest.raises(NpoDeskError, match="文字コードを判別できませんでした"):
        read_table(path)


def test_empty_and_unknown_files_are_refused(tmp_path):
    empty = tmp_path / "a.csv"
    empty.write_bytes(b"")
    with pytest.raises(NpoDeskError, match="ファイルが空です"):
        read_table(empty)
    other = tmp_path / "a.ods"
    other.write_bytes(b"x")
    with pytest.raises(NpoDeskError, match=r"CSV（\.csv）または Excel（\.xlsx）"):
        read_table(other)


def test_the_first_sheet_with_a_known_header_is_read(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "表紙"
    workbook.active.append(["令和8年度 NPO法人台帳"])
    ledger = workbook.create_sheet("台帳")
    ledger.append(["法人名称", "申請受理日"])
    ledger.append(["会", "2026/04/07"])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    table = read_table(path, lambda header: "法人名称" in header)
    assert table.header == ["法人名称", "申請受理日"] and table.rows == [["会", "2026/04/07"]]
    assert table.source == "Excel・シート「台帳」"
    assert read_table(path).header == ["令和8年度 NPO法人台帳"]
