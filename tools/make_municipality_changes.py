#!/usr/bin/env python3
"""Build resources/municipality_changes.csv: the dated history of municipalities and designated-city wards.

Why this generator exists: an old ledger holds addresses written under names that have since gone
(宮崎県南那珂郡南郷町, 静岡県清水市, 浜松市中区), and a verdict for a past date must read a name as it was
then. The official record is 総務省's 廃置分合等 list, which e-Stat publishes as 「市区町村を探す —
廃置分合等情報」. The build machines reach only package registries and public repositories, so the copy
used is the one the R package ``jpcity`` (MIT, github.com/UchidaMizuki/jpcity) downloaded from e-Stat
and parsed into ``data-raw/absorption_separation.rds`` (every change 1970-04-01 … 2024-10-04, one row
per old → new pair, with codes, names, readings and the 郡 or designated city). Nothing here needs R:
the .rds is read with the pure-Python ``rdata`` parser (``pip install rdata``; a tool dependency only).

Each change row names the old and the new body (code with its check digit, prefecture, the 郡 or the
designated city it lies in, name, reading). The result is checked against resources/municipalities.csv:
every body the history leaves standing must be a row of today's list, with the same name.

Usage::

    python tools/make_municipality_changes.py --rds path/to/absorption_separation.rds

The app and the tests never read the .rds; they read the committed CSV.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_municipalities import full_code  # the one check-digit rule

# One side of a change as named then: the very record the app reads the CSV rows back into.
from npo_desk.domain.municipalities import NamedBody as Body

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
OUTPUT = RESOURCES / "municipality_changes.csv"
CURRENT = RESOURCES / "municipalities.csv"
COLUMNS = (
    "date",
    "change",
    "old_code",
    "old_prefecture",
    "old_parent",
    "old_name",
    "old_kana",
    "new_code",
    "new_prefecture",
    "new_parent",
    "new_name",
    "new_kana",
)
# e-Stat's 改正事由 (as jpcity classifies them) -> the change column. 郡の新設/郡の廃止, 沖縄返還 and
# 北方領土 concern no municipality name an office address could carry and are left out.
CHANGES = {
    "新設合併": "merger",
    "編入合併": "absorption",
    "政令指定都市施行": "designation",
    "区の新設|郡の新設": "ward_creation",
    "区の再編": "ward_reorganisation",
    "分割": "split",
    "分離": "separation",
    "名称変更": "rename",
    "町制施行": "town_status",
    "市制施行": "city_status",
    "郡の区域変更": "county_change",
}
# Within one day, the order the changes take effect in: a town absorbs its neighbour before it becomes
# a city under a new code (瓜連町 → 那珂町 → 那珂市 on 2005-01-21), a rename precedes the 市制 that
# follows it the same day (三好町 → みよし町 → みよし市 on 2010-01-04).
ORDER = (
    "absorption",
    "merger",
    "split",
    "separation",
    "county_change",
    "rename",
    "town_status",
    "city_status",
    "designation",
    "ward_creation",
    "ward_reorganisation",
)


@dataclass(frozen=True)
class Change:
    on: dt.date
    change: str
    old: Body | None
    new: Body

    def as_csv(self) -> list[str]:
        old = self.old
        olds = [old.code, old.prefecture, old.parent, old.name, old.kana] if old else [""] * 5
        new = self.new
        return [
            self.on.isoformat(),
            self.change,
            *olds,
            new.code,
            new.prefecture,
            new.parent,
            new.name,
            new.kana,
        ]


# ---------------------------------------------------------------- reading the .rds


def read_rds(path: Path) -> dict[str, Any]:
    """jpcity's tibble as plain columns: {name: list} with nested {name: list} for the from/to columns."""
    import rdata  # a tool dependency only: pip install rdata

    parsed = rdata.parser.parse_file(path)
    return _columns(parsed.object)


def _deref(obj: Any) -> Any:
    while obj is not None and obj.info.type.name == "REF":
        obj = obj.referenced_object
    return obj


def _attributes(obj: Any) -> dict[str, Any]:
    found = {}
    node = obj.attributes
    while node is not None and node.info.type.name == "LIST":
        found[_deref(node.tag).value.value.decode()] = node.value[0]
        node = node.value[1]
    return found


def _strings(obj: Any) -> list[str | None]:
    return [None if x.value is None else x.value.decode("utf-8") for x in obj.value]


