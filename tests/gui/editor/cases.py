"""Cases the editor tests open: small, each showing one situation."""

from __future__ import annotations

from datetime import date

from npo_desk.store import Case, Milestone, MilestoneKind, Office, OfficeKind, Officer

M = MilestoneKind


def officers(paid: int = 0) -> tuple[Officer, ...]:
    """Three directors and one auditor; the first ``paid`` directors receive a salary."""
    names = ("河野 美智子", "甲斐 健一", "黒木 由美")
    directors = tuple(Officer(name, "director", paid=i < paid) for i, name in enumerate(names))
    return (*directors, Officer("長友 誠", "auditor"))


def case(received: date | None = date(2026, 11, 20), **changes: object) -> Case:
    values: dict[str, object] = {
        "name": "特定非営利活動法人 にちなん子ども未来ネット",
        "representative": "河野 美智子",
        "member_count": 14,
        "activity_fields": (1, 13),
        "offices": (Office("宮崎県日南市中央通1丁目1番地1", OfficeKind.MAIN),),
        "officers": officers(),
        "milestones": (Milestone(M.RECEIVED, received),) if received else (),
    }
    values.update(changes)
    return Case(**values)  # type: ignore[arg-type]
