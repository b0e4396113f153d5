"""A corporation's standing from its procedures (docs/legal-reference.md §13.8).

特定非営利活動促進法13条1項 (a 法人 comes into being by its 設立の登記), 13条3項 (取消し before it),
26条 (所轄庁の変更を伴う定款変更: through the old 所轄庁, the new one takes over), 31条1項・2項 (解散;
3号 takes effect with the 所轄庁's 認定), 32条の3 (清算結了の届出), 39条1項 (a 合併 takes effect by
registration), 43条1項 (取消し for 3 years or more of missing 事業報告書等), 51条3項 (renewal window),
57条1項3号・61条3号 (a 認定 ends with the dissolution).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from npo_desk.domain.corporations import (
    CorporationStatus,
    Standing,
    corporation_open_deadlines,
    corporation_standing,
    revocation_candidates,
)
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.procedures import (
    AuthorityChange,
    DissolutionGround,
    MergerRole,
    Milestone,
    ProcedureFacts,
    ProcedureKind,
    establishment,
)
from npo_desk.domain.settings import Settings

D = date.fromisoformat
P = ProcedureKind
S = CorporationStatus
DEFAULT = Settings()


def facts(kind: ProcedureKind, **dates: str) -> ProcedureFacts:
    return ProcedureFacts(kind, {Milestone(name): D(on) for name, on in dates.items()})


REGISTERED = establishment(
    CaseFacts(
        received_on=D("2015-05-11"),
        certified_on=D("2015-08-20"),
        certificate_delivered_on=D("2015-08-24"),
        registered_on=D("2015-09-01"),
        registration_notice_on=D("2015-09-10"),
        fiscal_year_start=(4, 1),
    )
)


def test_a_group_never_registered_stays_an_application() -> None:
    """13条1項: no 設立の登記, no 法人: pending, refused, withdrawn or revoked under 13条3項 alike."""
    assert corporation_standing([]).status is S.APPLYING
    for case in (
        CaseFacts(received_on=D("2026-10-01")),
        CaseFacts(received_on=D("2026-01-05"), refused_on=D("2026-03-01")),
        CaseFacts(received_on=D("2026-01-05"), withdrawn_on=D("2026-01-20")),
        CaseFacts(received_on=D("2025-01-06"), certified_on=D("2025-03-01"), revoked_on=D("2025-10-01")),
    ):
        standing = corporation_standing([establishment(case)])
        assert standing == Standing(S.APPLYING)
        assert not standing.is_corporation


def test_registration_establishes() -> None:
    standing = corporation_standing([REGISTERED])
    assert (standing.status, standing.since, standing.label) == (S.ESTABLISHED, D("2015-09-01"), "設立済")
    assert standing.reason == "設立の登記 (平成27年9月1日)"


def test_dissolution_then_liquidation() -> None:
    """31条1項1号 then 32条の3."""
    dissolution = replace(
        facts(P.DISSOLUTION, dissolved="2026-03-31"), dissolution_ground=DissolutionGround.RESOLUTION
    )
    assert corporation_standing([REGISTERED, dissolution]).status is S.DISSOLVED
    liquidated = facts(P.LIQUIDATION_COMPLETED, occurred="2026-07-15", received="2026-07-20")
    standing = corporation_standing([REGISTERED, dissolution, liquidated])
    assert (standing.status, standing.since) == (S.LIQUIDATED, D("2026-07-15"))
    assert standing.is_corporation


def test_dissolution_for_3_go_takes_effect_with_the_certification() -> None:
    """31条2項: 目的の事業の成功の不能 dissolves only once the 所轄庁 has given its 認定."""
    asked = replace(
        facts(P.DISSOLUTION, received="2026-05-01"), dissolution_ground=DissolutionGround.IMPOSSIBLE
    )
    assert corporation_standing([REGISTERED, asked]).status is S.ESTABLISHED
    granted = replace(asked, dates={**asked.dates, Milestone.CERTIFIED: D("2026-06-15")})
    assert corporation_standing([REGISTERED, granted]).since == D("2026-06-15")


def test_revocation_then_liquidation() -> None:
    """43条 取消し → 解散 (31条1項7号) → 清算結了: 認証取消 until the 清算 ends."""
    revoked = facts(P.REVOCATION, revoked="2026-02-01")
    assert corporation_standing([REGISTERED, revoked]).status is S.REVOKED
    same_day = facts(P.LIQUIDATION_COMPLETED, occurred="2026-02-01")
    assert corporation_standing([REGISTERED, revoked, same_day]).status is S.LIQUIDATED
    assert REGISTERED.case is not None
    on_the_case = establishment(replace(REGISTERED.case, revoked_on=D("2026-02-01")))
    assert corporation_standing([on_the_case]).status is S.REVOKED  # 43条 recorded on the 設立 case


def test_authority_change_moves_the_corporation() -> None:
    """26条: certified by the new 所轄庁, the corporation is no longer ours (移管); the other way round it
    becomes ours."""
    outgoing = replace(
        facts(P.ARTICLES_AMENDMENT, received="2026-04-01", certified="2026-06-01"),
        authority_change=AuthorityChange.OUTGOING,
    )
    assert corporation_standing([REGISTERED, outgoing]).status is S.TRANSFERRED
    incoming = replace(outgoing, authority_change=AuthorityChange.INCOMING)
    assert corporation_standing([incoming]).status is S.ESTABLISHED


def test_merger_roles() -> None:
    """39条1項: the merger takes effect at its registration; the absorbed corporation is dissolved
    (31条1項5号), a new one is established, the survivor stays as it was."""
    merger = facts(P.MERGER, received="2025-04-07", certified="2025-06-02", registered="2025-09-01")
    assert (
        corporation_standing([REGISTERED, replace(merger, merger_role=MergerRole.DISSOLVING)]).status
        is S.DISSOLVED
    )
    assert (
        corporation_standing([REGISTERED, replace(merger, merger_role=MergerRole.SURVIVING)]).status
        is S.ESTABLISHED
    )
    assert corporation_standing([replace(merger, merger_role=MergerRole.NEW)]).status is S.ESTABLISHED


@given(st.permutations(range(4)))
def test_standing_does_not_depend_on_the_order_given(order: list[int]) -> None:
    procedures = [
        REGISTERED,
        replace(
            facts(P.DISSOLUTION, dissolved="2026-03-31"), dissolution_ground=DissolutionGround.RESOLUTION
        ),
        facts(P.OFFICER_CHANGE_NOTICE, occurred="2024-06-01", received="2024-06-05"),
        facts(P.LIQUIDATION_COMPLETED, occurred="2026-07-15"),
    ]
    shuffled = [procedures[i] for i in order]
    assert corporation_standing(shuffled) == corporation_standing(procedures)


# --- open deadlines of a corporation ----------------------------------------------------------------

ACCREDITED = facts(P.ACCREDITATION, received="2021-10-01", certified="2022-04-01")  # expires 2027-03-31


def test_renewal_window_closes_once_a_renewal_is_received() -> None:
    """51条3項: applied within the window, the renewal is pending (51条4項 keeps the 認定 meanwhile)."""
    keys = [
        p.deadline.key for p in corporation_open_deadlines([REGISTERED, ACCREDITED], DEFAULT, D("2026-12-02"))
    ]
    assert DeadlineKey.RENEWAL_APPLICATION_DEADLINE in keys
    renewal = facts(P.ACCREDITATION_RENEWAL, previous_expiry="2027-03-31", received="2026-11-20")
    pending = corporation_open_deadlines([REGISTERED, ACCREDITED, renewal], DEFAULT, D("2026-12-02"))
    assert DeadlineKey.RENEWAL_APPLICATION_DEADLINE not in [p.deadline.key for p in pending]
    assert DeadlineKey.ACCREDITATION_EXPIRY in [p.deadline.key for p in pending]
    assert all(p.index == 1 for p in pending if p.kind is P.ACCREDITATION)


def test_accreditation_deadlines_end_with_the_corporation() -> None:
    """57条1項3号 (認定の失効): a dissolved corporation has no renewal to watch (nor, as npo-desk reads it,
    事業報告書等 to chase); its 解散届 reminder stays."""
    dissolution = replace(
        facts(P.DISSOLUTION, dissolved="2026-11-01"), dissolution_ground=DissolutionGround.RESOLUTION
    )
    pending = corporation_open_deadlines([REGISTERED, ACCREDITED, dissolution], DEFAULT, D("2026-12-02"))
    assert [p.deadline.key for p in pending] == [DeadlineKey.NOTIFICATION_REMINDER]


def test_open_deadlines_are_sorted_by_the_day_to_act() -> None:
    amendment = facts(P.ARTICLES_AMENDMENT, received="2026-11-30")
    notice = facts(P.OFFICER_CHANGE_NOTICE, occurred="2026-10-01")
    pending = corporation_open_deadlines([REGISTERED, amendment, notice], DEFAULT, D("2026-12-02"))
    days = [p.deadline.act_by for p in pending]
    assert days == sorted(days)
    assert {p.kind for p in pending} >= {P.ARTICLES_AMENDMENT, P.OFFICER_CHANGE_NOTICE}


# --- 43条1項 ---------------------------------------------------------------------------------------


def npo(registered: str, filed: tuple[str, ...] = ()) -> CaseFacts:
    return CaseFacts(
        received_on=D("2019-01-07"),
        certified_on=D("2019-03-01"),
        certificate_delivered_on=D("2019-03-04"),
        registered_on=D(registered),
        fiscal_year_start=(4, 1),
        annual_reports_filed=frozenset(D(d) for d in filed),
    )


def test_revocation_candidates_have_three_years_missing() -> None:
    """43条1項: 「三年以上にわたって第二十九条の規定による事業報告書等の提出を行わないとき」."""
    three = npo("2020-09-10", filed=("2020-04-01",))  # 令和3・4・5年度分 overdue from 2024-07-02
    two = npo("2020-09-10", filed=("2020-04-01", "2023-04-01"))
    established = Standing(S.ESTABLISHED)
    entries = [
        ("three", established, three),
        ("two", established, two),
        ("gone", Standing(S.DISSOLVED), three),
    ]
    found = revocation_candidates(entries, DEFAULT, D("2024-07-02"))
    assert [(c.key, len(c.missing)) for c in found] == [("three", 3)]
    assert found[0].missing[0].year.start == D("2021-04-01")
    assert revocation_candidates(entries, DEFAULT, D("2024-07-01")) == []  # 令和5年度分 due that day