def _columns(frame: Any) -> dict[str, Any]:
    names = _strings(_attributes(frame)["names"])
    out: dict[str, Any] = {}
    for name, column in zip(names, frame.value, strict=True):
        kind = column.info.type.name
        if kind == "STR":
            out[str(name)] = _strings(column)
        elif kind == "VEC":
            out[str(name)] = _columns(column)
        elif kind == "REAL":
            classes = _attributes(column).get("class")
            values = list(column.value)
            if classes is not None and "Date" in _strings(classes):
                epoch = dt.date(1970, 1, 1)
                values = [None if v != v else epoch + dt.timedelta(days=int(v)) for v in values]
            out[str(name)] = values
        else:
            raise SystemExit(f"unexpected column {name!r} of R type {kind}")
    return out


def source_rows(columns: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One dict per row: date, type, event, old{...}, new{...} (jpcity's from/to)."""
    count = len(columns["date"])
    rows = []
    for i in range(count):
        rows.append(
            {
                "date": columns["date"][i],
                "type": columns["type"][i],
                "event": columns["event"][i],
                "old": {k: v[i] for k, v in columns["from"].items()},
                "new": {k: v[i] for k, v in columns["to"].items()},
            }
        )
    return rows


# ---------------------------------------------------------------- building the change rows


def katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in text)


def body(side: Mapping[str, Any]) -> Body | None:
    """A municipality, designated city or ward of an e-Stat row; None for a 郡 or 支庁 alone."""
    code5 = side.get("city_code")
    if not code5:
        return None
    parent = side.get("city_desig_name") or ""
    name = side.get("city_name")
    kana = side.get("city_name_kana")
    if not name:
        if not parent.endswith("市"):  # a 郡, 支庁 or 振興局
            return None
        name, kana, parent = parent, side.get("city_desig_name_kana"), ""  # the designated city itself
    return Body(
        code=full_code(code5),
        prefecture=side["pref_name"],
        parent=unicodedata.normalize("NFKC", parent),
        name=unicodedata.normalize("NFKC", name),
        kana=katakana(kana or ""),
    )


def _county_change_old(row: Mapping[str, Any], new: Body) -> Body | None:
    """jpcity gives only the old 郡 for a 郡の区域変更 of several towns: the town is in the event text,
    e.g. '鳳至郡穴水町(17421)、門前町(17422)が鳳珠郡…', and keeps its name."""
    county = row["old"].get("city_desig_name")
    match = re.search(re.escape(new.name) + r"\((\d{5})\)", row["event"].split("が")[0])
    if not county or match is None:
        return None
    return Body(full_code(match.group(1)), new.prefecture, county, new.name, new.kana)


def build(rows: Iterable[Mapping[str, Any]]) -> list[Change]:
    changes: dict[tuple[Any, ...], Change] = {}
    for row in rows:
        kind = CHANGES.get(row["type"])
        if kind is None:
            continue
        new = body(row["new"])
        if new is None:
            continue
        old = body(row["old"])
        if kind == "county_change" and old is None:
            old = _county_change_old(row, new)
        if old is None and kind != "ward_creation":
            raise SystemExit(f"{row['date']} {row['event']}: no old municipality")
        change = Change(row["date"], kind, old, new)
        changes.setdefault((change.on, kind, old, new), change)  # jpcity repeats a few rows
    return sorted(
        changes.values(),
        key=lambda c: (c.on, ORDER.index(c.change), c.new.code, c.old.code if c.old else ""),
    )


# ---------------------------------------------------------------- checking against today's list


def standing(changes: list[Change]) -> dict[tuple[str, str], Body]:
    """The bodies the history leaves in place: created (or renamed) and not ended by a later change."""
    alive: dict[tuple[str, str], Body] = {}
    for change in changes:  # in date order
        if change.old is not None and change.change != "separation":
            alive.pop((change.old.code, change.old.name), None)
        if change.change != "absorption":  # the absorbing body goes on as it was
            alive[(change.new.code, change.new.name)] = change.new
    return alive


def check(changes: list[Change], current: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Bodies the history leaves standing that today's list lacks or names differently."""
    problems = []
    for (code, name), b in sorted(standing(changes).items()):
        row = current.get(code)
        if row is None:
            problems.append(
                f"{code} {b.prefecture}{b.parent}{name}: standing in the history, not in today's list"
            )
        elif row["name"] != name:
            problems.append(f"{code}: history says {name}, today's list {row['name']}")
    return problems


def write(changes: list[Change], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(COLUMNS)
        for change in changes:
            out.writerow(change.as_csv())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rds", type=Path, required=True, help="jpcity's data-raw/absorption_separation.rds")
    parser.add_argument("--current", type=Path, default=CURRENT)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    changes = build(source_rows(read_rds(args.rds)))
    with args.current.open(encoding="utf-8", newline="") as f:
        current = {r["code"]: r for r in csv.DictReader(f)}
    problems = check(changes, current)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    write(changes, args.output)
    print(f"wrote {len(changes)} changes to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
