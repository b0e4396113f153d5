"""``npo-desk report|export|import``: exit codes, messages on stderr, files written."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

from npo_desk import store
from npo_desk.cli import main
from npo_desk.reports.layouts import CABINET_OFFICE_HEADER, LEDGER_EXPORT_HEADER, LEDGER_HEADER
from npo_desk.store import Case, Milestone, MilestoneKind

from .conftest import TODAY, add_cases


@pytest.fixture
def db(sample_store):
    return str(sample_store.path)


def test_export_each_layout(db, tmp_path, capsys):
    for layout, header in (("ledger", LEDGER_EXPORT_HEADER), ("cabinet-office", CABINET_OFFICE_HEADER)):
        out = tmp_path / f"{layout}.csv"
        assert main(["--db", db, "export", "--out", str(out), "--layout", layout]) == 0
        with out.open(encoding="cp932", newline="") as f:
            assert tuple(next(csv.reader(f))) == header
    out = tmp_path / "stats.csv"
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "--out",
                str(out),
                "--layout",
                "statistics",
                "--from",
                "R8.4.1",
                "--to",
                "令和9年3月31日",
            ]
        )
        == 0
    )
    header, ours = out.read_text(encoding="cp932").splitlines()
    assert header.startswith("所轄庁,申請受理数,認証数,不認証数,解散数,うち認証取消数,定款変更認証")
    assert ours == "日南市,6,2,1,0,0," + ",".join(["0"] * 11)  # no 定款変更認証, no 解散 by any ground
    assert "ledger-手続.csv" in {p.name for p in tmp_path.iterdir()}  # the ledger's procedures beside it


def test_export_filters_by_stage(db, tmp_path):
    out = tmp_path / "review.csv"
    assert main(["--db", db, "export", "--out", str(out), "--layout", "ledger", "--stage", "review"]) == 0
    with out.open(encoding="cp932", newline="") as f:
        names = [row[0] for row in csv.reader(f)][1:]
    assert sorted(names) == sorted(
        [
            "油津まちづくり協議会",
            "特定非営利活動法人日南海岸の自然と文化を未来へ伝える会・飫肥城下町歴史まちなみ保存ネットワーク",
        ]
    )


def test_unencodable_text_stops_with_exit_2_or_is_replaced(sample_store, tmp_path, capsys):
    add_cases(
        sample_store, [Case(name="𠮷野ふるさと会", milestones=(Milestone(MilestoneKind.RECEIVED, TODAY),))]
    )
    out = tmp_path / "l.csv"
    db = str(sample_store.path)
    assert main(["--db", db, "export", "--out", str(out), "--layout", "ledger"]) == 2
    err = capsys.readouterr().err
    assert "CP932 (Shift_JIS) で表せない文字があるため、書き出しを中止しました（1 件）" in err
    assert "𠮷野ふるさと会: 法人名称 の「𠮷」" in err
    assert not out.exists()
    assert main(["--db", db, "export", "--out", str(out), "--layout", "ledger", "--replace-unencodable"]) == 0
    assert "置き換え:" in capsys.readouterr().err
    assert "〓野ふるさと会" in out.read_text(encoding="cp932")


def test_import_bad_file_exit_2_lists_rows(empty_store, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(LEDGER_HEADER) + "\n" + "会,,,,,,,,,令和7年2月30日\n", encoding="cp932")
    assert main(["--db", str(empty_store.path), "import", str(path)]) == 2
    assert "2行目「申請受理日」「令和7年2月30日」" in capsys.readouterr().err
    assert store.list_cases(empty_store) == []


def test_report_to_an_unwritable_place_exit_2(db, tmp_path, capsys, qapp):
    assert main(["--db", db, "report", "deadlines", "--out", str(tmp_path / "no" / "r.pdf")]) == 2
    assert "に書き込めません" in capsys.readouterr().err
    assert main(["--db", db, "report", "deadlines", "--out", str(tmp_path / "r.pdf"), "--days", "-1"]) == 2
    assert "0以上" in capsys.readouterr().err


def test_case_sheet_pdf(sample_store, tmp_path, capsys, qapp):
    number = store.list_cases(sample_store, store.CaseQuery(text="子育て"))[0].number
    out = tmp_path / "sheet.pdf"
    db = str(sample_store.path)
    assert (
        main(["--db", db, "report", "case-sheet", "--case", number, "--out", str(out), "--as-of", "R8.11.28"])
        == 0
    )
    assert f"案件票 {number} 日南子育てネット（令和8年11月28日現在）" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["--db", db, "report", "case-sheet", "--case", "R99-999", "--out", str(out)]) == 2
    assert "案件番号「R99-999」の案件はありません" in capsys.readouterr().err


def test_statistics_cannot_be_filtered_by_stage(db, tmp_path, capsys):
    out = tmp_path / "s.csv"
    assert main(["--db", db, "export", "--out", str(out), "--layout", "statistics", "--stage", "review"]) == 2
    assert "統計は段階では絞り込めません" in capsys.readouterr().err


def test_bad_options_exit_2(db, tmp_path, capsys):
    assert main(["--db", db, "export", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "拡張子" in capsys.readouterr().err
    assert main(["--db", db, "export", "--out", str(tmp_path / "x.csv"), "--from", "2026-13-01"]) == 2
    assert "--from" in capsys.readouterr().err


@pytest.mark.slow
def test_report_deadlines_runs_headless_in_a_fresh_process(db, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "r.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "npo_desk",
            "--db",
            db,
            "report",
            "deadlines",
            "--out",
            str(out),
            "--as-of",
            "2026-11-28",
            "--days",
            "60",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "期限一覧表 令和8年11月28日現在、5件（うち期限超過 2件）、1ページ" in done.stdout
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "command",
    [
        ["report", "deadlines", "--out", "r.pdf"],
        ["report", "case-sheet", "--case", "R8-001", "--out", "c.pdf"],
        ["export", "--out", "e.csv"],
    ],
)
def test_a_mistyped_database_is_refused_not_created(tmp_path, capsys, monkeypatch, command) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "typo.db"
    assert main(["--db", str(missing), *command]) == 2
    assert "typo.db" in capsys.readouterr().err
    assert not missing.exists()
    assert not any(tmp_path.glob(command[-1]))
