"""和暦 (Japanese era dates): shown to the clerk everywhere, and read back from old ledgers.

Files and exports use 西暦; the screen and printed reports use 和暦 with 元年 for an era's first year.
``parse_date`` accepts the forms found in municipal ledgers, including full-width digits, and refuses
days that do not exist in the era named (平成31年5月1日 is 令和元年5月1日).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from npo_desk.domain.errors import InvalidInput

WEEKDAYS = "月火水木金土日"


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first_day: date
    last_day: date | None


ERAS: tuple[Era, ...] = (
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", date(2019, 5, 1), None),
)
_ERA_BY_KEY = {key: era for era in ERAS for key in (era.name, era.letter)}


def era_of(d: date) -> Era:
    """The era ``d`` falls in (昭和 from 1926-12-25 on; earlier dates are refused)."""
    for era in reversed(ERAS):
        if d >= era.first_day:
            return era
    raise InvalidInput(f"{d.isoformat()} は和暦(昭和以降)で表せません。")


def era_year(d: date) -> tuple[Era, int]:
    """The era and its year number (1 = 元年) of ``d``."""
    era = era_of(d)
    return era, d.year - era.first_day.year + 1


def _year_text(n: int) -> str:
    return "元" if n == 1 else str(n)


def format_wareki(d: date, *, weekday: bool = False) -> str:
    """``令和8年4月1日``; with ``weekday=True`` ``令和8年4月1日(水)``; an era's first year is 元年."""
    era, year = era_year(d)
    text = f"{era.name}{_year_text(year)}年{d.month}月{d.day}日"
    return f"{text}({WEEKDAYS[d.weekday()]})" if weekday else text


def format_fiscal_year(start: date) -> str:
    """``令和7年度`` for the fiscal year beginning on ``start`` (named by the era year it begins in)."""
    era, year = era_year(start)
    return f"{era.name}{_year_text(year)}年度"


def format_year_month(d: date) -> str:
    """``令和9年1月``: a month in 和暦 (axis labels)."""
    era, year = era_year(d)
    return f"{era.name}{_year_text(year)}年{d.month}月"


def format_month_day(d: date, *, weekday: bool = False) -> str:
    """``5月6日`` (``5月6日(火)``): for a date whose year is clear from context."""
    text = f"{d.month}月{d.day}日"
    return f"{text}({WEEKDAYS[d.weekday()]})" if weekday else text


_WEEKDAY_SUFFIX = rf"(?:\s*[(（]\s*(?P<wd>[{WEEKDAYS}])(?:曜日?)?\s*[)）])?"
_WESTERN = re.compile(
    r"(?P<y>\d{4})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日)" + _WEEKDAY_SUFFIX
)
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_ERA = r"(?P<era>昭和|平成|令和|[SHR])\s*(?P<y>\d{1,2}|元)"  # 令和9 or R9: either spelling in either form
_ERA_LONG = re.compile(_ERA + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _WEEKDAY_SUFFIX)
_ERA_SHORT = re.compile(_ERA + r"\s*[./\-]\s*(?P<m>\d{1,2})\s*[./\-]\s*(?P<d>\d{1,2})" + _WEEKDAY_SUFFIX)

_KANJI_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}
_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九十]+")


def _kanji_number(match: re.Match[str]) -> str:
    """「二十」→20, 「三十一」→31, 「十」→10, 「二〇二五」→2025 (the two ways dates are written in kanji)."""
    run = match.group()
    if "十" not in run:
        return "".join(str(_KANJI_DIGITS[ch]) for ch in run)
    tens, _, ones = run.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return run  # not a number a date uses; left for the pattern to refuse
    return str(_KANJI_DIGITS.get(tens, 1) * 10 + _KANJI_DIGITS.get(ones, 0))


_EXAMPLES = "2025-04-07、2025/4/7、令和7年4月7日、R7.4.7 のように入力してください"


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"「{text}」は存在しない日付です。") from None


def _check_weekday(text: str, d: date, weekday: str | None) -> date:
    if weekday is not None and WEEKDAYS[d.weekday()] != weekday:
        raise InvalidInput(
            f"「{text}」の曜日が違います({format_wareki(d)}は{WEEKDAYS[d.weekday()]}曜日です)。"
        )
    return d


def _from_era(text: str, era: Era, year_text: str, month: int, day: int) -> date:
    n = 1 if year_text == "元" else int(year_text)
    if n < 1:
        raise InvalidInput(f"「{text}」の年が正しくありません({era.name}元年から数えます)。")
    d = _make_date(text, era.first_day.year + n - 1, month, day)
    if d < era.first_day or (era.last_day is not None and d > era.last_day):
        actual = format_wareki(d) if d >= ERAS[0].first_day else d.isoformat()
        raise InvalidInput(f"「{text}」は{era.name}の期間にない日付です(西暦{d.isoformat()}は{actual})。")
    return d


def parse_date_field(text: str | None, field: str) -> date | None:
    """``parse_date`` for an optional field the clerk filled in (None when left out); an error names
    the field (「--received: …」), so a form or a command line with several dates says which is wrong."""
    if text is None:
        return None
    try:
        return parse_date(text)
    except InvalidInput as err:
        raise InvalidInput(f"{field}: {err}") from None


def parse_date(text: str) -> date:
    """Read a date typed by the clerk or found in an old ledger.

    Accepts ``2025-04-07``, ``2025/4/7``, ``2025.4.7``, ``2025年4月7日``, ``20250407``,
    ``令和7年4月7日``, ``令和元年5月1日``, ``R7.4.7``, ``H31.4.30``, ``令和7.4.7``, ``R7年4月7日``
    (also with full-width or kanji digits, ``平成二十年十月十五日``, and with a trailing weekday such
    as ``(月)``, which must then be right). Anything else is InvalidInput. The one parser of dates
    the clerk types: the GUI's date field and the command line both use it.
    """
    normalized = unicodedata.normalize("NFKC", text).strip().upper().replace("−", "-").replace("ー", "-")
    normalized = _KANJI_NUMBER.sub(_kanji_number, normalized)
    if not normalized:
        raise InvalidInput(f"日付が空です。{_EXAMPLES}。")
    if m := _WESTERN.fullmatch(normalized):
        month = m.group("m") or m.group("m2")
        day = m.group("d") or m.group("d2")
        d = _make_date(text, int(m.group("y")), int(month), int(day))
        return _check_weekday(text, d, m.group("wd"))
    if m := _COMPACT.fullmatch(normalized):
        return _make_date(text, int(m.group("y")), int(m.group("m")), int(m.group("d")))
    for pattern in (_ERA_LONG, _ERA_SHORT):
        if m := pattern.fullmatch(normalized):
            era = _ERA_BY_KEY[m.group("era")]
            d = _from_era(text, era, m.group("y"), int(m.group("m")), int(m.group("d")))
            return _check_weekday(text, d, m.group("wd"))
    raise InvalidInput(f"「{text}」は日付として読めません。{_EXAMPLES}。")
