"""The corporation's 定款 facts in force: 目的 (11条1項1号), 特定非営利活動の種類 (3号) and 事業年度
(10号), which a 定款変更 changes once it takes effect: on its 認証 (25条3項) or, needing none, once
notified (25条6項: the 届出's 受理). Until then they are its 設立 application's.
docs/legal-reference.md §13.2, §13.4.

Pure over the corporation's procedures (a whole ``Case`` or an export's light ``ExportCase``), so the
corporation window, the 公表 list and the 内閣府 file read the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Generic, Protocol, TypeVar

from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.procedures import ProcedureFacts, establishment
from npo_desk.store.records import Case, CaseKind, MilestoneKind, facts_of, procedure_facts

# The day a 定款変更 takes effect: its 認証 (25条3項), or a 届出's 受理 (25条6項).
AMENDMENT_IN_EFFECT_ON: dict[CaseKind, MilestoneKind] = {
    CaseKind.ARTICLES_AMENDMENT: MilestoneKind.CERTIFIED,
    CaseKind.ARTICLES_AMENDMENT_NOTICE: MilestoneKind.RECEIVED,
}


class Amendable(Protocol):
    """What ``articles_in_force`` reads of a procedure."""

    @property
    def id(self) -> int | None: ...
    @property
    def kind(self) -> CaseKind: ...
    @property
    def articles_topics(self) -> tuple[ArticlesTopic, ...]: ...
    @property
    def purpose(self) -> str: ...
    @property
    def activity_fields(self) -> tuple[int, ...]: ...
    @property
    def fiscal_year_start(self) -> tuple[int, int] | None: ...
    def date_of(self, kind: MilestoneKind) -> date | None: ...


C = TypeVar("C", bound=Amendable)


def amendment_in_effect_on(case: Amendable) -> date | None:
    """The day the 定款変更 ``case`` took effect; None while it has not (or for another kind)."""
    milestone = AMENDMENT_IN_EFFECT_ON.get(case.kind)
    return case.date_of(milestone) if milestone is not None else None


@dataclass(frozen=True)
class ArticlesInForce(Generic[C]):
    """For each fact, the procedure whose value is the corporation's now (None: no 設立 case)."""

    purpose_case: C | None
    activities_case: C | None  # its activity fields are numbered by its own law profile
    fiscal_year_case: C | None

    @property
    def purpose(self) -> str:
        return self.purpose_case.purpose if self.purpose_case is not None else ""

    @property
    def activity_fields(self) -> tuple[int, ...]:
        return self.activities_case.activity_fields if self.activities_case is not None else ()

    @property
    def fiscal_year_start(self) -> tuple[int, int] | None:
        return self.fiscal_year_case.fiscal_year_start if self.fiscal_year_case is not None else None


def articles_in_force(cases: Sequence[C]) -> ArticlesInForce[C]:
    """The 目的, 特定非営利活動の種類 and 事業年度 in force of the corporation whose live procedures are
    ``cases`` (oldest first): each from its latest 定款変更 of that item in effect that holds a value
    (by the day it took effect, then the later case), else from its 設立 application."""
    founding = next((case for case in cases if case.kind is CaseKind.ESTABLISHMENT), None)

    def in_force(topic: ArticlesTopic, holds: Callable[[C], bool]) -> C | None:
        changes = [
            (on, case.id or 0, case)
            for case in cases
            if topic in case.articles_topics
            and holds(case)
            and (on := amendment_in_effect_on(case)) is not None
        ]
        return max(changes, key=lambda change: change[:2])[2] if changes else founding

    return ArticlesInForce(
        in_force(ArticlesTopic.PURPOSE, lambda case: bool(case.purpose.strip())),
        in_force(ArticlesTopic.ACTIVITIES, lambda case: bool(case.activity_fields)),
        in_force(ArticlesTopic.FISCAL_YEAR, lambda case: case.fiscal_year_start is not None),
    )


def fiscal_year_changes(cases: Sequence[Amendable]) -> tuple[tuple[date, tuple[int, int]], ...]:
    """Every 定款変更 of 事業年度 in effect that holds a start, oldest first (by the day it took effect,
    then the later case): ``CaseFacts.fiscal_year_changes`` of the corporation's 設立 case, so its
    事業報告書等 follow the fiscal years in force (docs/legal-reference.md §4.7)."""
    changes = sorted(
        (on, case.id or 0, case.fiscal_year_start)
        for case in cases
        if ArticlesTopic.FISCAL_YEAR in case.articles_topics
        and case.fiscal_year_start is not None
        and (on := amendment_in_effect_on(case)) is not None
    )
    return tuple((on, start) for on, _, start in changes)


def founding_facts(founding: Case, cases: Sequence[Case]) -> CaseFacts:
    """The 設立 case's ``CaseFacts`` among the corporation's procedures ``cases``: its fiscal years
    follow every 定款変更 of 事業年度 in effect (``fiscal_year_changes``)."""
    return replace(facts_of(founding), fiscal_year_changes=fiscal_year_changes(cases))


def corporation_procedure_facts(cases: Sequence[Case]) -> list[ProcedureFacts]:
    """``procedure_facts`` of each of a corporation's procedures, the 設立 case's by ``founding_facts``."""
    return [
        establishment(founding_facts(case, cases))
        if case.kind is CaseKind.ESTABLISHMENT
        else procedure_facts(case)
        for case in cases
    ]
