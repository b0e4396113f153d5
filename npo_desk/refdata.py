"""Reference data shipped under resources/: loaded once, handed to the pure domain as rows.

The domain never opens a file; this module is the one place the municipality list is read.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from pathlib import Path

from npo_desk.domain.municipalities import Municipality, MunicipalityChange, MunicipalityIndex, NamedBody
from npo_desk.paths import RESOURCES_DIR

MUNICIPALITIES_CSV = RESOURCES_DIR / "municipalities.csv"
MUNICIPALITY_CHANGES_CSV = RESOURCES_DIR / "municipality_changes.csv"


def read_municipalities(path: Path = MUNICIPALITIES_CSV) -> list[Municipality]:
    """The rows of resources/municipalities.csv (see resources/municipalities.README.md)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Municipality(
                code=row["code"],
                prefecture=row["prefecture"],
                county=row["county"] or None,
                name=row["name"],
                kana=row["kana"],
                kind=row["kind"],
                parent_code=row["parent_code"] or None,
            )
            for row in csv.DictReader(f)
        ]


def read_municipality_changes(path: Path = MUNICIPALITY_CHANGES_CSV) -> list[MunicipalityChange]:
    """The rows of resources/municipality_changes.csv, in the order the changes took effect
    (see resources/municipality_changes.README.md)."""

    def side(row: dict[str, str], prefix: str) -> NamedBody | None:
        if not row[prefix + "code"]:
            return None
        return NamedBody(
            code=row[prefix + "code"],
            prefecture=row[prefix + "prefecture"],
            parent=row[prefix + "parent"],
            name=row[prefix + "name"],
            kana=row[prefix + "kana"],
        )

    with path.open(encoding="utf-8", newline="") as f:
        changes = []
        for row in csv.DictReader(f):
            new = side(row, "new_")
            assert new is not None, row
            changes.append(
                MunicipalityChange(date.fromisoformat(row["date"]), row["change"], side(row, "old_"), new)
            )
        return changes


@cache
def municipality_index() -> MunicipalityIndex:
    """The index over the shipped list and its change history, built on first use (about 2,000
    rows of today's list, 2,500 changes)."""
    return MunicipalityIndex(read_municipalities(), read_municipality_changes())
