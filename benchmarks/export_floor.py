"""The floor an export is measured against: the plainest program doing the same work.

``python benchmarks/export_floor.py ledger|cabinet-office DB OUT.csv`` reads the same columns of the
same database with the standard library's ``sqlite3`` (or, for a ``postgresql`` URL, plain ``psycopg``):
cases, office addresses in order, milestone dates, 事業報告書等; joins them in dictionaries and writes
the same number of columns with ``csv.writer`` in cp932, dates as YYYY/MM/DD. It checks nothing (no
law version, no encoding list, no formula neutralising): what is left is the cost of the data itself.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from collections import defaultdict
from typing import Any

DATED = (
    "consulted_on",
    "founding_meeting_on",
    "received_on",
    "certified_on",
    "refused_on",
    "certificate_delivered_on",
    "registered_on",
    "registration_notice_on",
    "withdrawn_on",
)


def _day(text: object) -> str:
    return str(text).replace("-", "/") if text else ""  # sqlite3 gives ISO text, psycopg a date


def main() -> None:
    layout, db, out = sys.argv[1:4]
    if "://" in db:
        import psycopg

        conn: Any = psycopg.connect(db.replace("+psycopg", ""))
    else:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    addresses: dict[int, list[str]] = defaultdict(list)
    for case_id, address in conn.execute("SELECT case_id, address FROM offices ORDER BY case_id, position"):
        addresses[case_id].append(address)
    dates: dict[int, dict[str, str]] = defaultdict(dict)
    for case_id, kind, on in conn.execute("SELECT case_id, kind, \"on\" FROM milestones"):
        dates[case_id][kind] = on
    filings: dict[int, list[str]] = defaultdict(list)
    for case_id, start, filed in conn.execute(
        "SELECT case_id, fiscal_year_start, filed_on FROM annual_report_filings"
        " ORDER BY case_id, fiscal_year_start"
    ):
        filings[case_id].append(f"{_day(start)}={_day(filed)}")
    cases = conn.execute(
        "SELECT id, name, name_kana, representative, representative_kana, postal_code, purpose,"
        " activity_fields, fiscal_year_start_month, fiscal_year_start_day, notes, annual_reports_tracked_from"
        " FROM cases WHERE deleted_at IS NULL ORDER BY fiscal_year, serial, id"
    )
    with open(out, "w", encoding="cp932", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([f"列{n}" for n in range(19 if layout == "ledger" else 60)])
        for case_id, name, kana, rep, rep_kana, postal, purpose, fields, month, day, notes, tracked in cases:
            on = dates.get(case_id, {})
            offices = addresses.get(case_id, [])
            start = f"{month:02d}/{day:02d}" if month else ""
            if layout == "ledger":
                writer.writerow(
                    [
                        name,
                        kana,
                        rep,
                        offices[0] if offices else "",
                        "\n".join(offices[1:]),
                        str(fields).strip("[]").replace(" ", ""),
                        start,
                        *(_day(on.get(kind)) for kind in DATED),
                        notes,
                        _day(tracked),
                        "\n".join(filings.get(case_id, ())),
                    ]
                )
                continue
            if "registered_on" not in on:
                continue
            row = [""] * 60
            row[:12] = [
                name,
                kana,
                "宮崎県",
                "",
                offices[0] if offices else "",
                postal,
                "、".join(offices[1:]),
                rep,
                rep_kana,
                _day(on.get("certified_on")),
                _day(on.get("registered_on")),
                purpose,
            ]
            for number in str(fields).strip("[]").split(","):
                if number.strip():
                    row[11 + int(number)] = number.strip()
            row[50:52] = [start, start]
            writer.writerow(row)
    conn.close()


if __name__ == "__main__":
    main()
