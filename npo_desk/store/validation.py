"""What the store refuses to write, named in Japanese: the one check every write path passes.

The window, the importer, the demo and the benchmarks all write through ``create_case(s)`` and
``save_case``, so whatever is stored can be exported and imported again. Besides contradictions no
table could hold, the store refuses what the law makes impossible and an export could not write: dates
out of the lifecycle's order (``lifecycle.check_facts``), activity-field numbers the case's version of
the Act does not have, a law version or receipt date the Act does not know, branches without a main
office. The requirements (officers, members) stay findings shown to the clerk, not refusals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.lifecycle import check_facts
from npo_desk.domain.profiles import resolve_profile
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_fiscal_year
from npo_desk.store.records import MILESTONE_LABELS, Case, Office, facts_of


def validate_case(case: Case, settings: Settings) -> None:
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
    check_offices(case.offices)
    facts = facts_of(case)
    resolve_profile(facts).check_activity_fields(case.activity_fields)  # also: a version the Act knows
    check_facts(facts, settings)


def check_offices(offices: Sequence[Office]) -> None:
    """A branch needs a main office: ``offices[0]`` with an address (the importer's
    「主たる事務所の所在地」 column gets the same refusal)."""
    if any(o.address.strip() for o in offices[1:]) and not offices[0].address.strip():
        raise InvalidInput("従たる事務所があるのに、主たる事務所の所在地が空です。所在地を入力してください。")
