"""Requirement checks before 認証 (docs/legal-reference.md §8): each rule passing and failing."""

from __future__ import annotations

import pytest

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.profiles import get_profile
from npo_desk.domain.requirements import (
    Finding,
    OfficerFacts,
    Role,
    Severity,
    check_requirements,
)

CURRENT = get_profile("2021-06-09")
D, A = Role.DIRECTOR, Role.AUDITOR


def board(directors: int = 3, auditors: int = 1) -> list[OfficerFacts]:
    return [OfficerFacts(f"理事{i}", D) for i in range(directors)] + [
        OfficerFacts(f"監事{i}", A) for i in range(auditors)
    ]


def couple(name: str, role: Role) -> OfficerFacts:
    return OfficerFacts(name, role, relative_group="田中")


def check(members=10, officers=None, fields=(1,), profile=CURRENT) -> list[Finding]:
    return check_requirements(members, board() if officers is None else officers, fields, profile)


def articles(findings: list[Finding]) -> list[str]:
    return [f.article for f in findings]


def test_a_sound_application_has_no_findings():
    assert check() == []
    assert check(members=250, officers=board(10, 2), fields=(1, 2, 13, 19)) == []


# ---------------------------------------------------------------- members (12条1項4号)


def test_ten_members_pass_nine_fail():
    assert check(members=10) == []
    [finding] = check(members=9)
    assert finding == Finding(
        Severity.ERROR,
        "社員が9人です。10人以上の社員が必要です (第12条第1項第4号)",
        "第12条第1項第4号",
        "members",
    )


def test_unknown_member_count_is_a_warning():
    [finding] = check(members=None)
    assert (finding.severity, finding.topic) == (Severity.WARNING, "members")
    assert "入力されていません" in finding.message


def test_negative_member_count_is_invalid_input():
    with pytest.raises(InvalidInput, match="負の数"):
        check(members=-1)


# ---------------------------------------------------------------- numbers of officers (15条)


def test_two_directors_and_no_auditor_fail():
    findings = check(officers=board(2, 0))
    assert articles(findings) == ["第15条", "第15条"]
    assert findings[0].message == "理事が2人です。理事は3人以上必要です (第15条)"
    assert findings[1].message == "監事が置かれていません。監事は1人以上必要です (第15条)"
    assert all(f.severity is Severity.ERROR and f.topic == "officers" for f in findings)


def test_no_officers_at_all():
    assert articles(check(officers=[])) == ["第15条", "第15条"]


# ---------------------------------------------------------------- auditor's other roles (19条)


def test_auditor_who_is_also_director_fails():
    officers = [*board(3, 0), OfficerFacts("理事 0", A)]  # same person, written with a space
    [finding] = check(officers=officers)
    assert finding.article == "第19条"
    assert finding.message == (
        "監事「理事 0」が理事を兼ねています。監事は理事を兼ねることができません (第19条)"
    )


def test_auditor_who_is_staff_fails_but_director_staff_passes():
    officers = [*board(3, 0), OfficerFacts("山田花子", A, is_staff=True)]
    [finding] = check(officers=officers)
    assert finding.article == "第19条" and "職員を兼ねています" in finding.message
    staff_director = [OfficerFacts("佐藤", D, is_staff=True), *board(2, 1)]
    assert check(officers=staff_director) == []


# ---------------------------------------------------------------- paid officers (2条2項1号ロ)


def test_paid_officers_up_to_one_third_pass():
    officers = [OfficerFacts("有給1", D, paid=True), OfficerFacts("有給2", D, paid=True), *board(3, 1)]
    assert len(officers) == 6 and check(officers=officers) == []


def test_paid_officers_above_one_third_fail():
    officers = [OfficerFacts("有給1", D, paid=True), OfficerFacts("有給2", D, paid=True), *board(2, 1)]
    [finding] = check(officers=officers)
    assert finding.article == "第2条第2項第1号ロ"
    assert finding.message == (
        "報酬を受ける役員が役員総数の3分の1を超えています: 役員5人中2人、上限1人 (第2条第2項第1号ロ)"
    )


# ---------------------------------------------------------------- relatives (21条)


def test_one_relative_pair_among_six_officers_passes():
    officers = [couple("田中一郎", D), couple("田中花子", D), *board(3, 1)]
    assert len(officers) == 6 and check(officers=officers) == []


def test_relative_pair_among_five_officers_exceeds_one_third():
    officers = [couple("田中一郎", D), couple("田中花子", A), *board(3, 0)]
    [finding] = check(officers=officers)
    assert finding.article == "第21条"
    assert finding.message == (
        "親族関係にある役員「田中一郎」・「田中花子」が役員総数の3分の1を超えています: 役員5人中2人 (第21条)"
    )


def test_three_relatives_fail_even_on_a_large_board():
    family = [OfficerFacts(f"鈴木{i}", D, relative_group=" 鈴木家") for i in range(3)]
    officers = [*family, *board(6, 1)]
    [finding] = check(officers=officers)
    assert finding.article == "第21条" and "親族は役員のうち1人までです" in finding.message


