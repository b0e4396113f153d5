"""The open deadlines as an iCalendar file (RFC 5545): parsed back, dates, Japanese text, stable UIDs.

The events carry the deadlines the dashboard lists (法10条2項・4項, 12条2項, 13条, 29条 and the 条例),
on the day the law's date counts to, with the law's date and basis in the description.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from npo_desk import store
from npo_desk.domain.deadlines import DeadlineKey
from npo_desk.domain.settings import Settings
from npo_desk.reports.calendar_file import build_calendar, office_id, write_calendar
from npo_desk.reports.due_list import open_lines
from npo_desk.store import DeadlineOverride
from tests.reports.conftest import TODAY

FIRST = datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
LATER = FIRST + timedelta(days=1, hours=2)


def _lines(st):
    return open_lines(st, store.load_settings(st), TODAY)  # the dashboard's and ``due``'s lines


def _read(path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def _events(cal: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def test_every_open_deadline_is_one_all_day_event_on_the_day_that_counts(sample_store, tmp_path) -> None:
    lines = _lines(sample_store)
    assert lines  # the sample desk has deadlines pending
    path = write_calendar(tmp_path / "期限.ics", lines, store.load_settings(sample_store), TODAY, FIRST)
    cal = _read(path)
    assert (str(cal["VERSION"]), str(cal["METHOD"])) == ("2.0", "PUBLISH")
    assert str(cal["PRODID"]).startswith("-//npo-desk//")
    assert "日南市" in str(cal["X-WR-CALNAME"])
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(lines)
    for event, item in zip(events, lines, strict=True):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event, required
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date  # all-day: VALUE=DATE, no time
        assert start == item.due.counts
        assert end == start + timedelta(days=1)
        summary, text = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert summary == f"{item.case_number} {item.procedure} {item.due.deadline.label} ({item.case_name})"
        assert item.due.deadline.basis in text  # the legal basis
        assert item.due.date_text() in text  # the law's date (and its closed-day note)
        assert event.decoded("DTSTAMP") == FIRST


def test_the_file_is_crlf_folded_and_private(sample_store, tmp_path) -> None:
    path = write_calendar(tmp_path / "due.ics", _lines(sample_store), Settings(), TODAY, FIRST)
    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # every line ends CRLF
    assert max(len(line) for line in data.split(b"\r\n")) <= 75  # folded (RFC 5545 3.1)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.part"))


def test_writing_again_keeps_the_uids_and_raises_the_sequence(sample_store, tmp_path) -> None:
    """A re-import updates the same events (same UID, higher SEQUENCE, newer DTSTAMP), never adds copies."""
    settings = store.load_settings(sample_store)
    lines = _lines(sample_store)
    first = _events(_read(write_calendar(tmp_path / "a.ics", lines, settings, TODAY, FIRST)))
    second = _events(_read(write_calendar(tmp_path / "b.ics", lines, settings, TODAY, LATER)))
    assert len(first) == len(lines)  # one UID per deadline: none shared
    assert first.keys() == second.keys()
    for uid, event in first.items():
        again = second[uid]
        assert int(again["SEQUENCE"]) > int(event["SEQUENCE"])
        assert again.decoded("DTSTAMP") > event.decoded("DTSTAMP")
        assert again.decoded("DTSTART") == event.decoded("DTSTART")
        assert str(again["SUMMARY"]) == str(event["SUMMARY"])


def test_a_changed_date_keeps_its_uid_and_two_offices_never_share_one(sample_store) -> None:
    settings = store.load_settings(sample_store)
    lines = _lines(sample_store)
    ours = _events(build_calendar(lines, settings, TODAY, FIRST))
    theirs = _events(
        build_calendar(lines, dataclasses.replace(settings, home_authority="宮崎県"), TODAY, FIRST)
    )
    assert not ours.keys() & theirs.keys()
    assert office_id(settings) != office_id(dataclasses.replace(settings, home_authority="宮崎県"))

    # A decision deadline moved earlier by a shorter 条例 period: the same event, on the new day.
    item = next(i for i in lines if i.due.deadline.key is DeadlineKey.DECISION_DEADLINE)
    shorter = dataclasses.replace(
        settings, decision_period=dataclasses.replace(settings.decision_period, months=1)
    )
    moved = open_lines(sample_store, shorter, TODAY)
    again = next(i for i in moved if (i.case_id, i.due.deadline.key) == (item.case_id, item.due.deadline.key))
    assert again.due.counts != item.due.counts
    events = _events(build_calendar(moved, shorter, TODAY, LATER))
    uid = next(
        u for u, e in ours.items() if e.decoded("DTSTART") == item.due.counts and item.case_number in u
    )
    assert events[uid].decoded("DTSTART") == again.due.counts


def test_each_years_annual_report_is_its_own_event(sample_store) -> None:
    """法29条: a 事業報告書等 every fiscal year. Once one year's is filed, the next year's is another
    event: the filed year's event must not be moved onto the next year's date."""
    settings = store.load_settings(sample_store)

    def reports(as_of: date) -> dict[str, date]:
        lines = open_lines(sample_store, settings, as_of)
        return {
            uid: event.decoded("DTSTART")
            for uid, event in _events(build_calendar(lines, settings, as_of, FIRST)).items()
            if uid.startswith("R8-004-annual_report_due")  # 南郷みかん農園応援団, 設立 2026, FY from 4/1
        }

    before = reports(TODAY)
    assert len(before) == 1
    case = next(c for c in store.list_cases(sample_store) if c.number == "R8-004")
    full = store.get_case(sample_store, case.id)
    filing = store.AnnualReportFiling(date(2026, 4, 1), date(2027, 6, 1))  # the fiscal year 2026's
    store.save_case(sample_store, dataclasses.replace(full, annual_reports=(filing,)), who="テスト")
    after = reports(TODAY)
    assert len(after) == 1
    assert not before.keys() & after.keys()  # a new event for the next year
    [(was,)], [(now,)] = [before.values()], [after.values()]
    assert now.year == was.year + 1


@pytest.mark.parametrize("shift", [-10, 10])
def test_a_manual_date_is_written_beside_the_law_s_date(sample_store, tmp_path, shift) -> None:
    """法12条2項's deadline counts to the law's date: an earlier manual date is a reminder beside it, a
    later one is written as superseded, and the event stays on the law's day either way."""
    settings = store.load_settings(sample_store)
    item = next(i for i in _lines(sample_store) if i.due.deadline.key is DeadlineKey.DECISION_DEADLINE)
    case = store.get_case(sample_store, item.case_id)
    manual = item.due.law_date + timedelta(days=shift)
    override = DeadlineOverride(DeadlineKey.DECISION_DEADLINE.value, manual, "理事会の日程に合わせる")
    store.save_case(sample_store, dataclasses.replace(case, deadline_overrides=(override,)), who="テスト")
    lines = _lines(sample_store)
    changed = next(
        i for i in lines if (i.case_id, i.due.deadline.key) == (item.case_id, item.due.deadline.key)
    )
    assert changed.due.manual is not None and changed.due.manual.on == manual
    cal = _read(write_calendar(tmp_path / "m.ics", lines, settings, TODAY, FIRST))
    uid = next(u for u, e in _events(cal).items() if u.startswith(f"{item.case_number}-decision_deadline@"))
    event = _events(cal)[uid]
    assert event.decoded("DTSTART") == item.due.counts  # the law's day, never the manual one
    text = str(event["DESCRIPTION"])
    assert changed.due.manual_text() in text and "理由: 理事会の日程に合わせる" in text
    assert ("法定の期限によります" in text) is (shift > 0)
