"""The 公表 list: which applications are on it and their 縦覧 period (特定非営利活動促進法10条2項,
docs/legal-reference.md §4.1a), across the versions of the Act."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.deadlines import public_inspection_end
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.profiles import PROFILES, get_profile, profile_for
from npo_desk.domain.publication import (
    inspection_period,
    on_publication_list,
    publication_basis,
    published_by_internet,
)

D = date.fromisoformat


def test_inspection_period_runs_from_the_day_after_receipt_in_each_version():
    """10条2項「申請書を受理した日から」2か月 / 1か月 / 2週間, the receipt day not counted (民法140条)."""
    for received, start, end in (
        ("2026-11-25", "2026-11-26", "2026-12-09"),  # 令和2年法律第72号: 2週間
        ("2021-06-08", "2021-06-09", "2021-07-08"),  # 平成28年法律第70号: 1か月 (last day before R2)
        ("2017-03-31", "2017-04-01", "2017-05-31"),  # 平成23年法律第70号: 2か月
        ("2013-02-28", "2013-03-01", "2013-04-30"),  # docs §3: not 04-28
    ):
        period = inspection_period(D(received), profile_for(D(received)))
        assert (period.start, period.end) == (D(start), D(end))


@given(st.dates(min_value=date(1998, 12, 1), max_value=date(2100, 1, 1)))
def test_the_period_ends_on_the_deadline_and_starts_after_receipt(received):
    profile = profile_for(received)
    period = inspection_period(received, profile)
    assert period.start == received + timedelta(days=1)
    assert period.end == public_inspection_end(received, profile)
    assert period.includes(period.start) and period.includes(period.end)
    assert not period.includes(received) and not period.includes(period.end + timedelta(days=1))


def test_listed_from_receipt_to_the_last_day_of_inspection():
    """公表 is made「遅滞なく」 on the application (10条2項): the receipt day is on the list, the day after
    the 縦覧 is not (unless every pending application is asked for)."""
    facts = CaseFacts(received_on=D("2026-11-25"))  # 縦覧 ends 2026-12-09
    assert not on_publication_list(facts, D("2026-11-24"))
    assert on_publication_list(facts, D("2026-11-25"))
    assert on_publication_list(facts, D("2026-12-09"))
    assert not on_publication_list(facts, D("2026-12-10"))
    assert on_publication_list(facts, D("2026-12-10"), all_pending=True)
    assert not on_publication_list(facts, D("2026-11-24"), all_pending=True)


def test_decided_withdrawn_or_unreceived_applications_are_off_the_list():
    received = D("2026-09-01")
    assert not on_publication_list(CaseFacts(consulted_on=received), D("2026-09-02"), all_pending=True)
    for ended in ("certified_on", "refused_on", "withdrawn_on"):
        facts = CaseFacts(received_on=received, **{ended: D("2026-11-10")})
        assert not on_publication_list(facts, D("2026-11-10"), all_pending=True)
        # As of a day before the decision the application was still pending.
        assert on_publication_list(facts, D("2026-11-09"), all_pending=True)
        assert on_publication_list(facts, D("2026-09-10"))


def test_the_version_of_the_receipt_date_decides_the_period_on_the_list():
    """An application received on 2021-06-08 has 1か月 of 縦覧 (平成28年法律第70号附則第2条: the new
    2週間 apply only to applications from 2021-06-09)."""
    old = CaseFacts(received_on=D("2021-06-08"))
    new = CaseFacts(received_on=D("2021-06-09"))
    day = D("2021-06-30")
    assert on_publication_list(old, day)
    assert not on_publication_list(new, day)  # its 縦覧 ended 2021-06-23
    pinned = CaseFacts(received_on=D("2021-06-09"), law_profile_id="2017-04-01")
    assert on_publication_list(pinned, day)  # the clerk's explicit profile counts


def test_each_version_names_its_way_of_publishing():
    """公告 until 2017-03-31; 公告 or インターネット (平成28年法律第70号); インターネット その他の
    内閣府令で定める方法 (令和2年法律第72号). Always 10条2項: the 公表 rule is not 10条3項."""
    for profile in PROFILES:
        basis = publication_basis(profile)
        assert basis.startswith("特定非営利活動促進法第10条第2項（")
        assert ("インターネット" in basis) == published_by_internet(profile)
    assert "公告" in publication_basis(get_profile("2012-04-01"))
    assert "インターネット" not in publication_basis(get_profile("2012-04-01"))
    assert "公告又はインターネット" in publication_basis(get_profile("2017-04-01"))
    assert "内閣府令" in publication_basis(get_profile("2021-06-09"))
