"""What the store refuses to write: contradictions no table could hold, named in Japanese.

The rules of the law (order of dates, requirements) are the domain's and are shown to the clerk
as findings; these checks only keep a case storable and unambiguous.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_fiscal_year
from npo_desk.store.records import MILESTONE_LABELS, Case


def validate_case(case: Case) -> None:
    """Raise InvalidInput with a Japanese sentence when ``case`` cannot be stored as it is."""
    if not case.name.strip():
        raise InvalidInput("法人名 (団体名) が空です。法人名を入力してから保存してください。")
    twice = [kind for kind, count in Counter(m.kind for m in case.milestones).items() if count > 1]
    if twice:
        raise InvalidInput(
            f"「{MILESTONE_LABELS[twice[0]]}」の日付が2つあります。1つにしてから保存してください。"
        )
    keys = [key for key, count in Counter(o.key for o in case.deadline_overrides).items() if count > 1]
    if keys:
        raise InvalidInput(f"期限「{keys[0]}」の手動設定が2つあります。1つにしてから保存してください。")
    if any(not o.reason.strip() for o in case.deadline_overrides):
        raise InvalidInput("期限を手動で設定するときは、その理由を入力してください。")
    if len(set(case.activity_fields)) != len(case.activity_fields):
        raise InvalidInput("同じ活動分野が2回選ばれています。1回にしてから保存してください。")
    if case.member_count is not None and case.member_count < 0:
        raise InvalidInput("社員数には0以上の数を入力してください。")
    if case.fiscal_year_start is not None:
        month, day = case.fiscal_year_start
        try:
            date(2001, month, day)  # a year without 2月29日: a fiscal year cannot start on it
        except ValueError:
            raise InvalidInput(
                f"事業年度の開始日 {month}月{day}日 はありません。正しい日付を入力してください。"
            ) from None
    filed = Counter(f.fiscal_year_start for f in case.annual_reports)
    years = [year for year, count in filed.items() if count > 1]
    if years:
        raise InvalidInput(
            f"{format_fiscal_year(years[0])}分の事業報告書等の受理が2つあります。1つにしてから保存してください。"
        )
    if case.law_profile_id and not case.law_profile_reason.strip():
        raise InvalidInput("適用する法令の版を指定するときは、その理由を入力してください。")
