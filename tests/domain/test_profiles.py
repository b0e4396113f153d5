"""Law profiles as data: choice by receipt date, boundaries, activity-field numbering."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.periods import Period
from npo_desk.domain.profiles import PROFILES, get_profile, profile_for, resolve_profile

D = date.fromisoformat


@pytest.mark.parametrize(
    ("received", "profile_id"),
    [
        ("1998-12-01", "1998-12-01"),
        ("2001-01-05", "1998-12-01"),
        ("2001-01-06", "2001-01-06"),
        ("2003-04-30", "2001-01-06"),
        ("2003-05-01", "2003-05-01"),
        ("2008-10-15", "2003-05-01"),
        ("2012-03-31", "2003-05-01"),
        ("2012-04-01", "2012-04-01"),
        ("2017-03-31", "2012-04-01"),
        ("2017-04-01", "2017-04-01"),
        ("2021-06-08", "2017-04-01"),
        ("2021-06-09", "2021-06-09"),
        ("2040-12-31", "2021-06-09"),
    ],
)
def test_profile_by_receipt_date(received: str, profile_id: str) -> None:
    assert profile_for(D(received)).id == profile_id


def test_before_the_act_is_refused() -> None:
    with pytest.raises(InvalidInput, match="施行日"):
        profile_for(D("1998-11-30"))


def test_profiles_tile_time_without_gaps() -> None:
    for older, newer in pairwise(PROFILES):
        assert older.effective_to == newer.effective_from - timedelta(days=1)
        assert older.id == older.effective_from.isoformat()
    assert PROFILES[-1].effective_to is None


@pytest.mark.parametrize(
    ("profile_id", "inspection", "correction", "fields", "national"),
    [
        ("1998-12-01", Period.months(2), None, 12, "経済企画庁"),
        ("2001-01-06", Period.months(2), None, 12, "内閣府"),
        ("2003-05-01", Period.months(2), None, 17, "内閣府"),
        ("2012-04-01", Period.months(2), Period.months(1), 20, None),
        ("2017-04-01", Period.months(1), Period.weeks(2), 20, None),
        ("2021-06-09", Period.weeks(2), Period.weeks(1), 20, None),
    ],
)
def test_profile_contents(
    profile_id: str, inspection: Period, correction: Period | None, fields: int, national: str | None
) -> None:
    p = get_profile(profile_id)
    assert (p.inspection, p.correction, len(p.activity_fields), p.multi_prefecture_authority) == (
        inspection, correction, fields, national,
    )
    assert p.decision == Period.months(2)
    assert [f.number for f in p.activity_fields] == list(range(1, fields + 1))
    assert "法律第" in p.label


def test_labels_name_the_amending_act() -> None:
    assert get_profile("2021-06-09").label == "令和3年6月9日施行 (令和2年法律第72号)"
    assert "平成23年法律第70号" in get_profile("2012-04-01").label
    assert "平成28年法律第70号" in get_profile("2017-04-01").label
    assert "平成14年法律第173号" in get_profile("2003-05-01").label


def test_current_fields_are_the_law_text() -> None:
    fields = get_profile("2021-06-09").activity_fields
    assert fields[0].name == "保健、医療又は福祉の増進を図る活動"
    assert fields[3].name == "観光の振興を図る活動"
    assert fields[7].name == "災害救援活動"
    assert fields[16].name == "職業能力の開発又は雇用機会の拡充を支援する活動"
    assert fields[19].name.startswith("前各号に掲げる活動に準ずる活動")
    assert all(f.current_number == f.number for f in fields)


def test_old_numbers_map_to_current() -> None:
    current = {f.current_number: f.name for f in get_profile("2021-06-09").activity_fields}
    p2003 = get_profile("2003-05-01")
    assert [f.current_number for f in p2003.activity_fields] == [1, 2, 3, *range(6, 20)]
    for f in p2003.activity_fields:
        assert f.name == current[f.current_number]
    p1998 = get_profile("1998-12-01")
    assert p1998.activity_field(4).name == "文化、芸術又はスポーツの振興を図る活動"  # no 学術 yet
    assert p1998.activity_field(4).current_number == 6
    assert p1998.activity_field(12).current_number == 19
    assert [f.current_number for f in p1998.activity_fields] == [1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 19]


def test_unknown_field_number() -> None:
    with pytest.raises(InvalidInput, match="第18号"):
        get_profile("2003-05-01").activity_field(18)


def test_unknown_profile_id_lists_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="2021-06-09"):
        get_profile("2020-01-01")


def test_resolve_profile() -> None:
    assert resolve_profile(CaseFacts(received_on=D("2008-10-15"))).id == "2003-05-01"
    override = CaseFacts(received_on=D("2008-10-15"), law_profile_id="2021-06-09")
    assert resolve_profile(override).id == "2021-06-09"
    assert resolve_profile(CaseFacts()).id == "2021-06-09"


@pytest.mark.parametrize(
    ("profile_id", "article", "reaches_pending"),
    [
        ("2012-04-01", "第10条第3項", True),
        ("2017-04-01", "第10条第3項", False),
        ("2021-06-09", "第10条第4項", False),
    ],
)
def test_correction_rule_is_profile_data(profile_id: str, article: str, reaches_pending: bool) -> None:
    """法第10条 補正: 第3項 from 平成23年法律第70号 (whose 附則第3条 keeps no 「なお従前の例」 for it), 第4項
    from 令和2年法律第72号 (3項 became the 公表 rule); 平成28年法律第70号附則第2条 and 令和2年法律第72号
    附則第2条 apply their periods only to applications from their 施行日."""
    p = get_profile(profile_id)
    assert (p.correction_article, p.correction_reaches_pending) == (article, reaches_pending)
