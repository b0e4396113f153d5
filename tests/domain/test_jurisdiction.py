"""所轄庁 from office addresses (docs/legal-reference.md §7), and the ``npo-desk jurisdiction`` command."""

from __future__ import annotations

import json
from datetime import date

import pytest

from npo_desk.cli import main
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.jurisdiction import AuthorityKind, Verdict, decide_authority, office_label, verdict_date
from npo_desk.domain.municipalities import AddressNotFound, AmbiguousAddress, MunicipalityIndex
from npo_desk.domain.settings import Delegation, Settings, check_delegation
from npo_desk.refdata import municipality_index

NICHINAN = Settings(home_authority="宮崎県日南市")
MIYAZAKI_PREF = Settings(home_authority="宮崎県")
YOKOHAMA = Settings(home_authority="神奈川県横浜市")


@pytest.fixture(scope="module")
def index() -> MunicipalityIndex:
    return municipality_index()


def decide(offices, as_of, settings=NICHINAN) -> Verdict:
    return decide_authority(offices, as_of, settings, municipality_index())


# ---------------------------------------------------------------- the seed scenario


def test_seed_offices_only_in_nichinan_2008_is_our_city():
    verdict = decide(["宮崎県日南市中央通1-1"], date(2008, 10, 15))
    assert verdict == Verdict(
        law="2003-05-01",
        kind=AuthorityKind.CITY,
        authority="日南市",
        ours=True,
        reason="日南市 (当市): すべての事務所が市内",
    )


def test_seed_with_branch_in_kagoshima_2008_goes_to_the_cabinet_office():
    verdict = decide(["日南市中央通1-1", "鹿児島市山下町11-1"], date(2008, 10, 15))
    assert (verdict.kind, verdict.authority, verdict.ours) == (AuthorityKind.NATIONAL, "内閣府", False)
    assert verdict.reason == "内閣府: 事務所が2以上の都道府県にあるため (平成24年3月31日以前)"


def test_seed_with_branch_in_kagoshima_2026_goes_to_miyazaki_prefecture():
    verdict = decide(["日南市中央通1-1", "鹿児島市山下町11-1"], date(2026, 4, 1))
    assert verdict.law == "2021-06-09"
    assert (verdict.kind, verdict.authority, verdict.ours) == (AuthorityKind.PREFECTURE, "宮崎県", False)
    assert verdict.reason == "宮崎県: 事務所が2以上の都道府県にあり、主たる事務所が県内にあるため"


def test_main_office_decides_the_prefecture_from_2012():
    verdict = decide(["鹿児島市山下町11-1", "日南市中央通1-1"], date(2026, 4, 1))
    assert (verdict.kind, verdict.authority) == (AuthorityKind.PREFECTURE, "鹿児島県")


def test_branch_outside_our_city_goes_to_the_prefecture():
    verdict = decide(["日南市中央通1-1", "宮崎市橘通東1-9-10"], date(2026, 4, 1))
    assert (verdict.kind, verdict.authority, verdict.ours) == (AuthorityKind.PREFECTURE, "宮崎県", False)
    assert verdict.reason == "宮崎県: 事務所が市外にもあるため"


# ---------------------------------------------------------------- designated cities


def test_all_offices_in_yokohama_is_yokohama():
    verdict = decide(["神奈川県横浜市中区港町1-1", "横浜市港北区大豆戸町"], date(2026, 4, 1))
    assert (verdict.kind, verdict.authority, verdict.ours) == (AuthorityKind.DESIGNATED_CITY, "横浜市", False)
    assert verdict.reason == "横浜市: すべての事務所が市内"


def test_yokohama_is_ours_when_we_are_yokohama():
    verdict = decide(["横浜市中区港町1-1"], date(2026, 4, 1), YOKOHAMA)
    assert verdict.ours and verdict.reason == "横浜市 (当市): すべての事務所が市内"


def test_yokohama_and_kawasaki_is_kanagawa():
    verdict = decide(["横浜市中区港町1-1", "川崎市川崎区宮本町1"], date(2026, 4, 1))
    assert (verdict.kind, verdict.authority) == (AuthorityKind.PREFECTURE, "神奈川県")
    assert verdict.reason == "神奈川県: 事務所が横浜市外にもあるため"


