"""Addresses read as of a date: ward names of designated cities and former municipalities.

The facts come from resources/municipality_changes.csv, 総務省's 廃置分合等 records as published by e-Stat
(「市区町村を探す」, via the jpcity package; see resources/municipality_changes.README.md).
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npo_desk.domain.jurisdiction import AuthorityKind, decide_authority
from npo_desk.domain.municipalities import (
    AddressNotFound,
    Municipality,
    MunicipalityChange,
    MunicipalityIndex,
    NamedBody,
)
from npo_desk.domain.settings import Delegation, Settings
from npo_desk.paths import RESOURCES_DIR
from npo_desk.refdata import (
    MUNICIPALITIES_CSV,
    MUNICIPALITY_CHANGES_CSV,
    municipality_index,
    read_municipality_changes,
)

TOOL = Path(__file__).resolve().parents[2] / "tools" / "make_municipality_changes.py"
HAMAMATSU_NAKA = "静岡県浜松市中区元城町103番地の2"
NANGO = "宮崎県南那珂郡南郷町中村乙1"


@pytest.fixture(scope="module")
def index() -> MunicipalityIndex:
    return municipality_index()


def _generator():
    spec = importlib.util.spec_from_file_location("make_municipality_changes", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- 9. ward names by date


@pytest.mark.parametrize("as_of", [date(2007, 4, 1), date(2015, 6, 1), date(2023, 12, 31)])
def test_hamamatsu_naka_ward_is_valid_in_its_own_time(index, as_of):
    """浜松市 became a designated city with seven wards (中区 among them) on 2007-04-01 and merged them
    into 中央区・浜名区・天竜区 on 2024-01-01 (e-Stat 廃置分合等: 政令指定都市施行 平成19年4月1日,
    区の再編 令和6年1月1日)."""
    found = index.resolve(HAMAMATSU_NAKA, as_of)
    assert found.ward is not None and found.ward.name == "中区"
    assert found.municipality.name == "浜松市" and found.municipality.kind == "designated_city"
    assert found.rest == "元城町103番地の2"
    assert [w.name for w in index.wards_of(found.municipality, as_of)] == [
        "中区",
        "東区",
        "西区",
        "南区",
        "北区",
        "浜北区",
        "天竜区",
    ]


@pytest.mark.parametrize("as_of", [None, date(2024, 1, 1), date(2026, 12, 2)])
def test_hamamatsu_naka_ward_after_2024_is_chuo_ward_with_a_note(index, as_of):
    """区の再編 of 令和6年1月1日: 中区・東区・西区・南区 and part of 北区 became 中央区
    (e-Stat 廃置分合等)."""
    found = index.resolve(HAMAMATSU_NAKA, as_of)
    assert found.ward is not None and found.ward.name == "中央区"
    assert found.former == "旧浜松市中区（令和6年1月1日に浜松市中央区へ再編）"
    assert [w.name for w in index.wards_of(found.municipality, date(2024, 1, 1))] == [
        "中央区",
        "浜名区",
        "天竜区",
    ]


def test_a_ward_created_later_is_refused_for_an_earlier_date(index):
    """中央区 of 浜松市 exists from 令和6年1月1日 (e-Stat 廃置分合等, 区の再編)."""
    with pytest.raises(AddressNotFound, match="令和6年1月1日からの名称") as err:
        index.resolve("静岡県浜松市中央区元城町103番地の2", date(2015, 6, 1))
    assert "浜松市中央区" in err.value.part
    assert index.resolve("静岡県浜松市中央区元城町103番地の2", date(2024, 1, 1)).ward is not None


def test_a_ward_before_its_city_was_designated_is_refused(index):
    """浜松市 had no wards before 平成19年4月1日 (政令指定都市施行, e-Stat 廃置分合等)."""
    with pytest.raises(AddressNotFound, match="平成19年4月1日からの区") as err:
        index.resolve(HAMAMATSU_NAKA, date(2007, 3, 31))
    assert err.value.part == "中区"
    found = index.resolve("静岡県浜松市元城町103番地の2", date(2007, 3, 31))
    assert found.municipality.kind == "city" and found.municipality.code == "222020"


def test_a_split_ward_resolves_to_its_city_without_a_ward(index):
    """浜松市北区 went partly to 中央区 (三方原地区) and partly to 浜名区 on 令和6年1月1日
    (e-Stat 廃置分合等)."""
    found = index.resolve("静岡県浜松市北区細江町気賀1", date(2026, 1, 1))
    assert found.municipality.name == "浜松市" and found.ward is None
    assert found.former is not None and "浜松市中央区・浜松市浜名区" in found.former


@pytest.mark.parametrize("as_of", [None, date(2010, 1, 1), date(2026, 12, 2)])
def test_a_ward_that_never_existed_is_refused_naming_the_wards(index, as_of):
    """横浜市 has 18 wards (青葉区・都筑区 since 平成6年11月6日); no 架空区 ever (e-Stat 廃置分合等)."""
    with pytest.raises(AddressNotFound) as err:
        index.resolve("神奈川県横浜市架空区みなとみらい1-1", as_of)
    assert err.value.part == "架空区"
    message = str(err.value)
    assert "横浜市に「架空区」という区はありません" in message
    assert "鶴見区" in message and "都筑区" in message


def test_every_ward_of_today_starts_on_its_recorded_day(index):
    """Cross-check of the history against today's list: each ward the history creates is a ward of
    today's list, valid from its creation day and refused the day before (e-Stat 廃置分合等)."""
    checked = 0
    for city in (r for r in index if r.kind == "designated_city"):
        for ward in index.wards_of(city):
            address = f"{city.full_name}{ward.name}1"
            if ward.since is None:
                continue
            assert index.resolve(address, ward.since).ward == ward
            day_before = ward.since - timedelta(days=1)
            same_name = [w for w in index.wards_of(city, day_before) if w.name == ward.name]
            if same_name:  # 浜松市天竜区 got a new code in 2024, 大阪市北区 absorbed 大淀区 in 1989
                assert index.resolve(address, day_before).ward == same_name[0]
            else:
                with pytest.raises(AddressNotFound):
                    index.resolve(address, day_before)
            checked += 1
    assert checked >= 60  # さいたま市, 静岡市, 堺市, 新潟市, 浜松市, 岡山市, 相模原市, 熊本市 and older ones


