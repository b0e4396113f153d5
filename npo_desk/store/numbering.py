"""Case numbers the clerk can quote: 「R8-003」 is the third case of fiscal year 令和8年度.

Fiscal years start on April 1 and take the era of that April: FY2019 is 令和元年度 (R1) although
April 2019 was still 平成31年, as the government names it. Before 令和 the prefix is H (平成).
"""

from __future__ import annotations

import re
from datetime import date

from npo_desk.domain.fiscal_years import fiscal_year_containing

_ERAS = (("R", 2018), ("H", 1988))  # era letter, 西暦 of its year 0
_NUMBER = re.compile(r"^([RH])(\d{1,2})-(\d{1,5})$")


GOVERNMENT_FISCAL_YEAR_START = (4, 1)  # 会計年度 (地方自治法第208条)


def fiscal_year_of(day: date) -> int:
    """The 西暦 year in which the government's fiscal year containing ``day`` began."""
    return fiscal_year_containing(day, GOVERNMENT_FISCAL_YEAR_START).year


def format_case_number(fiscal_year: int, serial: int) -> str:
    for letter, offset in _ERAS:
        if fiscal_year > offset:
            return f"{letter}{fiscal_year - offset}-{serial:03d}"
    return f"{fiscal_year}-{serial:03d}"  # before 平成: no NPO Act existed; kept readable anyway


def parse_case_number(number: str) -> tuple[int, int] | None:
    """(fiscal year, serial) of a number in our format, None for anything else (e.g. imported ledgers)."""
    match = _NUMBER.match(number.strip())
    if not match:
        return None
    letter, year, serial = match.groups()
    offset = dict(_ERAS)[letter]
    return offset + int(year), int(serial)
