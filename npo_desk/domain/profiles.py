"""The versions of the NPO Act as data: one profile per version, chosen by the receipt date.

Every amending act applies its new rules only to applications received on or after its start date
(附則「なお従前の例による」), so a case keeps the profile of its receipt date for life. Adding the next
amendment means adding one profile here (and its tests). Source: docs/legal-reference.md §1, §2 and §9.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.periods import Period


@dataclass(frozen=True)
class ActivityField:
    """One 特定非営利活動の種類 of a profile's 別表: its number *in that version* and today's number."""

    number: int
    name: str
    current_number: int


@dataclass(frozen=True)
class TransitionalDecision:
    """A 附則 that replaced the decision period for applications received up to ``received_until``."""

    received_until: date
    decide_by: date
    basis: str


@dataclass(frozen=True)
class LawProfile:
    id: str
    effective_from: date
    effective_to: date | None  # last day of applications it governs; None = still in force
    inspection: Period  # 縦覧 (10条2項)
    correction: Period | None  # 補正 window (10条3項); None before 2012-04-01
    decision: Period  # statutory decision period (12条2項)
    activity_fields: tuple[ActivityField, ...]
    multi_prefecture_authority: str | None  # offices in 2+ prefectures; None = prefecture of main office
    label: str
    decision_shortened_by_ordinance: bool = True  # may a 条例 shorten the decision period?
    transitional_decision: TransitionalDecision | None = None
    # Where this version puts the 補正 rule: 10条3項 as added by 平成23年法律第70号, 10条4項 once
    # 令和2年法律第72号 inserted a new 3項 and moved the 補正 rule to 4項 (docs/legal-reference.md §4.2).
    correction_article: str = "第10条第3項"
    # Whether this version's 補正 rule also reaches applications received before its first day and
    # still pending then: true where the amending act's 附則 keeps no 「なお従前の例」 for it.
    correction_reaches_pending: bool = False
    # The 6 months after 認証 after which an unregistered certification may be revoked (13条3項).
    registration_grace_article: str = "第13条第3項"

    def activity_field(self, number: int) -> ActivityField:
        """The field ``number`` of this version's 別表 (InvalidInput when the version has none)."""
        for field in self.activity_fields:
            if field.number == number:
                return field
        raise InvalidInput(
            f"活動分野の第{number}号は、この法令の版({self.label})にはありません"
            f"(第1号〜第{len(self.activity_fields)}号)。"
        )

    def check_activity_fields(self, numbers: Iterable[int]) -> None:
        """Refuse (InvalidInput) the first number this version's 別表 does not have: one rule for the
        store's every write and the importer, so nothing stored can fail an export or a re-import."""
        for number in numbers:
            self.activity_field(number)


def _fields(names: tuple[str, ...], current: tuple[int, ...]) -> tuple[ActivityField, ...]:
    pairs = zip(names, current, strict=True)
    return tuple(ActivityField(i, name, cur) for i, (name, cur) in enumerate(pairs, 1))


# 別表 as amended by 平成23年法律第70号 (in force 2012-04-01), unchanged since.
CURRENT_FIELD_NAMES: tuple[str, ...] = (
    "保健、医療又は福祉の増進を図る活動",
    "社会教育の推進を図る活動",
    "まちづくりの推進を図る活動",
    "観光の振興を図る活動",
    "農山漁村又は中山間地域の振興を図る活動",
    "学術、文化、芸術又はスポーツの振興を図る活動",
    "環境の保全を図る活動",
    "災害救援活動",
    "地域安全活動",
    "人権の擁護又は平和の推進を図る活動",
    "国際協力の活動",
    "男女共同参画社会の形成の促進を図る活動",
    "子どもの健全育成を図る活動",
    "情報化社会の発展を図る活動",
    "科学技術の振興を図る活動",
    "経済活動の活性化を図る活動",
    "職業能力の開発又は雇用機会の拡充を支援する活動",
    "消費者の保護を図る活動",
    "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動",
    "前各号に掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動",
)
FIELDS_2012 = _fields(CURRENT_FIELD_NAMES, tuple(range(1, 21)))

# 別表 as amended by 平成14年法律第173号 (2003-05-01 .. 2012-03-31): the current list without
# 四・五・二十, so old 1-3 = new 1-3 and old 4-17 = new 6-19.
_CURRENT_FOR_2003 = (1, 2, 3, *range(6, 20))
FIELDS_2003 = _fields(tuple(CURRENT_FIELD_NAMES[n - 1] for n in _CURRENT_FOR_2003), _CURRENT_FOR_2003)