@pytest.mark.parametrize(
    ("city", "created", "wards"),
    [
        ("埼玉県さいたま市", date(2003, 4, 1), 9),  # 岩槻区 followed on 2005-04-01
        ("埼玉県さいたま市", date(2005, 4, 1), 10),
        ("静岡県静岡市", date(2005, 4, 1), 3),
        ("大阪府堺市", date(2006, 4, 1), 7),
        ("新潟県新潟市", date(2007, 4, 1), 8),
        ("岡山県岡山市", date(2009, 4, 1), 4),
        ("神奈川県相模原市", date(2010, 4, 1), 3),
        ("熊本県熊本市", date(2012, 4, 1), 5),
    ],
)
def test_designated_cities_have_their_wards_from_their_day(index, city, created, wards):
    """Wards of the designated cities created since 2003 (e-Stat 廃置分合等: 区の新設)."""
    row = index.resolve_authority(city)
    assert len(index.wards_of(row, created)) == wards
    assert index.wards_of(row, created - timedelta(days=1)) == [] or wards == 10


# ---------------------------------------------------------------- 10. former municipalities


def test_nango_before_the_merger_is_its_own_town(index):
    """南那珂郡南郷町 existed until 平成21年3月29日; 日南市・北郷町・南郷町 merged into a new 日南市 on
    平成21年3月30日 (新設合併, e-Stat 廃置分合等)."""
    found = index.resolve(NANGO, date(2008, 6, 1))
    assert found.municipality.name == "南郷町" and found.municipality.code == "453226"
    assert found.municipality.kind == "town" and found.municipality.until == date(2009, 3, 29)
    assert found.full_name == "宮崎県南那珂郡南郷町" and found.rest == "中村乙1"


