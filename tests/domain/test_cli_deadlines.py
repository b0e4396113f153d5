"""``npo-desk deadlines``: JSON contract, the Japanese table, and bad input as one line + exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from npo_desk.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["deadlines", *args, "--json"]) == 0
    out = capsys.readouterr().out
    result = json.loads(out)
    assert isinstance(result, dict)
    return result


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--received", "2025-04-07")
    assert result == {
        "law": "2021-06-09",
        "deadlines": {
            "public_inspection_end": {
                "date": "2025-04-21", "unrolled": "2025-04-21", "basis": "特定非営利活動促進法第10条第2項",
            },
            "correction_deadline": {
                "date": "2025-04-14", "unrolled": "2025-04-14",
                "basis": "特定非営利活動促進法第10条第4項、地方自治法第4条の2第4項",
            },
            "decision_deadline": {
                "date": "2025-06-21", "unrolled": "2025-06-21", "basis": "特定非営利活動促進法第12条第2項",
            },
        },
    }


def test_json_is_not_ascii_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", "--received", "2025-04-07", "--json"]) == 0
    assert "特定非営利活動促進法" in capsys.readouterr().out


def test_json_with_later_facts_and_roll(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(
        capsys, "--received", "2025-02-07", "--certified", "2025-04-10",
        "--certificate-delivered", "2025-04-22", "--registered", "2025-05-08",
    )
    deadlines = result["deadlines"]
    assert isinstance(deadlines, dict)
    assert list(deadlines) == [
        "public_inspection_end", "correction_deadline", "decision_deadline", "registration_deadline",
        "registration_grace_end", "registration_notice",
    ]
    assert deadlines["registration_deadline"] == {
        "date": "2025-05-07", "unrolled": "2025-05-06",
        "basis": "組合等登記令第2条第1項、行政機関の休日に関する法律第2条",
    }
    assert deadlines["registration_grace_end"]["date"] == "2025-10-10"
    assert deadlines["registration_notice"]["date"] == "2025-07-07"


def test_seed_case_and_law_override(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--received", "平成20年10月15日")
    assert result["law"] == "2003-05-01"
    assert result["deadlines"] == {
        "public_inspection_end": {
            "date": "2008-12-15", "unrolled": "2008-12-15", "basis": "特定非営利活動促進法第10条第2項",
        },
        "decision_deadline": {
            "date": "2009-02-15", "unrolled": "2009-02-15", "basis": "特定非営利活動促進法第12条第2項",
        },
    }
    override = run_json(capsys, "--received", "2025-04-07", "--law", "2017-04-01")
    assert override["law"] == "2017-04-01"


def test_japanese_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", "--received", "R7.2.7", "--certified", "2025-04-10",
                 "--certificate-delivered", "2025-04-22"]) == 0
    out = capsys.readouterr().out
    assert "法令の版: 2021-06-09 令和3年6月9日施行 (令和2年法律第72号)" in out
    assert "申請受理日: 令和7年2月7日(金)" in out
    assert "縦覧期間の末日" in out and "令和7年2月21日(金)" in out
    line = next(row for row in out.splitlines() if row.startswith("設立登記の期限"))
    assert "令和7年5月7日(水)" in line and "組合等登記令第2条第1項" in line
    assert "(5月6日(火)が振替休日のため繰延べ)" in out
    assert "2025-" not in out  # the screen shows 和暦 only


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2025-02-30"], "--received: 「2025-02-30」は存在しない日付です。"),
        (["--received", "平成31年5月1日"], "平成の期間にない日付"),
        (["--received", "2025-04-07", "--certified", "明日"], "--certified: 「明日」は日付として読めません"),
        (["--received", "2025-04-07", "--law", "2020-01-01"], "法令の版「2020-01-01」はありません"),
        (["--received", "1998-11-30"], "施行日"),
        (["--received", "2025-04-07", "--certified", "2025-04-21"], "縦覧期間"),
        (["--received", "2025-04-07", "--certified", "2025-05-01", "--certificate-delivered", "2025-04-30"],
         "認証書の到達の日"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["deadlines", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert lines[0].startswith("npo-desk: ")


def test_missing_received_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["deadlines", "--json"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "--received" in err


@pytest.mark.slow
def test_installed_script() -> None:
    script = Path(sys.executable).with_name("npo-desk")
    assert script.exists(), "the project must be installed (pip install -e .)"
    done = subprocess.run(
        [str(script), "deadlines", "--received", "2025-04-07", "--json"],
        capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["deadlines"]["decision_deadline"]["date"] == "2025-06-21"
    bad = subprocess.run(
        [str(script), "deadlines", "--received", "R1.4.30"],
        capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and len(bad.stderr.splitlines()) == 1


def test_a_certificate_before_the_application_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """特定非営利活動促進法第10条第1項・第12条: the 認証書 can only follow a 認証, which can only follow
    the application's receipt (and the end of 縦覧, 第10条第2項), even when the 認証 date is not given;
    registration (組合等登記令第2条) follows the certificate. Refused: exit 2, one Japanese line."""
    args = ["--received", "2025-01-06", "--certificate-delivered", "2024-12-19", "--json"]
    assert main(["deadlines", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "npo-desk: 認証書の到達の日(令和6年12月19日)が申請受理の日(令和7年1月6日)より前になっています。\n"
    )
    assert main(["deadlines", "--received", "2025-01-06", "--registered", "2025-01-05"]) == 2
    assert "設立の登記の日(令和7年1月5日)が申請受理の日" in capsys.readouterr().err
    assert main(["deadlines", "--received", "2025-01-06", "--certificate-delivered", "2025-01-20"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "縦覧期間(令和7年1月20日まで)の終わる前" in err


def test_installed_script_refuses_a_certificate_before_receipt() -> None:
    """法第12条: 認証 (and so its 認証書) comes after the application; the installed command says so in
    one line on stderr with exit status 2, no traceback."""
    script = Path(sys.executable).with_name("npo-desk")
    done = subprocess.run(
        [str(script), "deadlines", "--received", "2025-01-06", "--certificate-delivered", "2024-12-19"],
        capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
    assert "認証書の到達の日" in done.stderr


@pytest.mark.parametrize(
    ("received", "basis"),
    [
        ("2021-06-08", "特定非営利活動促進法第10条第3項、地方自治法第4条の2第4項"),
        ("2021-06-09", "特定非営利活動促進法第10条第4項、地方自治法第4条の2第4項"),
        ("2012-03-15", "特定非営利活動促進法第10条第3項、地方自治法第4条の2第4項"),
    ],
)
def test_json_correction_basis_by_version(
    capsys: pytest.CaptureFixture[str], received: str, basis: str
) -> None:
    """法第10条: 補正 is 第3項 (平成23年法律第70号, reaching applications pending on 2012-04-01 as its
    附則 keeps no 経過措置 for it) until 令和2年法律第72号 made it 第4項 for applications from 2021-06-09."""
    result = run_json(capsys, "--received", received)
    deadlines = result["deadlines"]
    assert isinstance(deadlines, dict)
    assert deadlines["correction_deadline"]["basis"] == basis


def test_the_table_names_the_last_open_day_of_a_deadline_on_a_closed_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """特定非営利活動促進法第12条第2項: the decision period does not move; received 2026-11-27, it ends on
    建国記念の日 2027-02-11, and the table says the office must act by Wednesday 02-10."""
    assert main(["deadlines", "--received", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    assert "令和9年2月11日(木・建国記念の日) — 閉庁日のため実務上は2月10日(水)まで" in out
