"""Attached documents in the store: round trip, history, the write checks (SQLite and PostgreSQL).

The records are those of 特定非営利活動促進法10条1項 (domain.documents); the store keeps what the
clerk marked per document and refuses what ``documents.check_record`` refuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

import npo_desk.store as st
from npo_desk.domain.documents import AttachmentRecord, AttachmentStatus
from npo_desk.domain.errors import InvalidInput
from npo_desk.store import Milestone, MilestoneKind, Store
from npo_desk.store.models import CaseDocumentRow
from tests.store.samples import sample_case

TODAY = date(2026, 11, 28)
R = AttachmentStatus


def _application(store: Store, **changes: object) -> st.Case:
    case = sample_case(milestones=(Milestone(MilestoneKind.RECEIVED, date(2026, 11, 20)),), **changes)
    return st.create_case(store, case, who="田中", today=TODAY)


def test_documents_round_trip_sorted(store: Store) -> None:
    case = _application(store)
    records = (
        AttachmentRecord("officer_list", R.CORRECTED, date(2026, 11, 25), "住所の誤記"),
        AttachmentRecord("articles", R.RECEIVED, date(2026, 11, 20)),
        AttachmentRecord("members", R.MISSING, None, "後日持参"),
    )
    saved = st.save_case(store, replace(case, documents=records), who="田中")
    again = st.get_case(store, case.id or 0)
    assert again == saved
    assert [r.key for r in again.documents] == ["articles", "members", "officer_list"]
    assert again.documents[2] == records[0]
    assert st.get_cases(store, [case.id or 0])[0].documents == again.documents  # the many-case path


def test_new_case_with_documents(store: Store) -> None:
    records = (AttachmentRecord("articles", R.RECEIVED, date(2026, 11, 20)),)
    case = _application(store, documents=records)
    assert st.get_case(store, case.id or 0).documents == records


def test_documents_are_in_the_history(store: Store) -> None:
    case = _application(store)
    received = AttachmentRecord("articles", R.RECEIVED, date(2026, 11, 20))
    case = st.save_case(store, replace(case, documents=(received,)), who="田中")
    latest = st.case_history(store, case.id or 0)[0]
    assert (latest.field, latest.label, latest.old, latest.new) == (
        "document:articles",
        "添付書類: 定款",
        None,
        "受領 2026-11-20",
    )
    corrected = replace(received, status=R.CORRECTED, on=date(2026, 11, 26), note="訂正印")
    case = st.save_case(store, replace(case, documents=(corrected,)), who="田中")
    latest = st.case_history(store, case.id or 0)[0]
    assert (latest.old, latest.new) == ("受領 2026-11-20", "補正済 2026-11-26 (訂正印)")
    st.save_case(store, replace(case, documents=()), who="田中")
    latest = st.case_history(store, case.id or 0)[0]
    assert (latest.old, latest.new) == ("補正済 2026-11-26 (訂正印)", None)


def test_rows_go_with_the_case(store: Store) -> None:
    """One row per recorded document, with the case's id and the status's value."""
    case = _application(store, documents=(AttachmentRecord("articles", R.RECEIVED, date(2026, 11, 20)),))
    with store.read() as session:
        rows = session.scalars(select(CaseDocumentRow)).all()
        assert [(r.case_id, r.key, r.status) for r in rows] == [(case.id, "articles", "received")]


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ((AttachmentRecord("articles", R.RECEIVED),), "日付"),
        ((AttachmentRecord("articles", R.MISSING, date(2026, 11, 20)),), "未提出"),
        ((AttachmentRecord("no_such_document", R.MISSING, None, "x"),), "no_such_document"),
        (
            (
                AttachmentRecord("articles", R.RECEIVED, date(2026, 11, 20)),
                AttachmentRecord("articles", R.CORRECTED, date(2026, 11, 21)),
            ),
            "2つ",
        ),
        ((AttachmentRecord("articles", R.MISSING, None, "改行\nあり"),), "改行"),
    ],
)
def test_refused_records(store: Store, records: tuple[AttachmentRecord, ...], message: str) -> None:
    case = _application(store)
    with pytest.raises(InvalidInput, match=message):
        st.save_case(store, replace(case, documents=records), who="田中")
    assert st.get_case(store, case.id or 0).documents == ()


def test_the_saved_case_comes_back_as_stored(store: Store) -> None:
    """What save_case returns is what get_case reads: documents sorted by key."""
    case = _application(store)
    records = (
        AttachmentRecord("officer_list", R.RECEIVED, date(2026, 11, 21)),
        AttachmentRecord("articles", R.RECEIVED, date(2026, 11, 20)),
    )
    saved = st.save_case(store, replace(case, documents=records), who="田中")
    assert saved.documents == tuple(sorted(records, key=lambda r: r.key))
    assert saved == st.get_case(store, case.id or 0)


def test_a_missing_document_without_a_note_is_nothing_recorded(store: Store) -> None:
    """Saving one changes nothing: no row, no history entry, no new version."""
    case = _application(store)
    saved = st.save_case(
        store, replace(case, documents=(AttachmentRecord("articles", R.MISSING),)), who="田中"
    )
    assert saved.documents == () and saved.version == case.version
    assert not any(h.field.startswith("document:") for h in st.case_history(store, case.id or 0))