@pytest.mark.parametrize("as_of", [None, date(2009, 3, 30), date(2026, 6, 1)])
def test_nango_after_the_merger_is_nichinan_with_a_note(index, as_of):
    """新設合併 of 平成21年3月30日 (e-Stat 廃置分合等): the street is in 日南市 from that day."""
    found = index.resolve(NANGO, as_of)
    assert found.municipality.code == "452041" and found.municipality.until is None
    assert found.former == "旧南郷町（平成21年3月30日に合併して日南市）"


@pytest.mark.parametrize(
    ("as_of", "name", "code", "kind"),
    [
        (date(2002, 1, 1), "清水市", "222046", "city"),
        (date(2004, 1, 1), "静岡市", "222011", "city"),  # merged 2003-04-01, not yet designated
        (date(2026, 1, 1), "静岡市", "221007", "designated_city"),  # 指定都市 from 2005-04-01
    ],
)
def test_shimizu_city_through_its_changes(index, as_of, name, code, kind):
    """静岡市・清水市 合併 平成15年4月1日; 静岡市 政令指定都市施行 平成17年4月1日 (e-Stat 廃置分合等)."""
    found = index.resolve("静岡県清水市旭町6-8", as_of)
    assert (found.municipality.name, found.municipality.code, found.municipality.kind) == (name, code, kind)


def test_nonoichi_town_became_a_city(index):
    """石川郡野々市町 became 野々市市 by 市制施行 on 平成23年11月11日 (e-Stat 廃置分合等)."""
    assert index.resolve("石川県石川郡野々市町三納1", date(2010, 1, 1)).municipality.kind == "town"
    later = index.resolve("石川県石川郡野々市町三納1")
    assert later.municipality.full_name == "石川県野々市市"
    assert later.former == "旧野々市町（平成23年11月11日に市制施行して野々市市）"
    with pytest.raises(AddressNotFound, match="平成23年11月11日からの名称"):
        index.resolve("石川県野々市市三納1", date(2010, 1, 1))


def test_a_former_municipality_split_between_two_is_refused_naming_both(index):
    """上九一色村 was divided between 甲府市 and 富士河口湖町 on 平成18年3月1日 (e-Stat 廃置分合等)."""
    with pytest.raises(AddressNotFound, match="甲府市・富士河口湖町"):
        index.resolve("山梨県西八代郡上九一色村精進1")
    assert index.resolve("山梨県西八代郡上九一色村精進1", date(2005, 1, 1)).municipality.name == "上九一色村"


def test_a_town_absorbed_into_a_ward_resolves_to_that_ward(index):
    """庵原郡蒲原町 was absorbed into 静岡市清水区 on 平成18年3月31日 (編入合併, e-Stat 廃置分合等)."""
    found = index.resolve("静岡県庵原郡蒲原町新田1")
    assert found.municipality.name == "静岡市" and found.ward is not None and found.ward.name == "清水区"


def test_every_former_name_resolves_to_itself_on_its_last_day(index):
    """Each former name of the history (2,400 of them) is its own body on the last day it was used."""
    unplaced = []
    for former in index.formers():
        assert former.until is not None
        try:
            found = index.resolve(former.full_name + "1番地", former.until)
        except AddressNotFound as err:
            unplaced.append(f"{former.full_name}: {err}")
            continue
        if (found.ward or found.municipality) != former:
            unplaced.append(f"{former.full_name} -> {found.full_name}")
    assert unplaced == []


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_former_name_leads_to_a_body_of_today_or_is_refused_as_split(data):
    """Without a date, a former name reads as today's body (the import of an old ledger)."""
    index = municipality_index()
    formers = index.formers()
    former = formers[data.draw(st.integers(0, len(formers) - 1))]
    try:
        found = index.resolve(former.full_name + "1番地")
    except AddressNotFound as err:
        assert "分かれた" in str(err) or "特定できません" in str(err)
        return
    assert found.municipality.until is None and (found.ward is None or found.ward.until is None)


