"""Hostile CSV structure: a stray quote, a cell that swallowed rows, a repeated heading. Each is refused
with the line (or column) to fix, nothing is imported and the database file is not touched."""

from __future__ import annotations

import openpyxl
import pytest

from npo_desk import store
from npo_desk.cli import main
from npo_desk.domain.errors import NpoDeskError
from npo_desk.reports.importer import ImportRejected, import_file
from npo_desk.reports.layouts import LEDGER_EXPORT_HEADER, LEDGER_HEADER
from npo_desk.reports.tables_in import read_table

from .conftest import TODAY, sqlite_bytes


def _line(number: int, header=LEDGER_HEADER, **values: str) -> str:
    """A ledger row as a clerk's editor writes it: cells unquoted."""
    values = {
        "法人名称": f"会{number}",
        "申請受理日": f"2026/04/{number:02d}",
        "備考": f"メモ{number}",
        **values,
    }
    return ",".join(values.get(h, "") for h in header)


def _write(tmp_path, lines, header=LEDGER_HEADER, name="ledger.csv"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join([",".join(header), *lines]) + "\r\n").encode("cp932"))
    return path


def _refused(st, path, match):
    before = sqlite_bytes(st)
    with pytest.raises(NpoDeskError, match=match) as err:
        import_file(st, path, who="テスト", today=TODAY)
    assert store.list_cases(st) == []
    assert sqlite_bytes(st) == before
    return str(err.value)


def test_a_remark_starting_with_a_quote_stops_the_import_at_its_line(empty_store, tmp_path, capsys):
    """The issue's file: 10 rows, the 4th's 備考 opens a quote that never closes. Read by the csv
    module it imported 4 cases, the last with rows 5-10 as its notes, and exited 0."""
    lines = [_line(n, 備考='"引用から始まるメモ' if n == 4 else f"メモ{n}") for n in range(1, 11)]
    path = _write(tmp_path, lines)
    message = _refused(empty_store, path, "ファイルの5行目で始まるセルの引用符")
    assert "閉じられていません" in message
    before = sqlite_bytes(empty_store)
    assert main(["--db", str(empty_store.path), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("npo-desk: ファイルの5行目") and err.count("\n") == 1
    assert sqlite_bytes(empty_store) == before


@pytest.mark.parametrize("header", [LEDGER_HEADER, LEDGER_EXPORT_HEADER], ids=["備考 last", "備考 inside"])
@pytest.mark.parametrize("closed_on", [5, 8])
def test_two_stray_quotes_that_swallow_rows_are_refused_with_the_counts(
    empty_store, tmp_path, header, closed_on
):
    """The quote opened in row 4's 備考 is closed by another stray one further down: a well-formed
    CSV for the csv module, holding fewer records than the file has lines."""
    notes = {4: '"引用の始まり', closed_on: '引用の終わり"'}
    lines = [_line(n, header, 備考=notes.get(n, f"メモ{n}")) for n in range(1, 11)]
    message = _refused(empty_store, _write(tmp_path, lines, header), "ファイルの5行目で始まる引用符")
    assert f"{closed_on + 1}行目まで閉じられず" in message
    assert f"ファイルは11行ですが、{11 - (closed_on - 4)}行分としてしか読めません" in message


def test_a_quote_closed_in_an_earlier_column_of_the_next_row_is_refused(empty_store, tmp_path):
    """Opened in row 4's 備考, closed after row 5's 法人名称: the record has more cells than the header."""
    lines = [_line(n, 備考='"引用' if n == 4 else f"メモ{n}") for n in range(1, 7)]
    lines[4] = _line(5, 法人名称='会5"')
    _refused(
        empty_store, _write(tmp_path, lines), 'ファイルの5行目で始まる引用符（"）のセルが6行目まで閉じられず'
    )


def test_a_line_break_in_a_one_line_column_names_the_line_where_the_cell_opened(empty_store, tmp_path):
    """The stray quote opens 法人名称 of row 3 and the next row's name closes it: the 法人名称 cell holds
    a line break, which that column never may."""
    lines = [_line(1), _line(2), '"会3' + _line(3)[2:], '会4"' + _line(4)[2:], _line(5)]
    with pytest.raises(ImportRejected) as err:
        import_file(empty_store, _write(tmp_path, lines), who="テスト", today=TODAY)
    [error] = err.value.plan.errors
    assert (error.row, error.column) == (4, "法人名称")
    assert "ファイルの4行目で始まるこのセルの引用符" in error.reason
    assert "ファイルは6行ですが、見出しを含めて5行分" in error.reason
    assert "↵" in error.describe() and "\n" not in error.describe()
    assert store.list_cases(empty_store) == []


@pytest.mark.parametrize(
    ("cell", "match"),
    [
        ('"会3"です', 'ファイルの4行目: 引用符（"）で閉じたセルの後ろに'),
        ('会"3', 'ファイルの4行目: 引用符（"）で囲まれていないセルの途中に引用符'),
    ],
)
def test_text_after_a_closing_quote_or_a_quote_inside_a_plain_cell_is_refused(
    empty_store, tmp_path, cell, match
):
    lines = [_line(1), _line(2), _line(3, 法人名称=cell), _line(4)]
    _refused(empty_store, _write(tmp_path, lines), match)


def test_line_breaks_where_the_layout_allows_them_still_import(empty_store, tmp_path):
    """Quoted cells over several lines in 従たる事務所・備考・事業報告書等, as Excel writes them."""
    row = _line(
        1,
        LEDGER_EXPORT_HEADER,
        主たる事務所の所在地="宮崎県日南市中央通1丁目1-1",
        従たる事務所の所在地='"宮崎県日南市油津1-1\r\n宮崎県日南市星倉2-2"',
        備考='"1行目, 句読点も\r\n""引用""した2行目"',
    )
    path = _write(tmp_path, [row, _line(2, LEDGER_EXPORT_HEADER)], LEDGER_EXPORT_HEADER)
    table = read_table(path)
    assert table.lines == [2, 5] and table.line_count == 5
    plan = import_file(empty_store, path, who="テスト", today=TODAY)
    assert plan.rows == [2, 3]
    first = store.get_case(empty_store, store.case_by_number(empty_store, "R8-001").id)
    assert first.notes == '1行目, 句読点も\r\n"引用"した2行目'
    assert [o.address for o in first.offices][1:] == ["宮崎県日南市油津1-1", "宮崎県日南市星倉2-2"]


def test_a_line_break_in_an_excel_name_cell_is_a_row_error(empty_store, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(list(LEDGER_HEADER))
    workbook.active.append(["会\n1", *[""] * 8, "2026/04/01"])
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRejected) as err:
        import_file(empty_store, path, who="テスト", today=TODAY)
    [error] = err.value.plan.errors
    assert (error.row, error.column) == (2, "法人名称")
    assert error.reason.startswith("この列のセルには改行を入れられません。セル内の改行を取り除いてください。")


def test_a_repeated_heading_is_refused_naming_the_column(empty_store, tmp_path, capsys):
    """Read as a mapping, the second 法人名称 silently won."""
    header = (*LEDGER_HEADER, "法人名称")
    path = _write(tmp_path, [_line(1) + ",別名"], header)
    _refused(empty_store, path, r"見出し「法人名称」の列が2つあります（1列目と18列目）")
    assert main(["--db", str(empty_store.path), "import", str(path)]) == 2
    assert "見出し「法人名称」の列が2つあります" in capsys.readouterr().err