def test_two_separate_pairs_on_a_board_of_nine_pass():
    """21条 counts per officer: each pair is 2 of 9 (≤ 3), and each officer has one relative."""
    pairs = [OfficerFacts(f"{g}{i}", D, relative_group=g) for g in ("甲", "乙") for i in range(2)]
    officers = [*pairs, *board(4, 1)]
    assert len(officers) == 9 and check(officers=officers) == []


def test_blank_relative_group_means_no_relatives():
    blank = [OfficerFacts("a", D, relative_group=""), OfficerFacts("b", D, relative_group="  ")]
    officers = [*blank, *board(2, 1)]
    assert check(officers=officers) == []


# ---------------------------------------------------------------- activity fields (2条1項・別表)


def test_no_activity_field_fails():
    [finding] = check(fields=())
    assert (finding.severity, finding.article, finding.topic) == (
        Severity.ERROR, "第2条第1項・別表", "activity_fields"
    )


def test_field_outside_the_profile_fails():
    [finding] = check(fields=(1, 21))
    assert finding.severity is Severity.ERROR and "第21号" in finding.message
    # 17 fields in 2003-2012, 12 in 1998-2003: field 18 did not exist then
    assert check(fields=(17,), profile=get_profile("2003-05-01")) == []
    assert "第18号" in check(fields=(18,), profile=get_profile("2003-05-01"))[0].message
    assert check(fields=(12,), profile=get_profile("1998-12-01")) == []
    assert len(check(fields=(13,), profile=get_profile("1998-12-01"))) == 1


def test_ordinance_field_is_a_warning():
    [finding] = check(fields=(1, 20))
    assert finding.severity is Severity.WARNING and "条例" in finding.message


def test_errors_come_before_warnings():
    findings = check(members=None, officers=board(2, 1), fields=(20,))
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.WARNING, Severity.WARNING]


# ---------------------------------------------------------------- the same person twice (15条 etc.)


def test_a_director_entered_twice_is_a_finding_and_counts_once():
    """第15条 asks for 3 理事 (people, not rows): 「山田 太郎」 twice, once with a full-width space,
    is one director; the list has 2, and the double entry is named so the clerk deletes it."""
    officers = [OfficerFacts("山田 太郎", D), OfficerFacts("山田\u3000太郎", D), OfficerFacts("佐藤", D),
                OfficerFacts("監事0", A)]
    findings = check(officers=officers)
    assert [f.message for f in findings] == [
        "理事が2人です。理事は3人以上必要です (第15条)",
        "理事「山田 太郎」が2回入力されています。同じ人は1人として数えます。"
        "重複している行を削除してください (第15条)",
    ]
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.WARNING]


def test_same_name_and_kana_is_one_person_same_name_other_reading_two():
    """Two 山崎 with different readings are two people; with the same reading (katakana, hiragana or
    half-width) or with a reading missing on one of them, one."""
    twice = [
        OfficerFacts("山崎 誠", D, kana="ヤマザキ マコト"),
        OfficerFacts("山崎誠", D, kana="やまざきまこと"),
    ]
    assert "2回入力" in check(officers=[*twice, *board(2, 1)])[0].message
    half = [OfficerFacts("山崎 誠", D, kana="ﾔﾏｻﾞｷ ﾏｺﾄ"), OfficerFacts("山崎 誠", D)]
    assert "2回入力" in check(officers=[*half, *board(2, 1)])[0].message
    homonyms = [
        OfficerFacts("山崎 誠", D, kana="ヤマザキ マコト"),
        OfficerFacts("山崎 誠", D, kana="ヤマサキ マコト"),
    ]
    assert check(officers=[*homonyms, *board(1, 1)]) == []  # 3 directors: the two 山崎 and 理事0


def test_a_duplicate_counts_once_in_the_paid_officers_total():
    """第2条第2項第1号ロ: at most a third of the officers paid. Six rows, but one person entered
    twice: 5 officers, so 2 paid exceed the cap of 1 (the duplicate row would have hidden it)."""
    officers = [OfficerFacts("有給1", D, paid=True), OfficerFacts("有給2", D, paid=True), *board(2, 1),
                OfficerFacts("理事 1", D)]
    assert len(officers) == 6
    paid = [f for f in check(officers=officers) if f.article == "第2条第2項第1号ロ"]
    assert [f.message for f in paid] == [
        "報酬を受ける役員が役員総数の3分の1を超えています: 役員5人中2人、上限1人 (第2条第2項第1号ロ)"
    ]


def test_a_duplicate_counts_once_among_relatives_and_in_their_total():
    """第21条: 田中一郎 entered twice with his group is not three relatives, and the board is 6, not 7."""
    officers = [couple("田中一郎", D), couple("田中一郎", D), couple("田中花子", D), *board(3, 1)]
    assert [f.article for f in check(officers=officers)] == ["第15条"]  # only the duplicate warning
    small = [couple("田中一郎", D), couple("田中花子", A), *board(3, 0), OfficerFacts("理事2", D)]
    [relatives] = [f for f in check(officers=small) if f.article == "第21条"]
    assert relatives.message.endswith("役員5人中2人 (第21条)")
