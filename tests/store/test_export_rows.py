"""``export_rows``: what the exports read, streamed in batches, says what the whole cases say.

The exports were built on whole ``Case`` objects (``get_cases``); the light records must carry the
same facts, in the same order, for the files to stay byte for byte what they were.
"""

from __future__ import annotations

from contextlib import closing
from datetime import date

import pytest

import npo_desk.store as st
from npo_desk.store import (
    AnnualReportFiling,
    Case,
    ExportCase,
    Milestone,
    MilestoneKind,
    Office,
    OfficeKind,
    Store,
    facts_of,
)
from npo_desk.store.demo import seed_demo
from tests.store.samples import sample_case

TODAY = date(2026, 11, 28)
K = MilestoneKind


def _as_exported(case: Case) -> tuple[object, ...]:
    """What an export reads of a whole case."""
    assert case.id is not None
    return (
        case.id,
        case.number,
        case.name,
        case.name_kana,
        case.representative,
        case.representative_kana,
        case.postal_code,
        case.purpose,
        case.activity_fields,
        case.fiscal_year_start,
        case.law_profile_id,
        case.notes,
        case.annual_reports_tracked_from,
        tuple(office.address for office in case.offices),
        {m.kind: m.on for m in case.milestones},
        case.annual_reports,
        facts_of(case),
        case.kind,
        st.procedure_facts(case),
        case.corporation_id,
    )


def _fields(record: ExportCase) -> tuple[object, ...]:
    return (
        record.id,
        record.number,
        record.name,
        record.name_kana,
        record.representative,
        record.representative_kana,
        record.postal_code,
        record.purpose,
        record.activity_fields,
        record.fiscal_year_start,
        record.law_profile_id,
        record.notes,
        record.annual_reports_tracked_from,
        record.addresses,
        dict(record.dates),
        record.annual_reports,
        record.facts(),
        record.kind,
        record.procedure_facts(),
        record.corporation.id if record.corporation else None,
    )


def _edge_cases() -> list[Case]:
    established = (
        Milestone(K.RECEIVED, date(2025, 4, 7)),
        Milestone(K.CERTIFIED, date(2025, 7, 1)),
        Milestone(K.CERTIFICATE_DELIVERED, date(2025, 7, 4)),
        Milestone(K.REGISTERED, date(2025, 7, 11)),
    )
    return [
        # three offices, in an order that is not alphabetical; filings entered out of order
        sample_case(
            name="支所の多い会",
            offices=(
                Office("宮崎県日南市油津3丁目5番8号"),
                Office("宮崎県日南市中央通1丁目1番地1", OfficeKind.BRANCH),
                Office("宮崎県宮崎市橘通西1丁目1番1号", OfficeKind.BRANCH),
            ),
            milestones=established,
            activity_fields=(13, 1, 3),
            fiscal_year_start=(3, 1),
            annual_reports=(
                AnnualReportFiling(date(2026, 3, 1), date(2026, 11, 2), "遅れて受理"),
                AnnualReportFiling(date(2025, 3, 1), date(2026, 5, 20)),
            ),
            annual_reports_tracked_from=date(2025, 3, 1),
        ),
        # no office, no activity field, no fiscal year, only a consultation
        sample_case(
            name="相談だけの会",
            offices=(),
            activity_fields=(),
            fiscal_year_start=None,
            milestones=(Milestone(K.CONSULTED, date(2026, 10, 1)),),
        ),
        sample_case(
            name="=1+1の会",
            notes="一行目\n二行目",
            law_profile_id="2012-04-01",
            law_profile_reason="手入力",
            milestones=established,
        ),
        sample_case(name="消される会"),
    ]


def _stored(store: Store) -> list[Case]:
    seed_demo(store, TODAY)
    numbers = st.create_cases(store, _edge_cases(), who="田中", today=TODAY)
    doomed = st.case_by_number(store, numbers[-1] or "")
    assert doomed is not None and doomed.id is not None
    st.delete_case(store, doomed.id, version=doomed.version, who="田中")
    listed = st.list_cases(store)  # newest number first, the wastebasket left out
    return st.get_cases(store, [summary.id for summary in reversed(listed)])


@pytest.mark.parametrize("batch", [2, 500])
def test_export_rows_read_what_the_whole_cases_say_oldest_number_first(store: Store, batch: int) -> None:
    whole = _stored(store)
    records = list(st.export_rows(store, batch=batch))
    assert [_fields(r) for r in records] == [_as_exported(c) for c in whole]
    assert "消される会" not in {r.name for r in records}
    many = next(r for r in records if r.name == "支所の多い会")
    assert many.main_address == "宮崎県日南市油津3丁目5番8号"
    assert [f.fiscal_year_start for f in many.annual_reports] == [date(2025, 3, 1), date(2026, 3, 1)]
    merged = next(r for r in records if r.kind is st.CaseKind.MERGER)  # the demo's 合併 and its choice
    assert merged.choices.merger_role is not None and merged.corporation is not None
    head = st.get_corporation(store, merged.corporation.id)
    assert (merged.corporation.name, merged.corporation.corporate_number) == (
        head.name,
        head.corporate_number,
    )
    lone = next(r for r in records if r.name == "相談だけの会")
    assert lone.main_address == "" and lone.date_of(K.RECEIVED) is None
    assert lone.date_of(K.CONSULTED) == date(2026, 10, 1)


def test_a_reader_that_stops_early_ends_the_read(store: Store) -> None:
    _stored(store)
    with closing(st.export_rows(store, batch=2)) as stream:
        first = next(stream)
    assert first.number
    # the store is usable at once: no cursor or transaction was left behind
    st.create_case(store, sample_case(name="後から来た会"), who="田中", today=TODAY)
    assert "後から来た会" in {r.name for r in st.export_rows(store)}
