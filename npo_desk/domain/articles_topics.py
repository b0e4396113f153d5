"""Which 定款変更 needs the 所轄庁's 認証 (25条3項) and which is only notified (25条6項), by the items of
11条1項 it changes and the day it is made (docs/legal-reference.md §13.2)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.procedures import SHOKATSU_ACCREDITATION_FROM


class ArticlesTopic(StrEnum):
    """What a 定款変更 changes, by the item of 11条1項 it touches (4号・6号・12号 split as 25条3項 does)."""

    PURPOSE = "purpose"  # 1号 目的
    NAME = "name"  # 2号 名称
    ACTIVITIES = "activities"  # 3号 特定非営利活動の種類及び事業の種類
    OFFICE = "office"  # 4号 事務所の所在地 (所轄庁の変更を伴わない)
    OFFICE_NEW_AUTHORITY = "office_new_authority"  # 4号 (所轄庁の変更を伴う)
    MEMBERSHIP = "membership"  # 5号 社員の資格の得喪
    OFFICERS = "officers"  # 6号 役員に関する事項 (定数を除く)
    OFFICER_COUNT = "officer_count"  # 6号のうち役員の定数
    MEETINGS = "meetings"  # 7号 会議
    ASSETS = "assets"  # 8号 資産
    ACCOUNTING = "accounting"  # 9号 会計
    FISCAL_YEAR = "fiscal_year"  # 10号 事業年度
    OTHER_BUSINESS = "other_business"  # 11号 その他の事業
    RESIDUAL_ASSETS = "residual_assets"  # 12号のうち残余財産の帰属すべき者
    DISSOLUTION = "dissolution"  # 12号 解散に関する事項 (その他)
    AMENDMENT = "amendment"  # 13号 定款の変更に関する事項
    PUBLIC_NOTICE = "public_notice"  # 14号 公告の方法


ARTICLES_TOPIC_LABELS: dict[ArticlesTopic, str] = {
    ArticlesTopic.PURPOSE: "目的",
    ArticlesTopic.NAME: "名称",
    ArticlesTopic.ACTIVITIES: "特定非営利活動の種類・事業の種類",
    ArticlesTopic.OFFICE: "事務所の所在地 (所轄庁の変更なし)",
    ArticlesTopic.OFFICE_NEW_AUTHORITY: "事務所の所在地 (所轄庁の変更あり)",
    ArticlesTopic.MEMBERSHIP: "社員の資格の得喪",
    ArticlesTopic.OFFICERS: "役員に関する事項 (定数を除く)",
    ArticlesTopic.OFFICER_COUNT: "役員の定数",
    ArticlesTopic.MEETINGS: "会議に関する事項",
    ArticlesTopic.ASSETS: "資産に関する事項",
    ArticlesTopic.ACCOUNTING: "会計に関する事項",
    ArticlesTopic.FISCAL_YEAR: "事業年度",
    ArticlesTopic.OTHER_BUSINESS: "その他の事業",
    ArticlesTopic.RESIDUAL_ASSETS: "残余財産の帰属すべき者",
    ArticlesTopic.DISSOLUTION: "解散に関する事項 (残余財産の帰属先を除く)",
    ArticlesTopic.AMENDMENT: "定款の変更に関する事項",
    ArticlesTopic.PUBLIC_NOTICE: "公告の方法",
}

# 11条1項4号 事務所の所在地: a change of these moves the corporation's offices once it takes effect.
OFFICE_TOPICS: frozenset[ArticlesTopic] = frozenset(
    {ArticlesTopic.OFFICE, ArticlesTopic.OFFICE_NEW_AUTHORITY}
)

# 25条3項 as amended by 平成23年法律第70号 (applications from 2012-04-01, 附則第5条第1項): only these
# need 認証; every other change is notified (25条6項).
CERTIFIED_TOPICS_2012: frozenset[ArticlesTopic] = frozenset(
    {
        ArticlesTopic.PURPOSE,
        ArticlesTopic.NAME,
        ArticlesTopic.ACTIVITIES,
        ArticlesTopic.OFFICE_NEW_AUTHORITY,
        ArticlesTopic.MEMBERSHIP,
        ArticlesTopic.OFFICERS,
        ArticlesTopic.MEETINGS,
        ArticlesTopic.OTHER_BUSINESS,
        ArticlesTopic.RESIDUAL_ASSETS,
        ArticlesTopic.AMENDMENT,
    }
)
# Before: every change except 4号 without a change of 所轄庁, 8号 and 14号 (the 「軽微な事項」), as the
# practice guides of the time quote 25条3項 (docs/legal-reference.md §13.2; to be checked).
NOTIFIED_TOPICS_BEFORE_2012: frozenset[ArticlesTopic] = frozenset(
    {ArticlesTopic.OFFICE, ArticlesTopic.ASSETS, ArticlesTopic.PUBLIC_NOTICE}
)


def amendment_needs_certification(topics: Iterable[ArticlesTopic], on: date) -> bool:
    """Whether a 定款変更 touching ``topics``, applied for (or notified) on ``on``, needs the 所轄庁's
    認証 (25条3項) rather than a 届出 (25条6項). One certified topic makes the whole change one."""
    chosen = set(topics)
    if not chosen:
        raise InvalidInput("定款のどの事項を変更するかを選んでください。")
    if on >= SHOKATSU_ACCREDITATION_FROM:
        return bool(chosen & CERTIFIED_TOPICS_2012)
    return bool(chosen - NOTIFIED_TOPICS_BEFORE_2012)