def test_designated_cities_had_no_powers_before_2012():
    before = decide(["横浜市中区港町1-1"], date(2012, 3, 31))
    after = decide(["横浜市中区港町1-1"], date(2012, 4, 1))
    assert (before.kind, before.authority, before.law) == (AuthorityKind.PREFECTURE, "神奈川県", "2003-05-01")
    assert "平成24年3月31日以前は指定都市も知事の所轄" in before.reason
    assert (after.kind, after.authority, after.law) == (AuthorityKind.DESIGNATED_CITY, "横浜市", "2012-04-01")


# ---------------------------------------------------------------- law boundaries


@pytest.mark.parametrize(
    ("as_of", "kind", "authority"),
    [
        (date(1998, 12, 1), AuthorityKind.NATIONAL, "経済企画庁"),
        (date(2001, 1, 5), AuthorityKind.NATIONAL, "経済企画庁"),
        (date(2001, 1, 6), AuthorityKind.NATIONAL, "内閣府"),
        (date(2012, 3, 31), AuthorityKind.NATIONAL, "内閣府"),
        (date(2012, 4, 1), AuthorityKind.PREFECTURE, "宮崎県"),
    ],
)
def test_two_prefectures_across_the_law_versions(as_of, kind, authority):
    verdict = decide(["宮崎市橘通東1-9-10", "鹿児島市山下町11-1"], as_of)
    assert (verdict.kind, verdict.authority) == (kind, authority)


def test_economic_planning_agency_reason_names_its_last_day():
    verdict = decide(["宮崎市", "鹿児島市"], date(2000, 1, 1))
    assert verdict.reason == "経済企画庁: 事務所が2以上の都道府県にあるため (平成13年1月5日以前)"


def test_before_the_act_is_an_error():
    with pytest.raises(InvalidInput, match="施行日"):
        decide(["日南市"], date(1998, 11, 30))


# ---------------------------------------------------------------- delegated municipalities


def test_other_delegated_municipality_from_settings():
    miyazaki = frozenset({Delegation("452017")})  # 宮崎市
    settings = Settings(home_authority="宮崎県", delegated_municipalities=miyazaki)
    verdict = decide(["宮崎市橘通東1-9-10"], date(2026, 4, 1), settings)
    assert (verdict.kind, verdict.authority, verdict.ours) == (AuthorityKind.CITY, "宮崎市", False)
    assert verdict.reason == "宮崎市: すべての事務所が市内"


def test_delegated_town_reason_says_town():
    settings = Settings(home_authority="宮崎県児湯郡高鍋町")
    verdict = decide(["高鍋町大字上江8437"], date(2026, 4, 1), settings)
    assert (verdict.kind, verdict.authority, verdict.ours) == (AuthorityKind.CITY, "高鍋町", True)
    assert verdict.reason == "高鍋町 (当町): すべての事務所が町内"


def test_prefecture_is_ours_when_we_are_the_prefecture():
    verdict = decide(["宮崎市橘通東1-9-10"], date(2026, 4, 1), MIYAZAKI_PREF)
    assert (verdict.kind, verdict.authority, verdict.ours) == (AuthorityKind.PREFECTURE, "宮崎県", True)
    assert verdict.reason == "宮崎県 (当県): すべての事務所が県内 (宮崎市への権限移譲の設定なし)"


def test_offices_in_several_undelegated_municipalities():
    verdict = decide(["串間市大字西方5550", "日南市中央通1-1"], date(2026, 4, 1))
    assert (verdict.kind, verdict.authority) == (AuthorityKind.PREFECTURE, "宮崎県")
    assert verdict.reason == "宮崎県: 事務所が県内の2以上の市区町村にあるため"


def test_tokyo_reason_says_within_the_metropolis():
    verdict = decide(["東京都新宿区西新宿2-8-1", "東京都町田市森野2-2-22"], date(2026, 4, 1))
    assert verdict.authority == "東京都"
    assert verdict.reason == "東京都: 事務所が都内の2以上の市区町村にあるため"


def test_unknown_delegated_code_is_reported():
    settings = Settings(delegated_municipalities=frozenset({Delegation("999999")}))
    with pytest.raises(InvalidInput, match="999999"):
        decide(["日南市"], date(2026, 4, 1), settings)


# ---------------------------------------------------------------- bad input


def test_bad_branch_address_says_which_office():
    with pytest.raises(AddressNotFound) as caught:
        decide(["日南市中央通1-1", "鹿児島氏山下町11-1"], date(2026, 4, 1))
    assert str(caught.value).startswith("従たる事務所1: 「鹿児島氏」に一致する市区町村がありません。")
    assert "「鹿児島県鹿児島市」ではありませんか。" in str(caught.value)


