"""``npo-desk deadlines --procedure articles-amendment|merger``: the 定款変更認証 (法25条3項) and 合併認証
(法34条3項) deadlines on the command line, through the domain's ``procedure_deadlines``.

Every expected date is worked out here by 民法 (初日不算入 140条; a period of weeks, months or years ends
on the day before the day of the last week or month that corresponds to the first counted day, 143条2項;
with no such day, the month's last day, 143条2項ただし書), not copied from the program's output.
"""

from __future__ import annotations

import json

import pytest

from npo_desk.cli import main
from npo_desk.domain.procedures import KINDS, Milestone, ProcedureKind


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["deadlines", *args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert isinstance(result, dict)
    return result


def _dates(result: dict[str, object]) -> dict[str, tuple[str, str]]:
    """key -> (date, unrolled) of the JSON's deadlines."""
    deadlines = result["deadlines"]
    assert isinstance(deadlines, dict)
    return {key: (d["date"], d["unrolled"]) for key, d in deadlines.items()}


def _refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The one stderr line of a refused ``deadlines`` run (exit 2, nothing on stdout, no traceback)."""
    assert main(["deadlines", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("npo-desk: "), captured.err
    return lines[0]


def test_articles_amendment_received_2021_06_09(capsys: pytest.CaptureFixture[str]) -> None:
    """法25条5項 applies 10条2項・4項 and 12条2項 in the version of 令和2年法律第72号 (from 2021-06-09;
    附則第2条 names 25条3項 applications): received Wed 2021-06-09, counting starts 06-10.
    縦覧 2 weeks → 06-23; 補正 1 week → 06-16; decision 2 months from 06-24 (the day after 縦覧) → 08-23."""
    result = _json(
        capsys, "--procedure", "articles-amendment", "--received", "2021-06-09", "--as-of", "2021-06-30"
    )
    assert result["procedure"] == ProcedureKind.ARTICLES_AMENDMENT.value == "articles_amendment"
    assert result["law"] == "2021-06-09"
    assert _dates(result) == {
        "public_inspection_end": ("2021-06-23", "2021-06-23"),
        "correction_deadline": ("2021-06-16", "2021-06-16"),
        "decision_deadline": ("2021-08-23", "2021-08-23"),
    }
    deadlines = result["deadlines"]
    assert isinstance(deadlines, dict)
    through = "特定非営利活動促進法第25条第5項において準用する"
    assert deadlines["public_inspection_end"]["basis"] == f"{through}第10条第2項"
    assert deadlines["correction_deadline"]["basis"].startswith(f"{through}第10条第4項")
    # On 06-30 縦覧 and 補正 are over; the decision is still to be made.
    assert result["as_of"] == "2021-06-30" and result["pending"] == ["decision_deadline"]


def test_articles_amendment_received_2017_04_01(capsys: pytest.CaptureFixture[str]) -> None:
    """平成28年法律第70号 (from 2017-04-01): 縦覧 one month, 補正 2 weeks. Received Sat 2017-04-01, counting
    from 04-02: 縦覧 → 05-01; 補正 → 04-15, a Saturday, so the applicant's last day is Mon 04-17
    (地方自治法4条の2第4項); decision 2 months from 05-02 → 07-01 (a Saturday: 12条2項 does not move)."""
    result = _json(
        capsys, "--procedure", "articles-amendment", "--received", "2017-04-01", "--as-of", "2017-04-03"
    )
    assert result["law"] == "2017-04-01"
    assert _dates(result) == {
        "public_inspection_end": ("2017-05-01", "2017-05-01"),
        "correction_deadline": ("2017-04-17", "2017-04-15"),
        "decision_deadline": ("2017-07-01", "2017-07-01"),
    }
    assert result["pending"] == ["correction_deadline", "public_inspection_end", "decision_deadline"]


def test_articles_amendment_received_the_day_before_is_the_previous_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """2017-03-31 is 平成23年法律第70号's version: 縦覧 2 months from 04-01 → 05-31; 補正 1 month → 04-30,
    a Sunday → Mon 05-01 (10条3項 as then numbered); decision 2 months from 06-01 → 07-31."""
    result = _json(
        capsys, "--procedure", "articles-amendment", "--received", "2017-03-31", "--as-of", "2017-04-03"
    )
    assert result["law"] == "2012-04-01"
    assert _dates(result) == {
        "public_inspection_end": ("2017-05-31", "2017-05-31"),
        "correction_deadline": ("2017-05-01", "2017-04-30"),
        "decision_deadline": ("2017-07-31", "2017-07-31"),
    }


def test_amendment_with_a_registered_change(capsys: pytest.CaptureFixture[str]) -> None:
    """組合等登記令3条1項・24条: a change of a 登記事項 is registered within 2 weeks of the 認証書's
    arrival (Mon 2021-07-26, counting from 07-27 → 08-09, 2021's 振替休日 for 山の日 moved to Sunday
    08-08 by the Olympic special law, so the 法務局's last day is 08-10); then 25条7項's 登記事項証明書
    「遅滞なく」, reminded the settings' 60 days after the registration (08-05 → 10-04)."""
    facts = ["--received", "2021-06-09", "--certified", "2021-07-20", "--certificate-delivered", "2021-07-26"]
    before = _json(capsys, "--procedure", "articles-amendment", *facts, "--as-of", "2021-07-30")
    assert "amendment_registration_deadline" not in _dates(before)  # not told the change is registered
    result = _json(
        capsys, "--procedure", "articles-amendment", *facts, "--registered-change",
        "--registered", "2021-08-05", "--as-of", "2021-08-06",
    )
    dates = _dates(result)
    assert dates["amendment_registration_deadline"] == ("2021-08-10", "2021-08-09")
    assert dates["amendment_certificate_notice"] == ("2021-10-04", "2021-10-04")
    assert result["pending"] == ["amendment_certificate_notice"]  # decided and registered
    done = _json(
        capsys, "--procedure", "articles-amendment", *facts, "--registered-change",
        "--registered", "2021-08-05", "--registration-notice", "2021-08-20", "--as-of", "2021-08-20",
    )
    assert done["pending"] == []


def test_merger_across_versions(capsys: pytest.CaptureFixture[str]) -> None:
    """合併認証 (34条5項 applying 10条・12条), received 2008-10-15 (平成15年 version: 縦覧 2 months, no 補正
    period): 縦覧 from 10-16 → 12-15, decision 2 months from 12-16 → 2009-02-15. Then 35条 (公告・催告
    within 2 weeks of the notice's arrival 01-22 → 02-05), 組合等登記令8条 (2 weeks from the end of the
    merger's procedures 03-30 → 04-13), 39条2項・13条3項 (6 months from 認証 01-20 → 07-20, 海の日,
    not moved)."""
    result = _json(
        capsys, "--procedure", "merger", "--received", "平成20年10月15日", "--certified", "2009-01-20",
        "--certificate-delivered", "2009-01-22", "--merger-procedures-done", "2009-03-30",
        "--as-of", "2009-04-01",
    )
    assert result["procedure"] == "merger" and result["law"] == "2003-05-01"
    assert _dates(result) == {
        "public_inspection_end": ("2008-12-15", "2008-12-15"),
        "decision_deadline": ("2009-02-15", "2009-02-15"),
        "merger_creditor_notice": ("2009-02-05", "2009-02-05"),
        "merger_registration_deadline": ("2009-04-13", "2009-04-13"),
        "merger_registration_grace_end": ("2009-07-20", "2009-07-20"),
    }
    assert result["pending"] == ["merger_registration_deadline", "merger_registration_grace_end"]
    deadlines = result["deadlines"]
    assert isinstance(deadlines, dict)
    assert deadlines["decision_deadline"]["basis"] == (
        "特定非営利活動促進法第34条第5項において準用する第12条第2項"
    )


def test_merger_received_2021_06_09_has_the_new_periods(capsys: pytest.CaptureFixture[str]) -> None:
    """The same 2 weeks / 1 week / 2 months as a 定款変更 of that day (令和2年法律第72号附則第2条 names
    34条3項 applications too)."""
    merger = _json(capsys, "--procedure", "merger", "--received", "2021-06-09", "--as-of", "2021-06-09")
    amendment = _json(
        capsys, "--procedure", "articles-amendment", "--received", "2021-06-09", "--as-of", "2021-06-09"
    )
    assert _dates(merger) == _dates(amendment)
    assert _dates(merger)["public_inspection_end"] == ("2021-06-23", "2021-06-23")


def test_refused_or_withdrawn_leaves_nothing_pending(capsys: pytest.CaptureFixture[str]) -> None:
    """A 不認証 or a 取下げ ends the application: its deadlines are still shown, none is pending."""
    base = ["--procedure", "articles-amendment", "--received", "2021-06-09", "--as-of", "2021-07-10"]
    assert _json(capsys, *base)["pending"] == ["decision_deadline"]
    assert _json(capsys, *base, "--refused", "2021-07-01")["pending"] == []
    assert _json(capsys, *base, "--withdrawn", "2021-06-20")["pending"] == []
    assert _json(capsys, *base, "--correction-received", "2021-06-14")["pending"] == ["decision_deadline"]


def test_outgoing_authority_change_has_no_deadlines_here(capsys: pytest.CaptureFixture[str]) -> None:
    """法26条1項: a 定款変更 moving the corporation to another 所轄庁 is decided by the new one; the old
    one only forwards it, so it counts nothing. The new one counts the usual periods."""
    base = ["--procedure", "articles-amendment", "--received", "2021-06-09", "--as-of", "2021-06-10"]
    outgoing = _json(capsys, *base, "--authority-change", "outgoing")
    assert outgoing["deadlines"] == {} and outgoing["pending"] == []
    incoming = _json(capsys, *base, "--authority-change", "incoming")
    assert _dates(incoming)["decision_deadline"] == ("2021-08-23", "2021-08-23")
    assert main(["deadlines", *base, "--authority-change", "outgoing"]) == 0
    assert "当庁が数える期限はありません" in capsys.readouterr().out


def test_the_json_has_establishments_shape_and_the_procedure(capsys: pytest.CaptureFixture[str]) -> None:
    """Same fields as ``deadlines`` for a 設立 (law, deadlines: date, unrolled, basis), plus the kind,
    the 基準日 and the deadlines pending on it; 設立's own output is unchanged."""
    establishment = _json(capsys, "--received", "2021-06-09")
    assert set(establishment) == {"law", "deadlines"}
    assert _json(capsys, "--procedure", "establishment", "--received", "2021-06-09") == establishment
    amendment = _json(
        capsys, "--procedure", "articles-amendment", "--received", "2021-06-09", "--as-of", "2021-06-09"
    )
    assert set(amendment) == {"procedure", "law", "deadlines", "as_of", "pending"}
    for shown in (establishment, amendment):
        deadlines = shown["deadlines"]
        assert isinstance(deadlines, dict)
        assert all(set(d) == {"date", "unrolled", "basis"} for d in deadlines.values())
    assert list(_dates(amendment)) == list(_dates(establishment))  # same periods for the same day
    pending = amendment["pending"]
    assert isinstance(pending, list) and pending and set(pending) <= set(_dates(amendment))


def test_japanese_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", "--procedure", "articles-amendment", "--received", "R8.11.16",
                 "--as-of", "R8.12.2"]) == 0
    out = capsys.readouterr().out
    assert "手続: 定款変更認証 (特定非営利活動促進法第25条第3項)" in out
    assert "申請受理日: 令和8年11月16日(月)" in out
    # 1 week from 11-17 → 11-23, 勤労感謝の日 → Tue 11-24
    line = next(row for row in out.splitlines() if row.startswith("補正の期限"))
    assert "令和8年11月24日(火)" in line and "第25条第5項において準用する第10条第4項" in line
    assert "令和8年12月2日(水)現在で未了の期限: 認証・不認証の決定期限" in out
    assert "2026-" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--procedure", "articles-amendment", "--merger-procedures-done", "2021-09-01"],
         "--merger-procedures-done は合併認証の日付です。定款変更認証には指定できません。"),
        (["--merger-procedures-done", "2021-09-01"], "設立認証には指定できません"),
        (["--procedure", "merger", "--registered-change"],
         "--registered-change は定款変更認証の指定です。合併認証には指定できません。"),
        (["--procedure", "merger", "--authority-change", "incoming"],
         "--authority-change は定款変更認証の指定"),
        (["--registered-change"],
         "--registered-change は定款変更認証の指定です。設立認証には指定できません。"),
        (["--as-of", "2021-07-01"], "--as-of は定款変更認証・合併認証の指定です"),
    ],
)
def test_an_option_of_another_procedure_is_refused(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert message in _refused(capsys, "--received", "2021-06-09", *args)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Not happened yet on the 基準日: the domain's check_procedure.
        (["--certified", "2021-08-01", "--as-of", "2021-07-01"], "まだ起きていないことは記録できません"),
        (["--received", "2099-01-04"], "受理の日付(令和81年1月4日)が今日"),
        # 認証書 after 認証 (12条), registration after the 認証書 (組合等登記令3条1項).
        (["--certified", "2021-07-20", "--certificate-delivered", "2021-07-19"],
         "認証書の到達(令和3年7月19日)が認証(令和3年7月20日)より前になっています。"),
        (["--certificate-delivered", "2021-07-26", "--registered", "2021-07-25"], "登記(令和3年7月25日)が"),
        # 12条2項 via 25条5項: decided after 縦覧 (to 06-23), and either 認証 or 不認証.
        (["--certified", "2021-06-23"], "縦覧期間(令和3年6月23日まで)の終わる前"),
        (["--certified", "2021-07-01", "--refused", "2021-07-02"], "認証と不認証の両方の日付があります"),
        (["--received", "9999-12-17", "--as-of", "9999-12-31"], "遠い将来の日付"),
        (["--certified", "2021-07-20", "--as-of", "明日"], "--as-of: 「明日」は日付として読めません"),
        (["--law", "2020-01-01"], "法令の版「2020-01-01」はありません"),
    ],
)
def test_domain_refusals_are_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    received = [] if "--received" in args else ["--received", "2021-06-09"]
    assert message in _refused(capsys, "--procedure", "articles-amendment", *received, *args)


