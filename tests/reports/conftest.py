"""A small, realistic desk for the report tests: cases in every stage, as of 令和8年11月28日."""

from __future__ import annotations

from datetime import date

import pytest

from npo_desk import store
from npo_desk.store import AnnualReportFiling, Case, Milestone, MilestoneKind, Office, OfficeKind

TODAY = date(2026, 11, 28)
LONG_NAME = "特定非営利活動法人日南海岸の自然と文化を未来へ伝える会・飫肥城下町歴史まちなみ保存ネットワーク"


def _case(name: str, *dated: tuple[MilestoneKind, date], **fields: object) -> Case:
    offices = fields.pop("offices", (Office("宮崎県日南市中央通1丁目1-1", OfficeKind.MAIN),))
    return Case(
        name=name,
        offices=offices,  # type: ignore[arg-type]
        milestones=tuple(Milestone(kind, on) for kind, on in dated),
        **fields,  # type: ignore[arg-type]
    )


K = MilestoneKind
SAMPLE_CASES = (
    _case(
        "ひなた子ども食堂",
        (K.RECEIVED, date(2026, 11, 20)),
        name_kana="ヒナタコドモショクドウ",
        representative="日向 花子",
        activity_fields=(1, 13),
        fiscal_year_start=(4, 1),
    ),
    _case("油津まちづくり協議会", (K.RECEIVED, date(2026, 9, 1)), activity_fields=(3,)),
    _case(
        "飫肥城下町ガイドの会",
        (K.RECEIVED, date(2026, 8, 20)),
        (K.CERTIFIED, date(2026, 11, 2)),
        (K.CERTIFICATE_DELIVERED, date(2026, 11, 5)),
        activity_fields=(4, 6),
    ),
    _case(
        "南郷みかん農園応援団",
        (K.RECEIVED, date(2026, 7, 1)),
        (K.CERTIFIED, date(2026, 9, 10)),
        (K.CERTIFICATE_DELIVERED, date(2026, 9, 12)),
        (K.REGISTERED, date(2026, 10, 1)),
        activity_fields=(5,),
        fiscal_year_start=(4, 1),
    ),
    _case(LONG_NAME, (K.RECEIVED, date(2026, 11, 2)), activity_fields=(6, 7)),
    _case(
        "日南子育てネット",
        (K.CONSULTED, date(2025, 3, 1)),
        (K.RECEIVED, date(2025, 4, 7)),
        (K.CERTIFIED, date(2025, 5, 30)),
        (K.CERTIFICATE_DELIVERED, date(2025, 6, 2)),
        (K.REGISTERED, date(2025, 6, 10)),
        (K.REGISTRATION_NOTICE, date(2025, 6, 20)),
        name_kana="ニチナンコソダテネット",
        representative="飫肥 太郎",
        representative_kana="オビ タロウ",
        postal_code="887-0001",
        purpose="子育て家庭を支援し、地域の子どもの健全育成に寄与する。",
        activity_fields=(1, 2, 13),
        fiscal_year_start=(4, 1),
        annual_reports=(AnnualReportFiling(date(2025, 4, 1), date(2026, 6, 25)),),  # up to date
        offices=(
            Office("宮崎県日南市中央通1丁目1-1", OfficeKind.MAIN),
            Office("宮崎県日南市油津3丁目2-1", OfficeKind.BRANCH),
        ),
    ),
    _case("不認証の会", (K.RECEIVED, date(2026, 6, 1)), (K.REFUSED, date(2026, 7, 20))),
    _case("相談中の会", (K.CONSULTED, date(2026, 11, 1))),
    _case(
        "飫肥杉の森を守る会",
        (K.RECEIVED, date(2009, 4, 1)),
        (K.CERTIFIED, date(2009, 7, 1)),
        (K.CERTIFICATE_DELIVERED, date(2009, 7, 3)),
        (K.REGISTERED, date(2009, 7, 10)),
        (K.REGISTRATION_NOTICE, date(2009, 7, 20)),
        activity_fields=(4, 5),
        fiscal_year_start=(1, 1),
        annual_reports_tracked_from=date(2026, 1, 1),  # older reports kept on paper, not tracked
    ),
)


def add_cases(st: store.Store, cases: tuple[Case, ...] | list[Case]) -> list[Case]:
    return [store.create_case(st, case, who="テスト", today=TODAY) for case in cases]


@pytest.fixture
def sample_store(tmp_path):
    st = store.open_store(str(tmp_path / "cases.db"))
    add_cases(st, SAMPLE_CASES)
    yield st
    st.close()


@pytest.fixture
def empty_store(tmp_path):
    st = store.open_store(str(tmp_path / "empty.db"))
    yield st
    st.close()


def sqlite_bytes(st: store.Store) -> bytes:
    """The database file as it is on disk, everything committed: the pool's connections are closed
    first, which checkpoints the WAL into the file (a refused import must leave these bytes alone)."""
    st.engine.dispose()
    assert st.path is not None
    wal = st.path.with_name(st.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    return st.path.read_bytes()