def test_jurisdiction_reads_the_office_as_named_on_the_day(index):
    """所轄庁 per 特定非営利活動法人 促進法 第9条: a town merged away later is not the successor city on an
    earlier date; 日南市's delegated powers (configured by its own code) do not reach 南郷町 in 2008."""
    settings = Settings(home_authority="宮崎県日南市")
    before = decide_authority([NANGO], date(2008, 6, 1), settings, index)
    assert before.kind is AuthorityKind.PREFECTURE and before.authority == "宮崎県"
    after = decide_authority([NANGO], date(2026, 6, 1), settings, index)
    assert after.authority == "日南市" and after.ours


def test_a_former_municipality_has_delegated_powers_only_by_its_own_code(index):
    """事務処理特例 (地方自治法252条の17の2) is configured per municipality code: 南郷町's own code
    (453226) gives it the powers in 2008, 日南市's does not."""
    by_successor = Settings(home_authority="宮崎県", delegated_municipalities=(Delegation("452041"),))
    assert decide_authority([NANGO], date(2008, 6, 1), by_successor, index).kind is AuthorityKind.PREFECTURE
    own = Settings(
        home_authority="宮崎県",
        delegated_municipalities=(Delegation("453226", date(2005, 4, 1), date(2009, 3, 29)),),
    )
    verdict = decide_authority([NANGO], date(2008, 6, 1), own, index)
    assert (verdict.kind, verdict.authority) == (AuthorityKind.CITY, "南郷町")


def test_former_codes_are_found_and_authorities_are_todays_names(index):
    """A former code names the former body (南郷町 453226, until 平成21年3月29日); an authority in the
    settings is written with today's names (the installation is configured as it is now)."""
    assert index.by_code("453226").full_name == "宮崎県南那珂郡南郷町"
    assert index.by_code("45322").until == date(2009, 3, 29)
    assert index.by_code("452041").until is None
    with pytest.raises(AddressNotFound):
        index.resolve_authority("宮崎県南那珂郡南郷町")


def test_index_with_a_history_is_built_from_rows_passed_in():
    """The domain reads no file: today's rows and the changes are handed to it (a made-up history)."""
    rows = [
        Municipality("990001", "架空県", None, "架空県", "カクウケン", "prefecture", None),
        Municipality("991001", "架空県", None, "新市", "シンシ", "city", None),
    ]
    merged = date(2005, 4, 1)
    changes = [
        MunicipalityChange(
            merged,
            "merger",
            NamedBody("993001", "架空県", "北郡", "甲町", "コウチョウ"),
            NamedBody("991001", "架空県", "", "新市", "シンシ"),
        ),
        MunicipalityChange(
            merged,
            "merger",
            NamedBody("993002", "架空県", "北郡", "乙村", "オツムラ"),
            NamedBody("991001", "架空県", "", "新市", "シンシ"),
        ),
    ]
    index = MunicipalityIndex(rows, changes)
    assert index.resolve("架空県北郡甲町1", merged - timedelta(days=1)).municipality.name == "甲町"
    later = index.resolve("架空県北郡乙村1")
    assert later.municipality.name == "新市" and later.former == "旧乙村（平成17年4月1日に合併して新市）"
    with pytest.raises(AddressNotFound, match="平成17年4月1日からの名称"):
        index.resolve("架空県新市1", date(2004, 1, 1))
    with pytest.raises(ValueError, match="unknown change"):
        MunicipalityIndex(rows, [MunicipalityChange(merged, "conquest", None, changes[0].new)])


# ---------------------------------------------------------------- the data file and its generator