def test_each_procedure_takes_exactly_its_own_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """Every date option is taken by the procedures whose kind has that milestone (procedures.KINDS)
    and refused by the others; none is silently ignored."""
    options = {
        "--correction-received": Milestone.CORRECTION_RECEIVED,
        "--certified": Milestone.CERTIFIED,
        "--refused": Milestone.REFUSED,
        "--withdrawn": Milestone.WITHDRAWN,
        "--certificate-delivered": Milestone.CERTIFICATE_DELIVERED,
        "--merger-procedures-done": Milestone.MERGER_PROCEDURES_DONE,
        "--registered": Milestone.REGISTERED,
        "--registration-notice": Milestone.REGISTRATION_NOTICE,
    }
    procedures = {
        "establishment": ProcedureKind.ESTABLISHMENT,
        "articles-amendment": ProcedureKind.ARTICLES_AMENDMENT,
        "merger": ProcedureKind.MERGER,
    }
    for name, kind in procedures.items():
        for option, milestone in options.items():
            # A date late enough for every fact after a 2021-06-09 receipt, with nothing before it.
            args = ["--procedure", name, "--received", "2021-06-09", option, "2021-09-01"]
            status = main(["deadlines", *args])
            err = capsys.readouterr().err
            assert (status == 0) == (milestone in KINDS[kind].milestones), (name, option, err)
            assert status == 0 or f"{option} は" in err


def test_an_unknown_procedure_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["deadlines", "--procedure", "dissolution", "--received", "2021-06-09"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "--procedure" in err
