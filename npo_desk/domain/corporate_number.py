"""法人番号 (corporate number): 13 digits, the first a check digit over the other 12.

The 国税庁長官 assigns every registered 法人 a 法人番号: a check digit followed by the 12-digit
基礎番号 (for an NPO法人, its 会社法人等番号 from the 登記). The check digit is
``9 - (Σ Pn × Qn mod 9)``, Pn the n-th digit of the 基礎番号 counted from its last (n = 1..12) and
Qn 1 for odd n, 2 for even n (法人番号の指定等に関する省令 (平成26年財務省令第70号) 第2条, under
番号法施行令第35条第1項). It is therefore 1-9, never 0. A clerk copies the number from a
登記事項証明書 or the 国税庁's site, so full-width digits, hyphens and spaces are accepted and
dropped (docs/legal-reference.md §13.9).
"""

from __future__ import annotations

import re
import unicodedata

from npo_desk.domain.errors import InvalidInput

LENGTH = 13

# What a clerk types between digits: hyphens and dashes of every width, spaces (NFKC makes most of
# them ASCII; the rest are listed).
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー－]")


def check_digit(base: str) -> int:
    """The check digit of a 12-digit 基礎番号 (財務省令第70号第2条)."""
    if len(base) != LENGTH - 1 or not base.isascii() or not base.isdigit():
        raise InvalidInput(f"法人番号の基礎番号は12桁の数字です(指定値: {base})。")
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base), 1))
    return 9 - total % 9


def normalize_corporate_number(text: str) -> str:
    """The 13 ASCII digits of ``text`` as typed by a clerk (full-width, hyphens, spaces allowed),
    after checking the length and the check digit; InvalidInput with a sentence saying what is wrong."""
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    if not digits:
        raise InvalidInput("法人番号が空です。13桁の数字を入力してください。")
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidInput(
            f"法人番号「{text.strip()}」に数字以外の文字があります。13桁の数字を入力してください。"
        )
    if len(digits) != LENGTH:
        raise InvalidInput(f"法人番号「{text.strip()}」は{len(digits)}桁です。法人番号は13桁です。")
    expected = check_digit(digits[1:])
    if int(digits[0]) != expected:
        raise InvalidInput(
            f"法人番号「{digits}」の検査用数字(先頭の1桁)が合いません"
            f"(後ろの12桁からは{expected}になります)。番号を確かめてください。"
        )
    return digits


def is_valid_corporate_number(text: str) -> bool:
    """Whether ``text`` reads as a 法人番号 with a correct check digit."""
    try:
        normalize_corporate_number(text)
    except InvalidInput:
        return False
    return True

