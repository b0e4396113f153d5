"""CSV/XLSX writing: encodings, characters cp932 cannot hold, formula neutralising, real date cells."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest

from npo_desk.reports.sheets import (
    Sheet,
    UnencodableText,
    neutralise,
    unneutralise,
    write_csv,
    write_xlsx,
)


def _sheet(*rows):
    return Sheet(
        "台帳", ("法人名称", "申請受理日"), list(rows), [f"R8-00{i + 1} {r[0]}" for i, r in enumerate(rows)]
    )


def _read(path, encoding):
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("text", ["=SUM(A1)", "+81-3", "-1", "@cmd", "\tx", "\rx"])
def test_formula_looking_text_gets_an_apostrophe_and_comes_back(text):
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


def test_plain_text_is_untouched():
    assert neutralise("日南市") == "日南市"
    assert unneutralise("'quoted") == "'quoted"


def test_cp932_csv_keeps_characters_cp932_has(tmp_path):
    # ①, ㈱, 髙 (IBM extension) and 﨑 are in cp932; 〜 (WAVE DASH) is mapped to its cp932 twin ～.
    path = tmp_path / "a.csv"
    replaced = write_csv(path, _sheet(("①㈱髙﨑の会〜", date(2026, 4, 7))), encoding="cp932")
    assert replaced == []
    data = path.read_bytes()
    assert data.endswith(b"\r\n")
    assert _read(path, "cp932") == [["法人名称", "申請受理日"], ["①㈱髙﨑の会～", "2026/04/07"]]


def test_a_character_cp932_lacks_stops_the_export_and_names_the_case(tmp_path):
    path = tmp_path / "a.csv"
    with pytest.raises(UnencodableText) as err:
        write_csv(path, _sheet(("𠮷野の会", None), ("普通の会", None), ("🍊みかんの会", None)))
    message = str(err.value)
    assert "書き出しを中止しました（2 件）" in message
    assert "R8-001 𠮷野の会: 法人名称 の「𠮷」" in message
    assert "R8-003 🍊みかんの会: 法人名称 の「🍊」" in message
    assert not path.exists() and not (tmp_path / "a.csv.part").exists()


def test_replacing_lists_every_replacement(tmp_path):
    path = tmp_path / "a.csv"
    replaced = write_csv(path, _sheet(("𠮷野の会", None)), replace=True)
    assert [r.describe() for r in replaced] == ["R8-001 𠮷野の会: 法人名称 の「𠮷」"]
    assert _read(path, "cp932")[1] == ["〓野の会", ""]


def test_utf8_sig_holds_everything_with_a_bom(tmp_path):
    path = tmp_path / "a.csv"
    assert write_csv(path, _sheet(("𠮷野の会", date(2026, 4, 7))), encoding="utf-8-sig") == []
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert _read(path, "utf-8-sig")[1] == ["𠮷野の会", "2026/04/07"]


def test_csv_neutralises_formulas(tmp_path):
    path = tmp_path / "a.csv"
    write_csv(path, _sheet(('=HYPERLINK("x")', None)))
    assert _read(path, "cp932")[1][0] == '\'=HYPERLINK("x")'


def test_xlsx_has_date_cells_a_frozen_header_and_no_formulas(tmp_path):
    path = tmp_path / "a.xlsx"
    write_xlsx(path, [_sheet(("=1+1", date(2026, 4, 7)), ("日南\n油津", None))])
    ws = openpyxl.load_workbook(path)["台帳"]
    assert ws.freeze_panes == "A2"
    assert ws["A2"].value == "'=1+1" and ws["A2"].data_type == "s"
    assert ws["B2"].is_date and ws["B2"].value.date() == date(2026, 4, 7)
    assert ws["B2"].number_format == "yyyy/mm/dd"
    assert ws["A3"].value == "日南\n油津"
    assert ws.column_dimensions["A"].width >= 8


def test_xlsx_refuses_control_characters_unless_replaced(tmp_path):
    path = tmp_path / "a.xlsx"
    with pytest.raises(UnencodableText, match="U\\+0007"):
        write_xlsx(path, [_sheet(("ベル\x07の会", None))])
    replaced = write_xlsx(path, [_sheet(("ベル\x07の会", None))], replace=True)
    assert len(replaced) == 1
    assert openpyxl.load_workbook(path)["台帳"]["A2"].value == "ベル〓の会"


def test_an_unwritable_target_is_a_japanese_error(tmp_path):
    from npo_desk.domain.errors import NpoDeskError

    with pytest.raises(NpoDeskError, match="書き込めませんでした"):
        write_csv(tmp_path / "no-such-dir" / "a.csv", _sheet(("会", None)))
