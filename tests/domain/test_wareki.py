"""和暦: formatting with 元年 and weekday, parsing the forms found in ledgers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_wareki, format_year_month, parse_date, parse_date_field

D = date.fromisoformat


@pytest.mark.parametrize(
    ("d", "text"),
    [
        ("2026-04-01", "令和8年4月1日"),
        ("2019-05-01", "令和元年5月1日"),
        ("2019-04-30", "平成31年4月30日"),
        ("1989-01-08", "平成元年1月8日"),
        ("1989-01-07", "昭和64年1月7日"),
        ("1998-12-01", "平成10年12月1日"),
        ("2008-10-15", "平成20年10月15日"),
    ],
)
def test_format(d: str, text: str) -> None:
    assert format_wareki(D(d)) == text


def test_format_with_weekday() -> None:
    assert format_wareki(D("2026-04-01"), weekday=True) == "令和8年4月1日(水)"
    assert format_wareki(D("2025-05-06"), weekday=True) == "令和7年5月6日(火)"
    assert format_wareki(D("2025-04-06"), weekday=True) == "令和7年4月6日(日)"


def test_format_year_month() -> None:
    assert format_year_month(D("2027-01-01")) == "令和9年1月"
    assert format_year_month(D("2019-05-01")) == "令和元年5月"
    assert format_year_month(D("2019-04-01")) == "平成31年4月"


@pytest.mark.parametrize(
    "text",
    [
        "2025-04-07", "2025/4/7", "2025/04/07", "2025.4.7", "2025年4月7日", "20250407",
        "令和7年4月7日", "R7.4.7", "r7.4.7", "R07.04.07", "R7/4/7", "令和7年4月7日(月)",
        "２０２５－０４－０７", "２０２５／４／７", "令和７年４月７日", "Ｒ７．４．７", " 2025-04-07 ",
    ],
)
def test_parse_forms(text: str) -> None:
    assert parse_date(text) == D("2025-04-07")


@pytest.mark.parametrize(
    ("text", "d"),
    [
        ("令和元年5月1日", "2019-05-01"),
        ("令和1年5月1日", "2019-05-01"),
        ("R1.5.1", "2019-05-01"),
        ("H31.4.30", "2019-04-30"),
        ("平成元年1月8日", "1989-01-08"),
        ("H10.12.1", "1998-12-01"),
        ("2024/2/29", "2024-02-29"),
        ("平成二十年十月十五日", "2008-10-15"),
        ("令和七年四月七日(月)", "2025-04-07"),
        ("平成三十一年四月三十日", "2019-04-30"),
        ("令和元年十二月二十日", "2019-12-20"),
        ("二〇二五年四月七日", "2025-04-07"),
    ],
)
def test_parse_era_edges(text: str, d: str) -> None:
    assert parse_date(text) == D(d)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("平成31年5月1日", "平成の期間にない日付"),
        ("H31.5.1", "令和元年5月1日"),
        ("R1.4.30", "令和の期間にない日付"),
        ("平成元年1月7日", "平成の期間にない日付"),
        ("2025-02-29", "存在しない日付"),
        ("R7.2.30", "存在しない日付"),
        ("2025-13-01", "存在しない日付"),
        ("令和0年5月1日", "年が正しくありません"),
        ("令和7年4月7日(火)", "曜日が違います"),
        ("", "日付が空です"),
        ("明日", "日付として読めません"),
        ("2025-4", "日付として読めません"),
        ("令和十十年一月一日", "日付として読めません"),
        ("平成三十二年一月一日", "平成の期間にない日付"),
    ],
)
def test_parse_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_date(text)


def test_round_trip_through_wareki() -> None:
    d = D("1998-12-01")
    while d <= D("2040-12-31"):
        assert parse_date(format_wareki(d, weekday=True)) == d
        d = d.replace(year=d.year + 1) if d.month == 12 else d.replace(month=d.month + 1)


@given(st.dates(min_value=date(1989, 1, 8), max_value=date(2060, 12, 31)))
def test_every_date_round_trips(d: date) -> None:
    assert parse_date(format_wareki(d)) == d
    assert parse_date(format_wareki(d, weekday=True)) == d
    assert parse_date(d.isoformat()) == d
    era = "H" if d < date(2019, 5, 1) else "R"
    year = d.year - (1988 if era == "H" else 2018)
    assert parse_date(f"{era}{year}.{d.month}.{d.day}") == d


def test_a_date_field_names_itself_in_its_error_and_may_be_left_out() -> None:
    assert parse_date_field(None, "--certified") is None
    assert parse_date_field("R7.4.7", "--certified") == date(2025, 4, 7)
    with pytest.raises(InvalidInput, match=r"^--certified: .*2025-02-30"):
        parse_date_field("2025-02-30", "--certified")


@pytest.mark.parametrize(
    "text",
    [
        "2027-01-05", "2027/1/5", "20270105", "R9.1.5", "令和9年1月5日",  # the forms of issue 8
        "２０２７０１０５", "Ｒ９．１．５", "令和９年１月５日", "2027年1月5日", "r9/1/5",
        "令和9.1.5", "R9年1月5日", "R09.01.05", "令和9年1月5日(火)", "2027.1.5",
    ],
)
def test_what_clerks_type_gives_the_day(text: str) -> None:
    """Every spelling a clerk types for 令和9年1月5日 is read as that day (full-width through NFKC)."""
    assert parse_date(text) == D("2027-01-05")


@pytest.mark.parametrize("text", ["2027015", "202701055", "R9.1", "9.1.5", "2027-01-05-01"])
def test_incomplete_or_overlong_input_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(InvalidInput, match="日付として読めません"):
        parse_date(text)
