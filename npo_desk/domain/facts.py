"""What happened in a case: dated facts only. Every deadline is derived from these plus the law."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CaseFacts:
    received_on: date | None = None  # 申請受理日
    consulted_on: date | None = None  # 相談
    founding_meeting_on: date | None = None  # 設立総会
    correction_received_on: date | None = None  # 補正受付
    certified_on: date | None = None  # 認証
    refused_on: date | None = None  # 不認証
    certificate_delivered_on: date | None = None  # 認証書の到達
    registered_on: date | None = None  # 設立の登記
    registration_notice_on: date | None = None  # 設立登記完了届の受理
    withdrawn_on: date | None = None  # 取下げ
    revoked_on: date | None = None  # 認証の取消し
    law_profile_id: str | None = None  # explicit override; None = chosen by received_on
    fiscal_year_start: tuple[int, int] | None = None  # (month, day) of 事業年度開始日
    # Later 事業年度 starts by 定款変更, oldest first: (the day the change took effect, (month, day)).
    # The year in progress then ends the day before the first new start on or after that day
    # (docs/legal-reference.md §4.7).
    fiscal_year_changes: tuple[tuple[date, tuple[int, int]], ...] = ()
    # The first day of each fiscal year whose 事業報告書等 (29条) has been received: the year it covers.
    annual_reports_filed: frozenset[date] = frozenset()
    # Reports covering fiscal years that start before this are not tracked (an NPO imported with decades
    # of history behind it); None = tracked from establishment.
    annual_reports_tracked_from: date | None = None
