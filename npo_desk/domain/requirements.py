"""The requirements a 所轄庁 checks before certifying (docs/legal-reference.md §8), as findings for the clerk.

Only what can be counted is checked here: members (12条1項4号), the numbers of directors and
auditors (15条), an auditor doubling as director or staff (19条), paid officers (2条2項1号ロ),
relatives among the officers (21条) and the activity fields of the application's law profile
(2条1項・別表). The rest of 12条 (purpose, religion, politics, 暴力団) needs the clerk's judgement.
Each finding cites its article; an application that passes yields no findings.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.profiles import LawProfile

MIN_MEMBERS = 10  # 12条1項4号
MIN_DIRECTORS = 3  # 15条
MIN_AUDITORS = 1  # 15条

ART_MEMBERS = "第12条第1項第4号"
ART_OFFICER_NUMBERS = "第15条"
ART_AUDITOR_DUAL_ROLE = "第19条"
ART_PAID_OFFICERS = "第2条第2項第1号ロ"
ART_RELATIVES = "第21条"
ART_ACTIVITY_FIELDS = "第2条第1項・別表"


class Role(StrEnum):
    DIRECTOR = "director"  # 理事
    AUDITOR = "auditor"  # 監事


# The one place these labels live; typed by ``str`` so a stored role value ("director") looks up too.
ROLE_LABELS: dict[str, str] = {Role.DIRECTOR: "理事", Role.AUDITOR: "監事"}


@dataclass(frozen=True)
class OfficerFacts:
    name: str
    role: Role
    paid: bool = False  # receives 役員報酬
    relative_group: str | None = None  # officers sharing a value are spouses/relatives within 3 degrees
    is_staff: bool = False  # also an employee (職員) of the NPO
    kana: str = ""  # the reading (フリガナ): tells two people of the same name apart


class Severity(StrEnum):
    ERROR = "error"  # the application cannot be certified as it stands
    WARNING = "warning"  # something to confirm or complete


@dataclass(frozen=True)
class Finding:
    severity: Severity
    message: str  # a complete Japanese sentence ending with the article in parentheses
    article: str  # e.g. 第15条 (of 特定非営利活動促進法)
    topic: str  # members | officers | activity_fields


def check_requirements(
    member_count: int | None,
    officers: Sequence[OfficerFacts],
    activity_fields: Iterable[int],
    profile: LawProfile,
) -> list[Finding]:
    """Every requirement of §5 that the facts fail (or leave open), errors first.

    The officers are counted as people (``distinct_officers``): one entered twice is a finding of its
    own and counts once toward every number (理事, 監事, and the totals of 2条2項1号ロ and 21条).
    """
    people = distinct_officers(officers)
    findings = [
        *_members(member_count),
        *_duplicates(people),
        *_officer_numbers(people),
        *_auditors_dual_role(people),
        *_paid_officers(people),
        *_relatives(people),
        *_activity_fields(activity_fields, profile),
    ]
    return sorted(findings, key=lambda f: f.severity != Severity.ERROR)


def _finding(severity: Severity, text: str, article: str, topic: str) -> Finding:
    return Finding(severity, f"{text} ({article})", article, topic)


def _members(count: int | None) -> list[Finding]:
    if count is None:
        text = f"社員の数が入力されていません。{MIN_MEMBERS}人以上の社員が必要です"
        return [_finding(Severity.WARNING, text, ART_MEMBERS, "members")]
    if count < 0:
        raise InvalidInput(f"社員の数に負の数({count})は入力できません。")
    if count < MIN_MEMBERS:
        text = f"社員が{count}人です。{MIN_MEMBERS}人以上の社員が必要です"
        return [_finding(Severity.ERROR, text, ART_MEMBERS, "members")]
    return []


def _person(name: str) -> str:
    """The same person written with or without spaces or in full-width characters."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def _reading(kana: str) -> str:
    """A reading in katakana without spaces: ヤマダ タロウ, ﾔﾏﾀﾞﾀﾛｳ and やまだたろう are one reading."""
    folded = _person(kana)
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in folded)


@dataclass(frozen=True)
class Person:
    """One officer as a person: the entries naming them (usually one) and what those entries say."""

    entries: tuple[OfficerFacts, ...]

    @property
    def name(self) -> str:
        return self.entries[0].name

    def has_role(self, role: Role) -> bool:
        return any(o.role is role for o in self.entries)

    @property
    def paid(self) -> bool:
        return any(o.paid for o in self.entries)

    @property
    def relative_groups(self) -> set[str]:
        return {key for o in self.entries if (key := _person(o.relative_group or ""))}

    def same_as(self, officer: OfficerFacts) -> bool:
        """Same name (spaces and width aside); when both readings are known, the same reading too
        (山崎 ヤマザキ and 山崎 ヤマサキ are two people, 山崎 with no reading is either)."""
        first = self.entries[0]
        if not _person(officer.name) or _person(officer.name) != _person(first.name):
            return False
        readings = {_reading(o.kana) for o in self.entries} - {""}
        return not readings or not _reading(officer.kana) or _reading(officer.kana) in readings