def test_ambiguous_main_office():
    with pytest.raises(AmbiguousAddress, match=r"^主たる事務所: 「府中市」は東京都府中市、広島県府中市"):
        decide(["府中市宮西町2-24"], date(2026, 4, 1))


def test_no_offices_and_bad_home():
    with pytest.raises(InvalidInput, match="事務所の所在地が入力されていません"):
        decide([], date(2026, 4, 1))
    with pytest.raises(AddressNotFound, match=r"^設定の当庁: "):
        decide(["日南市"], date(2026, 4, 1), Settings(home_authority="宮埼県"))


def test_office_labels():
    assert [office_label(i) for i in range(3)] == ["主たる事務所", "従たる事務所1", "従たる事務所2"]


# ---------------------------------------------------------------- the command line


def test_cli_json_seed(capsys):
    code = main(["jurisdiction", "--office", "日南市中央通1-1", "--as-of", "2008-10-15",
                 "--home", "宮崎県日南市", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out) == {
        "law": "2003-05-01",
        "kind": "city",
        "authority": "日南市",
        "ours": True,
        "reason": "日南市 (当市): すべての事務所が市内",
    }
    assert "日南市" in out  # ensure_ascii=False: Japanese as is


def test_cli_json_branch_in_2026(capsys):
    code = main(["jurisdiction", "--office", "日南市中央通1-1", "--office", "鹿児島市山下町11-1",
                 "--as-of", "令和8年4月1日", "--home", "宮崎県日南市", "--json"])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (payload["kind"], payload["authority"], payload["ours"]) == ("prefecture", "宮崎県", False)


def test_cli_readable_output(capsys):
    code = main(["jurisdiction", "--office", "横浜市中区港町1-1", "--as-of", "2026-04-01",
                 "--home", "神奈川県横浜市"])
    out = capsys.readouterr().out
    assert code == 0
    assert "所轄庁: 横浜市 (指定都市)" in out
    assert "当庁の所轄: はい" in out
    assert "基準日: 令和8年4月1日" in out
    assert "主たる事務所: 神奈川県横浜市中区 (横浜市中区港町1-1)" in out


def test_cli_unknown_address_is_one_line_and_exit_2(capsys):
    code = main(["jurisdiction", "--office", "日南氏中央通1-1", "--as-of", "2026-04-01"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err == (
        "npo-desk: 主たる事務所: 「日南氏」に一致する市区町村がありません。"
        "「宮崎県日南市」ではありませんか。\n"
    )


def test_cli_bad_date_is_exit_2(capsys):
    code = main(["jurisdiction", "--office", "日南市", "--as-of", "2025-02-30"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--as-of" in err


# ---------------------------------------------------------------- delegations have dates (issue 11)

KUSHIMA = "452076"  # 宮崎県串間市 (全国地方公共団体コード)


def test_our_city_is_not_the_authority_before_delegations_existed():
    """地方自治法第252条の17の2 (事務処理特例条例), added by 平成11年法律第87号 and in force 2000-04-01:
    before that day no municipality could hold a prefecture's powers, so in 1999 the prefecture (法第9条)
    certified an NPO of 日南市 even though 日南市 is our own authority now."""
    before = decide(["宮崎県日南市中央通1-1"], date(1999, 6, 14))
    assert (before.kind, before.authority, before.ours) == (AuthorityKind.PREFECTURE, "宮崎県", False)
    assert before.reason == "宮崎県: すべての事務所が県内 (日南市への権限移譲は平成12年4月1日から)"
    after = decide(["宮崎県日南市中央通1-1"], date(2000, 4, 1))
    assert (after.kind, after.authority, after.ours) == (AuthorityKind.CITY, "日南市", True)


def test_a_delegation_holds_from_its_start_to_its_end(index):
    """地方自治法第252条の17の2: a municipality does the prefecture's work only while the prefecture's
    事務処理特例条例 gives it the powers; before its start and after it gave them back, the governor
    decides (特定非営利活動促進法第9条)."""
    assert index.by_code(KUSHIMA).full_name == "宮崎県串間市"
    settings = Settings(
        home_authority="宮崎県",
        delegated_municipalities=frozenset({Delegation(KUSHIMA, date(2005, 4, 1), date(2023, 3, 31))}),
    )
    expected = {
        date(2005, 3, 31): "宮崎県",
        date(2005, 4, 1): "串間市",
        date(2023, 3, 31): "串間市",
        date(2023, 4, 1): "宮崎県",
    }
    found = {day: decide(["串間市大字西方5550"], day, settings).authority for day in expected}
    assert found == expected
    outside = decide(["串間市大字西方5550"], date(2024, 1, 1), settings)
    assert outside.reason == (
        "宮崎県 (当県): すべての事務所が県内 (串間市への権限移譲は平成17年4月1日から令和5年3月31日まで)"
    )


def test_our_own_delegation_dates_come_from_the_settings(index):
    """地方自治法第252条の17の2: our municipality's powers also start on the day the 条例 gives them,
    which the settings may state (otherwise the earliest lawful day, 2000-04-01, is assumed)."""
    nichinan = index.resolve_authority("宮崎県日南市").code
    settings = Settings(delegated_municipalities=frozenset({Delegation(nichinan, date(2008, 4, 1))}))
    assert decide(["日南市中央通1-1"], date(2008, 3, 31), settings).authority == "宮崎県"
    assert decide(["日南市中央通1-1"], date(2008, 4, 1), settings).authority == "日南市"


@pytest.mark.parametrize(
    ("delegation", "message"),
    [
        (Delegation(KUSHIMA, date(2000, 3, 31)), "平成12年4月1日"),
        (Delegation(KUSHIMA, date(2005, 4, 1), date(2005, 3, 31)), "終了日"),
    ],
)
def test_a_delegation_the_law_does_not_allow_is_refused(delegation, message):
    """地方自治法第252条の17の2 (平成11年法律第87号, in force 2000-04-01): no delegation before that day,
    and a delegation cannot end before it starts."""
    with pytest.raises(InvalidInput, match=message):
        check_delegation(delegation)
    check_delegation(Delegation(KUSHIMA, date(2000, 4, 1)))  # the first lawful day is accepted


# ---------------------------------------------------------------- the law of the day asked about (12)


def test_a_pending_application_moved_to_the_new_authority_on_2012_04_01():
    """平成23年法律第70号附則第2条: applications made to the old 所轄庁 (内閣府 for offices in two
    prefectures) and pending on 2012-04-01 count as made to the new 所轄庁 (the governor of the main
    office's prefecture, 法第9条): the verdict follows the day asked about, not the receipt date."""
    pending = CaseFacts(received_on=date(2012, 3, 15))
    offices = ["宮崎市橘通東1-9-10", "鹿児島市山下町11-1"]
    on_receipt = decide(offices, verdict_date(pending, date(2012, 3, 31)))
    after = decide(offices, verdict_date(pending, date(2012, 4, 1)))
    assert (on_receipt.authority, after.authority) == ("内閣府", "宮崎県")


def test_an_ended_case_keeps_the_authority_of_the_day_it_ended():
    """法第9条 as of the day the case ended: a case withdrawn in 2010 was before 内閣府 (offices in two
    prefectures, 平成23年法律第70号 came later); asked today, it still is."""
    withdrawn = CaseFacts(received_on=date(2010, 5, 6), withdrawn_on=date(2010, 6, 1))
    assert verdict_date(withdrawn, date(2026, 12, 2)) == date(2010, 6, 1)
    assert verdict_date(withdrawn, date(2010, 5, 20)) == date(2010, 5, 20)  # a historical day before
    assert decide(["宮崎市", "鹿児島市"], verdict_date(withdrawn, date(2026, 12, 2))).authority == "内閣府"
    assert verdict_date(CaseFacts(received_on=date(2010, 5, 6)), date(2026, 12, 2)) == date(2026, 12, 2)


def test_kumamoto_is_a_designated_city_from_its_designation_day():
    """地方自治法第252条の19: 熊本市 became a 指定都市 on 2012-04-01, the day 平成23年法律第70号 made
    指定都市 所轄庁 (法第9条); the day before, 熊本県 decided."""
    assert decide(["熊本県熊本市中央区手取本町1-1"], date(2012, 4, 1)).authority == "熊本市"
    assert decide(["熊本県熊本市手取本町1-1"], date(2012, 4, 1)).authority == "熊本市"
    assert decide(["熊本県熊本市手取本町1-1"], date(2012, 3, 31)).authority == "熊本県"  # no wards yet


def test_cli_jurisdiction_uses_the_date_asked_about(capsys):
    """地方自治法第252条の17の2 (in force 2000-04-01): 日南市 cannot be 所轄庁 in 1999."""
    assert main(["jurisdiction", "--office", "日南市中央通1-1", "--as-of", "1999-06-14", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["kind"], payload["authority"], payload["law"]) == ("prefecture", "宮崎県", "1998-12-01")
