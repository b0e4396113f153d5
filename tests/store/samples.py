"""A realistic case to store in tests."""

from __future__ import annotations

from datetime import date

from npo_desk.store import Case, Milestone, MilestoneKind, Office, OfficeKind, Officer


def sample_case(**changes: object) -> Case:
    values: dict[str, object] = {
        "name": "特定非営利活動法人 にちなん子ども未来ネット",
        "name_kana": "ニチナンコドモミライネット",
        "representative": "河野 美智子",
        "representative_kana": "カワノ ミチコ",
        "phone": "0987-31-1234",
        "email": "info@nichinan-kodomo.example.jp",
        "postal_code": "887-0031",
        "purpose": "日南市の子どもの健全育成と子育て家庭の支援を図る活動",
        "activity_fields": (1, 13),
        "fiscal_year_start": (4, 1),
        "member_count": 14,
        "clerk": "田中",
        "offices": (
            Office("宮崎県日南市中央通1丁目1番地1", OfficeKind.MAIN, "452017", "宮崎県"),
            Office("宮崎県日南市油津3丁目5番8号", OfficeKind.BRANCH, "452017", "宮崎県"),
        ),
        "officers": (
            Officer("河野 美智子", "director", "カワノ ミチコ"),
            Officer("甲斐 健一", "director", "カイ ケンイチ", paid=True),
            Officer("黒木 由美", "director", "クロギ ユミ", relative_group="A"),
            Officer("長友 誠", "auditor", "ナガトモ マコト"),
        ),
        "milestones": (
            Milestone(MilestoneKind.CONSULTED, date(2026, 3, 10), "窓口相談"),
            Milestone(MilestoneKind.RECEIVED, date(2026, 4, 7)),
        ),
    }
    values.update(changes)
    return Case(**values)  # type: ignore[arg-type]
