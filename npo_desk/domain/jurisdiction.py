"""所轄庁 (the authority that certifies an NPO) from its office addresses, 9条 and docs/legal-reference.md §7.

The rule is the law of the date asked about, not of the receipt date: 平成23年法律第70号附則第2条
made applications pending on 2012-04-01 count as made to the new 所轄庁 (``verdict_date`` says which
day a case is asked about):

- from 2012-04-01 (平成23年法律第70号): the governor of the prefecture of the main office; the mayor of a
  指定都市 when every office is inside that one city;
- before: the governor when every office is in one prefecture, otherwise the national authority of
  the profile (経済企画庁 until 2001-01-05, 内閣府 until 2012-03-31). 指定都市 had no powers of their own.

Where the prefecture's authority results, a municipality holding the prefecture's powers under its
事務処理特例条例 (地方自治法252条の17の2, in force 2000-04-01) does the work when every office is inside
it, on the days its delegation covers. Which ones do, and from when, is a setting of the installation
(our own municipality counts from 2000-04-01 unless the setting gives its dates), not a fact of the law.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.municipalities import (
    AddressNotFound,
    Municipality,
    MunicipalityIndex,
    ResolvedAddress,
)
from npo_desk.domain.profiles import PROFILES, LawProfile, profile_for
from npo_desk.domain.settings import Delegation, Settings
from npo_desk.domain.wareki import format_wareki


class AuthorityKind(StrEnum):
    CITY = "city"  # a municipality with delegated powers (事務処理特例条例)
    DESIGNATED_CITY = "designated_city"  # 指定都市 (from 2012-04-01)
    PREFECTURE = "prefecture"
    NATIONAL = "national"  # 経済企画庁 / 内閣府 (before 2012-04-01, offices in 2+ prefectures)


@dataclass(frozen=True)
class Verdict:
    law: str  # the law profile id the rule was taken from
    kind: AuthorityKind
    authority: str  # the bare name: 日南市, 宮崎県, 横浜市, 内閣府, 経済企画庁
    ours: bool  # the authority is our own (Settings.home_authority)
    reason: str  # one Japanese line, e.g. "日南市 (当市): すべての事務所が市内"


def decide_authority(
    offices: Sequence[str], as_of: date, settings: Settings, index: MunicipalityIndex
) -> Verdict:
    """The 所轄庁 for offices ``offices`` (the first is the main office) under the law of ``as_of``,
    with the delegations in force that day."""
    if not offices:
        raise InvalidInput("事務所の所在地が入力されていません。主たる事務所の所在地を入力してください。")
    resolved = [_resolve_office(index, address, i, as_of) for i, address in enumerate(offices)]
    profile = profile_for(as_of)
    home = _home(index, settings)
    delegations = _delegations(index, settings, home)
    delegated = frozenset(d.code for d in delegations if d.covers(as_of))

    prefectures = list(dict.fromkeys(r.prefecture for r in resolved))
    codes = {r.municipality.code for r in resolved}
    only = resolved[0].municipality if len(codes) == 1 else None

    national = profile.multi_prefecture_authority
    if national is not None and len(prefectures) > 1:
        until = format_wareki(_rule_end(profile))
        return Verdict(
            profile.id,
            AuthorityKind.NATIONAL,
            national,
            False,
            f"{national}: 事務所が2以上の都道府県にあるため ({until}以前)",
        )
    if only is not None and national is None and only.kind == "designated_city":
        return _municipal(profile, AuthorityKind.DESIGNATED_CITY, only, home)
    if only is not None and only.code in delegated:
        return _municipal(profile, AuthorityKind.CITY, only, home)

    main = resolved[0].municipality
    prefecture = index.prefecture(main.prefecture)
    ours = home.code == prefecture.code
    name = prefecture.prefecture + (" (当" + prefecture.prefecture[-1] + ")" if ours else "")
    inside = prefecture.prefecture[-1] + "内"
    if len(prefectures) > 1:
        reason = f"{name}: 事務所が2以上の都道府県にあり、主たる事務所が{inside}にあるため"
    elif only is None and (main.code in delegated or (national is None and main.kind == "designated_city")):
        area = _area(main, home) + "外"
        reason = f"{name}: 事務所が{area}にもあるため"
    elif only is not None and only.kind == "designated_city":
        before = format_wareki(_designated_city_powers_from() - timedelta(days=1))
        reason = f"{name}: すべての事務所が{inside} ({before}以前は指定都市も知事の所轄)"
    elif only is not None and (periods := [d for d in delegations if d.code == only.code]):
        reason = f"{name}: すべての事務所が{inside} ({only.name}への権限移譲は{_periods_text(periods)})"
    elif only is not None and home.prefecture == prefecture.prefecture:
        reason = f"{name}: すべての事務所が{inside} ({only.name}への権限移譲の設定なし)"
    elif only is not None:
        reason = f"{name}: すべての事務所が{inside}"
    else:
        reason = f"{name}: 事務所が{inside}の2以上の市区町村にあるため"
    return Verdict(profile.id, AuthorityKind.PREFECTURE, prefecture.prefecture, ours, reason)


def office_label(position: int) -> str:
    """How the clerk names the office at ``position`` of the list: 主たる事務所, 従たる事務所1, …"""
    return "主たる事務所" if position == 0 else f"従たる事務所{position}"


def _resolve_office(index: MunicipalityIndex, address: str, position: int, as_of: date) -> ResolvedAddress:
    """The office's municipality as named on ``as_of``: a town merged away later is still its own town
    (with no delegated powers unless configured by its own code), one merged away before is its successor."""
    try:
        return index.resolve(address, as_of)
    except AddressNotFound as err:
        raise err.in_context(office_label(position)) from None


def _home(index: MunicipalityIndex, settings: Settings) -> Municipality:
    try:
        return index.resolve_authority(settings.home_authority)
    except AddressNotFound as err:
        raise err.in_context("設定の当庁") from None


def verdict_date(facts: CaseFacts, today: date) -> date:
    """The day whose law decides a case's 所轄庁: ``today`` (the day asked about: the present for an
    open case or a living NPO, the day in question for a historical view), or the day the case ended
    (不認証, 取下げ, 認証取消し) when that came first. Never the receipt date: pending applications and
    existing NPOs moved to the new 所轄庁 on 2012-04-01 (平成23年法律第70号附則第2条)."""
    ended = [d for d in (facts.refused_on, facts.withdrawn_on, facts.revoked_on) if d is not None]
    return min([today, *ended])


def _delegations(index: MunicipalityIndex, settings: Settings, home: Municipality) -> tuple[Delegation, ...]:
    """Every delegation of the settings (each code checked against the list); ours counts implicitly
    from 2000-04-01 (地方自治法252条の17の2) when the settings give it no dates of its own."""
    for delegation in settings.delegated_municipalities:
        index.by_code(delegation.code)  # an unknown code is reported, not ignored
    listed = tuple(sorted(settings.delegated_municipalities, key=lambda d: (d.code, d.start)))
    if home.kind != "prefecture" and all(d.code != home.code for d in listed):
        listed += (Delegation(home.code),)
    return listed


def _periods_text(periods: Sequence[Delegation]) -> str:
    """「平成12年4月1日から」, 「令和2年4月1日から令和5年3月31日まで」 (several joined by 、)."""
    return "、".join(d.period_text() for d in sorted(periods, key=lambda d: d.start))


def _municipal(profile: LawProfile, kind: AuthorityKind, city: Municipality, home: Municipality) -> Verdict:
    ours = city.code == home.code
    suffix = city.name[-1]
    marker = f" (当{suffix})" if ours else ""
    return Verdict(profile.id, kind, city.name, ours, f"{city.name}{marker}: すべての事務所が{suffix}内")


def _area(city: Municipality, home: Municipality) -> str:
    """'市' when the city is ours (事務所が市外にも), else its name (事務所が横浜市外にも)."""
    return city.name[-1] if city.code == home.code else city.name


def _rule_end(profile: LawProfile) -> date:
    """Last day of the run of profiles sharing ``profile``'s rule for several prefectures."""
    end = profile.effective_to
    following = PROFILES[PROFILES.index(profile) + 1 :]
    for later in following:
        if later.multi_prefecture_authority != profile.multi_prefecture_authority:
            break
        end = later.effective_to
    assert end is not None, "the current profile has no end"
    return end


def _designated_city_powers_from() -> date:
    """The day 指定都市 became 所轄庁 (2012-04-01): the first profile without a national authority."""
    return next(p.effective_from for p in PROFILES if p.multi_prefecture_authority is None)
