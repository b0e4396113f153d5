"""Text survives export → import exactly (the clerk's own leading apostrophe too), and an Excel cell's
32,767-character limit stops the export with a list instead of cutting the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as strats

from npo_desk import store
from npo_desk.cli import main
from npo_desk.reports.importer import import_file
from npo_desk.reports.sheets import XLSX_CELL_LIMIT, CellTooLong, Sheet, neutralise, unneutralise, write_xlsx
from npo_desk.store import Case, Milestone, MilestoneKind

from .conftest import TODAY, add_cases


@given(strats.text(alphabet=strats.sampled_from("'=+-@\t\rａ日x "), max_size=6))
def test_unneutralise_gives_back_exactly_what_neutralise_was_given(text: str) -> None:
    assert unneutralise(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))  # never a formula


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_leading_apostrophes_and_formula_text_survive_export_and_import(tmp_path, suffix) -> None:
    typed = ["'=1+1 の会", "'abc", "=1+1", "''二重", "'+81 国際"]
    source = store.open_store(str(tmp_path / "a.db"))
    try:
        add_cases(
            source,
            [
                Case(name=name, notes=name, milestones=(Milestone(MilestoneKind.RECEIVED, TODAY),))
                for name in typed
            ],
        )
    finally:
        source.close()
    out = tmp_path / f"ledger{suffix}"
    assert main(["--db", str(tmp_path / "a.db"), "export", "--out", str(out), "--layout", "ledger"]) == 0
    target = store.open_store(str(tmp_path / "b.db"))
    try:
        import_file(target, out, who="テスト", today=TODAY)
        back = store.get_cases(target, [s.id for s in store.list_cases(target)])
    finally:
        target.close()
    assert sorted((c.name, c.notes) for c in back) == sorted((name, name) for name in typed)


def test_a_text_longer_than_an_excel_cell_stops_the_export_with_a_list(tmp_path) -> None:
    sheet = Sheet(
        "台帳",
        ("法人名称", "備考"),
        [
            ("よい会", "短い"),
            ("長い会", "あ" * (XLSX_CELL_LIMIT + 1)),
            ("ちょうどの会", "い" * XLSX_CELL_LIMIT),
        ],
        ["R8-001 よい会", "R8-002 長い会", "R8-003 ちょうどの会"],
    )
    out = tmp_path / "out.xlsx"
    with pytest.raises(CellTooLong) as raised:
        write_xlsx(out, [sheet])
    message = str(raised.value)
    assert "R8-002 長い会: 備考" in message and "32,768文字" in message and "R8-003" not in message
    assert not out.exists()
    with pytest.raises(CellTooLong):
        write_xlsx(out, [sheet], replace=True)  # 〓 replaces characters; nothing cuts a text


def test_the_cli_refuses_an_xlsx_export_of_an_overlong_memo_in_one_message(sample_store, tmp_path, capsys):
    received = (Milestone(MilestoneKind.RECEIVED, TODAY),)
    add_cases(sample_store, [Case(name="長いメモの会", notes="メモ" * 20_000, milestones=received)])
    out = tmp_path / "ledger.xlsx"
    assert main(["--db", str(sample_store.path), "export", "--out", str(out), "--layout", "ledger"]) == 2
    err = capsys.readouterr().err
    assert "長いメモの会: 備考 の「40,000文字」" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["--db", str(sample_store.path), "export", "--out", str(tmp_path / "l.csv")]) == 0
