"""``npo-desk letter KIND --case NUMBER --out FILE.docx``: the letter written, or one Japanese line on
stderr and exit 2 (特定非営利活動促進法12条3項: no 不認証 letter without its reason)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import docx
import pytest

from npo_desk import store
from npo_desk.cli import main
from npo_desk.domain.letters import LetterKind
from npo_desk.store import Case, Milestone, MilestoneKind, Office

from .conftest import TODAY

K = MilestoneKind


@pytest.fixture
def db(tmp_path):
    st = store.open_store(str(tmp_path / "letters.db"))
    settings = replace(
        store.load_settings(st), head_name="日南 太郎", document_number_format="日南市指令第{番号}号"
    )
    store.save_settings(st, settings, who="テスト")
    for name, dated in (
        ("ひなた子ども食堂", ((K.RECEIVED, date(2026, 9, 1)), (K.CERTIFIED, date(2026, 11, 2)))),
        ("油津まちづくり協議会", ((K.RECEIVED, date(2026, 9, 1)), (K.REFUSED, date(2026, 11, 4)))),
    ):
        case = Case(
            name=name,
            representative="日向 花子",
            offices=(Office("宮崎県日南市中央通1丁目1-1"),),
            milestones=tuple(Milestone(kind, on) for kind, on in dated),
        )
        store.create_case(st, case, who="テスト", today=TODAY)
    numbers = [s.number for s in store.list_cases(st)]
    st.close()
    return str(tmp_path / "letters.db"), sorted(numbers)


def _text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_certificate_and_refusal_from_the_command_line(db, tmp_path, capsys):
    path, (certified, refused) = db
    out = tmp_path / "認証書.docx"
    assert (
        main(["--db", path, "letter", "ninsho", "--case", certified, "--out", str(out), "--number", "77"])
        == 0
    )
    assert f"認証書 {certified} ひなた子ども食堂" in capsys.readouterr().out
    text = _text(out)
    assert "日南市指令第77号" in text and "令和8年11月2日" in text and "日南市長\u3000日南 太郎" in text
    out = tmp_path / "不認証.docx"
    argv = ["--db", path, "letter", "funinsho", "--case", refused, "--out", str(out)]
    assert (
        main([*argv, "--reason", "目的が特定非営利活動でないため。", "--reason", "役員の数が足りないため。"])
        == 0
    )
    text = _text(out)
    assert "目的が特定非営利活動でないため。" in text and "役員の数が足りないため。" in text
    assert "令和8年11月4日" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["funinsho", "--case", "{refused}"], "不認証の理由が必要です"),
        (["ninsho", "--case", "R1-999"], "案件番号「R1-999」の案件はありません"),
        (["ninsho", "--case", "{refused}"], "認証日が記録されていません"),
        (["tokusoku-toki", "--case", "{refused}"], "認証日が記録されていません"),
        (["ninsho", "--case", "{certified}", "--date", "2026-02-30"], "--date"),
        (["shomeisho", "--case", "{certified}"], "「shomeisho」という文書はありません"),
    ],
)
def test_bad_input_is_one_japanese_line_and_exit_2(db, tmp_path, capsys, args, message):
    path, (certified, refused) = db
    out = tmp_path / "x.docx"
    argv = [a.format(certified=certified, refused=refused) for a in args]
    try:
        code = main(["--db", path, "letter", *argv, "--out", str(out)])
    except SystemExit as usage:  # argparse's own refusal (the _Parser's one line)
        code = usage.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_out_must_be_a_new_docx(db, tmp_path, capsys):
    path, (certified, _) = db
    assert (
        main(["--db", path, "letter", "ninsho", "--case", certified, "--out", str(tmp_path / "x.pdf")]) == 2
    )
    assert ".docx" in capsys.readouterr().err
    out = tmp_path / "x.docx"
    out.write_bytes(b"kept")
    assert main(["--db", path, "letter", "ninsho", "--case", certified, "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err and out.read_bytes() == b"kept"
    assert main(["--db", path, "letter", "ninsho", "--case", certified, "--out", str(out), "--force"]) == 0


def test_help_lists_every_kind_in_romaji(capsys):
    with pytest.raises(SystemExit):
        main(["letter", "--help"])
    shown = capsys.readouterr().out
    assert all(kind.value in shown for kind in LetterKind)


@pytest.mark.slow
def test_letter_in_a_fresh_process_without_a_mayor_is_refused_in_one_line(tmp_path):
    st = store.open_store(str(tmp_path / "bare.db"))
    case = store.create_case(
        st,
        Case(
            name="相談の会", representative="日向 花子", milestones=(Milestone(K.RECEIVED, date(2026, 9, 1)),)
        ),
        who="テスト",
        today=TODAY,
    )
    st.close()
    argv = ["letter", "hosei", "--case", case.number, "--out", str(tmp_path / "h.docx"), "--reason", "日付"]
    done = subprocess.run(
        [sys.executable, "-m", "npo_desk", "--db", str(tmp_path / "bare.db"), *argv, "--date", "R8.9.2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "首長名" in done.stderr and "Traceback" not in done.stderr


BASE = "234567890123"


@pytest.fixture
def overdue(tmp_path):
    """A 法人 registered in 2021 without a 事業報告書等 since (29条), renamed since its 設立, with a
    役員変更届 (23条) after it: (db path, 法人番号, its 設立 case's number, the notice's number)."""
    from npo_desk.domain.corporate_number import check_digit

    path = str(tmp_path / "overdue.db")
    st = store.open_store(path)
    store.save_settings(st, replace(store.load_settings(st), head_name="日南 太郎"), who="テスト")
    applied = store.create_case(
        st,
        Case(
            name="北郷里山の会",
            representative="日向 花子",
            fiscal_year_start=(4, 1),
            offices=(Office("宮崎県日南市北郷町郷之原1-1"),),
            milestones=(Milestone(K.RECEIVED, date(2021, 4, 1)),),
        ),
        who="テスト",
        today=TODAY,
    )
    founded = store.save_case(
        st,
        replace(
            applied,
            milestones=(
                *applied.milestones,
                Milestone(K.CERTIFIED, date(2021, 6, 3)),
                Milestone(K.CERTIFICATE_DELIVERED, date(2021, 6, 5)),
                Milestone(K.REGISTERED, date(2021, 6, 14)),
            ),
        ),
        who="テスト",
    )
    corporation_id = founded.corporation_id or 0
    number = f"{check_digit(BASE)}{BASE}"
    corporation = store.get_corporation(st, corporation_id)
    store.save_corporation(
        st,
        replace(corporation, name="北郷里山と森の会", representative="黒木 一郎", corporate_number=number),
        who="テスト",
    )
    notice = store.start_procedure(
        st, corporation_id, store.CaseKind.OFFICER_CHANGE_NOTICE, who="テスト", today=TODAY
    )
    st.close()
    return path, number, founded.number, notice.number


def test_a_reminder_by_the_corporate_number_is_made_from_the_founding_case(overdue, tmp_path, capsys):
    """29条: the reports are filed with the 設立 case; the 督促 names the overdue years and goes to the
    corporation by its name and representative now, found by its 法人番号 (typed full width with
    hyphens), or by the number of any of its procedures."""
    path, number, founding, notice = overdue
    typed = "-".join((number[:1], number[1:5], number[5:9], number[9:])).translate(
        str.maketrans("0123456789-", "０１２３４５６７８９－")
    )
    for n, subject in enumerate((["--corporation-number", typed], ["--case", notice], ["--case", founding])):
        out = tmp_path / f"督促{n}.docx"
        argv = ["--db", path, "letter", "tokusoku-jigyo-hokoku", *subject, "--out", str(out)]
        assert main(argv) == 0
        assert f"事業報告書等の提出の督促 {founding} 北郷里山と森の会" in capsys.readouterr().out
        text = _text(out)
        assert "北郷里山と森の会" in text and "黒木 一郎" in text and "日向 花子" not in text
        assert "令和3年度分" in text and "令和5年度分" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ninsho", "--corporation-number", "{number}"], "認証書は --case で"),
        (["tokusoku-jigyo-hokoku"], "どちらか1つを指定してください"),
        (
            ["tokusoku-jigyo-hokoku", "--case", "{founding}", "--corporation-number", "{number}"],
            "どちらか1つ",
        ),
        (["torikeshi", "--corporation-number", "1234567890123", "--reason", "x"], "検査用数字"),
        (["torikeshi", "--corporation-number", "{other}", "--reason", "x"], "の法人はありません"),
        (["torikeshi", "--corporation-number", "{number}", "--reason", "x"], "取消日が記録されていません"),
    ],
)
def test_a_corporation_letter_refused_is_one_japanese_line(overdue, tmp_path, capsys, args, message):
    from npo_desk.domain.corporate_number import check_digit

    path, number, founding, _notice = overdue
    other = f"{check_digit('111111111111')}111111111111"
    out = tmp_path / "x.docx"
    argv = [a.format(number=number, founding=founding, other=other) for a in args]
    assert main(["--db", path, "letter", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_help_says_how_to_name_the_corporation(capsys):
    with pytest.raises(SystemExit):
        main(["letter", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert (
        "--corporation-number" in shown
        and "法人番号" in shown
        and "tokusoku-jigyo-hokoku・torikeshi" in shown
    )