# 別表 of the original Act (平成10年法律第7号): 12 fields; 四 had no 「学術」 and no 科学技術 etc.
FIELDS_1998 = _fields(
    (
        "保健、医療又は福祉の増進を図る活動",
        "社会教育の推進を図る活動",
        "まちづくりの推進を図る活動",
        "文化、芸術又はスポーツの振興を図る活動",
        "環境の保全を図る活動",
        "災害救援活動",
        "地域安全活動",
        "人権の擁護又は平和の推進を図る活動",
        "国際協力の活動",
        "男女共同参画社会の形成の促進を図る活動",
        "子どもの健全育成を図る活動",
        "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動",
    ),
    (1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 19),
)

PROFILES: tuple[LawProfile, ...] = (
    LawProfile(
        id="1998-12-01",
        effective_from=date(1998, 12, 1),
        effective_to=date(2001, 1, 5),
        inspection=Period.months(2),
        correction=None,
        decision=Period.months(2),
        activity_fields=FIELDS_1998,
        multi_prefecture_authority="経済企画庁",
        label="平成10年12月1日施行 (平成10年法律第7号)",
        decision_shortened_by_ordinance=False,
        # 附則第3項: for applications made within 6 months of 施行 (up to 1999-05-31), 12条2項's
        # 「二月以内」 read 「この法律の施行後十月以内」, i.e. by 1999-09-30.
        transitional_decision=TransitionalDecision(
            received_until=date(1999, 5, 31),
            decide_by=date(1999, 9, 30),
            basis="特定非営利活動促進法附則第3項",
        ),
    ),
    LawProfile(
        id="2001-01-06",
        effective_from=date(2001, 1, 6),
        effective_to=date(2003, 4, 30),
        inspection=Period.months(2),
        correction=None,
        decision=Period.months(2),
        activity_fields=FIELDS_1998,
        multi_prefecture_authority="内閣府",
        label="平成13年1月6日施行 (中央省庁等改革関係法施行法、平成11年法律第160号)",
        decision_shortened_by_ordinance=False,
    ),
    LawProfile(
        id="2003-05-01",
        effective_from=date(2003, 5, 1),
        effective_to=date(2012, 3, 31),
        inspection=Period.months(2),
        correction=None,
        decision=Period.months(2),
        activity_fields=FIELDS_2003,
        multi_prefecture_authority="内閣府",
        label="平成15年5月1日施行 (平成14年法律第173号)",
        decision_shortened_by_ordinance=False,
    ),
    LawProfile(
        id="2012-04-01",
        effective_from=date(2012, 4, 1),
        effective_to=date(2017, 3, 31),
        inspection=Period.months(2),
        correction=Period.months(1),
        decision=Period.months(2),
        activity_fields=FIELDS_2012,
        multi_prefecture_authority=None,
        label="平成24年4月1日施行 (平成23年法律第70号)",
        # 附則第3条 keeps the old rules only for 10条1項's attached documents: the new 補正 rule
        # (10条3項) applies from 2012-04-01 to applications still pending that day.
        correction_reaches_pending=True,
    ),
    LawProfile(
        id="2017-04-01",
        effective_from=date(2017, 4, 1),
        effective_to=date(2021, 6, 8),
        inspection=Period.months(1),
        correction=Period.weeks(2),
        decision=Period.months(2),
        activity_fields=FIELDS_2012,
        multi_prefecture_authority=None,
        label="平成29年4月1日施行 (平成28年法律第70号)",
    ),
    LawProfile(
        id="2021-06-09",
        effective_from=date(2021, 6, 9),
        effective_to=None,
        inspection=Period.weeks(2),
        correction=Period.weeks(1),
        decision=Period.months(2),
        activity_fields=FIELDS_2012,
        multi_prefecture_authority=None,
        label="令和3年6月9日施行 (令和2年法律第72号)",
        correction_article="第10条第4項",  # a new 3項 pushed the 補正 rule down (令和2年法律第72号)
    ),
)

_BY_ID = {p.id: p for p in PROFILES}


def profile_for(received_on: date) -> LawProfile:
    """The version of the Act that governs an application received on ``received_on``."""
    for profile in reversed(PROFILES):
        if received_on >= profile.effective_from:
            return profile
    raise InvalidInput(
        f"{received_on.isoformat()} は特定非営利活動促進法の施行日(1998年12月1日)より前のため、"
        "申請受理日として扱えません。"
    )


def get_profile(profile_id: str) -> LawProfile:
    """The profile with id ``profile_id`` (its effective date, e.g. ``2021-06-09``)."""
    try:
        return _BY_ID[profile_id]
    except KeyError:
        known = "、".join(_BY_ID)
        raise InvalidInput(f"法令の版「{profile_id}」はありません。指定できる版: {known}。") from None


def resolve_profile(facts: CaseFacts) -> LawProfile:
    """The explicit override of the case, else the version of its receipt date, else the newest."""
    if facts.law_profile_id is not None:
        return get_profile(facts.law_profile_id)
    if facts.received_on is not None:
        return profile_for(facts.received_on)
    return PROFILES[-1]
