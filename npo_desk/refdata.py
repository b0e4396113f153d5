"""Reference data shipped under resources/: loaded once, handed to the pure domain as rows.

The domain never opens a file; this module is the one place the municipality list is read.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from npo_desk.domain.municipalities import Municipality, MunicipalityIndex
from npo_desk.paths import RESOURCES_DIR

MUNICIPALITIES_CSV = RESOURCES_DIR / "municipalities.csv"


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


@cache
def municipality_index() -> MunicipalityIndex:
    """The index over the shipped list, built on first use (about 2,000 rows)."""
    return MunicipalityIndex(read_municipalities())
