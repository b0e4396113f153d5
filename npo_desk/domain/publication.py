"""The 公表 list: which applications the 所轄庁 publishes on an as-of date, and what it says of each.

特定非営利活動促進法10条2項 (25条5項・34条5項 が定款変更・合併の認証に準用): the 所轄庁 publishes, without
delay, that an application was made, its 申請年月日 and the 名称, 代表者の氏名, 主たる事務所の所在地 and
定款に記載された目的, and puts the documents on 縦覧 for the version's period. How it publishes changed
with the versions (docs/legal-reference.md §4.1a): 公告 until 2017-03-31, 公告 or インターネット
from 2017-04-01 (平成28年法律第70号), インターネット (内閣府令; 公報 instead allowed) from 2021-06-09
(令和2年法律第72号). How long: for applications from 2021-06-09 the new 10条3項 says the 公表 goes on
「第十二条第一項の規定による認証又は不認証の決定がされるまでの間」, so they stay on the list until
decided or withdrawn; for older ones the Act set no end, and the list follows their 縦覧 by default and
keeps them until the decision only on request (``all_pending``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from npo_desk.domain.deadlines import public_inspection_end
from npo_desk.domain.procedures import (
    KINDS,
    MERGER_ROLE_LABELS,
    AuthorityChange,
    Milestone,
    ProcedureFacts,
    ProcedureKind,
    procedure_profile,
)
from npo_desk.domain.profiles import LawProfile

ACT = "特定非営利活動促進法"

# The applications the 所轄庁 publishes: 設立 (10条2項), 定款変更 (25条5項) and 合併 (34条5項) 認証.
PUBLISHED_KINDS: frozenset[ProcedureKind] = frozenset(
    {ProcedureKind.ESTABLISHMENT, ProcedureKind.ARTICLES_AMENDMENT, ProcedureKind.MERGER}
)
# 令和2年法律第72号 (附則第2条: applications from its 施行日): 10条3項, 公表 until the decision.
UNTIL_DECISION_FROM = date(2021, 6, 9)

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


def publication_basis(profile: LawProfile, kind: ProcedureKind = ProcedureKind.ESTABLISHMENT) -> str:
    """The article and the way of publishing under ``profile``: 「特定非営利活動促進法第10条第2項
    (インターネットの利用…による公表)」; for a 定款変更 or 合併 the article applying it
    (「…第25条第5項において準用する第10条第2項…」, ``KindSpec.applies_certification``)."""
    applying = KINDS[kind].applies_certification
    via = f"{applying}において準用する" if applying else ""
    return f"{ACT}{via}第10条第2項（{_METHODS[profile.id]}）"


def application_label(facts: ProcedureFacts) -> str:
    """The 申請の種類 column: 「設立認証」「定款変更認証」, a 合併 with this corporation's part in it
    (「合併認証（合併後存続する法人）」): each merging corporation's procedure is its own row."""
    label = KINDS[facts.kind].label
    if facts.kind is ProcedureKind.MERGER and facts.merger_role is not None:
        return f"{label}（{MERGER_ROLE_LABELS[facts.merger_role]}）"
    return label


def publishes_attachment_contents(profile: LawProfile) -> bool:
    """Whether 10条2項2号 publishes what the 特定添付書類 say (定款, 役員名簿 without addresses, 設立趣旨書,
    事業計画書, 活動予算書): so from 令和2年法律第72号 (2021-06-09); before, only the name, the
    representative, the main office and the purpose (docs/legal-reference.md §4.1a)."""
    return profile.effective_from >= date(2021, 6, 9)


def published_by_internet(profile: LawProfile) -> bool:
    """Whether the Act itself names the internet for this version (2017-04-01 on); before, the law
    asked for a 公告 and a web page is the 所轄庁's own choice."""
    return profile.effective_from >= date(2017, 4, 1)


def published_until_decision(profile: LawProfile) -> bool:
    """Whether the Act keeps the 公表 going until the decision: 10条3項 as 令和2年法律第72号 made it
    (「前項の規定による公表は、第十二条第一項の規定による認証又は不認証の決定がされるまでの間、
    行うものとする」; 25条5項・34条5項 apply it to 定款変更・合併), for applications received from
    2021-06-09 (附則第2条). Before, 10条3項 was the 補正 and nothing set the 公表's end."""
    return profile.effective_from >= UNTIL_DECISION_FROM


_ENDS = (Milestone.CERTIFIED, Milestone.REFUSED, Milestone.WITHDRAWN, Milestone.REVOKED)


def _ended_by(facts: ProcedureFacts, as_of: date) -> bool:
    """認証, 不認証 or 取下げ on or before ``as_of`` ends the application (a later fact did not yet)."""
    return any((day := facts.on(end)) is not None and day <= as_of for end in _ENDS)


def on_publication_list(facts: ProcedureFacts, as_of: date, *, all_pending: bool = False) -> bool:
    """Whether the application belongs on the 公表 list of ``as_of``.

    A 設立, 定款変更 or 合併 認証 (``PUBLISHED_KINDS``; a 定款変更 we only forward to the new 所轄庁 is
    theirs to publish, 26条1項), received on or before ``as_of`` (the receipt day included: 10条2項
    asks for the 公表「遅滞なく」) and not decided or withdrawn by then. Received from 2021-06-09 it
    stays until then whatever ``all_pending`` says (10条3項); received earlier, by default only while
    its 縦覧 lasts, and until the decision with ``all_pending``."""
    if facts.kind not in PUBLISHED_KINDS or facts.authority_change is AuthorityChange.OUTGOING:
        return False
    received = facts.received_on
    if received is None or received > as_of or _ended_by(facts, as_of):
        return False
    profile = procedure_profile(facts)
    if all_pending or published_until_decision(profile):
        return True
    return as_of <= inspection_period(received, profile).end
