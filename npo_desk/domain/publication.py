"""The 公表 list: which applications the 所轄庁 publishes on an as-of date, and what it says of each.

特定非営利活動促進法10条2項 (25条5項・34条5項 が定款変更・合併に準用): the 所轄庁 publishes, without
delay, that an application was made, its 申請年月日 and the 名称, 代表者の氏名, 主たる事務所の所在地 and
定款に記載された目的, and puts the documents on 縦覧 for the version's period. How it publishes changed
with the versions (docs/legal-reference.md §4.1a): 公告 until 2017-03-31, 公告 or インターネット
from 2017-04-01 (平成28年法律第70号), インターネット (内閣府令; 公報 instead allowed) from 2021-06-09
(令和2年法律第72号). The Act sets no last day for the 公表; the list follows the 縦覧 period by default
and, on request, keeps every application not yet decided (many 所轄庁 publish until the decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from npo_desk.domain.deadlines import public_inspection_end
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.profiles import LawProfile, resolve_profile

ACT = "特定非営利活動促進法"

# How each version makes the 10条2項 announcement (docs/legal-reference.md §4.1a), by profile id.
_METHODS: dict[str, str] = {
    "1998-12-01": "公告",
    "2001-01-06": "公告",
    "2003-05-01": "公告",
    "2012-04-01": "公告",
    "2017-04-01": "公告又はインターネットの利用による公表",
    "2021-06-09": "インターネットの利用その他の内閣府令で定める方法による公表",
}


@dataclass(frozen=True)
class InspectionPeriod:
    """The 縦覧 of one application: from the day after receipt (民法140条本文) to its last day."""

    start: date
    end: date

    def includes(self, day: date) -> bool:
        return self.start <= day <= self.end


def inspection_period(received_on: date, profile: LawProfile) -> InspectionPeriod:
    """10条2項「申請書を受理した日から」the version's length: the receipt day is not counted, so the
    period runs from the next day to ``public_inspection_end`` (the same count as the deadline)."""
    return InspectionPeriod(received_on + timedelta(days=1), public_inspection_end(received_on, profile))


def publication_basis(profile: LawProfile) -> str:
    """The article and the way of publishing under ``profile``: 「特定非営利活動促進法第10条第2項
    (インターネットの利用…による公表)」."""
    return f"{ACT}第10条第2項（{_METHODS[profile.id]}）"


def publishes_attachment_contents(profile: LawProfile) -> bool:
    """Whether 10条2項2号 publishes what the 特定添付書類 say (定款, 役員名簿 without addresses, 設立趣旨書,
    事業計画書, 活動予算書): so from 令和2年法律第72号 (2021-06-09); before, only the name, the
    representative, the main office and the purpose (docs/legal-reference.md §4.1a)."""
    return profile.effective_from >= date(2021, 6, 9)


def published_by_internet(profile: LawProfile) -> bool:
    """Whether the Act itself names the internet for this version (2017-04-01 on); before, the law
    asked for a 公告 and a web page is the 所轄庁's own choice."""
    return profile.effective_from >= date(2017, 4, 1)


def _decided_by(facts: CaseFacts, as_of: date) -> bool:
    """認証, 不認証 or 取下げ on or before ``as_of`` ends the application (a later fact did not yet)."""
    ends = (facts.certified_on, facts.refused_on, facts.withdrawn_on, facts.revoked_on)
    return any(day is not None and day <= as_of for day in ends)


def on_publication_list(facts: CaseFacts, as_of: date, *, all_pending: bool = False) -> bool:
    """Whether the application belongs on the 公表 list of ``as_of``.

    Received on or before ``as_of`` and not decided or withdrawn by then; by default also still within
    its 縦覧 (the receipt day itself included: 10条2項 asks for the 公表「遅滞なく」, before the 縦覧's
    first counted day). ``all_pending`` keeps every application not yet decided."""
    received = facts.received_on
    if received is None or received > as_of or _decided_by(facts, as_of):
        return False
    if all_pending:
        return True
    return as_of <= inspection_period(received, resolve_profile(facts)).end
