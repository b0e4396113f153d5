"""The 公表 list: which applications are on it and their 縦覧 period (特定非営利活動促進法10条2項,
docs/legal-reference.md §4.1a), across the versions of the Act."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.deadlines import public_inspection_end
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.procedures import (
    AuthorityChange,
    MergerRole,
    Milestone,
    ProcedureFacts,
    ProcedureKind,
    establishment,
)
from npo_desk.domain.profiles import PROFILES, get_profile, profile_for
from npo_desk.domain.publication import (
    application_label,
    inspection_period,
    on_publication_list,
    publication_basis,
    published_by_internet,
    published_until_decision,
)

D = date.fromisoformat


def _established(received: str, **ends: str) -> ProcedureFacts:
    """A 設立認証 received on ``received``; ``ends``: certified_on / refused_on / withdrawn_on."""
    return establishment(CaseFacts(received_on=D(received), **{k: D(v) for k, v in ends.items()}))


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


def test_an_application_from_2021_06_09_stays_on_the_list_until_its_decision():
    """特定非営利活動促進法10条3項 (令和2年法律第72号, 附則第2条: applications from 2021-06-09):
    「前項の規定による公表は、第十二条第一項の規定による認証又は不認証の決定がされるまでの間、行うもの
    とする」. The receipt day is on the list (10条2項「遅滞なく」); past its 縦覧 (ended 2026-12-09) an
    undecided application stays, with or without ``all_pending``."""
    facts = _established("2026-11-25")
    assert not on_publication_list(facts, D("2026-11-24"))
    assert on_publication_list(facts, D("2026-11-25"))
    assert on_publication_list(facts, D("2026-12-09"))
    for all_pending in (False, True):
        assert on_publication_list(facts, D("2026-12-10"), all_pending=all_pending)
        assert on_publication_list(facts, D("2027-06-01"), all_pending=all_pending)
        assert not on_publication_list(facts, D("2026-11-24"), all_pending=all_pending)


def test_an_application_of_2019_leaves_after_its_inspection_unless_all_pending():
    """Received 2019-05-01 (平成28年法律第70号: 1か月 of 縦覧, to 2019-06-01): the Act then set no end to
    the 公表 (10条3項 was the 補正), so by default it leaves the list after its 縦覧; ``all_pending``
    keeps it until the decision."""
    facts = _established("2019-05-01")
    assert on_publication_list(facts, D("2019-06-01"))
    assert not on_publication_list(facts, D("2019-06-02"))
    assert not on_publication_list(facts, D("2026-11-28"))
    assert on_publication_list(facts, D("2019-06-02"), all_pending=True)
    assert on_publication_list(facts, D("2026-11-28"), all_pending=True)


def test_only_applications_from_the_2021_version_are_kept_until_decided():
    """10条3項 (令和2年法律第72号) applies from the version 2021-06-09 (附則第2条); every older one has no
    such rule."""
    for profile in PROFILES:
        assert published_until_decision(profile) == (profile.effective_from >= D("2021-06-09"))
    assert published_until_decision(get_profile("2021-06-09"))
    assert not published_until_decision(get_profile("2017-04-01"))


@given(st.dates(min_value=date(1998, 12, 1), max_value=date(2100, 1, 1)), st.integers(0, 2000))
def test_undecided_applications_are_listed_until_decided_from_2021_only(received, later):
    """10条3項 (令和2年法律第72号) for receipts from 2021-06-09; the 縦覧 before (10条2項)."""
    facts = establishment(CaseFacts(received_on=received))
    as_of = received + timedelta(days=later)
    in_inspection = as_of <= public_inspection_end(received, profile_for(received))
    expected = in_inspection or received >= date(2021, 6, 9)
    assert on_publication_list(facts, as_of) == expected
    assert on_publication_list(facts, as_of, all_pending=True)


def test_decided_withdrawn_or_unreceived_applications_are_off_the_list():
    """認証・不認証 (12条1項) end the 公表 (10条3項); a 取下げ ends the application itself."""
    assert not on_publication_list(
        establishment(CaseFacts(consulted_on=D("2026-09-01"))), D("2026-09-02"), all_pending=True
    )
    for received in ("2026-09-01", "2019-05-01"):
        for ended in ("certified_on", "refused_on", "withdrawn_on"):
            facts = _established(received, **{ended: "2026-11-10"})
            assert not on_publication_list(facts, D("2026-11-10"), all_pending=True)
            assert not on_publication_list(facts, D("2026-11-10"))
            # As of a day before the decision the application was still pending.
            assert on_publication_list(facts, D("2026-11-09"), all_pending=True)
            assert on_publication_list(facts, D(received))


def test_the_version_of_the_receipt_date_decides_the_period_on_the_list():
    """An application received on 2021-06-08 falls under 平成28年法律第70号 (附則第2条 of 令和2年法律第72号:
    the new 10条2項〜4項 apply only to applications from 2021-06-09): 1か月 of 縦覧 and no 10条3項, so it
    leaves after 2021-07-08; one received on 2021-06-09 stays until decided. The clerk's explicit
    profile counts."""
    old = _established("2021-06-08")
    new = _established("2021-06-09")
    assert on_publication_list(old, D("2021-06-30")) and on_publication_list(new, D("2021-06-30"))
    assert not on_publication_list(old, D("2021-07-09"))
    assert on_publication_list(new, D("2021-07-09"))  # its 縦覧 ended 2021-06-23
    pinned = establishment(CaseFacts(received_on=D("2021-06-09"), law_profile_id="2017-04-01"))
    assert on_publication_list(pinned, D("2021-06-30"))  # 1か月 of 縦覧 under the pinned version
    assert not on_publication_list(pinned, D("2021-07-10"))


def _procedure(
    kind: ProcedureKind,
    received: str,
    authority_change: AuthorityChange | None = None,
    merger_role: MergerRole | None = None,
) -> ProcedureFacts:
    dates = {Milestone.RECEIVED: D(received)}
    return ProcedureFacts(kind, dates, authority_change=authority_change, merger_role=merger_role)


def test_articles_amendment_and_merger_applications_are_published_like_establishment():
    """25条5項 (「第十条第二項から第四項まで及び第十二条の規定は、第三項の認証について準用する」) and
    34条5項 (「第十条及び第十二条の規定は、第三項の認証について準用する」) apply 10条2項・3項 to the
    定款変更 and 合併 認証: listed from receipt until decided (from 2021-06-09), off once certified;
    a 届出 or 認定 is never on the list."""
    for kind in (ProcedureKind.ARTICLES_AMENDMENT, ProcedureKind.MERGER):
        facts = _procedure(kind, "2026-11-24")
        assert on_publication_list(facts, D("2026-11-24"))
        assert on_publication_list(facts, D("2027-01-15"))  # past 縦覧, undecided
        certified = ProcedureFacts(
            kind, {Milestone.RECEIVED: D("2026-11-24"), Milestone.CERTIFIED: D("2027-01-10")}
        )
        assert not on_publication_list(certified, D("2027-01-10"), all_pending=True)
        old = _procedure(kind, "2019-05-01")
        assert not on_publication_list(old, D("2019-06-02"))
        assert on_publication_list(old, D("2019-06-02"), all_pending=True)
    for kind in (
        ProcedureKind.ARTICLES_AMENDMENT_NOTICE,
        ProcedureKind.OFFICER_CHANGE_NOTICE,
        ProcedureKind.ACCREDITATION,
    ):
        assert not on_publication_list(_procedure(kind, "2026-11-24"), D("2026-11-24"), all_pending=True)


def test_an_amendment_forwarded_to_another_authority_is_not_ours_to_publish():
    """26条1項: an amendment moving the corporation goes through the old 所轄庁 to the new one, which
    decides it (and so publishes it under 25条5項); the new 所轄庁 (INCOMING) lists it."""
    outgoing = _procedure(
        ProcedureKind.ARTICLES_AMENDMENT, "2026-11-24", authority_change=AuthorityChange.OUTGOING
    )
    incoming = _procedure(
        ProcedureKind.ARTICLES_AMENDMENT, "2026-11-24", authority_change=AuthorityChange.INCOMING
    )
    assert not on_publication_list(outgoing, D("2026-11-25"), all_pending=True)
    assert on_publication_list(incoming, D("2026-11-25"))


def test_the_kind_of_application_is_named():
    """The 申請の種類 column: the kind (10条1項, 25条3項, 34条3項) and a merging corporation's part."""
    assert application_label(_established("2026-11-24")) == "設立認証"
    assert application_label(_procedure(ProcedureKind.ARTICLES_AMENDMENT, "2026-11-24")) == "定款変更認証"
    merger = _procedure(ProcedureKind.MERGER, "2026-11-24", merger_role=MergerRole.SURVIVING)
    assert application_label(merger) == "合併認証（合併後存続する法人）"


def test_the_basis_of_an_amendment_or_merger_names_the_applying_article():
    """25条5項・34条5項 apply 10条2項: the basis reads 「第25条第5項において準用する第10条第2項」."""
    profile = get_profile("2021-06-09")
    assert publication_basis(profile, ProcedureKind.ARTICLES_AMENDMENT).startswith(
        "特定非営利活動促進法第25条第5項において準用する第10条第2項（"
    )
    assert "第34条第5項において準用する第10条第2項" in publication_basis(profile, ProcedureKind.MERGER)
    assert publication_basis(profile) == publication_basis(profile, ProcedureKind.ESTABLISHMENT)


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