def test_history_file_has_its_readme_with_source_and_licence():
    readme = (RESOURCES_DIR / "municipality_changes.README.md").read_text(encoding="utf-8")
    assert MUNICIPALITY_CHANGES_CSV == RESOURCES_DIR / "municipality_changes.csv"
    for fact in (
        "e-Stat",
        "政府標準利用規約",
        "jpcity",
        "MIT",
        "2024-05-26",
        "tools/make_municipality_changes.py",
    ):
        assert fact in readme


def test_history_leaves_standing_exactly_bodies_of_todays_list():
    """The checked-in history cross-checked against today's list (KEN_ALL 2026): what it leaves
    standing is there, with the same name (the generator's own check, run on the committed file)."""
    tool = _generator()
    changes = [
        tool.Change(c.on, c.change, tool.Body(**vars(c.old)) if c.old else None, tool.Body(**vars(c.new)))
        for c in read_municipality_changes()
    ]
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as f:
        current = {r["code"]: r for r in csv.DictReader(f)}
    assert tool.check(changes, current) == []
    assert len(tool.standing(changes)) > 700  # the bodies created since 1970 that are still there


def _side(code5, pref, parent, name, kana):
    return {
        "city_code": code5,
        "pref_name": pref,
        "city_desig_name": parent,
        "city_desig_name_kana": None,
        "city_name": name,
        "city_name_kana": kana,
    }


def test_generator_turns_estat_rows_into_changes_in_effect_order():
    tool = _generator()
    rows = [
        {  # a 市制施行 listed before the absorption of the same day must come after it
            "date": date(2005, 1, 21),
            "type": "市制施行",
            "event": "那珂町(08342)が那珂市(08226)に市制施行",
            "old": _side("08342", "茨城県", "那珂郡", "那珂町", "なかまち"),
            "new": _side("08226", "茨城県", None, "那珂市", "なかし"),
        },
        {
            "date": date(2005, 1, 21),
            "type": "編入合併",
            "event": "瓜連町(08343)が那珂町(08342)に編入",
            "old": _side("08343", "茨城県", "那珂郡", "瓜連町", "うりづらまち"),
            "new": _side("08342", "茨城県", "那珂郡", "那珂町", "なかまち"),
        },
        {  # a designated city is written as its 政令市 column alone
            "date": date(2007, 4, 1),
            "type": "政令指定都市施行",
            "event": "浜松市(22202)の浜松市(22130)への政令指定都市施行",
            "old": _side("22202", "静岡県", None, "浜松市", "はままつし"),
            "new": {**_side("22130", "静岡県", "浜松市", None, None), "city_desig_name_kana": "はままつし"},
        },
        {  # jpcity gives only the old 郡: the town comes from the event text
            "date": date(2005, 3, 1),
            "type": "郡の区域変更",
            "event": "鳳至郡穴水町(17421)、門前町(17422)が鳳珠郡穴水町(17461)、門前町(17462)に郡の区域変更",
            "old": _side("17420", "石川県", "鳳至郡", None, None),
            "new": _side("17461", "石川県", "鳳珠郡", "穴水町", "あなみずまち"),
        },
        {"date": date(2005, 4, 1), "type": "郡の廃止", "event": "", "old": {}, "new": {}},
    ]
    changes = tool.build(rows)
    assert [(c.on.isoformat(), c.change) for c in changes] == [
        ("2005-01-21", "absorption"),
        ("2005-01-21", "city_status"),
        ("2005-03-01", "county_change"),
        ("2007-04-01", "designation"),
    ]
    county = changes[2]
    assert county.old == tool.Body("174211", "石川県", "鳳至郡", "穴水町", "アナミズマチ")
    designation = changes[3].new
    assert (designation.code, designation.parent, designation.name) == ("221309", "", "浜松市")
    assert changes[1].as_csv()[:4] == ["2005-01-21", "city_status", "083429", "茨城県"]
