"""法人番号: the check digit of 法人番号の指定等に関する省令 (平成26年財務省令第70号) 第2条.

9 - (Σ Pn × Qn を9で除した余り), Pn the n-th digit of the 12-digit 基礎番号 from its last, Qn = 1 for
odd n and 2 for even n. Real numbers: 国税庁 7000012050002 (its own 法人番号), 4011001098993 and
2120901007402 (worked examples published with the formula), and the省令's style example 7123456789012.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.corporate_number import (
    check_digit,
    is_valid_corporate_number,
    normalize_corporate_number,
)
from npo_desk.domain.errors import InvalidInput

REAL = ("7000012050002", "4011001098993", "2120901007402", "7123456789012")


@pytest.mark.parametrize("number", REAL)
def test_real_numbers_pass(number: str) -> None:
    """財務省令第70号第2条: the first digit is computed from the other 12."""
    assert check_digit(number[1:]) == int(number[0])
    assert normalize_corporate_number(number) == number


def test_national_tax_agency_by_hand() -> None:
    """7000012050002: 基礎番号 000012050002, Σ = 2·1 + 5·1 + 2·1 + 1·2 = 11, 11 mod 9 = 2, 9 - 2 = 7."""
    assert check_digit("000012050002") == 7


@pytest.mark.parametrize(
    "typed",
    [
        "７０００－０１２０－５０００２",
        "7000-0120-50002",
        " 7000 0120 50002 ",
        "7-0000-1205-0002",
        "７０００ー０１２０ー５０００２",
    ],
)
def test_clerk_typing_is_accepted(typed: str) -> None:
    assert normalize_corporate_number(typed) == "7000012050002"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "空"),
        ("  ", "空"),
        ("700001205000", "12桁"),
        ("70000120500021", "14桁"),
        ("7000012O50002", "数字以外"),  # a letter O typed for a zero
        ("8000012050002", "検査用数字"),
        ("0000012050002", "検査用数字"),  # 9 - r is 1..9, never 0
    ],
)
def test_bad_numbers_are_refused_in_japanese(typed: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        normalize_corporate_number(typed)
    assert not is_valid_corporate_number(typed)


def test_wrong_digit_message_names_the_expected_one() -> None:
    with pytest.raises(InvalidInput, match="7になります"):
        normalize_corporate_number("1000012050002")


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_exactly_one_check_digit_fits_every_base(base: str) -> None:
    """For any 基礎番号 the check digit is 1..9 and only that digit passes."""
    digit = check_digit(base)
    assert 1 <= digit <= 9
    assert [d for d in "0123456789" if is_valid_corporate_number(d + base)] == [str(digit)]


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 11), st.integers(1, 9))
def test_a_mistyped_digit_is_caught_unless_the_sum_mod_9_stays(base: str, pos: int, delta: int) -> None:
    """A single wrong digit in the 基礎番号 is caught whenever it changes the weighted sum mod 9."""
    number = str(check_digit(base)) + base
    wrong_digit = (int(base[pos]) + delta) % 10
    typo = number[: pos + 1] + str(wrong_digit) + number[pos + 2 :]
    weight = 1 if (12 - pos) % 2 else 2  # base[pos] is the (12 - pos)-th digit from the last
    changed = (weight * (wrong_digit - int(base[pos]))) % 9 != 0
    assert is_valid_corporate_number(typo) is not changed
