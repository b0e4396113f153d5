"""Importing an old ledger whose addresses carry names that merged away (issue 10).

Facts: resources/municipality_changes.csv, 総務省's 廃置分合等 records as published by e-Stat (「市区町村を
探す」): 南那珂郡南郷町 merged into 日南市 on 平成21年3月30日, 清水市 into 静岡市 on 平成15年4月1日, 石川郡
野々市町 became 野々市市 on 平成23年11月11日, 浜松市中区 became 中央区 on 令和6年1月1日.
"""

from __future__ import annotations

from npo_desk import store
from npo_desk.reports.importer import import_file
from npo_desk.reports.layouts import LEDGER_HEADER

from .conftest import TODAY

OLD_ADDRESSES = {
    "南郷の会": ("宮崎県南那珂郡南郷町中村乙1", "452041"),
    "清水港の会": ("静岡県清水市旭町6-8", "221007"),
    "野々市の会": ("石川県石川郡野々市町三納1", "172120"),
    "元城町の会": ("静岡県浜松市中区元城町103番地の2", "221384"),
}


def _ledger(tmp_path, rows):
    path = tmp_path / "old-ledger.csv"
    lines = [",".join(LEDGER_HEADER)]
    for values in rows:
        lines.append(",".join(f'"{values.get(h, "")}"' for h in LEDGER_HEADER))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    return path


def test_an_old_ledger_with_former_names_imports_with_a_note(empty_store, tmp_path):
    """Former names no longer stop an import: each office is placed in today's successor (its code is
    stored) and the address is kept as written; the plan lists them with what they became."""
    rows = [
        {"法人名称": name, "主たる事務所の所在地": address} for name, (address, _) in OLD_ADDRESSES.items()
    ]
    rows.append({"法人名称": "架空の会", "主たる事務所の所在地": "神奈川県横浜市架空区1-1"})
    plan = import_file(empty_store, _ledger(tmp_path, rows), who="テスト", today=TODAY)

    assert len(plan.cases) == 5
    former = next(w for w in plan.warnings if w.startswith("所在地が合併などで変わった"))
    assert "4 件" in former
    nango = "2行目「主たる事務所の所在地」「宮崎県南那珂郡南郷町中村乙1」: "
    nango += "旧南郷町（平成21年3月30日に合併して日南市）"
    assert nango in former
    assert "旧浜松市中区（令和6年1月1日に浜松市中央区へ再編）" in former
    unplaced = next(w for w in plan.warnings if w.startswith("所在地を市区町村の一覧で確認できない"))
    assert "6行目「主たる事務所の所在地」「神奈川県横浜市架空区1-1」" in unplaced and "架空区" in unplaced

    stored = {c.name: c for c in store.get_cases(empty_store, [s.id for s in store.list_cases(empty_store)])}
    for name, (address, code) in OLD_ADDRESSES.items():
        office = stored[name].offices[0]
        assert (office.address, office.municipality_code) == (address, code)
    assert stored["架空の会"].offices[0].municipality_code is None