def distinct_officers(officers: Sequence[OfficerFacts]) -> list[Person]:
    """The officers as people, in the order first entered; a blank name is always its own entry."""
    people: list[Person] = []
    for officer in officers:
        for i, person in enumerate(people):
            if person.same_as(officer):
                people[i] = Person((*person.entries, officer))
                break
        else:
            people.append(Person((officer,)))
    return people


def _duplicates(people: Sequence[Person]) -> list[Finding]:
    """The same person entered twice in one role: a slip of the list, counted once (an auditor also
    listed as director is 19条's finding, not this one)."""
    found = []
    for person in people:
        for role in Role:
            times = sum(o.role is role for o in person.entries)
            if times > 1:
                text = (
                    f"{ROLE_LABELS[role]}「{person.name}」が{times}回入力されています。"
                    "同じ人は1人として数えます。重複している行を削除してください"
                )
                found.append(_finding(Severity.WARNING, text, ART_OFFICER_NUMBERS, "officers"))
    return found


def _officer_numbers(people: Sequence[Person]) -> list[Finding]:
    directors = sum(p.has_role(Role.DIRECTOR) for p in people)
    auditors = sum(p.has_role(Role.AUDITOR) for p in people)
    found = []
    if directors < MIN_DIRECTORS:
        text = f"理事が{directors}人です。理事は{MIN_DIRECTORS}人以上必要です"
        found.append(_finding(Severity.ERROR, text, ART_OFFICER_NUMBERS, "officers"))
    if auditors < MIN_AUDITORS:
        text = f"監事が置かれていません。監事は{MIN_AUDITORS}人以上必要です"
        found.append(_finding(Severity.ERROR, text, ART_OFFICER_NUMBERS, "officers"))
    return found


def _auditors_dual_role(people: Sequence[Person]) -> list[Finding]:
    found = []
    for person in people:
        auditor = [o for o in person.entries if o.role is Role.AUDITOR]
        if not auditor:
            continue
        if person.has_role(Role.DIRECTOR):
            text = f"監事「{auditor[0].name}」が理事を兼ねています。監事は理事を兼ねることができません"
            found.append(_finding(Severity.ERROR, text, ART_AUDITOR_DUAL_ROLE, "officers"))
        if any(o.is_staff for o in auditor):
            text = f"監事「{auditor[0].name}」が法人の職員を兼ねています。監事は職員を兼ねることができません"
            found.append(_finding(Severity.ERROR, text, ART_AUDITOR_DUAL_ROLE, "officers"))
    return found


def _paid_officers(people: Sequence[Person]) -> list[Finding]:
    total = len(people)
    paid = sum(p.paid for p in people)
    if paid * 3 <= total:
        return []
    text = (
        f"報酬を受ける役員が役員総数の3分の1を超えています: 役員{total}人中{paid}人、上限{total // 3}人"
    )
    return [_finding(Severity.ERROR, text, ART_PAID_OFFICERS, "officers")]


def _relatives(people: Sequence[Person]) -> list[Finding]:
    """21条: per officer at most one spouse/relative among the officers, and the officer with them at
    most one third of all officers. A relative group (officers related to each other) therefore has at
    most 2 people and at most a third of the officers."""
    groups: dict[str, list[str]] = defaultdict(list)
    for person in people:
        for key in sorted(person.relative_groups):
            groups[key].append(person.name)
    total = len(people)
    found = []
    for names in groups.values():
        if len(names) < 2:
            continue
        listed = "・".join(f"「{n}」" for n in names)
        if len(names) > 2:
            text = (
                f"役員{listed}は互いに配偶者又は三親等以内の親族です。"
                "各役員について、配偶者又は三親等以内の親族は役員のうち1人までです"
            )
            found.append(_finding(Severity.ERROR, text, ART_RELATIVES, "officers"))
        if len(names) * 3 > total:
            text = (
                f"親族関係にある役員{listed}が役員総数の3分の1を超えています: 役員{total}人中{len(names)}人"
            )
            found.append(_finding(Severity.ERROR, text, ART_RELATIVES, "officers"))
    return found


def _activity_fields(numbers: Iterable[int], profile: LawProfile) -> list[Finding]:
    chosen = sorted(set(numbers))
    if not chosen:
        text = "特定非営利活動の種類が選ばれていません。別表の活動から1つ以上選んでください"
        return [_finding(Severity.ERROR, text, ART_ACTIVITY_FIELDS, "activity_fields")]
    found = []
    for number in chosen:
        try:
            field = profile.activity_field(number)
        except InvalidInput as err:
            text = str(err).rstrip("。")
            found.append(_finding(Severity.ERROR, text, ART_ACTIVITY_FIELDS, "activity_fields"))
            continue
        if "条例で定める活動" in field.name:
            text = (
                f"活動分野の第{number}号({field.name})は、都道府県又は指定都市の条例に定めがある"
                "活動に限られます。条例の定めを確認してください"
            )
            found.append(_finding(Severity.WARNING, text, ART_ACTIVITY_FIELDS, "activity_fields"))
    return found
